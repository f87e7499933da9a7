// Action records as copied from a council's web page: one block of "Label: value" lines per
// action, usually under a title line with the action's name (often numbered, "2.01.01 Progress to
// adoption of …"), with free-text commentary that runs over several paragraphs, labelled or not.
// The blocks become one table (labels as the header) so the same table reader turns them into a
// plan. Lines that belong to no record are named in a warning, never dropped silently.

import { ImportError } from '../domain/errors.ts';
import { isGoalHeading, mapHeader, type ImportWarning } from '../domain/import-tables.ts';
import { lineList } from '../domain/import-text.ts';
import type { ReadResult } from './types.ts';

const LABEL_LINE = /^\s*([^:\n]{1,50}?)\s*:\s*(.*)$/u;
const TITLE_LABEL = /^(?:title|action|name)$/iu;
const TITLE_COLUMN = 'Action';
const CODE_COLUMN = 'Action code';
const COMMENTS_COLUMN = 'Comments';
// A label Waymark has no field for ("Directorate:", "Section:"): a few capitalised words, no digits.
const OTHER_LABEL = /^\p{Lu}[\p{L}'’&/-]*(?:\s+[\p{L}'’&/-]+){0,3}$/u;
// A title line that starts with the action's reference: "2.01.01 …", "15-CEC01 …", "WST04 …".
// Labels whose value is one short item (a date, a percentage, a status word, a code): a line of
// text straight after one is the record's commentary, not more of the value.
const SHORT_VALUE = new Set(['code', 'dueDate', 'startDate', 'revisedDueDate', 'asAt', 'percent', 'status', 'kind', 'weight', 'exempt', 'role', 'objectiveNumber']);
const CODE_TITLE = /^((?:\d+\.)+\d+|\d+[A-Za-z]?(?:[-/][A-Za-z0-9]+)+|[A-Z]{2,6}\d{1,4})\.?\s+(?=\p{L})(.+)$/u;

type Label = { key: string; label: string; value: string };
type Line =
  | { kind: 'blank' }
  | ({ kind: 'label' } & Label)
  | { kind: 'section'; text: string; asLabel: Label | null }
  | { kind: 'text'; text: string };

// The same few labels repeat on every block; mapHeader is slow enough to matter on a long page.
const labelCache = new Map<string, { key: string; label: string } | null>();

function labelKey(label: string): { key: string; label: string } | null {
  const cached = labelCache.get(label);
  if (cached !== undefined) return cached;
  let found: { key: string; label: string } | null = null;
  if (TITLE_LABEL.test(label)) found = { key: 'title', label: TITLE_COLUMN };
  else {
    const field = mapHeader([label])[0] ?? null;
    if (field !== null) found = field === 'title' ? { key: 'title', label: TITLE_COLUMN } : { key: field, label };
  }
  if (labelCache.size > 10_000) labelCache.clear();
  labelCache.set(label, found);
  return found;
}

/** A known label: one the table reader maps to a field, or a word for the action's title. */
function knownLabel(line: string): Label | null {
  const m = LABEL_LINE.exec(line);
  if (!m) return null;
  const label = (m[1] ?? '').trim();
  // A sentence that happens to contain a colon is not a label, nor is a title such as "Quarter 3
  // progress report: Waste" (field labels carry no numbers).
  if (label === '' || label.split(/\s+/u).length > 6 || /\d/u.test(label)) return null;
  const known = labelKey(label);
  return known ? { ...known, value: (m[2] ?? '').trim() } : null;
}

/** "Directorate: Place": a short label Waymark has no field for, with a short value. */
function otherLabel(line: string): Label | null {
  const m = LABEL_LINE.exec(line);
  const label = (m?.[1] ?? '').trim();
  const value = (m?.[2] ?? '').trim();
  if (!m || !OTHER_LABEL.test(label) || value.length > 100) return null;
  return { key: `other:${label.toLowerCase()}`, label, value };
}

function classify(line: string): Line {
  if (line.trim() === '') return { kind: 'blank' };
  if (isGoalHeading(line.trim())) return { kind: 'section', text: line.trim(), asLabel: knownLabel(line) };
  const label = knownLabel(line);
  if (label) return { kind: 'label', ...label };
  return { kind: 'text', text: line.trim() };
}

