// Canonical stages of an action, and the status words councils use for them.
//
// Status says where an action is; RAG (rag.ts) says whether that is good enough. Each council may
// configure its own status words (the words officers type or import, e.g. "ON TRACK"), and each word
// maps onto one of the fixed canonical stages below.

export const STAGES = ['not_started', 'in_progress', 'ongoing', 'complete', 'carried_over', 'deferred', 'cancelled'] as const;
export type Stage = (typeof STAGES)[number];

export const STAGE_LABELS: Record<Stage, string> = {
  not_started: 'Not started',
  in_progress: 'In progress',
  ongoing: 'Ongoing',
  complete: 'Complete',
  carried_over: 'Carried over',
  deferred: 'Deferred',
  cancelled: 'Cancelled',
};

/** Stages that end an action without completing it: it is no longer assessed against expected progress. */
export const CLOSED_STAGES: readonly Stage[] = ['carried_over', 'deferred', 'cancelled'];

export function isStage(value: unknown): value is Stage {
  return typeof value === 'string' && (STAGES as readonly string[]).includes(value);
}

export function isClosedStage(stage: Stage): boolean {
  return CLOSED_STAGES.includes(stage);
}

/** A council's word for a status (as typed or imported) and the canonical stage it means. */
export interface StatusWord {
  word: string;
  stage: Stage;
}

export const DEFAULT_STATUS_WORDS: StatusWord[] = [
  { word: 'COMPLETE', stage: 'complete' },
  { word: 'COMPLETED', stage: 'complete' },
  { word: 'IN PROGRESS', stage: 'in_progress' },
  { word: 'ON TRACK', stage: 'in_progress' },
  { word: 'ONGOING', stage: 'ongoing' },
  { word: 'NOT YET STARTED', stage: 'not_started' },
  { word: 'YET TO START', stage: 'not_started' },
  { word: 'NOT STARTED', stage: 'not_started' },
  { word: 'CARRIED OVER', stage: 'carried_over' },
  { word: 'ON HOLD', stage: 'deferred' },
  { word: 'DEFERRED', stage: 'deferred' },
  { word: 'CANCELLED', stage: 'cancelled' },
];

const TRAILING_PUNCTUATION = /[\s.,;:!?\-–—]+$/u;

/**
 * The comparable form of a status word: trimmed, internal whitespace (including non-breaking
 * spaces) collapsed to one space, upper-cased, and trailing punctuation (. , ; : ! ? and dashes)
 * removed. "  on   track. " → "ON TRACK".
 */
export function normaliseStatusWord(s: string): string {
  return s.trim().replace(/\s+/gu, ' ').toUpperCase().replace(TRAILING_PUNCTUATION, '');
}

/**
 * Finds the vocabulary word an input means, ignoring case, spacing and trailing punctuation.
 *
 * 1. An exact match (after normalising both sides) wins; the first such word in the vocabulary.
 * 2. Otherwise a word followed by " TO " and anything else matches, so "Carried over to 2019/20"
 *    and "Deferred to next year" find CARRIED OVER and DEFERRED. This applies to every word; when
 *    several words qualify the longest wins (so the most specific word is chosen).
 *
 * Returns undefined for blank input or when nothing matches.
 */
export function findStatusWord(vocabulary: readonly StatusWord[], input: string): StatusWord | undefined {
  const wanted = normaliseStatusWord(input);
  if (!wanted) return undefined;
  const exact = vocabulary.find((w) => normaliseStatusWord(w.word) === wanted);
  if (exact) return exact;
  let best: StatusWord | undefined;
  let bestLength = 0;
  for (const w of vocabulary) {
    const word = normaliseStatusWord(w.word);
    if (word && wanted.startsWith(`${word} TO `) && word.length > bestLength) {
      best = w;
      bestLength = word.length;
    }
  }
  return best;
}
