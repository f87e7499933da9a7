import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { changeSummaryText, compareLights, countByRag, tableBrief, lightText, previousPeriod, summariseChanges, type ChangeKind, type LightSnapshot } from './light-change.ts';
import type { Rag } from './rag.ts';
import type { TimelinePeriod } from './update-timeline.ts';

const P = (position: number, label: string, startDate: string, endDate: string): TimelinePeriod => ({ id: position, position, label, startDate, endDate, dueOn: null, graceDays: 0 });
// 2026/27 in quarters, in halves, and with custom periods of uneven length.
const QUARTERS = [P(1, 'Quarter 1', '2026-04-01', '2026-06-30'), P(2, 'Quarter 2', '2026-07-01', '2026-09-30'), P(3, 'Quarter 3', '2026-10-01', '2026-12-31'), P(4, 'Quarter 4', '2027-01-01', '2027-03-31')];
const HALVES = [P(1, 'First half', '2026-04-01', '2026-09-30'), P(2, 'Second half', '2026-10-01', '2027-03-31')];
const CUSTOM = [P(1, 'Spring', '2026-04-01', '2026-05-31'), P(2, 'Summer and autumn', '2026-06-01', '2026-11-30'), P(3, 'Winter', '2026-12-01', '2027-03-31')];

describe('previousPeriod: the latest period that ended strictly before the as-at date', () => {
  const cases: [string, TimelinePeriod[], string, string | null][] = [
    // [why, periods, asOf, expected label]
    ['in the first quarter nothing has ended yet', QUARTERS, '2026-05-15', null],
    ['on the last day of Quarter 1 it has not ended before the date', QUARTERS, '2026-06-30', null],
    ['the day after Quarter 1 ends, Quarter 1 is last quarter', QUARTERS, '2026-07-01', 'Quarter 1'],
    ['on the last day of Quarter 2, still Quarter 1', QUARTERS, '2026-09-30', 'Quarter 1'],
    ['in Quarter 3, Quarter 2', QUARTERS, '2026-11-12', 'Quarter 2'],
    ['on the year end, Quarter 3', QUARTERS, '2027-03-31', 'Quarter 3'],
    ['halves: in the second half, the first half', HALVES, '2026-12-05', 'First half'],
    ['halves: in the first half, none', HALVES, '2026-09-01', null],
    ['custom: in Winter, Summer and autumn', CUSTOM, '2026-12-05', 'Summer and autumn'],
    ['custom: 1 June, Spring', CUSTOM, '2026-06-01', 'Spring'],
    ['a year with no periods is one period, which ends on the year end', [P(0, '2026/27', '2026-04-01', '2027-03-31')], '2027-01-10', null],
    ['periods given out of order', [QUARTERS[2]!, QUARTERS[0]!, QUARTERS[1]!], '2026-12-31', 'Quarter 2'],
  ];
  for (const [why, periods, asOf, expected] of cases) {
    test(why, () => assert.equal(previousPeriod(periods, asOf)?.label ?? null, expected));
  }
});

const s = (rag: Rag, percentComplete: number | null = null): LightSnapshot => ({ rag, percentComplete });
const Q1 = { label: 'Quarter 1', endDate: '2026-06-30' };

