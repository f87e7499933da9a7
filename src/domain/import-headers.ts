// Column headers of imported tables: which field each header names, by synonyms the councils use
// ("Ref", "'Must do' actions", "Timescale", "Commentary" …). Pure.

import { ACTION_DATE_FIELDS, ACTION_TEXT_FIELDS, actionDateField, type ActionDateName, type ActionTextImportField } from './fields/action-fields.ts';
import { matchesAliases, matchesFirstWords } from './fields/descriptor.ts';

// An action's plain text fields (target, outcome, critical success factors …) and dates come from
// its field list (src/domain/fields/action-fields.ts): their names here, labels and header
// spellings. Where each is tried (mapCell) stays here: the order decides between overlapping words.
const importFields = (fs: typeof ACTION_TEXT_FIELDS) => fs.map((f) => f.importField as ActionTextImportField);
const [START, DUE, REVISED] = [actionDateField('startDate'), actionDateField('dueDate'), actionDateField('revisedDueDate')];

export type Field =
  | 'goal' | 'objectiveNumber' | 'objective' | 'why' | 'code' | 'title' | 'role' | 'kind' | ActionDateName
  | 'weight' | 'description' | 'leads' | 'impacts' | 'partnerships' | 'status' | 'percent'
  | 'narrative' | 'asAt' | 'exempt' | ActionTextImportField;

export const FIELDS: readonly Field[] = [
  'goal', 'objectiveNumber', 'objective', 'why', 'code', 'title', 'role', 'kind', ...ACTION_DATE_FIELDS.map((f) => f.name),
  'weight', 'description', ...importFields(ACTION_TEXT_FIELDS), 'leads', 'impacts',
  'partnerships', 'status', 'percent', 'narrative', 'asAt', 'exempt',
];

/** What each field means, for the preview's column mapping. */
export const FIELD_LABELS: Record<Field, string> = {
  goal: 'Strategic goal or corporate priority',
  objectiveNumber: 'Objective number',
  objective: 'Objective (service priority)',
  why: 'Why (objective)',
  code: 'Action code',
  title: 'Action',
  role: 'Role',
  kind: 'Kind (one-off, ongoing, milestone)',
  ...(Object.fromEntries(ACTION_DATE_FIELDS.map((f) => [f.name, f.importLabel])) as Record<ActionDateName, string>),
  weight: 'Weight',
  description: 'Description (target, outcome, success factors, environmental impacts)',
  leads: 'Lead officers',
  impacts: 'Impacts on other services',
  partnerships: 'Partnership links',
  status: 'Status or stage',
  percent: '% complete',
  narrative: 'Progress update',
  asAt: 'Update date (as at)',
  exempt: 'Exempt information (restricted: paragraph of Schedule 12A)',
  ...(Object.fromEntries(ACTION_TEXT_FIELDS.map((f) => [f.importField, f.importLabel])) as Record<ActionTextImportField, string>),
};

/**
 * Columns Waymark's own exports add after the importer's (src/domain/plan-export.ts): the traffic
 * light and expected progress on the day of the export. They are worked out from the plan, never
 * read back, so an import leaves them out without a warning.
 */
export const DERIVED_HEADERS = ['Traffic light', 'Overdue', 'Expected % complete'] as const;

/** True for a header naming one of the columns in DERIVED_HEADERS. */
export function isDerivedHeader(cell: string): boolean {
  const n = normaliseHeader(cell);
  return DERIVED_HEADERS.some((h) => normaliseHeader(h) === n);
}

const collapse = (s: string): string => s.replace(/\s+/gu, ' ').trim();

/** Plain text of a cell: tags removed, the commonest entities decoded, whitespace collapsed. */
export function cellText(s: string | undefined): string {
  return collapse(
    (s ?? '')
      .replace(/<\/?[a-z][^>]*>/giu, ' ')
      .replace(/&nbsp;/giu, ' ')
      .replace(/&amp;/giu, '&'),
  );
}

/**
 * Like cellText, but keeps the line breaks of a spreadsheet cell (paragraphs of a long narrative):
 * spaces collapse within each line, and runs of blank lines become one.
 */
export function cellParagraphs(s: string | undefined): string {
  // A Word cell's paragraphs and line breaks are lines too.
  const text = (s ?? '')
    .replace(/<\/p\s*>|<br\s*\/?>/giu, '\n')
    .replace(/<\/?[a-z][^>]*>/giu, ' ')
    .replace(/&nbsp;/giu, ' ')
    .replace(/&amp;/giu, '&');
  return text
    .split(/\r\n|\r|\n/u)
    .map(collapse)
    .join('\n')
    .replace(/\n{3,}/gu, '\n\n')
    .trim();
}

