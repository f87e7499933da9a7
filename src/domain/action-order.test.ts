import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sortActions, type SortFacts } from './action-order.ts';

// Seven actions, listed in the list's own order (their `n`). Worked by hand below.
const ROWS: (SortFacts & { n: number })[] = [
  { n: 1, code: '18-CEX10', title: 'review polling districts', dueDate: '2019-03-31', light: 'green', lead: 'Ellen Evans' },
  { n: 2, code: '18-CEX2', title: 'Publish the register', dueDate: '2018-06-30', light: 'red', lead: 'ellen evans' },
  { n: 3, code: '18-CEX03', title: 'Webcast council meetings', dueDate: null, light: 'amber', lead: 'Dan Davies' },
  { n: 4, code: '18-CEX04', title: 'Train new councillors', dueDate: '2019-03-31', light: 'complete', lead: null },
  { n: 5, code: '18-FIN01', title: 'Set the budget', dueDate: '2018-12-31', light: 'not_updated', lead: 'Chief Accountant' },
  { n: 6, code: '18-FIN02', title: 'Close the accounts', dueDate: '2018-06-30', light: null, lead: 'Ellen Evans' },
  { n: 7, code: '18-FIN03', title: 'Pay suppliers on time', dueDate: '2019-03-31', light: 'red', lead: 'Zoe Zed' },
];
const order = (key: Parameters<typeof sortActions>[1], dir: 'asc' | 'desc') => sortActions(ROWS, key, dir, (r) => r).map((r) => r.n);

test('sorts by each column, with ties in the list’s own order and missing values last', () => {
  const cases: [Parameters<typeof sortActions>[1], 'asc' | 'desc', number[], string][] = [
    // Codes compare numbers as numbers: CEX2 before CEX03 before CEX04 before CEX10.
    ['code', 'asc', [2, 3, 4, 1, 5, 6, 7], 'codes, numbers as numbers'],
    ['code', 'desc', [7, 6, 5, 1, 4, 3, 2], 'codes, descending'],
    // Case is ignored: "review" sorts among the Rs, after "Publish" and before "Set".
    ['title', 'asc', [6, 7, 2, 1, 5, 4, 3], 'titles, ignoring case'],
    // Due: 30 Jun (2, 6, tied: list order), 31 Dec (5), 31 Mar (1, 4, 7, tied); no date (3) last.
    ['due', 'asc', [2, 6, 5, 1, 4, 7, 3], 'due dates, none last'],
    // Descending reverses the dates but keeps ties in list order and the dateless last.
    ['due', 'desc', [1, 4, 7, 5, 2, 6, 3], 'due dates descending, none still last'],
    // Red (2, 7), not updated (5), amber (3), green (1), complete (4); no light (6) last.
    ['light', 'asc', [2, 7, 5, 3, 1, 4, 6], 'lights worst first, not alphabetically'],
    ['light', 'desc', [4, 1, 3, 5, 2, 7, 6], 'lights best first'],
    // Chief, Dan, Ellen (1, 2 and 6 tie, ignoring case), Zoe; no lead (4) last.
    ['lead', 'asc', [5, 3, 1, 2, 6, 7, 4], 'first lead officer, none last'],
  ];
  for (const [key, dir, expected, why] of cases) assert.deepEqual(order(key, dir), expected, why);
});

test('sorting leaves the rows given alone', () => {
  const before = ROWS.map((r) => r.n);
  sortActions(ROWS, 'code', 'desc', (r) => r);
  assert.deepEqual(ROWS.map((r) => r.n), before);
});