/**
 * Classifies every line. A label Waymark has no field for counts as a label only beside other
 * labels (the lines around it, blanks aside, are labels too), so "Note: …" inside a paragraph of
 * commentary stays commentary.
 */
function classifyAll(raw: string[]): Line[] {
  const lines = raw.map(classify);
  const content = lines.map((l, i) => (l.kind === 'blank' ? -1 : i)).filter((i) => i >= 0);
  const others = new Map<number, Label>();
  for (const i of content) {
    const l = lines[i];
    const o = l?.kind === 'text' ? otherLabel(raw[i] ?? '') : null;
    if (o) others.set(i, o);
  }
  if (others.size === 0) return lines;
  const isLabel = (i: number | undefined): boolean => i !== undefined && lines[i]?.kind === 'label';
  // Forwards and backwards until nothing changes, so a run of them beside one known label all count.
  for (let changed = true; changed; ) {
    changed = false;
    for (const order of [content, [...content].reverse()]) {
      for (const i of order) {
        const o = others.get(i);
        if (!o || lines[i]?.kind === 'label') continue;
        const at = content.indexOf(i);
        if (isLabel(content[at - 1]) || isLabel(content[at + 1])) {
          lines[i] = { kind: 'label', ...o };
          changed = true;
        }
      }
    }
  }
  return lines;
}

interface Block {
  line: number;
  heading: string | null;
  values: Map<string, string[]>;
}

type Item = { kind: 'block'; block: Block } | { kind: 'section'; text: string; line: number };

/** Share of the first non-empty lines that are labels; records need at least two kinds of known label. */
export function looksLikeRecords(text: string): boolean {
  const raw = text.split('\n').slice(0, 200);
  const lines = classifyAll(raw).filter((l) => l.kind !== 'blank').slice(0, 40);
  const labels = lines.filter((l): l is Extract<Line, { kind: 'label' }> => l.kind === 'label');
  const known = new Set(labels.filter((l) => !l.key.startsWith('other:')).map((l) => l.key));
  return known.size >= 2 && labels.length >= 0.4 * lines.length;
}

function parseBlocks(text: string): { items: Item[]; columns: Map<string, string>; unread: number[] } {
  const lines = classifyAll(text.split('\n'));
  const items: Item[] = [];
  const columns = new Map<string, string>();
  const unread: number[] = [];
  let block: Block | null = null;
  let open: { key: string; empty: boolean } | null = null;
  let blankBefore = false;
  let pendingTitle: { text: string; line: number } | null = null;

  // The next non-blank line after each line, found in one pass so long pastes stay linear.
  const following: (Line | undefined)[] = new Array<Line | undefined>(lines.length);
  for (let i = lines.length - 1, next: Line | undefined; i >= 0; i--) {
    following[i] = next;
    const l = lines[i];
    if (l && l.kind !== 'blank') next = l;
  }
  const close = (): void => {
    block = null;
    open = null;
  };
  const dropPendingTitle = (): void => {
    if (pendingTitle) unread.push(pendingTitle.line);
    pendingTitle = null;
  };
  const setLabel = (l: Label, line: number): void => {
    let b: Block | null = block;
    if (b !== null && b.values.has(l.key)) {
      close();
      b = null;
    }
    if (b === null) {
      b = { line: pendingTitle?.line ?? line, heading: pendingTitle?.text ?? null, values: new Map() };
      if (b.heading !== null && !columns.has('title')) columns.set('title', TITLE_COLUMN);
      items.push({ kind: 'block', block: b });
      block = b;
      pendingTitle = null;
    }
    if (!columns.has(l.key)) columns.set(l.key, l.label);
    b.values.set(l.key, l.value === '' ? [] : [l.value]);
    open = { key: l.key, empty: l.value === '' };
  };
  /** A paragraph under a record's labels with no label of its own is the record's commentary. */
  const comment = (b: Block, paragraph: string): void => {
    const parts = b.values.get('narrative');
    if (parts === undefined) b.values.set('narrative', [paragraph]);
    else parts.push('', paragraph);
    if (!columns.has('narrative')) columns.set('narrative', COMMENTS_COLUMN);
    open = { key: 'narrative', empty: true };
  };

  lines.forEach((l, i) => {
    const lineNo = i + 1;
    const b: Block | null = block;
    const o: { key: string; empty: boolean } | null = open;
    if (l.kind === 'blank') {
      // A label with nothing after its colon takes paragraphs; keep the break between them.
      if (b !== null && o !== null && o.empty && (b.values.get(o.key)?.length ?? 0) > 0) b.values.get(o.key)?.push('');
      blankBefore = true;
      return;
    }
    const wasBlank = blankBefore;
    blankBefore = false;
    const next = following[i];
    if (l.kind === 'section') {
      // "Corporate priority: Place" among an action's labels is that action's field, not a heading.
      if (l.asLabel && b !== null && !wasBlank && o !== null && !o.empty && !b.values.has(l.asLabel.key) && next?.kind === 'label') {
        setLabel(l.asLabel, lineNo);
        return;
      }
      close();
      dropPendingTitle();
      items.push({ kind: 'section', text: l.text, line: lineNo });
      return;
    }
    if (l.kind === 'label') {
      setLabel(l, lineNo);
      return;
    }
    const collecting = b !== null && o !== null && (o.empty || (!wasBlank && !SHORT_VALUE.has(o.key)));
    // A title line followed by labels starts a record: after a blank line, or where the record
    // already has the label that follows (a new record's first).
    const startsBlock =
      next?.kind === 'label' &&
      next.key !== 'title' &&
      (b === null || (!collecting && wasBlank) || (b.heading !== null && b.values.has(next.key)));
    if (startsBlock) {
      close();
      dropPendingTitle();
      pendingTitle = { text: l.text, line: lineNo };
    } else if (collecting && b !== null && o !== null) {
      b.values.get(o.key)?.push(l.text);
    } else if (b !== null) {
      comment(b, l.text);
    } else {
      unread.push(lineNo);
    }
  });
  dropPendingTitle();
  return { items, columns, unread };
}

