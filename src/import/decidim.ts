// Decidim accountability results (the CSV export of a Decidim "accountability" component), as
// published by councils that run participatory budgets or action plans on Decidim. Results nest:
// a result with children is an objective, its children are the actions.

import { ImportError } from '../domain/errors.ts';
import { parseUkDate, splitDescription, splitStatus } from '../domain/import-fields.ts';
import type { ImportWarning, ParsedAction, ParsedObjective } from '../domain/import-tables.ts';
import type { Stage } from '../domain/stages.ts';
import { blankAction } from './actions.ts';
import { parseCsv } from './csv.ts';
import { htmlText } from './html-tables.ts';
import type { ReadResult } from './types.ts';

const norm = (s: string): string => s.trim().toLowerCase();

/** "title/en", "title/ca" …: the English column if there is one, else the first language. */
function localisedColumn(header: string[], base: string): number {
  const re = new RegExp(`^${base}/([a-z]{2,3}(?:[-_][a-z]{2,4})?)$`, 'u');
  const cols = header.map((h, i) => ({ i, m: re.exec(norm(h)) })).filter((c) => c.m !== null);
  const en = cols.find((c) => c.m?.[1] === 'en');
  return en?.i ?? cols[0]?.i ?? header.findIndex((h) => norm(h) === base);
}

/** A header from a Decidim accountability export: it has parent ids, or localised titles beside progress. */
export function isDecidimHeader(header: string[]): boolean {
  const cells = header.map(norm);
  if (cells.includes('parent/id')) return true;
  const localisedTitle = cells.some((c) => /^title\/[a-z]{2,3}\b/u.test(c));
  return localisedTitle && cells.some((c) => c === 'progress' || c === 'status/id' || c === 'end_date');
}

const DECIDIM_STAGES: Record<string, Stage> = {
  planned: 'not_started',
  'not started': 'not_started',
  pending: 'not_started',
  'in progress': 'in_progress',
  ongoing: 'ongoing',
  completed: 'complete',
  complete: 'complete',
  done: 'complete',
  finished: 'complete',
  cancelled: 'cancelled',
  canceled: 'cancelled',
  'on hold': 'deferred',
  paused: 'deferred',
  deferred: 'deferred',
};

function readStatus(name: string): { stage: Stage | null; statusWord: string | null } {
  const known = DECIDIM_STAGES[norm(name).replace(/[.\s]+$/u, '').replace(/\s+/gu, ' ')];
  if (known) return { stage: known, statusWord: null };
  const s = splitStatus(name);
  return { stage: s.stage, statusWord: s.statusWord };
}

interface Result {
  id: string;
  parent: string;
  title: string;
  line: number;
  cells: string[];
}

