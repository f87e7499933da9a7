import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import ExcelJS from 'exceljs';
import { sampleReportModel } from '../../test/support/report-model.ts';
import type { ReportModel } from './model.ts';
import { MAX_SHEET_NAME, renderReportXlsx, sheetName } from './xlsx.ts';

async function read(model: ReportModel): Promise<ExcelJS.Workbook> {
  const bytes = await renderReportXlsx(model);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
  return wb;
}

const headerRow = (ws: ExcelJS.Worksheet): string[] => (ws.getRow(1).values as ExcelJS.CellValue[]).slice(1).map(String);

describe('renderReportXlsx', async () => {
  const model = sampleReportModel({ restricted: true, issued: true });
  const wb = await read(model);

  test('has a Report sheet and one sheet per appendix table, named within Excel’s limits', () => {
    assert.deepEqual(wb.worksheets.map((w) => w.name), ['Report', 'A Democratic and Customer Servic', 'B Digital and ICT Services', 'C Summary', 'D Exceptions'].map((n) => n.slice(0, MAX_SHEET_NAME)));
    assert.equal(wb.creator, 'Fernmoor District Council');
    assert.equal(wb.title, model.title);
  });

  test('puts the cover fields, with real dates, on the Report sheet', () => {
    const ws = wb.getWorksheet('Report');
    assert.ok(ws);
    const fields = new Map<string, ExcelJS.CellValue>();
    ws.eachRow((row, n) => {
      if (n > 1) fields.set(String(row.getCell(1).value), row.getCell(2).value);
    });
    assert.equal(fields.get('Council'), 'Fernmoor District Council');
    assert.equal(fields.get('Report on'), model.title);
    assert.deepEqual(fields.get('Date of meeting'), new Date(Date.UTC(2024, 10, 14)));
    assert.deepEqual(fields.get('Progress as at'), new Date(Date.UTC(2024, 8, 30)));
    assert.match(String(fields.get('Restricted')), /^Yes\. Exempt information under paragraph 3: /);
    assert.equal(fields.get('Status'), 'Issued version 2, issued on 1 November 2024 by Alex Morgan');
  });

  test('lists every action of a plan with its objective, real due and as-at dates, and bold, frozen, filtered headers', () => {
    const ws = wb.worksheets[1];
    assert.ok(ws);
    assert.deepEqual(headerRow(ws), ['Objective', 'Code', 'Action', 'Lead officer', 'Due date', 'Stage', 'Traffic light', 'Reason for traffic light', 'Latest update', 'As at']);
    assert.equal(ws.getRow(1).getCell(1).font?.bold, true);
    assert.equal(ws.views[0]?.state, 'frozen');
    assert.equal((ws.views[0] as { ySplit?: number }).ySplit, 1);
    assert.ok(ws.autoFilter);
    const plan = model.appendices[0];
    assert.ok(plan?.kind === 'progress');
    const rows = plan.objectives.flatMap((o) => o.rows.map((r) => ({ objective: o.heading, ...r })));
    assert.equal(ws.rowCount, rows.length + 1);
    const first = ws.getRow(2);
    assert.equal(first.getCell(1).value, rows[0]?.objective);
    assert.equal(first.getCell(2).value, rows[0]?.code);
    const due = first.getCell(5).value;
    assert.ok(due instanceof Date, 'due date is a date cell');
    assert.equal(due.toISOString().slice(0, 10), rows[0]?.dueDate);
    assert.ok(first.getCell(10).value instanceof Date, 'as at is a date cell');
    assert.match(String(ws.getRow(4).getCell(7).value), /^✖ Red$/);
    assert.equal(ws.getRow(4).getCell(7).fill?.type, 'pattern');
  });

  test('counts actions by service and in total on the summary sheet', () => {
    const ws = wb.getWorksheet('C Summary');
    assert.ok(ws);
    const head = headerRow(ws);
    assert.deepEqual(head.slice(0, 4), ['Service', 'Total', 'Traffic light: Green', 'Traffic light: Amber']);
    assert.ok(head.includes('Stage: Complete') && head.includes('Traffic light: Complete'));
    const summary = model.appendices.find((a) => a.kind === 'summary');
    assert.ok(summary?.kind === 'summary');
    const totals = ws.getRow(summary.rows.length + 2);
    assert.equal(totals.getCell(1).value, 'Total');
    assert.equal(totals.getCell(2).value, 12);
    assert.equal(totals.getCell(head.indexOf('Traffic light: Red') + 1).value, summary.totals.byRag.red);
    assert.equal(totals.getCell(head.indexOf('Stage: In progress') + 1).value, summary.totals.byStage.in_progress);
    assert.equal(ws.getRow(2).getCell(2).value, summary.rows[0]?.total);
  });

  test('lists the exceptions with their reasons', () => {
    const ws = wb.getWorksheet('D Exceptions');
    assert.ok(ws);
    assert.deepEqual(headerRow(ws), ['Service', 'Code', 'Action', 'Lead officer', 'Due date', 'Reasons', 'Traffic light', 'Latest update']);
    const exceptions = model.appendices.find((a) => a.kind === 'exceptions');
    assert.ok(exceptions?.kind === 'exceptions');
    assert.equal(ws.rowCount, exceptions.rows.length + 1);
    assert.equal(ws.getRow(2).getCell(6).value, 'Red, Overdue');
  });

  test('makes sheet names valid and unique', () => {
    const taken = new Set<string>();
    assert.equal(sheetName('A: [plan] / 2024*?', taken), 'A- -plan- - 2024--');
    const long = 'B A very long service name that goes on and on';
    assert.equal(sheetName(long, taken), long.slice(0, 31));
    assert.equal(sheetName(long, taken), `${long.slice(0, 27).trimEnd()} (2)`);
    assert.equal(sheetName('report', new Set(['report'])), 'report (2)');
  });

  test('writes a 500-action report', async () => {
    const big = await read(sampleReportModel({ actions: 500 }));
    assert.equal((big.worksheets[1]?.rowCount ?? 0) + (big.worksheets[2]?.rowCount ?? 0), 502);
  });
});
