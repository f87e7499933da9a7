// A minimal zip writer for tests that need archives no office program would write: zip bombs,
// lying headers, damaged directories.

import { crc32, deflateRawSync } from 'node:zlib';

export interface ZipEntryInput {
  name: string;
  /** The entry's content, stored deflated (or as is with method 0). */
  data?: Buffer;
  /** Already-deflated bytes, written as they are (for bombs built once and reused). */
  deflated?: { bytes: Buffer; size: number; crc: number };
  method?: 0 | 8;
  /** Write this uncompressed size into the headers instead of the real one (a lying header). */
  declaredSize?: number;
}

export function writeZip(entries: ZipEntryInput[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name, 'utf8');
    const method = e.deflated ? 8 : (e.method ?? 8);
    const data = e.data ?? Buffer.alloc(0);
    const body = e.deflated ? e.deflated.bytes : method === 8 ? deflateRawSync(data) : data;
    const size = e.declaredSize ?? (e.deflated ? e.deflated.size : data.length);
    const crc = e.deflated ? e.deflated.crc : crc32(data);

    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x800, 6);
    local.writeUInt16LE(method, 8);
    local.writeUInt32LE(crc >>> 0, 14);
    local.writeUInt32LE(body.length, 18);
    local.writeUInt32LE(size >>> 0, 22);
    local.writeUInt16LE(name.length, 26);
    locals.push(local, name, body);

    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x800, 8);
    central.writeUInt16LE(method, 10);
    central.writeUInt32LE(crc >>> 0, 16);
    central.writeUInt32LE(body.length, 20);
    central.writeUInt32LE(size >>> 0, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    centrals.push(central, name);
    offset += 30 + name.length + body.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(Math.min(entries.length, 0xffff), 8);
  end.writeUInt16LE(Math.min(entries.length, 0xffff), 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

let bomb: { bytes: Buffer; size: number; crc: number } | undefined;

/** 150 MB of zeros deflated at level 9 (about 150 KB), built once per process. */
export function deflatedZeros(): { bytes: Buffer; size: number; crc: number } {
  if (!bomb) {
    const size = 150 * 1024 * 1024;
    const zeros = Buffer.alloc(size);
    bomb = { bytes: deflateRawSync(zeros, { level: 9 }), size, crc: crc32(zeros) };
  }
  return bomb;
}

/** A zip whose one entry (named like a workbook's or a document's part) expands to 150 MB. */
export function zipBomb(entryName = 'xl/worksheets/sheet1.xml'): Buffer {
  return writeZip([{ name: entryName, deflated: deflatedZeros() }]);
}
