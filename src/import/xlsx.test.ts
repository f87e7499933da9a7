import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import ExcelJS from 'exceljs';
import { ImportError } from '../domain/errors.ts';
import { tablesToPlan } from '../domain/import-tables.ts';
import { listSheets, planMetaFromRows, readSource } from './index.ts';
import type { ReadResult } from './types.ts';
import { cellValueText } from './xlsx.ts';

async function workbook(build: (wb: ExcelJS.Workbook) => void): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  build(wb);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

function tables(r: ReadResult) {
  assert.equal(r.kind, 'tables');
  assert.equal(r.format, 'xlsx');
  return r.kind === 'tables' ? r.tables : [];
}

// A parks service's action sheet with the cell types councils' spreadsheets hold.
const parks = (): Promise<Buffer> =>
  workbook((wb) => {
    const ws = wb.addWorksheet('Actions');
    ws.addRow(['Action code', 'Action', 'Due date', '% complete', 'Lead officer', 'Progress update', 'Budget agreed', 'Link', 'Check']);
    ws.addRow([
      'PK01',
      { richText: [{ text: 'Replant ', font: { bold: true } }, { text: 'the rose garden' }] },
      new Date(Date.UTC(2025, 2, 31)),
      0.88,
      'Parks Manager',
      { formula: '"Planting "&"done"', result: 'Planting done' },
      true,
      { text: 'Parks page', hyperlink: 'https://example.org/parks' },
      { error: '#N/A' },
    ]);
    ws.getCell('C2').numFmt = 'dd/mm/yyyy';
    ws.getCell('D2').numFmt = '0%';
    ws.addRow([]);
    ws.addRow(['PK02', 'Resurface the tennis courts', new Date(Date.UTC(2025, 5, 30)), 0.125, 'Sports Officer', 'In progress – contractor booked', false]);
    ws.getCell('C4').numFmt = 'd mmm yyyy';
    ws.getCell('D4').numFmt = '0.0%';
    ws.addRow(['PK03', 'Count the swans', null, { formula: '0.1+0.2', result: 0.30000000000000004 }]);
    ws.addRow(['Corporate Priority: Green spaces']);
    ws.mergeCells('A6:F6');
  });

