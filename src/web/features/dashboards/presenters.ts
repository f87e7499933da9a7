import { formatUkDate } from '../../../domain/dates.ts';
import { RAGS, type RagResult, type Rollup } from '../../../domain/rag.ts';
import type { ChartView } from './charts.ts';

// The dashboards' view models: one function per page (overview, unit, corporate priority or
// pledge, exceptions, my actions), each giving its template the position as at the page's date in
// camelCase, with dates written out. The charts are built by charts.ts and passed through.

type PositionInput = {
  action: { id: number; code: string; title: string; orgName: string; orgUnitId: number; due_date: string | null; revised_due_date: string | null };
  result: RagResult;
  latest: { status_word: string; percent_complete: number | null; as_at: string; approval: string } | null;
};
type ScopeInput = { asOf: string; knownOn: string | null; year: { label: string }; rollup: Rollup };
type RollupRowInput = { label: string; href: string; rollup: Rollup };

/** A roll-up's numbers: the total, the count for each traffic light (in the order of RAGS) and the mean % complete. */
export const rollupView = (r: Rollup) => ({ total: r.total, counts: RAGS.map((rag) => ({ rag, count: r.byRag[rag] })), meanPercent: r.meanPercent });

/** An action with its position, as the dashboards' tables show it. */
export function positionRow(p: PositionInput) {
  const a = p.action;
  return {
    action: { id: a.id, code: a.code, title: a.title, orgName: a.orgName, orgUnitId: a.orgUnitId, dueDate: formatUkDate(a.due_date), revisedDueDate: formatUkDate(a.revised_due_date) },
    result: p.result,
    latest: p.latest ? { statusWord: p.latest.status_word, percentComplete: p.latest.percent_complete, asAt: formatUkDate(p.latest.as_at), approval: p.latest.approval } : null,
  };
}

/** What every dashboard shows of its scope: the year, the dates and the headline numbers. */
const scope = (s: ScopeInput) => ({ year: { label: s.year.label }, asOf: formatUkDate(s.asOf), knownOn: formatUkDate(s.knownOn), rollup: rollupView(s.rollup) });

/** /dashboards: the page's own parts, before (or without) a position. */
export function overviewBase(corporate: { flatPriorities: readonly { id: number; title: string; strapline: string | null; depth: number }[]; pledges: readonly { id: number; number: number | string; text: string }[] }) {
  return {
    title: 'Council dashboard',
    corporate: {
      flatPriorities: corporate.flatPriorities.map((p) => ({ id: p.id, title: p.title, strapline: p.strapline, depth: p.depth })),
      pledges: corporate.pledges.map((p) => ({ id: p.id, number: p.number, text: p.text })),
    },
  };
}

/** /dashboards: the council's position, with its charts. */
export function overviewPage(input: { scope: ScopeInput; charts: ChartView[]; stages: ChartView }) {
  return { ...scope(input.scope), charts: input.charts, stages: input.stages };
}

/** /dashboards/units/:id: the unit and the units above it (for the breadcrumbs). */
export function unitBase(unit: { id: number; name: string; kind: string }, ancestors: readonly { id: number; name: string }[]) {
  return { title: `${unit.name} dashboard`, unit: { id: unit.id, name: unit.name, kind: unit.kind }, ancestors: ancestors.map((a) => ({ id: a.id, name: a.name })) };
}

/** /dashboards/units/:id: the unit's position, its plans' objectives and a page of its actions. */
export function unitPage(input: {
  unit: { id: number };
  scope: ScopeInput;
  /** Whether the position was asked for a chosen date (the exceptions link then keeps it). */
  dated: boolean;
  children: readonly unknown[];
  plans: readonly unknown[];
  objectives: readonly { plan: { label: string }; rows: readonly RollupRowInput[] }[];
  pagePositions: readonly PositionInput[];
  pager: unknown;
  charts: ChartView[];
}) {
  const s = input.scope;
  return {
    ...scope(s),
    exceptionsHref: `/dashboards/exceptions?service=${input.unit.id}${input.dated ? `&asOf=${s.asOf}` : ''}`,
    childCount: input.children.length,
    planCount: input.plans.length,
    objectives: input.objectives.map((o) => ({ plan: { label: o.plan.label }, rows: o.rows.map((r) => ({ label: r.label, href: r.href, rollup: rollupView(r.rollup) })) })),
    pagePositions: input.pagePositions.map(positionRow),
    pager: input.pager,
    charts: input.charts,
    withService: input.children.length > 0,
  };
}

/** /dashboards/priorities/:id and /dashboards/pledges/:id: the actions contributing to one. */
export function corporatePage(input: { scope: ScopeInput; positions: readonly PositionInput[]; charts: ChartView[] }) {
  return { ...scope(input.scope), positions: input.positions.map(positionRow), charts: input.charts };
}

/** /dashboards/exceptions: the chosen service, if any. */
export function exceptionsBase(unit: { id: number; name: string } | undefined, serviceItems: unknown[]) {
  return { title: 'Exceptions', unit: unit ? { id: unit.id, name: unit.name } : undefined, serviceItems };
}

/** /dashboards/exceptions: the red, overdue and not updated actions (a page of them), worst first. */
export function exceptionsPage(input: { scope: ScopeInput; all: readonly { result: RagResult }[]; exceptions: readonly PositionInput[]; pager: unknown }) {
  const all = input.all;
  // The heading and the counts describe every exception; the table shows a page of them.
  const counts = [
    { label: 'Red', count: all.filter((x) => x.result.rag === 'red').length },
    { label: 'Not updated', count: all.filter((x) => x.result.rag === 'not_updated').length },
    { label: 'Overdue', count: all.filter((x) => x.result.overdue).length },
  ].filter((c) => c.count > 0);
  return { ...scope(input.scope), count: all.length, counts, exceptions: input.exceptions.map(positionRow), pager: input.pager };
}

type Period = { label: string; opens_on: string | null; due_on: string | null; end_date: string };

/** /dashboards/my-actions: the actions the reader leads, by whether they need an update. */
export function myActionsPage(input: {
  scope: ScopeInput;
  person: { id: number; name: string; job_title: string | null } | null;
  period: Period | null;
  upcoming: Period | null;
  positions: readonly unknown[];
  missed: readonly PositionInput[];
  needsUpdate: readonly PositionInput[];
  upToDate: readonly PositionInput[];
}) {
  const { period, upcoming } = input;
  return {
    ...scope(input.scope),
    person: input.person ? { id: input.person.id, name: input.person.name, jobTitle: input.person.job_title } : null,
    count: input.positions.length,
    period: period ? { label: period.label, dueOn: formatUkDate(period.due_on) } : null,
    upcoming: upcoming ? { label: upcoming.label, opensOn: formatUkDate(upcoming.opens_on || upcoming.end_date), dueOn: formatUkDate(upcoming.due_on || upcoming.end_date) } : null,
    missed: input.missed.map(positionRow),
    needsUpdate: input.needsUpdate.map(positionRow),
    upToDate: input.upToDate.map(positionRow),
  };
}
