import { formatUkDate, formatUkDateTime } from '../../../domain/dates.ts';
import { changeSummaryText, tableBrief, type ChangeSummary, type LightChange } from '../../../domain/light-change.ts';
import { statusLabel } from '../../../domain/plan-lifecycle.ts';
import type { RagResult } from '../../../domain/rag.ts';
import { lightSummary, scorecard, type Scorecard } from '../../../domain/scorecard.ts';
import { PLAN_KIND_LABELS, PLAN_KINDS, type PlanKind } from '../../../domain/vocabulary.ts';
import { planFieldsFromColumns, type PlanColumns } from '../../../domain/fields/plan-fields.ts';
import type { ObjectiveDetail, PlanDetail } from '../../../services/plans.ts';
import { checkboxItems, radioItems, selectItems } from '../../items.ts';
import { groupsOnPage, pageOf } from '../../../domain/pagination.ts';
import { ACTIONS_NOUN, ACTIONS_PER_PAGE, pager } from '../../pagination.ts';
import { AS_OF_ANCHORS, type AsOfChoice } from '../actions/as-of.ts';
import { actionTableRow } from '../actions/presenters.ts';

// The plans pages' view models: one function per page, each giving the template exactly what it
// shows, in camelCase, with dates already written out. The rows of the action-plan table
// (action-table.njk) come from the actions presenters (actionTableRow).

export type Crumb = { text: string; href: string };
type Values = Record<string, unknown>;
type Errors = Record<string, string> | undefined;

const plansCrumb: Crumb = { text: 'Plans', href: '/plans' };
export const planCrumbs = (plan: { id: number; title: string }): Crumb[] => [plansCrumb, { text: plan.title, href: `/plans/${plan.id}` }];

/** /plans: the plans with their position in words, and the filter. */
export function planListPage(input: {
  plans: readonly { id: number; title: string; kind: string; orgName: string; orgCode: string; yearLabel: string; objectives: number; actions: number }[];
  cards: ReadonlyMap<number, { card: Scorecard; asOf: string | null }>;
  years: readonly { id: number; label: string }[];
  units: readonly { id: number; name: string; depth: number }[];
  filter: { year: number | null; service: number | null };
}) {
  return {
    title: 'Service plans',
    section: 'plans',
    plans: input.plans.map((p) => {
      const c = input.cards.get(p.id);
      return {
        id: p.id,
        title: p.title,
        kind: p.kind,
        orgName: p.orgName,
        orgCode: p.orgCode,
        yearLabel: p.yearLabel,
        objectives: p.objectives,
        actions: p.actions,
        lights: c ? lightSummary(c.card) : null,
        lightsAsOf: c?.asOf ? formatUkDate(c.asOf) : null,
      };
    }),
    yearItems: selectItems(input.years, (y) => y.id, (y) => y.label, input.filter.year, 'All years'),
    unitItems: selectItems(input.units, (u) => u.id, (u) => `${'– '.repeat(u.depth)}${u.name}`, input.filter.service, 'All services'),
  };
}

/** The plan form's values from a plan row: its service and year, and its own fields (src/domain/fields/plan-fields.ts). */
export function planFormValues(p: { org_unit_id: number; plan_year_id: number } & PlanColumns) {
  return { orgUnitId: p.org_unit_id, planYearId: p.plan_year_id, ...planFieldsFromColumns(p) };
}

/** /plans/new and /plans/:id/edit. */
export function planFormPage(input: {
  id?: number;
  version?: number;
  newVersion?: boolean;
  values: Values;
  errors?: Errors;
  units: readonly { id: number; path: string; code: string }[];
  years: readonly { id: number; label: string }[];
}) {
  const { units, years, ...data } = input;
  return {
    title: data.id ? 'Edit plan' : 'Create a service plan',
    section: 'plans',
    unitItems: selectItems(units, (u) => u.id, (u) => `${u.path} (${u.code})`, data.values.orgUnitId, 'Select a service'),
    yearItems: selectItems(years, (y) => y.id, (y) => y.label, data.values.planYearId, 'Select a plan year'),
    kindItems: radioItems(PLAN_KINDS, (k) => PLAN_KIND_LABELS[k as PlanKind], data.values.kind),
    breadcrumbs: [plansCrumb, ...(data.id ? [{ text: 'Plan', href: `/plans/${data.id}` }] : [])],
    errorAnchors: { kind: 'kind' },
    ...data,
  };
}

