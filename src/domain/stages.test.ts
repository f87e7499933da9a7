import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import {
  CLOSED_STAGES,
  DEFAULT_STATUS_WORDS,
  findStatusWord,
  isClosedStage,
  isStage,
  normaliseStatusWord,
  STAGE_LABELS,
  STAGES,
  type StatusWord,
} from './stages.ts';

describe('stages', () => {
  test('lists the seven canonical stages in order', () => {
    assert.deepEqual([...STAGES], ['not_started', 'in_progress', 'ongoing', 'complete', 'carried_over', 'deferred', 'cancelled']);
  });

  test('has a label for every stage', () => {
    assert.deepEqual(STAGE_LABELS, {
      not_started: 'Not started',
      in_progress: 'In progress',
      ongoing: 'Ongoing',
      complete: 'Complete',
      carried_over: 'Carried over',
      deferred: 'Deferred',
      cancelled: 'Cancelled',
    });
    assert.deepEqual(Object.keys(STAGE_LABELS).sort(), [...STAGES].sort());
  });

  test('closed stages are carried over, deferred and cancelled', () => {
    assert.deepEqual([...CLOSED_STAGES], ['carried_over', 'deferred', 'cancelled']);
    for (const s of STAGES) assert.equal(isClosedStage(s), ['carried_over', 'deferred', 'cancelled'].includes(s), s);
  });

  test('complete is not a closed stage', () => {
    assert.equal(isClosedStage('complete'), false);
  });

  test('isStage accepts the canonical stages only', () => {
    for (const s of STAGES) assert.equal(isStage(s), true);
    for (const v of ['', 'COMPLETE', 'Complete', 'done', 'in progress', null, undefined, 3]) assert.equal(isStage(v), false, String(v));
  });
});

describe('DEFAULT_STATUS_WORDS', () => {
  test('maps each default word to its stage', () => {
    const map = Object.fromEntries(DEFAULT_STATUS_WORDS.map((w) => [w.word, w.stage]));
    assert.deepEqual(map, {
      COMPLETE: 'complete',
      COMPLETED: 'complete',
      'IN PROGRESS': 'in_progress',
      'ON TRACK': 'in_progress',
      ONGOING: 'ongoing',
      'NOT YET STARTED': 'not_started',
      'YET TO START': 'not_started',
      'NOT STARTED': 'not_started',
      'CARRIED OVER': 'carried_over',
      'ON HOLD': 'deferred',
      DEFERRED: 'deferred',
      CANCELLED: 'cancelled',
    });
  });

  test('has no duplicate words and every word is already normalised', () => {
    const words = DEFAULT_STATUS_WORDS.map((w) => w.word);
    assert.equal(new Set(words).size, words.length);
    for (const w of words) assert.equal(normaliseStatusWord(w), w);
  });

  test('covers every stage', () => {
    assert.deepEqual(new Set(DEFAULT_STATUS_WORDS.map((w) => w.stage)), new Set(STAGES));
  });
});

describe('normaliseStatusWord', () => {
  test('upper-cases and trims', () => {
    assert.equal(normaliseStatusWord('  complete  '), 'COMPLETE');
  });

  test('collapses internal whitespace, tabs, newlines and non-breaking spaces', () => {
    assert.equal(normaliseStatusWord('in   progress'), 'IN PROGRESS');
    assert.equal(normaliseStatusWord('in\tprogress'), 'IN PROGRESS');
    assert.equal(normaliseStatusWord('not\n yet \r\nstarted'), 'NOT YET STARTED');
    assert.equal(normaliseStatusWord('on\u00a0track'), 'ON TRACK');
  });

  test('removes trailing punctuation, including several marks and spaces between them', () => {
    assert.equal(normaliseStatusWord('Complete.'), 'COMPLETE');
    assert.equal(normaliseStatusWord('Complete!!'), 'COMPLETE');
    assert.equal(normaliseStatusWord('On track;'), 'ON TRACK');
    assert.equal(normaliseStatusWord('Deferred:'), 'DEFERRED');
    assert.equal(normaliseStatusWord('Ongoing,'), 'ONGOING');
    assert.equal(normaliseStatusWord('Cancelled ?'), 'CANCELLED');
    assert.equal(normaliseStatusWord('Ongoing -'), 'ONGOING');
    assert.equal(normaliseStatusWord('Ongoing – '), 'ONGOING');
    assert.equal(normaliseStatusWord('complete . '), 'COMPLETE');
  });

  test('keeps internal punctuation', () => {
    assert.equal(normaliseStatusWord('carried over to 2019/20'), 'CARRIED OVER TO 2019/20');
    assert.equal(normaliseStatusWord('on-going.'), 'ON-GOING');
  });

  test('gives an empty string for blank or punctuation-only input', () => {
    assert.equal(normaliseStatusWord(''), '');
    assert.equal(normaliseStatusWord('   '), '');
    assert.equal(normaliseStatusWord('...'), '');
  });
});

