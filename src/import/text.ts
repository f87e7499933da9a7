// Bytes → text for the text formats (pasted text, CSV, records, JSON, Decidim).
//
// Councils' files come from many places: UTF-8 with or without a BOM from web tools, windows-1252
// from Excel's "CSV (Comma delimited)" on Windows, and UTF-16 with a BOM from Excel's "Unicode
// Text". Anything else that is not text is refused here, before a parser sees it.

import { ImportError } from '../domain/errors.ts';

// Node 20's TextDecoder treats windows-1252 as Latin-1, so 0x80–0x9F (where £'s friends “ ” – …
// live) would come out as control characters. This is the real windows-1252 table for that range;
// the five unassigned bytes keep their Latin-1 meaning.
const CP1252_HIGH = [
  0x20ac, 0x81, 0x201a, 0x192, 0x201e, 0x2026, 0x2020, 0x2021, 0x2c6, 0x2030, 0x160, 0x2039, 0x152, 0x8d, 0x17d, 0x8f,
  0x90, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x2dc, 0x2122, 0x161, 0x203a, 0x153, 0x9d, 0x17e, 0x178,
];

export function decodeWindows1252(bytes: Uint8Array): string {
  const parts: string[] = [];
  const CHUNK = 8192;
  for (let start = 0; start < bytes.length; start += CHUNK) {
    const codes: number[] = [];
    const end = Math.min(bytes.length, start + CHUNK);
    for (let i = start; i < end; i++) {
      const b = bytes[i] ?? 0;
      codes.push(b >= 0x80 && b <= 0x9f ? (CP1252_HIGH[b - 0x80] ?? b) : b);
    }
    parts.push(String.fromCharCode(...codes));
  }
  return parts.join('');
}

const WHITESPACE_BYTES = new Set([0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x20]);

/** No bytes, or only whitespace (and perhaps a UTF-8 byte order mark). */
export function isBlank(bytes: Uint8Array): boolean {
  const start = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  for (let i = start; i < bytes.length; i++) {
    if (!WHITESPACE_BYTES.has(bytes[i] ?? 0)) return false;
  }
  return true;
}

/** Control characters other than tab, newlines and form feed: a few are noise, many mean binary. */
function controlShare(text: string): number {
  const sample = text.length > 65536 ? text.slice(0, 65536) : text;
  if (sample.length === 0) return 0;
  let controls = 0;
  for (let i = 0; i < sample.length; i++) {
    const c = sample.charCodeAt(i);
    if ((c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d && c !== 0x0c) || c === 0x7f || c === 0xfffd) controls++;
  }
  return controls / sample.length;
}

const notText = (why: string): ImportError =>
  new ImportError(`This file is not text: ${why}. Save it as CSV (UTF-8), or upload the Excel or Word file itself.`);

/**
 * Decodes a text file: UTF-8 (BOM or not), else windows-1252; UTF-16 only with its BOM. Line
 * endings become \n and the BOM is dropped. Throws ImportError for binary data.
 */
export function decodeText(bytes: Uint8Array): string {
  let text: string;
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    // The BOM tells us the byte order; what follows must still be well-formed.
    try {
      text = new TextDecoder(bytes[0] === 0xff ? 'utf-16le' : 'utf-16be', { fatal: true }).decode(bytes.subarray(2));
    } catch {
      throw notText('it starts like UTF-16 text but is not');
    }
  } else {
    if (bytes.includes(0)) throw notText('it contains NUL bytes, as binary files do');
    try {
      text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
    } catch {
      text = decodeWindows1252(bytes);
    }
  }
  if (text.includes('\u0000')) throw notText('it contains NUL characters, as binary files do');
  if (controlShare(text) > 0.1) throw notText('it is mostly control characters');
  return text.replace(/^\uFEFF/u, '').replace(/\r\n?/gu, '\n');
}