type PlanPageInput = {
  detail: Pick<PlanDetail, 'plan' | 'unit' | 'year' | 'goals' | 'objectives' | 'actionCount' | 'mayChange'>;
  priorities: readonly { id: number; title: string }[];
  pledges: readonly { id: number; number: string | number }[];
  steps: readonly string[];
  when: AsOfChoice;
  /** Each action's traffic light as at the page's date. */
  results: readonly { actionId: number; result: RagResult }[];
  changes: { byAction: ReadonlyMap<number, Pick<LightChange, 'kind' | 'then' | 'now' | 'brief'>>; summary: Pick<ChangeSummary, 'since' | 'byKind'> } | null;
  /** The page of actions asked for (a very large plan is shown 50 actions a page), and the query its links keep. */
  page?: number;
  query?: Record<string, unknown>;
};

/** /plans/:id: the plan as councils lay it out, with each action's light as at the chosen date. */
export function planPage(input: PlanPageInput) {
  const { detail, when } = input;
  const p = detail.plan;
  const priorityTitles = new Map(input.priorities.map((x) => [x.id, x.title]));
  const pledgeNumbers = new Map(input.pledges.map((x) => [x.id, x.number]));
  const objective = (o: ObjectiveDetail, at: { start: number; end: number; continued: boolean }) => ({
    id: o.id,
    number: o.number,
    title: o.title,
    why: o.why,
    priorities: o.priorityIds.map((id) => ({ id, title: priorityTitles.get(id) ?? '' })),
    pledges: o.pledgeIds.map((id) => ({ id, number: pledgeNumbers.get(id) ?? '' })),
    // The rows of the action-plan table (plans/action-table.njk): those on this page.
    actions: o.actions.slice(at.start, at.end).map(actionTableRow),
    continued: at.continued,
  });
  // A very large plan is shown a page of actions at a time, in plan order: goals, their objectives,
  // then the other objectives. A goal with no objectives holds a place of its own.
  type Slot = { goal: number | null; o: ObjectiveDetail | null };
  const slots: Slot[] = [
    ...detail.goals.flatMap((g, goal): Slot[] => (g.objectives.length ? g.objectives.map((o) => ({ goal, o })) : [{ goal, o: null }])),
    ...detail.objectives.map((o) => ({ goal: null, o })),
  ];
  const sizes = slots.map((x) => x.o?.actions.length ?? 0);
  const page = pageOf(sizes.reduce((a, b) => a + b, 0), input.page, ACTIONS_PER_PAGE);
  const shown = groupsOnPage(sizes, page).map((g) => ({ ...slots[g.index]!, at: g, first: g.index === 0 || slots[g.index - 1]!.goal !== slots[g.index]!.goal }));
  const goals = detail.goals
    .map((g, goal) => ({ g, mine: shown.filter((x) => x.goal === goal) }))
    .filter(({ mine }) => mine.length)
    .map(({ g, mine }) => ({
      id: g.id,
      number: g.number,
      title: g.title,
      continued: !mine[0]!.first || mine[0]!.at.continued,
      objectives: mine.flatMap((x) => (x.o ? [objective(x.o, x.at)] : [])),
    }));
  const changes = input.changes;
  const actions = [...detail.goals.flatMap((g) => g.objectives), ...detail.objectives].flatMap((o) => o.actions);
  return {
    title: p.title,
    section: 'plans',
    wide: true,
    plan: {
      id: p.id,
      title: p.title,
      kind: p.kind,
      status: p.status,
      statusText: statusLabel(p.status),
      draftVersion: p.draft_version,
      approvedCommittee: p.approved_committee,
      approvedOn: formatUkDate(p.approved_on),
      publishedOn: formatUkDate(p.published_on),
      returnComment: p.return_comment,
      vision: p.vision,
      purpose: p.purpose,
      statutoryDuties: p.statutory_duties,
      areasOfFocus: p.areas_of_focus,
    },
    unit: { id: detail.unit.id, name: detail.unit.name, code: detail.unit.code },
    year: { id: detail.year.id, label: detail.year.label, startDate: formatUkDate(detail.year.start_date), endDate: formatUkDate(detail.year.end_date) },
    goals,
    objectives: shown.flatMap((x) => (x.goal === null && x.o ? [objective(x.o, x.at)] : [])),
    goalCount: detail.goals.length,
    pager: pager(page, `/plans/${p.id}`, input.query ?? {}, ACTIONS_NOUN),
    // The plan's opening sections lead its first page; "areas of focus" (after the actions) ends its last.
    firstPage: page.page === 1,
    lastPage: page.page === page.pages,
    actionCount: detail.actionCount,
    steps: detail.mayChange ? input.steps : [],
    canPlan: detail.mayChange,
    progress: Object.fromEntries(input.results.map((r) => [r.actionId, r.result])),
    changes: changes ? Object.fromEntries([...changes.byAction].map(([id, c]) => [id, tableBrief(c)])) : null,
    changeSummary: changes ? { since: `the end of ${changes.summary.since.label} (${formatUkDate(changes.summary.since.endDate)})`, text: changeSummaryText(changes.summary) } : null,
    // The scorecard at the top: the actions by light, as at the same date as the Progress column.
    card: when.asOf && actions.length ? scorecard(input.results.map((r) => r.result)) : null,
    asOfText: formatUkDate(when.asOf),
    knownOnText: formatUkDate(when.knownOn),
    asOfParts: when.parts,
    knownParts: when.knownParts,
    errors: when.errors,
    errorAnchors: AS_OF_ANCHORS,
    breadcrumbs: [plansCrumb],
  };
}

