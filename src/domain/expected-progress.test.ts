import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { addDays } from './dates.ts';
import { dayNumber, effectiveDueDate, effectiveStartDate, expectedPercent, type ExpectedProgressInput } from './expected-progress.ts';
import { ACTION_KINDS } from './vocabulary.ts';

// Plan year 2018/19: 1 April 2018 – 31 March 2019 (365 days).
const YEAR = { yearStart: '2018-04-01', yearEnd: '2019-03-31' };
// Plan year 2019/20: 1 April 2019 – 31 March 2020 (366 days: it holds 29 February 2020).
const LEAP_YEAR = { yearStart: '2019-04-01', yearEnd: '2020-03-31' };

const input = (over: Partial<ExpectedProgressInput>): ExpectedProgressInput => ({
  asOf: '2018-09-30',
  kind: 'one_off',
  ...YEAR,
  startDate: null,
  dueDate: null,
  revisedDueDate: null,
  ...over,
});

const ongoing = (asOf: string, year = YEAR) => expectedPercent(input({ kind: 'ongoing', asOf, ...year }));
const oneOff = (asOf: string, startDate: string | null, dueDate: string | null, revisedDueDate: string | null = null) =>
  expectedPercent(input({ kind: 'one_off', asOf, startDate, dueDate, revisedDueDate }));
const milestone = (asOf: string, dueDate: string | null, revisedDueDate: string | null = null) =>
  expectedPercent(input({ kind: 'milestone', asOf, dueDate, revisedDueDate }));

describe('dayNumber', () => {
  test('counts whole days since 1 January 1970', () => {
    assert.equal(dayNumber('1970-01-01'), 0);
    assert.equal(dayNumber('1970-01-02'), 1);
    assert.equal(dayNumber('2019-03-31') - dayNumber('2018-04-01'), 364);
    assert.equal(dayNumber('2020-03-31') - dayNumber('2019-04-01'), 365);
  });

  test('is a whole number across the clock change (no time zones)', () => {
    assert.equal(dayNumber('2018-03-26') - dayNumber('2018-03-25'), 1);
    assert.equal(dayNumber('2018-10-29') - dayNumber('2018-10-28'), 1);
    assert.ok(Number.isInteger(dayNumber('2018-10-28')));
  });

  test('refuses anything that is not a real ISO date', () => {
    for (const bad of ['', '2018-02-29', '2018-13-01', '1/4/2018', '2018-04-01T00:00:00Z', '2018-4-1']) {
      assert.throws(() => dayNumber(bad), /Not an ISO date/u, bad);
    }
  });
});

describe('effectiveDueDate and effectiveStartDate', () => {
  test('the revised due date wins over the due date', () => {
    assert.equal(effectiveDueDate({ yearEnd: '2019-03-31', dueDate: '2018-12-31', revisedDueDate: '2019-01-31' }), '2019-01-31');
  });

  test('a revised due date may be earlier than the original', () => {
    assert.equal(effectiveDueDate({ yearEnd: '2019-03-31', dueDate: '2018-12-31', revisedDueDate: '2018-11-30' }), '2018-11-30');
  });

  test('the due date is used when there is no revised date', () => {
    assert.equal(effectiveDueDate({ yearEnd: '2019-03-31', dueDate: '2018-12-31', revisedDueDate: null }), '2018-12-31');
  });

  test('a revised date alone is used', () => {
    assert.equal(effectiveDueDate({ yearEnd: '2019-03-31', dueDate: null, revisedDueDate: '2019-02-28' }), '2019-02-28');
  });

  test('the end of the plan year is used when there is neither', () => {
    assert.equal(effectiveDueDate({ yearEnd: '2019-03-31', dueDate: null, revisedDueDate: null }), '2019-03-31');
  });

  test('the start is the start date, else the start of the plan year', () => {
    assert.equal(effectiveStartDate({ yearStart: '2018-04-01', startDate: '2018-10-01' }), '2018-10-01');
    assert.equal(effectiveStartDate({ yearStart: '2018-04-01', startDate: null }), '2018-04-01');
  });
});

