import { addDays } from '../domain/dates.ts';
import { assessRag, RAGS, type Rag, type RagResult, type RagThresholds } from '../domain/rag.ts';
import type { Stage } from '../domain/stages.ts';
import type { ActionKind } from '../domain/vocabulary.ts';
import type { ActionRow, PlanYearRow, ProgressUpdateRow, Repos } from '../db/repositories/index.ts';
import { visibleUpdates, type Reader } from './visibility.ts';

// The position of actions as it stood on a date: the latest update recorded by then (a correction
// replaces the update it corrects, and the reader sees only the updates they may see) and the
// traffic light computed for that day. ProgressService.positions and its as-at checks use these.

export interface Position {
  action: ActionRow;
  year: PlanYearRow;
  latest: ProgressUpdateRow | null;
  result: RagResult;
}

/** A plan year with the day its reporting ends. */
export type YearSpan = PlanYearRow & { reportingEnd: string };

const endOfDay = (iso: string) => `${iso}T23:59:59.999Z`;

/** Today when it falls in a plan year's reporting; otherwise the end of the latest reporting before today (or the first year's start). */
export function defaultAsOf(years: readonly { start_date: string; reportingEnd: string }[], today: string): string {
  if (!years.length || years.some((y) => y.start_date <= today && today <= y.reportingEnd)) return today;
  const before = years.filter((y) => y.reportingEnd < today).sort((a, b) => b.reportingEnd.localeCompare(a.reportingEnd))[0];
  return before ? before.reportingEnd : [...years].sort((a, b) => a.start_date.localeCompare(b.start_date))[0]!.start_date;
}

/**
 * The council's plan years with the day their reporting ends: the year end, or later when the last
 * period's updates are due (plus grace) after it — a year-end position can be asked for until then.
 */
export async function yearSpans(r: Repos, tenantId: number, graceDays: number): Promise<YearSpan[]> {
  const [years, periods] = await Promise.all([r.planYears.list(tenantId), r.planYears.allPeriods(tenantId)]);
  return years.map((y) => {
    const ends = periods.filter((p) => p.plan_year_id === y.id && p.due_on).map((p) => addDays(p.due_on!, p.grace_days ?? graceDays));
    return { ...y, reportingEnd: [y.end_date, ...ends].sort().at(-1)! };
  });
}

/**
 * The position of each action at the end of `asOf`, as `reader` may see it. `approvedOnly` leaves
 * out updates awaiting sign-off or returned (committee reports, when the council says so).
 */
export async function positionsOf(
  r: Repos,
  reader: Reader,
  tenantId: number,
  actions: ActionRow[],
  asOf: string,
  opts: { thresholds: RagThresholds; approvedOnly: boolean },
): Promise<Position[]> {
  if (!actions.length) return [];
  const [planYears, years, periods, updates] = await Promise.all([
    r.plans.yearIds(tenantId, [...new Set(actions.map((a) => a.plan_id))]),
    r.planYears.list(tenantId),
    r.planYears.allPeriods(tenantId),
    r.progress.forActions(tenantId, actions.map((a) => a.id), endOfDay(asOf)).then((all) => visibleUpdates(r, reader, all)),
  ]);
  const yearOfPlan = new Map(planYears.map((p) => [p.id, years.find((y) => y.id === p.plan_year_id)!]));
  const byAction = new Map<number, ProgressUpdateRow[]>();
  for (const u of opts.approvedOnly ? updates.filter((x) => x.approval === 'approved') : updates) byAction.set(u.action_id, [...(byAction.get(u.action_id) ?? []), u]);
  return actions.map((action) => {
    const year = yearOfPlan.get(action.plan_id)!;
    const mine = byAction.get(action.id) ?? [];
    const corrected = new Set(mine.map((u) => u.corrects_id).filter((x): x is number => x !== null));
    const live = mine.filter((u) => !corrected.has(u.id));
    const latest = live.at(-1) ?? null;
    // The current period is the latest of the year whose update window has opened by asOf.
    const current = periods.filter((p) => p.plan_year_id === year.id && (p.opens_on ?? p.end_date) <= asOf).at(-1);
    const missedCurrentPeriod = current !== undefined && !live.some((u) => u.period_id === current.id);
    const override = latest?.rag_override ? { rag: latest.rag_override as Rag, reason: latest.override_reason ?? '' } : null;
    const result = assessRag({
      asOf,
      kind: action.kind as ActionKind,
      yearStart: year.start_date,
      yearEnd: year.end_date,
      startDate: action.start_date,
      dueDate: action.due_date,
      revisedDueDate: action.revised_due_date,
      latest: latest ? { stage: latest.stage as Stage, percentComplete: latest.percent_complete, asAt: latest.as_at } : null,
      missedCurrentPeriod,
      thresholds: opts.thresholds,
      override: override && RAGS.includes(override.rag) ? override : null,
    });
    return { action, year, latest, result };
  });
}
