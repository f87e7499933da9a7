import { formatUkDate } from './dates.ts';
import { dayNumber, effectiveDueDate, effectiveStartDate, expectedPercent, type ExpectedProgressInput } from './expected-progress.ts';
import { isClosedStage, STAGE_LABELS, STAGES, type Stage } from './stages.ts';

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

export interface RagOverride {
  rag: Rag;
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
  /** a reporting period's update window has opened by asOf and this action has no update in that period */
  missedCurrentPeriod: boolean;
  thresholds: RagThresholds;
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
  override: RagOverride | null;
  explanation: string;
}

/** Tolerance for comparing actual % with a threshold × expected % (0.9 × 99 is 89.10000000000001). */
const EPSILON = 1e-9;

const pct = (n: number): string => `${Math.round(n)}%`;

/**
 * Assesses an action's RAG on `asOf`. Rules, first match wins:
 *  1. latest stage complete → complete;
 *  2. latest stage carried over, deferred or cancelled → closed;
 *  3. starts after asOf (startDate, default yearStart) and no update says it has started
 *     (no update, or the latest is not_started) → not_due, expected 0;
 *  4. effective due date before asOf → red and overdue;
 *  5. missedCurrentPeriod → not_updated;
 *  6. no update at all → not_updated when some progress is expected, else not_due;
 *  7. compare actual % (not_started with no % counts as 0) with expected %:
 *     no % recorded → green when ongoing, amber when in progress;
 *     nothing expected → green; else green at ≥ green × expected, amber at ≥ amber × expected, else red.
 * An override replaces `rag` (and leads the explanation); `computed` keeps the rules' answer.
 *
 * Throws a plain Error on malformed dates, invalid thresholds, or an override without a reason or
 * with an unknown RAG: the service validates these first.
 */
export function assessRag(input: RagInput): RagResult {
  for (const d of [input.asOf, input.yearStart, input.yearEnd, input.startDate, input.dueDate, input.revisedDueDate]) {
    if (d !== null) dayNumber(d);
  }
  if (!validThresholds(input.thresholds)) {
    throw new Error(`RAG thresholds must satisfy 0 < amber < green ≤ 1 (got green ${input.thresholds.green}, amber ${input.thresholds.amber})`);
  }
  if (input.override) {
    if (!isRag(input.override.rag)) throw new Error(`Unknown RAG in override: ${String(input.override.rag)}`);
    if (!input.override.reason.trim()) throw new Error('A RAG override needs a reason');
  }

  const c = computeRag(input);
  const base = {
    computed: c.rag,
    stage: input.latest?.stage ?? 'not_started',
    percentComplete: input.latest?.percentComplete ?? null,
    expectedPercent: c.expected,
    overdue: c.overdue,
    override: input.override,
  } satisfies Omit<RagResult, 'rag' | 'explanation'>;
  if (!input.override) return { ...base, rag: c.rag, explanation: c.explanation };

  const o = input.override;
  const reason = o.reason.trim().replace(/\s+/gu, ' ');
  const stop = /[.!?]$/u.test(reason) ? '' : '.';
  const how = o.rag === c.rag ? 'confirmed by override' : `overridden from ${RAG_LABELS[c.rag]}`;
  return { ...base, rag: o.rag, explanation: `${RAG_LABELS[o.rag]} (${how}): ${reason}${stop} ${c.explanation}` };
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

  // 4. Past due and not complete.
  if (dayNumber(due) < dayNumber(asOf)) {
    const state = !latest
      ? 'no progress update recorded'
      : recorded !== null
        ? `${pct(recorded)} complete`
        : stage === 'not_started'
          ? 'not started'
          : 'no % complete recorded';
    return { rag: 'red', expected, overdue: true, explanation: `Red: overdue – due ${formatUkDate(due)} and ${state}.` };
  }

  // 5. No update in the current period.
  if (input.missedCurrentPeriod) {
    const lastKnown = !latest
      ? 'none recorded before'
      : recorded !== null
        ? `last known ${pct(recorded)} complete`
        : `last known status ${STAGE_LABELS[latest.stage].toLowerCase()}`;
    return { rag: 'not_updated', expected, overdue: false, explanation: `Not updated: no progress update this period; ${lastKnown}.` };
  }

  const by = `by ${formatUkDate(asOf)} (${input.kind === 'ongoing' ? `year ends ${formatUkDate(input.yearEnd)}` : `due ${formatUkDate(due)}`})`;

  // 6. No update at all.
  if (!latest) {
    return expected > 0
      ? { rag: 'not_updated', expected, overdue: false, explanation: `Not updated: no progress update recorded; ${pct(expected)} expected ${by}.` }
      : { rag: 'not_due', expected, overdue: false, explanation: `Not due yet: no progress expected ${by}.` };
  }

  // 7. Compare actual with expected.
  const actual = recorded ?? (latest.stage === 'not_started' ? 0 : null);
  if (actual === null) {
    return latest.stage === 'ongoing'
      ? { rag: 'green', expected, overdue: false, explanation: 'Green: ongoing, delivered at a constant rate; no % complete recorded.' }
      : { rag: 'amber', expected, overdue: false, explanation: `Amber: in progress but no % complete recorded; ${pct(expected)} expected ${by}.` };
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
  const byStage = Object.fromEntries([...STAGES, 'no_update'].map((k) => [k, 0])) as Record<Stage | 'no_update', number>;
  const byRag = Object.fromEntries(RAGS.map((k) => [k, 0])) as Record<Rag, number>;
  let weighted = 0;
  let weights = 0;
  for (const item of items) {
    byStage[item.stage ?? 'no_update'] += 1;
    byRag[item.rag] += 1;
    const w = item.weight ?? 1;
    if (!Number.isFinite(w) || w < 0) throw new Error(`A rollup weight must be a finite number ≥ 0 (got ${w})`);
    if (item.percentComplete !== null) {
      weighted += w * item.percentComplete;
      weights += w;
    }
  }
  return {
    total: items.length,
    byStage,
    byRag,
    meanPercent: weights > 0 ? Math.round((weighted / weights) * 10) / 10 : null,
  };
}
