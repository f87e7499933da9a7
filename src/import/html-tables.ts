// The tables in mammoth's HTML. mammoth writes regular HTML (<table><tr><td><p>…</p></td></tr>
// </table>, <th> for header cells, colspan/rowspan for merged cells, text escaped), so a tag
// scanner is enough and we avoid a DOM dependency. It is written to survive any input anyway:
// unclosed or stray tags are closed or ignored, never thrown over.

import { isGoalHeading } from '../domain/import-tables.ts';

export interface HtmlTable {
  /** Rows of cells; each cell is its inner HTML. Merged cells are padded with "" so columns line up. */
  rows: string[][];
  /** Goal and priority headings ("Strategic Goal 2: …") in paragraphs between the previous table and this one. */
  headings: string[];
}

const TAG = /<(\/?)([a-zA-Z][a-zA-Z0-9]*)\b([^>]*)>/gu;
const PARAGRAPH = /^(?:p|h[1-6]|li)$/u;
const MAX_COLSPAN = 64;

function spanAttr(attrs: string, name: string, max: number): number {
  const m = new RegExp(`\\b${name}\\s*=\\s*["']?(\\d{1,6})`, 'iu').exec(attrs);
  const n = m ? Number(m[1]) : 1;
  return Math.min(Math.max(n, 1), max);
}

/** Text of an HTML fragment: tags removed, the entities mammoth writes decoded, spaces collapsed. */
export function htmlText(html: string): string {
  return html
    .replace(/<[^>]*>/gu, ' ')
    .replace(/&lt;/gu, '<')
    .replace(/&gt;/gu, '>')
    .replace(/&quot;/gu, '"')
    .replace(/&#39;|&apos;/gu, "'")
    .replace(/&nbsp;/gu, ' ')
    .replace(/&amp;/gu, '&')
    .replace(/\s+/gu, ' ')
    .trim();
}

interface OpenCell {
  start: number;
  colspan: number;
  rowspan: number;
}

/** Every outermost table in document order. Tables nested inside a cell stay in that cell's HTML. */
export function extractTables(html: string): HtmlTable[] {
  const tables: HtmlTable[] = [];
  let headings: string[] = [];
  let depth = 0;
  let table: HtmlTable | null = null;
  let row: string[] | null = null;
  let cell: OpenCell | null = null;
  // Rows still covered by a rowspan from above, per column, and the spans started in this row.
  let spans: number[] = [];
  let newSpans: number[] = [];
  let occupied: boolean[] = [];
  let paragraph: { tag: string; start: number } | null = null;

  const closeCell = (end: number): void => {
    if (!row || !cell) return;
    let col = row.length;
    while (occupied[col]) {
      row.push('');
      col++;
    }
    row.push(html.slice(cell.start, end).trim());
    for (let i = 1; i < cell.colspan; i++) row.push('');
    if (cell.rowspan > 1) for (let i = 0; i < cell.colspan; i++) newSpans[col + i] = cell.rowspan - 1;
    cell = null;
  };
  const openRow = (): void => {
    row = [];
    newSpans = [];
    occupied = spans.map((s) => s > 0);
  };
  const closeRow = (end: number): void => {
    closeCell(end);
    if (!table || !row) return;
    const r: string[] = row;
    // Columns covered from above that come after the row's last cell still need their place.
    const lastOccupied = occupied.lastIndexOf(true);
    while (r.length <= lastOccupied) r.push('');
    if (r.length > 0) table.rows.push(r);
    const width = Math.max(spans.length, newSpans.length);
    spans = Array.from({ length: width }, (_, c) => newSpans[c] ?? Math.max((spans[c] ?? 0) - (occupied[c] ? 1 : 0), 0));
    row = null;
  };
  const closeTable = (end: number): void => {
    closeRow(end);
    if (table) tables.push(table);
    table = null;
    spans = [];
  };

  for (const m of html.matchAll(TAG)) {
    const closing = m[1] === '/';
    const tag = (m[2] ?? '').toLowerCase();
    const at = m.index ?? 0;
    const after = at + m[0].length;
    if (tag === 'table') {
      if (!closing) {
        depth++;
        if (depth === 1) {
          paragraph = null;
          table = { rows: [], headings };
          headings = [];
        }
      } else if (depth > 0) {
        depth--;
        if (depth === 0) closeTable(at);
      }
      continue;
    }
    if (depth === 0) {
      if (PARAGRAPH.test(tag)) {
        if (!closing) paragraph = { tag, start: after };
        else if (paragraph && paragraph.tag === tag) {
          const inner = html.slice(paragraph.start, at).trim();
          if (isGoalHeading(htmlText(inner))) headings.push(inner);
          paragraph = null;
        }
      }
      continue;
    }
    if (depth !== 1) continue;
    if (tag === 'tr') {
      if (row) closeRow(at);
      if (!closing) openRow();
    } else if (tag === 'td' || tag === 'th') {
      if (closing) {
        closeCell(at);
      } else {
        if (!row) openRow();
        closeCell(at);
        cell = { start: after, colspan: spanAttr(m[3] ?? '', 'colspan', MAX_COLSPAN), rowspan: spanAttr(m[3] ?? '', 'rowspan', 100_000) };
      }
    }
  }
  if (table) closeTable(html.length);
  return tables;
}