describe('XLSX reader', () => {
  test('turns cells into the text Excel shows: rich text, ISO dates, percentages, formulas, links, booleans, errors', async () => {
    const [t] = tables(await readSource(await parks(), { format: 'xlsx' }));
    assert.ok(t);
    assert.equal(t.name, 'Actions');
    assert.deepEqual(t.rows[1], ['PK01', 'Replant the rose garden', '2025-03-31', '88%', 'Parks Manager', 'Planting done', 'Yes', 'Parks page']);
    assert.deepEqual(t.rows[2], ['PK02', 'Resurface the tennis courts', '2025-06-30', '12.5%', 'Sports Officer', 'In progress – contractor booked', 'No']);
    assert.deepEqual(t.rows[3], ['PK03', 'Count the swans', '', '0.3']);
    // Rows keep their spreadsheet numbers; the empty row 3 is left out.
    assert.deepEqual(t.lines, [1, 2, 4, 5, 6]);
  });

  test('a merged range has its value in the top-left cell only', async () => {
    const [t] = tables(await readSource(await parks(), { format: 'xlsx' }));
    assert.deepEqual(t?.rows[4], ['Corporate Priority: Green spaces']);
    const buf = await workbook((wb) => {
      const ws = wb.addWorksheet('Merged');
      ws.addRow(['Action', 'Due date', 'Lead officer']);
      ws.addRow(['Sweep the market square', '2025-01-31', 'Street Cleansing']);
      ws.addRow(['', '2025-02-28', '']);
      ws.mergeCells('C2:C3');
    });
    const [m] = tables(await readSource(buf, { format: 'xlsx' }));
    assert.deepEqual(m?.rows, [['Action', 'Due date', 'Lead officer'], ['Sweep the market square', '2025-01-31', 'Street Cleansing'], ['', '2025-02-28']]);
  });

  test('reads into a plan with tablesToPlan', async () => {
    const [t] = tables(await readSource(await parks(), { format: 'auto', filename: 'parks.xlsx' }));
    const plan = tablesToPlan(t?.rows ?? [], { lines: t?.lines });
    const actions = plan.objectives.flatMap((o) => o.actions);
    assert.deepEqual(actions.map((a) => [a.code, a.dueDate, a.percentComplete]), [['PK01', '2025-03-31', 88], ['PK02', '2025-06-30', 13], ['PK03', null, 0]]);
  });

  test('reads the named sheet; an unknown sheet is an ImportError listing the sheets', async () => {
    const buf = await workbook((wb) => {
      wb.addWorksheet('Cover').addRow(['Housing plan 2025/26']);
      wb.addWorksheet('Q2 update').addRow(['Action', 'Status']);
    });
    const [t] = tables(await readSource(buf, { format: 'xlsx', sheet: 'Q2 update' }));
    assert.equal(t?.name, 'Q2 update');
    assert.deepEqual(t?.rows, [['Action', 'Status']]);
    const [lower] = tables(await readSource(buf, { format: 'xlsx', sheet: 'q2 UPDATE' }));
    assert.equal(lower?.name, 'Q2 update');
    const [first] = tables(await readSource(buf, { format: 'xlsx' }));
    assert.equal(first?.name, 'Cover');
    await assert.rejects(
      readSource(buf, { format: 'xlsx', sheet: 'Q3 update' }),
      (e) => e instanceof ImportError && e.message.includes('“Q3 update”') && e.message.includes('“Cover”, “Q2 update”'),
    );
    assert.deepEqual(await listSheets(buf), ['Cover', 'Q2 update']);
  });

  test('a "Plan" sheet comes back after the data sheet, and is skipped when choosing the first sheet', async () => {
    const buf = await workbook((wb) => {
      const plan = wb.addWorksheet('Plan');
      plan.addRow(['Organisation code', 'PLN']);
      plan.addRow(['Organisation', 'Planning and Building Control']);
      plan.addRow(['Year', '2025/26']);
      plan.addRow(['Vision', 'Good places to live']);
      wb.addWorksheet('Actions').addRow(['Action', 'Due date']);
    });
    const ts = tables(await readSource(buf, { format: 'xlsx' }));
    assert.deepEqual(ts.map((t) => t.name), ['Actions', 'Plan']);
    const meta = planMetaFromRows(ts[1]?.rows ?? []);
    assert.deepEqual(meta?.org, { code: 'PLN', name: 'Planning and Building Control' });
    assert.equal(meta?.year, '2025/26');
    assert.equal(meta?.vision, 'Good places to live');
    assert.equal(meta?.purpose, null);
    // Reading the Plan sheet itself gives just that sheet.
    assert.deepEqual(tables(await readSource(buf, { format: 'xlsx', sheet: 'Plan' })).map((t) => t.name), ['Plan']);
  });

  test('cellValueText handles values exceljs may hand back', () => {
    assert.equal(cellValueText(45747, 'dd/mm/yyyy'), '2025-03-31');
    assert.equal(cellValueText(45747, '"Due" General'), '45747');
    assert.equal(cellValueText(1234567.5), '1234567.5');
    assert.equal(cellValueText(0.885, '0.0%'), '88.5%');
    assert.equal(cellValueText(new Date(Number.NaN)), '');
    assert.equal(cellValueText({ formula: 'A1', result: { error: '#REF!' } }), '');
    assert.equal(cellValueText({ text: { richText: [{ text: 'Rich link' }] }, hyperlink: 'x' }), 'Rich link');
    assert.equal(cellValueText({ sharedFormula: 'B2', result: 7 }), '7');
    assert.equal(cellValueText({ unexpected: 1 }), '');
  });

  test('a 10,000-row workbook reads every row, each with its spreadsheet row number', async () => {
    const buf = await workbook((wb) => {
      const ws = wb.addWorksheet('Actions');
      ws.addRow(['Action code', 'Action', 'Due date', '% complete', 'Progress update']);
      for (let i = 1; i <= 10_000; i++) {
        ws.addRow([`HW${i}`, `Fill pothole ${i} on the ring road`, new Date(Date.UTC(2025, i % 12, 1)), (i % 100) / 100, 'In progress – crew booked']);
      }
    });
    const [t] = tables(await readSource(buf, { format: 'auto', filename: 'highways.xlsx' }));
    assert.equal(t?.rows.length, 10_001);
    assert.equal(t?.lines?.at(-1), 10_001);
  });

  test('not a workbook: an ImportError that says so', async () => {
    await assert.rejects(readSource(Buffer.from('Action,Due\n'), { format: 'xlsx' }), (e) => e instanceof ImportError);
  });
});
