import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { Document, Packer, Paragraph, Table, TableCell, TableRow, TextRun } from 'docx';
import { ImportError } from '../domain/errors.ts';
import { tablesToPlan } from '../domain/import-tables.ts';
import { extractTables, htmlText } from './html-tables.ts';
import { readSource } from './index.ts';
import type { SourceTable } from './types.ts';

const cell = (...paragraphs: (string | Paragraph)[]): TableCell =>
  new TableCell({ children: paragraphs.map((p) => (typeof p === 'string' ? new Paragraph(p) : p)) });
const row = (...cells: TableCell[]): TableRow => new TableRow({ children: cells });
const HEADER = row(cell('Action code'), cell('Action'), cell('Description'), cell('Due date'), cell('Lead officer'));

async function document(children: (Paragraph | Table)[]): Promise<Buffer> {
  return Packer.toBuffer(new Document({ sections: [{ children }] }));
}

// A housing service plan: two tables, a goal heading between them, a labelled description cell.
const housingPlan = (): Promise<Buffer> =>
  document([
    new Paragraph('Housing Services plan 2025/26'),
    new Paragraph('Strategic Goal 1: Safe and warm homes'),
    new Table({
      rows: [
        HEADER,
        row(
          cell('25-HSG01'),
          cell('Bring empty homes back into use'),
          cell(
            new Paragraph({ children: [new TextRun({ text: 'Target:', bold: true }), new TextRun(' 40 homes a year')] }),
            new Paragraph({ children: [new TextRun({ text: 'Outcome:', bold: true }), new TextRun(' Fewer families in B&B')] }),
          ),
          cell('31 March 2026'),
          cell('Empty Homes Officer', 'Housing Standards Manager'),
        ),
      ],
    }),
    new Paragraph('Notes for members are in the appendix.'),
    new Paragraph('Strategic Goal 2: Fewer people homeless'),
    new Table({
      rows: [
        HEADER,
        row(cell('25-HSG02'), cell('Open a night shelter for winter'), cell('<60 beds & a day centre>'), cell('30 November 2025'), cell('Homelessness Lead')),
      ],
    }),
  ]);

function tables(r: Awaited<ReturnType<typeof readSource>>): SourceTable[] {
  assert.equal(r.kind, 'tables');
  assert.equal(r.format, 'docx');
  return r.kind === 'tables' ? r.tables : [];
}

describe('DOCX reader', () => {
  test('reads every table in order; cells keep their HTML; goal headings go under the next table’s header', async () => {
    const ts = tables(await readSource(await housingPlan(), { format: 'auto', filename: 'housing.docx' }));
    assert.deepEqual(ts.map((t) => t.name), ['Table 1', 'Table 2']);
    assert.equal(ts[0]?.rows[0]?.[1], '<p>Action</p>');
    assert.deepEqual(ts[0]?.rows[1], ['Strategic Goal 1: Safe and warm homes']);
    assert.equal(ts[0]?.rows[2]?.[2], '<p><strong>Target:</strong> 40 homes a year</p><p><strong>Outcome:</strong> Fewer families in B&amp;B</p>');
    assert.equal(ts[0]?.rows[2]?.[4], '<p>Empty Homes Officer</p><p>Housing Standards Manager</p>');
    assert.deepEqual(ts[1]?.rows[1], ['Strategic Goal 2: Fewer people homeless']);
    assert.equal(ts[1]?.rows[2]?.[2], '<p>&lt;60 beds &amp; a day centre&gt;</p>');
  });

  test('the tables read into a plan, with the labelled description split', async () => {
    const ts = tables(await readSource(await housingPlan(), { format: 'docx' }));
    const plan = tablesToPlan(ts.flatMap((t) => t.rows));
    const actions = plan.objectives.flatMap((o) => o.actions);
    assert.equal(actions[0]?.target, '40 homes a year');
    assert.equal(actions[0]?.outcome, 'Fewer families in B&B');
    assert.equal(actions[0]?.dueDate, '2026-03-31');
    assert.equal(plan.objectives[0]?.goal, 'Strategic Goal 1: Safe and warm homes');
    assert.equal(actions[1]?.code, '25-HSG02');
  });

  test('merged cells are padded so columns line up', async () => {
    const buf = await document([
      new Table({
        rows: [
          row(cell('Action'), cell('Lead officer'), cell('Due date')),
          row(new TableCell({ columnSpan: 3, children: [new Paragraph('Corporate Priority: Thriving high streets')] })),
          row(new TableCell({ rowSpan: 2, children: [new Paragraph('Run a shop-front grant scheme')] }), cell('Town Centre Manager'), cell('31 July 2025')),
          row(cell('Economic Development Officer'), cell('30 September 2025')),
        ],
      }),
    ]);
    const [t] = tables(await readSource(buf, { format: 'docx' }));
    assert.deepEqual(t?.rows.map((r) => r.map(htmlText)), [
      ['Action', 'Lead officer', 'Due date'],
      ['Corporate Priority: Thriving high streets', '', ''],
      ['Run a shop-front grant scheme', 'Town Centre Manager', '31 July 2025'],
      ['', 'Economic Development Officer', '30 September 2025'],
    ]);
  });

  test('a nested table stays inside its cell', async () => {
    const inner = new Table({ rows: [row(cell('Phase 1'), cell('Phase 2'))] });
    const buf = await document([
      new Table({ rows: [row(cell('Action'), cell('Milestones')), row(cell('Rebuild the depot'), new TableCell({ children: [new Paragraph('Two phases'), inner, new Paragraph('')] }))] }),
    ]);
    const [t] = tables(await readSource(buf, { format: 'docx' }));
    assert.equal(t?.rows.length, 2);
    assert.equal(htmlText(t?.rows[1]?.[1] ?? ''), 'Two phases Phase 1 Phase 2');
  });

  test('a document with no tables is an ImportError', async () => {
    const buf = await document([new Paragraph('Our plan is to mow the parks more often.')]);
    await assert.rejects(readSource(buf, { format: 'docx' }), (e) => e instanceof ImportError && /The Word document has no tables/u.test(e.message));
  });
});

describe('extractTables', () => {
  test('handles <th>, attributes, and goal headings in headings between tables', () => {
    const html =
      '<h2>Corporate Priority: Place</h2><table><thead><tr><th colspan="2">Action</th></tr></thead><tbody><tr><td>A</td><td>B</td></tr></tbody></table>' +
      '<p>Strategic goal 3: Value for money</p><p>Other text</p><table><tr><td rowspan=3>X</td><td>1</td></tr><tr><td>2</td></tr></table>';
    assert.deepEqual(extractTables(html), [
      { headings: ['Corporate Priority: Place'], rows: [['Action', ''], ['A', 'B']] },
      { headings: ['Strategic goal 3: Value for money'], rows: [['X', '1'], ['', '2']] },
    ]);
  });

  test('survives broken HTML: unclosed cells, rows and tables, stray closing tags', () => {
    assert.deepEqual(extractTables('</td></tr></table><table><tr><td>a<td>b<tr><td>c'), [{ headings: [], rows: [['a', 'b'], ['c']] }]);
    assert.deepEqual(extractTables('<td>no table</td>'), []);
    assert.deepEqual(extractTables('<table><tr><td colspan="99999999">x</td></tr></table>')[0]?.rows[0]?.length, 64);
  });
});
