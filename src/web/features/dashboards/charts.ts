import { chartTable, RAG_SERIES, STAGE_SERIES, stackedBarChart, type ChartSeries, type ChartTable } from '../../../domain/charts.ts';
import { formatUkDate } from '../../../domain/dates.ts';
import type { Rollup } from '../../../domain/rag.ts';
import type { RollupRow } from '../../../services/dashboards.ts';

// Chart view models for the dashboard pages: the accessible SVG and the table of the same numbers
// that sits beside it (DESIGN §5), built from the roll-ups the dashboard service returns.

export interface ChartView {
  id: string;
  title: string;
  description: string;
  /** The chart; null when it would have too many bars to read (the table stands alone). */
  svg: string | null;
  table: ChartTable;
}

/** More bars than this are not drawn: a chart of 61 services is taller than a screen and no easier to read than its table. */
export const MAX_BARS = 20;

/** Stages as the roll-up counts them: actions with no update yet have no stage of their own. */
export const STAGE_CHART_SERIES: ChartSeries[] = [...STAGE_SERIES, { key: 'no_update', label: 'No update yet', colour: '#b1b4b6', pattern: 'dots' }];

const ragWords = RAG_SERIES.map((s) => s.label).join(', ');

function build(id: string, title: string, description: string, series: ChartSeries[], rowHeading: string, rows: { label: string; href?: string; values: Record<string, number> }[]): ChartView {
  const opts = { id, title, description, series, rows, rowHeading };
  return { id, title, description, svg: rows.length > MAX_BARS ? null : stackedBarChart(opts), table: chartTable(opts) };
}

/**
 * Traffic lights, one bar per row (a directorate, service, plan or child unit). `link` adjusts each
 * row's link (to carry the chosen as-at date on to the next dashboard).
 */
export function ragChart(opts: { id: string; title: string; what: string; rowHeading: string; rows: RollupRow[]; asOf: string; link?: (href: string) => string }): ChartView {
  const total = opts.rows.reduce((n, r) => n + r.rollup.total, 0);
  const description =
    opts.rows.length > MAX_BARS
      ? `The traffic lights (${ragWords}) of ${total} action${total === 1 ? '' : 's'}, one row for each of the ${opts.rows.length} ${opts.what}s, as at ${formatUkDate(opts.asOf)}.`
      : `The traffic lights (${ragWords}) of ${total} action${total === 1 ? '' : 's'}, one bar for each ${opts.what}, as at ${formatUkDate(opts.asOf)}. ` +
        `Each bar is as long as the ${opts.what}'s number of actions; the table gives the same numbers.`;
  const rows = opts.rows.map((r) => ({ label: r.label, href: opts.link ? opts.link(r.href) : r.href, values: r.rollup.byRag }));
  return build(opts.id, opts.title, description, RAG_SERIES, opts.rowHeading, rows);
}

/** Where actions are (their stage), as one bar. */
export function stageChart(opts: { id: string; title: string; label: string; rollup: Rollup; asOf: string }): ChartView {
  const description =
    `The stage of each of the ${opts.rollup.total} action${opts.rollup.total === 1 ? '' : 's'} (${STAGE_CHART_SERIES.map((s) => s.label).join(', ')}), ` +
    `from its latest progress update recorded by ${formatUkDate(opts.asOf)}. The table gives the same numbers.`;
  return build(opts.id, opts.title, description, STAGE_CHART_SERIES, 'Scope', [{ label: opts.label, values: opts.rollup.byStage }]);
}
