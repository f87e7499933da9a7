import { formatUkDate } from '../../../domain/dates.ts';
import { ACTION_TEXT_FIELDS } from '../../../domain/fields/action-fields.ts';
import { SORT_KEYS, type SortKey } from '../../../domain/action-order.ts';
import { RAG_LABELS, RAGS, type RagResult } from '../../../domain/rag.ts';
import { STAGE_LABELS, STAGES } from '../../../domain/stages.ts';
import { selectItems } from '../../items.ts';
import type { ActionDetail } from '../../../services/actions.ts';
import type { DateParts } from './as-of.ts';
import { AS_OF_ANCHORS } from './as-of.ts';

// The actions pages' view models: the action page, the list of actions, and the rows of the
// action-plan table (plans/action-table.njk) that the plan page shows. The forms (the action form,
// the progress update form and the merge page) are in form-presenters.ts.

type Errors = Record<string, string> | undefined;
type Link = { id: number | null; name: string };
type TextColumns = { [K in (typeof ACTION_TEXT_FIELDS)[number]['column']]: string | null };

export const plansCrumb = { text: 'Plans', href: '/plans' };

/** "1 April 2026" for a date, or '' for none: a template writes "Not set" or "–" itself. */
const ukDate = (d: string | null | undefined) => formatUkDate(d);

/** An action's due date as the tables show it: the revised date, with the one it was revised from. */
export const dueDates = (a: { due_date: string | null; revised_due_date: string | null }) => ({ dueDate: ukDate(a.due_date), revisedDueDate: ukDate(a.revised_due_date) });

/** A row of the action-plan table: code, action, role, the description's parts, due date, leads, impacts, partnership links. */
export function actionTableRow(a: TextColumns & {
  id: number;
  code: string;
  title: string;
  kind: string;
  role: string | null;
  exempt_paragraph: number | null;
  due_date: string | null;
  revised_due_date: string | null;
  leads: readonly Link[];
  impacts: readonly Link[];
  partnerships: readonly string[];
}) {
  return {
    id: a.id,
    code: a.code,
    title: a.title,
    kind: a.kind,
    role: a.role,
    restricted: Boolean(a.exempt_paragraph),
    // The parts of the councils' description (src/domain/fields/action-fields.ts) that have text.
    description: ACTION_TEXT_FIELDS.filter((f) => f.inDescription && a[f.column]).map((f) => ({ label: f.label, text: a[f.column]! })),
    ...dueDates(a),
    leads: a.leads.map((l) => ({ id: l.id, name: l.name })),
    impacts: a.impacts.map((i) => i.name),
    partnerships: [...a.partnerships],
  };
}

type Update = {
  id: number;
  periodLabel: string | null;
  status_word: string;
  percent_complete: number | null;
  as_at: string;
  author_name: string;
  recorded_at: string;
  exempt_paragraph: number | null;
  approval: string;
  return_comment: string | null;
  corrects_id: number | null;
  narrative: string | null;
  next_steps: string | null;
  rag_override: string | null;
  override_reason: string | null;
};

type ActionPageInput = {
  detail: Pick<ActionDetail, 'unit' | 'objective' | 'priorities' | 'pledges' | 'carriedFrom' | 'carriedFromHidden' | 'mayChange'> & {
    action: TextColumns & ActionDetail['action'];
    plan: { id: number; title: string };
    year: { label: string };
  };
  when: { asOf: string | null; knownOn: string | null; parts: DateParts; knownParts: DateParts; errors?: Record<string, string> };
  position: { result: RagResult; latest: { id: number; status_word: string; narrative: string | null; next_steps: string | null; approval: string; as_at: string } | null; due: { next: { dueOn: string; label: string } | null } } | null;
  change: { text: string } | null;
  /** Every progress update of the action, newest first. */
  history: readonly Update[];
  /** The end of the "as known on" day (an instant), when one was chosen. */
  knownBefore: string | null;
  canEdit: boolean;
};

