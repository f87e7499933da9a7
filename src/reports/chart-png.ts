// A PNG of a stacked bar chart, for Word processors that cannot show the SVG (docx's ImageRun
// needs a raster fallback). It lays out the bars exactly as stackedBarChart in src/domain/charts.ts
// does, so it has the SVG's size, and paints rectangles only: legend swatches and bar segments in
// each series' colour and fill pattern, with a dark outline. No text: the alt text and the table
// beside the chart carry the words and numbers. Encoded with node:zlib; no dependencies.

import { deflateSync } from 'node:zlib';
import { CHART_LAYOUT, textColourOn, type ChartPattern, type ChartRow, type ChartSeries } from '../domain/charts.ts';

export interface ChartPngInput {
  series: ChartSeries[];
  rows: ChartRow[];
  /** Width in CSS pixels, as given to stackedBarChart (default 640). */
  width?: number;
  scale?: 'count' | 'share';
}

export interface ChartPng {
  png: Buffer;
  /** The chart's size in CSS pixels (the SVG's); the PNG has pixelRatio times as many pixels. */
  width: number;
  height: number;
  pixelRatio: number;
}

// The layout of src/domain/charts.ts, so the PNG matches the SVG.
const { FONT_SIZE, PAD, SWATCH, LEGEND_LINE, LABEL_LINE, BAR_H, ROW_GAP, TOTAL_SPACE } = CHART_LAYOUT;
const OUTLINE: Rgb = [0x0b, 0x0c, 0x0c];

type Rgb = [number, number, number];

export function hexToRgb(colour: string): Rgb {
  const m = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(colour.trim());
  if (!m?.[1]) throw new RangeError(`Chart colour must be #rgb or #rrggbb, not ${JSON.stringify(colour)}`);
  const h = m[1].length === 3 ? [...m[1]].map((c) => c + c).join('') : m[1];
  return [0, 2, 4].map((i) => parseInt(h.slice(i, i + 2), 16)) as Rgb;
}

const textWidth = (text: string): number => [...text].length * FONT_SIZE * 0.6;
const clean = (n: number | undefined): number => (typeof n === 'number' && Number.isFinite(n) && n > 0 ? n : 0);

interface Rect {
  x: number;
  y: number;
  w: number;
  h: number;
  series: ChartSeries;
}

/** Where stackedBarChart puts its swatches and segments, and the SVG's height. */
export function chartLayout(input: ChartPngInput): { width: number; height: number; rects: Rect[] } {
  const width = Math.max(200, input.width ?? 640);
  const inner = width - 2 * PAD;
  if (input.rows.length === 0) return { width, height: 40, rects: [] };
  const rects: Rect[] = [];
  let lx = PAD;
  let ly = PAD;
  for (const s of input.series) {
    const w = SWATCH + 6 + textWidth(s.symbol ? `${s.symbol} ${s.label}` : s.label) + 16;
    if (lx > PAD && lx + w > width - PAD) {
      lx = PAD;
      ly += LEGEND_LINE;
    }
    rects.push({ x: lx, y: ly, w: SWATCH, h: SWATCH, series: s });
    lx += w;
  }
  let y = ly + LEGEND_LINE + 8;
  const totals = input.rows.map((r) => input.series.reduce((sum, s) => sum + clean(r.values[s.key]), 0));
  const maxTotal = Math.max(0, ...totals);
  for (const [ri, row] of input.rows.entries()) {
    const total = totals[ri] ?? 0;
    const unit = total === 0 ? 0 : (inner - TOTAL_SPACE) / (input.scale === 'share' ? total : maxTotal);
    const by = y + LABEL_LINE;
    let x = PAD;
    for (const s of input.series) {
      const v = clean(row.values[s.key]);
      if (v === 0) continue;
      rects.push({ x, y: by, w: v * unit, h: BAR_H, series: s });
      x += v * unit;
    }
    y = by + BAR_H + ROW_GAP;
  }
  return { width, height: y - ROW_GAP + PAD, rects };
}

const BAND = 1.06; // half a 1.5-unit stroke across a 45° line, measured along an axis
const nearLine = (d: number): boolean => d < BAND || d > 8 - BAND;