/** /plans/:id/goals/new and /goals/:id/edit. */
export function goalFormPage(input: { plan: { id: number; title: string }; id?: number; newVersion?: boolean; values: Values; errors?: Errors }) {
  const { plan, ...data } = input;
  return {
    title: data.id ? 'Edit strategic goal' : 'Add a strategic goal',
    section: 'plans',
    plan: { id: plan.id, title: plan.title },
    breadcrumbs: planCrumbs(plan),
    ...data,
  };
}

/** /plans/:id/objectives/new and /objectives/:id/edit. */
export function objectiveFormPage(input: {
  plan: { id: number; title: string };
  goals: readonly { id: number; number: string | null; title: string }[];
  priorities: readonly { id: number; title: string; depth: number }[];
  pledges: readonly { id: number; number: string | number; text: string }[];
  id?: number;
  version?: number;
  newVersion?: boolean;
  values: Values;
  errors?: Errors;
}) {
  const { plan, goals, priorities, pledges, ...data } = input;
  return {
    title: data.id ? 'Edit objective' : 'Add an objective',
    section: 'plans',
    plan: { id: plan.id, title: plan.title },
    goalItems: selectItems(goals, (g) => g.id, (g) => (g.number ? `${g.number}. ${g.title}` : g.title), data.values.goalId, 'Not under a strategic goal'),
    priorityItems: checkboxItems(priorities, (p) => p.id, (p) => `${'– '.repeat(p.depth)}${p.title}`, data.values.priorityIds),
    pledgeItems: checkboxItems(pledges, (p) => p.id, (p) => `Pledge ${p.number}: ${p.text}`, data.values.pledgeIds),
    breadcrumbs: planCrumbs(plan),
    ...data,
  };
}

