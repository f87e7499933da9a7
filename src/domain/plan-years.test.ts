import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { customPeriods, parseYearLabel, periodLocked, planYearContaining, planYearSpan, reportingPeriods, yearLabel } from './plan-years.ts';

describe('parseYearLabel', () => {
  test('reads the first calendar year of a plan year', () => {
    assert.equal(parseYearLabel('2018/19'), 2018);
    assert.equal(parseYearLabel('2018/2019'), 2018);
    assert.equal(parseYearLabel('2018-19'), 2018);
    assert.equal(parseYearLabel(' 2018 / 19 '), 2018);
  });

  test('handles the turn of the century', () => {
    assert.equal(parseYearLabel('1999/00'), 1999);
    assert.equal(parseYearLabel('1999/2000'), 1999);
  });

  test('refuses labels whose years do not follow on', () => {
    assert.equal(parseYearLabel('2018/20'), null);
    assert.equal(parseYearLabel('2018/18'), null);
    assert.equal(parseYearLabel('2018/2020'), null);
  });

  test('refuses malformed labels', () => {
    for (const l of ['', '2018', '18/19', '2018/1', '2018 19', 'twenty eighteen']) assert.equal(parseYearLabel(l), null, l);
  });

  test('yearLabel is the inverse', () => {
    assert.equal(yearLabel(2018), '2018/19');
    assert.equal(yearLabel(1999), '1999/00');
    assert.equal(parseYearLabel(yearLabel(2009)), 2009);
  });
});

describe('planYearSpan', () => {
  test('an April start runs from 1 April to 31 March', () => {
    assert.deepEqual(planYearSpan(2018), { label: '2018/19', startDate: '2018-04-01', endDate: '2019-03-31' });
    assert.deepEqual(planYearSpan(2018, 4), planYearSpan(2018));
  });

  test('a January start is a calendar year, labelled by its year', () => {
    assert.deepEqual(planYearSpan(2018, 1), { label: '2018', startDate: '2018-01-01', endDate: '2018-12-31' });
  });

  test('a March start ends on the last day of February, leap years included', () => {
    assert.deepEqual(planYearSpan(2019, 3), { label: '2019/20', startDate: '2019-03-01', endDate: '2020-02-29' });
    assert.equal(planYearSpan(2020, 3).endDate, '2021-02-28');
  });

  test('planYearContaining finds the year a date falls in', () => {
    assert.equal(planYearContaining('2019-03-31').label, '2018/19');
    assert.equal(planYearContaining('2019-04-01').label, '2019/20');
    assert.equal(planYearContaining('2019-03-31', 1).label, '2019');
  });
});

describe('reportingPeriods', () => {
  test('quarters of an April year', () => {
    const q = reportingPeriods(planYearSpan(2018), 'quarters');
    assert.deepEqual(
      q.map((p) => [p.position, p.startDate, p.endDate]),
      [
        [1, '2018-04-01', '2018-06-30'],
        [2, '2018-07-01', '2018-09-30'],
        [3, '2018-10-01', '2018-12-31'],
        [4, '2019-01-01', '2019-03-31'],
      ],
    );
    assert.equal(q[0]!.label, 'Quarter 1 (April to June)');
    assert.deepEqual([q[0]!.opensOn, q[0]!.dueOn], ['2018-06-17', '2018-07-14']);
    assert.equal(q[3]!.label, 'Quarter 4 (January to March)');
  });

  test('halves of an April year', () => {
    const h = reportingPeriods(planYearSpan(2018), 'halves');
    assert.deepEqual(
      h.map((p) => [p.label, p.startDate, p.endDate]),
      [
        ['First half (April to September)', '2018-04-01', '2018-09-30'],
        ['Second half (October to March)', '2018-10-01', '2019-03-31'],
      ],
    );
  });

  test('periods of a calendar year', () => {
    const q = reportingPeriods(planYearSpan(2016, 1), 'quarters');
    assert.deepEqual(q.map((p) => p.endDate), ['2016-03-31', '2016-06-30', '2016-09-30', '2016-12-31']);
    const h = reportingPeriods(planYearSpan(2016, 1), 'halves');
    assert.deepEqual(h.map((p) => [p.startDate, p.endDate]), [['2016-01-01', '2016-06-30'], ['2016-07-01', '2016-12-31']]);
  });

  test('periods cover the year with no gaps or overlaps', () => {
    for (const startMonth of [1, 4, 9]) {
      for (const scheme of ['quarters', 'halves'] as const) {
        const year = planYearSpan(2019, startMonth);
        const periods = reportingPeriods(year, scheme);
        assert.equal(periods[0]!.startDate, year.startDate);
        assert.equal(periods.at(-1)!.endDate, year.endDate);
        for (let i = 1; i < periods.length; i++) {
          const dayAfter = new Date(Date.parse(`${periods[i - 1]!.endDate}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
          assert.equal(periods[i]!.startDate, dayAfter, `${startMonth} ${scheme} ${i}`);
        }
      }
    }
  });
});

describe('parseYearLabel with a four-digit second year', () => {
  test('needs the very next year, not just the same last two digits', () => {
    assert.equal(parseYearLabel('2018/2019'), 2018);
    assert.equal(parseYearLabel('2018/2119'), null);
  });
});

describe('periodLocked', () => {
  test('locks after the due date plus the grace days', () => {
    assert.equal(periodLocked('2018-07-14', 5, '2018-07-19'), false);
    assert.equal(periodLocked('2018-07-14', 5, '2018-07-20'), true);
    assert.equal(periodLocked('2018-07-14', 0, '2018-07-15'), true);
    assert.equal(periodLocked(null, 0, '2030-01-01'), false);
  });
});

describe('customPeriods', () => {
  const year = planYearSpan(2018);
  test('reads one period per line, in either date style, with default update windows', () => {
    const r = customPeriods(year, 'Spring term, 2018-04-01, 2018-07-31\n\n Autumn, 1/8/2018, 30/11/2018\nWinter,2018-12-01,2019-03-31');
    assert.deepEqual(r.errors, []);
    assert.deepEqual(r.periods.map((p) => [p.position, p.label, p.startDate, p.endDate]), [
      [1, 'Spring term', '2018-04-01', '2018-07-31'],
      [2, 'Autumn', '2018-08-01', '2018-11-30'],
      [3, 'Winter', '2018-12-01', '2019-03-31'],
    ]);
    assert.deepEqual([r.periods[0]!.opensOn, r.periods[0]!.dueOn], ['2018-07-18', '2018-08-14']);
  });

  test('names the line and the problem, and gives no periods', () => {
    const bad = (text: string) => customPeriods(year, text);
    assert.deepEqual(bad('').errors, ['Enter at least one period, one per line: label, start date, end date']);
    assert.match(bad('Q1 2018-04-01 2018-06-30').errors[0]!, /^Line 1 must be a label, a start date and an end date/);
    assert.match(bad('Q1, 2018-04-01, 2018-02-30').errors[0]!, /^Line 1: dates must be real dates/);
    assert.match(bad('Q1, 2018-06-30, 2018-04-01').errors[0]!, /end date must be on or after/);
    assert.match(bad('Q1, 2018-03-01, 2018-06-30').errors[0]!, /inside 2018\/19/);
    const overlap = bad('A, 2018-04-01, 2018-06-30\nB, 2018-06-30, 2018-09-30');
    assert.match(overlap.errors[0]!, /^Line 2: periods must be in order and must not overlap/);
    assert.deepEqual(overlap.periods, []);
  });
});
