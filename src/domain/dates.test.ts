import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { addDays, addMonths, dateFromParts, dateParts, daysInMonth, formatUkDate, formatUkDateTime, isIsoDate, londonDate, londonDayEnd, londonDayStart } from './dates.ts';

describe('formatUkDate', () => {
  test('shows an ISO date the UK way, without a leading zero', () => {
    assert.equal(formatUkDate('2016-03-01'), '1 March 2016');
    assert.equal(formatUkDate('2015-12-25'), '25 December 2015');
  });

  test('shows a timestamp as its date in Europe/London', () => {
    assert.equal(formatUkDate('2016-03-01T10:30:00.000Z'), '1 March 2016');
    // 23:30 UTC on 14 July is 00:30 BST on the 15th; in winter London keeps UTC.
    assert.equal(formatUkDate('2026-07-14T23:30:00.000Z'), '15 July 2026');
    assert.equal(formatUkDate('2026-12-14T23:30:00.000Z'), '14 December 2026');
  });

  test('gives an empty string for nothing and returns other text unchanged', () => {
    assert.equal(formatUkDate(null), '');
    assert.equal(formatUkDate(undefined), '');
    assert.equal(formatUkDate(''), '');
    assert.equal(formatUkDate('March 2016'), 'March 2016');
  });
});

describe('dateFromParts', () => {
  test('builds an ISO date from day, month and year', () => {
    assert.deepEqual(dateFromParts('1', '3', '2016'), { value: '2016-03-01' });
    assert.deepEqual(dateFromParts(' 29 ', '02', '2016'), { value: '2016-02-29' });
  });

  test('all three empty is no date, not an error', () => {
    assert.deepEqual(dateFromParts('', ' ', ''), { value: null });
  });

  test('says which parts are missing', () => {
    assert.deepEqual(dateFromParts('', '3', '2016'), { value: null, error: 'must include a day' });
    assert.deepEqual(dateFromParts('1', '', '2016'), { value: null, error: 'must include a month' });
    assert.deepEqual(dateFromParts('1', '', ''), { value: null, error: 'must include a month and year' });
  });

  test('refuses dates that do not exist or are not numbers', () => {
    for (const [d, m, y] of [['30', '2', '2016'], ['29', '2', '2015'], ['1', '13', '2016'], ['0', '1', '2016'], ['1', '3', '16'], ['first', '3', '2016'], ['1', 'March', '2016']]) {
      assert.deepEqual(dateFromParts(d!, m!, y!), { value: null, error: 'must be a real date' }, `${d}/${m}/${y}`);
    }
  });
});

describe('dateParts', () => {
  test('splits an ISO date into the three date-input fields', () => {
    assert.deepEqual(dateParts('2016-03-01'), { day: '1', month: '3', year: '2016' });
    assert.deepEqual(dateParts(null), { day: '', month: '', year: '' });
  });
});

describe('isIsoDate', () => {
  test('knows leap years', () => {
    assert.equal(isIsoDate('2016-02-29'), true);
    assert.equal(isIsoDate('2015-02-29'), false);
    assert.equal(isIsoDate('2000-02-29'), true); // divisible by 400
    assert.equal(isIsoDate('1900-02-29'), false); // divisible by 100 but not 400
    assert.equal(daysInMonth(2016, 2), 29);
    assert.equal(daysInMonth(2015, 2), 28);
  });

  test('refuses impossible and badly formed dates', () => {
    for (const v of ['2016-04-31', '2016-13-01', '2016-00-10', '2016-01-00', '2016-3-1', '16-03-01', '2016-03-01T00:00:00Z', '']) {
      assert.equal(isIsoDate(v), false, v);
    }
    assert.equal(isIsoDate('2016-12-31'), true);
  });
});

describe('addMonths', () => {
  test('keeps the day of the month where it can', () => {
    assert.equal(addMonths('2016-04-01', 3), '2016-07-01');
    assert.equal(addMonths('2016-04-15', 12), '2017-04-15');
  });

  test('falls back to the end of a shorter month', () => {
    assert.equal(addMonths('2016-01-31', 1), '2016-02-29');
    assert.equal(addMonths('2015-01-31', 1), '2015-02-28');
    assert.equal(addMonths('2016-03-31', 1), '2016-04-30');
    assert.equal(addMonths('2016-08-31', -6), '2016-02-29');
  });

  test('crosses year ends both ways', () => {
    assert.equal(addMonths('2015-11-30', 3), '2016-02-29');
    assert.equal(addMonths('2016-01-15', -1), '2015-12-15');
    assert.equal(addMonths('2016-01-15', -13), '2014-12-15');
  });
});