describe('findStatusWord', () => {
  const find = (s: string) => findStatusWord(DEFAULT_STATUS_WORDS, s);

  test('finds every default word by its exact text', () => {
    for (const w of DEFAULT_STATUS_WORDS) assert.equal(find(w.word), w);
  });

  test('ignores case, spacing and trailing punctuation', () => {
    assert.equal(find('complete')?.stage, 'complete');
    assert.equal(find('  In  Progress. ')?.stage, 'in_progress');
    assert.equal(find('on track')?.word, 'ON TRACK');
    assert.equal(find('Not yet started!')?.word, 'NOT YET STARTED');
    assert.equal(find('On hold')?.stage, 'deferred');
  });

  test('accepts "<word> to …" for carried over and other words', () => {
    assert.equal(find('CARRIED OVER TO 2019/20')?.word, 'CARRIED OVER');
    assert.equal(find('Carried over to 2019/20.')?.stage, 'carried_over');
    assert.equal(find('Deferred to next year')?.stage, 'deferred');
  });

  test('"<word> to" with nothing after it is not a match', () => {
    assert.equal(find('Carried over to'), undefined);
    assert.equal(find('Carried over to.'), undefined);
  });

  test('a word must be followed by " TO ", not just any text', () => {
    assert.equal(find('Carried over into 2019/20'), undefined);
    assert.equal(find('Complete ish'), undefined);
    assert.equal(find('CARRIED OVERTO 2019'), undefined);
  });

  test('does not treat a word inside another word as a match', () => {
    assert.equal(find('Incomplete'), undefined);
    assert.equal(find('Not complete'), undefined);
  });

  test('"YET TO START" is found exactly, not as "YET" + " TO "', () => {
    assert.equal(find('yet to start')?.word, 'YET TO START');
  });

  test('returns undefined for blank input and for unknown words', () => {
    assert.equal(find(''), undefined);
    assert.equal(find('   '), undefined);
    assert.equal(find('Done'), undefined);
    assert.equal(find('Green'), undefined);
  });

  test('an empty vocabulary finds nothing', () => {
    assert.equal(findStatusWord([], 'Complete'), undefined);
  });

  test('works with a council vocabulary written in any case', () => {
    const vocab: StatusWord[] = [
      { word: 'Achieved', stage: 'complete' },
      { word: 'Slipped', stage: 'in_progress' },
      { word: 'Moved', stage: 'carried_over' },
    ];
    assert.equal(findStatusWord(vocab, 'ACHIEVED')?.stage, 'complete');
    assert.equal(findStatusWord(vocab, 'slipped.')?.stage, 'in_progress');
    assert.equal(findStatusWord(vocab, 'Moved to 2020/21')?.stage, 'carried_over');
    assert.equal(findStatusWord(vocab, 'Complete'), undefined);
  });

  test('an exact match wins over a " TO " prefix match', () => {
    const vocab: StatusWord[] = [
      { word: 'MOVED', stage: 'carried_over' },
      { word: 'MOVED TO PLAN', stage: 'in_progress' },
    ];
    assert.equal(findStatusWord(vocab, 'moved to plan')?.stage, 'in_progress');
  });

  test('the longest prefix wins when several words qualify', () => {
    const vocab: StatusWord[] = [
      { word: 'MOVED', stage: 'carried_over' },
      { word: 'MOVED TO PLAN', stage: 'in_progress' },
    ];
    assert.equal(findStatusWord(vocab, 'moved to plan to 2020')?.word, 'MOVED TO PLAN');
    assert.equal(findStatusWord(vocab, 'moved to 2020')?.word, 'MOVED');
  });

  test('the first of two words that normalise alike wins', () => {
    const vocab: StatusWord[] = [
      { word: 'done', stage: 'complete' },
      { word: 'DONE.', stage: 'cancelled' },
    ];
    assert.equal(findStatusWord(vocab, 'Done')?.stage, 'complete');
  });

  test('a blank vocabulary word never matches', () => {
    const vocab: StatusWord[] = [{ word: '  ', stage: 'complete' }];
    assert.equal(findStatusWord(vocab, ' to x'), undefined);
    assert.equal(findStatusWord(vocab, 'x'), undefined);
  });
});

