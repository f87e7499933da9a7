import { formatUkDate } from './dates.ts';
import { ACTION_DATE_FIELDS, ACTION_TEXT_FIELDS } from './fields/action-fields.ts';
import type { ResolvedField } from './fields/descriptor.ts';
import { OBJECTIVE_FIELDS } from './fields/objective-fields.ts';
import { PLAN_FIELDS } from './fields/plan-fields.ts';
import { UPDATE_FIELDS } from './fields/update-fields.ts';
import { RAG_LABELS, type Rag } from './rag.ts';
import { exemptCategory } from './report-sections.ts';
import { ACTION_KIND_LABELS, ORG_UNIT_KIND_LABELS, PLAN_KIND_LABELS } from './vocabulary.ts';

// The audit trail in words: the before and after values of an audit event (JSON objects, with
// snake_case database columns or camelCase form fields) turned into readable field changes, such as
// "Due date: 31 March 2019 → 30 June 2019". Ids, versions and timestamps are bookkeeping and are
// left out; fields that point at other records (the objective, lead officers' priorities …) are
// shown by name when the caller can name them. Pure.

/** One changed field. `from` is null when the field was blank (or the record new); `to` when it is now blank. */
export interface FieldChange {
  field: string;
  from: string | null;
  to: string | null;
}

/** The kinds of record a field may point at by id. */
export const REF_KINDS = ['orgUnit', 'planYear', 'plan', 'goal', 'objective', 'action', 'priority', 'pledge', 'period', 'progressUpdate', 'meeting'] as const;
export type RefKind = (typeof REF_KINDS)[number];

/** Names a record a field points at; undefined when it cannot (the reference is then shown by its id). */
export type NameLookup = (kind: RefKind, id: number) => string | undefined;

export interface DescribeOptions {
  /** The kind of record (an audit event's entity, like "report"), for the few fields whose meaning depends on it. */
  entity?: string;
  /** Names referenced records. Without it, fields that hold only ids are left out. */
  names?: NameLookup;
  /** Longer values (a narrative, a main report) are shortened to this many characters. Default 300. */
  maxLength?: number;
}

type FieldKind =
  | { type: 'text' }
  | { type: 'date' }
  | { type: 'number' }
  | { type: 'percent' }
  | { type: 'yesNo' }
  | { type: 'names' }
  | { type: 'lines' }
  | { type: 'ref'; ref: RefKind }
  | { type: 'refs'; ref: RefKind }
  | { type: 'label'; labels: Record<string, string> }
  | { type: 'exempt' }
  | { type: 'version' }
  | { type: 'record'; prefix: string };

interface FieldDef {
  label: string;
  kind: FieldKind;
}

const KIND_LABELS: Record<string, string> = { ...PLAN_KIND_LABELS, ...ACTION_KIND_LABELS, ...ORG_UNIT_KIND_LABELS };
const STATUS_LABELS: Record<string, string> = { draft: 'Draft', approved: 'Approved', published: 'Published', archived: 'Archived' };
const TEMPLATE_LABELS: Record<string, string> = { 'half-year': 'Half-year progress report', 'plan-approval': 'Plan approval report' };

const text = (label: string): FieldDef => ({ label, kind: { type: 'text' } });
const date = (label: string): FieldDef => ({ label, kind: { type: 'date' } });
const ref = (label: string, r: RefKind): FieldDef => ({ label, kind: { type: 'ref', ref: r } });
const refs = (label: string, r: RefKind): FieldDef => ({ label, kind: { type: 'refs', ref: r } });
const lines = (label: string): FieldDef => ({ label, kind: { type: 'lines' } });

/** A field list's fields by their audit labels: dates in words, the rest as text unless `as` says how. */
const listed = (fields: readonly ResolvedField[], as: Record<string, FieldKind> = {}): Record<string, FieldDef> =>
  Object.fromEntries(fields.map((f) => [f.name, { label: f.auditLabel, kind: as[f.name] ?? { type: f.kind === 'date' ? 'date' : 'text' } }]));

/**
 * The known fields of plans, strategic goals, objectives, actions, progress updates and reports, by
 * their camelCase name (snake_case columns are read as camelCase). Fields shared by several (title,
 * kind, number) mean the same thing in each.
 */
