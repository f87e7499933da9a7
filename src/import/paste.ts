// Text pasted from Word, Excel or a PDF viewer: one row per line, cells separated by tabs.

import { parsePastedText } from '../domain/import-tables.ts';
import type { ReadResult } from './types.ts';

export function readPaste(text: string): ReadResult {
  const rows = parsePastedText(text);
  return { kind: 'tables', format: 'paste', tables: [{ name: 'Pasted text', rows, lines: rows.map((_, i) => i + 1) }] };
}