/** "2.01.01 Progress to adoption of …" → the reference and the title, when the record has no code of its own. */
function splitCodeTitle(block: Block): { code: string; title: string } | null {
  if (block.heading === null || (block.values.get('code')?.length ?? 0) > 0) return null;
  const m = CODE_TITLE.exec(block.heading);
  return m ? { code: m[1] ?? '', title: (m[2] ?? '').trim() } : null;
}

/** Reads blocks of "Label: value" lines into one table: a header row, then one row per block. */
export function readRecords(text: string): ReadResult {
  const { items, columns, unread } = parseBlocks(text);
  const blocks = items.filter((i): i is Extract<Item, { kind: 'block' }> => i.kind === 'block');
  if (blocks.length === 0) {
    throw new ImportError(
      'No action records were found: expected blocks of lines such as “Action code: 22-WST04”, “Lead officer: …”, “Due date: …”',
    );
  }
  const coded = new Map(blocks.map(({ block }) => [block, splitCodeTitle(block)]));
  if ([...coded.values()].some((c) => c !== null) && !columns.has('code')) columns.set('code', CODE_COLUMN);
  const keys = [...columns.keys()];
  const rows: string[][] = [keys.map((k) => columns.get(k) ?? k)];
  const lines: number[] = [items[0]?.kind === 'block' ? items[0].block.line : 1];
  for (const item of items) {
    if (item.kind === 'section') {
      rows.push([item.text]);
      lines.push(item.line);
      continue;
    }
    const { block } = item;
    const split = coded.get(block) ?? null;
    rows.push(
      keys.map((k) => {
        const parts = block.values.get(k);
        if (k === 'code' && split) return split.code;
        if (k === 'title' && (parts === undefined || parts.length === 0)) return split?.title ?? block.heading ?? '';
        return (parts ?? []).join('\n').replace(/\n{3,}/gu, '\n\n').trim();
      }),
    );
    lines.push(block.line);
  }
  const warnings: ImportWarning[] = unread.length
    ? [{ line: unread[0] ?? 1, message: `${unread.length === 1 ? 'Line' : 'Lines'} ${lineList(unread)} ${unread.length === 1 ? 'is' : 'are'} not part of any action record, so ${unread.length === 1 ? 'it was' : 'they were'} not read` }]
    : [];
  return { kind: 'tables', format: 'records', tables: [{ name: 'Records', rows, lines, warnings }] };
}