const FIELDS: Record<string, FieldDef> = {
  // Plans (their own fields from src/domain/fields/plan-fields.ts; a kind is a plan's, an action's or a unit's)
  orgUnitId: ref('Service', 'orgUnit'),
  planYearId: ref('Plan year', 'planYear'),
  ...listed(PLAN_FIELDS, { kind: { type: 'label', labels: KIND_LABELS } }),
  status: { label: 'Status', kind: { type: 'label', labels: STATUS_LABELS } },
  // Strategic goals and objectives (src/domain/fields/objective-fields.ts)
  ...listed(OBJECTIVE_FIELDS),
  goalId: ref('Strategic goal', 'goal'),
  priorityIds: refs('Corporate priorities', 'priority'),
  pledgeIds: refs('Pledges', 'pledge'),
  // Actions
  objectiveId: ref('Objective', 'objective'),
  code: text('Action code'),
  role: text('Role'),
  ...Object.fromEntries(ACTION_TEXT_FIELDS.map((f) => [f.name, text(f.auditLabel)])),
  ...Object.fromEntries(ACTION_DATE_FIELDS.map((f) => [f.name, date(f.auditLabel)])),
  weight: { label: 'Weight', kind: { type: 'number' } },
  carriedFromId: ref('Carried over from', 'action'),
  leads: { label: 'Lead officers', kind: { type: 'names' } },
  impacts: { label: 'Other services it impacts', kind: { type: 'names' } },
  partnerships: lines('Partnership links'),
  // Progress updates (src/domain/fields/update-fields.ts)
  periodId: ref('Reporting period', 'period'),
  ...listed(UPDATE_FIELDS, { percentComplete: { type: 'percent' }, ragOverride: { type: 'label', labels: RAG_LABELS as Record<Rag, string> } }),
  correctsId: ref('Corrects', 'progressUpdate'),
  // Reports (and their issued versions)
  meetingId: ref('Meeting', 'meeting'),
  template: { label: 'Kind of report', kind: { type: 'label', labels: TEMPLATE_LABELS } },
  asOf: date('As at'),
  reportingOfficer: text('Reporting officer'),
  contactOfficers: lines('Contact officers'),
  restricted: { label: 'Restricted', kind: { type: 'yesNo' } },
  restrictedAccess: { label: 'Access to restricted items', kind: { type: 'yesNo' } },
  exemptParagraph: { label: 'Exempt information', kind: { type: 'exempt' } },
  planIds: refs('Plans', 'plan'),
  background: text('Background'),
  main: text('Main report'),
  considerations: { label: 'Considerations', kind: { type: 'record', prefix: 'Consideration' } },
  recommendations: lines('Recommendations'),
  pdf: { label: 'PDF stored', kind: { type: 'yesNo' } },
  // Organisation, people and the corporate plan, which share the trail
  name: text('Name'),
  jobTitle: text('Job title'),
  email: text('Email'),
  parentId: { label: 'Part of', kind: { type: 'ref', ref: 'orgUnit' } },
  strapline: text('Strapline'),
  description: text('Description'),
  text: text('Text'),
  periodLabel: text('Period'),
};

/** Fields that mean something else on one kind of record. */
const ENTITY_FIELDS: Record<string, Record<string, FieldDef>> = {
  // A report's title is what it reports on; an issued version carries its number.
  report: { title: text('Report on'), number: { label: 'Version', kind: { type: 'version' } } },
};

/** Bookkeeping: never shown. (Any other field ending in Id or At is left out too, unless it is known above.) */
const IGNORED = new Set(['id', 'tenantId', 'planId', 'actionId', 'version', 'position', 'createdAt', 'updatedAt', 'recordedAt', 'at', 'authorUserId', 'authorName', 'stage', 'issueId', 'passwordHash']);

/** "due_date" → "dueDate"; camelCase names are unchanged. */
export function camelKey(key: string): string {
  return key.replace(/_([a-z0-9])/g, (_m, c: string) => c.toUpperCase());
}

