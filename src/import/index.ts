// The one way into the import readers: bytes in, tables or a plan out, and nothing but an
// ImportError ever thrown. Libraries fail in their own words (exceljs, mammoth, csv-parse, JSON);
// those are wrapped here into a message that names the format the file was read as.

import { ImportError } from '../domain/errors.ts';
import { tablesToPlan, type ParsedPlan, type TableOptions } from '../domain/import-tables.ts';
import { planMetaFromRows } from './actions.ts';
import { detectDelimiter, readCsv } from './csv.ts';
import { readDecidim, isDecidimHeader } from './decidim.ts';
import { readDocx } from './docx.ts';
import { readJson } from './json.ts';
import { readPaste } from './paste.ts';
import { looksLikeRecords, readRecords } from './records.ts';
import { decodeText, isBlank } from './text.ts';
import { IMPORT_FORMATS, MAX_IMPORT_BYTES, type ImportFormat, type ReadOptions, type ReadResult } from './types.ts';
import { isZip, listZipEntries, ZipDamagedError } from './zip-guard.ts';
import { listSheets as listWorkbookSheets, PLAN_SHEET, readXlsx } from './xlsx.ts';

export * from './types.ts';
export { planMetaFromRows } from './actions.ts';
export { parsedActionSchema, parsedObjectiveSchema, planMetaSchema, waymarkPlanSchema, type WaymarkPlanJson } from './json.ts';
export { PLAN_SHEET } from './xlsx.ts';

const FORMAT_NAMES: Record<ImportFormat, string> = {
  paste: 'This pasted text could not be read',
  csv: 'This does not look like a CSV file',
  xlsx: 'This does not look like an Excel workbook (.xlsx)',
  docx: 'This does not look like a Word document (.docx)',
  records: 'These action records could not be read',
  json: 'This does not look like a Waymark plan file (.json)',
  decidim: 'This does not look like a Decidim accountability export (.csv)',
};

const MB = 1024 * 1024;

function sizeText(bytes: number): string {
  return bytes >= MB ? `${(bytes / MB).toFixed(1)} MB` : `${Math.ceil(bytes / 1024)} KB`;
}

// What zip libraries say about inconsistent archives, which means nothing to a council officer.
const DAMAGED = /^Bug\b|corrupted zip|end of data reached|data size mismatch|crc32|invalid (?:distance|code|block|stored)|unexpected end/iu;

/** A library's error in short: its first line, at most 200 characters; its own bugs as "damaged". */
function reason(e: unknown): string {
  if (e instanceof TypeError || e instanceof RangeError || e instanceof ReferenceError) return 'the file is damaged or was not saved by the program it claims';
  const text = e instanceof Error ? e.message : typeof e === 'string' ? e : 'unknown error';
  const first = (text.split('\n')[0] ?? '').replace(/\s+/gu, ' ').trim() || 'unknown error';
  if (DAMAGED.test(first)) return 'the file is damaged';
  return first.length > 200 ? `${first.slice(0, 197)}…` : first;
}

function wrap(format: ImportFormat, e: unknown): ImportError {
  if (e instanceof ZipDamagedError) return new ImportError(`${FORMAT_NAMES[format]}: ${e.message.charAt(0).toLowerCase()}${e.message.slice(1)}`);
  if (e instanceof ImportError) return e;
  return new ImportError(`${FORMAT_NAMES[format]}: ${reason(e)}`);
}

const OLE_MAGIC = [0xd0, 0xcf, 0x11, 0xe0];
const startsWith = (bytes: Uint8Array, magic: number[]): boolean => magic.every((b, i) => bytes[i] === b);

/** The format of a zip by what it holds: Excel keeps its parts under xl/, Word under word/. */
function zipFormat(bytes: Uint8Array): ImportFormat {
  const names = listZipEntries(bytes).map((e) => e.name);
  if (names.some((n) => n.startsWith('xl/'))) return 'xlsx';
  if (names.some((n) => n.startsWith('word/'))) return 'docx';
  if (names.includes('content.xml')) {
    throw new ImportError('OpenDocument files (.ods, .odt) cannot be read: save the file as .xlsx or .docx and upload that');
  }
  throw new ImportError('This zip file is neither an Excel workbook (.xlsx) nor a Word document (.docx)');
}

const EXTENSIONS: Record<string, ImportFormat | 'text'> = {
  xlsx: 'xlsx', xlsm: 'xlsx', docx: 'docx', docm: 'docx', json: 'json', csv: 'csv', tsv: 'paste', tab: 'paste', txt: 'text',
};

/** The format of text by its content. Order matters: the most specific shapes are tried first. */
export function detectTextFormat(text: string): ImportFormat {
  const trimmed = text.trimStart();
  if (trimmed.startsWith('{')) return 'json';
  const firstLine = trimmed.split('\n', 1)[0] ?? '';
  const delimiter = detectDelimiter(trimmed);
  if (delimiter !== '\t' && isDecidimHeader(firstLine.split(delimiter).map((c) => c.replace(/^"|"$/gu, '')))) return 'decidim';
  const lines = text.split('\n').filter((l) => l.trim() !== '').slice(0, 200);
  if (lines.length > 0 && lines.filter((l) => l.includes('\t')).length > lines.length / 2) return 'paste';
  if (looksLikeRecords(text)) return 'records';
  return 'csv';
}

/**
 * The format of an upload: a zip by its entries, then the file name's extension, then the text's
 * shape. Throws ImportError for files no reader handles (old .xls/.doc, PDF, other zips, binary).
 */
