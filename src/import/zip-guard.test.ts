import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { deflateRawSync } from 'node:zlib';
import ExcelJS from 'exceljs';
import { deflatedZeros, writeZip, zipBomb } from '../../test/support/zip.ts';
import { ImportError } from '../domain/errors.ts';
import { guardZip, listZipEntries, MAX_ZIP_ENTRIES } from './zip-guard.ts';

const MB = 1024 * 1024;
const refused = (pattern: RegExp) => (e: unknown) => e instanceof ImportError && pattern.test(e.message);

describe('zip guard', () => {
  test('lists the entries of a real workbook and lets it through', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('Actions').addRow(['Action', 'Due date']);
    const buf = Buffer.from(await wb.xlsx.writeBuffer());
    const names = guardZip(buf).map((e) => e.name);
    assert.ok(names.includes('xl/workbook.xml'), names.join(', '));
    assert.deepEqual(listZipEntries(buf).map((e) => e.name), names);
  });

  test('stored and deflated entries within the budget pass', () => {
    const zip = writeZip([
      { name: 'word/document.xml', data: Buffer.from('<w:document/>') },
      { name: 'word/styles.xml', data: Buffer.from('<w:styles/>'), method: 0 },
      { name: 'word/empty.xml', data: Buffer.alloc(0) },
    ]);
    assert.deepEqual(guardZip(zip).map((e) => [e.name, e.method]), [['word/document.xml', 8], ['word/styles.xml', 0], ['word/empty.xml', 8]]);
  });

  test('a zip bomb is refused, even when its headers claim it is small', () => {
    assert.throws(() => guardZip(zipBomb()), refused(/more than 100 MB/u));
    assert.throws(() => guardZip(writeZip([{ name: 'xl/a.xml', deflated: deflatedZeros(), declaredSize: 1000 }])), refused(/100 MB/u));
  });

  test('the budget is for all entries together', () => {
    const chunk = deflateRawSync(Buffer.alloc(40 * MB));
    const entry = (name: string) => ({ name, deflated: { bytes: chunk, size: 40 * MB, crc: 0 } });
    assert.doesNotThrow(() => guardZip(writeZip([entry('xl/a.xml'), entry('xl/b.xml')])));
    assert.throws(() => guardZip(writeZip([entry('xl/a.xml'), entry('xl/b.xml'), entry('xl/c.xml')])), refused(/100 MB/u));
  });

  test(`more than ${MAX_ZIP_ENTRIES} entries is refused`, () => {
    const entries = Array.from({ length: MAX_ZIP_ENTRIES + 1 }, (_, i) => ({ name: `xl/${i}`, method: 0 as const }));
    assert.throws(() => guardZip(writeZip(entries)), refused(/10,001 zip entries.*at most 10,000/u));
  });

  test('damaged zips are ImportErrors', () => {
    const good = writeZip([{ name: 'xl/workbook.xml', data: Buffer.from('<workbook/>'.repeat(50)) }]);
    assert.throws(() => guardZip(good.subarray(0, good.length - 10)), ImportError);
    assert.throws(() => guardZip(good.subarray(0, 40)), ImportError);
    assert.throws(() => guardZip(Buffer.from('PK\x03\x04')), refused(/too short/u));
    assert.throws(() => guardZip(Buffer.from('Action,Due date\n')), refused(/not a zip archive/u));
    // Entry data replaced by bytes that are not deflate.
    const garbled = Buffer.from(good);
    garbled.fill(0xff, 30 + 'xl/workbook.xml'.length, 30 + 'xl/workbook.xml'.length + 8);
    assert.throws(() => guardZip(garbled), refused(/cannot be unzipped/u));
    // Central directory pointing past the end.
    const pointer = Buffer.from(good);
    pointer.writeUInt32LE(0xfffffff0, pointer.length - 6);
    assert.throws(() => guardZip(pointer), ImportError);
    // A compression method neither Excel nor Word writes.
    const odd = Buffer.from(good);
    odd.writeUInt16LE(12, odd.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02])) + 10);
    assert.throws(() => guardZip(odd), refused(/method 12/u));
  });
});
