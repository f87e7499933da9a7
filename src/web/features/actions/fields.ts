import { formatUkDate, isIsoDate, isoDate } from '../../../domain/dates.ts';
import { ACTION_DATE_FIELDS, ACTION_TEXT_FIELDS, type ActionDateName, type ActionTextName } from '../../../domain/fields/action-fields.ts';
import type { FieldValue, FieldValues } from '../../../domain/merge.ts';
import { normaliseCode } from '../../../domain/action-codes.ts';
import { exemptCategory } from '../../../domain/report-sections.ts';
import { ACTION_KIND_LABELS, type ActionKind } from '../../../domain/vocabulary.ts';
import type { ActionDetail, ActionFormOptions } from '../../../services/actions.ts';
import { z } from 'zod';
import { joinDate } from '../../forms.ts';
import { dateFields, formBody, formList, formText } from '../../schemas.ts';
import { newVersionField } from '../plans/new-version.ts';

// The action form's fields as values that can be compared and merged: what the form posts, what
// the edit page loads, in one shape (text, or lists of ids), written the same way whichever way
// they were typed (line endings, spaces, date padding, id order).

// The plain text fields (target, outcome …) and the dates come from the action's field list, src/domain/fields/action-fields.ts.
const TEXT = ACTION_TEXT_FIELDS;
type TextName = ActionTextName;
const byText = <T>(value: (f: (typeof ACTION_TEXT_FIELDS)[number]) => T) => Object.fromEntries(TEXT.map((f) => [f.name, value(f)])) as Record<TextName, T>;
const byDate = <T>(value: (f: (typeof ACTION_DATE_FIELDS)[number]) => T) => Object.fromEntries(ACTION_DATE_FIELDS.map((f) => [f.name, value(f)])) as Record<ActionDateName, T>;

export type ActionField =
  | 'objectiveId' | 'code' | 'title' | 'role' | TextName | 'kind' | ActionDateName | 'leads'
  | 'impactedUnitIds' | 'impactsOther' | 'partnerships' | 'priorityIds' | 'pledgeIds' | 'weight' | 'restricted' | 'exemptParagraph';

/** The action form's fields, in the order the form shows them. */
export const ACTION_FIELDS: readonly ActionField[] = [
  'objectiveId',
  'code',
  'title',
  'role',
  ...TEXT.map((f) => f.name),
  'kind',
  ...ACTION_DATE_FIELDS.map((f) => f.name),
  'leads',
  'impactedUnitIds',
  'impactsOther',
  'partnerships',
  'priorityIds',
  'pledgeIds',
  'weight',
  'restricted',
  'exemptParagraph',
];
export type ActionValues = Record<ActionField, FieldValue>;

const ID_LISTS = new Set<ActionField>(['impactedUnitIds', 'priorityIds', 'pledgeIds']);
const LINE_LISTS = new Set<ActionField>(['leads', 'impactsOther', 'partnerships']);
const DATES = new Set<ActionField>(ACTION_DATE_FIELDS.map((f) => f.name));

/** What each field is called where the two versions are compared (the form's own labels). */
export const ACTION_FIELD_LABELS: Record<ActionField, string> = {
  objectiveId: 'Objective',
  code: 'Action code',
  title: 'Action',
  role: 'Role',
  ...byText((f) => f.label),
  kind: 'Kind of action',
  ...byDate((f) => f.label),
  leads: 'Lead officers',
  impactedUnitIds: 'Other services it impacts',
  impactsOther: 'Other services or bodies it impacts',
  partnerships: 'Links to partnership-wide agendas',
  priorityIds: 'Corporate priorities it serves',
  pledgeIds: 'Pledges it links to',
  weight: 'Weight',
  restricted: 'Restricted',
  exemptParagraph: 'Exempt information category',
};

/**
 * The action form as posted (new and edit), with the edit form's version, the values it loaded
 * (`original`) and, on the merge page, this editor's own (`mine`) and a choice for each field.
 */
export const actionBody = formBody({
  objectiveId: formText,
  code: formText,
  title: formText,
  role: formText,
  ...byText(() => formText),
  kind: formText,
  ...(Object.assign({}, ...ACTION_DATE_FIELDS.map((f) => dateFields(f.name))) as ReturnType<typeof dateFields<ActionDateName>>),
  leads: formText,
  impactedUnitIds: formList,
  impactsOther: formText,
  partnerships: formText,
  priorityIds: formList,
  pledgeIds: formList,
  weight: formText,
  restricted: formText,
  exemptParagraph: formText,
  version: formText,
  original: formText,
  mine: formText,
  merge: formText,
  ...newVersionField,
  ...(Object.fromEntries(ACTION_FIELDS.map((f) => [`choice-${f}`, formText])) as Record<`choice-${ActionField}`, typeof formText>),
});
export type ActionBody = z.output<typeof actionBody>;

/** The action form as posted. */
export function actionForm(b: ActionBody): ActionValues {
  return {
    objectiveId: b.objectiveId,
    code: b.code,
    title: b.title,
    role: b.role,
    ...byText((f) => b[f.name]),
    kind: b.kind,
    ...byDate((f) => joinDate(b, f.name)),
    leads: b.leads,
    impactedUnitIds: b.impactedUnitIds,
    impactsOther: b.impactsOther,
    partnerships: b.partnerships,
    priorityIds: b.priorityIds,
    pledgeIds: b.pledgeIds,
    weight: b.weight,
    restricted: b.restricted,
    exemptParagraph: b.exemptParagraph,
  };
}

