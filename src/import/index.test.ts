import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { Document, Packer, Paragraph, Table, TableCell, TableRow } from 'docx';
import ExcelJS from 'exceljs';
import { writeZip, zipBomb } from '../../test/support/zip.ts';
import { ImportError } from '../domain/errors.ts';
import { detectFormat, detectTextFormat, IMPORT_FORMATS, MAX_IMPORT_BYTES, readSource, type ReadOptions } from './index.ts';

const fixture = (name: string): Buffer => readFileSync(new URL(`../../test/fixtures/import/${name}`, import.meta.url));
const refused = (pattern: RegExp) => (e: unknown) => {
  assert.ok(e instanceof ImportError, String(e));
  assert.match(e.message, pattern);
  return true;
};

async function smallXlsx(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.addWorksheet('Actions').addRow(['Action', 'Due date']);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

async function smallDocx(): Promise<Buffer> {
  const cell = (t: string) => new TableCell({ children: [new Paragraph(t)] });
  const table = new Table({ rows: [new TableRow({ children: [cell('Action'), cell('Due date')] })] });
  return Packer.toBuffer(new Document({ sections: [{ children: [table] }] }));
}

describe('detectFormat', () => {
  test('zips by their entries, whatever their name', async () => {
    const xlsx = await smallXlsx();
    const docx = await smallDocx();
    assert.equal(detectFormat(xlsx), 'xlsx');
    assert.equal(detectFormat(xlsx, 'actions.csv'), 'xlsx');
    assert.equal(detectFormat(docx, 'plan.xlsx'), 'docx');
    assert.throws(() => detectFormat(writeZip([{ name: 'mimetype', data: Buffer.from('x') }, { name: 'content.xml', data: Buffer.from('x') }])), refused(/OpenDocument/u));
    assert.throws(() => detectFormat(writeZip([{ name: 'photo.jpg', data: Buffer.from('x') }])), refused(/neither an Excel workbook/u));
  });

  test('then the extension, then the content', () => {
    const csv = Buffer.from('Action,Due date\nMow,1/4/25\n');
    assert.equal(detectFormat(csv, 'plan.xlsx'), 'xlsx');
    assert.equal(detectFormat(csv, 'plan.DOCX'), 'docx');
    assert.equal(detectFormat(csv, 'plan.json'), 'json');
    assert.equal(detectFormat(csv, 'plan.tsv'), 'paste');
    assert.equal(detectFormat(csv, 'plan.csv'), 'csv');
    assert.equal(detectFormat(fixture('decidim-results.csv'), 'results.csv'), 'decidim');
    assert.equal(detectFormat(fixture('decidim-results.csv')), 'decidim');
    assert.equal(detectFormat(fixture('records-waste.txt'), 'records.txt'), 'records');
    assert.equal(detectFormat(fixture('plan-export.json'), 'export.txt'), 'json');
    assert.equal(detectFormat(csv), 'csv');
  });

  test('text by its shape', () => {
    assert.equal(detectTextFormat('  {"objectives": []}'), 'json');
    assert.equal(detectTextFormat('Action\tDue\nMow\t1/4/25\n\nEdge\t2/4/25\n'), 'paste');
    assert.equal(detectTextFormat('"id";"parent/id";"title/en"\n1;;Trees\n'), 'decidim');
    assert.equal(detectTextFormat('Action: Mow\nDue date: 1 April 2025\nLead officer: Parks\n'), 'records');
    assert.equal(detectTextFormat('Action;Due\nMow;1/4/25\n'), 'csv');
  });

  test('refuses what no reader handles: old Office files and PDFs', () => {
    assert.throws(() => detectFormat(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0])), refused(/old-style Excel \(\.xls\)/u));
    assert.throws(() => detectFormat(Buffer.from('%PDF-1.7\n%âãÏÓ\n')), refused(/PDF files cannot be uploaded/u));
  });
});

describe('readSource refuses bad input with an ImportError', () => {
  test('larger than 20 MB, naming the size and the limit', async () => {
    const big = Buffer.alloc(MAX_IMPORT_BYTES + 1, 0x41);
    for (const format of ['auto', 'csv', 'xlsx'] as const) {
      await assert.rejects(readSource(big, { format }), refused(/^The file is 20\.0 MB; Waymark reads files of up to 20 MB$/u));
    }
  });

  test('empty or only whitespace, in every format', async () => {
    for (const format of [...IMPORT_FORMATS, 'auto'] as const) {
      for (const input of [Buffer.alloc(0), Buffer.from(' \r\n\t\n'), Buffer.from('\uFEFF\n', 'utf8')]) {
        await assert.rejects(readSource(input, { format }), refused(/^The file is empty$/u));
      }
    }
  });

  test('random binary garbage', async () => {
    const garbage = Buffer.concat([Buffer.from([0x00, 0x01, 0xff]), randomBytes(4096)]);
    await assert.rejects(readSource(garbage, { format: 'auto' }), refused(/cannot tell what kind of file this is: it is not text/u));
    await assert.rejects(readSource(garbage, { format: 'csv' }), refused(/^This file is not text/u));
    await assert.rejects(readSource(garbage, { format: 'xlsx' }), refused(/^This does not look like an Excel workbook \(\.xlsx\): /u));
    await assert.rejects(readSource(garbage, { format: 'docx' }), refused(/^This does not look like a Word document \(\.docx\): /u));
  });

  test('a zip bomb, detected as a workbook or as a document', async () => {
    await assert.rejects(readSource(zipBomb('xl/worksheets/sheet1.xml'), { format: 'auto', filename: 'plan.xlsx' }), refused(/more than 100 MB/u));
    await assert.rejects(readSource(zipBomb('word/document.xml'), { format: 'auto' }), refused(/more than 100 MB/u));
    await assert.rejects(readSource(zipBomb('word/document.xml'), { format: 'docx' }), refused(/more than 100 MB/u));
  });

  test('a damaged workbook or document names the format', async () => {
    const xlsx = await smallXlsx();
    await assert.rejects(
      readSource(xlsx.subarray(0, Math.floor(xlsx.length / 2)), { format: 'auto', filename: 'a.xlsx' }),
      refused(/^The file is damaged or not a complete zip archive/u),
    );
    await assert.rejects(
      readSource(xlsx.subarray(0, Math.floor(xlsx.length / 2)), { format: 'xlsx' }),
      refused(/^This does not look like an Excel workbook \(\.xlsx\): the file is damaged/u),
    );
    // A zip that is fine as a zip but holds no workbook.
    const notBook = writeZip([{ name: 'xl/readme.txt', data: Buffer.from('hello') }]);
    await assert.rejects(readSource(notBook, { format: 'xlsx' }), refused(/^(This does not look like an Excel workbook \(\.xlsx\): |The workbook has no sheets)/u));
    const notDoc = writeZip([{ name: 'word/readme.txt', data: Buffer.from('hello') }]);
    await assert.rejects(readSource(notDoc, { format: 'auto' }), refused(/^This does not look like a Word document \(\.docx\): /u));
    await assert.rejects(
      readSource(Buffer.from('Action,Due\nMow,1/4/25\n'), { format: 'auto', filename: 'plan.xlsx' }),
      refused(/^This does not look like an Excel workbook \(\.xlsx\): it is not a zip archive/u),
    );
  });

  test('an unknown format, or no buffer at all', async () => {
    await assert.rejects(readSource(Buffer.from('x'), { format: 'pdf' } as unknown as ReadOptions), refused(/Unknown import format “pdf”/u));
    await assert.rejects(readSource(null as unknown as Buffer, { format: 'auto' }), ImportError);
  });
});