/** /actions/:id: the action's position as at a date, its progress updates up to then, and its fields. */
export function actionPage(input: ActionPageInput) {
  const { detail: d, when, position } = input;
  const a = d.action;
  // The timeline as at the date: updates reporting on a later date are left out, and with "as
  // known on", those recorded after that day too.
  const shown = input.history.filter((u) => (!when.asOf || u.as_at <= when.asOf) && (!input.knownBefore || u.recorded_at < input.knownBefore));
  const byId = new Map(shown.map((u) => [u.id, u]));
  const correctedBy = new Map(shown.filter((u) => u.corrects_id !== null).map((u) => [u.corrects_id!, u.id]));
  const latest = position?.latest ?? null;
  return {
    title: `${a.code} ${a.title}`.slice(0, 100),
    section: 'actions',
    action: {
      id: a.id,
      code: a.code,
      title: a.title,
      exemptParagraph: a.exempt_paragraph,
      role: a.role,
      kind: a.kind,
      startDate: ukDate(a.start_date),
      ...dueDates(a),
      leads: a.leads.map((l) => ({ id: l.id, name: l.name })),
      impacts: a.impacts.map((i) => ({ id: i.id, name: i.name })),
      partnerships: [...a.partnerships],
      weight: a.weight,
      updatedAt: ukDate(a.updated_at),
    },
    // The plain text fields' rows (target, outcome …), from src/domain/fields/action-fields.ts: "Not set" when blank.
    textFieldRows: ACTION_TEXT_FIELDS.filter((f) => f.view).map((f) => ({ key: { text: f.label }, value: { text: a[f.column] || 'Not set' } })),
    plan: { id: d.plan.id, title: d.plan.title },
    unit: { name: d.unit.name },
    year: { label: d.year.label },
    objective: { id: d.objective.id, number: d.objective.number, title: d.objective.title },
    priorities: d.priorities.map((p) => ({ id: p.id, title: p.title })),
    pledges: d.pledges.map((p) => ({ id: p.id, number: p.number, text: p.text })),
    carriedFrom: d.carriedFrom ? { id: d.carriedFrom.id, code: d.carriedFrom.code, yearLabel: d.carriedFrom.yearLabel } : null,
    carriedFromHidden: d.carriedFromHidden,
    asOf: ukDate(when.asOf),
    knownOn: ukDate(when.knownOn),
    asOfParts: when.parts,
    knownParts: when.knownParts,
    position: position
      ? {
          result: position.result,
          latest: latest
            ? { statusWord: latest.status_word, narrative: latest.narrative, nextSteps: latest.next_steps, approval: latest.approval, asAt: ukDate(latest.as_at) }
            : null,
          nextDue: position.due.next ? { dueOn: ukDate(position.due.next.dueOn), label: position.due.next.label } : null,
        }
      : null,
    change: input.change ? { text: input.change.text } : null,
    latestPeriod: input.history.find((u) => u.id === latest?.id)?.periodLabel ?? null,
    updates: shown.map((u) => {
      const corrects = u.corrects_id ? byId.get(u.corrects_id) : undefined;
      return {
        id: u.id,
        periodLabel: u.periodLabel,
        statusWord: u.status_word,
        percentComplete: u.percent_complete,
        asAt: ukDate(u.as_at),
        authorName: u.author_name,
        recordedOn: ukDate(u.recorded_at),
        exemptParagraph: u.exempt_paragraph,
        approval: u.approval,
        returnComment: u.return_comment,
        correctedBy: correctedBy.get(u.id) ?? null,
        corrects: corrects ? { id: corrects.id, recordedOn: ukDate(corrects.recorded_at), authorName: corrects.author_name } : null,
        narrative: u.narrative,
        nextSteps: u.next_steps,
        ragOverride: u.rag_override,
        overrideReason: u.override_reason,
      };
    }),
    laterUpdates: input.history.length - shown.length,
    // The buttons this reader may use on this action: progress within their reach, edits to their units' plans.
    canEdit: input.canEdit,
    canPlan: d.mayChange,
    errors: when.errors,
    errorAnchors: AS_OF_ANCHORS,
    breadcrumbs: [plansCrumb, { text: d.plan.title, href: `/plans/${d.plan.id}` }],
  };
}

/** A row of the list of actions (/actions). */
export function actionListRow(a: {
  id: number;
  code: string;
  title: string;
  exempt_paragraph: number | null;
  orgName: string;
  yearLabel: string;
  objectiveNumber: string | null;
  objectiveTitle: string;
  leads: readonly Link[];
  due_date: string | null;
  revised_due_date: string | null;
}) {
  return {
    id: a.id,
    code: a.code,
    title: a.title,
    restricted: Boolean(a.exempt_paragraph),
    orgName: a.orgName,
    yearLabel: a.yearLabel,
    objectiveNumber: a.objectiveNumber,
    objectiveTitle: a.objectiveTitle,
    leadNames: a.leads.map((l) => l.name),
    // The date the action is due by now: the revised one when it was moved.
    dueOn: ukDate(a.revised_due_date || a.due_date),
  };
}