/** /plans/:id/approve. */
export function approvePage(input: {
  plan: { id: number; title: string; draft_version: number };
  meetings: readonly { id: number; committeeName: string; meeting_date: string }[];
  values: Record<string, string>;
  errors?: Errors;
  dateParts: { day: string; month: string; year: string };
}) {
  const { plan } = input;
  return {
    title: 'Approve the plan',
    section: 'plans',
    plan: { id: plan.id, title: plan.title, draftVersion: plan.draft_version },
    values: input.values,
    errors: input.errors,
    dateParts: input.dateParts,
    errorAnchors: { approvedOn: 'approvedOn-day' },
    meetingItems: selectItems(input.meetings, (m) => m.id, (m) => `${m.committeeName}, ${m.meeting_date}`, input.values.meetingId, 'Select a meeting'),
    breadcrumbs: planCrumbs(plan),
  };
}

/** /plans/:id/return. */
export function returnPage(input: { plan: { id: number; title: string }; values: Record<string, string>; errors?: Errors }) {
  const { plan } = input;
  return { title: 'Return the plan to draft', section: 'plans', plan: { id: plan.id, title: plan.title }, values: input.values, errors: input.errors, breadcrumbs: planCrumbs(plan) };
}

/** /plans/:id/versions: the approved versions, newest first. */
export function versionsPage(input: {
  plan: { id: number; title: string; status: string; draft_version: number };
  versions: readonly { number: number; status: string; published_on: string | null; approved_committee: string; approved_on: string; createdByName: string; created_at: string }[];
}) {
  const { plan } = input;
  return {
    title: 'Plan versions',
    section: 'plans',
    plan: { id: plan.id, title: plan.title, isDraft: plan.status === 'draft', draftVersion: plan.draft_version },
    statusText: statusLabel(plan.status),
    versions: input.versions
      .map((v) => ({
        number: v.number,
        statusText: statusLabel(v.status),
        publishedOn: formatUkDate(v.published_on),
        approvedCommittee: v.approved_committee,
        approvedOn: formatUkDate(v.approved_on),
        createdByName: v.createdByName,
        recordedText: formatUkDateTime(v.created_at),
      }))
      .reverse(),
    breadcrumbs: planCrumbs(plan),
  };
}

export type Comparison = {
  fromName: string;
  toName: string;
  same: boolean;
  plan: { field: string; before: string; after: string }[];
  goals: ComparedSection;
  objectives: ComparedSection;
  actions: ComparedSection;
};
type ComparedSection = { added: string[]; removed: string[]; changed: { label: string; changes: { field: string; before: string; after: string }[] }[] };
type RefItem = { value: string; text: string; selected: boolean };

/** /plans/:id/versions/compare: what changed between two versions (null before any approval). */
export function comparePage(input: { plan: { id: number; title: string }; comparison: Comparison | null; fromItems?: RefItem[]; toItems?: RefItem[] }) {
  const { plan } = input;
  return {
    title: 'Compare plan versions',
    section: 'plans',
    plan: { id: plan.id, title: plan.title },
    breadcrumbs: [...planCrumbs(plan), { text: 'Versions', href: `/plans/${plan.id}/versions` }],
    comparison: input.comparison,
    ...(input.comparison ? { fromItems: input.fromItems, toItems: input.toItems } : {}),
  };
}

/** The question before a change to an approved plan (new-version.njk), for plans and actions alike. */
export function newVersionQuestionPage(input: {
  plan: { id: number; title: string; status: string; draft_version: number; approved_on: string | null; approved_committee: string | null };
  question: string;
  what: string;
  formPath: string;
  postPath?: string;
  cancelHref: string;
  replay: { name: string; value: string }[] | null;
  keep: { name: string; value: string }[];
}) {
  const p = input.plan;
  return {
    title: input.question,
    section: 'plans',
    planTitle: p.title,
    approvedText: `This plan was approved${p.approved_on ? ` on ${formatUkDate(p.approved_on)}` : ''}${p.approved_committee ? ` by ${p.approved_committee}` : ''}${p.status === 'published' ? ' and has been published' : ''}.`,
    nextVersion: p.draft_version + 1,
    what: input.what,
    replay: input.replay,
    keep: input.keep,
    formPath: input.formPath,
    postPath: input.postPath ?? input.formPath,
    cancelHref: input.cancelHref,
    breadcrumbs: planCrumbs(p),
  };
}