/** Lower case, punctuation to spaces (keeping %), padded so ` word ` tests match whole words. */
export const normaliseHeader = (s: string): string => ` ${cellText(s).toLowerCase().replace(/[^a-z0-9%]+/gu, ' ').trim()} `;

export const has = (n: string, ...words: string[]): boolean => words.some((w) => n.includes(` ${w} `));

function mapCell(cell: string): Field | null {
  const n = normaliseHeader(cell);
  if (n.trim() === '' || isDerivedHeader(cell)) return null;
  if (has(n, 'description')) return 'description';
  // Restricted items name the paragraph of Schedule 12A (LGA 1972) they rely on.
  if (has(n, 'exempt', 'exempt information', 'exempt paragraph', 'exempt category', 'restricted', 'schedule 12a')) return 'exempt';
  for (const f of ACTION_TEXT_FIELDS) if (f.importAliases.early && matchesAliases(n, f.importAliases)) return f.importField as ActionTextImportField;
  if (n.includes('another service') || n.includes('other service')) return 'impacts';
  if (has(n, 'partnership', 'partnerships')) return 'partnerships';
  // The plan's top level, whatever the council calls it; "priority" alone is a service priority (below).
  if (has(n, 'strategic goal', 'goal', 'corporate priority', 'strategic priority', 'council priority', 'corporate plan priority', 'theme', 'ambition')) return 'goal';
  if (has(n, 'objective number', 'objective no', 'priority number', 'priority no')) return 'objectiveNumber';
  if (n.trim() === 'why') return 'why';
  if (matchesAliases(n, REVISED.importAliases)) return 'revisedDueDate';
  if (n.trim() === 'weight' || n.trim() === 'weighting') return 'weight';
  if (matchesFirstWords(n, DUE.importAliases)) return 'dueDate';
  for (const f of ACTION_TEXT_FIELDS) if (!f.importAliases.early && matchesAliases(n, f.importAliases)) return f.importField as ActionTextImportField;
  if (has(n, 'what role', 'role')) return 'role';
  if (n.includes('%') || has(n, 'percent', 'percentage')) return 'percent';
  if (has(n, 'update date', 'as at', 'date of update')) return 'asAt';
  if (has(n, 'progress update', 'comment', 'comments', 'commentary', 'progress', 'update', 'latest update', 'notes', 'narrative')) return 'narrative';
  if (has(n, 'service priority', 'objective', 'objectives', 'priority')) return 'objective';
  if (has(n, 'lead officer', 'lead officers', 'lead', 'responsible', 'owner', 'officer', 'manager', 'accountable') || n.trim() === 'who') return 'leads';
  if (matchesAliases(n, DUE.importAliases)) return 'dueDate';
  if (matchesAliases(n, START.importAliases)) return 'startDate';
  if (has(n, 'status', 'stage')) return 'status';
  if (has(n, 'kind', 'type')) return 'kind';
  if (has(n, 'action code', 'code', 'ref', 'reference', 'no', 'number', 'id') || cellText(cell) === '#') return 'code';
  if (has(n, 'action', 'actions', 'must do', 'activity', 'activities', 'task', 'tasks', 'deliverable', 'deliverables', 'project', 'projects', 'what we will do')) return 'title';
  return null;
}

// Short cells repeat (every row of a table has the same few status words and dates), so their
// mapping is remembered; the cache is bounded so a long import cannot grow it without limit.
const mapped = new Map<string, Field | null>();
/** The field one header cell names, on its own (mapHeader also lets only the first column name a field). */
export function mapCellCached(cell: string): Field | null {
  if (cell.length > 80) return mapCell(cell);
  let f = mapped.get(cell);
  if (f === undefined) {
    f = mapCell(cell);
    if (mapped.size >= 5000) mapped.clear();
    mapped.set(cell, f);
  }
  return f;
}

/** Maps each header cell to the field it names, or null. The first cell naming a field wins. */
export function mapHeader(cells: string[]): (Field | null)[] {
  const seen = new Set<Field>();
  return cells.map((cell) => {
    const f = mapCellCached(cell);
    if (f === null || seen.has(f)) return null;
    seen.add(f);
    return f;
  });
}

/** At least two cells name fields, and one of them is the action title or code. */
export function isHeaderRow(cells: string[]): boolean {
  const fields = mapHeader(cells).filter((f): f is Field => f !== null);
  return fields.length >= 2 && (fields.includes('title') || fields.includes('code'));
}

