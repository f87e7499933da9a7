import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { addDays } from './dates.ts';
import { effectiveDueDate, effectiveStartDate } from './expected-progress.ts';
import {
  assessRag,
  DEFAULT_THRESHOLDS,
  isRag,
  RAG_LABELS,
  RAG_SYMBOLS,
  RAGS,
  rollup,
  validThresholds,
  OVERRIDE_RAGS,
  type LatestUpdate,
  type OverrideRag,
  type Rag,
  type RagInput,
  type RollupItem,
} from './rag.ts';
import { STAGES, type Stage } from './stages.ts';
import { ACTION_KINDS } from './vocabulary.ts';

// Plan year 2018/19. A one-off with no dates starts 1 April 2018 and is due 31 March 2019;
// on 30 September 2018 it is expected to be 50% complete (182 of 364 days).
const base: RagInput = {
  asOf: '2018-09-30',
  kind: 'one_off',
  yearStart: '2018-04-01',
  yearEnd: '2019-03-31',
  startDate: null,
  dueDate: null,
  revisedDueDate: null,
  latest: null,
  missed: null,
  nextDue: null,
  thresholds: DEFAULT_THRESHOLDS,
  override: null,
};

// The first half of 2018/19 ended on 30 September and its updates were due by 14 October.
const H1 = { id: 1, label: 'First half (April to September)', dueOn: '2018-10-14', lastDay: '2018-10-19' };
const H2 = { id: 2, label: 'Second half (October to March)', dueOn: '2019-04-14', lastDay: '2019-04-19' };

const update = (stage: Stage, percentComplete: number | null = null, asAt = '2018-09-28'): LatestUpdate => ({ stage, percentComplete, asAt });
const assess = (over: Partial<RagInput>) => assessRag({ ...base, ...over });

/**
 * A one-off starting 1 April 2018 and due 100 days later (10 July 2018), so on day k it is expected
 * to be exactly k% complete. `at(k, latest)` assesses it on day k.
 */
const HUNDRED = { startDate: '2018-04-01', dueDate: '2018-07-10' };
const at = (k: number, latest: LatestUpdate | null, over: Partial<RagInput> = {}) =>
  assess({ ...HUNDRED, asOf: addDays('2018-04-01', k), latest, ...over });

describe('RAG vocabulary', () => {
  test('lists the seven RAGs', () => {
    assert.deepEqual([...RAGS], ['green', 'amber', 'red', 'complete', 'closed', 'not_updated', 'not_due']);
  });

  test('has a word for people for every RAG', () => {
    assert.deepEqual(RAG_LABELS, {
      green: 'Green',
      amber: 'Amber',
      red: 'Red',
      complete: 'Complete',
      closed: 'Closed',
      not_updated: 'Not updated',
      not_due: 'Not due yet',
    });
  });

  test('has a distinct, non-empty symbol for every RAG', () => {
    assert.deepEqual(Object.keys(RAG_SYMBOLS).sort(), [...RAGS].sort());
    const symbols = Object.values(RAG_SYMBOLS);
    assert.equal(new Set(symbols).size, RAGS.length);
    for (const s of symbols) assert.ok(s.trim().length > 0);
    assert.deepEqual(RAG_SYMBOLS, { green: '✔', amber: '▲', red: '✖', complete: '★', closed: '■', not_updated: '?', not_due: '○' });
  });

  test('isRag accepts the seven RAGs only', () => {
    for (const r of RAGS) assert.equal(isRag(r), true);
    for (const v of ['', 'Green', 'GREEN', 'blue', 'not due', null, undefined, 1]) assert.equal(isRag(v), false, String(v));
  });
});

describe('RAG thresholds', () => {
  test('default to green at 90% and amber at 70% of expected', () => {
    assert.deepEqual(DEFAULT_THRESHOLDS, { green: 0.9, amber: 0.7 });
    assert.equal(validThresholds(DEFAULT_THRESHOLDS), true);
  });

  test('accept 0 < amber < green ≤ 1', () => {
    assert.equal(validThresholds({ green: 1, amber: 0.99 }), true);
    assert.equal(validThresholds({ green: 0.02, amber: 0.01 }), true);
    assert.equal(validThresholds({ green: 0.8, amber: 0.5 }), true);
  });

  test('refuse amber equal to or above green', () => {
    assert.equal(validThresholds({ green: 0.7, amber: 0.7 }), false);
    assert.equal(validThresholds({ green: 0.7, amber: 0.9 }), false);
  });

  test('refuse amber of 0 or below, and green above 1', () => {
    assert.equal(validThresholds({ green: 0.9, amber: 0 }), false);
    assert.equal(validThresholds({ green: 0.9, amber: -0.1 }), false);
    assert.equal(validThresholds({ green: 1.01, amber: 0.7 }), false);
    assert.equal(validThresholds({ green: 90, amber: 70 }), false);
  });

  test('refuse numbers that are not finite', () => {
    assert.equal(validThresholds({ green: Number.NaN, amber: 0.7 }), false);
    assert.equal(validThresholds({ green: 0.9, amber: Number.NaN }), false);
    assert.equal(validThresholds({ green: Number.POSITIVE_INFINITY, amber: 0.7 }), false);
    assert.equal(validThresholds({ green: 0.9, amber: Number.NEGATIVE_INFINITY }), false);
  });
});

describe('assessRag rule 1: complete', () => {
  test('a complete action is complete, with the date of the update', () => {
    const r = assess({ latest: update('complete', 100, '2018-09-30') });
    assert.deepEqual(r, {
      rag: 'complete',
      computed: 'complete',
      stage: 'complete',
      percentComplete: 100,
      expectedPercent: null,
      overdue: false,
      override: null,
      overrideApplied: false,
      explanation: 'Complete as at 30 September 2018.',
    });
  });

  test('reads the date from a timestamp', () => {
    assert.equal(assess({ latest: update('complete', 100, '2018-09-30T14:05:00.000Z') }).explanation, 'Complete as at 30 September 2018.');
  });

  test('says just "Complete." when the date is not known', () => {
    assert.equal(assess({ latest: update('complete', 100, '') }).explanation, 'Complete.');
  });

  test('is never overdue, however late', () => {
    const r = assess({ asOf: '2020-01-01', dueDate: '2018-06-30', latest: update('complete', 100) });
    assert.equal(r.rag, 'complete');
    assert.equal(r.overdue, false);
  });

  test('wins over a missed period and a start still to come', () => {
    assert.equal(assess({ missed: H1, latest: update('complete', 100) }).rag, 'complete');
    assert.equal(assess({ startDate: '2018-12-01', latest: update('complete', null) }).rag, 'complete');
  });

  test('keeps the % recorded, even when it is not 100 or not given', () => {
    assert.equal(assess({ latest: update('complete', 80) }).percentComplete, 80);
    assert.equal(assess({ latest: update('complete', null) }).percentComplete, null);
    assert.equal(assess({ latest: update('complete', 80) }).rag, 'complete');
  });
});

