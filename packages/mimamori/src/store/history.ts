// Recent runs from a store, newest first, by walking the key layout backwards (years → months → days → runs).
import type { CheckResult, CheckStatus, Link } from '../result/types.ts';
import { checkFromSegment, keySegment, RESULT_FILE } from './layout.ts';
import { isRecord, MalformedObject, parseJsonObject } from './read-json.ts';
import type { Store } from './store.ts';
import { mapLimit } from '../result/map-limit.ts';
import { firstLine, storyScreenshot } from '../result/evidence.ts';

export interface RunSummary {
  check: string;
  runId: string;
  folder: string;
  status: CheckStatus | 'unreadable';
  startedAt?: number;
  durationMs?: number;
  failingStep?: string;
  error?: string;
  result: Link;
  /** The failure picture when there is one, else the last picture. */
  screenshot?: Link & { file: string };
  /** The quiet time the run was in (muted, a maintenance window), as result.json has it. */
  quiet?: NonNullable<CheckResult['quiet']>;
}

/** A result's quiet time when it has its shape (a hand-edited one is left out: it only adds a word). */
function quietOf(q: unknown): RunSummary['quiet'] {
  if (!isRecord(q) || (q.mode !== 'pause' && q.mode !== 'silence') || (q.source !== 'maintenance' && q.source !== 'mute') || typeof q.name !== 'string') return undefined;
  return q as unknown as RunSummary['quiet'];
}

const lastSegment = (folder: string) => folder.split('/').filter(Boolean).pop()!;

/** What the listing reads of a result.json must have its type. */
function resultShape(json: unknown): CheckResult {
  if (!isRecord(json)) throw new MalformedObject('not an object');
  if (typeof json.name !== 'string' || typeof json.status !== 'string') throw new MalformedObject('no name or status');
  if (!Array.isArray(json.screenshots) || !json.screenshots.every((s) => isRecord(s) && typeof s.file === 'string')) throw new MalformedObject('screenshots is not a list of pictures');
  if (json.error != null && !(isRecord(json.error) && typeof json.error.message === 'string')) throw new MalformedObject('error has no message');
  return json as unknown as CheckResult;
}

/** The newest `limit` run folders of one check: only as many listings as it takes to find them. */
async function recentFolders(store: Store, segment: string, limit: number): Promise<string[]> {
  const found: string[] = [];
  const walk = async (prefix: string, depth: number): Promise<void> => {
    const { folders } = await store.list(prefix);
    for (const folder of folders.sort().reverse()) {
      if (found.length >= limit) return;
      if (depth === 3) found.push(folder);
      else await walk(folder, depth + 1);
    }
  };
  await walk(`runs/${segment}/`, 0);
  return found;
}

/** The name comes from result.json; without one, from the request or (shortened names only begin) the folder. */
async function summarise(store: Store, folder: string, name?: string): Promise<RunSummary> {
  const check = name ?? checkFromSegment(folder.split('/')[1]!);
  const runId = lastSegment(folder);
  const result = await store.link(folder + RESULT_FILE);
  const bytes = await store.get(folder + RESULT_FILE);
  if (!bytes) return { check, runId, folder, status: 'unreadable', result };
  // A corrupt result.json is one unreadable run, said, not the end of the listing (store/read-json.ts).
  const parsed = parseJsonObject(bytes, folder + RESULT_FILE, resultShape);
  if ('unreadable' in parsed) return { check, runId, folder, status: 'unreadable', error: parsed.unreadable, result };
  const r = parsed.value;
  const shot = storyScreenshot(r);
  const quiet = quietOf(r.quiet);
  return {
    check: r.name,
    runId,
    folder,
    status: r.status,
    startedAt: r.startedAt,
    durationMs: r.durationMs,
    failingStep: r.error?.step,
    error: r.error && firstLine(r.error.message),
    result,
    screenshot: shot && { file: shot.file, ...(await store.link(folder + shot.file)) },
    ...(quiet && { quiet }),
  };
}

/** Recent runs of one check, or of every check, newest first. */
export async function recentRuns(store: Store, check: string | undefined, limit: number): Promise<RunSummary[]> {
  const segments = check !== undefined
    ? [keySegment(check)]
    : (await store.list('runs/')).folders.map((f) => f.split('/')[1]);
  // A bounded number of checks walked, and of results read, at once: a thousand checks never make a thousand calls
  // in flight (map-limit.ts).
  const perCheck = await mapLimit(segments, READS_AT_ONCE, (s) => recentFolders(store, s, limit));
  // Run ids start with their UTC time, so they order runs across checks.
  const newest = perCheck.flat().sort((a, b) => lastSegment(b).localeCompare(lastSegment(a))).slice(0, limit);
  return mapLimit(newest, READS_AT_ONCE, (folder) => summarise(store, folder, check?.normalize('NFC')));
}

/** Checks walked (or results read) at once by `recentRuns`. */
export const READS_AT_ONCE = 32;
