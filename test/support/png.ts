import assert from 'node:assert/strict';
import { Resvg } from '@resvg/resvg-js';
import { PNG_SIGNATURE } from '../../src/reports/chart-png.ts';

// Reading PNGs back in tests (the chart images of Word reports).

export type Rgba = [number, number, number, number];

export interface DecodedPng {
  width: number;
  height: number;
  pixel(x: number, y: number): Rgba;
}

/**
 * Reads a PNG back into pixels: its size from the IHDR chunk, its pixels by drawing it, one PNG
 * pixel to one output pixel, as an <image> in an SVG of the same size (resvg's PNG decoder, not
 * the encoder that wrote it).
 */
export function decodePng(png: Buffer): DecodedPng {
  assert.ok(png.subarray(0, 8).equals(PNG_SIGNATURE), 'PNG signature');
  assert.equal(png.toString('latin1', 12, 16), 'IHDR');
  const width = png.readUInt32BE(16);
  const height = png.readUInt32BE(20);
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">`
    + `<image width="${width}" height="${height}" image-rendering="optimizeSpeed" href="data:image/png;base64,${png.toString('base64')}"/></svg>`;
  const image = new Resvg(svg, { font: { loadSystemFonts: false } }).render();
  assert.deepEqual([image.width, image.height], [width, height]);
  const pixels = image.pixels;
  return {
    width,
    height,
    pixel(x, y) {
      const i = (y * width + x) * 4;
      return [pixels[i] ?? -1, pixels[i + 1] ?? -1, pixels[i + 2] ?? -1, pixels[i + 3] ?? -1];
    },
  };
}