describe('assessRag rule 2: closed', () => {
  test('carried over, deferred and cancelled are closed, each said in words', () => {
    assert.equal(assess({ latest: update('carried_over', 40) }).explanation, 'Closed: carried over.');
    assert.equal(assess({ latest: update('deferred', 40) }).explanation, 'Closed: deferred.');
    assert.equal(assess({ latest: update('cancelled', null) }).explanation, 'Closed: cancelled.');
    for (const s of ['carried_over', 'deferred', 'cancelled'] as const) {
      const r = assess({ latest: update(s, 40) });
      assert.equal(r.rag, 'closed');
      assert.equal(r.computed, 'closed');
      assert.equal(r.stage, s);
      assert.equal(r.expectedPercent, null);
      assert.equal(r.percentComplete, 40);
    }
  });

  test('is never overdue', () => {
    const r = assess({ asOf: '2019-06-01', latest: update('deferred', 20) });
    assert.equal(r.rag, 'closed');
    assert.equal(r.overdue, false);
  });

  test('wins over a missed period and a start still to come', () => {
    assert.equal(assess({ missed: H1, latest: update('cancelled') }).rag, 'closed');
    assert.equal(assess({ startDate: '2018-12-01', latest: update('deferred') }).rag, 'closed');
  });
});

describe('assessRag rule 3: not due yet (starts later)', () => {
  test('an action starting after asOf with no update is not due, expected 0', () => {
    const r = assess({ startDate: '2018-10-01' });
    assert.deepEqual(r, {
      rag: 'not_due',
      computed: 'not_due',
      stage: 'not_started',
      percentComplete: null,
      expectedPercent: 0,
      overdue: false,
      override: null,
      overrideApplied: false,
      explanation: 'Not due yet: starts 1 October 2018.',
    });
  });

  test('the day before the start is not due; on the start day rule 3 no longer applies', () => {
    assert.equal(assess({ asOf: '2018-09-30', startDate: '2018-10-01' }).explanation, 'Not due yet: starts 1 October 2018.');
    // On the start day rule 6 applies: no update, and the first one is not due until the half ends.
    assert.equal(
      assess({ asOf: '2018-10-01', startDate: '2018-10-01', dueDate: '2018-12-31', nextDue: H2 }).explanation,
      'Not due yet: the first progress update is due by 14 April 2019 (Second half (October to March)).',
    );
    // Once a deadline it owed an update for has passed, it is not updated.
    assert.equal(assess({ asOf: '2018-10-02', startDate: '2018-10-01', dueDate: '2018-12-31', missed: H1 }).rag, 'not_updated');
  });

  test('an update saying "not started" keeps it not due', () => {
    assert.equal(assess({ startDate: '2018-10-01', latest: update('not_started', 0) }).rag, 'not_due');
    assert.equal(assess({ startDate: '2018-10-01', latest: update('not_started', null) }).rag, 'not_due');
  });

  test('an update saying it has started early is assessed (nothing expected yet → green)', () => {
    const r = assess({ startDate: '2018-10-01', dueDate: '2018-12-31', latest: update('in_progress', 10) });
    assert.equal(r.rag, 'green');
    assert.equal(r.expectedPercent, 0);
    assert.equal(r.explanation, 'Green: 10% complete against 0% expected by 30 September 2018 (due 31 December 2018).');
  });

  test('an early start recorded as ongoing is assessed too', () => {
    assert.equal(assess({ startDate: '2018-10-01', latest: update('ongoing', null) }).rag, 'green');
  });

  test('before the plan year starts, an action with no start date is not due', () => {
    assert.equal(assess({ asOf: '2018-03-31' }).explanation, 'Not due yet: starts 1 April 2018.');
  });

  test('wins over a missed period', () => {
    assert.equal(assess({ startDate: '2018-10-01', missed: H1 }).rag, 'not_due');
  });

  test('applies to ongoing actions and milestones with a later start', () => {
    assert.equal(assess({ kind: 'ongoing', startDate: '2018-10-01' }).rag, 'not_due');
    assert.equal(assess({ kind: 'milestone', startDate: '2018-10-01' }).rag, 'not_due');
  });
});