describe('addDays', () => {
  test('adds and subtracts calendar days across month and year ends', () => {
    assert.equal(addDays('2016-02-28', 1), '2016-02-29');
    assert.equal(addDays('2016-03-01', -1), '2016-02-29');
    assert.equal(addDays('2015-12-31', 1), '2016-01-01');
  });

  test('is not shifted by British Summer Time', () => {
    // The clocks change on 27 March 2016 and 30 October 2016 in Europe/London.
    assert.equal(addDays('2016-03-26', 1), '2016-03-27');
    assert.equal(addDays('2016-03-27', 1), '2016-03-28');
    assert.equal(addDays('2016-10-30', 1), '2016-10-31');
  });
});

describe('Europe/London days', () => {
  // Each case worked out by hand from the UK clock changes: BST (UTC+1) from 01:00 UTC on the last
  // Sunday of March (29 March 2026) to 01:00 UTC on the last Sunday of October (25 October 2026).
  const cases: [instant: string, london: string, why: string][] = [
    ['2026-07-14T23:30:00Z', '2026-07-15', 'in summer, 23:30 UTC is 00:30 BST the next day'],
    ['2026-07-14T22:59:59Z', '2026-07-14', 'one second before midnight BST'],
    ['2026-12-05T23:30:00Z', '2026-12-05', 'in winter London keeps UTC'],
    ['2026-03-29T00:30:00Z', '2026-03-29', 'the spring change day: still GMT until 01:00 UTC'],
    ['2026-10-24T23:00:00Z', '2026-10-25', 'the autumn change day begins at 23:00 UTC the day before (BST)'],
    ['2026-10-25T23:30:00Z', '2026-10-25', 'after the autumn change London is back on GMT'],
  ];
  for (const [instant, london, why] of cases) {
    test(`londonDate(${instant}) is ${london}: ${why}`, () => assert.equal(londonDate(new Date(instant)), london));
  }

  test('a London day starts at midnight GMT in winter and 23:00 UTC the day before in summer', () => {
    assert.equal(londonDayStart('2026-12-05'), '2026-12-05T00:00:00.000Z');
    assert.equal(londonDayStart('2026-07-15'), '2026-07-14T23:00:00.000Z');
    assert.equal(londonDayStart('2026-03-29'), '2026-03-29T00:00:00.000Z'); // the change happens at 01:00
    assert.equal(londonDayStart('2026-03-30'), '2026-03-29T23:00:00.000Z');
    assert.equal(londonDayStart('2026-10-25'), '2026-10-24T23:00:00.000Z');
    assert.equal(londonDayStart('2026-10-26'), '2026-10-26T00:00:00.000Z');
  });

  test('a London day ends where the next begins', () => {
    assert.equal(londonDayEnd('2026-09-30'), '2026-09-30T23:00:00.000Z');
    assert.equal(londonDayEnd('2026-12-31'), '2027-01-01T00:00:00.000Z');
    assert.throws(() => londonDayStart('2026-02-30'), /Not an ISO date/);
  });
});

describe('formatUkDateTime: an instant in Europe/London words', () => {
  // Hand-worked: GMT in winter, BST (UTC+1) from 1am on 29 March 2026; GOV.UK time style.
  const cases: [string, string][] = [
    ['2026-11-25T14:05:00.000Z', '25 November 2026 at 2:05pm'], // winter: UTC is London time
    ['2026-07-01T11:00:00Z', '1 July 2026 at midday'], // summer: 11:00 UTC is 12:00 BST
    ['2026-07-01T23:30:00Z', '2 July 2026 at 12:30am'], // summer: the London date is the next day
    ['2026-11-25 00:00:00', '25 November 2026 at midnight'], // SQLite's timestamp, UTC without a zone
    ['2026-03-29T00:30:00Z', '29 March 2026 at 12:30am'], // half an hour before the clocks go forward
    ['not a time', 'not a time'],
  ];
  for (const [value, expected] of cases) test(value, () => assert.equal(formatUkDateTime(value), expected));
});
