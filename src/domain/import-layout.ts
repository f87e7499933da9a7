// What an imported table looks like as a whole, worked out before its rows are read: whether a
// spreadsheet repeats its objective on every row, and whether a goal column is filled in only
// where each goal starts. Pure.

// Rows are given as their cells' plain text (cellText), worked out once per table.

import { fixObjectiveNumber } from './import-fields.ts';
import { OBJECTIVE_NUMBER } from './import-headings.ts';

/**
 * A spreadsheet that repeats the objective on every row of its actions: at least a third of the
 * filled objective cells (and at least one) say the same as the filled one above, in any case. A
 * Word or PDF table only repeats an objective after a page break, far less often.
 */
export function repeatsObjectives(texts: string[][], from: number, objectiveCol: number): boolean {
  if (objectiveCol < 0) return false;
  let filled = 0;
  let repeats = 0;
  let previous = '';
  for (let r = from; r < texts.length; r++) {
    const t = (texts[r]?.[objectiveCol] ?? '').toLowerCase();
    if (t === '') continue;
    filled++;
    if (t === previous) repeats++;
    previous = t;
  }
  return repeats >= 1 && repeats * 3 >= filled;
}

/**
 * A goal column filled in only where each goal starts (the cells below left blank for the same
 * goal): some row with a blank goal cell carries on the objective of the row above, which had one,
 * or numbers its objective under the same first number ("1.2" below "1.1"). Waymark's export writes
 * the goal on every row, so there a blank goal means no goal.
 */
export function sparseGoals(texts: string[][], from: number, goalCol: number, numberCol: number, objectiveCol: number): boolean {
  if (goalCol < 0) return false;
  const text = (cells: string[], c: number): string => (c >= 0 ? (cells[c] ?? '') : '');
  const head = (cells: string[]): string | null => {
    const n = fixObjectiveNumber(text(cells, numberCol));
    return OBJECTIVE_NUMBER.test(n) ? (n.split('.')[0] ?? null) : null;
  };
  let prev: string[] | null = null;
  for (let r = from; r < texts.length; r++) {
    const cells = texts[r] ?? [];
    if (cells.every((c) => c === '')) continue;
    if (prev && text(cells, goalCol) === '' && text(prev, goalCol) !== '') {
      const same = (text(cells, numberCol) || text(cells, objectiveCol)) !== '' && text(cells, numberCol) === text(prev, numberCol) && text(cells, objectiveCol) === text(prev, objectiveCol);
      if (same || (head(cells) !== null && head(cells) === head(prev))) return true;
    }
    prev = cells;
  }
  return false;
}
