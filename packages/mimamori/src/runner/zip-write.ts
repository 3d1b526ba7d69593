// A zip of named entries, written back after one of them changed (a kept trace's trace.stacks): the counterpart of
// zip-entries.ts — the unchanged entries' data copied as it was stored, a new entry deflated (stored when deflating
// gains nothing), UTF-8 names, no zip64.
import { crc32, deflateRawSync } from 'node:zlib';
import { DIRECTORY_ENTRY, END_OF_DIRECTORY, LOCAL_HEADER, type ZipRecord } from './zip-entries.ts';

const UTF8_NAMES = 0x800;
// 1980-01-01 00:00, the earliest MS-DOS time: a written trace says nothing of when it was rewritten.
const DOS_TIME = 0;
const DOS_DATE = (1 << 5) | 1;

/** An entry with `contents`, deflated unless that gains nothing. */
export function zipRecord(name: string, contents: Buffer): ZipRecord {
  const deflated = deflateRawSync(contents);
  const stored = deflated.length >= contents.length;
  return { name, method: stored ? 0 : 8, crc: crc32(contents), size: contents.length, data: stored ? contents : deflated };
}

/** The entries, in their order, as a zip's bytes. */
export function zipOf(entries: Map<string, Buffer>): Buffer {
  return zipOfRecords([...entries].map(([name, contents]) => zipRecord(name, contents)));
}

/** The records, in their order, as a zip's bytes: each one's data written as it is. */
export function zipOfRecords(records: readonly ZipRecord[]): Buffer {
  const locals: Buffer[] = [];
  const directory: Buffer[] = [];
  let offset = 0;
  for (const { name, method, crc, size, data } of records) {
    const nameBytes = Buffer.from(name, 'utf8');
    const local = Buffer.alloc(30);
    local.writeUInt32LE(LOCAL_HEADER, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(UTF8_NAMES, 6);
    local.writeUInt16LE(method, 8);
    local.writeUInt16LE(DOS_TIME, 10);
    local.writeUInt16LE(DOS_DATE, 12);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    locals.push(local, nameBytes, data);
    const entry = Buffer.alloc(46);
    entry.writeUInt32LE(DIRECTORY_ENTRY, 0);
    entry.writeUInt16LE(20, 4);
    entry.writeUInt16LE(20, 6);
    local.copy(entry, 8, 6, 26); // flags, method, time, date, crc, sizes: as in the local header
    entry.writeUInt16LE(nameBytes.length, 28);
    entry.writeUInt32LE(offset, 42);
    directory.push(entry, nameBytes);
    offset += 30 + nameBytes.length + data.length;
  }
  const size = directory.reduce((n, b) => n + b.length, 0);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(END_OF_DIRECTORY, 0);
  end.writeUInt16LE(records.length, 8);
  end.writeUInt16LE(records.length, 10);
  end.writeUInt32LE(size, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, ...directory, end]);
}
