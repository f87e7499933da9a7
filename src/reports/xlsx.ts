// The committee report's tables as an Excel workbook, for officers who want to sort, filter or
// re-use the figures: a "Report" sheet with the cover fields, then one sheet per appendix table.
// Dates are real date cells; header rows are bold, frozen and filtered.

// exceljs takes a good part of a second to load: it is loaded when a workbook is made, not at start.
import type ExcelJS from 'exceljs';
import type { Rag } from '../domain/rag.ts';
import { coverRows, RAG_COLUMNS, RAG_FILL, STAGE_COLUMNS, statusLine } from './common.ts';
import type { Appendix, ReportModel, SummaryRow } from './model.ts';

export const MAX_SHEET_NAME = 31;
const DATE_FORMAT = 'd mmmm yyyy';
const HEAD_FILL = 'FFF3F2F1';

/** An ISO date (or timestamp) as a date cell's value: midnight UTC, which Excel reads as that day. */
export function excelDate(iso: string | null): Date | null {
  const m = iso ? /^(\d{4})-(\d{2})-(\d{2})/.exec(iso) : null;
  return m ? new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))) : null;
}

/** A valid, unique sheet name: no \ / ? * [ ] :, not quoted, at most 31 characters. */
export function sheetName(wanted: string, taken: Set<string>): string {
  const base = wanted.replace(/[\\/?*[\]:]/g, '-').replace(/^'+|'+$/g, '').replace(/\s+/g, ' ').trim() || 'Sheet';
  for (let n = 1; ; n++) {
    const suffix = n === 1 ? '' : ` (${n})`;
    const name = base.slice(0, MAX_SHEET_NAME - suffix.length).trimEnd() + suffix;
    if (!taken.has(name.toLowerCase())) {
      taken.add(name.toLowerCase());
      return name;
    }
  }
}

interface Column {
  header: string;
  width: number;
  date?: boolean;
  wrap?: boolean;
}

type Value = string | number | Date | null;

function addTableSheet(wb: ExcelJS.Workbook, name: string, columns: Column[], rows: Value[][], rags: (Rag | null)[] = [], ragColumn = -1): ExcelJS.Worksheet {
  const ws = wb.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1, xSplit: 0 }] });
  ws.columns = columns.map((c) => ({ header: c.header, width: c.width, style: c.date ? { numFmt: DATE_FORMAT } : {} }));
  const head = ws.getRow(1);
  head.font = { bold: true };
  head.eachCell((c) => {
    c.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: HEAD_FILL } };
    c.alignment = { vertical: 'top', wrapText: true };
  });
  for (const [i, values] of rows.entries()) {
    const row = ws.addRow(values);
    row.alignment = { vertical: 'top' };
    columns.forEach((c, ci) => {
      if (c.wrap) row.getCell(ci + 1).alignment = { vertical: 'top', wrapText: true };
    });
    const rag = rags[i];
    if (rag && ragColumn >= 0) {
      const { fill, ink } = RAG_FILL[rag];
      const cell = row.getCell(ragColumn + 1);
      cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: `FF${fill.slice(1).toUpperCase()}` } };
      cell.font = { bold: true, color: { argb: `FF${ink.slice(1).toUpperCase()}` } };
    }
  }
  ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: columns.length } };
  return ws;
}

function summaryRow(r: SummaryRow): Value[] {
  return [r.service, r.total, ...RAG_COLUMNS.map((c) => r.byRag[c.key]), ...STAGE_COLUMNS.map((c) => r.byStage[c.key])];
}

