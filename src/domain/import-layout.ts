// What an imported table looks like as a whole, worked out before its rows are read: which rows are
// copies of the header (whole, shifted or broken over two lines by a page break), which lone rows
// are a running header or footer printed on every page, whether objectives are numbered, and
// whether a spreadsheet repeats its objective on every row. Pure.

import { cellText, mapHeader, type Field } from './import-headers.ts';
import { isBareNumber, isPageFurniture, OBJECTIVE_NUMBER } from './import-headings.ts';
import { fixObjectiveNumber } from './import-fields.ts';

const norm = (s: string | undefined): string => cellText(s).toLowerCase().replace(/[^\p{L}\p{N}%]+/gu, ' ').trim();

/** Recognises copies of a table's header row, however a page break has mangled them. */
export class HeaderCopies {
  private readonly key: string;
  private readonly fields: (Field | null)[];
  private readonly joined: string;
  private readonly cells: Set<string>;

  constructor(header: string[]) {
    this.key = header.map(cellText).join('\u0001');
    this.fields = mapHeader(header);
    this.cells = new Set(header.map(norm).filter((c) => c !== ''));
    this.joined = [...header.map(norm).filter((c) => c !== '')].join(' ');
  }

  /** The header again, cell for cell, or with each filled cell naming the same field in the same place. */
  isCopy(cells: string[]): boolean {
    const texts = cells.map(cellText);
    if (texts.join('\u0001') === this.key) return true;
    // Headers are short; checking that first spares mapping every cell of every data row.
    if (texts.some((t) => t.length > 80)) return false;
    const fields = mapHeader(cells);
    let matched = 0;
    for (let i = 0; i < cells.length; i++) {
      if (texts[i] === '') continue;
      if (fields[i] === null || fields[i] !== this.fields[i]) return false;
      matched++;
    }
    return matched >= 2;
  }

  /** The header moved one to three columns right, as a PDF page sometimes is: how far, or 0. */
  shift(cells: string[]): number {
    for (let k = 1; k <= 3 && k < cells.length; k++) {
      if (cells.slice(0, k).every((c) => cellText(c) === '') && this.isCopy(cells.slice(k))) return k;
    }
    return 0;
  }

  /**
   * Pieces of the header: every filled cell is part of the header's wording, wherever it sits
   * ("Progress update and key actions remaining" in the action column, or "Pledge(s)" and "actions
   * remaining" where a page break wrapped the header onto a second line).
   */
  isFragment(cells: string[]): boolean {
    const texts = cells.map(norm).filter((t) => t !== '');
    if (texts.length === 0 || texts.join(' ').length < 8) return false;
    return texts.every((t) => this.joined.includes(t) && (t.length >= 4 || this.cells.has(t)));
  }
}

/**
 * Lone rows printed on every page (a running header or footer such as the plan's title): the same
 * text, alone on its row, two or more times, each time within two rows of a page number, a
 * protective marking or a copy of the header. The first sighting of a section title is not next to
 * a page break, so a title repeated after one is not taken for a running header.
 */
export function runningRows(rows: string[][], from: number, isBreak: (cells: string[]) => boolean): Set<number> {
  const lone = new Map<string, number[]>();
  const breaks: number[] = [];
  const content: number[] = [];
  for (let r = from; r < rows.length; r++) {
    const cells = rows[r] ?? [];
    const filled = cells.map(cellText).filter((t) => t !== '');
    if (filled.length === 0) continue;
    content.push(r);
    if (isBreak(cells) || (filled.length === 1 && (isPageFurniture(filled[0] ?? '') || isBareNumber(filled[0] ?? '')))) breaks.push(r);
    else if (filled.length === 1) lone.set(filled[0] ?? '', [...(lone.get(filled[0] ?? '') ?? []), r]);
  }
  const position = new Map(content.map((r, i) => [r, i]));
  const nearBreak = (r: number): boolean => {
    const i = position.get(r) ?? 0;
    return breaks.some((b) => Math.abs((position.get(b) ?? 0) - i) <= 2);
  };
  const out = new Set<number>();
  for (const at of lone.values()) {
    if (at.length >= 2 && at.every(nearBreak)) for (const r of at) out.add(r);
  }
  return out;
}

/**
 * A spreadsheet that repeats the objective on every row of its actions: at least a third of the
 * filled objective cells (and at least one) say the same as the filled one above. A Word or PDF table
 * only repeats an objective after a page break, far less often.
 */
export function repeatsObjectives(rows: string[][], from: number, objectiveCol: number): boolean {
  if (objectiveCol < 0) return false;
  let filled = 0;
  let repeats = 0;
  let previous = '';
  for (let r = from; r < rows.length; r++) {
    const t = cellText(rows[r]?.[objectiveCol]);
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
export function sparseGoals(rows: string[][], from: number, goalCol: number, numberCol: number, objectiveCol: number): boolean {
  if (goalCol < 0) return false;
  const text = (cells: string[], c: number): string => (c >= 0 ? cellText(cells[c]) : '');
  const head = (cells: string[]): string | null => {
    const n = fixObjectiveNumber(text(cells, numberCol));
    return OBJECTIVE_NUMBER.test(n) ? (n.split('.')[0] ?? null) : null;
  };
  let prev: string[] | null = null;
  for (let r = from; r < rows.length; r++) {
    const cells = rows[r] ?? [];
    if (cells.every((c) => cellText(c) === '')) continue;
    if (prev && text(cells, goalCol) === '' && text(prev, goalCol) !== '') {
      const same = (text(cells, numberCol) || text(cells, objectiveCol)) !== '' && text(cells, numberCol) === text(prev, numberCol) && text(cells, objectiveCol) === text(prev, objectiveCol);
      if (same || (head(cells) !== null && head(cells) === head(prev))) return true;
    }
    prev = cells;
  }
  return false;
}