describe('assessRag rule 4: overdue', () => {
  const Y2015 = { yearStart: '2015-04-01', yearEnd: '2016-03-31' };

  test('past its due date and not complete is red and overdue', () => {
    const r = assess({ ...Y2015, asOf: '2016-04-01', dueDate: '2016-03-31', latest: update('in_progress', 60, '2016-03-15') });
    assert.deepEqual(r, {
      rag: 'red',
      computed: 'red',
      stage: 'in_progress',
      percentComplete: 60,
      expectedPercent: 100,
      overdue: true,
      override: null,
      overrideApplied: false,
      explanation: 'Red: overdue – due 31 March 2016 and 60% complete.',
    });
  });

  test('on the due date it is not yet overdue; the day after it is', () => {
    const onDue = assess({ dueDate: '2018-09-30', latest: update('in_progress', 95) });
    assert.equal(onDue.overdue, false);
    assert.equal(onDue.rag, 'green');
    const dayAfter = assess({ dueDate: '2018-09-29', latest: update('in_progress', 95) });
    assert.equal(dayAfter.overdue, true);
    assert.equal(dayAfter.rag, 'red');
  });

  test('even 99% complete is red once overdue', () => {
    assert.equal(assess({ dueDate: '2018-09-01', latest: update('in_progress', 99) }).rag, 'red');
  });

  test('a later revised due date lifts it out of overdue', () => {
    const r = assess({ dueDate: '2018-09-01', revisedDueDate: '2018-12-31', latest: update('in_progress', 90) });
    assert.equal(r.overdue, false);
  });

  test('an earlier revised due date can make it overdue', () => {
    const r = assess({ dueDate: '2018-12-31', revisedDueDate: '2018-09-01', latest: update('in_progress', 90) });
    assert.equal(r.overdue, true);
    assert.equal(r.explanation, 'Red: overdue – due 1 September 2018 and 90% complete.');
  });

  test('a one-off with no due date is overdue after the plan year ends', () => {
    assert.equal(assess({ asOf: '2019-03-31', latest: update('in_progress', 90) }).overdue, false);
    const r = assess({ asOf: '2019-04-01', latest: update('in_progress', 90) });
    assert.equal(r.overdue, true);
    assert.equal(r.explanation, 'Red: overdue – due 31 March 2019 and 90% complete.');
  });

  test('says when there is no update at all', () => {
    assert.equal(assess({ dueDate: '2018-09-01' }).explanation, 'Red: overdue – due 1 September 2018 and no progress update recorded.');
  });

  test('says when it has not started', () => {
    assert.equal(assess({ dueDate: '2018-09-01', latest: update('not_started') }).explanation, 'Red: overdue – due 1 September 2018 and not started.');
  });

  test('says when no % was recorded, with the status', () => {
    assert.equal(assess({ dueDate: '2018-09-01', latest: update('in_progress') }).explanation, 'Red: overdue – due 1 September 2018 and in progress with no % complete recorded.');
    assert.equal(assess({ dueDate: '2018-09-01', latest: update('ongoing') }).explanation, 'Red: overdue – due 1 September 2018 and ongoing with no % complete recorded.');
  });

  test('rounds the % to a whole number', () => {
    assert.equal(assess({ dueDate: '2018-09-01', latest: update('in_progress', 59.6) }).explanation, 'Red: overdue – due 1 September 2018 and 60% complete.');
  });

  test('wins over a missed period', () => {
    const r = assess({ dueDate: '2018-09-01', missed: H1, latest: update('in_progress', 40) });
    assert.equal(r.rag, 'red');
    assert.equal(r.overdue, true);
  });

  test('applies to milestones, never to ongoing actions', () => {
    assert.equal(assess({ kind: 'milestone', dueDate: '2018-09-01', latest: update('in_progress', 50) }).overdue, true);
    // Ongoing work does not become overdue because the year ended: it is judged at 100% expected.
    const after = assess({ kind: 'ongoing', asOf: '2019-04-02', latest: update('ongoing', 100) });
    assert.equal(after.overdue, false);
    assert.equal(after.rag, 'green');
    assert.equal(after.expectedPercent, 100);
    // Nor past a due date of its own inside the year: 60% of an ongoing duty that ran to 1 September is red, not overdue.
    const own = assess({ kind: 'ongoing', dueDate: '2018-09-01', latest: update('in_progress', 60) });
    assert.deepEqual([own.rag, own.overdue, own.expectedPercent], ['red', false, 100]);
  });

  test('a leap day due date: overdue from 1 March', () => {
    const leap = { yearStart: '2019-04-01', yearEnd: '2020-03-31', dueDate: '2020-02-29', latest: update('in_progress', 50) };
    assert.equal(assess({ ...leap, asOf: '2020-02-29' }).overdue, false);
    const r = assess({ ...leap, asOf: '2020-03-01' });
    assert.equal(r.overdue, true);
    assert.equal(r.explanation, 'Red: overdue – due 29 February 2020 and 50% complete.');
  });
});

describe('assessRag rule 5: a deadline passed with no update', () => {
  test('is not updated, naming the period, its due date and the last known %', () => {
    const r = assess({ missed: H1, latest: update('in_progress', 40, '2018-06-30') });
    assert.deepEqual(r, {
      rag: 'not_updated',
      computed: 'not_updated',
      stage: 'in_progress',
      percentComplete: 40,
      expectedPercent: 50,
      overdue: false,
      override: null,
      overrideApplied: false,
      explanation: 'Not updated: no progress update for First half (April to September), due by 14 October 2018; last known: 40% complete, as at 30 June 2018.',
    });
  });

  test('applies even when the last update was on track', () => {
    assert.equal(assess({ missed: H1, latest: update('in_progress', 100) }).rag, 'not_updated');
  });

  test('gives the last known status when no % was recorded', () => {
    assert.equal(
      assess({ missed: H1, latest: update('in_progress', null, '2018-06-30') }).explanation,
      'Not updated: no progress update for First half (April to September), due by 14 October 2018; last known: in progress with no % complete recorded, as at 30 June 2018.',
    );
    assert.equal(
      assess({ missed: H1, latest: update('not_started', null, '2018-06-30') }).explanation,
      'Not updated: no progress update for First half (April to September), due by 14 October 2018; last known: not started, as at 30 June 2018.',
    );
  });

  test('says when there has never been an update', () => {
    const r = assess({ missed: H1 });
    assert.equal(r.rag, 'not_updated');
    assert.equal(r.stage, 'not_started');
    assert.equal(r.explanation, 'Not updated: no progress update for First half (April to September), due by 14 October 2018; none recorded before.');
  });

  test('applies on the due date itself (not yet overdue)', () => {
    const r = assess({ dueDate: '2018-09-30', missed: H1, latest: update('in_progress', 40) });
    assert.equal(r.rag, 'not_updated');
    assert.equal(r.expectedPercent, 100);
  });

  test('applies even when nothing is expected yet', () => {
    assert.equal(assess({ kind: 'milestone', dueDate: '2018-12-31', missed: H1 }).rag, 'not_updated');
  });

  test('applies to ongoing actions after the year ends (never overdue, but still owed their update)', () => {
    assert.equal(assess({ kind: 'ongoing', asOf: '2019-04-30', missed: H2, latest: update('ongoing') }).rag, 'not_updated');
  });
});

describe('assessRag rule 6: no update at all, none due yet', () => {
  test('is not due yet, saying when the first update is due', () => {
    const r = assess({ nextDue: H1 });
    assert.equal(r.rag, 'not_due');
    assert.equal(r.expectedPercent, 50);
    assert.equal(r.percentComplete, null);
    assert.equal(r.explanation, 'Not due yet: the first progress update is due by 14 October 2018 (First half (April to September)).');
  });

  test('in the grace days after the due date it says the update was due and is still taken', () => {
    assert.equal(
      assess({ asOf: '2018-10-16', nextDue: H1 }).explanation,
      'Not due yet: the first progress update was due by 14 October 2018 (First half (April to September)) and is taken until 19 October 2018.',
    );
  });

  test('without a next period it says none is due', () => {
    assert.equal(assess({ kind: 'milestone', dueDate: '2018-12-31' }).explanation, 'Not due yet: no progress update is due yet.');
  });

  test('however much progress is expected: "not updated" waits for a deadline', () => {
    assert.equal(at(1, null).rag, 'not_due');
    assert.equal(at(99, null).rag, 'not_due');
    assert.equal(at(99, null, { missed: H1 }).rag, 'not_updated');
  });
});

