import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { deadlineOf, deadlinePassed, latestAsAt, periodToJudge, reportsFor, standingUpdates, updateDue, type TimelinePeriod, type TimelineUpdate } from './update-timeline.ts';

// Quarters of 2026/27, due 14 days after each ends, with 5 days' grace: Q1's deadline is 19 July.
const Q = (position: number, startDate: string, endDate: string, dueOn: string): TimelinePeriod => ({ id: position * 10, position, label: `Quarter ${position}`, startDate, endDate, dueOn, graceDays: 5 });
const PERIODS = [Q(1, '2026-04-01', '2026-06-30', '2026-07-14'), Q(2, '2026-07-01', '2026-09-30', '2026-10-14'), Q(3, '2026-10-01', '2026-12-31', '2027-01-14'), Q(4, '2027-01-01', '2027-03-31', '2027-04-14')];

let next = 1;
const u = (asAt: string, recordedAt: string, extra: Partial<TimelineUpdate> = {}): TimelineUpdate => ({ id: next++, asAt, recordedAt, correctsId: null, periodId: null, ...extra });

describe('deadlines', () => {
  test('the deadline is the due date plus grace, and it has passed only the day after', () => {
    assert.equal(deadlineOf(PERIODS[0]!), '2026-07-19');
    assert.equal(deadlinePassed(PERIODS[0]!, '2026-07-19'), false); // the last day updates are taken
    assert.equal(deadlinePassed(PERIODS[0]!, '2026-07-20'), true);
  });

  test('a period with no due date is due at its end', () => {
    assert.equal(deadlineOf({ ...PERIODS[0]!, dueOn: null, graceDays: 0 }), '2026-06-30');
  });
});

describe('standingUpdates', () => {
  test('a correction replaces what it corrects, from the moment it was recorded', () => {
    const first = u('2026-09-30', '2026-10-05T09:00:00.000Z');
    const fix = u('2026-09-30', '2026-10-08T09:00:00.000Z', { correctsId: first.id });
    assert.deepEqual(standingUpdates([first, fix]).map((x) => x.id), [fix.id]);
    // Known before the correction was recorded, the first version stands.
    assert.deepEqual(standingUpdates([first, fix], '2026-10-07T00:00:00.000Z').map((x) => x.id), [first.id]);
    // Known before either: nothing.
    assert.deepEqual(standingUpdates([first, fix], '2026-10-01T00:00:00.000Z'), []);
  });
});

describe('latestAsAt', () => {
  test('picks the update reporting on the latest date up to asOf, not the latest recorded', () => {
    const q2 = u('2026-09-30', '2026-10-06T10:00:00.000Z');
    const backfill = u('2026-06-30', '2026-10-07T10:00:00.000Z'); // a late Q1 update recorded after Q2's
    assert.equal(latestAsAt([q2, backfill], '2026-12-01')?.id, q2.id);
    assert.equal(latestAsAt([q2, backfill], '2026-09-29')?.id, backfill.id);
    assert.equal(latestAsAt([q2, backfill], '2026-06-29'), null);
  });

  test('two updates on the same as-at date: the later recorded wins', () => {
    const a = u('2026-09-30', '2026-10-06T10:00:00.000Z');
    const b = u('2026-09-30', '2026-10-09T10:00:00.000Z');
    assert.equal(latestAsAt([b, a], '2026-09-30')?.id, b.id);
  });
});

describe('periodToJudge', () => {
  // Each case worked out from the quarter table above.
  const cases: [asOf: string, knownOn: string, expected: string | null, why: string][] = [
    ['2026-06-30', '2026-06-30', null, 'Q1 has just ended and its updates are not due until 14 July'],
    ['2026-06-30', '2026-07-19', null, 'the last day of grace: still not judged'],
    ['2026-06-30', '2026-07-20', 'Quarter 1', 'grace is over the next day'],
    ['2026-09-30', '2026-12-05', 'Quarter 2', 'as at the end of Q2, known in December: Q2 is judged'],
    ['2026-09-29', '2026-12-05', 'Quarter 1', 'Q2 has not ended by the as-at date'],
    ['2026-10-10', '2026-10-10', 'Quarter 1', 'Q2 ended but its deadline is 19 October'],
    ['2026-05-01', '2026-12-05', null, 'no period had ended'],
  ];
  for (const [asOf, knownOn, expected, why] of cases) {
    test(`as at ${asOf} known on ${knownOn}: ${expected ?? 'none'} (${why})`, () => {
      assert.equal(periodToJudge(PERIODS, asOf, knownOn)?.label ?? null, expected);
    });
  }
});

describe('reportsFor', () => {
  test('an update reporting on a date in the period or later, or filed for it or a later one', () => {
    const q2 = PERIODS[1]!;
    assert.equal(reportsFor(u('2026-07-01', 'x'), q2, PERIODS), true); // first day of Q2
    assert.equal(reportsFor(u('2026-10-02', 'x'), q2, PERIODS), true); // a later date covers Q2 too
    assert.equal(reportsFor(u('2026-06-30', 'x'), q2, PERIODS), false);
    assert.equal(reportsFor(u('2026-06-30', 'x', { periodId: 20 }), q2, PERIODS), true); // filed for Q2 a day early
    assert.equal(reportsFor(u('2026-06-30', 'x', { periodId: 10 }), q2, PERIODS), false);
  });
});

describe('updateDue', () => {
  const missedLabel = (d: ReturnType<typeof updateDue>) => [d.missed?.label ?? null, d.next?.label ?? null];

  test('missed: no update reporting in the judged period or later', () => {
    const q1 = u('2026-06-30', '2026-07-08T10:00:00.000Z');
    // As at 30 September, known in December: Q2 is judged and only Q1 reported → missed Q2, next Q3.
    assert.deepEqual(missedLabel(updateDue(PERIODS, [q1], '2026-04-01', '2026-09-30', '2026-12-05')), ['Quarter 2', 'Quarter 3']);
    // As at 30 September known on 10 October, Q2 is not yet judged: Q1 is, and was reported.
    assert.deepEqual(missedLabel(updateDue(PERIODS, [q1], '2026-04-01', '2026-09-30', '2026-10-10')), [null, 'Quarter 2']);
  });

  test('an update reporting after the as-at date does not count', () => {
    const q2 = u('2026-09-30', '2026-10-08T10:00:00.000Z');
    assert.deepEqual(missedLabel(updateDue(PERIODS, [q2], '2026-04-01', '2026-09-29', '2026-12-05')), ['Quarter 1', 'Quarter 2']);
  });

  test('an action that had not started by the period end owes nothing for it', () => {
    // Starts 1 October: Q2 is judged as at 30 September but it owes its first update for Q3.
    assert.deepEqual(missedLabel(updateDue(PERIODS, [], '2026-10-01', '2026-09-30', '2026-12-05')), [null, 'Quarter 3']);
  });

  test('next is the first period after the judged one that is not reported', () => {
    const q3early = u('2026-12-20', '2026-12-20T10:00:00.000Z'); // reported early in Q3's window
    assert.deepEqual(missedLabel(updateDue(PERIODS, [q3early], '2026-04-01', '2026-12-20', '2026-12-20')), [null, 'Quarter 4']);
    assert.deepEqual(updateDue(PERIODS, [], '2026-04-01', '2026-04-10', '2026-04-10'), { missed: null, next: { id: 10, label: 'Quarter 1', dueOn: '2026-07-14', lastDay: '2026-07-19' } });
  });
});
