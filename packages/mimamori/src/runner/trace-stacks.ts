// A kept trace's call stacks (its `trace.stacks` entry, which the trace viewer shows beside each action) pointed at the
// check's .ts lines. Playwright records a stack on every API call as the process prints it, and this worker keeps
// Node's source maps off (mapping each costs every call): so the stacks are mapped here, once, and only for a trace
// that is kept — through the maps mapped-stack.ts reads once per file.
import { mapFrame } from './mapped-stack.ts';
import { inflateRecord, zipRecords } from './zip-entries.ts';
import { zipOfRecords, zipRecord } from './zip-write.ts';

const STACKS = 'trace.stacks';

/** `{ files, stacks: [[callId, [[fileIndex, line, column, function], …]], …] }`, as Playwright writes it. */
interface TraceStacks {
  files: string[];
  stacks: [number, [number, number, number, string][]][];
}

/**
 * The trace zip with its stacks' frames mapped to their sources; the same bytes when nothing maps. Only trace.stacks is
 * inflated and written again: the other entries (snapshots, pictures) are copied as they are stored.
 */
export function mapTraceStacks(zip: Buffer): Buffer {
  const records = zipRecords(zip);
  const at = records.findIndex((r) => r.name === STACKS);
  if (at < 0) return zip;
  const { files, stacks } = JSON.parse(inflateRecord(records[at]!).toString('utf8')) as TraceStacks;
  const mappedFiles: string[] = [];
  const index = new Map<string, number>();
  const fileIndex = (file: string) => {
    let at = index.get(file);
    if (at === undefined) index.set(file, (at = mappedFiles.push(file) - 1));
    return at;
  };
  let changed = false;
  const mapped = stacks.map(([id, frames]) => [id, frames.map(([file, line, column, fn]) => {
    const source = line > 0 ? mapFrame(files[file]!, line, column) : undefined;
    if (!source) return [fileIndex(files[file]!), line, column, fn];
    changed = true;
    return [fileIndex(source.file), source.line, source.column, fn];
  })]);
  if (!changed) return zip;
  records[at] = zipRecord(STACKS, Buffer.from(JSON.stringify({ files: mappedFiles, stacks: mapped })));
  return zipOfRecords(records);
}