describe('assessRag rule 7: actual against expected', () => {
  test('the worked example: amber at 40% against 55%', () => {
    const r = assess({
      asOf: '2026-11-25',
      yearStart: '2026-04-01',
      yearEnd: '2027-03-31',
      startDate: '2026-06-24',
      dueDate: '2027-03-31',
      latest: update('in_progress', 40, '2026-11-20'),
    });
    assert.equal(r.rag, 'amber');
    assert.equal(r.expectedPercent, 55);
    assert.equal(r.explanation, 'Amber: 40% complete against 55% expected by 25 November 2026 (due 31 March 2027).');
  });

  test('green at exactly 90% of expected, amber just below', () => {
    assert.equal(at(50, update('in_progress', 45)).rag, 'green');
    assert.equal(at(50, update('in_progress', 44.9)).rag, 'amber');
    assert.equal(at(50, update('in_progress', 44)).rag, 'amber');
  });

  test('amber at exactly 70% of expected, red just below', () => {
    assert.equal(at(50, update('in_progress', 35)).rag, 'amber');
    assert.equal(at(50, update('in_progress', 34.9)).rag, 'red');
    assert.equal(at(50, update('in_progress', 34)).rag, 'red');
  });

  test('thresholds hold exactly even where floating point would miss them', () => {
    // 0.9 × 99 is 89.10000000000001 and 0.7 × 90 is 62.99999999999999 in floating point.
    assert.equal(at(99, update('in_progress', 89.1)).rag, 'green');
    assert.equal(at(99, update('in_progress', 89.09)).rag, 'amber');
    assert.equal(at(90, update('in_progress', 63)).rag, 'amber');
    assert.equal(at(63, update('in_progress', 44.1)).rag, 'amber'); // 0.7 × 63 = 44.099999999999994
    assert.equal(at(55, update('in_progress', 49.5)).rag, 'green');
    assert.equal(at(55, update('in_progress', 38.5)).rag, 'amber');
    assert.equal(at(55, update('in_progress', 38.4)).rag, 'red');
  });

  test('thresholds at every expected % from 1 to 99: 90% and 70% of expected are the edges', () => {
    for (let e = 1; e <= 99; e++) {
      const g = (9 * e) / 10;
      const a = (7 * e) / 10;
      assert.equal(at(e, update('in_progress', g)).rag, 'green', `green at ${g} of ${e}`);
      assert.equal(at(e, update('in_progress', g - 0.01)).rag, 'amber', `amber below ${g} of ${e}`);
      assert.equal(at(e, update('in_progress', a)).rag, 'amber', `amber at ${a} of ${e}`);
      assert.equal(at(e, update('in_progress', a - 0.01)).rag, 'red', `red below ${a} of ${e}`);
    }
  });

  test('ahead of expected is green', () => {
    assert.equal(at(50, update('in_progress', 80)).rag, 'green');
    assert.equal(at(50, update('in_progress', 100)).rag, 'green');
  });

  test('far behind is red, with the sentence', () => {
    const r = at(50, update('in_progress', 10));
    assert.equal(r.rag, 'red');
    assert.equal(r.overdue, false);
    assert.equal(r.explanation, 'Red: 10% complete against 50% expected by 21 May 2018 (due 10 July 2018).');
  });

  test('green sentence', () => {
    assert.equal(at(50, update('in_progress', 50)).explanation, 'Green: 50% complete against 50% expected by 21 May 2018 (due 10 July 2018).');
  });

  test('rounds the % shown to a whole number but compares the exact value', () => {
    const r = at(50, update('in_progress', 44.6));
    assert.equal(r.rag, 'amber');
    assert.equal(r.explanation, 'Amber: 45% complete against 50% expected by 21 May 2018 (due 10 July 2018).');
  });

  test('custom thresholds: green at 80%, amber at 50%', () => {
    const thresholds = { green: 0.8, amber: 0.5 };
    assert.equal(at(50, update('in_progress', 40), { thresholds }).rag, 'green');
    assert.equal(at(50, update('in_progress', 39), { thresholds }).rag, 'amber');
    assert.equal(at(50, update('in_progress', 25), { thresholds }).rag, 'amber');
    assert.equal(at(50, update('in_progress', 24), { thresholds }).rag, 'red');
  });

  test('custom thresholds: green only when fully on expectation', () => {
    const thresholds = { green: 1, amber: 0.95 };
    assert.equal(at(60, update('in_progress', 60), { thresholds }).rag, 'green');
    assert.equal(at(60, update('in_progress', 59), { thresholds }).rag, 'amber');
    assert.equal(at(60, update('in_progress', 57), { thresholds }).rag, 'amber');
    assert.equal(at(60, update('in_progress', 56), { thresholds }).rag, 'red');
  });

  test('nothing expected yet is green, whatever the %', () => {
    assert.equal(at(0, update('in_progress', 0)).rag, 'green');
    assert.equal(at(0, update('in_progress', 0)).explanation, 'Green: 0% complete against 0% expected by 1 April 2018 (due 10 July 2018).');
    assert.equal(assess({ kind: 'milestone', dueDate: '2018-12-31', latest: update('in_progress', 0) }).rag, 'green');
  });

  test('"not started" with no % counts as 0% complete', () => {
    const r = at(50, update('not_started'));
    assert.equal(r.rag, 'red');
    assert.equal(r.percentComplete, null);
    assert.equal(r.explanation, 'Red: 0% complete against 50% expected by 21 May 2018 (due 10 July 2018).');
    assert.equal(at(0, update('not_started')).rag, 'green');
  });

  test('"not started" with a % uses the %', () => {
    assert.equal(at(50, update('not_started', 45)).rag, 'green');
  });

  test('in progress with no % recorded is amber, saying so', () => {
    const r = assess({ latest: update('in_progress') });
    assert.equal(r.rag, 'amber');
    assert.equal(r.expectedPercent, 50);
    assert.equal(r.explanation, 'Amber: reported as in progress but no % complete recorded; 50% expected by 30 September 2018 (due 31 March 2019).');
  });

  test('no % is green while nothing is expected yet', () => {
    assert.equal(at(0, update('in_progress')).rag, 'green');
    assert.equal(at(0, update('in_progress')).explanation, 'Green: no % complete recorded, and none expected by 1 April 2018 (due 10 July 2018).');
  });

  test('an ongoing action reported as ongoing with no % recorded is taken as on track', () => {
    const r = assess({ kind: 'ongoing', latest: update('ongoing') });
    assert.equal(r.rag, 'green');
    assert.equal(r.expectedPercent, 50);
    assert.equal(r.explanation, 'Green: ongoing work reported as ongoing, delivered at a constant rate; no % complete recorded.');
  });

  test('the kind decides, not the status word: a one-off reported as "ongoing" with no % is amber', () => {
    // A project due in five days (5 October 2018, from 1 April): 182 of 187 days gone, 97% expected.
    const r = assess({ dueDate: '2018-10-05', latest: update('ongoing') });
    assert.equal(r.rag, 'amber');
    assert.equal(r.explanation, 'Amber: reported as ongoing but no % complete recorded; 97% expected by 30 September 2018 (due 5 October 2018).');
    // An ongoing action reported "in progress" with no % is amber too: only "ongoing" says it runs at its rate.
    assert.equal(assess({ kind: 'ongoing', latest: update('in_progress') }).rag, 'amber');
  });

  test('ongoing stage with a % is compared like any other', () => {
    assert.equal(assess({ kind: 'ongoing', latest: update('ongoing', 30) }).rag, 'red');
    assert.equal(assess({ kind: 'ongoing', latest: update('ongoing', 45) }).rag, 'green');
  });

  test('an ongoing action is measured over its span (here the whole plan year)', () => {
    const r = assess({ kind: 'ongoing', latest: update('in_progress', 40) });
    assert.equal(r.rag, 'amber');
    assert.equal(r.explanation, 'Amber: 40% complete against 50% expected by 30 September 2018 (runs to 31 March 2019).');
  });

  test('an ongoing action starting on 1 October is judged on its own span, not the whole year', () => {
    // 15 of 182 days (1 October–31 March) have passed on 15 October: 8% expected; 6% is amber (≥ 70% of 8 = 5.6).
    const r = assess({ kind: 'ongoing', asOf: '2018-10-15', startDate: '2018-10-01', latest: update('in_progress', 6) });
    assert.equal(r.expectedPercent, 8);
    assert.equal(r.rag, 'amber');
    assert.equal(r.explanation, 'Amber: 6% complete against 8% expected by 15 October 2018 (runs to 31 March 2019).');
  });

  test('an ongoing action in a leap year, half way', () => {
    const r = assess({ kind: 'ongoing', yearStart: '2019-04-01', yearEnd: '2020-03-31', asOf: '2019-09-30', latest: update('ongoing', 45) });
    assert.equal(r.expectedPercent, 50);
    assert.equal(r.rag, 'green');
  });

  test('a milestone on its due date is expected at 100%', () => {
    const r = assess({ kind: 'milestone', dueDate: '2018-09-30', latest: update('in_progress', 80) });
    assert.equal(r.expectedPercent, 100);
    assert.equal(r.rag, 'amber');
    assert.equal(r.explanation, 'Amber: 80% complete against 100% expected by 30 September 2018 (due 30 September 2018).');
  });

  test('reports the latest stage', () => {
    assert.equal(at(50, update('in_progress', 50)).stage, 'in_progress');
    assert.equal(at(50, null).stage, 'not_started');
  });
});

