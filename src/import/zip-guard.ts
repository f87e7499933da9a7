// XLSX and DOCX files are zip archives, and a zip can hold far more than its size suggests: a
// 150 KB file can expand to gigabytes (a "zip bomb") and take the server down inside exceljs or
// mammoth. Before either library sees an upload we walk the zip ourselves and inflate every entry
// against a running budget. Declared sizes in the headers are not trusted: they can lie.

import { inflateRawSync } from 'node:zlib';
import { ImportError } from '../domain/errors.ts';
import { MAX_EXPANDED_BYTES } from './types.ts';

export const MAX_ZIP_ENTRIES = 10_000;

const EOCD = 0x06054b50;
const ZIP64_LOCATOR = 0x07064b50;
const ZIP64_EOCD = 0x06064b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

export interface ZipEntry {
  name: string;
  method: number;
  compressedSize: number;
  localOffset: number;
}

/** The bytes are not a readable zip. readSource puts the format it expected in front of the message. */
export class ZipDamagedError extends ImportError {
}

const corrupt = (why: string): ZipDamagedError => new ZipDamagedError(`The file is damaged or not a complete zip archive (${why})`);

/** The zip magic number: every XLSX and DOCX starts with it. */
export function isZip(bytes: Uint8Array): boolean {
  return bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
}

function findEndRecord(buf: Buffer): number {
  // The end record is 22 bytes plus a comment of up to 65,535 bytes, so it is near the end.
  const stop = Math.max(0, buf.length - 22 - 0xffff);
  for (let i = buf.length - 22; i >= stop; i--) {
    if (buf.readUInt32LE(i) === EOCD) return i;
  }
  throw corrupt('no end of central directory record');
}

/** Where the central directory is and how many entries it says it has, zip64 included. */
function centralDirectory(buf: Buffer): { count: number; offset: number; end: number } {
  const eocd = findEndRecord(buf);
  let count = buf.readUInt16LE(eocd + 10);
  let offset = buf.readUInt32LE(eocd + 16);
  if (count === 0xffff || offset === 0xffffffff) {
    const locator = eocd - 20;
    if (locator < 0 || buf.readUInt32LE(locator) !== ZIP64_LOCATOR) throw corrupt('a zip64 archive without its locator');
    const record = Number(buf.readBigUInt64LE(locator + 8));
    if (!Number.isSafeInteger(record) || record < 0 || record + 56 > buf.length || buf.readUInt32LE(record) !== ZIP64_EOCD) {
      throw corrupt('a bad zip64 end record');
    }
    count = Number(buf.readBigUInt64LE(record + 32));
    offset = Number(buf.readBigUInt64LE(record + 48));
    return { count, offset, end: record };
  }
  return { count, offset, end: eocd };
}

/** Zip64 keeps the real sizes and offset in an extra field when the 32-bit ones are saturated. */
function zip64Values(extra: Buffer, wanted: { size: boolean; compressed: boolean; offset: boolean }): { compressed?: number; offset?: number } {
  for (let p = 0; p + 4 <= extra.length; ) {
    const id = extra.readUInt16LE(p);
    const len = extra.readUInt16LE(p + 2);
    if (id === 0x0001) {
      let q = p + 4;
      const next = (): number | undefined => {
        if (q + 8 > p + 4 + len || q + 8 > extra.length) return undefined;
        const v = Number(extra.readBigUInt64LE(q));
        q += 8;
        return v;
      };
      if (wanted.size) next();
      const compressed = wanted.compressed ? next() : undefined;
      const offset = wanted.offset ? next() : undefined;
      return { compressed, offset };
    }
    p += 4 + len;
  }
  return {};
}