describe('expectedPercent: ongoing', () => {
  test('30 September is about half way through an April–March year', () => {
    // 183 of 365 days = 50.1%.
    assert.equal(ongoing('2018-09-30'), 50);
  });

  test('30 September is exactly half way through a leap April–March year', () => {
    // 183 of 366 days.
    assert.equal(ongoing('2019-09-30', LEAP_YEAR), 50);
  });

  test('is 0 the day before the year starts and on any earlier day', () => {
    assert.equal(ongoing('2018-03-31'), 0);
    assert.equal(ongoing('2017-06-01'), 0);
  });

  test('counts the first day of the year (1 of 365 rounds to 0)', () => {
    assert.equal(ongoing('2018-04-01'), 0);
    assert.equal(ongoing('2018-04-02'), 1); // 2/365 = 0.55%
  });

  test('is 100 on the last day of the year and after it', () => {
    assert.equal(ongoing('2019-03-31'), 100);
    assert.equal(ongoing('2019-04-01'), 100);
    assert.equal(ongoing('2025-01-01'), 100);
  });

  test('the day before year end rounds to 100 (364 of 365)', () => {
    assert.equal(ongoing('2019-03-30'), 100);
  });

  test('quarter ends', () => {
    assert.equal(ongoing('2018-06-30'), 25); // 91/365 = 24.9%
    assert.equal(ongoing('2018-12-31'), 75); // 275/365 = 75.3%
  });

  test('the end of February in a leap year counts 29 February', () => {
    assert.equal(ongoing('2020-02-28', LEAP_YEAR), 91); // 334/366 = 91.3%
    assert.equal(ongoing('2020-02-29', LEAP_YEAR), 92); // 335/366 = 91.5%
    assert.equal(ongoing('2020-03-01', LEAP_YEAR), 92); // 336/366 = 91.8%
    // The same day in a 365-day year is further through it.
    assert.equal(ongoing('2019-02-28'), 92); // 334/365 = 91.5%
  });

  test('works for a calendar plan year', () => {
    const calendar = { yearStart: '2020-01-01', yearEnd: '2020-12-31' };
    assert.equal(ongoing('2020-07-01', calendar), 50); // 183/366
    assert.equal(ongoing('2019-12-31', calendar), 0);
    assert.equal(ongoing('2020-12-31', calendar), 100);
  });

  // An ongoing action is delivered at a constant rate over its own span within the year (DESIGN §4).
  test('runs over its own span: from its start date to its due date', () => {
    // Starts 1 October 2018, runs to the year end: 15 of 182 days (1 Oct–31 Mar) by 15 October = 8.2%.
    assert.equal(expectedPercent(input({ kind: 'ongoing', asOf: '2018-10-15', startDate: '2018-10-01' })), 8);
    // Before its start nothing is expected; on the start day 1 of 182 days rounds to 1%.
    assert.equal(expectedPercent(input({ kind: 'ongoing', asOf: '2018-09-30', startDate: '2018-10-01' })), 0);
    assert.equal(expectedPercent(input({ kind: 'ongoing', asOf: '2018-10-01', startDate: '2018-10-01' })), 1);
    // 1–30 September: 30 days on the 30th, all of its span → 100%, and 100% after it ends.
    assert.equal(expectedPercent(input({ kind: 'ongoing', asOf: '2018-09-30', startDate: '2018-09-01', dueDate: '2018-09-30' })), 100);
    assert.equal(expectedPercent(input({ kind: 'ongoing', asOf: '2018-09-15', startDate: '2018-09-01', dueDate: '2018-09-30' })), 50); // 15/30
    // A revised due date of 31 December: 1 April–31 December is 275 days; 30 September is day 183 → 66.5%.
    assert.equal(expectedPercent(input({ kind: 'ongoing', asOf: '2018-09-30', dueDate: '2019-03-31', revisedDueDate: '2018-12-31' })), 67);
  });

  test('never runs outside the plan year', () => {
    // A start before the year counts from the year start: 183 of 365 days on 30 September.
    assert.equal(expectedPercent(input({ kind: 'ongoing', asOf: '2018-09-30', startDate: '2017-10-01' })), 50);
    // A due date after the year ends at the year end: judged at 100% from 31 March 2019.
    assert.equal(expectedPercent(input({ kind: 'ongoing', asOf: '2019-03-31', dueDate: '2020-03-31' })), 100);
    assert.equal(expectedPercent(input({ kind: 'ongoing', asOf: '2018-09-30', dueDate: '2020-03-31' })), 50);
  });

  test('a one-day year is 0 before it and 100 on it', () => {
    const oneDay = { yearStart: '2018-04-01', yearEnd: '2018-04-01' };
    assert.equal(ongoing('2018-03-31', oneDay), 0);
    assert.equal(ongoing('2018-04-01', oneDay), 100);
  });
});

