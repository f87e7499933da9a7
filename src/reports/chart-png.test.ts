import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { RAG_SERIES, stackedBarChart, type ChartSeries } from '../domain/charts.ts';
import { sampleReportModel } from '../../test/support/report-model.ts';
import { decodePng, type Rgba } from '../../test/support/png.ts';
import { renderChartPng } from './chart-png.ts';

const rgba = (hex: string): Rgba => [parseInt(hex.slice(1, 3), 16), parseInt(hex.slice(3, 5), 16), parseInt(hex.slice(5, 7), 16), 255];
const WHITE = rgba('#ffffff');
const OUTLINE = rgba('#0b0c0c');

describe('chart PNG (drawn from the chart’s SVG by resvg)', () => {
  // Two solid series and one row, so every position below can be worked out by hand from the
  // layout in src/domain/charts.ts (PAD 8, SWATCH 16, LEGEND_LINE 24, LABEL_LINE 20, BAR_H 24):
  //   legend on one line at y 8; the row label at y 40; the bar from y 60 to 84; height 84 + 8 = 92.
  //   Bar space 640 − 2 × 8 − 56 = 568 for a total of 4, so 142 px a unit:
  //   "Done" (3) spans x 8 to 434, "Late" (1) x 434 to 576, total "4" written at x 582.
  //   Each segment's count sits on a chip of the segment's own colour from y 63 to 81, centred on
  //   the segment (x 221 and 505), its digit below y 67.
  const series: ChartSeries[] = [
    { key: 'done', label: 'Done', colour: '#00703c', pattern: 'solid' },
    { key: 'late', label: 'Late', colour: '#d4351c', pattern: 'solid' },
  ];
  const svg = stackedBarChart({ id: 'hand', title: 'Actions by state', description: 'Three done, one late.', series, rows: [{ label: 'Legal Services', values: { done: 3, late: 1 } }] });

  test('has the SVG’s size in CSS pixels, and twice as many pixels each way by default', () => {
    const chart = renderChartPng(svg);
    assert.deepEqual([chart.width, chart.height, chart.pixelRatio], [640, 92, 2]);
    const png = decodePng(chart.png);
    assert.deepEqual([png.width, png.height], [1280, 184]);
    const one = decodePng(renderChartPng(svg, 1).png);
    assert.deepEqual([one.width, one.height], [640, 92]);
  });

  test('paints each bar in its series’ colour, inside a dark outline, on white', () => {
    const png = decodePng(renderChartPng(svg).png);
    const at = (x: number, y: number) => png.pixel(Math.floor(x * 2), Math.floor(y * 2));
    // The centre of each bar, just above its count: the chip, in the segment's colour.
    assert.deepEqual(at(221, 64.5), rgba('#00703c'), 'centre of the Done bar');
    assert.deepEqual(at(505, 64.5), rgba('#d4351c'), 'centre of the Late bar');
    // Away from the chips, the segments' solid fill.
    assert.deepEqual(at(100, 72), rgba('#00703c'), 'Done bar, left part');
    assert.deepEqual(at(450, 72), rgba('#d4351c'), 'Late bar, left part');
    // A 1 px outline centred on each edge: x 7.5 to 8.5 on the left, y 59.5 to 60.5 on top.
    assert.deepEqual(at(7.5, 72), OUTLINE, 'left edge');
    assert.deepEqual(at(100, 59.5), OUTLINE, 'top edge');
    assert.deepEqual(at(433.5, 70), OUTLINE, 'between the segments');
    // White around: the corner, between the label and the bar, and past the total.
    assert.deepEqual(at(1, 1), WHITE, 'corner');
    assert.deepEqual(at(300, 57), WHITE, 'above the bar');
    assert.deepEqual(at(630, 72), WHITE, 'right of the total');
    assert.deepEqual(at(320, 90), WHITE, 'below the bar');
    // The legend's swatches: Done's at x 8 to 24, y 8 to 24.
    assert.deepEqual(at(16, 16), rgba('#00703c'), 'Done swatch');
  });

  test('draws the words too: the row label is dark ink on white', () => {
    const png = decodePng(renderChartPng(svg).png);
    // "Legal Services" in bold from x 8, baseline y 55: some of its pixels are near-black.
    let dark = 0;
    for (let y = 86; y < 112; y++) for (let x = 16; x < 200; x++) if ((png.pixel(x, y)[0] ?? 255) < 80) dark++;
    assert.ok(dark > 200, `${dark} dark pixels in the row label`);
  });

  test('shows a hatched series as its colour with dark hatching', () => {
    const hatched = stackedBarChart({ id: 'h', title: 'T', description: 'D', series: RAG_SERIES, rows: [{ label: 'A', values: { amber: 1 } }] });
    const png = decodePng(renderChartPng(hatched).png);
    // Seven legend entries wrap onto a second line (y 32), so the bar runs from y 84 to 108 and x 8 to 576.
    const seen = new Set<string>();
    for (let x = 40; x < 200; x++) seen.add(png.pixel(x, 2 * 100).join());
    assert.ok(seen.has(rgba('#f47738').join()), 'amber');
    assert.ok(seen.has(OUTLINE.join()), 'hatching');
  });

  test('draws the sample report’s charts and an empty chart at their SVG sizes', () => {
    const model = sampleReportModel({ actions: 500 });
    const summary = model.appendices.find((a) => a.kind === 'summary');
    assert.ok(summary?.kind === 'summary');
    for (const c of [summary.ragChart, summary.stageChart]) {
      const chart = renderChartPng(c.svg);
      assert.equal(chart.width, Number(/<svg[^>]* width="([\d.]+)"/.exec(c.svg)?.[1]));
      assert.equal(chart.height, Number(/<svg[^>]* height="([\d.]+)"/.exec(c.svg)?.[1]));
      const png = decodePng(chart.png);
      assert.deepEqual([png.width, png.height], [Math.ceil(chart.width * 2), Math.ceil(chart.height * 2)]);
    }
    const empty = renderChartPng(stackedBarChart({ id: 'e', title: 'T', description: 'D', series: RAG_SERIES, rows: [] }));
    assert.deepEqual([empty.width, empty.height], [640, 40]);
  });
});
