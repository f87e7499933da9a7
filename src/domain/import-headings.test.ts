import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { goalHeading, isPageFurniture, readGoalHeading } from './import-headings.ts';
import { endsOpen, joinPieces, lineList, startsMidSentence, Vocabulary } from './import-text.ts';

describe('goal headings', () => {
  test('the wordings councils use, numbered in digits, OCR slips or roman numerals', () => {
    for (const [text, expected] of [
      ['Strategic Goal 3: Inform organisational effectiveness', 'Strategic Goal 3: Inform organisational effectiveness'],
      ['Corporate Priority: Place', 'Corporate Priority: Place'],
      // A strapline after the name is dropped.
      ['Corporate Priority: People Strapline: Fair and accessible services', 'Corporate Priority: People'],
      ['Strategic Goal I: Safer roads', 'Strategic Goal 1: Safer roads'],
      ['Strategic Goal II: Safer roads', 'Strategic Goal 2: Safer roads'],
      ['Goal IV – Good governance', 'Goal 4: Good governance'],
      ['Theme 1: A greener district', 'Theme 1: A greener district'],
      ['Priority 2 – Cleaner streets', 'Priority 2: Cleaner streets'],
      ['Ambition: A place to grow up', 'Ambition: A place to grow up'],
      // Repeated at the top of the next page.
      ['Strategic Goal 1: Safer roads (continued)', 'Strategic Goal 1: Safer roads'],
    ] as const) {
      assert.equal(goalHeading(text), expected, text);
    }
  });

  test('a garbled or cut qualifier is still "Strategic" or "Corporate"', () => {
    // One letter lost; one letter wrong; only the start of the word left; only its end.
    assert.equal(goalHeading('Stategic Goal 4: Jobs'), 'Strategic Goal 4: Jobs');
    assert.equal(goalHeading('Corprate Priority: Place'), 'Corporate Priority: Place');
    assert.equal(goalHeading('Strat Goal 2: Homes'), 'Strategic Goal 2: Homes');
    assert.equal(goalHeading('ategic Goal 5: Skills'), 'Strategic Goal 5: Skills');
  });

  test('prose and objectives are not headings', () => {
    for (const text of [
      'Strategic goals for 2018/19', // a plural: the sentence introducing the goals
      'Priority areas for next year', // "priority" alone needs a number
      'Our goal is to be the best council', // "Our" is no qualifier
      'Service priority 3: Empty the bins', // a service priority is an objective
      'Goal setting workshop for managers',
      'Theme park maintenance contract',
    ]) {
      assert.equal(goalHeading(text), null, text);
    }
  });

  test('cells of a heading cut at column edges, mid-word, with a letter printed twice or lost', () => {
    // "Stra" + "ategic": the doubled "a" is dropped to make the heading's word.
    const cut = readGoalHeading(['Stra', 'ategic Goal 3: Inform organisational effec', 'tiveness']);
    // Without the document's words, "effec" + "tiveness" cannot be settled: a space, and a flag.
    assert.deepEqual(cut, { label: 'Strategic Goal 3', name: 'Inform organisational effec tiveness', uncertain: true });
    const words = new Vocabulary(['Our goals: informed residents and organisational effectiveness.']);
    assert.deepEqual(readGoalHeading(['Stra', 'ategic Goal 3: Inform organisational effec', 'tiveness'], words), {
      label: 'Strategic Goal 3',
      name: 'Inform organisational effectiveness',
      uncertain: false,
    });
    // The keyword itself cut in two.
    assert.equal(readGoalHeading(['Corporate Prio', 'rity 2: Value for money'])?.label, 'Corporate Priority 2');
  });
});

describe('joining pieces of text', () => {
  test('a word cut in two is joined when the document (or common English) has the whole word', () => {
    // "loca" + "al": the "a" at the cut printed twice; "local" is a common word.
    assert.deepEqual(joinPieces(['in loca', 'al democracy'], null), { text: 'in local democracy', uncertain: false });
    assert.deepEqual(joinPieces(['a neigh-', 'bourhood hub'], new Vocabulary(['every neighbourhood'])), { text: 'a neighbourhood hub', uncertain: false });
    // A line-end hyphen that makes no word the document uses stays: "well-being".
    assert.deepEqual(joinPieces(['staff well-', 'being'], null), { text: 'staff well-being', uncertain: false });
    // Two words the document uses are two words.
    assert.deepEqual(joinPieces(['informed about the', 'council'], null), { text: 'informed about the council', uncertain: false });
    assert.deepEqual(joinPieces(['Enable strong', 'engagement'], null), { text: 'Enable strong engagement', uncertain: true });
    // A capital after the cut starts a new word.
    assert.deepEqual(joinPieces(['Strategic', 'Goal 1'], null), { text: 'Strategic Goal 1', uncertain: false });
  });

  test('text that starts mid-sentence, and text that stops mid-phrase', () => {
    assert.equal(startsMidSentence('and key actions remaining'), true);
    assert.equal(startsMidSentence(', then reported'), true);
    assert.equal(startsMidSentence('Train the staff'), false);
    // Brands written in lower case start titles.
    assert.equal(startsMidSentence('e-newsletter launch'), false);
    assert.equal(startsMidSentence('iPad roll-out'), false);
    assert.equal(endsOpen('Work with the'), true);
    assert.equal(endsOpen('Open a hostel with a neigh-'), true);
    assert.equal(endsOpen('Parks Manager,'), true);
    assert.equal(endsOpen('Review the plan'), false);
  });

  test('line lists', () => {
    assert.equal(lineList([3]), '3');
    assert.equal(lineList([9, 4]), '4 and 9');
    assert.equal(lineList([1, 2, 3, 7, 12]), '1–3, 7 and 12');
    assert.equal(lineList([5, 5, 4]), '4–5');
    // Blank lines of the source inside a run do not break it; a line with content does.
    assert.equal(lineList([2, 4, 6], new Set([3, 5])), '2–6');
    assert.equal(lineList([2, 6], new Set([3])), '2 and 6');
  });
});

describe('page furniture', () => {
  test('page numbers and protective markings on a row of their own', () => {
    for (const text of ['Page 3 of 12', '3 of 12', '- 4 -', 'Page | 7', '7 | Page', 'OFFICIAL', 'Official - Sensitive', 'Housing Plan 2024/25 Page 3 of 12']) {
      assert.equal(isPageFurniture(text), true, text);
    }
    for (const text of ['3.1', 'Pages of the plan were missing', '12 new homes', 'Official opening of the library']) {
      assert.equal(isPageFurniture(text), false, text);
    }
  });
});
