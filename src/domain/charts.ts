import { RAG_LABELS, RAG_SYMBOLS, RAGS, type Rag } from './rag.ts';
// Charts rendered on the server as accessible SVG strings (DESIGN §5): each has a <title> and
// <desc> named by aria-labelledby, and the same numbers come out of chartTable() for a table
// beside it. Colour is never the only signal (DESIGN §4): every series also has a fill pattern,
// a legend entry with its word (and symbol), and every segment a dark outline.
// Pure: no DOM, no dependencies. The SVG holds no links (role="img" makes its children
// presentational), so row links belong in the table: see ChartTable.hrefs.

export type ChartPattern = 'solid' | 'hatch' | 'backhatch' | 'dots' | 'cross' | 'stripes' | 'none';

export interface ChartSeries {
  key: string;
  label: string;
  /** A hex colour, #rgb or #rrggbb. */
  colour: string;
  pattern?: ChartPattern;
  symbol?: string;
}

export interface ChartRow {
  label: string;
  href?: string;
  values: Record<string, number>;
}

export interface StackedBarChartOptions {
  id: string;
  title: string;
  description: string;
  series: ChartSeries[];
  rows: ChartRow[];
  /** Width of the SVG in px (default 640). */
  width?: number;
  /** 'count' (default): bar lengths are proportional to the counts, so bars compare with each
   * other. 'share': every non-empty bar is full width and segments show shares (100% stacked). */
  scale?: 'count' | 'share';
  /** Heading of the row-label column in chartTable (default 'Name'). */
  rowHeading?: string;
}

export interface ChartTable {
  caption: string;
  head: string[];
  rows: (string | number)[][];
  /** The link for each row's label, where the row has one, index for index with rows. */
  hrefs: (string | undefined)[];
}

export const TEXT_DARK = '#0b0c0c';
export const TEXT_LIGHT = '#ffffff';

/** RAG colours and patterns; words and symbols come from rag.ts so every view says the same. */
const RAG_LOOK: Record<Rag, { colour: string; pattern: ChartPattern }> = {
  green: { colour: '#00703c', pattern: 'solid' },
  amber: { colour: '#f47738', pattern: 'hatch' },
  red: { colour: '#d4351c', pattern: 'cross' },
  complete: { colour: '#1d70b8', pattern: 'backhatch' },
  closed: { colour: '#505a5f', pattern: 'stripes' },
  not_updated: { colour: '#b1b4b6', pattern: 'dots' },
  not_due: { colour: '#ffffff', pattern: 'none' },
};

export const RAG_SERIES: ChartSeries[] = RAGS.map((key) => ({ key, label: RAG_LABELS[key], symbol: RAG_SYMBOLS[key], ...RAG_LOOK[key] }));

export const STAGE_SERIES: ChartSeries[] = [
  { key: 'not_started', label: 'Not started', colour: '#ffffff', pattern: 'none' },
  { key: 'in_progress', label: 'In progress', colour: '#1d70b8', pattern: 'hatch' },
  { key: 'ongoing', label: 'Ongoing', colour: '#4c2c92', pattern: 'stripes' },
  { key: 'complete', label: 'Complete', colour: '#00703c', pattern: 'solid' },
  { key: 'carried_over', label: 'Carried over', colour: '#f47738', pattern: 'backhatch' },
  { key: 'deferred', label: 'Deferred', colour: '#ffdd00', pattern: 'cross' },
  { key: 'cancelled', label: 'Cancelled', colour: '#505a5f', pattern: 'dots' },
];

/** Escapes text for XML content and (double- or single-quoted) attribute values. */
export function escapeXml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

function parseHex(colour: string): [number, number, number] {
  const m = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(colour.trim());
  if (!m?.[1]) throw new RangeError(`Chart colour must be #rgb or #rrggbb, not ${JSON.stringify(colour)}`);
  const h = m[1].length === 3 ? [...m[1]].map((c) => c + c).join('') : m[1];
  return [0, 2, 4].map((i) => parseInt(h.slice(i, i + 2), 16)) as [number, number, number];
}

