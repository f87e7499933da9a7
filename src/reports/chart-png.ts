// The PNG fallback of a chart for Word processors that cannot show SVG (docx's ImageRun embeds
// the SVG and needs a raster beside it). The chart's own SVG (src/domain/charts.ts) is drawn by
// resvg, so the picture is the SVG's, words and numbers included; the alt text and the table
// beside the chart still carry them for readers who cannot see it.

import { Resvg } from '@resvg/resvg-js';

export interface ChartPng {
  png: Buffer;
  /** The chart's size in CSS pixels (the SVG's); the PNG has pixelRatio times as many pixels. */
  width: number;
  height: number;
  pixelRatio: number;
}

export const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/**
 * Draws an SVG chart as an opaque PNG at pixelRatio (default 2, sharp in print). The charts ask for
 * "Arial, Helvetica, sans-serif"; where Arial is not installed (Linux servers) its metric twin
 * Liberation Sans stands in for sans-serif, so labels take the room the SVG's layout gave them.
 */
export function renderChartPng(svg: string, pixelRatio = 2): ChartPng {
  const resvg = new Resvg(svg, {
    fitTo: { mode: 'zoom', value: pixelRatio },
    background: '#ffffff',
    font: { loadSystemFonts: true, sansSerifFamily: 'Liberation Sans' },
  });
  const image = resvg.render();
  return { png: image.asPng(), width: resvg.width, height: resvg.height, pixelRatio };
}