describe('expectedPercent: one-off', () => {
  test('is 0 the day before the start and on the start', () => {
    assert.equal(oneOff('2018-09-30', '2018-10-01', '2018-12-31'), 0);
    assert.equal(oneOff('2018-10-01', '2018-10-01', '2018-12-31'), 0);
  });

  test('rises the day after the start', () => {
    // 1 of 91 days = 1.1%.
    assert.equal(oneOff('2018-10-02', '2018-10-01', '2018-12-31'), 1);
  });

  test('is linear between start and due', () => {
    // 1 October 2018 – 31 December 2018 is 91 days; 15 November is day 45 = 49.5% → 49.
    assert.equal(oneOff('2018-11-15', '2018-10-01', '2018-12-31'), 49);
    assert.equal(oneOff('2018-11-16', '2018-10-01', '2018-12-31'), 51);
  });

  test('is 99 the day before due, 100 on the due date and after it', () => {
    assert.equal(oneOff('2018-12-30', '2018-10-01', '2018-12-31'), 99);
    assert.equal(oneOff('2018-12-31', '2018-10-01', '2018-12-31'), 100);
    assert.equal(oneOff('2019-01-01', '2018-10-01', '2018-12-31'), 100);
  });

  test('starts at the beginning of the plan year when there is no start date', () => {
    assert.equal(oneOff('2018-04-01', null, '2018-06-30'), 0);
    assert.equal(oneOff('2018-05-16', null, '2018-06-30'), 50); // 45/90
  });

  test('is due at the end of the plan year when there is no due date', () => {
    assert.equal(oneOff('2018-09-30', null, null), 50); // 182/364 days
    assert.equal(oneOff('2019-03-31', null, null), 100);
    assert.equal(oneOff('2019-03-30', null, null), 100); // 363/364 rounds up
  });

  test('uses the revised due date rather than the due date', () => {
    // Revised from 31 December to 30 March: start 1 October, 180 days.
    assert.equal(oneOff('2018-12-31', '2018-10-01', '2018-12-31', '2019-03-30'), 51); // 91/180 = 50.6%
    assert.equal(oneOff('2019-03-30', '2018-10-01', '2018-12-31', '2019-03-30'), 100);
  });

  test('an earlier revised due date brings 100% forward', () => {
    assert.equal(oneOff('2018-11-30', '2018-10-01', '2018-12-31', '2018-11-30'), 100);
  });

  test('a start before the plan year is honoured', () => {
    // Started 1 January 2018, due 31 December 2018: 1 July is day 181 of 364.
    assert.equal(oneOff('2018-07-01', '2018-01-01', '2018-12-31'), 50);
  });

  test('a due date after the plan year is honoured', () => {
    assert.equal(oneOff('2019-03-31', '2018-04-01', '2020-03-31'), 50); // 364/730 = 49.9%
  });

  test('counts 29 February in a leap year', () => {
    // 1 February – 1 March 2020 is 29 days; 29 February is day 28 = 96.6%.
    assert.equal(oneOff('2020-02-29', '2020-02-01', '2020-03-01'), 97);
    // Same dates in 2019 (no 29 February): 1 February – 1 March is 28 days; 28 February is day 27.
    assert.equal(oneOff('2019-02-28', '2019-02-01', '2019-03-01'), 96);
  });

  test('starting and due on the same day: 0 the day before, 100 on the day', () => {
    assert.equal(oneOff('2018-09-30', '2018-10-01', '2018-10-01'), 0);
    assert.equal(oneOff('2018-10-01', '2018-10-01', '2018-10-01'), 100);
  });

  test('due the day after the start: 0 on the start, 100 the next day', () => {
    assert.equal(oneOff('2018-10-01', '2018-10-01', '2018-10-02'), 0);
    assert.equal(oneOff('2018-10-02', '2018-10-01', '2018-10-02'), 100);
  });

  test('a due date before the start (bad data): the due date wins', () => {
    assert.equal(oneOff('2018-09-30', '2018-12-01', '2018-10-01'), 0);
    assert.equal(oneOff('2018-10-01', '2018-12-01', '2018-10-01'), 100);
    assert.equal(oneOff('2018-11-01', '2018-12-01', '2018-10-01'), 100);
  });
});