describe('assessRag overrides', () => {
  const amber = { latest: update('in_progress', 40) };

  test('an override replaces the RAG but keeps the computed one and says both', () => {
    const r = assess({ ...amber, override: { rag: 'green', reason: 'Funding confirmed last week' } });
    assert.equal(r.rag, 'green');
    assert.equal(r.computed, 'amber');
    assert.deepEqual(r.override, { rag: 'green', reason: 'Funding confirmed last week' });
    assert.equal(r.overrideApplied, true);
    assert.equal(
      r.explanation,
      'Green (overridden from Amber): Funding confirmed last week. Amber: 40% complete against 50% expected by 30 September 2018 (due 31 March 2019).',
    );
  });

  test('does not add a second full stop, and keeps a question or exclamation mark', () => {
    assert.match(assess({ ...amber, override: { rag: 'red', reason: 'Contractor gone.' } }).explanation, /^Red \(overridden from Amber\): Contractor gone\. Amber: /u);
    assert.match(assess({ ...amber, override: { rag: 'red', reason: 'Budget cut!' } }).explanation, /^Red \(overridden from Amber\): Budget cut! Amber: /u);
  });

  test('tidies the spacing of the reason', () => {
    assert.match(assess({ ...amber, override: { rag: 'red', reason: '  Staff\n off  sick ' } }).explanation, /: Staff off sick\. Amber/u);
  });

  test('an override matching the computed RAG is shown as confirmed', () => {
    const r = assess({ ...amber, override: { rag: 'amber', reason: 'Agreed at DMT' } });
    assert.equal(r.rag, 'amber');
    assert.equal(r.computed, 'amber');
    assert.match(r.explanation, /^Amber \(confirmed by override\): Agreed at DMT\. Amber: 40% complete/u);
  });

  test('never hides overdue: the fact stands, with the override and its reason beside it', () => {
    const r = assess({ dueDate: '2018-09-01', latest: update('in_progress', 90), override: { rag: 'amber', reason: 'Extension agreed' } });
    assert.equal(r.rag, 'red');
    assert.equal(r.computed, 'red');
    assert.equal(r.overdue, true);
    assert.equal(r.overrideApplied, false);
    assert.deepEqual(r.override, { rag: 'amber', reason: 'Extension agreed' });
    assert.equal(r.explanation, 'Red: overdue – due 1 September 2018 and 90% complete. An override to Amber does not hide that it is overdue: Extension agreed.');
  });

  test('lapses with a missed period: not updated stands, and says the override lapsed', () => {
    const r = assess({ missed: H1, latest: update('in_progress', 40, '2018-06-30'), override: { rag: 'green', reason: 'Sign-off booked' } });
    assert.equal(r.rag, 'not_updated');
    assert.equal(r.overrideApplied, false);
    assert.equal(
      r.explanation,
      'Not updated: no progress update for First half (April to September), due by 14 October 2018; last known: 40% complete, as at 30 June 2018. The override to Green given with the last update lapsed with the missed update (it said: Sign-off booked).',
    );
  });

  test('has nothing to say about complete, closed or not-due actions', () => {
    const c = assess({ latest: update('complete', 100, '2018-09-01'), override: { rag: 'red', reason: 'Evidence awaited' } });
    assert.deepEqual([c.rag, c.override, c.overrideApplied, c.explanation], ['complete', null, false, 'Complete as at 1 September 2018.']);
    assert.equal(assess({ latest: update('deferred'), override: { rag: 'green', reason: 'x' } }).rag, 'closed');
    assert.equal(assess({ startDate: '2018-12-01', override: { rag: 'red', reason: 'x' } }).rag, 'not_due');
  });

  test('an override needs a reason', () => {
    assert.throws(() => assess({ ...amber, override: { rag: 'green', reason: '' } }), (e: unknown) => e instanceof Error && /needs a reason/u.test(e.message));
    assert.throws(() => assess({ ...amber, override: { rag: 'green', reason: '  \n ' } }), /needs a reason/u);
  });

  test('an override must be green, amber or red', () => {
    assert.throws(() => assess({ ...amber, override: { rag: 'blue' as OverrideRag, reason: 'Because' } }), /must be green, amber or red/u);
    assert.throws(() => assess({ ...amber, override: { rag: 'not_updated' as OverrideRag, reason: 'Because' } }), /must be green, amber or red/u);
  });
});

