import { formatUkDate } from './dates.ts';
import { RAG_LABELS, RAGS, type Rag } from './rag.ts';
import type { TimelinePeriod } from './update-timeline.ts';

// "Change since last quarter": an action's traffic light and % complete now against the end of
// the previous reporting period, and a plan's actions counted by how they moved. Pure: the service
// works out both positions (src/services/positions.ts) and hands them in.
//
// "Last quarter" is the plan year's latest reporting period that ended before the as-at date (a
// quarter, a half or a custom period, whatever the council set up). As at the last day of a period
// it is the period before: on 30 September the change is since the end of June, not since today.

/** A light and the % complete recorded with it (null when none was). */
export interface LightSnapshot {
  rag: Rag;
  percentComplete: number | null;
}

/** The period a change is measured from. */
export interface SincePeriod {
  label: string;
  endDate: string;
}

export type ChangeKind = 'improved' | 'worsened' | 'same' | 'new' | 'changed';

export const CHANGE_KINDS: readonly ChangeKind[] = ['improved', 'worsened', 'same', 'new', 'changed'];

export const CHANGE_LABELS: Record<ChangeKind, string> = {
  improved: 'Improved',
  worsened: 'Worsened',
  same: 'Same light',
  new: 'New (started since then)',
  changed: 'Changed (closed, or not due yet)',
};

export interface LightChange {
  kind: ChangeKind;
  /** Null for an action that is new since the period ended (it had not started by then). */
  then: LightSnapshot | null;
  now: LightSnapshot;
  since: SincePeriod;
  /** One sentence for the action page, e.g. "Improved: Amber (40%) → Green (60%) since the end of Quarter 1 (30 June 2026)." */
  text: string;
  /** A few words for a table cell, e.g. "Improved since Quarter 1: was Amber (40%)". */
  brief: string;
}

/**
 * Better is higher. Red is worst; "not updated" comes next (a missed deadline is an exception, as on
 * the exceptions page, worse than being a little behind); then amber, green, complete. "Not due
 * yet" and "closed" (carried over, deferred, cancelled) are neither better nor worse than a
 * judgement, so a move to or from them is "changed", not improved or worsened.
 */
export const LIGHT_RANK: Partial<Record<Rag, number>> = { red: 0, not_updated: 1, amber: 2, green: 3, complete: 4 };

/** "Amber (40%)", or just "Amber" when no % was recorded. */
export function lightText(s: LightSnapshot): string {
  return s.percentComplete === null ? RAG_LABELS[s.rag] : `${RAG_LABELS[s.rag]} (${s.percentComplete}%)`;
}

/**
 * The reporting period to compare with as at `asOf`: the latest of the year's periods that ended
 * strictly before asOf; null when none has (the first period of the year, or a year without periods).
 */
export function previousPeriod(periods: readonly TimelinePeriod[], asOf: string): TimelinePeriod | null {
  return [...periods].filter((p) => p.endDate < asOf).sort((a, b) => a.endDate.localeCompare(b.endDate) || a.position - b.position).at(-1) ?? null;
}

/**
 * How an action moved between the end of `since` and now. `startDate` is when the action starts
 * (its start date, or the year start): one that started after the period ended, and by `asOf`, is
 * new — it had nothing to report then. Otherwise compare the lights by LIGHT_RANK: higher is
 * improved, lower worsened, the same light is "same" (the % may still have moved, and is told),
 * and a move to or from an unranked light (not due yet, closed) is "changed".
 */
