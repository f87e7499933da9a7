// Whatever arrives, readSource (and the table reader after it) may only fail with an ImportError:
// anything else would be a 500 page for a council officer who uploaded the wrong file.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { inflateRawSync } from 'node:zlib';
import { Document, Packer, Paragraph, Table, TableCell, TableRow, TextRun } from 'docx';
import ExcelJS from 'exceljs';
import { stringify } from 'csv-stringify/sync';
import fc from 'fast-check';
import { writeZip } from '../../test/support/zip.ts';
import { ImportError } from '../domain/errors.ts';
import { cellText as plainText } from '../domain/import-headers.ts';
import { tablesToPlan, type RowUse } from '../domain/import-tables.ts';
import { STAGES } from '../domain/stages.ts';
import { ACTION_KINDS } from '../domain/vocabulary.ts';
import { IMPORT_FORMATS, readSource, type ImportFormat, type ReadOptions } from './index.ts';
import { listZipEntries } from './zip-guard.ts';

// FUZZ_RUNS=5000 for a longer hunt; the default keeps the suite fast.
const RUNS = Number(process.env.FUZZ_RUNS ?? 200);
const FORMATS: (ImportFormat | 'auto')[] = [...IMPORT_FORMATS, 'auto'];
const FILENAMES = [undefined, 'plan.csv', 'plan.xlsx', 'plan.docx', 'plan.json', 'plan.txt', 'plan.tsv', 'plan'];

/** Reads the input, then reads any tables into a plan; fails on anything thrown but an ImportError. */
async function mustOnlyThrowImportError(input: Uint8Array, opts: ReadOptions): Promise<void> {
  try {
    const r = await readSource(Buffer.from(input), opts);
    if (r.kind === 'tables') {
      for (const t of r.tables) tablesToPlan(t.rows, { lines: t.lines });
    }
  } catch (e) {
    assert.ok(e instanceof ImportError, `${String(e)}\n${e instanceof Error ? e.stack : ''}`);
  }
}

// Fragments of the shapes the readers look for, so generated text gets past the first checks.
const FRAGMENTS = [
  'Action', 'Action code', 'Due date', 'Lead officer', '% complete', 'Status', 'Comments:', 'Progress', 'Objective',
  'Strategic Goal 1:', 'Corporate Priority:', 'Why:', '1.1', 'I.4', '22-WST04', '31/03/2024', '2019/20', 'March 2024',
  'COMPLETE –', 'In progress', '88%', '\t', ',', ';', '"', '\n', '\n\n', ': ', '<p>', '</p>', '<b>Target:</b>', '&amp;',
  '{', '}', '[', ']', '"objectives"', '"actions"', '"format":"waymark-plan"', 'null', '1', 'id', 'parent/id', 'title/en',
  'status/name/en', 'progress', 'end_date', 'reference', '\uFEFF', '\r\n', '£', '–', ' ', 'Joint action: A, B and C',
];
const textish = fc.array(fc.constantFrom(...FRAGMENTS), { maxLength: 60 }).map((parts) => parts.join(''));
const anyString = fc.oneof(fc.string({ unit: 'binary', maxLength: 300 }), fc.string({ maxLength: 300 }), textish);
const anyBytes = fc.uint8Array({ maxLength: 600 });
const anyFormat = fc.constantFrom(...FORMATS);
const anyName = fc.constantFrom(...FILENAMES);