describe('assessRag bad input', () => {
  test('throws on invalid thresholds', () => {
    assert.throws(() => assess({ thresholds: { green: 0.7, amber: 0.9 } }), /thresholds/u);
    assert.throws(() => assess({ thresholds: { green: 90, amber: 70 } }), /thresholds/u);
  });

  test('throws on a malformed date', () => {
    assert.throws(() => assess({ asOf: '30/09/2018' }), /Not an ISO date/u);
    assert.throws(() => assess({ startDate: '2018-02-30' }), /Not an ISO date/u);
    assert.throws(() => assess({ revisedDueDate: 'next year' }), /Not an ISO date/u);
    // Even where the rule that applies would not have needed the date.
    assert.throws(() => assess({ dueDate: 'x', latest: update('complete', 100) }), /Not an ISO date/u);
  });
});

describe('rollup', () => {
  const item = (stage: Stage | null, rag: Rag, percentComplete: number | null, weight?: number): RollupItem =>
    weight === undefined ? { stage, rag, percentComplete } : { stage, rag, percentComplete, weight };

  test('an empty list has every key at zero and no mean', () => {
    const r = rollup([]);
    assert.equal(r.total, 0);
    assert.deepEqual(r.byStage, { not_started: 0, in_progress: 0, ongoing: 0, complete: 0, carried_over: 0, deferred: 0, cancelled: 0, no_update: 0 });
    assert.deepEqual(r.byRag, { green: 0, amber: 0, red: 0, complete: 0, closed: 0, not_updated: 0, not_due: 0 });
    assert.equal(r.meanPercent, null);
  });

  test('counts by stage (no stage → no_update) and by RAG', () => {
    const r = rollup([
      item('in_progress', 'green', 50),
      item('in_progress', 'amber', 40),
      item('complete', 'complete', 100),
      item(null, 'not_updated', null),
      item(null, 'not_due', null),
      item('deferred', 'closed', 20),
    ]);
    assert.equal(r.total, 6);
    assert.deepEqual(r.byStage, { not_started: 0, in_progress: 2, ongoing: 0, complete: 1, carried_over: 0, deferred: 1, cancelled: 0, no_update: 2 });
    assert.deepEqual(r.byRag, { green: 1, amber: 1, red: 0, complete: 1, closed: 1, not_updated: 1, not_due: 1 });
  });

  test('the mean % is over items with a %, ignoring the rest', () => {
    assert.equal(rollup([item('in_progress', 'green', 40), item('in_progress', 'green', 60), item(null, 'not_updated', null)]).meanPercent, 50);
  });

  test('no item with a % gives no mean', () => {
    assert.equal(rollup([item(null, 'not_updated', null), item('in_progress', 'amber', null)]).meanPercent, null);
  });

  test('a 0% item counts in the mean', () => {
    assert.equal(rollup([item('not_started', 'red', 0), item('in_progress', 'green', 100)]).meanPercent, 50);
  });

  test('the mean is weighted', () => {
    assert.equal(rollup([item('complete', 'complete', 100, 3), item('not_started', 'red', 0, 1)]).meanPercent, 75);
    assert.equal(rollup([item('complete', 'complete', 100, 3), item('not_started', 'red', 0)]).meanPercent, 75);
  });

  test('the mean is rounded to one decimal place', () => {
    assert.equal(rollup([item('in_progress', 'green', 10), item('in_progress', 'green', 20), item('in_progress', 'green', 20)]).meanPercent, 16.7);
    assert.equal(rollup([item('in_progress', 'green', 33.33), item('in_progress', 'green', 33.34)]).meanPercent, 33.3);
  });

  test('a weight of 0 leaves an item out of the mean but in the counts', () => {
    const r = rollup([item('in_progress', 'green', 80), item('in_progress', 'red', 0, 0)]);
    assert.equal(r.meanPercent, 80);
    assert.equal(r.total, 2);
    assert.equal(rollup([item('in_progress', 'red', 10, 0)]).meanPercent, null);
  });

  test('refuses a negative or non-finite weight', () => {
    assert.throws(() => rollup([item('in_progress', 'green', 50, -1)]), /weight/u);
    assert.throws(() => rollup([item('in_progress', 'green', 50, Number.NaN)]), /weight/u);
    assert.throws(() => rollup([item('in_progress', 'green', 50, Number.POSITIVE_INFINITY)]), /weight/u);
  });
});

// ---- properties ----

const BASE_DATE = '2000-01-01';
const date = fc.integer({ min: 0, max: 365 * 40 }).map((n) => addDays(BASE_DATE, n));
const maybeDate = fc.option(date, { nil: null });
const planYear = fc.integer({ min: 0, max: 38 }).chain((y) =>
  fc.integer({ min: 1, max: 12 }).map((m) => {
    const yearStart = `${2000 + y}-${String(m).padStart(2, '0')}-01`;
    const next = `${2001 + y}-${String(m).padStart(2, '0')}-01`;
    return { yearStart, yearEnd: addDays(next, -1) };
  }),
);
const percent = fc.oneof(fc.integer({ min: 0, max: 100 }), fc.double({ min: 0, max: 100, noNaN: true }));
const latestArb = fc.option(
  fc.record({ stage: fc.constantFrom(...STAGES), percentComplete: fc.option(percent, { nil: null }), asAt: date }),
  { nil: null },
);
const thresholdsArb = fc
  .tuple(fc.integer({ min: 1, max: 100 }), fc.integer({ min: 1, max: 100 }))
  .filter(([a, b]) => a !== b)
  .map(([a, b]) => ({ green: Math.max(a, b) / 100, amber: Math.min(a, b) / 100 }));
const reasonArb = fc.string({ minLength: 1, maxLength: 40 }).filter((s) => s.trim().length > 0);
const overrideArb = fc.option(fc.record({ rag: fc.constantFrom(...OVERRIDE_RAGS), reason: reasonArb }), { nil: null });
const dueArb = fc.option(fc.record({ id: fc.nat(), label: fc.constantFrom('Quarter 1', 'First half (April to September)', 'Period 3'), dueOn: date, lastDay: date }), { nil: null });

const inputArb: fc.Arbitrary<RagInput> = fc
  .record({
    asOf: date,
    kind: fc.constantFrom(...ACTION_KINDS),
    year: planYear,
    startDate: maybeDate,
    dueDate: maybeDate,
    revisedDueDate: maybeDate,
    latest: latestArb,
    missed: dueArb,
    nextDue: dueArb,
    thresholds: fc.oneof(fc.constant(DEFAULT_THRESHOLDS), thresholdsArb),
    override: overrideArb,
  })
  .map(({ year, ...rest }) => ({ ...rest, ...year }));

