// CSV files. Councils' CSVs come from Excel in the UK (commas), from Excel in much of Europe and
// from Decidim (semicolons), or are tab-separated text saved with a .csv name, so the delimiter is
// guessed from the first lines rather than assumed.

import { parse } from 'csv-parse/sync';
import { ImportError } from '../domain/errors.ts';
import { unprotectCell } from '../domain/spreadsheet-cells.ts';
import type { ReadResult } from './types.ts';

const CANDIDATES = [',', ';', '\t'] as const;
export type Delimiter = (typeof CANDIDATES)[number];

/**
 * Counts each candidate delimiter outside quotes over the first few records and picks the most
 * frequent; a tie (including none at all) goes to the comma.
 */
export function detectDelimiter(text: string, records = 5): Delimiter {
  const counts = new Map<string, number>(CANDIDATES.map((d) => [d, 0]));
  let inQuotes = false;
  let seen = 0;
  const limit = Math.min(text.length, 64 * 1024);
  for (let i = 0; i < limit && seen < records; i++) {
    const ch = text[i] ?? '';
    if (ch === '"') inQuotes = !inQuotes;
    else if (!inQuotes && ch === '\n') seen++;
    else if (!inQuotes && counts.has(ch)) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  }
  let best: Delimiter = ',';
  for (const d of CANDIDATES) {
    if ((counts.get(d) ?? 0) > (counts.get(best) ?? 0)) best = d;
  }
  return best;
}

interface CsvRecord {
  record: string[];
  raw: string;
}

const MAX_RECORD_CHARS = 1_000_000;

const countNewlines = (s: string): number => {
  let n = 0;
  for (let i = s.indexOf('\n'); i >= 0; i = s.indexOf('\n', i + 1)) n++;
  return n;
};

/** What csv-parse's error codes mean, in words a performance officer can act on. */
function explain(code: string): string {
  switch (code) {
    case 'CSV_QUOTE_NOT_CLOSED':
      return 'a quoted cell is never closed (a " is missing)';
    case 'CSV_INVALID_CLOSING_QUOTE':
      return 'a quoted cell has text straight after its closing quote';
    case 'CSV_MAX_RECORD_SIZE':
      return `a row is longer than ${MAX_RECORD_CHARS.toLocaleString('en-GB')} characters`;
    default:
      return code.toLowerCase().replace(/^csv_/u, '').replace(/_/gu, ' ');
  }
}

/**
 * The line of the quote that opens a cell and is never closed. csv-parse only says where the file
 * ended, which for a missing quote near the top is hundreds of lines too late to be useful.
 */
function unclosedQuoteLine(text: string, delimiter: Delimiter): number | null {
  let line = 1;
  let openedOn: number | null = null;
  let fieldStart = true;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (openedOn !== null) {
      if (ch === '"') {
        if (text[i + 1] === '"') i++;
        else openedOn = null;
      } else if (ch === '\n') line++;
      continue;
    }
    if (ch === '"' && fieldStart) openedOn = line;
    if (ch === '\n') line++;
    fieldStart = ch === delimiter || ch === '\n';
  }
  return openedOn;
}

/**
 * Parses CSV text (already decoded, line endings \n) into rows, with the line each row starts on.
 * Blank lines are skipped. Throws ImportError naming the line for malformed CSV.
 */
export function parseCsv(text: string, delimiter: Delimiter = detectDelimiter(text)): { rows: string[][]; lines: number[] } {
  let records: CsvRecord[];
  try {
    records = parse(text, {
      delimiter,
      bom: true,
      // Each record's raw text, so we can count lines ourselves: csv-parse's `info` option does
      // that too but makes parsing four times slower.
      raw: true,
      relax_column_count: true,
      // A stray " inside an unquoted cell (5" pipe) is common in hand-made CSV; keep it as text.
      relax_quotes: true,
      skip_empty_lines: true,
      // One enormous cell would otherwise take csv-parse many seconds to read.
      max_record_size: MAX_RECORD_CHARS,
    }) as unknown as CsvRecord[];
  } catch (e) {
    const err = e as { code?: unknown; lines?: unknown; message?: unknown };
    if (typeof err.code === 'string' && err.code.startsWith('CSV_')) {
      const at = err.code === 'CSV_QUOTE_NOT_CLOSED' ? unclosedQuoteLine(text, delimiter) : null;
      const lineNo = at ?? (typeof err.lines === 'number' ? err.lines : null);
      const line = lineNo !== null ? ` at line ${lineNo}` : '';
      throw new ImportError(`The CSV file could not be read${line}: ${explain(err.code)}`);
    }
    throw e;
  }
  const rows: string[][] = [];
  const lines: number[] = [];
  // The raw texts of the records, blank lines skipped before each included, add up to the whole
  // input, so counting their newlines gives the line each record starts on.
  let before = 0;
  for (const r of records) {
    const leading = /^\n*/u.exec(r.raw)?.[0].length ?? 0;
    // Waymark's own exports protect cells a spreadsheet would take for formulas; take that off again.
    rows.push(r.record.map(unprotectCell));
    lines.push(1 + before + leading);
    before += countNewlines(r.raw);
  }
  return { rows, lines };
}

export function readCsv(text: string): ReadResult {
  const { rows, lines } = parseCsv(text);
  return { kind: 'tables', format: 'csv', tables: [{ name: 'CSV', rows, lines }] };
}
