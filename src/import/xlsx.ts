// Excel workbooks (.xlsx). Cells become the text a person sees in Excel, so the same parsers read
// them as read pasted text: dates as ISO dates, percentages with their % sign, formulas as their
// results. Waymark's own exports carry plan-level fields on a sheet called "Plan", which comes
// back as a second table.

// exceljs takes a good part of a second to load: it is loaded when a workbook is read, not at start.
import type ExcelJS from 'exceljs';
import { ImportError } from '../domain/errors.ts';
import type { ReadResult, SourceTable } from './types.ts';
import { guardZip } from './zip-guard.ts';

export const PLAN_SHEET = 'Plan';

/** No plan has this many columns; a stray cell far to the right must not make every row that wide. */
const MAX_COLUMNS = 256;

/** The format string with its literal text ("…", \x) and [colour]/[locale] sections removed. */
// exceljs types its input as its own ArrayBuffer-like "Buffer"; at run time it takes a Node Buffer.
type XlsxData = Parameters<ExcelJS.Workbook['xlsx']['load']>[0];
const loadWorkbook = async (buffer: Buffer): Promise<ExcelJS.Workbook> => {
  const { default: Excel } = await import('exceljs');
  const workbook = new Excel.Workbook();
  await workbook.xlsx.load(buffer as unknown as XlsxData);
  return workbook;
};

const formatCodes = (numFmt: string): string => numFmt.replace(/"[^"]*"|\\.|\[[^\]]*\]/gu, '');

const isPercentFormat = (numFmt: string | undefined): boolean => numFmt !== undefined && formatCodes(numFmt).includes('%');

const isDateFormat = (numFmt: string | undefined): boolean =>
  numFmt !== undefined && !/general/iu.test(numFmt) && /[dmy]/iu.test(formatCodes(numFmt));

function isoFromDate(d: Date): string {
  return Number.isNaN(d.getTime()) ? '' : d.toISOString().slice(0, 10);
}

/** Excel's day numbers (1900 system) as a date; used for formula results, which exceljs leaves as numbers. */
function isoFromSerial(serial: number): string {
  return isoFromDate(new Date(Math.round((serial - 25569) * 86_400_000)));
}

function numberText(n: number, numFmt: string | undefined): string {
  if (!Number.isFinite(n)) return '';
  if (isPercentFormat(numFmt)) {
    const codes = formatCodes(numFmt ?? '');
    const decimals = /\.([0#]+)/u.exec(codes)?.[1]?.length ?? 0;
    return `${(n * 100).toFixed(Math.min(decimals, 10))}%`;
  }
  if (isDateFormat(numFmt) && n > 0 && n < 2_958_466) return isoFromSerial(n);
  // 15 significant digits is what Excel shows, and hides float noise such as 0.30000000000000004.
  return String(Number(n.toPrecision(15)));
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;

/** The text of a cell value as Excel would show it (loosely: no thousands separators). */
export function cellValueText(value: unknown, numFmt?: string): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return numberText(value, numFmt);
  if (typeof value === 'boolean') return value ? 'Yes' : 'No';
  if (value instanceof Date) return isoFromDate(value);
  if (!isObject(value)) return '';
  if (Array.isArray(value.richText)) {
    return value.richText.map((run: unknown) => (isObject(run) && typeof run.text === 'string' ? run.text : '')).join('');
  }
  if ('error' in value) return '';
  if ('formula' in value || 'sharedFormula' in value) return cellValueText(value.result, numFmt);
  if ('hyperlink' in value || 'text' in value) return cellValueText(value.text, numFmt);
  return '';
}

function cellText(cell: ExcelJS.Cell): string {
  // A merged range keeps its value in the top-left cell; the others would repeat it.
  if (cell.isMerged && cell.master.address !== cell.address) return '';
  return cellValueText(cell.value, cell.numFmt);
}

/** Non-empty rows of a sheet, trailing empty cells trimmed, with their spreadsheet row numbers. */
function sheetTable(sheet: ExcelJS.Worksheet): SourceTable {
  const rows: string[][] = [];
  const lines: number[] = [];
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const cells: string[] = [];
    row.eachCell({ includeEmpty: false }, (cell, col) => {
      if (col > MAX_COLUMNS) return;
      const text = cellText(cell);
      if (text === '') return;
      while (cells.length < col - 1) cells.push('');
      cells[col - 1] = text;
    });
    if (cells.length === 0) return;
    rows.push(cells);
    lines.push(rowNumber);
  });
  return { name: sheet.name, rows, lines };
}

function findSheet(workbook: ExcelJS.Workbook, name: string): ExcelJS.Worksheet | undefined {
  const sheets = workbook.worksheets;
  const wanted = name.trim().toLowerCase();
  return sheets.find((s) => s.name === name) ?? sheets.find((s) => s.name.trim().toLowerCase() === wanted);
}

const quoteList = (names: string[]): string => names.map((n) => `“${n}”`).join(', ');

/**
 * Reads the data sheet (opts.sheet, or the first sheet that is not "Plan") and, when the workbook
 * also has a "Plan" sheet, that sheet as a second table.
 */
export async function readXlsx(buffer: Buffer, opts: { sheet?: string } = {}): Promise<ReadResult> {
  guardZip(buffer);
  const workbook = await loadWorkbook(buffer);
  const sheets = workbook.worksheets;
  if (sheets.length === 0) throw new ImportError('The workbook has no sheets');
  let data: ExcelJS.Worksheet | undefined;
  if (opts.sheet !== undefined && opts.sheet.trim() !== '') {
    data = findSheet(workbook, opts.sheet);
    if (!data) {
      throw new ImportError(`The workbook has no sheet called “${opts.sheet}”. Its sheets are ${quoteList(sheets.map((s) => s.name))}`);
    }
  } else {
    data = sheets.find((s) => s.name !== PLAN_SHEET) ?? sheets[0];
  }
  if (!data) throw new ImportError('The workbook has no sheets');
  const tables = [sheetTable(data)];
  const plan = sheets.find((s) => s.name === PLAN_SHEET);
  if (plan && plan !== data) tables.push({ ...sheetTable(plan), name: PLAN_SHEET });
  return { kind: 'tables', format: 'xlsx', tables };
}

/** The names of a workbook's sheets, for a sheet picker. */
export async function listSheets(buffer: Buffer): Promise<string[]> {
  guardZip(buffer);
  const workbook = await loadWorkbook(buffer);
  return workbook.worksheets.map((s) => s.name);
}