export function detectFormat(input: Uint8Array, filename?: string): ImportFormat {
  if (isZip(input)) return zipFormat(input);
  if (startsWith(input, OLE_MAGIC)) {
    throw new ImportError('This is an old-style Excel (.xls) or Word (.doc) file. Open it and save it as .xlsx or .docx, then upload that');
  }
  if (startsWith(input, [0x25, 0x50, 0x44, 0x46])) {
    throw new ImportError('PDF files cannot be uploaded: open the PDF, copy the table and paste it as text instead');
  }
  const ext = /\.([a-z0-9]+)$/iu.exec(filename ?? '')?.[1]?.toLowerCase();
  const byName = ext !== undefined ? EXTENSIONS[ext] : undefined;
  if (byName === 'xlsx' || byName === 'docx') return byName;
  let text: string;
  try {
    text = decodeText(input);
  } catch (e) {
    if (e instanceof ImportError) {
      throw new ImportError(`Waymark cannot tell what kind of file this is: ${e.message.replace(/^This file is not text: /u, 'it is not text: ')}`);
    }
    throw e;
  }
  if (byName === 'json') return 'json';
  if (byName === 'csv') {
    const firstLine = text.trimStart().split('\n', 1)[0] ?? '';
    return isDecidimHeader(firstLine.split(detectDelimiter(firstLine)).map((c) => c.replace(/^"|"$/gu, ''))) ? 'decidim' : 'csv';
  }
  if (byName === 'paste') return 'paste';
  return detectTextFormat(text);
}

async function dispatch(format: ImportFormat, input: Buffer, opts: ReadOptions): Promise<ReadResult> {
  switch (format) {
    case 'xlsx':
      return readXlsx(input, { sheet: opts.sheet });
    case 'docx':
      return readDocx(input);
    case 'paste':
      return readPaste(decodeText(input));
    case 'csv':
      return readCsv(decodeText(input));
    case 'records':
      return readRecords(decodeText(input));
    case 'json':
      return readJson(decodeText(input));
    case 'decidim':
      return readDecidim(decodeText(input), { yearStartMonth: opts.yearStartMonth });
    default:
      throw new ImportError(`Unknown import format “${String(format)}”`);
  }
}

function checkSize(input: Uint8Array): void {
  if (input.length > MAX_IMPORT_BYTES) {
    throw new ImportError(`The file is ${sizeText(input.length)}; Waymark reads files of up to ${MAX_IMPORT_BYTES / MB} MB`);
  }
  if (isBlank(input)) throw new ImportError('The file is empty');
}

const asBuffer = (input: Uint8Array): Buffer =>
  Buffer.isBuffer(input) ? input : Buffer.from(input.buffer, input.byteOffset, input.byteLength);

/**
 * Reads an uploaded file or pasted text as opts.format says, or detects the format ('auto').
 * Throws only ImportError, whose message says what is wrong in plain words.
 */
export async function readSource(input: Buffer, opts: ReadOptions): Promise<ReadResult> {
  let format: ImportFormat | null = null;
  try {
    if (!(input instanceof Uint8Array)) throw new ImportError('Nothing was uploaded');
    checkSize(input);
    if (opts.format !== 'auto' && !(IMPORT_FORMATS as readonly string[]).includes(opts.format)) {
      throw new ImportError(`Unknown import format “${String(opts.format)}”: expected one of ${IMPORT_FORMATS.join(', ')}`);
    }
    format = opts.format === 'auto' ? detectFormat(input, opts.filename) : opts.format;
    return await dispatch(format, asBuffer(input), opts);
  } catch (e) {
    if (format !== null) throw wrap(format, e);
    if (e instanceof ImportError) throw e;
    throw new ImportError(`Waymark could not read this file: ${reason(e)}`);
  }
}

/** The sheet names of an XLSX upload, for choosing which one to import. Throws only ImportError. */
export async function listSheets(input: Buffer): Promise<string[]> {
  try {
    checkSize(input);
    return await listWorkbookSheets(asBuffer(input));
  } catch (e) {
    throw wrap('xlsx', e);
  }
}

// Spreadsheets, Word tables and records keep each row whole; pasted text and CSV may come from a
// PDF (copied, or converted by a tool such as Tabula), where a cell's text wraps onto the next row.
const WHOLE_ROWS: ReadonlySet<ImportFormat> = new Set(['xlsx', 'docx', 'records']);

/**
 * Reads the tables of a source into a plan: every data table's rows in order (a later "Plan" sheet
 * of a Waymark workbook carries the plan's own fields instead), with the reader's own warnings
 * (lines outside any record) among the table reader's, in line order.
 */
export function planFromTables(read: Extract<ReadResult, { kind: 'tables' }>, opts: Omit<TableOptions, 'lines' | 'wholeRows'> = {}): ParsedPlan {
  // The first table is always data (a workbook's only sheet may be called "Plan").
  const isMeta = (t: { name: string }, i: number): boolean => i > 0 && t.name === PLAN_SHEET;
  const data = read.tables.filter((t, i) => !isMeta(t, i));
  const rows = data.flatMap((t) => t.rows);
  const lines = data.flatMap((t) => t.rows.map((_, i) => t.lines?.[i] ?? i + 1));
  const plan = tablesToPlan(rows, { ...opts, lines, wholeRows: WHOLE_ROWS.has(read.format) });
  const own = data.flatMap((t) => t.warnings ?? []);
  if (own.length > 0) plan.warnings = [...plan.warnings, ...own].sort((a, b) => a.line - b.line);
  const metaTable = read.tables.find(isMeta);
  if (metaTable) plan.plan = planMetaFromRows(metaTable.rows);
  return plan;
}