// Shaped inputs: tables with a real header, records, plan JSON and Decidim exports whose values are
// drawn from awkward ones, so the fuzzing reaches the table reader and the validators, not just
// the first "this is not a table" check.
const HEADERS = [
  'Action', 'Action code', 'No', '. Service Priority', 'Objective', 'Why', 'Strategic goal', 'Objective number', 'Description',
  'Target', 'Outcome', 'Lead officer', 'Due date', 'Start date', 'Revised due date', 'Status', '% complete', 'Progress update',
  'As at', 'Kind', 'Weight', 'Role', 'Partnerships', 'Impacts on another service', '',
];
const CELLS = [
  ...FRAGMENTS, '', '', '', 'Mow the verges', 'COMPLETE', 'Ongoing', 'one-off', 'milestone', 'Green', '150', '-3', '0.5', '1e9',
  '29/02/2023', 'Q3 2018/19', 'end of Jan 2020', 'Joint action:', 'None', 'n/a', '<p>Target: 5</p><p>Outcome: more</p>',
  'Strategic Goal I: Roads', 'Why: because', '2.1 Grow things Why: reasons', 'l.2', 'Action code', 'Strapline: x',
];
const cellText = fc.oneof(fc.constantFrom(...CELLS), fc.string({ maxLength: 20 }));
const rowsArb = fc
  .tuple(
    fc.array(fc.array(cellText, { maxLength: 4 }), { maxLength: 2 }),
    fc.boolean(),
    fc.uniqueArray(fc.constantFrom(...HEADERS), { minLength: 1, maxLength: 8 }),
    fc.array(fc.array(cellText, { maxLength: 9 }), { maxLength: 12 }),
  )
  .map(([above, withAction, header, body]) => [...above, withAction ? ['Action', ...header] : header, ...body]);
const pasteText = rowsArb.map((rows) => rows.map((r) => r.join('\t')).join('\n'));
const csvText = fc.tuple(rowsArb, fc.constantFrom(',', ';', '\t')).map(([rows, delimiter]) => stringify(rows, { delimiter }));
const LABELS = ['Action', 'Title', 'Action code', 'Lead officer', 'Due date', 'Status', 'Percentage complete', 'Comments', 'Corporate priority', 'Strategic Goal 2', 'Note'];
const recordLine = fc.oneof(
  fc.tuple(fc.constantFrom(...LABELS), fc.oneof(fc.constant(''), cellText)).map(([l, v]) => `${l}: ${v}`),
  cellText,
  fc.constant(''),
);
const recordsText = fc.array(recordLine, { maxLength: 40 }).map((lines) => lines.join('\n'));
const jsonValue = fc.oneof(
  fc.constant(null), fc.string({ maxLength: 10 }), fc.integer({ min: -5, max: 150 }), fc.double(), fc.boolean(),
  fc.constantFrom(...STAGES, ...ACTION_KINDS, '2024-03-31', '2024-02-30', '31/03/2024'), fc.array(fc.string({ maxLength: 5 }), { maxLength: 3 }),
);
const ACTION_KEYS = [
  'code', 'title', 'role', 'target', 'outcome', 'criticalSuccessFactors', 'environmentalImpacts', 'dueDate', 'leadOfficers',
  'impactedServices', 'partnershipLinks', 'status', 'percentComplete', 'narrative', 'statusWord', 'kind', 'startDate',
  'revisedDueDate', 'weight', 'asAt',
];
const objectFrom = (keys: string[]) => fc.dictionary(fc.constantFrom(...keys), jsonValue, { maxKeys: keys.length });
const actionJson = objectFrom(ACTION_KEYS);
const objectiveJson = fc.tuple(objectFrom(['number', 'title', 'why', 'goal']), fc.array(actionJson, { maxLength: 3 })).map(([o, actions]) => ({ ...o, actions }));
const planJson = fc
  .record(
    {
      format: fc.constantFrom('waymark-plan', 'other'),
      version: fc.constantFrom(1, 2),
      exportedAt: fc.string({ maxLength: 5 }),
      plan: fc.oneof(fc.constant(null), objectFrom(['org', 'year', 'title', 'kind', 'vision', 'purpose', 'statutoryDuties', 'areasOfFocus'])),
      objectives: fc.array(objectiveJson, { maxLength: 3 }),
      warnings: fc.array(jsonValue, { maxLength: 2 }),
    },
    { requiredKeys: ['objectives'] },
  )
  .map((o) => JSON.stringify(o));