function addAppendix(wb: ExcelJS.Workbook, a: Appendix, taken: Set<string>): void {
  if (a.kind === 'progress') {
    const rows: Value[][] = [];
    const rags: Rag[] = [];
    for (const o of a.objectives) {
      for (const r of o.rows) {
        rows.push([o.heading, r.code, r.title, r.leadOfficers, excelDate(r.dueDate), r.stageLabel, `${r.ragSymbol} ${r.ragLabel}`, r.ragExplanation, r.narrative ?? '', excelDate(r.asAt)]);
        rags.push(r.rag);
      }
    }
    const columns: Column[] = [
      { header: 'Objective', width: 36, wrap: true },
      { header: 'Code', width: 14 },
      { header: 'Action', width: 48, wrap: true },
      { header: 'Lead officer', width: 28, wrap: true },
      { header: 'Due date', width: 18, date: true },
      { header: 'Stage', width: 14 },
      { header: 'Traffic light', width: 16 },
      { header: 'Reason for traffic light', width: 40, wrap: true },
      { header: 'Latest update', width: 60, wrap: true },
      { header: 'As at', width: 18, date: true },
    ];
    addTableSheet(wb, sheetName(`${a.letter} ${a.plan.orgName}`, taken), columns, rows, rags, 6);
  } else if (a.kind === 'summary') {
    const columns: Column[] = [
      { header: 'Service', width: 36, wrap: true },
      { header: 'Total', width: 10 },
      ...RAG_COLUMNS.map((c) => ({ header: `Traffic light: ${c.label}`, width: 14, wrap: true })),
      ...STAGE_COLUMNS.map((c) => ({ header: `Stage: ${c.label}`, width: 14, wrap: true })),
    ];
    const ws = addTableSheet(wb, sheetName(`${a.letter} Summary`, taken), columns, [...a.rows.map(summaryRow), summaryRow({ ...a.totals, service: 'Total' })]);
    ws.getRow(a.rows.length + 2).font = { bold: true };
  } else {
    const columns: Column[] = [
      { header: 'Service', width: 30, wrap: true },
      { header: 'Code', width: 14 },
      { header: 'Action', width: 48, wrap: true },
      { header: 'Lead officer', width: 28, wrap: true },
      { header: 'Due date', width: 18, date: true },
      { header: 'Reasons', width: 20, wrap: true },
      { header: 'Traffic light', width: 16 },
      { header: 'Latest update', width: 60, wrap: true },
    ];
    const rows = a.rows.map((r): Value[] => [r.service, r.code, r.title, r.leadOfficers, excelDate(r.dueDate), r.reasons.join(', '), `${r.ragSymbol} ${r.ragLabel}`, r.narrative ?? '']);
    addTableSheet(wb, sheetName(`${a.letter} Exceptions`, taken), columns, rows, a.rows.map((r) => r.rag), 6);
  }
}

/** The report's cover fields and appendix tables as an Excel workbook (.xlsx). */
export async function renderReportXlsx(model: ReportModel): Promise<Buffer> {
  const { default: Excel } = await import('exceljs');
  const wb = new Excel.Workbook();
  wb.creator = model.council.name;
  wb.title = model.title;
  wb.subject = model.committee ?? '';
  wb.created = excelDate(model.issued?.issuedAt ?? null) ?? new Date();
  const taken = new Set<string>();

  const cover: Value[][] = [['Council', model.council.name]];
  for (const r of coverRows(model)) {
    if (r.label === 'Date of meeting') cover.push([r.label, excelDate(model.meetingDate) ?? r.value]);
    else cover.push([r.label, r.value]);
  }
  cover.push(['Status', statusLine(model)], ['Progress as at', excelDate(model.asOf) ?? model.asOf]);
  const ws = wb.addWorksheet(sheetName('Report', taken), { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = [{ header: 'Field', width: 24 }, { header: 'Value', width: 90 }];
  ws.getRow(1).font = { bold: true };
  for (const values of cover) {
    const row = ws.addRow(values);
    row.getCell(1).font = { bold: true };
    row.getCell(2).alignment = { vertical: 'top', wrapText: true };
    if (values[1] instanceof Date) row.getCell(2).numFmt = DATE_FORMAT;
  }

  for (const a of model.appendices) addAppendix(wb, a, taken);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
