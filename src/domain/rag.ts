import { formatUkDate } from './dates.ts';
import { dayNumber, effectiveDueDate, effectiveStartDate, expectedPercent, type ExpectedProgressInput } from './expected-progress.ts';
import { isClosedStage, STAGE_LABELS, STAGES, type Stage } from './stages.ts';
import type { DuePeriod } from './update-timeline.ts';

// RAG (red / amber / green) for actions: whether progress is good enough, with a one-line
// explanation a councillor can read. Status (stages.ts) says where an action is; RAG judges it.

export const RAGS = ['green', 'amber', 'red', 'complete', 'closed', 'not_updated', 'not_due'] as const;
export type Rag = (typeof RAGS)[number];

export const RAG_LABELS: Record<Rag, string> = {
  green: 'Green',
  amber: 'Amber',
  red: 'Red',
  complete: 'Complete',
  closed: 'Closed',
  not_updated: 'Not updated',
  not_due: 'Not due yet',
};

/**
 * A text symbol for each RAG, so colour is never the only signal. Each has a distinct shape:
 * green ✔ (tick), amber ▲ (warning triangle), red ✖ (cross), complete ★ (star), closed ■ (filled
 * square), not updated ? (question mark), not due ○ (empty circle). Show it beside the word, never
 * instead of it (it is decorative: aria-hidden in pages).
 */
export const RAG_SYMBOLS: Record<Rag, string> = {
  green: '✔',
  amber: '▲',
  red: '✖',
  complete: '★',
  closed: '■',
  not_updated: '?',
  not_due: '○',
};

export function isRag(value: unknown): value is Rag {
  return typeof value === 'string' && (RAGS as readonly string[]).includes(value);
}

/** Green at ≥ green × expected, amber at ≥ amber × expected, red below. */
export interface RagThresholds {
  green: number;
  amber: number;
}

export const DEFAULT_THRESHOLDS: RagThresholds = { green: 0.9, amber: 0.7 };

/** 0 < amber < green ≤ 1 (both finite numbers). */
export function validThresholds(t: RagThresholds): boolean {
  return Number.isFinite(t.green) && Number.isFinite(t.amber) && t.amber > 0 && t.amber < t.green && t.green <= 1;
}

/** The lights an officer may override to: overrides are judgements about green, amber and red only. */
export const OVERRIDE_RAGS = ['green', 'amber', 'red'] as const;
export type OverrideRag = (typeof OVERRIDE_RAGS)[number];

export function isOverrideRag(value: unknown): value is OverrideRag {
  return typeof value === 'string' && (OVERRIDE_RAGS as readonly string[]).includes(value);
}

/** An override belongs to the update it was given with: pass the latest update's, never an older one's. */
export interface RagOverride {
  rag: OverrideRag;
  reason: string;
}

export interface LatestUpdate {
  stage: Stage;
  percentComplete: number | null;
  /** The date (or timestamp) the update speaks for. */
  asAt: string;
}

/** An action's dates and kind (what expected progress needs) with its latest update and the council's rules. */
export interface RagInput extends ExpectedProgressInput {
  latest: LatestUpdate | null;
  /** The period whose update deadline passed with no update from this action (update-timeline.ts updateDue); null when none. */
  missed: DuePeriod | null;
  /** The next update the action owes, for the "not due yet" explanation; null when none. */
  nextDue: DuePeriod | null;
  thresholds: RagThresholds;
  /** The latest update's override, if it has one. */
  override: RagOverride | null;
}

export interface RagResult {
  /** effective, after any override */
  rag: Rag;
  /** what the rules give, whatever the override */
  computed: Rag;
  /** the latest update's stage, or not_started when there is none */
  stage: Stage;
  /** as recorded in the latest update (null when none was recorded) */
  percentComplete: number | null;
  /** null for complete and closed actions, which are not compared with expected progress */
  expectedPercent: number | null;
  overdue: boolean;
  /**
   * The latest update's override when it bears on this light: applied (`overrideApplied`) to a
   * green, amber or red judgement; shown beside, not applied, when the fact is "overdue" or "not
   * updated". Null for complete, closed and not-due actions, where a judgement has nothing to say.
   */
  override: RagOverride | null;
  overrideApplied: boolean;
  explanation: string;
}

/** Tolerance for comparing actual % with a threshold × expected % (0.9 × 99 is 89.10000000000001). */
const EPSILON = 1e-9;

const pct = (n: number): string => `${Math.round(n)}%`;