describe('status word properties', () => {
  const wordChars = fc.constantFrom(...'abcdefghijklmnopqrstuvwxyzABCXYZ0123456789/-.,;:!? \t\u00a0'.split(''));
  const text = fc.string({ unit: wordChars, maxLength: 30 });

  test('normalising is idempotent', () => {
    fc.assert(fc.property(text, (s) => normaliseStatusWord(normaliseStatusWord(s)) === normaliseStatusWord(s)));
  });

  test('a normalised word has no lower case, no edge or double spaces and no trailing punctuation', () => {
    fc.assert(
      fc.property(text, (s) => {
        const n = normaliseStatusWord(s);
        assert.equal(n, n.toUpperCase());
        assert.equal(n, n.trim());
        assert.ok(!/\s\s/u.test(n));
        assert.ok(!/[\s]/u.test(n.replace(/ /gu, '')));
        assert.ok(!/[.,;:!?\-–—]$/u.test(n));
      }),
    );
  });

  test('every default word is found however it is cased, padded or punctuated', () => {
    const word = fc.constantFrom(...DEFAULT_STATUS_WORDS);
    const caseFlips = fc.array(fc.boolean(), { minLength: 20, maxLength: 20 });
    const pad = fc.constantFrom('', ' ', '  ', '\t', '\u00a0');
    const tail = fc.constantFrom('', '.', '!', ' .', '...', ';', ':', ' -');
    fc.assert(
      fc.property(word, caseFlips, pad, pad, tail, (w, flips, before, after, end) => {
        const cased = [...w.word].map((ch, i) => (flips[i % flips.length] ? ch.toLowerCase() : ch)).join('');
        const spaced = cased.replace(/ /gu, ' '.repeat(1 + (flips[0] ? 1 : 0)));
        const found = findStatusWord(DEFAULT_STATUS_WORDS, `${before}${spaced}${end}${after}`);
        assert.equal(found, w);
      }),
    );
  });

  test('"<word> to <anything>" finds a word of the same stage for every default word', () => {
    const word = fc.constantFrom(...DEFAULT_STATUS_WORDS);
    const rest = fc.stringMatching(/^[A-Za-z0-9/]{1,10}$/u);
    fc.assert(
      fc.property(word, rest, (w, r) => {
        const found = findStatusWord(DEFAULT_STATUS_WORDS, `${w.word.toLowerCase()} to ${r}`);
        assert.ok(found, `${w.word} to ${r}`);
        // "yet to start to x" finds YET TO START; "not yet started to x" finds NOT YET STARTED, etc.
        assert.equal(found.stage, w.stage);
      }),
    );
  });

  test('whatever is found is in the vocabulary', () => {
    fc.assert(
      fc.property(text, (s) => {
        const found = findStatusWord(DEFAULT_STATUS_WORDS, s);
        assert.ok(found === undefined || DEFAULT_STATUS_WORDS.includes(found));
      }),
    );
  });
});
