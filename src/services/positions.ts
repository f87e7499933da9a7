import { londonDayEnd } from '../domain/dates.ts';
import { effectiveStartDate } from '../domain/expected-progress.ts';
import { assessRag, isOverrideRag, type RagResult, type RagThresholds } from '../domain/rag.ts';
import type { Stage } from '../domain/stages.ts';
import { latestAsAt, standingUpdates, updateDue, type TimelinePeriod, type TimelineUpdate, type UpdateDue } from '../domain/update-timeline.ts';
import type { ActionKind } from '../domain/vocabulary.ts';
import type { ActionRow, PlanYearRow, ProgressUpdateRow, Repos, ReportingPeriodRow } from '../db/repositories/index.ts';
import { canUpdateAction } from '../domain/permissions.ts';
import { reachOf } from './context.ts';
import { leadPersonIds, visibleUpdates, type Reader } from './visibility.ts';

// The position of actions as at a date D, as known on a date K (DESIGN §4, src/domain/update-timeline.ts):
// the standing update reporting on the latest date up to D (of those recorded by the end of K, and
// that the reader may see), whether a deadline passed by K with no update, and the traffic light
// computed for D. ProgressService.positions and its as-at checks use these.

export interface Position {
  action: ActionRow;
  year: PlanYearRow;
  latest: ProgressUpdateRow | null;
  /** The update the action missed (its deadline had passed), and the next one it owes. */
  due: UpdateDue;
  result: RagResult;
}

/** A plan year with its last reporting date: the end of its last period. */
export type YearSpan = PlanYearRow & { lastPeriodEnd: string };

/**
 * Without a date: today when it falls in a plan year; otherwise the last reporting date (the end of
 * the last period) of the latest year before today, or the first year's start when all are later.
 */
export function defaultAsOf(years: readonly { start_date: string; end_date: string; lastPeriodEnd: string }[], today: string): string {
  if (!years.length || years.some((y) => y.start_date <= today && today <= y.end_date)) return today;
  const before = years.filter((y) => y.end_date < today).sort((a, b) => b.end_date.localeCompare(a.end_date))[0];
  return before ? before.lastPeriodEnd : [...years].sort((a, b) => a.start_date.localeCompare(b.start_date))[0]!.start_date;
}

/** A year's reporting periods for the rules, each with its grace days; a year without periods is one period. */
export function timelinePeriods(year: PlanYearRow, periods: readonly ReportingPeriodRow[], graceDays: number): TimelinePeriod[] {
  const own = periods.filter((p) => p.plan_year_id === year.id);
  if (!own.length) return [{ id: 0, position: 1, label: year.label, startDate: year.start_date, endDate: year.end_date, dueOn: null, graceDays }];
  return own.map((p) => timelinePeriod(p, graceDays));
}

/** A reporting period for the rules, with its own grace days or the council's. */
export function timelinePeriod(p: ReportingPeriodRow, graceDays: number): TimelinePeriod {
  return { id: p.id, position: p.position, label: p.label, startDate: p.start_date, endDate: p.end_date, dueOn: p.due_on, graceDays: p.grace_days ?? graceDays };
}

/** The council's plan years, each with the end of its last period. */
export async function yearSpans(r: Repos, tenantId: number, graceDays: number): Promise<YearSpan[]> {
  const [years, periods] = await Promise.all([r.planYears.list(tenantId), r.planYears.allPeriods(tenantId)]);
  return years.map((y) => ({ ...y, lastPeriodEnd: timelinePeriods(y, periods, graceDays).map((p) => p.endDate).sort().at(-1)! }));
}

export interface PositionOptions {
  thresholds: RagThresholds;
  /** The council's grace days, for periods without their own. */
  graceDays: number;
  /**
   * Which updates may stand as an action's position (DESIGN §4, progress update workflow):
   * - `approved`: approved updates only (councillors and other readers who cannot act on the
   *   action; committee reports when the council says so);
   * - `not-returned`: approved and awaiting sign-off, never returned (committee reports when the
   *   council lets them use updates not yet signed off);
   * - `actionable`: approved, plus those awaiting sign-off or returned on the actions the reader can
   *   act on (record updates on, or sign off: src/domain/permissions.ts canUpdateAction), which
   *   the pages label as such. Everyone else reads the approved position.
   */
  approval: 'approved' | 'not-returned' | 'actionable';
  /** Only what had been recorded by the end of this Europe/London date; deadlines judged on it. */
  knownOn: string | null;
  /** Today in Europe/London: deadlines are judged on it when there is no knownOn. */
  today: string;
}

