import { LIGHT_ORDER } from './action-order.ts';
import { RAG_LABELS, type Rag } from './rag.ts';

// A plan's scorecard: how many of its actions show each traffic light, and how many are overdue or
// not updated, as at a date. Overdue actions are red as well (overdue is a fact shown beside the
// light), so "overdue" counts some of the red ones again; "not updated" is a light of its own.

export interface Scorecard {
  total: number;
  /** Every light, worst first (red, not updated, amber, green, not due yet, complete, closed), with its count. */
  byLight: { rag: Rag; count: number }[];
  overdue: number;
  notUpdated: number;
}

export function scorecard(results: readonly { rag: Rag; overdue: boolean }[]): Scorecard {
  return {
    total: results.length,
    byLight: LIGHT_ORDER.map((rag) => ({ rag, count: results.filter((r) => r.rag === rag).length })),
    overdue: results.filter((r) => r.overdue).length,
    notUpdated: results.filter((r) => r.rag === 'not_updated').length,
  };
}

/** The lights in words, worst first, leaving out those with none: "2 red, 1 amber, 9 green". */
export function lightSummary(card: Scorecard): string {
  if (card.total === 0) return 'No actions';
  return card.byLight
    .filter((l) => l.count > 0)
    .map((l) => `${l.count} ${RAG_LABELS[l.rag].toLowerCase()}`)
    .join(', ');
}