/** Reads a Decidim accountability CSV into objectives and actions. */
export function readDecidim(text: string, opts: { yearStartMonth?: number } = {}): ReadResult {
  const { rows, lines } = parseCsv(text);
  const header = rows[0] ?? [];
  const col = (name: string): number => header.findIndex((h) => norm(h) === name);
  const c = {
    id: col('id'),
    parent: col('parent/id'),
    title: localisedColumn(header, 'title'),
    description: localisedColumn(header, 'description'),
    status: localisedColumn(header, 'status/name'),
    category: localisedColumn(header, 'category/name'),
    progress: col('progress'),
    start: col('start_date'),
    end: col('end_date'),
    reference: col('reference'),
    weight: col('weight'),
  };
  if (c.title < 0) throw new ImportError('This does not look like a Decidim accountability export: it has no title column (such as “title/en”)');

  const warnings: ImportWarning[] = [];
  const cell = (r: Result, i: number): string => (i >= 0 ? (r.cells[i] ?? '').trim() : '');
  const results: Result[] = [];
  rows.slice(1).forEach((cells, k) => {
    if (cells.every((x) => x.trim() === '')) return;
    const r: Result = { id: '', parent: '', title: '', line: lines[k + 1] ?? k + 2, cells };
    r.id = cell(r, c.id);
    r.parent = cell(r, c.parent);
    r.title = htmlText(cell(r, c.title));
    results.push(r);
  });
  const ids = new Set(results.map((r) => r.id).filter((id) => id !== ''));
  const parents = new Set(results.map((r) => r.parent).filter((p) => p !== '' && ids.has(p)));

  const dateOpts = opts.yearStartMonth ? { yearStartMonth: opts.yearStartMonth } : {};
  const date = (r: Result, i: number): string | null => {
    // Decidim writes dates, and sometimes date-times; the time does not matter here.
    const raw = cell(r, i).replace(/^(\d{4}-\d{2}-\d{2})[T ].*$/u, '$1').replace(/^(\d{1,2}\/\d{1,2}\/\d{2,4})\s.*$/u, '$1');
    const d = parseUkDate(raw, dateOpts);
    if (d.warning) warnings.push({ line: r.line, message: d.warning });
    return d.date;
  };
  const titleOf = (r: Result): string => r.title || `Result ${r.id || `on line ${r.line}`}`;

  const objectives = new Map<string, { o: ParsedObjective; line: number }>();
  for (const r of results) {
    if (!parents.has(r.id)) continue;
    const why = htmlText(cell(r, c.description)) || null;
    objectives.set(r.id, { o: { number: null, title: titleOf(r), why, goal: htmlText(cell(r, c.category)) || null, actions: [] }, line: r.line });
  }
  let loose: { o: ParsedObjective; line: number } | null = null;

  for (const r of results) {
    if (objectives.has(r.id)) continue;
    if (r.title === '') {
      warnings.push({ line: r.line, message: `Result ${r.id} has no title, so it was left out` });
      continue;
    }
    let home = r.parent !== '' ? objectives.get(r.parent) : undefined;
    if (r.parent !== '' && !home) {
      warnings.push({ line: r.line, message: `Result ${r.id || titleOf(r)} names parent ${r.parent}, which is not in the file, so it was put under “Actions”` });
    }
    if (!home) {
      loose ??= { o: { number: null, title: 'Actions', why: null, goal: null, actions: [] }, line: r.line };
      home = loose;
    }
    home.o.actions.push(readAction(r, cell, c, date, warnings));
  }

  const ordered = [...objectives.values(), ...(loose ? [loose] : [])].sort((a, b) => a.line - b.line).map((x) => x.o);
  return { kind: 'plan', format: 'decidim', plan: { mapping: [], headers: [], objectives: ordered, warnings, plan: null } };
}

function readAction(
  r: Result,
  cell: (r: Result, i: number) => string,
  c: Record<'title' | 'description' | 'status' | 'progress' | 'start' | 'end' | 'reference' | 'weight', number>,
  date: (r: Result, i: number) => string | null,
  warnings: ImportWarning[],
): ParsedAction {
  const a = blankAction(r.title);
  a.line = r.line;
  const d = splitDescription(cell(r, c.description));
  a.code = cell(r, c.reference) || null;
  a.target = d.target ?? d.rest;
  a.outcome = d.outcome;
  a.criticalSuccessFactors = d.criticalSuccessFactors;
  a.environmentalImpacts = d.environmentalImpacts;
  a.startDate = date(r, c.start);
  a.dueDate = date(r, c.end);
  const statusName = htmlText(cell(r, c.status));
  if (statusName) {
    const s = readStatus(statusName);
    a.status = s.stage;
    a.statusWord = s.statusWord;
    if (s.stage === null) warnings.push({ line: r.line, message: `Unknown status “${statusName}”, so the status was left blank` });
  }
  const progress = cell(r, c.progress);
  if (progress) {
    const n = Number(progress.replace(',', '.').replace(/%$/u, ''));
    if (Number.isFinite(n)) a.percentComplete = Math.min(100, Math.max(0, Math.round(n)));
    else warnings.push({ line: r.line, message: `Could not read “${progress}” as a percentage` });
  }
  const weight = cell(r, c.weight);
  if (weight) {
    const w = Number(weight);
    // Decidim weights are fractions of the parent (0–1) or whole numbers; Waymark's are 1–100.
    if (Number.isInteger(w) && w >= 1 && w <= 100) a.weight = w;
  }
  return a;
}
