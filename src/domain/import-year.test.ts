import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { blankActionText } from './fields/action-fields.ts';
import { tablesToPlan } from './import-tables.ts';
import type { ParsedAction } from './import-types.ts';
import { datesOutsideYear, yearInTitle } from './import-year.ts';

const blankParsedAction = (title: string): ParsedAction => ({
  code: null, title, role: null, ...blankActionText(),
  dueDate: null, leadOfficers: [], impactedServices: [], partnershipLinks: [], status: null, percentComplete: null,
  narrative: null, statusWord: null, kind: null, startDate: null, revisedDueDate: null, weight: null, asAt: null,
});

const YEAR_2018 = { label: '2018/19', start: '2018-04-01', end: '2019-03-31' };

describe('due dates outside the plan year', () => {
  // Hand-worked against 2018/19 = 1 Apr 2018 to 31 Mar 2019, both days inside.
  const cases: [string, string | null, string | null, string | null][] = [
    // code, due, revised due, expected message part (null: no warning)
    ['A', '2018-04-01', null, null], // the first day is inside
    ['B', '2019-03-31', null, null], // the last day is inside
    ['C', '2018-03-31', null, 'a due date of 31 March 2018, before the plan year 2018/19 (1 April 2018 to 31 March 2019)'],
    ['D', '2019-04-01', null, 'a due date of 1 April 2019, after the plan year'],
    ['E', '2020-03-31', '2019-01-31', null], // the revised date is the one that counts, and it is inside
    ['F', '2018-06-30', '2019-06-30', 'a revised due date of 30 June 2019, after'],
    ['G', null, null, null], // no date, nothing to say
  ];
  for (const [code, due, revised, expected] of cases) {
    test(`${code}: due ${due ?? 'none'}, revised ${revised ?? 'none'}`, () => {
      const action = { ...blankParsedAction(`Action ${code}`), code, dueDate: due, revisedDueDate: revised, line: 7 };
      const out = datesOutsideYear([{ number: null, title: 'Actions', why: null, goal: null, actions: [action] }], YEAR_2018);
      if (expected === null) assert.deepEqual(out, []);
      else {
        assert.equal(out.length, 1);
        assert.equal(out[0]!.line, 7);
        assert.ok(out[0]!.message.startsWith(`Action ${code} has ${expected}`), out[0]!.message);
      }
    });
  }
});

describe('the year a title names', () => {
  const cases: [string, string | null][] = [
    ['Democratic Services Business Plan 2018/19', '2018/19'],
    ['Service plan 2018-2019', '2018/19'],
    ['Service plan 2018 – 19', '2018/19'],
    ['Action plan 2018/20', null], // not two years in a row
    ['Business plan', null],
    ['Call 01234 567890', null], // a phone number is not a year
  ];
  for (const [title, year] of cases) test(title, () => assert.equal(yearInTitle(title), year));
});

describe('a title above the table', () => {
  const header = ['Ref', 'Action', 'Due date'];
  const row = ['E1', 'Run the annual canvass', '30/11/2018'];
  const cases: [string, string[][], string | null, number][] = [
    // name, rows above the header, the title read (null: none), lines left unread
    ['a plan title with a year', [['Electoral Services Business Plan 2018/19', '', '']], 'Electoral Services Business Plan 2018/19', 0],
    ['a plan title without a year', [['Electoral Services action plan']], 'Electoral Services action plan', 0],
    ['a sentence of introduction is not a title', [['This plan sets out what we will do this year.']], null, 1],
    ['two cells are not a title', [['Electoral Services', 'Business Plan 2018/19']], null, 1],
    ['a council name alone is not a plan title', [['Wessex District Council']], null, 1],
    ['only the first line can be the title', [['Wessex District Council'], ['Electoral Services Business Plan 2018/19']], null, 2],
    ['the title, then a paragraph that stays unread', [['Business plan 2018/19'], ['Introduction text for members.']], 'Business plan 2018/19', 1],
  ];
  for (const [name, above, title, unread] of cases) {
    test(name, () => {
      const plan = tablesToPlan([...above, header, row]);
      assert.equal(plan.sheetTitle?.title ?? null, title);
      if (title !== null) assert.equal(plan.sheetTitle?.line, 1);
      const notRead = plan.warnings.filter((w) => /above the table’s column headings/.test(w.message));
      assert.equal(notRead.length, unread > 0 ? 1 : 0, JSON.stringify(plan.warnings));
    });
  }
});