/**
 * Assesses an action's RAG on `asOf` (DESIGN §4). Rules, first match wins:
 *  1. latest stage complete → complete;
 *  2. latest stage carried over, deferred or cancelled → closed;
 *  3. starts after asOf (startDate, default yearStart) and no update says it has started
 *     (no update, or the latest is not_started) → not_due, expected 0;
 *  4. a one-off or milestone past its effective due date → red and overdue (an ongoing action is
 *     never overdue: after its span it is judged at 100% expected);
 *  5. `missed` (a period's deadline passed with no update from it) → not_updated;
 *  6. no update at all, and none was due yet → not_due ("first update due by …");
 *  7. compare actual % (not_started with no % counts as 0) with expected %:
 *     no % recorded → green for an ongoing action reported as ongoing; otherwise green while
 *     nothing is expected yet, else amber;
 *     nothing expected → green; else green at ≥ green × expected, amber at ≥ amber × expected, else red.
 * An override replaces a green, amber or red `rag` (and leads the explanation); `computed` keeps
 * the rules' answer. It never hides overdue or not updated: those stand, with the override and its
 * reason told beside them.
 *
 * Throws a plain Error on malformed dates, invalid thresholds, or an override without a reason or
 * with a light other than green, amber or red: the service validates these first.
 */
export function assessRag(input: RagInput): RagResult {
  for (const d of [input.asOf, input.yearStart, input.yearEnd, input.startDate, input.dueDate, input.revisedDueDate]) {
    if (d !== null) dayNumber(d);
  }
  if (!validThresholds(input.thresholds)) {
    throw new Error(`RAG thresholds must satisfy 0 < amber < green ≤ 1 (got green ${input.thresholds.green}, amber ${input.thresholds.amber})`);
  }
  if (input.override) {
    if (!isOverrideRag(input.override.rag)) throw new Error(`An override must be green, amber or red (got ${String(input.override.rag)})`);
    if (!input.override.reason.trim()) throw new Error('A RAG override needs a reason');
  }

  const c = computeRag(input);
  const base = {
    computed: c.rag,
    stage: input.latest?.stage ?? 'not_started',
    percentComplete: input.latest?.percentComplete ?? null,
    expectedPercent: c.expected,
    overdue: c.overdue,
  } satisfies Omit<RagResult, 'rag' | 'explanation' | 'override' | 'overrideApplied'>;
  const o = input.override;
  const judged = c.rag === 'green' || c.rag === 'amber' || c.rag === 'red';
  if (!o || !(judged || c.rag === 'not_updated')) return { ...base, rag: c.rag, override: null, overrideApplied: false, explanation: c.explanation };

  const reason = sentence(o.reason);
  if (c.rag === 'not_updated') {
    return { ...base, rag: c.rag, override: o, overrideApplied: false, explanation: `${c.explanation} The override to ${RAG_LABELS[o.rag]} given with the last update lapsed with the missed update (it said: ${reason.replace(/[.!?]$/u, '')}).` };
  }
  if (c.overdue) {
    return { ...base, rag: c.rag, override: o, overrideApplied: false, explanation: `${c.explanation} An override to ${RAG_LABELS[o.rag]} does not hide that it is overdue: ${reason}` };
  }
  const how = o.rag === c.rag ? 'confirmed by override' : `overridden from ${RAG_LABELS[c.rag]}`;
  return { ...base, rag: o.rag, override: o, overrideApplied: true, explanation: `${RAG_LABELS[o.rag]} (${how}): ${reason} ${c.explanation}` };
}

/** Collapses spaces and ends with a full stop. */
function sentence(text: string): string {
  const t = text.trim().replace(/\s+/gu, ' ');
  return /[.!?]$/u.test(t) ? t : `${t}.`;
}

interface Computed {
  rag: Rag;
  expected: number | null;
  overdue: boolean;
  explanation: string;
}