describe('compareLights: a table of hand-worked cases (since the end of Quarter 1, as at 12 November 2026)', () => {
  // [why, then, now, the action's start, kind, text]
  const cases: [string, LightSnapshot, LightSnapshot, string, ChangeKind, string][] = [
    ['amber to green is better', s('amber', 40), s('green', 60), '2026-04-01', 'improved', 'Improved: Amber (40%) → Green (60%) since the end of Quarter 1 (30 June 2026).'],
    ['green to red is worse', s('green', 50), s('red', 55), '2026-04-01', 'worsened', 'Worsened: Green (50%) → Red (55%) since the end of Quarter 1 (30 June 2026).'],
    ['the same light and % is no change', s('green', 60), s('green', 60), '2026-04-01', 'same', 'No change since the end of Quarter 1 (30 June 2026): Green (60%).'],
    ['the same light with a higher % is the same light, the % told', s('green', 40), s('green', 70), '2026-04-01', 'same', 'Still Green since the end of Quarter 1 (30 June 2026): 40% → 70% complete.'],
    ['the same light, % recorded only now', s('amber'), s('amber', 30), '2026-04-01', 'same', 'Still Amber since the end of Quarter 1 (30 June 2026): no % → 30% complete.'],
    ['no % either time', s('green'), s('green'), '2026-04-01', 'same', 'No change since the end of Quarter 1 (30 June 2026): Green.'],
    ['not updated is worse than amber (a missed deadline is an exception)', s('amber', 30), s('not_updated', 30), '2026-04-01', 'worsened', 'Worsened: Amber (30%) → Not updated (30%) since the end of Quarter 1 (30 June 2026).'],
    ['red to not updated is better, though still an exception', s('red', 10), s('not_updated', 10), '2026-04-01', 'improved', 'Improved: Red (10%) → Not updated (10%) since the end of Quarter 1 (30 June 2026).'],
    ['green to complete is better', s('green', 90), s('complete', 100), '2026-04-01', 'improved', 'Improved: Green (90%) → Complete (100%) since the end of Quarter 1 (30 June 2026).'],
    ['complete reopened as green is worse', s('complete', 100), s('green', 95), '2026-04-01', 'worsened', 'Worsened: Complete (100%) → Green (95%) since the end of Quarter 1 (30 June 2026).'],
    ['to closed (carried over) is neither better nor worse', s('amber', 40), s('closed', 40), '2026-04-01', 'changed', 'Changed: Amber (40%) → Closed (40%) since the end of Quarter 1 (30 June 2026).'],
    ['from not due yet (no update was due by then) to red', s('not_due'), s('red', 0), '2026-04-01', 'changed', 'Changed: Not due yet → Red (0%) since the end of Quarter 1 (30 June 2026).'],
    ['started in August, after Quarter 1 ended: new', s('not_due'), s('green', 20), '2026-08-01', 'new', 'New since the end of Quarter 1 (30 June 2026): it started on 1 August 2026. Now Green (20%).'],
    ['started on the day after Quarter 1 ended: new', s('not_due'), s('amber'), '2026-07-01', 'new', 'New since the end of Quarter 1 (30 June 2026): it started on 1 July 2026. Now Amber.'],
    ['started on the last day of Quarter 1: not new', s('green', 0), s('green', 30), '2026-06-30', 'same', 'Still Green since the end of Quarter 1 (30 June 2026): 0% → 30% complete.'],
    ['starts in January, after the as-at date: not new yet, not due then or now', s('not_due'), s('not_due'), '2027-01-04', 'same', 'No change since the end of Quarter 1 (30 June 2026): Not due yet.'],
  ];
  for (const [why, then, now, startDate, kind, text] of cases) {
    test(why, () => {
      const c = compareLights({ then, now, since: Q1, startDate, asOf: '2026-11-12' });
      assert.equal(c.kind, kind);
      assert.equal(c.text, text);
      assert.deepEqual(c.then, kind === 'new' ? null : then);
    });
  }

  test('the brief form for a table cell', () => {
    const brief = (then: LightSnapshot, now: LightSnapshot, startDate = '2026-04-01') => compareLights({ then, now, since: Q1, startDate, asOf: '2026-11-12' }).brief;
    assert.equal(brief(s('amber', 40), s('green', 60)), 'Improved since Quarter 1: was Amber (40%)');
    assert.equal(brief(s('green', 60), s('green', 60)), 'No change since Quarter 1');
    assert.equal(brief(s('green', 40), s('green', 60)), 'Still Green since Quarter 1: was 40%');
    assert.equal(brief(s('not_due'), s('green'), '2026-09-01'), 'New since Quarter 1');
  });

  test('a plan table tells only what moved: nothing for the same light and the same %', () => {
    const cell = (then: LightSnapshot, now: LightSnapshot, startDate = '2026-04-01') => tableBrief(compareLights({ then, now, since: Q1, startDate, asOf: '2026-11-12' }));
    // [then, now, start, the cell] — hand-worked: the same light and % (or no % both times) says nothing.
    const cases: [LightSnapshot, LightSnapshot, string, string | null][] = [
      [s('green', 60), s('green', 60), '2026-04-01', null],
      [s('not_updated'), s('not_updated'), '2026-04-01', null],
      [s('green', 40), s('green', 60), '2026-04-01', 'Still Green since Quarter 1: was 40%'],
      [s('amber', 40), s('red', 40), '2026-04-01', 'Worsened since Quarter 1: was Amber (40%)'],
      [s('not_due'), s('not_due'), '2026-09-01', 'New since Quarter 1'],
    ];
    for (const [then, now, start, expected] of cases) assert.equal(cell(then, now, start), expected);
  });
});

describe('summariseChanges', () => {
  test('counts each kind, and the lights then (a new action was not due yet) and now', () => {
    const at = (then: LightSnapshot, now: LightSnapshot, startDate = '2026-04-01') => compareLights({ then, now, since: Q1, startDate, asOf: '2026-11-12' });
    const summary = summariseChanges(Q1, [
      at(s('amber', 40), s('green', 60)), // improved
      at(s('green', 50), s('red', 50)), // worsened
      at(s('green', 20), s('green', 50)), // same
      at(s('red', 0), s('red', 0)), // same
      at(s('not_due'), s('amber', 10), '2026-08-01'), // new
      at(s('green', 10), s('closed', 10)), // changed
    ]);
    assert.deepEqual(summary.byKind, { improved: 1, worsened: 1, same: 2, new: 1, changed: 1 });
    // Then: amber, green, green, red, (new: not due), green → 3 green, 1 amber, 1 red, 1 not due.
    assert.deepEqual(summary.thenByRag, { green: 3, amber: 1, red: 1, complete: 0, closed: 0, not_updated: 0, not_due: 1 });
    // Now: green, red, green, red, amber, closed.
    assert.deepEqual(summary.nowByRag, { green: 2, amber: 1, red: 2, complete: 0, closed: 1, not_updated: 0, not_due: 0 });
  });

  test('countByRag includes every light, zeros too', () => {
    assert.deepEqual(countByRag(['red', 'red', 'complete']), { green: 0, amber: 0, red: 2, complete: 1, closed: 0, not_updated: 0, not_due: 0 });
  });

  test('lightText gives the word and the % only when one was recorded', () => {
    assert.equal(lightText(s('not_updated', 25)), 'Not updated (25%)');
    assert.equal(lightText(s('not_due')), 'Not due yet');
  });
});

describe('changeSummaryText', () => {
  const byKind = (improved: number, worsened: number, same: number, fresh: number, changed: number) => ({ byKind: { improved, worsened, same, new: fresh, changed } });
  // Hand-written sentences: only the kinds that happened, always in the order improved, worsened, same, new, changed.
  const cases: [ReturnType<typeof byKind>, string][] = [
    [byKind(2, 1, 9, 0, 0), '2 improved, 1 worsened, 9 the same light'],
    [byKind(0, 0, 0, 1, 0), '1 new since then'],
    [byKind(0, 3, 0, 0, 2), '3 worsened, 2 changed to or from closed or not due yet'],
    [byKind(0, 0, 0, 0, 0), 'No actions'],
  ];
  for (const [summary, text] of cases) test(text, () => assert.equal(changeSummaryText(summary), text));
});
