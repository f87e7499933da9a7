// Action records as copied from a council's web page: one block of "Label: value" lines per
// action, usually under a heading line with the action's name, with free-text comments that run
// over several paragraphs. The blocks become one table (labels as the header) so the same
// table reader turns them into a plan.

import { ImportError } from '../domain/errors.ts';
import { mapHeader } from '../domain/import-tables.ts';
import type { ReadResult } from './types.ts';

const LABEL_LINE = /^\s*([^:\n]{1,50}?)\s*:\s*(.*)$/u;
const TITLE_LABEL = /^(?:title|action|name)$/iu;
const SECTION_HEADING = /^\s*(?:strategic\s+goal|corporate\s+priority)\b/iu;
const TITLE_COLUMN = 'Action';

type Line =
  | { kind: 'blank' }
  | { kind: 'label'; key: string; label: string; value: string }
  | { kind: 'section'; text: string; asLabel: { key: string; label: string; value: string } | null }
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
function knownLabel(line: string): { key: string; label: string; value: string } | null {
  const m = LABEL_LINE.exec(line);
  if (!m) return null;
  const label = (m[1] ?? '').trim();
  // A sentence that happens to contain a colon is not a label.
  if (label === '' || label.split(/\s+/u).length > 6) return null;
  const known = labelKey(label);
  return known ? { ...known, value: (m[2] ?? '').trim() } : null;
}

function classify(line: string): Line {
  if (line.trim() === '') return { kind: 'blank' };
  if (SECTION_HEADING.test(line)) return { kind: 'section', text: line.trim(), asLabel: knownLabel(line) };
  const label = knownLabel(line);
  if (label) return { kind: 'label', ...label };
  return { kind: 'text', text: line.trim() };
}

interface Block {
  line: number;
  heading: string | null;
  values: Map<string, string[]>;
}

type Item = { kind: 'block'; block: Block } | { kind: 'section'; text: string; line: number };

/** Share of the first non-empty lines that are known labels; records need at least two kinds. */
export function looksLikeRecords(text: string): boolean {
  const lines = text.split('\n').filter((l) => l.trim() !== '').slice(0, 40);
  const labels = lines.map((l) => (SECTION_HEADING.test(l) ? null : knownLabel(l))).filter((l) => l !== null);
  return new Set(labels.map((l) => l.key)).size >= 2 && labels.length >= 0.4 * lines.length;
}

function parseBlocks(text: string): { items: Item[]; columns: Map<string, string> } {
  const lines = text.split('\n').map(classify);
  const items: Item[] = [];
  const columns = new Map<string, string>();
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
  const nextNonBlank = (i: number): Line | undefined => following[i];
  const close = (): void => {
    block = null;
    open = null;
  };
  const setLabel = (l: { key: string; label: string; value: string }, line: number): void => {
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
    if (l.kind === 'section') {
      // "Corporate priority: Place" among an action's labels is that action's field, not a heading.
      const next = nextNonBlank(i);
      if (l.asLabel && b !== null && !wasBlank && o !== null && !o.empty && !b.values.has(l.asLabel.key) && next?.kind === 'label') {
        setLabel(l.asLabel, lineNo);
        return;
      }
      close();
      pendingTitle = null;
      items.push({ kind: 'section', text: l.text, line: lineNo });
      return;
    }
    if (l.kind === 'label') {
      setLabel(l, lineNo);
      return;
    }
    const collecting = b !== null && o !== null && (o.empty || !wasBlank);
    const next = nextNonBlank(i);
    const startsBlock =
      next?.kind === 'label' &&
      next.key !== 'title' &&
      (b === null || !collecting || (b.heading !== null && b.values.has(next.key)));
    if (startsBlock) {
      close();
      pendingTitle = { text: l.text, line: lineNo };
    } else if (collecting && b !== null && o !== null) {
      b.values.get(o.key)?.push(l.text);
    }
  });
  return { items, columns };
}

/** Reads blocks of "Label: value" lines into one table: a header row, then one row per block. */
export function readRecords(text: string): ReadResult {
  const { items, columns } = parseBlocks(text);
  const blocks = items.filter((i): i is Extract<Item, { kind: 'block' }> => i.kind === 'block');
  if (blocks.length === 0) {
    throw new ImportError(
      'No action records were found: expected blocks of lines such as “Action code: 22-WST04”, “Lead officer: …”, “Due date: …”',
    );
  }
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
    rows.push(
      keys.map((k) => {
        const parts = block.values.get(k);
        if (k === 'title' && (parts === undefined || parts.length === 0)) return block.heading ?? '';
        return (parts ?? []).join('\n').replace(/\n{3,}/gu, '\n\n').trim();
      }),
    );
    lines.push(block.line);
  }
  return { kind: 'tables', format: 'records', tables: [{ name: 'Records', rows, lines }] };
}