/** A saved action as the edit form shows it. */
export function savedValues(a: ActionDetail['action']): ActionValues {
  const s = (v: string | null) => v ?? '';
  return {
    objectiveId: String(a.objective_id),
    code: a.code,
    title: a.title,
    role: s(a.role),
    ...byText((f) => s(a[f.column])),
    kind: a.kind,
    ...byDate((f) => s(a[f.column])),
    leads: a.leads.map((l) => l.name).join('\n'),
    impactedUnitIds: a.impacts.filter((i) => i.id !== null).map((i) => String(i.id)),
    impactsOther: a.impacts.filter((i) => i.id === null).map((i) => i.name).join('\n'),
    partnerships: a.partnerships.join('\n'),
    priorityIds: a.priorityIds.map(String),
    pledgeIds: a.pledgeIds.map(String),
    weight: String(a.weight),
    restricted: a.exempt_paragraph !== null ? 'yes' : 'no',
    exemptParagraph: a.exempt_paragraph !== null ? String(a.exempt_paragraph) : '',
  };
}

/**
 * Values written one way, so that a field counts as changed only when its meaning changed: text
 * trimmed with Unix line endings (browsers post CRLF), one name per line with blank lines dropped,
 * ids as a sorted set, real dates as ISO dates (what was typed otherwise, for the form to refuse),
 * a blank weight as 1 (the service's default). Still valid input for the action service.
 */
export function canonicalValues(v: FieldValues): ActionValues {
  const out = {} as ActionValues;
  for (const f of ACTION_FIELDS) {
    const raw = v[f] ?? '';
    if (ID_LISTS.has(f)) {
      const ids = (typeof raw === 'string' ? (raw ? [raw] : []) : raw).map((x) => x.trim()).filter((x) => x !== '');
      out[f] = [...new Set(ids)].sort((a, b) => Number(a) - Number(b) || a.localeCompare(b));
      continue;
    }
    const s = (typeof raw === 'string' ? raw : raw.join('\n')).replace(/\r\n?/g, '\n').trim();
    if (LINE_LISTS.has(f)) out[f] = s.split('\n').map((l) => l.trim()).filter((l) => l !== '').join('\n');
    else if (DATES.has(f)) out[f] = canonicalDate(s);
    else if (f === 'code') out[f] = normaliseCode(s);
    else if (f === 'weight') out[f] = s === '' ? '1' : s;
    else out[f] = s;
  }
  // A category means something only for a restricted action (the service ignores it otherwise).
  if (out.restricted !== 'yes') out.exemptParagraph = '';
  return out;
}

function canonicalDate(s: string): string {
  const m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(s);
  if (!m) return s;
  const iso = isoDate(Number(m[1]), Number(m[2]), Number(m[3]));
  return isIsoDate(iso) ? iso : s;
}

/** A date value as the three boxes of a date input. */
export function dateBoxes(v: FieldValue | undefined): { day: string; month: string; year: string } {
  const s = typeof v === 'string' ? v : '';
  const m = /^(\d{4})-0?(\d{1,2})-0?(\d{1,2})$/.exec(s);
  if (m) return { day: m[3]!, month: m[2]!, year: m[1]! };
  const [year = '', month = '', day = ''] = s.split('-');
  return { day, month, year };
}

/** A field's value in words, one line per item: names for ids, UK dates, "Not set" for blanks. */
export function describeValue(o: Pick<ActionFormOptions, 'objectives' | 'units' | 'priorities' | 'pledges'>, field: ActionField, v: FieldValue): string[] {
  const none = field === 'impactedUnitIds' || field === 'priorityIds' || field === 'pledgeIds' ? 'None' : 'Not set';
  if (typeof v !== 'string') {
    const lines = v.map((id) => {
      if (field === 'impactedUnitIds') return o.units.find((u) => String(u.id) === id)?.name;
      if (field === 'priorityIds') return o.priorities.find((p) => String(p.id) === id)?.title;
      const p = o.pledges.find((x) => String(x.id) === id);
      return p ? `Pledge ${p.number}: ${p.text}` : undefined;
    });
    const shown = lines.map((l, i) => l ?? `Unknown (${v[i]})`);
    return shown.length ? shown : [none];
  }
  if (v === '') return [none];
  if (field === 'objectiveId') {
    const x = o.objectives.find((ob) => String(ob.id) === v);
    return [x ? `${x.number ? `${x.number} ` : ''}${x.title}` : `Unknown (${v})`];
  }
  if (field === 'kind') return [ACTION_KIND_LABELS[v as ActionKind] ?? v];
  if (field === 'restricted') return [v === 'yes' ? 'Yes' : 'No'];
  if (field === 'exemptParagraph') {
    const c = exemptCategory(Number(v));
    return [c ? `Paragraph ${c.paragraph}: ${c.text}` : `Unknown (${v})`];
  }
  if (DATES.has(field)) return [isIsoDate(v) ? formatUkDate(v) : `${v} (not a real date)`];
  return v.split('\n');
}
