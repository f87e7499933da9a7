// Text cells of the CSV files Waymark writes. A spreadsheet opening a CSV takes a cell that begins
// with = + - @ (or a tab or carriage return, which some skip before looking) for a formula, so free
// text someone typed (an action titled "=HYPERLINK(…)") could run as one. Such a cell is written
// with a leading apostrophe, which spreadsheets show as text; the importer takes it off again. Pure.

const FORMULA_START = /^[=+\-@\t\r]/u;
const PROTECTED = /^'[=+\-@\t\r]/u;

/** A text cell as a spreadsheet must read it: never as a formula. Numbers are not text: write them as they are. */
export function safeCell(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}

/** The reverse of safeCell, for a cell read back from CSV. */
export function unprotectCell(value: string): string {
  return PROTECTED.test(value) ? value.slice(1) : value;
}
