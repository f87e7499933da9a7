import { addDays } from './dates.ts';

// Which progress updates speak for an action "as at D, as known on K", and whether it missed an
// update that was due (DESIGN §4). Pure: the service hands in rows, this picks.
//
// Every update carries two dates: the date it reports on (its as-at date) and the moment it was
// recorded. Councils collect a period's updates in the weeks after the period ends, so:
//   - the position as at D uses the updates reporting on D or earlier, as known now; "as known on
//     K" keeps only what had been recorded by the end of day K (corrections included);
//   - "not updated" is judged only once a deadline has passed: take the latest reporting period
//     that ended on or before D and whose update deadline (due date plus grace) had passed by K; an
//     action that had started by that period's end and has no update reporting on a date in that
//     period or later (up to D) missed it. Before the deadline the last update stands.

export interface TimelineUpdate {
  id: number;
  /** The date the update reports on (YYYY-MM-DD). */
  asAt: string;
  /** When it was recorded (an ISO timestamp). */
  recordedAt: string;
  /** The update this one corrects, if it is a correction. */
  correctsId: number | null;
  /** The reporting period it was filed against. */
  periodId: number | null;
}

export interface TimelinePeriod {
  id: number;
  /** 1, 2, 3 … in the order of the year. */
  position: number;
  label: string;
  startDate: string;
  endDate: string;
  /** Updates are due by this date; without one, by the period's end. */
  dueOn: string | null;
  /** Days after the due date that updates are still taken (the period's own, or the council's). */
  graceDays: number;
}

/** A period an update was, or is, due for. */
export interface DuePeriod {
  /** The reporting period's id (0 for a year without periods, taken as one). */
  id: number;
  label: string;
  /** The date updates are due by (before grace). */
  dueOn: string;
  /** The last day updates are taken: the due date plus grace. */
  lastDay: string;
}

/** The last day updates for a period are taken: its due date (or end) plus grace. */
export function deadlineOf(p: TimelinePeriod): string {
  return addDays(p.dueOn ?? p.endDate, p.graceDays);
}

/** A period's deadline had passed by the end of `knownOn` only if knownOn is after its last day. */
export function deadlinePassed(p: TimelinePeriod, knownOn: string): boolean {
  return knownOn > deadlineOf(p);
}

/**
 * The versions that stand, as known before `knownBefore` (an exclusive ISO instant; all when
 * undefined): updates recorded by then, each replaced by its latest correction recorded by then.
 * A correction is the whole truth about what it corrects, its as-at date included.
 */
export function standingUpdates<T extends TimelineUpdate>(updates: readonly T[], knownBefore?: string): T[] {
  const known = knownBefore === undefined ? [...updates] : updates.filter((u) => u.recordedAt < knownBefore);
  const corrected = new Set(known.map((u) => u.correctsId).filter((x): x is number => x !== null));
  return known.filter((u) => !corrected.has(u.id));
}

/** Latest first: the later as-at date, then the later recording, then the higher id. */
function later(a: TimelineUpdate, b: TimelineUpdate): number {
  return b.asAt.localeCompare(a.asAt) || b.recordedAt.localeCompare(a.recordedAt) || b.id - a.id;
}

/** The update that speaks for the action as at `asOf`: the standing one reporting on the latest date up to asOf. */
export function latestAsAt<T extends TimelineUpdate>(standing: readonly T[], asOf: string): T | null {
  return standing.filter((u) => u.asAt <= asOf).sort(later)[0] ?? null;
}

/** The reporting period whose update is judged as at `asOf`: the latest that ended by then and whose deadline had passed by `knownOn`. */
export function periodToJudge(periods: readonly TimelinePeriod[], asOf: string, knownOn: string): TimelinePeriod | null {
  return byPosition(periods).filter((p) => p.endDate <= asOf && deadlinePassed(p, knownOn)).at(-1) ?? null;
}

/**
 * Whether an update reports for `period`: it reports on a date in the period or later, or it was
 * filed against the period or a later one (an update filed for a quarter a day before it began is
 * still that quarter's update).
 */
export function reportsFor(u: TimelineUpdate, period: TimelinePeriod, periods: readonly TimelinePeriod[]): boolean {
  if (u.asAt >= period.startDate) return true;
  const filed = periods.find((p) => p.id === u.periodId);
  return filed !== undefined && filed.position >= period.position;
}

export interface UpdateDue {
  /** The period whose deadline passed with no update from this action (it is "not updated"); null when none. */
  missed: DuePeriod | null;
  /** The next period the action owes an update for, with its due date; null when none is owed. */
  next: DuePeriod | null;
}

/**
 * Whether an action missed the update judged as at `asOf` known on `knownOn`, and which update it
 * owes next. `standing` are its standing updates (standingUpdates); `startDate` is when it starts
 * (its start date, or the year start). An action that had not started by a period's end owes
 * nothing for it.
 */
export function updateDue(
  periods: readonly TimelinePeriod[],
  standing: readonly TimelineUpdate[],
  startDate: string,
  asOf: string,
  knownOn: string,
): UpdateDue {
  const ordered = byPosition(periods);
  const reported = standing.filter((u) => u.asAt <= asOf);
  const owes = (p: TimelinePeriod) => startDate <= p.endDate && !reported.some((u) => reportsFor(u, p, ordered));
  const judged = periodToJudge(ordered, asOf, knownOn);
  const missed = judged && owes(judged) ? judged : null;
  const next = ordered.find((p) => (judged === null || p.position > judged.position) && owes(p)) ?? null;
  return { missed: missed && duePeriod(missed), next: next && duePeriod(next) };
}

function duePeriod(p: TimelinePeriod): DuePeriod {
  return { id: p.id, label: p.label, dueOn: p.dueOn ?? p.endDate, lastDay: deadlineOf(p) };
}

function byPosition(periods: readonly TimelinePeriod[]): TimelinePeriod[] {
  return [...periods].sort((a, b) => a.position - b.position);
}
