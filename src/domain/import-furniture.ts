// What PDF extraction and page breaks leave between a table's rows: copies of the header (whole,
// shifted, or broken over two lines), page numbers and protective markings, a running header or
// footer printed on every page; and text in columns that are not read. None of it is data, and
// none of it is dropped in silence: each kind is listed, by line, in one warning. Pure.

import { FIELD_LABELS, isDerivedHeader, mapCellCached, mapHeader, type Field } from './import-headers.ts';
import { isBareNumber, isPageFurniture } from './import-headings.ts';
import type { Findings } from './import-objectives.ts';
import { lineList } from './import-text.ts';

const norm = (s: string | undefined): string => (s ?? '').toLowerCase().replace(/[^\p{L}\p{N}%]+/gu, ' ').trim();

/**
 * Recognises copies of a table's header row, however a page break has mangled them. Rows are given
 * as their cells' plain text (cellText), worked out once per table.
 */
export class HeaderCopies {
  private readonly key: string;
  /** The field each header cell names on its own, so a copy's second "Comments" column still matches. */
  private readonly fields: (Field | null)[];
  private readonly joined: string;
  private readonly cells: Set<string>;

  constructor(header: string[]) {
    this.key = header.join('\u0001');
    this.fields = header.map((h) => (h === '' ? null : mapCellCached(h)));
    this.cells = new Set(header.map(norm).filter((c) => c !== ''));
    this.joined = [...this.cells].join(' ');
  }

  /** The header again, cell for cell, or with each filled cell naming the same field in the same place. */
  isCopy(texts: string[]): boolean {
    if (texts.join('\u0001') === this.key) return true;
    // Cell by cell, stopping at the first that names no field or another one: a data row's first
    // filled cell (a code, a title) nearly always does.
    let matched = 0;
    for (let i = 0; i < texts.length; i++) {
      const t = texts[i] ?? '';
      if (t === '') continue;
      const f = this.fields[i] ?? null;
      if (f === null || t.length > 200 || mapCellCached(t) !== f) return false;
      matched++;
    }
    return matched >= 2;
  }

  /** The header moved one to three columns right, as a PDF page sometimes is: how far, or 0. */
  shift(texts: string[]): number {
    for (let k = 1; k <= 3 && k < texts.length; k++) {
      if (texts.slice(0, k).every((t) => t === '') && this.isCopy(texts.slice(k))) return k;
    }
    return 0;
  }

  /**
   * Pieces of the header: every filled cell is part of the header's wording, wherever it sits
   * ("Progress update and key actions remaining" in the action column, or "Pledge(s)" and "actions
   * remaining" where a page break wrapped the header onto a second line).
   */
  isFragment(texts: string[]): boolean {
    let length = 0;
    for (const t of texts) length += t.length;
    // Much more text than the whole header has cannot be pieces of it (most data rows stop here);
    // the header's own wording is counted without its punctuation, hence the slack.
    if (length < 8 || length > 1.5 * this.joined.length + 20) return false;
    const pieces = texts.map(norm).filter((t) => t !== '');
    return pieces.length > 0 && pieces.every((t) => this.joined.includes(t) && (t.length >= 4 || this.cells.has(t)));
  }
}

/**
 * Lone rows printed on every page (a running header or footer such as the plan's title): the same
 * text (but for its numbers), alone on its row, two or more times, each time within two rows of a
 * page number, a protective marking or a copy of the header. The first sighting of a section title is not next to
 * a page break, so a title repeated after one is not taken for a running header.
 */
