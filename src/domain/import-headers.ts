// Column headers of imported tables: which field each header names, by synonyms the councils use
// ("Ref", "'Must do' actions", "Timescale", "Commentary" …). Pure.

import { ACTION_DATE_FIELDS, ACTION_TEXT_FIELDS, actionDateField, type ActionDateName, type ActionTextImportField } from './fields/action-fields.ts';
import { matchesAliases, matchesFirstWords } from './fields/descriptor.ts';
import { objectiveField, type ObjectiveImportField } from './fields/objective-fields.ts';
import { updateField, type UpdateImportField } from './fields/update-fields.ts';

// An action's plain text fields (target, outcome, critical success factors …) and dates come from
// its field list (src/domain/fields/action-fields.ts): their names here, labels and header
// spellings. Where each is tried (mapCell) stays here: the order decides between overlapping words.
const importFields = (fs: typeof ACTION_TEXT_FIELDS) => fs.map((f) => f.importField as ActionTextImportField);
const [START, DUE, REVISED] = [actionDateField('startDate'), actionDateField('dueDate'), actionDateField('revisedDueDate')];
// So do the objective's (src/domain/fields/objective-fields.ts) and the progress update's
// (src/domain/fields/update-fields.ts) exported fields.
const [NUMBER, OBJECTIVE, WHY] = [objectiveField('number'), objectiveField('title'), objectiveField('why')];
const [AS_AT, STATUS, PERCENT, NARRATIVE] = [updateField('asAt'), updateField('statusWord'), updateField('percentComplete'), updateField('narrative')];
const labelOf = (...fs: readonly { importField: string; importLabel: string }[]) => Object.fromEntries(fs.map((f) => [f.importField, f.importLabel]));

export type Field =
  | 'goal' | ObjectiveImportField | 'code' | 'title' | 'role' | 'kind' | ActionDateName
  | 'weight' | 'description' | 'leads' | 'impacts' | 'partnerships' | UpdateImportField
  | 'exempt' | ActionTextImportField;

export const FIELDS: readonly Field[] = [
  'goal', 'objectiveNumber', 'objective', 'why', 'code', 'title', 'role', 'kind', ...ACTION_DATE_FIELDS.map((f) => f.name),
  'weight', 'description', ...importFields(ACTION_TEXT_FIELDS), 'leads', 'impacts',
  'partnerships', 'status', 'percent', 'narrative', 'asAt', 'exempt',
];

/** What each field means, for the preview's column mapping. */
export const FIELD_LABELS: Record<Field, string> = {
  goal: 'Strategic goal or corporate priority',
  ...(labelOf(NUMBER, OBJECTIVE, WHY) as Record<ObjectiveImportField, string>),
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
  ...(labelOf(STATUS, PERCENT, NARRATIVE, AS_AT) as Record<UpdateImportField, string>),
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
  if (matchesAliases(n, NUMBER.importAliases)) return 'objectiveNumber';
  if (matchesAliases(n, WHY.importAliases)) return 'why';
  if (matchesAliases(n, REVISED.importAliases)) return 'revisedDueDate';
  if (n.trim() === 'weight' || n.trim() === 'weighting') return 'weight';
  if (matchesFirstWords(n, DUE.importAliases)) return 'dueDate';
  for (const f of ACTION_TEXT_FIELDS) if (!f.importAliases.early && matchesAliases(n, f.importAliases)) return f.importField as ActionTextImportField;
  if (has(n, 'what role', 'role')) return 'role';
  // Any header with a "%" in it is the % complete, besides the words.
  if (n.includes('%') || matchesAliases(n, PERCENT.importAliases)) return 'percent';
  if (matchesAliases(n, AS_AT.importAliases)) return 'asAt';
  if (matchesAliases(n, NARRATIVE.importAliases)) return 'narrative';
  if (matchesAliases(n, OBJECTIVE.importAliases)) return 'objective';
  if (has(n, 'lead officer', 'lead officers', 'lead', 'responsible', 'owner', 'officer', 'manager', 'accountable') || n.trim() === 'who') return 'leads';
  if (matchesAliases(n, DUE.importAliases)) return 'dueDate';
  if (matchesAliases(n, START.importAliases)) return 'startDate';
  if (matchesAliases(n, STATUS.importAliases)) return 'status';
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