const DECIDIM_COLUMNS = ['id', 'parent/id', 'title/ca', 'description/en', 'category/name/en', 'start_date', 'end_date', 'status/name/en', 'progress', 'reference', 'weight'];
const decidimValue = fc.oneof(fc.constantFrom('1', '2', '3', '', '99', 'Completed', 'Planned', 'Mystery', '45.5', '101', '2024-04-01', '01/04/2024', '<p>Target: 5</p>'), fc.string({ maxLength: 8 }));
const decidimText = fc
  .tuple(fc.uniqueArray(fc.constantFrom(...DECIDIM_COLUMNS), { maxLength: 11 }), fc.array(fc.array(decidimValue, { maxLength: 13 }), { maxLength: 8 }), fc.constantFrom(',', ';'))
  .map(([cols, rows, delimiter]) => stringify([['title/en', ...cols], ...rows], { delimiter }));
const SHAPED: Record<ImportFormat, fc.Arbitrary<string>> = {
  paste: pasteText, csv: csvText, records: recordsText, json: planJson, decidim: decidimText, xlsx: pasteText, docx: pasteText,
};

// Real workbooks and documents holding those rows, with every kind of cell exceljs knows.
const xlsxCell = fc.oneof(
  { arbitrary: cellText, weight: 6 },
  fc.double(), fc.integer(), fc.boolean(), fc.constant(null), fc.date({ noInvalidDate: true }),
  cellText.map((t) => ({ richText: [{ text: t, font: { bold: true } }, { text: 'x' }] })),
  fc.oneof(fc.integer(), cellText).map((result) => ({ formula: 'A1', result })),
  cellText.map((text) => ({ text, hyperlink: 'https://example.org' })),
  fc.constant({ error: '#N/A' as const }),
);
const sheetArb = fc.record({
  rows: fc.tuple(rowsArb, fc.array(fc.array(xlsxCell, { maxLength: 6 }), { maxLength: 4 })).map(([rows, typed]) => [...rows, ...typed]),
  formats: fc.array(fc.tuple(fc.integer({ min: 1, max: 8 }), fc.integer({ min: 1, max: 8 }), fc.constantFrom('0%', '0.00%', 'dd/mm/yyyy', '"£"#,##0', 'General', '[Red]0.0')), { maxLength: 5 }),
  merge: fc.option(fc.tuple(fc.integer({ min: 1, max: 6 }), fc.integer({ min: 1, max: 4 })), { nil: undefined }),
  plan: fc.boolean(),
});
async function buildXlsx(sheet: typeof sheetArb extends fc.Arbitrary<infer T> ? T : never): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  if (sheet.plan) wb.addWorksheet('Plan').addRow(['Organisation code', 'X']);
  const ws = wb.addWorksheet('Data');
  for (const r of sheet.rows) ws.addRow(r);
  for (const [row, col, numFmt] of sheet.formats) ws.getCell(row, col).numFmt = numFmt;
  if (sheet.merge) ws.mergeCells(sheet.merge[0], 1, sheet.merge[0] + 1, sheet.merge[1]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
async function buildDocx(rows: string[][], heading: string): Promise<Buffer> {
  const row = (cells: string[]) =>
    new TableRow({ children: (cells.length ? cells : ['']).map((c) => new TableCell({ children: [new Paragraph({ children: [new TextRun({ text: c, bold: c.endsWith(':') })] })] })) });
  const table = new Table({ rows: rows.length ? rows.map(row) : [row([''])] });
  return Packer.toBuffer(new Document({ sections: [{ children: [new Paragraph(heading), table, new Paragraph(heading), table] }] }));
}

/** Flips a few bytes anywhere in the file, and now and then cuts it short. */
// Unbiased: fast-check favours small numbers, which would pile every flip into the first header.
const position = fc.noBias(fc.integer({ min: 0, max: 999_999 })).map((n) => n / 1_000_000);
const mutation = fc.record({
  flips: fc.array(fc.tuple(position, fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 4 }),
  cut: fc.oneof({ arbitrary: fc.constant(undefined), weight: 4 }, { arbitrary: position, weight: 1 }),
});
function mutate(base: Buffer, m: { flips: [number, number][]; cut: number | undefined }): Buffer {
  const out = Buffer.from(base);
  for (const [at, value] of m.flips) out[Math.floor(at * out.length)] = value;
  return m.cut === undefined ? out : out.subarray(0, Math.floor(m.cut * out.length));
}

/** The same archive with every entry stored, so flipped bytes land in the XML the libraries parse. */
function stored(zip: Buffer): Buffer {
  return writeZip(
    listZipEntries(zip).map((e) => {
      const at = e.localOffset;
      const start = at + 30 + zip.readUInt16LE(at + 26) + zip.readUInt16LE(at + 28);
      const raw = zip.subarray(start, start + e.compressedSize);
      return { name: e.name, data: e.method === 8 ? inflateRawSync(raw) : raw, method: 0 as const };
    }),
  );
}

async function sampleXlsx(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Actions');
  ws.addRow(['Action code', 'Action', 'Due date', '% complete', 'Progress update']);
  ws.addRow(['PK01', { richText: [{ text: 'Mow ', font: { bold: true } }, { text: 'verges' }] }, new Date(Date.UTC(2025, 2, 31)), 0.5, 'In progress – on track']);
  ws.getCell('D2').numFmt = '0%';
  ws.mergeCells('A3:C3');
  ws.getCell('A3').value = 'Strategic Goal 2: Tidy streets';
  wb.addWorksheet('Plan').addRow(['Year', '2025/26']);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

async function sampleDocx(): Promise<Buffer> {
  const cell = (...runs: TextRun[]) => new TableCell({ children: [new Paragraph({ children: runs })] });
  const table = new Table({
    rows: [
      new TableRow({ children: [cell(new TextRun('Action')), cell(new TextRun('Description')), cell(new TextRun('Due date'))] }),
      new TableRow({ children: [cell(new TextRun('Fix lights')), cell(new TextRun({ text: 'Target:', bold: true }), new TextRun(' 100')), cell(new TextRun('1/4/25'))] }),
    ],
  });
  return Packer.toBuffer(new Document({ sections: [{ children: [new Paragraph('Strategic Goal 1: Safe roads'), table] }] }));
}

describe('fuzz: readSource only ever throws ImportError', () => {
  for (const format of FORMATS) {
    test(`${format}: arbitrary strings and bytes, and text shaped like each format`, async () => {
      await fc.assert(
        fc.asyncProperty(anyString, anyName, async (s, filename) => mustOnlyThrowImportError(Buffer.from(s, 'utf8'), { format, filename })),
        { numRuns: RUNS },
      );
      await fc.assert(
        fc.asyncProperty(anyBytes, anyName, async (bytes, filename) => mustOnlyThrowImportError(bytes, { format, filename })),
        { numRuns: RUNS },
      );
      if (format === 'xlsx') {
        await fc.assert(fc.asyncProperty(sheetArb, async (sheet) => mustOnlyThrowImportError(await buildXlsx(sheet), { format })), { numRuns: RUNS });
      }
      if (format === 'docx') {
        await fc.assert(
          fc.asyncProperty(rowsArb, fc.constantFrom('Strategic Goal 3: Roads', 'Corporate Priority:', 'Notes'), async (rows, heading) =>
            mustOnlyThrowImportError(await buildDocx(rows, heading), { format }),
          ),
          { numRuns: RUNS },
        );
      }
      const shaped = format === 'auto' ? fc.oneof(...Object.values(SHAPED)) : SHAPED[format];
      await fc.assert(
        fc.asyncProperty(shaped, fc.integer({ min: 1, max: 12 }), async (s, yearStartMonth) => mustOnlyThrowImportError(Buffer.from(s), { format, yearStartMonth })),
        { numRuns: RUNS },
      );
    });
  }

  test('any format with any file name and text', async () => {
    await fc.assert(
      fc.asyncProperty(textish, anyFormat, anyName, async (s, format, filename) => mustOnlyThrowImportError(Buffer.from(s), { format, filename })),
      { numRuns: RUNS },
    );
  });

  for (const [name, sample] of [['xlsx', sampleXlsx], ['docx', sampleDocx]] as const) {
    test(`${name}: mutated copies of a valid file, compressed and stored`, async () => {
      const deflated = await sample();
      const plain = stored(deflated);
      // The samples themselves must read: otherwise the mutations prove nothing.
      for (const good of [deflated, plain]) assert.equal((await readSource(good, { format: name })).kind, 'tables');
      for (const base of [deflated, plain]) {
        await fc.assert(
          fc.asyncProperty(mutation, fc.constantFrom(name, 'auto' as const), async (m, format) => mustOnlyThrowImportError(mutate(base, m), { format })),
          { numRuns: RUNS },
        );
      }
    });
  }
});

// Whatever the table, every row with anything in it is read into the plan or named in a warning:
// nothing is dropped in silence. Cells include what text from PDFs brings: page numbers, markings,
// headings cut in two, lines that carry on the row above, pieces of the header.
const DEBRIS = [
  'Page 3 of 12', '- 4 -', '7', 'OFFICIAL', 'Stra', 'ategic Goal 3: Better effec', 'tiveness', 'Theme 2: Place', 'Goal IV – Roads',
  'and carries on here', 'continued from above', 'Why: reasons', 'Progress update', 'Action', 'Plan title 2025/26', '1.3', 'l.4 Mow',
  'Directorate: Place', '(continued)',
];
const debrisCell = fc.oneof(cellText, fc.constantFrom(...DEBRIS));
const tableArb = fc
  .tuple(
    fc.array(fc.array(debrisCell, { maxLength: 3 }), { maxLength: 3 }),
    fc.uniqueArray(fc.constantFrom(...HEADERS), { minLength: 1, maxLength: 7 }),
    fc.array(fc.array(debrisCell, { maxLength: 8 }), { maxLength: 16 }),
  )
  .map(([above, header, body]) => [...above, ['Action', ...header], ...body]);

/** The lines a warning names: its own, and any listed in it ("lines 3, 14 and 22", "lines 1–3"). */
function namedLines(w: { line: number; message: string }): number[] {
  const out = [w.line];
  for (const m of w.message.matchAll(/\blines? ((?:\d+(?:–\d+)?)(?:(?:, | and )\d+(?:–\d+)?)*)/giu)) {
    for (const part of (m[1] ?? '').split(/, | and /u)) {
      const [a, b] = part.split('–').map(Number);
      for (let n = a ?? 0; n <= (b ?? a ?? 0); n++) out.push(n);
    }
  }
  return out;
}

describe('fuzz: every row is read or named in a warning', () => {
  test('tables, as text that may wrap and as whole rows', () => {
    fc.assert(
      fc.property(tableArb, fc.boolean(), (rows, wholeRows) => {
        const uses = new Map<number, RowUse>();
        let plan;
        try {
          plan = tablesToPlan(rows, { wholeRows, onRow: (line, use) => uses.set(line, use) });
        } catch (e) {
          // A table with no action column is refused as a whole, which drops nothing in silence.
          assert.ok(e instanceof ImportError, String(e));
          return;
        }
        const warned = new Set(plan.warnings.flatMap(namedLines));
        rows.forEach((cells, i) => {
          // Blank as the reader sees it: a cell of bare tags ("</p>") is empty.
          if (cells.every((c) => plainText(c) === '')) return;
          const use = uses.get(i + 1);
          const read = use === 'title' || use === 'header' || use === 'goal' || use === 'objective' || use === 'action' || use === 'continuation';
          assert.ok(read || warned.has(i + 1), `row ${i + 1} ${JSON.stringify(cells)} was ${use ?? 'never seen'}, unwarned\n${JSON.stringify(rows)}`);
        });
      }),
      { numRuns: RUNS * 5 },
    );
  });
});
