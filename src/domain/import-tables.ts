// Reads tables pasted from council service plans and progress updates (tab-separated rows, as
// copied from Word or a PDF), and the tables of spreadsheets and Word files, into objectives and
// actions. Pure: no I/O.
//
// The pieces: column headers (import-headers.ts), the shape of the table as a whole
// (import-layout.ts), headings and page furniture (import-headings.ts), the rows (import-rows.ts)
// and each action's cells (import-action-row.ts).

import { ImportError } from './errors.ts';
import { cellText, isHeaderRow, mapHeader, type Field } from './import-headers.ts';
import { goalText, readGoalHeading } from './import-headings.ts';
import { RowReader, type RowOptions } from './import-rows.ts';
import { lineList } from './import-text.ts';
import { yearInTitle } from './import-year.ts';
import type { ImportWarning, ParsedPlan } from './import-types.ts';

export type { ImportWarning, ParsedAction, ParsedObjective, ParsedPlan, PlanMeta } from './import-types.ts';
export { FIELDS, FIELD_LABELS, isHeaderRow, mapHeader, type Field } from './import-headers.ts';
export { parseExempt } from './import-action-row.ts';
export { goalHeading, isGoalHeading } from './import-headings.ts';
export type { RowUse } from './import-rows.ts';

/** Kept for readers of older code: the typed error every import path throws. */
export { ImportError as ImportTableError } from './errors.ts';

/** Tab-separated rows: a BOM is stripped, lines end in \r\n or \n, empty cells are kept. */
export function parsePastedText(text: string): string[][] {
  const lines = text.replace(/^\uFEFF/u, '').split(/\r\n|\n|\r/u);
  if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  return lines.map((line) => line.split('\t'));
}

export interface TableOptions extends RowOptions {
  /** A mapping chosen in the preview, one entry per column; replaces the one read from the header. */
  mapping?: readonly (Field | null)[];
}

/** A mapping from the preview: one entry per column, each field used at most once (the first wins). */
function cleanMapping(mapping: readonly (Field | null)[], width: number): (Field | null)[] {
  const seen = new Set<Field>();
  return Array.from({ length: Math.max(width, mapping.length) }, (_, i) => {
    const f = mapping[i] ?? null;
    if (f === null || seen.has(f)) return null;
    seen.add(f);
    return f;
  });
}

/**
 * Rows above the header: a title, an introduction, perhaps pages of a committee report. They are
 * not read, and one warning says which lines they were, except a goal heading just above the
 * header, which is the goal of the rows below it.
 */
interface Preamble {
  goal: string | null;
  title: ParsedPlan['sheetTitle'];
  warning: ImportWarning | null;
}

// A title is one short cell on its own row that names a plan or a plan year; a sentence of
// introduction (ending in a full stop or colon) is not.
const TITLE_WORD = /\bplan\b/iu;

function sheetTitle(cells: string[], line: number): ParsedPlan['sheetTitle'] {
  const texts = cells.map(cellText).filter((t) => t !== '');
  // Bold or italic marks from a copy ("**Service Plan 2016/17**") are not part of the title.
  const only = texts.length === 1 ? texts[0]!.replace(/\s+/gu, ' ').replace(/^[*_]+|[*_]+$/gu, '').trim() : '';
  if (only === '' || only.length > 150 || /[.:;,]$/u.test(only) || !/\p{L}{2}/u.test(only)) return null;
  const year = yearInTitle(only);
  return TITLE_WORD.test(only) || year !== null ? { title: only, year, line } : null;
}

function preamble(rows: string[][], headerIndex: number, opts: TableOptions): Preamble {
  const lineOf = (r: number): number => opts.lines?.[r] ?? r + 1;
  const content = Array.from({ length: Math.max(headerIndex, 0) }, (_, r) => r).filter((r) => (rows[r] ?? []).some((c) => cellText(c) !== ''));
  let goal: string | null = null;
  let goalRow = -1;
  for (const r of content.slice(-2)) {
    const h = readGoalHeading((rows[r] ?? []).map(cellText).filter((t) => t !== ''));
    if (h) {
      goal = goalText(h);
      goalRow = r;
    }
  }
  const first = content[0];
  const title = first !== undefined && first !== goalRow ? sheetTitle(rows[first] ?? [], lineOf(first)) : null;
  const titleRow = title ? first : -1;
  const unread = content.filter((r) => r !== goalRow && r !== titleRow);
  for (const r of content) opts.onRow?.(lineOf(r), r === goalRow ? 'goal' : r === titleRow ? 'title' : 'preamble');
  opts.onRow?.(lineOf(headerIndex), 'header');
  if (unread.length === 0) return { goal, title, warning: null };
  const lines = unread.map(lineOf);
  // Blank lines between them do not break a run: "lines 2–71" rather than every other line.
  const blank = new Set(Array.from({ length: Math.max(headerIndex, 0) }, (_, r) => r).filter((r) => !content.includes(r)).map(lineOf));
  return {
    goal,
    title,
    warning: {
      line: lines[0] ?? 1,
      message: `${lines.length === 1 ? 'Line' : 'Lines'} ${lineList(lines, blank)}, above the table’s column headings on line ${lineOf(headerIndex)}, ${lines.length === 1 ? 'was' : 'were'} not read`,
    },
  };
}

/**
 * Reads rows into objectives and actions. The first header row sets the column mapping (unless
 * the preview chose one); rows above it are listed in a warning and later copies of it are
 * skipped. Throws ImportError when no column holds the action title.
 */
export function tablesToPlan(rows: string[][], opts: TableOptions = {}): ParsedPlan {
  let headerIndex = rows.findIndex(isHeaderRow);
  if (headerIndex < 0 && opts.mapping) headerIndex = rows.findIndex((r) => r.some((c) => cellText(c) !== ''));
  const header = headerIndex >= 0 ? (rows[headerIndex] ?? []) : [];
  const mapping = opts.mapping ? cleanMapping(opts.mapping, header.length) : headerIndex >= 0 ? mapHeader(header) : [];
  if (!mapping.includes('title')) {
    throw new ImportError('No column looks like the action: expected a header such as "Action" or "Must do actions"');
  }
  const above = preamble(rows, headerIndex, opts);
  const { objectives, warnings } = new RowReader(rows, headerIndex, header, mapping, { ...opts, initialGoal: above.goal }).read();
  if (above.warning) warnings.unshift(above.warning);
  return { mapping, headers: header.map(cellText), objectives, warnings, plan: null, sheetTitle: above.title };
}