describe('expectedPercent: milestone', () => {
  test('is 0 before the due date and 100 on and after it', () => {
    assert.equal(milestone('2018-12-30', '2018-12-31'), 0);
    assert.equal(milestone('2018-12-31', '2018-12-31'), 100);
    assert.equal(milestone('2019-01-01', '2018-12-31'), 100);
  });

  test('is 0 long before the due date, whatever the start', () => {
    assert.equal(milestone('2018-04-01', '2018-12-31'), 0);
    assert.equal(expectedPercent(input({ kind: 'milestone', asOf: '2018-11-01', startDate: '2018-05-01', dueDate: '2018-12-31' })), 0);
  });

  test('uses the revised due date', () => {
    assert.equal(milestone('2018-12-31', '2018-12-31', '2019-01-31'), 0);
    assert.equal(milestone('2019-01-31', '2018-12-31', '2019-01-31'), 100);
  });

  test('falls due at the end of the plan year when there is no due date', () => {
    assert.equal(milestone('2019-03-30', null), 0);
    assert.equal(milestone('2019-03-31', null), 100);
  });

  test('a milestone on 29 February', () => {
    assert.equal(milestone('2020-02-28', '2020-02-29'), 0);
    assert.equal(milestone('2020-02-29', '2020-02-29'), 100);
  });
});

describe('expectedPercent: bad input', () => {
  test('throws a plain Error on a malformed date', () => {
    assert.throws(() => expectedPercent(input({ asOf: '30/09/2018' })), /Not an ISO date/u);
    assert.throws(() => expectedPercent(input({ kind: 'ongoing', yearStart: '2018-02-30' })), /Not an ISO date/u);
    assert.throws(() => expectedPercent(input({ kind: 'one_off', dueDate: 'soon' })), /Not an ISO date/u);
    assert.throws(() => expectedPercent(input({ kind: 'milestone', revisedDueDate: '2019-3-1' })), /Not an ISO date/u);
  });

  test('throws on an unknown kind', () => {
    assert.throws(() => expectedPercent(input({ kind: 'weekly' as never })), /Unknown action kind/u);
  });
});

// ---- properties ----

const BASE = '2000-01-01';
const date = (min = 0, max = 365 * 40) => fc.integer({ min, max }).map((n) => addDays(BASE, n));
/** A plan year of 365 or 366 days starting on any day (so every month start and leap year is covered). */
const planYear = fc.integer({ min: 0, max: 365 * 35 }).map((n) => {
  const yearStart = addDays(BASE, n);
  // The same day a year later, minus one day: 365 or 366 days inclusive.
  const [y, m, d] = yearStart.split('-').map(Number) as [number, number, number];
  const next = new Date(Date.UTC(y + 1, m - 1, d));
  if (next.getUTCDate() !== d) next.setUTCDate(0); // 29 February → 28 February
  return { yearStart, yearEnd: addDays(next.toISOString().slice(0, 10), -1) };
});
const maybeDate = fc.option(date(), { nil: null });
const anyInput = fc.record({
  asOf: date(),
  kind: fc.constantFrom(...ACTION_KINDS),
  year: planYear,
  startDate: maybeDate,
  dueDate: maybeDate,
  revisedDueDate: maybeDate,
}).map(({ year, ...rest }) => ({ ...rest, ...year }));