/** Inputs built around the plan year so that dates fall near one another and every rule is reached often. */
const nearInputArb: fc.Arbitrary<RagInput> = planYear.chain((year) => {
  const near = fc.integer({ min: -60, max: 425 }).map((n) => addDays(year.yearStart, n));
  return fc.record({
    asOf: near,
    kind: fc.constantFrom(...ACTION_KINDS),
    yearStart: fc.constant(year.yearStart),
    yearEnd: fc.constant(year.yearEnd),
    startDate: fc.option(near, { nil: null }),
    dueDate: fc.option(near, { nil: null }),
    revisedDueDate: fc.option(near, { nil: null }),
    latest: fc.option(fc.record({ stage: fc.constantFrom(...STAGES), percentComplete: fc.option(percent, { nil: null }), asAt: near }), { nil: null }),
    missed: dueArb,
    nextDue: dueArb,
    thresholds: fc.oneof(fc.constant(DEFAULT_THRESHOLDS), thresholdsArb),
    override: overrideArb,
  });
});

const anyInput = fc.oneof(inputArb, nearInputArb);
const RANK: Partial<Record<Rag, number>> = { red: 0, amber: 1, green: 2 };
const comparable = (r: Rag) => RANK[r] !== undefined;

describe('assessRag properties', () => {
  test('never throws for valid input; the RAG is known and the explanation starts with its word', () => {
    fc.assert(
      fc.property(anyInput, (i) => {
        const r = assessRag(i);
        assert.ok(isRag(r.rag) && isRag(r.computed));
        assert.ok(r.explanation.length > RAG_LABELS[r.rag].length);
        assert.ok(r.explanation.startsWith(RAG_LABELS[r.rag]), r.explanation);
      }),
      { numRuns: 1000 },
    );
  });

  test('without an override the explanation is one sentence: it starts with the word, ends with a full stop and has no other', () => {
    fc.assert(
      fc.property(anyInput, (i) => {
        const r = assessRag({ ...i, override: null });
        assert.ok(r.explanation.startsWith(RAG_LABELS[r.computed]), r.explanation);
        assert.ok(r.explanation.endsWith('.'), r.explanation);
        assert.equal(r.explanation.indexOf('.'), r.explanation.length - 1, r.explanation);
        assert.ok(!/NaN|undefined|null|\d\.\d/u.test(r.explanation), r.explanation);
      }),
      { numRuns: 1000 },
    );
  });

  test('without an override, rag equals computed', () => {
    fc.assert(
      fc.property(anyInput, (i) => {
        const r = assessRag({ ...i, override: null });
        assert.equal(r.rag, r.computed);
        assert.equal(r.override, null);
      }),
    );
  });

  test('an override sets a green, amber or red RAG that is not overdue, keeps the computed RAG, and its explanation contains the computed one', () => {
    fc.assert(
      fc.property(anyInput, fc.constantFrom(...OVERRIDE_RAGS), reasonArb, (i, rag, reason) => {
        const plain = assessRag({ ...i, override: null });
        const r = assessRag({ ...i, override: { rag, reason } });
        const judged = ['green', 'amber', 'red'].includes(plain.computed) && !plain.overdue;
        assert.equal(r.overrideApplied, judged);
        assert.equal(r.rag, judged ? rag : plain.computed);
        if (!judged) {
          // Facts stand; an override is told beside overdue and not updated, and dropped elsewhere.
          assert.ok(r.explanation.startsWith(plain.explanation), r.explanation);
          assert.equal(r.override !== null, plain.overdue || plain.computed === 'not_updated');
          return;
        }
        assert.equal(r.computed, plain.computed);
        assert.equal(r.overdue, plain.overdue);
        assert.equal(r.expectedPercent, plain.expectedPercent);
        assert.ok(r.explanation.startsWith(`${RAG_LABELS[rag]} (`), r.explanation);
        assert.ok(r.explanation.endsWith(plain.explanation), r.explanation);
      }),
    );
  });

  test('an override with a blank reason always throws', () => {
    fc.assert(
      fc.property(anyInput, fc.constantFrom(...OVERRIDE_RAGS), fc.constantFrom('', ' ', '\n', ' \t '), (i, rag, reason) => {
        assert.throws(() => assessRag({ ...i, override: { rag, reason } }), /needs a reason/u);
      }),
    );
  });

  test('a complete stage always gives complete, never overdue, with no expected %', () => {
    fc.assert(
      fc.property(anyInput, percent, date, (i, p, asAt) => {
        const r = assessRag({ ...i, latest: { stage: 'complete', percentComplete: p, asAt } });
        assert.equal(r.computed, 'complete');
        assert.equal(r.overdue, false);
        assert.equal(r.expectedPercent, null);
      }),
    );
  });

  test('a closed stage always gives closed, never overdue', () => {
    fc.assert(
      fc.property(anyInput, fc.constantFrom('carried_over', 'deferred', 'cancelled' as const), (i, stage) => {
        const r = assessRag({ ...i, latest: { stage, percentComplete: null, asAt: i.asOf } });
        assert.equal(r.computed, 'closed');
        assert.equal(r.overdue, false);
      }),
    );
  });

  test('overdue implies red unless overridden; and it is exactly "past due, open and started or due to have"', () => {
    fc.assert(
      fc.property(anyInput, (i) => {
        const r = assessRag(i);
        const stage = i.latest?.stage;
        const open = stage !== 'complete' && stage !== 'carried_over' && stage !== 'deferred' && stage !== 'cancelled';
        const waiting = effectiveStartDate(i) > i.asOf && (stage === undefined || stage === 'not_started');
        assert.equal(r.overdue, i.kind !== 'ongoing' && open && !waiting && effectiveDueDate(i) < i.asOf);
        if (r.overdue) {
          // Overrides never hide it; one-offs and milestones are expected at 100% once due.
          assert.equal(r.computed, 'red');
          assert.equal(r.rag, 'red');
          assert.equal(r.expectedPercent, 100);
        }
      }),
      { numRuns: 1000 },
    );
  });

  test('raising the % complete never makes the computed RAG worse', () => {
    fc.assert(
      fc.property(anyInput, fc.constantFrom('not_started', 'in_progress', 'ongoing' as const), percent, percent, (i, stage, a, b) => {
        const [lo, hi] = a <= b ? [a, b] : [b, a];
        const low = assessRag({ ...i, latest: { stage, percentComplete: lo, asAt: i.asOf } }).computed;
        const high = assessRag({ ...i, latest: { stage, percentComplete: hi, asAt: i.asOf } }).computed;
        if (comparable(low)) assert.ok(RANK[high]! >= RANK[low]!, `${low} at ${lo}% but ${high} at ${hi}%`);
        else assert.equal(high, low);
      }),
      { numRuns: 1000 },
    );
  });

  test('stricter thresholds never make the computed RAG better', () => {
    fc.assert(
      fc.property(anyInput, thresholdsArb, thresholdsArb, (i, t1, t2) => {
        const lax = { green: Math.min(t1.green, t2.green), amber: Math.min(t1.amber, t2.amber) };
        const strict = { green: Math.max(t1.green, t2.green), amber: Math.max(t1.amber, t2.amber) };
        fc.pre(validThresholds(lax) && validThresholds(strict));
        const a = assessRag({ ...i, thresholds: lax, override: null }).computed;
        const b = assessRag({ ...i, thresholds: strict, override: null }).computed;
        if (comparable(a)) assert.ok(RANK[b]! <= RANK[a]!, `${a} with ${JSON.stringify(lax)} but ${b} with ${JSON.stringify(strict)}`);
        else assert.equal(b, a);
      }),
      { numRuns: 500 },
    );
  });

  test('expected % is a whole number 0–100, or null exactly when complete or closed', () => {
    fc.assert(
      fc.property(anyInput, (i) => {
        const r = assessRag(i);
        if (r.computed === 'complete' || r.computed === 'closed') assert.equal(r.expectedPercent, null);
        else assert.ok(Number.isInteger(r.expectedPercent) && r.expectedPercent! >= 0 && r.expectedPercent! <= 100);
      }),
    );
  });

  test('a missed period turns red/amber/green/not due into not updated, and changes nothing else', () => {
    fc.assert(
      fc.property(anyInput, (i) => {
        const kept = assessRag({ ...i, missed: null, override: null });
        const missed = assessRag({ ...i, missed: H1, override: null });
        if (kept.overdue || ['complete', 'closed'].includes(kept.computed)) assert.equal(missed.computed, kept.computed);
        else if (kept.computed === 'not_due' && kept.expectedPercent === 0 && effectiveStartDate(i) > i.asOf) assert.equal(missed.computed, 'not_due');
        else assert.equal(missed.computed, 'not_updated');
        assert.equal(missed.overdue, kept.overdue);
        assert.equal(missed.expectedPercent, kept.expectedPercent);
      }),
      { numRuns: 500 },
    );
  });

  test('with no update at all the RAG is never green, amber, complete or closed', () => {
    fc.assert(
      fc.property(anyInput, (i) => {
        const r = assessRag({ ...i, latest: null, override: null });
        assert.ok(['red', 'not_updated', 'not_due'].includes(r.computed), r.computed);
        assert.equal(r.stage, 'not_started');
        assert.equal(r.percentComplete, null);
      }),
    );
  });

  test('stage and % are reported as recorded', () => {
    fc.assert(
      fc.property(anyInput, (i) => {
        const r = assessRag(i);
        assert.equal(r.stage, i.latest?.stage ?? 'not_started');
        assert.equal(r.percentComplete, i.latest?.percentComplete ?? null);
      }),
    );
  });

  test('meeting or beating expected progress is green when nothing else applies', () => {
    fc.assert(
      fc.property(nearInputArb, fc.constantFrom('in_progress', 'ongoing' as const), (i, stage) => {
        const probe = assessRag({ ...i, latest: { stage, percentComplete: 0, asAt: i.asOf }, missed: null, override: null });
        fc.pre(!probe.overdue && probe.expectedPercent !== null);
        const r = assessRag({ ...i, latest: { stage, percentComplete: probe.expectedPercent, asAt: i.asOf }, missed: null, override: null });
        assert.equal(r.computed, 'green');
      }),
    );
  });
});

