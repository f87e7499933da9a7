import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { applyChoices, mergeFields, parseFieldValues, parseSide, sameValue, type FieldValues } from './merge.ts';

const base: FieldValues = { title: 'Webcast meetings', dueDate: '2027-03-31', target: 'All meetings', pledgeIds: ['1', '2'] };

describe('three-way merge', () => {
  test('a field only they changed keeps theirs; a field only you changed keeps yours; both merge by themselves', () => {
    const theirs = { ...base, dueDate: '2027-01-31' };
    const mine = { ...base, title: 'Webcast every public meeting' };
    const r = mergeFields(base, theirs, mine);
    assert.deepEqual(r.merged, { title: 'Webcast every public meeting', dueDate: '2027-01-31', target: 'All meetings', pledgeIds: ['1', '2'] });
    assert.deepEqual(r.automatic, ['title', 'dueDate']);
    assert.deepEqual(r.conflicts, []);
    assert.deepEqual(
      r.differences.map((d) => [d.field, d.changedBy, d.proposed]),
      [
        ['title', 'mine', 'mine'],
        ['dueDate', 'theirs', 'theirs'],
      ],
    );
    assert.deepEqual(r.differences[0], { field: 'title', base: 'Webcast meetings', theirs: 'Webcast meetings', mine: 'Webcast every public meeting', changedBy: 'mine', proposed: 'mine' });
  });

  test('a field both changed differently is a conflict, proposing yours (you changed it)', () => {
    const theirs = { ...base, title: 'Their title' };
    const mine = { ...base, title: 'My title' };
    const r = mergeFields(base, theirs, mine);
    assert.deepEqual(r.conflicts, ['title']);
    assert.deepEqual(r.automatic, []);
    assert.equal(r.differences[0]!.changedBy, 'both');
    assert.equal(r.differences[0]!.proposed, 'mine');
    assert.equal(r.merged.title, 'My title');
  });

  test('the same change made by both is no difference at all', () => {
    const theirs = { ...base, title: 'Same new title' };
    const mine = { ...base, title: 'Same new title' };
    const r = mergeFields(base, theirs, mine);
    assert.deepEqual(r.differences, []);
    assert.equal(r.merged.title, 'Same new title');
  });

  test('sets of ids compare in any order', () => {
    assert.ok(sameValue(['2', '1'], ['1', '2']));
    assert.ok(!sameValue(['1'], ['1', '2']));
    assert.ok(!sameValue(['1', '1'], ['1', '2']));
    assert.ok(!sameValue('1', ['1']));
    const r = mergeFields(base, { ...base, pledgeIds: ['2', '1'] }, { ...base });
    assert.deepEqual(r.differences, []);
    const added = mergeFields(base, { ...base }, { ...base, pledgeIds: ['1', '2', '3'] });
    assert.deepEqual(added.automatic, ['pledgeIds']);
    assert.deepEqual(added.merged.pledgeIds, ['1', '2', '3']);
  });

  test('without the starting version every difference is for the editor to settle, proposing theirs', () => {
    const r = mergeFields(null, { ...base, dueDate: '2027-01-31' }, { ...base, title: 'Mine' });
    assert.deepEqual(r.conflicts, ['title', 'dueDate']);
    assert.ok(r.differences.every((d) => d.changedBy === 'unknown' && d.proposed === 'theirs' && d.base === undefined));
    assert.deepEqual(r.merged, { ...base, dueDate: '2027-01-31' }, 'nothing saved is replaced without a choice');
  });

  test('fields give the order and the set; a missing field counts as blank', () => {
    const r = mergeFields({ a: 'x' }, { a: 'x', b: 'theirs' }, { a: 'y' }, ['b', 'a']);
    assert.deepEqual(
      r.differences.map((d) => [d.field, d.theirs, d.mine, d.changedBy]),
      [
        ['b', 'theirs', '', 'theirs'],
        ['a', 'x', 'y', 'mine'],
      ],
    );
    assert.deepEqual(Object.keys(r.merged), ['b', 'a']);
  });

  test('applying choices: mine where chosen, otherwise theirs', () => {
    const theirs = { title: 'Theirs', dueDate: '2027-01-31', target: 'Same' };
    const mine = { title: 'Mine', dueDate: '2027-03-31', target: 'Same' };
    assert.deepEqual(applyChoices(theirs, mine, { title: 'mine', dueDate: 'theirs' }), { title: 'Mine', dueDate: '2027-01-31', target: 'Same' });
    assert.deepEqual(applyChoices(theirs, mine, {}), theirs, 'no choice keeps what is saved');
  });

  test('properties: the merge keeps agreed values, never loses a one-sided change, and proposes only values someone holds', () => {
    const value = fc.constantFrom('a', 'b', 'c');
    const record = fc.record({ f1: value, f2: value, f3: value });
    fc.assert(
      fc.property(record, record, record, (b, t, m) => {
        const r = mergeFields(b, t, m);
        for (const f of ['f1', 'f2', 'f3'] as const) {
          assert.ok(r.merged[f] === t[f] || r.merged[f] === m[f]);
          if (t[f] === m[f]) assert.equal(r.merged[f], t[f]);
          else if (b[f] === t[f]) assert.equal(r.merged[f], m[f], 'only mine changed: mine');
          else if (b[f] === m[f]) assert.equal(r.merged[f], t[f], 'only theirs changed: theirs');
          else assert.ok(r.conflicts.includes(f));
        }
        // Merging with nothing changed by them gives mine; with nothing changed by me, theirs.
        assert.deepEqual(mergeFields(b, b, m).merged, { ...m });
        assert.deepEqual(mergeFields(b, t, b).merged, { ...t });
        // Choosing the proposed sides gives the merged values.
        const choices = Object.fromEntries(r.differences.map((d) => [d.field, d.proposed]));
        assert.deepEqual(applyChoices(t, m, choices), r.merged);
      }),
    );
  });
});

describe('reading values and choices from a form', () => {
  test('reads JSON values for the named fields', () => {
    assert.deepEqual(parseFieldValues('{"title":"T","ids":["1","2"],"extra":5}', ['title', 'ids']), { title: 'T', ids: ['1', '2'] });
  });

  test('anything else is not known', () => {
    for (const bad of ['', 'not json', '[]', 'null', '"x"', '{"title":"T"}', '{"title":1,"ids":[]}', '{"title":"T","ids":[1]}']) {
      assert.equal(parseFieldValues(bad, ['title', 'ids']), null, bad);
    }
  });

  test('reads a side', () => {
    assert.equal(parseSide('mine'), 'mine');
    assert.equal(parseSide('theirs'), 'theirs');
    assert.equal(parseSide('both'), undefined);
    assert.equal(parseSide(undefined), undefined);
  });
});