/** Whether a point (in the 8 × 8 pattern tile's units) is on the pattern's ink. */
function onPattern(pattern: ChartPattern, u: number, v: number): boolean {
  switch (pattern) {
    case 'hatch': return nearLine((u + v) % 8);
    case 'backhatch': return nearLine((((u - v) % 8) + 8) % 8);
    case 'cross': return nearLine((u + v) % 8) || nearLine((((u - v) % 8) + 8) % 8);
    case 'stripes': return Math.abs((v % 4) - 2) < 0.75;
    case 'dots': return Math.hypot(u - 2, v - 2) < 1.5 || Math.hypot(u - 6, v - 6) < 1.5;
    default: return false;
  }
}

const tiles = new Map<string, Uint8Array>();

/** The pattern's ink as a mask over one tile of 8 × ratio pixels (the pattern repeats every 8 units). */
function tile(pattern: ChartPattern, ratio: number): { size: number; mask: Uint8Array } | null {
  const size = 8 * ratio;
  if (!Number.isInteger(size)) return null;
  const key = `${pattern}@${ratio}`;
  let mask = tiles.get(key);
  if (!mask) {
    mask = new Uint8Array(size * size);
    for (let y = 0; y < size; y++) for (let x = 0; x < size; x++) mask[y * size + x] = onPattern(pattern, (x + 0.5) / ratio, (y + 0.5) / ratio) ? 1 : 0;
    tiles.set(key, mask);
  }
  return { size, mask };
}

function paint(buf: Uint8Array, stride: number, rect: Rect, ratio: number): void {
  const fill = hexToRgb(rect.series.colour);
  const ink = hexToRgb(textColourOn(rect.series.colour));
  const pattern = rect.series.pattern ?? 'solid';
  const t = tile(pattern, ratio);
  const x0 = Math.round(rect.x * ratio);
  const y0 = Math.round(rect.y * ratio);
  const x1 = Math.max(x0 + 1, Math.round((rect.x + rect.w) * ratio));
  const y1 = Math.max(y0 + 1, Math.round((rect.y + rect.h) * ratio));
  const line = Math.max(1, Math.round(ratio));
  for (let py = y0; py < y1; py++) {
    for (let px = x0; px < x1; px++) {
      const edge = px < x0 + line || px >= x1 - line || py < y0 + line || py >= y1 - line;
      const inked = t ? t.mask[(py % t.size) * t.size + (px % t.size)] === 1 : onPattern(pattern, ((px + 0.5) / ratio) % 8, ((py + 0.5) / ratio) % 8);
      const c = edge ? OUTLINE : inked ? ink : fill;
      const i = py * stride + px * 4;
      buf[i] = c[0];
      buf[i + 1] = c[1];
      buf[i + 2] = c[2];
      buf[i + 3] = 255;
    }
  }
}

/** Draws the chart's bars and legend swatches as a PNG at pixelRatio (default 2) for sharp printing. */
export function renderChartPng(input: ChartPngInput, pixelRatio = 2): ChartPng {
  const { width, height, rects } = chartLayout(input);
  const pw = Math.ceil(width * pixelRatio);
  const ph = Math.ceil(height * pixelRatio);
  const rgba = new Uint8Array(pw * ph * 4).fill(255); // opaque white
  for (const r of rects) paint(rgba, pw * 4, r, pixelRatio);
  return { png: encodePng(pw, ph, rgba), width, height, pixelRatio };
}

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

/** CRC-32 (ISO-HDLC, as PNG and zip use). */
export function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const b of bytes) c = (CRC_TABLE[(c ^ b) & 0xff] ?? 0) ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Uint8Array): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}

export const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** Encodes 8-bit RGBA pixels (row by row, top to bottom) as a PNG. */
export function encodePng(width: number, height: number, rgba: Uint8Array): Buffer {
  if (!Number.isInteger(width) || !Number.isInteger(height) || width < 1 || height < 1 || rgba.length !== width * height * 4) {
    throw new RangeError(`encodePng needs ${width} × ${height} × 4 bytes of RGBA, not ${rgba.length}`);
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // colour type: RGBA
  // compression, filter and interlace methods: 0
  const stride = width * 4;
  const raw = Buffer.alloc((stride + 1) * height);
  for (let y = 0; y < height; y++) {
    raw[y * (stride + 1)] = 0; // filter: none
    raw.set(rgba.subarray(y * stride, (y + 1) * stride), y * (stride + 1) + 1);
  }
  return Buffer.concat([PNG_SIGNATURE, chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw)), chunk('IEND', new Uint8Array(0))]);
}