describe('rollup properties', () => {
  const itemArb: fc.Arbitrary<RollupItem> = fc.record(
    {
      stage: fc.option(fc.constantFrom(...STAGES), { nil: null }),
      rag: fc.constantFrom(...RAGS),
      percentComplete: fc.option(percent, { nil: null }),
      weight: fc.integer({ min: 0, max: 10 }),
    },
    { requiredKeys: ['stage', 'rag', 'percentComplete'] },
  );
  const sum = (r: Record<string, number>) => Object.values(r).reduce((a, b) => a + b, 0);

  test('totals equal the number of items and both breakdowns sum to the total, with every key present', () => {
    fc.assert(
      fc.property(fc.array(itemArb, { maxLength: 50 }), (items) => {
        const r = rollup(items);
        assert.equal(r.total, items.length);
        assert.equal(sum(r.byRag), r.total);
        assert.equal(sum(r.byStage), r.total);
        assert.deepEqual(Object.keys(r.byRag).sort(), [...RAGS].sort());
        assert.deepEqual(Object.keys(r.byStage).sort(), [...STAGES, 'no_update'].sort());
        for (const rag of RAGS) assert.equal(r.byRag[rag], items.filter((x) => x.rag === rag).length);
        assert.equal(r.byStage.no_update, items.filter((x) => x.stage === null).length);
      }),
    );
  });

  test('the mean lies between the smallest and largest weighted %, rounded to one decimal', () => {
    fc.assert(
      fc.property(fc.array(itemArb, { maxLength: 50 }), (items) => {
        const r = rollup(items);
        const counted = items.filter((x) => x.percentComplete !== null && (x.weight ?? 1) > 0).map((x) => x.percentComplete!);
        if (counted.length === 0) {
          assert.equal(r.meanPercent, null);
          return;
        }
        assert.notEqual(r.meanPercent, null);
        assert.ok(r.meanPercent! >= Math.min(...counted) - 0.05 && r.meanPercent! <= Math.max(...counted) + 0.05);
        assert.equal(Math.round(r.meanPercent! * 10) / 10, r.meanPercent);
      }),
    );
  });

  test('does not depend on the order of the items', () => {
    fc.assert(
      fc.property(fc.array(itemArb, { maxLength: 30 }), fc.integer(), (items, seed) => {
        const shuffled = [...items];
        let s = seed;
        for (let k = shuffled.length - 1; k > 0; k--) {
          s = (s * 1103515245 + 12345) & 0x7fffffff;
          const j = s % (k + 1);
          [shuffled[k], shuffled[j]] = [shuffled[j]!, shuffled[k]!];
        }
        const a = rollup(items);
        const b = rollup(shuffled);
        assert.deepEqual(b.byRag, a.byRag);
        assert.deepEqual(b.byStage, a.byStage);
        assert.ok(a.meanPercent === b.meanPercent || Math.abs(a.meanPercent! - b.meanPercent!) <= 0.1);
      }),
    );
  });

  test('with no weights the mean is the plain mean', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 100 }), { minLength: 1, maxLength: 30 }), (ps) => {
        const r = rollup(ps.map((p) => ({ stage: 'in_progress', rag: 'green', percentComplete: p })));
        assert.equal(r.meanPercent, Math.round((ps.reduce((a, b) => a + b, 0) / ps.length) * 10) / 10);
      }),
    );
  });
});