function computeRag(input: RagInput): Computed {
  const { latest, asOf } = input;
  const stage = latest?.stage;

  // 1. Complete.
  if (stage === 'complete') {
    const when = latest?.asAt ? formatUkDate(latest.asAt) : '';
    return { rag: 'complete', expected: null, overdue: false, explanation: when ? `Complete as at ${when}.` : 'Complete.' };
  }

  // 2. Closed without completing.
  if (stage !== undefined && isClosedStage(stage)) {
    return { rag: 'closed', expected: null, overdue: false, explanation: `Closed: ${STAGE_LABELS[stage].toLowerCase()}.` };
  }

  // 3. Not started yet, and not due to have.
  const start = effectiveStartDate(input);
  if (dayNumber(start) > dayNumber(asOf) && (stage === undefined || stage === 'not_started')) {
    return { rag: 'not_due', expected: 0, overdue: false, explanation: `Not due yet: starts ${formatUkDate(start)}.` };
  }

  const expected = expectedPercent(input);
  const due = effectiveDueDate(input);
  const recorded = latest?.percentComplete ?? null;
  const lastKnown = !latest
    ? 'no progress update recorded'
    : recorded !== null
      ? `${pct(recorded)} complete`
      : stage === 'not_started'
        ? 'not started'
        : `${STAGE_LABELS[latest.stage].toLowerCase()} with no % complete recorded`;

  // 4. A one-off or milestone past its due date and not complete. Ongoing work is never overdue.
  if (input.kind !== 'ongoing' && dayNumber(due) < dayNumber(asOf)) {
    return { rag: 'red', expected, overdue: true, explanation: `Red: overdue – due ${formatUkDate(due)} and ${lastKnown}.` };
  }

  // 5. An update was due and did not come.
  if (input.missed) {
    const m = input.missed;
    const known = latest ? `last known: ${lastKnown}, as at ${formatUkDate(latest.asAt)}` : 'none recorded before';
    return { rag: 'not_updated', expected, overdue: false, explanation: `Not updated: no progress update for ${m.label}, due by ${formatUkDate(m.dueOn)}; ${known}.` };
  }

  const by = `by ${formatUkDate(asOf)} (${input.kind === 'ongoing' ? `runs to ${formatUkDate(due < input.yearEnd ? due : input.yearEnd)}` : `due ${formatUkDate(due)}`})`;

  // 6. No update at all, and none due yet: the last word (there is none) stands until the deadline.
  if (!latest) {
    const n = input.nextDue;
    const next = !n
      ? 'no progress update is due yet'
      : n.dueOn < asOf
        ? `the first progress update was due by ${formatUkDate(n.dueOn)} (${n.label}) and is taken until ${formatUkDate(n.lastDay)}`
        : `the first progress update is due by ${formatUkDate(n.dueOn)} (${n.label})`;
    return { rag: 'not_due', expected, overdue: false, explanation: `Not due yet: ${next}.` };
  }

  // 7. Compare actual with expected.
  const actual = recorded ?? (latest.stage === 'not_started' ? 0 : null);
  if (actual === null) {
    if (input.kind === 'ongoing' && latest.stage === 'ongoing') {
      return { rag: 'green', expected, overdue: false, explanation: 'Green: ongoing work reported as ongoing, delivered at a constant rate; no % complete recorded.' };
    }
    if (expected === 0) return { rag: 'green', expected, overdue: false, explanation: `Green: no % complete recorded, and none expected ${by}.` };
    return { rag: 'amber', expected, overdue: false, explanation: `Amber: reported as ${STAGE_LABELS[latest.stage].toLowerCase()} but no % complete recorded; ${pct(expected)} expected ${by}.` };
  }
  const { green, amber } = input.thresholds;
  const rag: Rag =
    expected === 0 || actual + EPSILON >= green * expected ? 'green' : actual + EPSILON >= amber * expected ? 'amber' : 'red';
  return { rag, expected, overdue: false, explanation: `${RAG_LABELS[rag]}: ${pct(actual)} complete against ${pct(expected)} expected ${by}.` };
}

export interface RollupItem {
  stage: Stage | null;
  rag: Rag;
  percentComplete: number | null;
  /** relative weight in the mean % complete; default 1 */
  weight?: number;
}

export interface Rollup {
  total: number;
  byStage: Record<Stage | 'no_update', number>;
  byRag: Record<Rag, number>;
  /** weighted mean % complete over the items that have a %, rounded to 1 decimal; null when none do (or all weigh 0) */
  meanPercent: number | null;
}

/** Counts items by stage (null stage → no_update) and by RAG, and the weighted mean % complete. Throws on a negative or non-finite weight. */
export function rollup(items: readonly RollupItem[]): Rollup {
  // Counted in Maps and written out once: incrementing a record by a computed key on every item
  // was most of a council overview's roll-ups (a thousand or more items, a dozen roll-ups a page).
  const stages = new Map<Stage | 'no_update', number>();
  const rags = new Map<Rag, number>();
  let weighted = 0;
  let weights = 0;
  for (const item of items) {
    const stage = item.stage ?? 'no_update';
    stages.set(stage, (stages.get(stage) ?? 0) + 1);
    rags.set(item.rag, (rags.get(item.rag) ?? 0) + 1);
    const w = item.weight ?? 1;
    if (!Number.isFinite(w) || w < 0) throw new Error(`A rollup weight must be a finite number ≥ 0 (got ${w})`);
    if (item.percentComplete !== null) {
      weighted += w * item.percentComplete;
      weights += w;
    }
  }
  return {
    total: items.length,
    byStage: Object.fromEntries([...STAGES, 'no_update' as const].map((k) => [k, stages.get(k) ?? 0])) as Record<Stage | 'no_update', number>,
    byRag: Object.fromEntries(RAGS.map((k) => [k, rags.get(k) ?? 0])) as Record<Rag, number>,
    meanPercent: weights > 0 ? Math.round((weighted / weights) * 10) / 10 : null,
  };
}
