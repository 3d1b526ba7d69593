// A zip's entries, inflated: enough of the format to read what Playwright writes (a trace.zip) and see into it — the
// central directory, stored and deflated entries. No zip64, no encryption: such a zip is an error, not a guess.
import { inflateRawSync } from 'node:zlib';

// The records' signatures (zip-write.ts writes them too).
export const END_OF_DIRECTORY = 0x06054b50;
export const DIRECTORY_ENTRY = 0x02014b50;
export const LOCAL_HEADER = 0x04034b50;

export class ZipError extends Error {
  override name = 'ZipError';
}

/** An entry as the zip holds it: its data still compressed (`method` 0: stored, 8: deflated), with its CRC and size. */
export interface ZipRecord {
  name: string;
  method: number;
  crc: number;
  /** The contents' size once inflated, as the directory declares it. */
  size: number;
  /** The entry's data as stored in the zip. */
  data: Buffer;
}

/** Every entry as stored, in the central directory's order: nothing inflated (zipEntries inflates; zip-write copies). */
export function zipRecords(zip: Buffer): ZipRecord[] {
  // The end record is the last 22 bytes, unless a comment (at most 64 kB) follows it.
  let end = zip.length - 22;
  const earliest = Math.max(0, zip.length - 22 - 0xffff);
  while (end >= earliest && zip.readUInt32LE(end) !== END_OF_DIRECTORY) end--;
  if (end < earliest) throw new ZipError('not a zip: no end of central directory');
  const count = zip.readUInt16LE(end + 10);
  let at = zip.readUInt32LE(end + 16);
  if (count === 0xffff || at === 0xffffffff) throw new ZipError('zip64 is not supported');
  const records: ZipRecord[] = [];
  for (let i = 0; i < count; i++) {
    if (at + 46 > zip.length || zip.readUInt32LE(at) !== DIRECTORY_ENTRY) throw new ZipError(`bad central directory entry ${i}`);
    const flags = zip.readUInt16LE(at + 8);
    const method = zip.readUInt16LE(at + 10);
    const crc = zip.readUInt32LE(at + 16);
    const compressed = zip.readUInt32LE(at + 20);
    const size = zip.readUInt32LE(at + 24);
    const nameLength = zip.readUInt16LE(at + 28);
    const extra = zip.readUInt16LE(at + 30);
    const comment = zip.readUInt16LE(at + 32);
    const local = zip.readUInt32LE(at + 42);
    const name = zip.subarray(at + 46, at + 46 + nameLength).toString('utf8');
    if (flags & 1) throw new ZipError(`${name}: encrypted`);
    if (local + 30 > zip.length || zip.readUInt32LE(local) !== LOCAL_HEADER) throw new ZipError(`${name}: bad local header`);
    // The local header's name and extra fields may differ in length from the central directory's.
    const data = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
    if (data + compressed > zip.length) throw new ZipError(`${name}: truncated`);
    if (method !== 0 && method !== 8) throw new ZipError(`${name}: compression method ${method} is not supported`);
    records.push({ name, method, crc, size, data: zip.subarray(data, data + compressed) });
    at += 46 + nameLength + extra + comment;
  }
  return records;
}

/** A record's contents, inflated — bounded by the size the directory declares: a lying entry cannot inflate past it. */
export function inflateRecord(record: ZipRecord): Buffer {
  const contents = record.method === 0 ? Buffer.from(record.data) : inflateRawSync(record.data, { maxOutputLength: Math.max(1, record.size) });
  if (contents.length !== record.size) throw new ZipError(`${record.name}: ${contents.length} bytes, the directory says ${record.size}`);
  return contents;
}

/**
 * Every entry by name with its contents, in the central directory's order. `maxBytes` bounds what all entries may
 * inflate to together (a small zip can hold a huge entry); past it, a ZipError.
 */
export function zipEntries(zip: Buffer, maxBytes = 256 * 1024 * 1024): Map<string, Buffer> {
  const entries = new Map<string, Buffer>();
  let total = 0;
  for (const record of zipRecords(zip)) {
    total += record.size;
    if (total > maxBytes) throw new ZipError(`inflates to over ${maxBytes} bytes`);
    entries.set(record.name, inflateRecord(record));
  }
  return entries;
}