/** The position of each action as at `asOf`, as `reader` may see it. */
export async function positionsOf(r: Repos, reader: Reader, tenantId: number, actions: ActionRow[], asOf: string, opts: PositionOptions): Promise<Position[]> {
  if (!actions.length) return [];
  const knownBefore = opts.knownOn ? londonDayEnd(opts.knownOn) : undefined;
  const [planYears, years, periods, updates] = await Promise.all([
    r.plans.yearIds(tenantId, [...new Set(actions.map((a) => a.plan_id))]),
    r.planYears.list(tenantId),
    r.planYears.allPeriods(tenantId),
    r.progress.forActions(tenantId, actions.map((a) => a.id), knownBefore).then((all) => visibleUpdates(r, reader, all)),
  ]);
  const yearOfPlan = new Map(planYears.map((p) => [p.id, years.find((y) => y.id === p.plan_year_id)!]));
  const periodsOfYear = new Map(years.map((y) => [y.id, timelinePeriods(y, periods, opts.graceDays)]));
  const byAction = new Map<number, (ProgressUpdateRow & TimelineUpdate)[]>();
  const pendingSeen = await pendingCounts(r, reader, tenantId, actions, updates, opts.approval);
  for (const u of updates.filter((x) => x.approval === 'approved' || pendingSeen(x))) {
    const list = byAction.get(u.action_id);
    if (list) list.push(timeline(u));
    else byAction.set(u.action_id, [timeline(u)]);
  }
  const judgedOn = opts.knownOn ?? opts.today;
  return actions.map((action) => {
    const year = yearOfPlan.get(action.plan_id)!;
    return positionOf(action, year, periodsOfYear.get(year.id)!, byAction.get(action.id) ?? [], { asOf, judgedOn, thresholds: opts.thresholds });
  });
}

/**
 * One action's position as at `asOf`, deadlines judged on `judgedOn`, from the updates that count
 * for the reader (oldest recorded first) and its plan year's periods: the one computation every
 * path (positionsOf, the positions cache) shares.
 */
export function positionOf(
  action: ActionRow,
  year: PlanYearRow,
  periods: TimelinePeriod[],
  updates: readonly (ProgressUpdateRow & TimelineUpdate)[],
  when: { asOf: string; judgedOn: string; thresholds: RagThresholds },
): Position {
  const { asOf, judgedOn } = when;
  const standing = standingUpdates(updates);
  const latest = latestAsAt(standing, asOf);
  const start = effectiveStartDate({ yearStart: year.start_date, startDate: action.start_date });
  const due = updateDue(periods, standing, start, asOf, judgedOn);
  // An override belongs to the update it was given with: only the latest update's counts.
  const override = latest?.rag_override && isOverrideRag(latest.rag_override) && latest.override_reason?.trim() ? { rag: latest.rag_override, reason: latest.override_reason } : null;
  const result = assessRag({
    asOf,
    kind: action.kind as ActionKind,
    yearStart: year.start_date,
    yearEnd: year.end_date,
    startDate: action.start_date,
    dueDate: action.due_date,
    revisedDueDate: action.revised_due_date,
    latest: latest ? { stage: latest.stage as Stage, percentComplete: latest.percent_complete, asAt: latest.as_at } : null,
    missed: due.missed,
    nextDue: due.next,
    thresholds: when.thresholds,
    override,
  });
  return { action, year, latest, due, result };
}

/** Whether an update not (yet) approved counts towards the reader's position of its action. */
async function pendingCounts(
  r: Repos,
  reader: Reader,
  tenantId: number,
  actions: readonly ActionRow[],
  updates: readonly ProgressUpdateRow[],
  approval: PositionOptions['approval'],
): Promise<(u: ProgressUpdateRow) => boolean> {
  if (approval === 'approved') return () => false;
  if (approval === 'not-returned') return (u) => u.approval !== 'returned';
  // A committee's audience never acts on an update; look up the reader's reach only when needed.
  const pending = updates.filter((u) => u.approval !== 'approved');
  if (!pending.length || 'audience' in reader) return () => false;
  const reach = await reachOf(r, reader);
  const ids = [...new Set(pending.map((u) => u.action_id))];
  const byId = new Map(actions.map((a) => [a.id, a]));
  const [plans, links] = await Promise.all([
    Promise.all([...new Set(ids.map((id) => byId.get(id)!.plan_id))].map((id) => r.plans.get(tenantId, id))),
    r.actions.links(tenantId, ids),
  ]);
  const unitOf = new Map(plans.filter((p) => p !== undefined).map((p) => [p.id, p.org_unit_id]));
  const acts = new Set(ids.filter((id) => canUpdateAction(reach, { unitId: unitOf.get(byId.get(id)!.plan_id) ?? 0, leadPersonIds: leadPersonIds(links.get(id)?.leads) })));
  return (u) => acts.has(u.action_id);
}

/** A progress update row with the names the timeline rules (src/domain/update-timeline.ts) read. */
export function timeline(u: ProgressUpdateRow): ProgressUpdateRow & TimelineUpdate {
  return Object.assign({}, u, { asAt: u.as_at, recordedAt: u.recorded_at, correctsId: u.corrects_id, periodId: u.period_id });
}