/** The entries named by the central directory. Throws ImportError for a damaged or oversized zip. */
export function listZipEntries(bytes: Uint8Array): ZipEntry[] {
  const buf = Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (!isZip(buf)) throw new ZipDamagedError('It is not a zip archive, as .xlsx and .docx files are');
  if (buf.length < 22) throw corrupt('too short');
  const { count, offset, end } = centralDirectory(buf);
  if (count > MAX_ZIP_ENTRIES) {
    throw new ImportError(`The file holds ${count.toLocaleString('en-GB')} zip entries; Waymark reads files with at most ${MAX_ZIP_ENTRIES.toLocaleString('en-GB')}`);
  }
  if (!Number.isSafeInteger(offset) || offset < 0 || offset > end) throw corrupt('the central directory is out of range');
  const entries: ZipEntry[] = [];
  let p = offset;
  for (let i = 0; i < count; i++) {
    if (p + 46 > end || buf.readUInt32LE(p) !== CENTRAL) throw corrupt(`entry ${i + 1} of the central directory is broken`);
    const flags = buf.readUInt16LE(p + 8);
    const method = buf.readUInt16LE(p + 10);
    let compressedSize = buf.readUInt32LE(p + 20);
    const size = buf.readUInt32LE(p + 24);
    const nameLength = buf.readUInt16LE(p + 28);
    const extraLength = buf.readUInt16LE(p + 30);
    const commentLength = buf.readUInt16LE(p + 32);
    let localOffset = buf.readUInt32LE(p + 42);
    const nameEnd = p + 46 + nameLength;
    if (nameEnd + extraLength + commentLength > end) throw corrupt(`entry ${i + 1} runs past the central directory`);
    // Bit 11 marks UTF-8 names; the names we look at (xl/, word/) are ASCII either way.
    const name = buf.toString(flags & 0x800 ? 'utf8' : 'latin1', p + 46, nameEnd);
    if (compressedSize === 0xffffffff || size === 0xffffffff || localOffset === 0xffffffff) {
      const z = zip64Values(buf.subarray(nameEnd, nameEnd + extraLength), {
        size: size === 0xffffffff,
        compressed: compressedSize === 0xffffffff,
        offset: localOffset === 0xffffffff,
      });
      compressedSize = z.compressed ?? compressedSize;
      localOffset = z.offset ?? localOffset;
    }
    entries.push({ name, method, compressedSize, localOffset });
    p = nameEnd + extraLength + commentLength;
  }
  return entries;
}

function entryData(buf: Buffer, entry: ZipEntry): Buffer {
  const at = entry.localOffset;
  if (!Number.isSafeInteger(at) || at + 30 > buf.length || buf.readUInt32LE(at) !== LOCAL) {
    throw corrupt(`the entry “${entry.name}” is missing`);
  }
  const start = at + 30 + buf.readUInt16LE(at + 26) + buf.readUInt16LE(at + 28);
  const stop = start + entry.compressedSize;
  if (!Number.isSafeInteger(stop) || stop > buf.length) throw corrupt(`the entry “${entry.name}” is cut short`);
  return buf.subarray(start, stop);
}

const tooBig = (): ImportError =>
  new ImportError(
    `The file would expand to more than ${MAX_EXPANDED_BYTES / (1024 * 1024)} MB when unzipped, so Waymark will not open it. ` +
      'Save a copy with only the plan in it, or export the sheet as CSV.',
  );

/**
 * Checks a zip before a library opens it: at most MAX_ZIP_ENTRIES entries, every entry readable,
 * and the entries' true expanded size (found by inflating them) at most MAX_EXPANDED_BYTES.
 * Returns the entries. Throws ImportError otherwise.
 */
export function guardZip(bytes: Uint8Array): ZipEntry[] {
  const buf = Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const entries = listZipEntries(buf);
  let budget = MAX_EXPANDED_BYTES;
  for (const entry of entries) {
    const data = entryData(buf, entry);
    if (entry.method === 0) {
      budget -= data.length;
    } else if (entry.method === 8 && data.length === 0) {
      // An empty deflated entry (some writers emit these for folders): nothing to expand.
    } else if (entry.method === 8) {
      let inflated: Buffer;
      try {
        // One byte over the budget is enough to know; maxOutputLength stops zlib right there.
        inflated = inflateRawSync(data, { maxOutputLength: Math.max(1, budget), chunkSize: 256 * 1024 });
      } catch (e) {
        if (e instanceof RangeError || (e as { code?: unknown }).code === 'ERR_BUFFER_TOO_LARGE') throw tooBig();
        throw corrupt(`the entry “${entry.name}” cannot be unzipped`);
      }
      budget -= inflated.length;
    } else {
      throw new ImportError(`The file uses a kind of zip compression (method ${entry.method}) that Excel and Word do not write`);
    }
    if (budget < 0) throw tooBig();
  }
  return entries;
}