const SORT_LABELS: Record<SortKey, string> = { code: 'code', title: 'action', due: 'due date', light: 'traffic light', lead: 'lead officer' };

type Raw = { service: string; year: string; objective: string; priority: string; pledge: string; person: string; lead: string; search: string; dueFrom: string; dueTo: string };

/** /actions: the matching actions with their lights, the filter form and the column headings that sort. */
export function actionListPage(input: {
  actions: readonly Parameters<typeof actionListRow>[0][];
  results: ReadonlyMap<number, RagResult>;
  when: { asOf: string | null; knownOn: string | null; parts: DateParts; knownParts: DateParts };
  /** The query as given (text), for the sort links, which keep the rest of it. */
  query: Record<string, unknown>;
  raw: Raw;
  rawView: { light: string; stage: string; sort: string; order: string };
  view: { sort: SortKey | null; order: 'asc' | 'desc' } | null;
  filtered: boolean;
  dates: { dueFrom: DateParts; dueTo: DateParts };
  total: number;
  pager: unknown;
  exportQuery: string;
  years: readonly { id: number; label: string }[];
  units: readonly { id: number; name: string; depth: number }[];
  objectives: readonly { id: number; number: string | null; title: string }[];
  priorities: readonly { id: number; title: string; depth: number }[];
  pledges: readonly { id: number; number: number | string; text: string }[];
  people: readonly { id: number; name: string; job_title: string | null }[];
  person: { id: number; name: string } | undefined;
  errors: Errors;
  errorAnchors: Record<string, string>;
}) {
  const { when, person, raw, rawView } = input;
  // Column headings sort by GET links that keep the rest of the query: the first click sorts
  // ascending, a click on the sorted column turns it round. A new sort starts again at the first page.
  const sorted = input.view?.sort ?? null;
  const order = input.view?.order ?? 'asc';
  const keep = Object.entries(input.query).filter((e): e is [string, string] => e[0] !== 'sort' && e[0] !== 'order' && e[0] !== 'page' && typeof e[1] === 'string' && e[1] !== '');
  const sortHref = (key: SortKey) => `/actions?${new URLSearchParams([...keep, ['sort', key], ['order', sorted === key && order === 'asc' ? 'desc' : 'asc']]).toString()}`;
  return {
    title: 'Actions',
    section: 'actions',
    wide: true,
    errors: input.errors,
    errorAnchors: input.errorAnchors,
    actions: input.actions.map(actionListRow),
    progress: Object.fromEntries([...input.results.entries()]),
    asOf: ukDate(when.asOf),
    knownOn: ukDate(when.knownOn),
    asOfParts: when.parts,
    knownParts: when.knownParts,
    total: input.total,
    pager: input.pager,
    filtered: input.filtered,
    search: raw.search,
    lead: raw.lead,
    columns: Object.fromEntries(SORT_KEYS.map((key) => [key, { href: sortHref(key), ariaSort: sorted === key ? (order === 'asc' ? 'ascending' : 'descending') : null }])),
    sorted,
    order,
    sortLabel: sorted ? SORT_LABELS[sorted] : null,
    // Downloads keep the filter the list shows.
    exportQuery: input.exportQuery,
    person: person ? { id: person.id, name: person.name } : undefined,
    dates: input.dates,
    yearItems: selectItems(input.years, (y) => y.id, (y) => y.label, raw.year, 'All years'),
    unitItems: selectItems(input.units, (u) => u.id, (u) => `${'– '.repeat(u.depth)}${u.name}`, raw.service, 'All services'),
    objectiveItems: selectItems(input.objectives, (o) => o.id, (o) => `${o.number ? `${o.number} ` : ''}${o.title}`.slice(0, 100), raw.objective, 'All objectives'),
    priorityItems: selectItems(input.priorities, (p) => p.id, (p) => `${'– '.repeat(p.depth)}${p.title}`, raw.priority, 'All priorities'),
    pledgeItems: selectItems(input.pledges, (p) => p.id, (p) => `${p.number}: ${p.text}`.slice(0, 90), raw.pledge, 'All pledges'),
    lightItems: selectItems(RAGS, (r) => r, (r) => RAG_LABELS[r], rawView.light, 'All traffic lights'),
    stageItems: selectItems(STAGES, (st) => st, (st) => STAGE_LABELS[st], rawView.stage, 'All stages'),
    personItems: selectItems(input.people, (p) => p.id, (p) => (p.job_title ? `${p.name} (${p.job_title})` : p.name), raw.person, 'All lead officers'),
  };
}