export function compareLights(input: { then: LightSnapshot; now: LightSnapshot; since: SincePeriod; startDate: string; asOf: string }): LightChange {
  const { now, since } = input;
  const sinceText = `since the end of ${since.label} (${formatUkDate(since.endDate)})`;
  const short = `since ${since.label}`;
  if (input.startDate > since.endDate && input.startDate <= input.asOf) {
    return {
      kind: 'new',
      then: null,
      now,
      since,
      text: `New ${sinceText}: it started on ${formatUkDate(input.startDate)}. Now ${lightText(now)}.`,
      brief: `New ${short}`,
    };
  }
  const then = input.then;
  const base = { then, now, since };
  if (then.rag === now.rag) {
    if (then.percentComplete === now.percentComplete) {
      return { ...base, kind: 'same', text: `No change ${sinceText}: ${lightText(now)}.`, brief: `No change ${short}` };
    }
    const pct = (p: number | null) => (p === null ? 'no %' : `${p}%`);
    return {
      ...base,
      kind: 'same',
      text: `Still ${RAG_LABELS[now.rag]} ${sinceText}: ${pct(then.percentComplete)} → ${pct(now.percentComplete)} complete.`,
      brief: `Still ${RAG_LABELS[now.rag]} ${short}: was ${pct(then.percentComplete)}`,
    };
  }
  const [a, b] = [LIGHT_RANK[then.rag], LIGHT_RANK[now.rag]];
  const kind: ChangeKind = a === undefined || b === undefined ? 'changed' : b > a ? 'improved' : 'worsened';
  const word = kind === 'improved' ? 'Improved' : kind === 'worsened' ? 'Worsened' : 'Changed';
  return { ...base, kind, text: `${word}: ${lightText(then)} → ${lightText(now)} ${sinceText}.`, brief: `${word} ${short}: was ${lightText(then)}` };
}

/**
 * The words for an action's row in a plan table: only what moved. An action whose light and % are
 * both as they were says nothing there (a table of "No change" would hide the few that did move);
 * the plan's scorecard counts it, and its own page still says so.
 */
export function tableBrief(c: Pick<LightChange, 'kind' | 'then' | 'now' | 'brief'>): string | null {
  const unchanged = c.kind === 'same' && c.then !== null && c.then.percentComplete === c.now.percentComplete;
  return unchanged ? null : c.brief;
}

export interface ChangeSummary {
  since: SincePeriod;
  /** How many actions moved each way. */
  byKind: Record<ChangeKind, number>;
  /** Actions by light at the end of the period (a new action counts as not due yet then) and now. */
  thenByRag: Record<Rag, number>;
  nowByRag: Record<Rag, number>;
}

/** Counts a plan's changes: how many improved, worsened, … and the lights then and now. */
export function summariseChanges(since: SincePeriod, changes: readonly Pick<LightChange, 'kind' | 'then' | 'now'>[]): ChangeSummary {
  const byKind = Object.fromEntries(CHANGE_KINDS.map((k) => [k, 0])) as Record<ChangeKind, number>;
  const thenByRag = countByRag([]);
  const nowByRag = countByRag([]);
  for (const c of changes) {
    byKind[c.kind] += 1;
    thenByRag[c.then?.rag ?? 'not_due'] += 1;
    nowByRag[c.now.rag] += 1;
  }
  return { since, byKind, thenByRag, nowByRag };
}

/** Every light with how many of `rags` have it (zeros included). */
export function countByRag(rags: readonly Rag[]): Record<Rag, number> {
  const out = Object.fromEntries(RAGS.map((k) => [k, 0])) as Record<Rag, number>;
  for (const r of rags) out[r] += 1;
  return out;
}

/** The order to list lights from worst to best, for compact counts: red, not updated, amber, green, complete, then not due yet and closed. */
export const LIGHTS_WORST_FIRST: readonly Rag[] = ['red', 'not_updated', 'amber', 'green', 'complete', 'not_due', 'closed'];

const SUMMARY_WORDS: Record<ChangeKind, string> = {
  improved: 'improved',
  worsened: 'worsened',
  same: 'the same light',
  new: 'new since then',
  changed: 'changed to or from closed or not due yet',
};

/** "2 improved, 1 worsened, 9 the same light": the kinds that happened, in a fixed order; "No actions" when none. */
export function changeSummaryText(summary: Pick<ChangeSummary, 'byKind'>): string {
  const parts = CHANGE_KINDS.filter((k) => summary.byKind[k] > 0).map((k) => `${summary.byKind[k]} ${SUMMARY_WORDS[k]}`);
  return parts.length ? parts.join(', ') : 'No actions';
}