/** WCAG 2 relative luminance of a hex colour. */
export function relativeLuminance(colour: string): number {
  const [r, g, b] = parseHex(colour).map((v) => {
    const c = v / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** WCAG 2 contrast ratio between two hex colours (1 to 21). */
export function contrastRatio(a: string, b: string): number {
  const [hi, lo] = [relativeLuminance(a), relativeLuminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

/** The text colour (near-black or white) with the better contrast on a fill. */
export function textColourOn(fill: string): typeof TEXT_DARK | typeof TEXT_LIGHT {
  return contrastRatio(fill, TEXT_LIGHT) > contrastRatio(fill, TEXT_DARK) ? TEXT_LIGHT : TEXT_DARK;
}

const FONT = 'Arial, Helvetica, sans-serif';
/** The chart's geometry in px. */
const CHART_LAYOUT = { FONT_SIZE: 14, PAD: 8, SWATCH: 16, LEGEND_LINE: 24, LABEL_LINE: 20, BAR_H: 24, ROW_GAP: 14, TOTAL_SPACE: 56 } as const;
const { FONT_SIZE, PAD, SWATCH, LEGEND_LINE, LABEL_LINE, BAR_H, ROW_GAP, TOTAL_SPACE } = CHART_LAYOUT;
const OUTLINE = TEXT_DARK;

/** A generous estimate of the rendered width of text (no font metrics on the server). */
function textWidth(text: string, size = FONT_SIZE): number {
  return [...text].length * size * 0.6;
}

function clean(n: number | undefined): number {
  return typeof n === 'number' && Number.isFinite(n) && n > 0 ? n : 0;
}

function num(n: number): string {
  return String(Math.round(n * 100) / 100);
}

function safeId(id: string): string {
  const s = id.replace(/[^A-Za-z0-9_-]/g, '-');
  return /^[A-Za-z_]/.test(s) ? s : `chart-${s}`;
}

function truncate(text: string, maxWidth: number): string {
  const max = Math.floor(maxWidth / (FONT_SIZE * 0.6));
  const chars = [...text];
  return chars.length <= max ? text : `${chars.slice(0, Math.max(1, max - 1)).join('')}…`;
}

function patternDef(id: string, s: ChartSeries): string {
  const ink = textColourOn(s.colour);
  const line = (d: string) => `<path d="${d}" stroke="${ink}" stroke-width="1.5" fill="none"/>`;
  const slash = 'M-2,2 L2,-2 M0,8 L8,0 M6,10 L10,6';
  const back = 'M-2,6 L2,10 M0,0 L8,8 M6,-2 L10,2';
  let overlay = '';
  switch (s.pattern ?? 'solid') {
    case 'hatch': overlay = line(slash); break;
    case 'backhatch': overlay = line(back); break;
    case 'cross': overlay = line(`${slash} ${back}`); break;
    case 'stripes': overlay = line('M0,2 L8,2 M0,6 L8,6'); break;
    case 'dots': overlay = `<circle cx="2" cy="2" r="1.5" fill="${ink}"/><circle cx="6" cy="6" r="1.5" fill="${ink}"/>`; break;
    default: break;
  }
  return `<pattern id="${id}" width="8" height="8" patternUnits="userSpaceOnUse">`
    + `<rect width="8" height="8" fill="${s.colour}"/>${overlay}</pattern>`;
}

function svgOpen(id: string, width: number, height: number, title: string, description: string): string {
  return `<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-labelledby="${id}-title ${id}-desc"`
    + ` width="${num(width)}" height="${num(height)}" viewBox="0 0 ${num(width)} ${num(height)}"`
    + ` font-family="${FONT}" font-size="${FONT_SIZE}">`
    + `<title id="${id}-title">${escapeXml(title)}</title><desc id="${id}-desc">${escapeXml(description)}</desc>`;
}

function legendText(s: ChartSeries): string {
  return s.symbol ? `${s.symbol} ${s.label}` : s.label;
}

/** A horizontal stacked bar chart: one bar per row, one segment per series. */
export function stackedBarChart(opts: StackedBarChartOptions): string {
  const id = safeId(opts.id);
  const width = Math.max(200, opts.width ?? 640);
  const inner = width - 2 * PAD;

  if (opts.rows.length === 0) {
    return `${svgOpen(id, width, 40, opts.title, opts.description)}`
      + `<text x="${PAD}" y="25" fill="${TEXT_DARK}">No data</text></svg>`;
  }

  // Legend: swatch (pattern) and word for each series, flowing onto new lines as needed.
  const legend: string[] = [];
  let lx = PAD;
  let ly = PAD;
  for (const [i, s] of opts.series.entries()) {
    const text = legendText(s);
    const w = SWATCH + 6 + textWidth(text) + 16;
    if (lx > PAD && lx + w > width - PAD) { lx = PAD; ly += LEGEND_LINE; }
    legend.push(`<g class="legend-item" data-series="${escapeXml(s.key)}">`
      + `<rect x="${num(lx)}" y="${num(ly)}" width="${SWATCH}" height="${SWATCH}" fill="url(#${id}-p${i})" stroke="${OUTLINE}" stroke-width="1"/>`
      + `<text x="${num(lx + SWATCH + 6)}" y="${num(ly + 13)}" fill="${TEXT_DARK}">${escapeXml(text)}</text></g>`);
    lx += w;
  }
  let y = ly + LEGEND_LINE + 8;

  const totals = opts.rows.map((r) => opts.series.reduce((sum, s) => sum + clean(r.values[s.key]), 0));
  const maxTotal = Math.max(0, ...totals);
  const barSpace = inner - TOTAL_SPACE;
  const body: string[] = [];

  for (const [ri, row] of opts.rows.entries()) {
    const total = totals[ri] ?? 0;
    const unit = total === 0 ? 0 : barSpace / (opts.scale === 'share' ? total : maxTotal);
    body.push(`<g class="row">`);
    body.push(`<text class="row-label" x="${PAD}" y="${num(y + 15)}" fill="${TEXT_DARK}" font-weight="bold">${escapeXml(truncate(row.label, inner))}</text>`);
    const by = y + LABEL_LINE;
    let x = PAD;
    if (total === 0) {
      body.push(`<line x1="${PAD}" y1="${num(by)}" x2="${PAD}" y2="${num(by + BAR_H)}" stroke="${OUTLINE}" stroke-width="2"/>`);
    }
    for (const [si, s] of opts.series.entries()) {
      const v = clean(row.values[s.key]);
      if (v === 0) continue;
      const w = v * unit;
      body.push(`<rect class="segment" data-series="${escapeXml(s.key)}" data-value="${num(v)}" x="${num(x)}" y="${num(by)}" width="${num(w)}" height="${BAR_H}"`
        + ` fill="url(#${id}-p${si})" stroke="${OUTLINE}" stroke-width="1"><title>${escapeXml(`${s.label}: ${num(v)}`)}</title></rect>`);
      const label = num(v);
      const chipW = textWidth(label) + 8;
      if (w >= chipW + 4) {
        const cx = x + w / 2;
        body.push(`<rect class="count-bg" x="${num(cx - chipW / 2)}" y="${num(by + 3)}" width="${num(chipW)}" height="${BAR_H - 6}" fill="${s.colour}"/>`
          + `<text class="count" x="${num(cx)}" y="${num(by + 17)}" text-anchor="middle" fill="${textColourOn(s.colour)}">${label}</text>`);
      }
      x += w;
    }
    body.push(`<text class="total" x="${num(x + 6)}" y="${num(by + 17)}" fill="${TEXT_DARK}" font-weight="bold">${num(total)}</text>`);
    body.push(`</g>`);
    y = by + BAR_H + ROW_GAP;
  }

  const height = y - ROW_GAP + PAD;
  const defs = opts.series.map((s, i) => patternDef(`${id}-p${i}`, s)).join('');
  return `${svgOpen(id, width, height, opts.title, opts.description)}<defs>${defs}</defs>`
    + `<g class="legend">${legend.join('')}</g>${body.join('')}</svg>`;
}

/** The numbers of a stacked bar chart as a table model: row label, one column per series, total. */
export function chartTable(opts: StackedBarChartOptions): ChartTable {
  return {
    caption: opts.title,
    head: [opts.rowHeading ?? 'Name', ...opts.series.map((s) => s.label), 'Total'],
    rows: opts.rows.map((r) => {
      const values = opts.series.map((s) => clean(r.values[s.key]));
      return [r.label, ...values, values.reduce((a, b) => a + b, 0)];
    }),
    hrefs: opts.rows.map((r) => r.href),
  };
}
