import assert from 'node:assert/strict';
import { test } from 'node:test';
import { safeCell, unprotectCell } from './spreadsheet-cells.ts';

// Hand-worked: a spreadsheet takes a cell starting = + - @ (or tab / CR) for a formula, so those
// get an apostrophe; everything else, including those characters later in the text, is left alone.
const CASES: [string, string][] = [
  ['=1+1', "'=1+1"],
  ['+44 1234 567890', "'+44 1234 567890"],
  ['-2', "'-2"],
  ['@SUM(A1)', "'@SUM(A1)"],
  ['\t=1', "'\t=1"],
  ['\r=1', "'\r=1"],
  ['Plain = text', 'Plain = text'],
  ["'quoted", "'quoted"],
  ['', ''],
];

for (const [typed, written] of CASES) {
  test(`safeCell(${JSON.stringify(typed)}) is ${JSON.stringify(written)}, and reads back as typed`, () => {
    assert.equal(safeCell(typed), written);
    assert.equal(unprotectCell(written), typed);
  });
}
