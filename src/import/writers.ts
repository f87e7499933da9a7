// Files Waymark exports: CSV (UTF-8 with a BOM, so Excel shows "£" and "–" correctly), XLSX (an
// "Actions" sheet of typed cells and a "Plan" sheet of the plan's own fields) and JSON. Each reads
// back in through the importer to the same plan.

import { stringify } from 'csv-stringify/sync';
import type { ExportCell } from '../domain/plan-export.ts';
import { safeCell } from '../domain/spreadsheet-cells.ts';

export interface SheetColumn {
  header: string;
  type: 'text' | 'date' | 'number';
}

/** Text cells that a spreadsheet would take for a formula get a leading apostrophe (safeCell); numbers stay numbers. */
export function toCsv(rows: readonly ExportCell[][]): Buffer {
  const text = stringify(rows.map((r) => r.map((c) => (c === null ? '' : typeof c === 'number' ? String(c) : safeCell(c)))), { record_delimiter: '\r\n' });
  return Buffer.from(`\uFEFF${text}`, 'utf8');
}

const isoToDate = (iso: string): Date => new Date(`${iso}T00:00:00.000Z`);

/**
 * A workbook with the data rows on "Actions" (header frozen and filterable, dates as real dates)
 * and, when given, label/value rows on "Plan".
 */
export async function toXlsx(columns: readonly SheetColumn[], rows: readonly ExportCell[][], planFields: readonly [string, string | null][] = []): Promise<Buffer> {
  // Loaded here, not at start: exceljs takes a good part of a second to load.
  const { default: ExcelJS } = await import('exceljs');
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Waymark';
  const sheet = wb.addWorksheet('Actions', { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = columns.map((c) => ({
    header: c.header,
    width: c.type === 'date' ? 14 : c.type === 'number' ? 10 : Math.min(60, Math.max(12, c.header.length + 2)),
    ...(c.type === 'date' ? { style: { numFmt: 'd mmmm yyyy' } } : {}),
  }));
  sheet.getRow(1).font = { bold: true };
  for (const row of rows) {
    sheet.addRow(row.map((cell, i) => (cell !== null && columns[i]?.type === 'date' && typeof cell === 'string' ? isoToDate(cell) : cell)));
  }
  if (rows.length) sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: columns.length } };
  if (planFields.length) {
    const plan = wb.addWorksheet('Plan');
    plan.columns = [{ header: 'Field', width: 22 }, { header: 'Value', width: 80 }];
    plan.getRow(1).font = { bold: true };
    for (const [label, value] of planFields) plan.addRow([label, value]);
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export function toJson(value: unknown): Buffer {
  return Buffer.from(`${JSON.stringify(value, null, 2)}\n`, 'utf8');
}