export function runningRows(texts: string[][], from: number, isBreak: (r: number) => boolean): Set<number> {
  const lone = new Map<string, number[]>();
  const breaks: number[] = [];
  const content: number[] = [];
  for (let r = from; r < texts.length; r++) {
    const row = texts[r] ?? [];
    const filled = row.filter((t) => t !== '');
    if (filled.length === 0) continue;
    content.push(r);
    const only = filled.length === 1 ? (filled[0] ?? '') : null;
    if ((only !== null && (isPageFurniture(only) || isBareNumber(only))) || isBreak(r)) breaks.push(r);
    else if (only !== null) {
      // The page's number in a running footer changes from page to page ("Business Plan – 7").
      const key = only.replace(/\d+/gu, '#');
      lone.set(key, [...(lone.get(key) ?? []), r]);
    }
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

/** Skips a table's page furniture as its rows are read, and says at the end what was skipped. */
export class Furniture {
  /** How far the current page is shifted right (see HeaderCopies.shift). */
  private offset = 0;
  private readonly copies: HeaderCopies;
  /** Each row that is the header again: "copy", shifted right by n columns, or "fragment". */
  private readonly kinds = new Map<number, 'copy' | 'fragment' | number>();
  private readonly running: Set<number>;
  private readonly skipped = { header: [] as number[], page: [] as number[], running: [] as number[] };
  private readonly unread = new Map<number, number[]>();

  /**
   * `texts`: the table's rows as plain text; `numeric`: columns where a lone number is data (a
   * code, a percentage), not a page number; `objectiveCols`: columns read as objectives, whose text
   * is never "not read"; `banner`: the row just above the header, which a page may repeat above
   * its copy of the header ("Action Plan … Connections").
   */
  constructor(
    texts: string[][],
    headerIndex: number,
    private readonly header: string[],
    private readonly mapping: (Field | null)[],
    private readonly numeric: number[],
    private readonly objectiveCols: number[],
    banner: string[] | null = null,
  ) {
    this.copies = new HeaderCopies(header);
    for (let r = headerIndex + 1; r < texts.length; r++) {
      const row = texts[r] ?? [];
      const shift = this.copies.isCopy(row) ? 0 : this.copies.shift(row);
      const kind = this.copies.isCopy(row) ? 'copy' : shift > 0 ? shift : this.copies.isFragment(row) ? 'fragment' : null;
      if (kind !== null) this.kinds.set(r, kind);
    }
    // The banner again, straight above a copy of the header, is part of that page's header.
    const key = banner?.filter((t) => t !== '').join('\u0001');
    let next: number | null = null;
    for (let r = texts.length - 1; key && r > headerIndex; r--) {
      const row = texts[r] ?? [];
      if (row.every((t) => t === '')) continue;
      const nextKind = next === null ? undefined : this.kinds.get(next);
      if ((nextKind === 'copy' || typeof nextKind === 'number') && row.filter((t) => t !== '').join('\u0001') === key) this.kinds.set(r, 'fragment');
      next = r;
    }
    this.running = runningRows(texts, headerIndex + 1, (r) => this.kinds.has(r));
  }

  /** Whether row r (its plain text) is furniture; if so it is noted under its line. */
  skip(r: number, line: number, texts: string[]): boolean {
    const kind = this.kinds.get(r);
    if (kind === 'copy' || typeof kind === 'number') {
      // Text taken from a PDF sometimes shifts a whole page one or two columns to the right: the
      // page's repeated header shows by how much, and the rows under it are shifted back.
      this.offset = kind === 'copy' ? 0 : kind;
      this.skipped.header.push(line);
    } else if (kind === 'fragment') {
      this.skipped.header.push(line);
    } else if (this.running.has(r)) {
      this.skipped.running.push(line);
    } else {
      const shifted = this.unshift(texts, texts);
      const filled = shifted.map((t, i) => ({ i, t })).filter((c) => c.t !== '');
      // Page numbers and markings stand alone (or beside a running title) on their row.
      if (filled.length > 2) return false;
      const only = filled.length === 1 ? filled[0] : undefined;
      const page = isPageFurniture(filled.map((c) => c.t).join(' ')) || (only !== undefined && isBareNumber(only.t) && !this.numeric.includes(only.i));
      if (!page) return false;
      this.skipped.page.push(line);
    }
    return true;
  }

  /** A row of a page shifted right (its cells, decided by their plain text), moved back under the header. */
  unshift<T>(texts: string[], cells: T[]): T[] {
    if (this.offset === 0) return cells;
    const k = this.offset;
    if (texts.slice(0, k).every((t) => t === '')) return cells.slice(k);
    if (texts.slice(1, 1 + k).every((t) => t === '')) return [cells[0] as T, ...cells.slice(1 + k)];
    return cells;
  }

  /** Text in a column mapped to nothing, on a row read as an action: named in one warning per column. */
  noteUnread(texts: string[], line: number): void {
    texts.forEach((t, i) => {
      if (t === '' || (this.mapping[i] ?? null) !== null || this.objectiveCols.includes(i)) return;
      const ls = this.unread.get(i) ?? [];
      ls.push(line);
      this.unread.set(i, ls);
    });
  }

  /** One warning for each kind of furniture skipped, and one for each column not read. */
  summarise(findings: Findings): void {
    const { header, page, running } = this.skipped;
    const lines = (ls: number[]): string => `line${ls.length > 1 ? 's' : ''} ${lineList(ls)}`;
    if (header.length > 0) findings.add(header[0] ?? 0, `Repeated column headings were skipped (${lines(header)})`);
    if (page.length > 0) findings.add(page[0] ?? 0, `Page numbers and markings were skipped (${lines(page)})`);
    if (running.length > 0) findings.add(running[0] ?? 0, `A running page header or footer was skipped (${lines(running)})`);
    for (const [c, ls] of this.unread) {
      const name = this.header[c] ?? '';
      if (isDerivedHeader(name)) continue;
      const what = name ? `the column “${name.slice(0, 60)}”` : `column ${c + 1}, which has no heading,`;
      const named = name ? (mapHeader([name])[0] ?? null) : null;
      const why = named !== null && this.mapping.includes(named) ? ` (an earlier column is already read as ${FIELD_LABELS[named]})` : '';
      findings.add(ls[0] ?? 0, `Nothing is read from ${what}${why}, so its text was left out (${lines(ls)}): choose a field for it in the preview if it matters`);
    }
  }
}
