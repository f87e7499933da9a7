// What every reader produces. Table formats (pasted text, CSV, XLSX, DOCX, records) give rows of
// cells that src/domain/import-tables.ts turns into a plan; structured formats (Waymark's own JSON,
// Decidim accountability CSV) give the plan directly.

import type { ImportWarning, ParsedPlan } from '../domain/import-tables.ts';

export const IMPORT_FORMATS = ['paste', 'csv', 'xlsx', 'docx', 'records', 'json', 'decidim'] as const;
export type ImportFormat = (typeof IMPORT_FORMATS)[number];

/** Files larger than this are refused before any parsing. */
export const MAX_IMPORT_BYTES = 20 * 1024 * 1024;
/** XLSX and DOCX are zip files: refuse any whose entries would expand past this. */
export const MAX_EXPANDED_BYTES = 100 * 1024 * 1024;

export interface SourceTable {
  /** Where the rows came from: a sheet name, "Table 2", or the format's name. */
  name: string;
  /**
   * Rows of cells. Cells are plain text, except DOCX cells, which keep the cell's HTML (as
   * mammoth gives it) so labelled description parts (<b>Target:</b> …) can be split.
   */
  rows: string[][];
  /** The 1-based line (or spreadsheet row) each row starts on, for warnings; defaults to index + 1. */
  lines?: number[];
  /** What the reader could not place in any row (lines outside every record), by line. */
  warnings?: ImportWarning[];
}

export type ReadResult =
  | { kind: 'tables'; format: ImportFormat; tables: SourceTable[] }
  | { kind: 'plan'; format: ImportFormat; plan: ParsedPlan };

export interface ReadOptions {
  format: ImportFormat | 'auto';
  /** XLSX only: the sheet to read (default: the first). */
  sheet?: string;
  /** The uploaded file's name, used by auto-detection. */
  filename?: string;
  /** The council's plan-year start month (1–12), for dates such as "2019/20". */
  yearStartMonth?: number;
}
