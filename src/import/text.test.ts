import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ImportError } from '../domain/errors.ts';
import { decodeText, decodeWindows1252, isBlank } from './text.ts';

describe('decodeText', () => {
  test('reads UTF-8 with and without a byte order mark, and normalises line endings', () => {
    assert.equal(decodeText(Buffer.from('\uFEFFParks\r\nPlay areas\rAllotments\n', 'utf8')), 'Parks\nPlay areas\nAllotments\n');
    assert.equal(decodeText(Buffer.from('Café – £5', 'utf8')), 'Café – £5');
  });

  test('falls back to windows-1252 for bytes that are not UTF-8, with £, en dash and curly quotes', () => {
    // "Bulky waste – £25 “per item”" as Excel on Windows saves it.
    const bytes = Buffer.from([
      ...Buffer.from('Bulky waste ', 'latin1'), 0x96, 0x20, 0xa3, ...Buffer.from('25 ', 'latin1'), 0x93,
      ...Buffer.from('per item', 'latin1'), 0x94,
    ]);
    assert.equal(decodeText(bytes), 'Bulky waste – £25 “per item”');
    assert.equal(decodeWindows1252(Uint8Array.from([0x80, 0x85, 0x91, 0x92, 0x97, 0x81])), '€…‘’—\u0081');
  });

  test('reads UTF-16 text when it has a byte order mark (Excel’s "Unicode Text")', () => {
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('Action\tDue date\r\n', 'utf16le')]);
    assert.equal(decodeText(le), 'Action\tDue date\n');
    const be = Buffer.from(le.subarray(2)).swap16();
    assert.equal(decodeText(Buffer.concat([Buffer.from([0xfe, 0xff]), be])), 'Action\tDue date\n');
  });

  test('refuses binary: NUL bytes, or mostly control characters', () => {
    assert.throws(() => decodeText(Buffer.from([0x41, 0x00, 0x42])), (e) => e instanceof ImportError && /not text/u.test(e.message));
    assert.throws(() => decodeText(Buffer.from([1, 2, 3, 4, 5, 6, 0x41])), (e) => e instanceof ImportError && /control characters/u.test(e.message));
    assert.equal(decodeText(Buffer.from('Tab\tand form feed\f are fine')), 'Tab\tand form feed\f are fine');
  });
});

describe('isBlank', () => {
  test('nothing, whitespace or a lone BOM is blank; any other byte is not', () => {
    assert.equal(isBlank(Buffer.alloc(0)), true);
    assert.equal(isBlank(Buffer.from(' \r\n\t ')), true);
    assert.equal(isBlank(Buffer.from('\uFEFF \n', 'utf8')), true);
    assert.equal(isBlank(Buffer.from(' x ')), false);
  });
});
