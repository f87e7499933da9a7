import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { inflateSync } from 'node:zlib';
import { RAG_SERIES, stackedBarChart, type ChartRow } from '../domain/charts.ts';
import { sampleReportModel } from '../../test/support/report-model.ts';
import { chartLayout, crc32, encodePng, hexToRgb, PNG_SIGNATURE, renderChartPng } from './chart-png.ts';

interface Decoded {
  width: number;
  height: number;
  pixel(x: number, y: number): [number, number, number, number];
}

/** Reads back a PNG as encodePng writes it (8-bit RGBA, filter 0), checking every chunk's CRC. */
function decode(png: Buffer): Decoded {
  assert.ok(png.subarray(0, 8).equals(PNG_SIGNATURE), 'PNG signature');
  let p = 8;
  let width = 0;
  let height = 0;
  const idat: Buffer[] = [];
  const types: string[] = [];
  while (p < png.length) {
    const length = png.readUInt32BE(p);
    const type = png.toString('latin1', p + 4, p + 8);
    const data = png.subarray(p + 8, p + 8 + length);
    assert.equal(png.readUInt32BE(p + 8 + length), crc32(png.subarray(p + 4, p + 8 + length)), `${type} CRC`);
    types.push(type);
    if (type === 'IHDR') {
      width = data.readUInt32BE(0);
      height = data.readUInt32BE(4);
      assert.deepEqual([...data.subarray(8)], [8, 6, 0, 0, 0], '8-bit RGBA, no interlace');
    }
    if (type === 'IDAT') idat.push(data);
    p += 12 + length;
  }
  assert.deepEqual(types, ['IHDR', 'IDAT', 'IEND']);
  const raw = inflateSync(Buffer.concat(idat));
  assert.equal(raw.length, (width * 4 + 1) * height);
  return {
    width,
    height,
    pixel(x, y) {
      const row = y * (width * 4 + 1);
      assert.equal(raw[row], 0, 'filter type 0');
      const i = row + 1 + x * 4;
      return [raw[i] ?? -1, raw[i + 1] ?? -1, raw[i + 2] ?? -1, raw[i + 3] ?? -1];
    },
  };
}

describe('chart PNG', () => {
  const rows: ChartRow[] = [
    { label: 'Democratic and Customer Services', values: { green: 4, amber: 1, red: 1, not_due: 2 } },
    { label: 'Digital and ICT Services', values: { green: 2, complete: 3, closed: 1 } },
  ];
  const input = { series: RAG_SERIES, rows };

  test('has the SVG chart’s size (times the pixel ratio) in its IHDR', () => {
    const svg = stackedBarChart({ id: 'c', title: 'T', description: 'D', ...input });
    const width = Number(/<svg[^>]* width="([\d.]+)"/.exec(svg)?.[1]);
    const height = Number(/<svg[^>]* height="([\d.]+)"/.exec(svg)?.[1]);
    const chart = renderChartPng(input);
    assert.deepEqual([chart.width, chart.height], [width, height]);
    const png = decode(chart.png);
    assert.deepEqual([png.width, png.height], [Math.ceil(width * 2), Math.ceil(height * 2)]);
    const one = decode(renderChartPng(input, 1).png);
    assert.deepEqual([one.width, one.height], [Math.ceil(width), Math.ceil(height)]);
  });

  test('decodes, with each bar painted in its series’ colour inside a dark outline', () => {
    const chart = renderChartPng(input, 2);
    const png = decode(chart.png);
    const segments = chartLayout(input).rects.filter((r) => r.h === 24);
    assert.equal(segments.length, 7);
    const green = segments[0];
    assert.ok(green && green.series.key === 'green');
    const cx = Math.round((green.x + green.w / 2) * 2);
    const cy = Math.round((green.y + green.h / 2) * 2);
    assert.deepEqual(png.pixel(cx, cy), [...hexToRgb('#00703c'), 255]);
    assert.deepEqual(png.pixel(Math.round(green.x * 2), cy), [0x0b, 0x0c, 0x0c, 255], 'outline');
    assert.deepEqual(png.pixel(1, 1), [255, 255, 255, 255], 'background');
    // A hatched series has both its colour and its pattern's ink inside the bar.
    const amber = segments.find((s) => s.series.key === 'amber');
    assert.ok(amber);
    const seen = new Set<string>();
    for (let x = Math.round(amber.x * 2) + 3; x < Math.round((amber.x + amber.w) * 2) - 3; x++) seen.add(png.pixel(x, cy).join());
    assert.ok(seen.has([...hexToRgb('#f47738'), 255].join()) && seen.has([0x0b, 0x0c, 0x0c, 255].join()), 'hatched');
  });

  test('draws the sample report’s charts and an empty chart', () => {
    const model = sampleReportModel({ actions: 500 });
    const summary = model.appendices.find((a) => a.kind === 'summary');
    assert.ok(summary?.kind === 'summary');
    for (const c of [summary.ragChart, summary.stageChart]) {
      const chart = renderChartPng(c);
      assert.equal(chart.height, Number(/<svg[^>]* height="([\d.]+)"/.exec(c.svg)?.[1]));
      decode(chart.png);
    }
    const empty = renderChartPng({ series: RAG_SERIES, rows: [] });
    assert.deepEqual([empty.width, empty.height], [640, 40]);
  });

  test('computes CRC-32 and refuses pixels of the wrong size', () => {
    assert.equal(crc32(Buffer.from('123456789')), 0xcbf43926);
    assert.equal(crc32(Buffer.from('IEND', 'latin1')), 0xae426082);
    assert.throws(() => encodePng(2, 2, new Uint8Array(15)), RangeError);
  });
});
