import { isIsoDate } from './dates.ts';
import type { ActionKind } from './vocabulary.ts';

// Expected progress: how far through an action we would expect it to be on a given day.
// Dates are ISO calendar dates compared as whole days (UTC, no time zones).
//
//   ongoing    the elapsed share of its own span within the plan year: from its start (startDate,
//              default yearStart; never before yearStart) to its effective due date (default
//              yearEnd; never after yearEnd), counting start..asOf inclusive over the days of the
//              span; 0 before the span, 100 from its last day — so after the year it is judged at 100.
//   one_off    the elapsed share between its start (startDate, default yearStart) and its effective
//              due date (revisedDueDate ?? dueDate ?? yearEnd): 0 on or before the start, 100 from
//              the due date on, linear between. If the due date is not after the start (bad data)
//              the due date wins: 0 before it, 100 from it.
//   milestone  0 before the effective due date, 100 from it.
//
// The result is a whole number 0–100 (Math.round), so it never decreases as asOf moves later.

export interface ExpectedProgressInput {
  asOf: string;
  kind: ActionKind;
  yearStart: string;
  yearEnd: string;
  startDate: string | null;
  dueDate: string | null;
  revisedDueDate: string | null;
}

const DAY_MS = 86_400_000;

/** Whole days since 1970-01-01 for an ISO date. Throws on anything that is not a real ISO date. */
export function dayNumber(iso: string): number {
  if (!isIsoDate(iso)) throw new Error(`Not an ISO date (YYYY-MM-DD): ${JSON.stringify(iso)}`);
  return Date.parse(`${iso}T00:00:00Z`) / DAY_MS;
}

/** The date an action is due: its revised due date, else its due date, else the end of the plan year. */
export function effectiveDueDate(input: Pick<ExpectedProgressInput, 'yearEnd' | 'dueDate' | 'revisedDueDate'>): string {
  return input.revisedDueDate ?? input.dueDate ?? input.yearEnd;
}

/** The date an action starts: its start date, else the start of the plan year. */
export function effectiveStartDate(input: Pick<ExpectedProgressInput, 'yearStart' | 'startDate'>): string {
  return input.startDate ?? input.yearStart;
}

/** An ongoing action's span inside its plan year, as day numbers (a span that ends before it starts is bad data: the end wins). */
function ongoingSpan(input: ExpectedProgressInput): { start: number; end: number } {
  const yearStart = dayNumber(input.yearStart);
  const yearEnd = dayNumber(input.yearEnd);
  const start = Math.max(yearStart, dayNumber(effectiveStartDate(input)));
  const end = Math.min(yearEnd, dayNumber(effectiveDueDate(input)));
  return { start: Math.min(start, end), end };
}

function percent(part: number, whole: number): number {
  return Math.min(100, Math.max(0, Math.round((part / whole) * 100)));
}

/** Expected % complete (a whole number 0–100) on `asOf`. Throws a plain Error on a malformed date. */
export function expectedPercent(input: ExpectedProgressInput): number {
  const asOf = dayNumber(input.asOf);
  switch (input.kind) {
    case 'ongoing': {
      const { start, end } = ongoingSpan(input);
      if (asOf >= end) return 100;
      if (asOf < start) return 0;
      return percent(asOf - start + 1, end - start + 1);
    }
    case 'one_off': {
      const start = dayNumber(effectiveStartDate(input));
      const due = dayNumber(effectiveDueDate(input));
      if (asOf >= due) return 100;
      if (asOf <= start) return 0;
      return percent(asOf - start, due - start);
    }
    case 'milestone': {
      const due = dayNumber(effectiveDueDate(input));
      return asOf >= due ? 100 : 0;
    }
    default: {
      const never: never = input.kind;
      throw new Error(`Unknown action kind: ${String(never)}`);
    }
  }
}