describe('expectedPercent properties', () => {
  test('is always a whole number from 0 to 100', () => {
    fc.assert(
      fc.property(anyInput, (i) => {
        const p = expectedPercent(i);
        assert.ok(Number.isInteger(p) && p >= 0 && p <= 100, String(p));
      }),
      { numRuns: 500 },
    );
  });

  test('never decreases as asOf moves later', () => {
    fc.assert(
      fc.property(anyInput, fc.integer({ min: 0, max: 800 }), (i, later) => {
        assert.ok(expectedPercent({ ...i, asOf: addDays(i.asOf, later) }) >= expectedPercent(i));
      }),
      { numRuns: 500 },
    );
  });

  test('a one-off is 0 at its start and 100 at its due date (start before due)', () => {
    fc.assert(
      fc.property(planYear, date(), fc.integer({ min: 1, max: 1000 }), fc.boolean(), (year, start, length, revised) => {
        const due = addDays(start, length);
        const i = { ...year, kind: 'one_off' as const, startDate: start, dueDate: revised ? '2000-01-01' : due, revisedDueDate: revised ? due : null };
        assert.equal(expectedPercent({ ...i, asOf: start }), 0);
        assert.equal(expectedPercent({ ...i, asOf: addDays(start, -1) }), 0);
        assert.equal(expectedPercent({ ...i, asOf: due }), 100);
        assert.equal(expectedPercent({ ...i, asOf: addDays(due, 1) }), 100);
      }),
    );
  });

  test('a one-off strictly between start and due is within a rounding of the elapsed share', () => {
    fc.assert(
      fc.property(date(), fc.integer({ min: 2, max: 1000 }), fc.integer({ min: 1, max: 999 }), (start, length, k) => {
        fc.pre(k < length);
        const p = expectedPercent(input({ kind: 'one_off', asOf: addDays(start, k), startDate: start, dueDate: addDays(start, length) }));
        assert.ok(Math.abs(p - (100 * k) / length) <= 0.5, `${p} vs ${(100 * k) / length}`);
      }),
    );
  });

  test('ongoing is 0 before the year, 100 from its last day, and the inclusive elapsed share between', () => {
    fc.assert(
      fc.property(planYear, fc.integer({ min: -400, max: 800 }), (year, offset) => {
        const asOf = addDays(year.yearStart, offset);
        const p = expectedPercent({ ...year, asOf, kind: 'ongoing', startDate: null, dueDate: null, revisedDueDate: null });
        const days = dayNumber(year.yearEnd) - dayNumber(year.yearStart) + 1;
        if (offset < 0) assert.equal(p, 0);
        else if (offset >= days - 1) assert.equal(p, 100);
        else assert.equal(p, Math.round(((offset + 1) / days) * 100));
      }),
    );
  });

  test('ongoing is 50 (±1) half way through any year', () => {
    fc.assert(
      fc.property(planYear, (year) => {
        const days = dayNumber(year.yearEnd) - dayNumber(year.yearStart) + 1;
        const mid = addDays(year.yearStart, Math.floor(days / 2) - 1);
        const p = expectedPercent({ ...year, asOf: mid, kind: 'ongoing', startDate: null, dueDate: null, revisedDueDate: null });
        assert.ok(p >= 49 && p <= 51, String(p));
      }),
    );
  });

  test('a milestone is only ever 0 or 100, switching on its effective due date', () => {
    fc.assert(
      fc.property(anyInput, (i) => {
        const p = expectedPercent({ ...i, kind: 'milestone' });
        assert.equal(p, i.asOf >= effectiveDueDate(i) ? 100 : 0);
      }),
    );
  });

  test('every kind is 100 once the effective due date (or, for ongoing, the year end if that is earlier) has passed', () => {
    fc.assert(
      fc.property(anyInput, fc.integer({ min: 0, max: 500 }), (i, after) => {
        const due = effectiveDueDate(i);
        const end = i.kind === 'ongoing' && due > i.yearEnd ? i.yearEnd : due;
        assert.equal(expectedPercent({ ...i, asOf: addDays(end, after) }), 100);
      }),
    );
  });

  test('effectiveDueDate is the revised date, else the due date, else the year end', () => {
    fc.assert(
      fc.property(anyInput, (i) => {
        const due = effectiveDueDate(i);
        if (i.revisedDueDate) assert.equal(due, i.revisedDueDate);
        else if (i.dueDate) assert.equal(due, i.dueDate);
        else assert.equal(due, i.yearEnd);
      }),
    );
  });
});
