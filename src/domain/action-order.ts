import type { Rag } from './rag.ts';

// The orders the action list can be sorted in. Every sort is stable: actions that tie keep the
// list's own order (year, service, objective, position in the plan), so a sorted list is the same
// every time it is shown. Actions with nothing to sort by (no due date, no lead officer, no light)
// come last in either direction.

export const SORT_KEYS = ['code', 'title', 'due', 'light', 'lead'] as const;
export type SortKey = (typeof SORT_KEYS)[number];
export const SORT_DIRECTIONS = ['asc', 'desc'] as const;
export type SortDirection = (typeof SORT_DIRECTIONS)[number];

/**
 * Lights from worst to best, the order "ascending" gives: red, then not updated (a missed update is
 * a fact to chase, like red), amber, green; then those not judged against progress: not due yet,
 * complete, closed. Never the words' alphabetical order (amber, green, red).
 */
export const LIGHT_ORDER: readonly Rag[] = ['red', 'not_updated', 'amber', 'green', 'not_due', 'complete', 'closed'];

export interface SortFacts {
  code: string;
  title: string;
  /** The effective due date (the revised one where there is one), ISO; null when none. */
  dueDate: string | null;
  light: Rag | null;
  /** The first lead officer's name; null when none. */
  lead: string | null;
}

const collator = new Intl.Collator('en-GB', { sensitivity: 'base', numeric: true });

/** Compares two present values of a key, ascending. */
function compare(key: SortKey, a: SortFacts, b: SortFacts): number {
  switch (key) {
    case 'code':
      return collator.compare(a.code, b.code);
    case 'title':
      return collator.compare(a.title, b.title);
    case 'due':
      return a.dueDate! < b.dueDate! ? -1 : a.dueDate! > b.dueDate! ? 1 : 0;
    case 'light':
      return LIGHT_ORDER.indexOf(a.light!) - LIGHT_ORDER.indexOf(b.light!);
    case 'lead':
      return collator.compare(a.lead!, b.lead!);
  }
}

const missing = (key: SortKey, f: SortFacts): boolean => (key === 'due' ? f.dueDate === null : key === 'light' ? f.light === null : key === 'lead' ? f.lead === null || f.lead === '' : false);

/** A new array of the rows in the order asked for; ties keep the order they came in. */
export function sortActions<T>(rows: readonly T[], key: SortKey, direction: SortDirection, facts: (row: T) => SortFacts): T[] {
  const sign = direction === 'asc' ? 1 : -1;
  const keyed = rows.map((row, index) => ({ row, index, f: facts(row) }));
  keyed.sort((x, y) => {
    const mx = missing(key, x.f);
    const my = missing(key, y.f);
    if (mx || my) return mx && my ? x.index - y.index : mx ? 1 : -1;
    return sign * compare(key, x.f, y.f) || x.index - y.index;
  });
  return keyed.map((k) => k.row);
}