/** "someNewField" → "Some new field", for fields this file does not know. */
function humanise(key: string): string {
  const words = key.replace(/([a-z0-9])([A-Z])/g, '$1 $2').replace(/[_-]+/g, ' ').trim().toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The object with camelCase keys, or null when the value is not an object (or is missing). */
function normalise(value: unknown): Record<string, unknown> | null {
  if (!isPlainObject(value)) return null;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[camelKey(k)] = v;
  return out;
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

function definitionOf(key: string, entity: string | undefined): FieldDef | null {
  const known = (entity ? ENTITY_FIELDS[entity]?.[key] : undefined) ?? FIELDS[key];
  if (known) return known;
  if (IGNORED.has(key) || /(Id|Ids|At)$/.test(key) || /Json$/.test(key)) return null;
  return { label: humanise(key), kind: { type: 'text' } };
}

/** A list stored as JSON text (a report's contact officers) or as an array. */
function asList(v: unknown): unknown[] {
  if (Array.isArray(v)) return v;
  if (typeof v === 'string' && v.startsWith('[')) {
    try {
      const parsed: unknown = JSON.parse(v);
      if (Array.isArray(parsed)) return parsed;
    } catch {
      // not JSON: a single value
    }
  }
  return v === null || v === undefined || v === '' ? [] : [v];
}

function asRecord(v: unknown): Record<string, unknown> {
  if (isPlainObject(v)) return v;
  if (typeof v === 'string' && v.startsWith('{')) {
    try {
      const parsed: unknown = JSON.parse(v);
      if (isPlainObject(parsed)) return parsed;
    } catch {
      // not JSON
    }
  }
  return {};
}

function scalarText(v: unknown): string | null {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string') return v.trim() === '' ? null : v;
  if (typeof v === 'number' || typeof v === 'bigint') return String(v);
  if (typeof v === 'boolean') return v ? 'Yes' : 'No';
  return JSON.stringify(v);
}

function idOf(v: unknown): number | null {
  const n = typeof v === 'string' && /^\d+$/.test(v) ? Number(v) : v;
  return typeof n === 'number' && Number.isInteger(n) ? n : null;
}

function nameOf(kind: RefKind, id: number, names: NameLookup): string {
  return names(kind, id) ?? `Record ${id}`;
}

/**
 * The value of a field as words, and a key to compare it by (so a list of leads is compared by
 * their names, priorities by their ids). Null means blank.
 */
function present(kind: FieldKind, v: unknown, names: NameLookup | undefined): { key: string; words: string } | null {
  switch (kind.type) {
    case 'text':
    case 'number': {
      const s = typeof v === 'string' && ISO_DATE.test(v) ? formatUkDate(v) : scalarText(v);
      return s === null ? null : { key: s, words: s };
    }
    case 'date': {
      const s = scalarText(v);
      return s === null ? null : { key: s.slice(0, 10), words: formatUkDate(s) };
    }
    case 'percent': {
      const s = scalarText(v);
      return s === null ? null : { key: s, words: `${s}%` };
    }
    case 'yesNo': {
      if (v === null || v === undefined || v === '') return null;
      const yes = v === true || v === 1 || v === '1' || v === 'yes' || v === 'true';
      return { key: String(yes), words: yes ? 'Yes' : 'No' };
    }
    case 'label': {
      const s = scalarText(v);
      return s === null ? null : { key: s, words: kind.labels[s] ?? s };
    }
    case 'exempt': {
      const n = idOf(v);
      if (n === null) return null;
      return { key: String(n), words: exemptCategory(n) ? `Paragraph ${n} of Schedule 12A` : String(n) };
    }
    case 'version': {
      const s = scalarText(v);
      return s === null ? null : { key: s, words: `Version ${s}` };
    }
    case 'names': {
      const list = asList(v)
        .map((x) => (isPlainObject(x) ? scalarText(x.name) : scalarText(x)))
        .filter((x): x is string => x !== null);
      return list.length ? { key: JSON.stringify(list), words: list.join('; ') } : null;
    }
    case 'lines': {
      const list = asList(v)
        .map(scalarText)
        .filter((x): x is string => x !== null);
      return list.length ? { key: JSON.stringify(list), words: list.join('; ') } : null;
    }
    case 'ref': {
      const id = idOf(v);
      if (id === null || !names) return null;
      return { key: String(id), words: nameOf(kind.ref, id, names) };
    }
    case 'refs': {
      if (!names) return null;
      const ids = asList(v)
        .map(idOf)
        .filter((x): x is number => x !== null);
      if (!ids.length) return null;
      const sorted = [...ids].sort((a, b) => a - b);
      return { key: JSON.stringify(sorted), words: ids.map((id) => nameOf(kind.ref, id, names)).join('; ') };
    }
    case 'record':
      return null; // expanded into one field per entry by describeChanges
  }
}

function shorten(s: string | null, max: number): string | null {
  if (s === null || s.length <= max) return s;
  return `${s.slice(0, Math.max(1, max - 1)).trimEnd()}…`;
}

/**
 * The readable changes between the values before and after an audit event. With no `before` (a
 * record created), every field given a value is listed, from nothing. With both, only fields present
 * on both sides are compared: a record's columns that the change did not carry are not guessed at.
 */
export function describeChanges(before: unknown, after: unknown, options: DescribeOptions = {}): FieldChange[] {
  const max = options.maxLength ?? 300;
  const b = normalise(before);
  const a = normalise(after);
  if (!a && !b) return [];
  const keys = a && b ? Object.keys(a).filter((k) => k in b) : Object.keys(a ?? b ?? {});
  const out: FieldChange[] = [];
  const push = (field: string, from: { key: string; words: string } | null, to: { key: string; words: string } | null) => {
    if ((from?.key ?? null) === (to?.key ?? null)) return;
    out.push({ field, from: shorten(from?.words ?? null, max), to: shorten(to?.words ?? null, max) });
  };
  for (const key of keys) {
    const def = definitionOf(key, options.entity);
    if (!def) continue;
    const was = b ? b[key] : undefined;
    const now = a ? a[key] : undefined;
    if (def.kind.type === 'record') {
      const wasRecord = asRecord(was);
      const nowRecord = asRecord(now);
      const entries = [...new Set([...Object.keys(wasRecord), ...Object.keys(nowRecord)])];
      for (const entry of entries) push(`${def.kind.prefix}: ${entry}`, present({ type: 'text' }, wasRecord[entry], undefined), present({ type: 'text' }, nowRecord[entry], undefined));
      continue;
    }
    // A created record (no before) lists what it was given; a record removed, what it had.
    push(def.label, b ? present(def.kind, was, options.names) : null, a ? present(def.kind, now, options.names) : null);
  }
  return out;
}

/** The ids an event's values refer to, by kind: what a caller must name for describeChanges. */
export function referencedIds(...values: unknown[]): Map<RefKind, Set<number>> {
  const out = new Map<RefKind, Set<number>>();
  const add = (kind: RefKind, id: number | null) => {
    if (id === null) return;
    const set = out.get(kind) ?? new Set<number>();
    set.add(id);
    out.set(kind, set);
  };
  for (const value of values) {
    const o = normalise(value);
    if (!o) continue;
    for (const [key, v] of Object.entries(o)) {
      const def = FIELDS[key];
      if (def?.kind.type === 'ref') add(def.kind.ref, idOf(v));
      if (def?.kind.type === 'refs') for (const x of asList(v)) add(def.kind.ref, idOf(x));
    }
  }
  return out;
}

const ENTITY_LABELS: Record<string, string> = {
  service_plan: 'Plan',
  plan_goal: 'Strategic goal',
  objective: 'Objective',
  action: 'Action',
  progress_update: 'Progress update',
  report: 'Report',
  committee: 'Committee',
  meeting: 'Meeting',
  council: 'Council',
  org_unit: 'Service or team',
  person: 'Person',
  user: 'User',
  plan_year: 'Plan year',
  reporting_period: 'Reporting period',
  corporate_plan: 'Corporate plan',
  priority: 'Corporate priority',
  pledge: 'Pledge',
  status_words: 'Status words',
};

/** "progress_update" → "Progress update". */
export function entityLabel(entity: string): string {
  return ENTITY_LABELS[entity] ?? humanise(entity);
}

const EVENT_LABELS: Record<string, string> = {
  create: 'Created',
  update: 'Updated',
  correct: 'Correction',
  import: 'Imported',
  issue: 'Issued',
  report_style: 'Report style changed',
  sign_in: 'Signed in',
  sign_out: 'Signed out',
  sign_in_failed: 'Sign-in failed',
  restricted_access: 'Access to restricted items changed',
};

const PROGRESS_EVENT_LABELS: Record<string, string> = {
  create: 'Progress update recorded',
  correct: 'Progress update corrected',
  import: 'Progress update imported',
};

/** What happened, in words: "Created", "Updated", "Issued", "Progress update corrected" … */
export function eventLabel(entity: string, event: string): string {
  if (entity === 'progress_update' && PROGRESS_EVENT_LABELS[event]) return PROGRESS_EVENT_LABELS[event];
  return EVENT_LABELS[event] ?? humanise(event);
}

const MONTH_NAMES = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** "30 June 2019 at 14:05", in UK time, from an ISO timestamp; the input unchanged when it is not one. */
export function ukDateTime(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', year: 'numeric', month: 'numeric', day: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
      .formatToParts(d)
      .map((p) => [p.type, p.value]),
  );
  return `${Number(parts.day)} ${MONTH_NAMES[Number(parts.month) - 1]} ${parts.year} at ${parts.hour}:${parts.minute}`;
}
