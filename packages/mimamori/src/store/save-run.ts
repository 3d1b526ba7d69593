// Stores one check's evidence: the local copy (never lost: it waits for nothing S3 does) beside S3 — screenshots and
// the trace at once, then result.json once the verdict is final — each object linked only once it is stored.
import type { CheckResult, Link, Screenshot, StorageOutcome } from '../result/types.ts';
import { resultsJson } from '../result/serialize.ts';
import { RESULT_FILE, runFolder } from './layout.ts';
import type { CallOptions, PutOptions, Store } from './store.ts';

export interface Stores {
  /** The out folder: always written, first. */
  local: Store;
  /** S3, when a bucket is configured. */
  remote?: Store;
}

const errorInfo = (error: unknown) => ({ name: (error as Error)?.name ?? 'Error', message: (error as Error)?.message ?? String(error) });

function metadata(result: CheckResult, runId: string, extra: Record<string, string | undefined> = {}): Record<string, string> {
  const all: Record<string, string | undefined> = { check: result.name, 'run-id': runId, status: result.status, ...extra };
  return Object.fromEntries(Object.entries(all).filter((e): e is [string, string] => e[1] !== undefined));
}

function shotOptions(result: CheckResult, runId: string, shot: Screenshot): PutOptions {
  return { contentType: 'image/png', metadata: metadata(result, runId, { step: shot.step, kind: shot.kind, attempt: String(shot.attempt) }) };
}

function traceOptions(result: CheckResult, runId: string): PutOptions {
  return { contentType: 'application/zip', metadata: metadata(result, runId, { kind: 'trace' }) };
}

/** The trace's bytes when there is one to store. */
const traceBytes = (result: CheckResult) => (result.trace && !result.trace.skipped ? result.trace.bytes : undefined);

function resultOptions(result: CheckResult, runId: string): PutOptions {
  return { contentType: 'application/json', metadata: metadata(result, runId) };
}

/** The visual diff pictures (pipeline/visual.ts), stored beside the screenshots: only a changed run has one. */
const visualDiffs = (result: CheckResult) => (result.visual ?? []).flatMap((v) => (v.diff?.bytes ? [v.diff] : []));
const diffOptions = (result: CheckResult, runId: string): PutOptions => ({ contentType: 'image/png', metadata: metadata(result, runId, { kind: 'visual-diff' }) });

export interface SaveOptions {
  /** result.json waits for this (never rejecting): the verdict it carries is final then (after-run: the state written). */
  verdict?: Promise<unknown>;
  /** Told once every picture and the trace is stored or has failed, in each store (their links set): before result.json. */
  onPictures?: () => void;
}

/** The local copy: screenshots and the trace concurrently, then result.json. */
async function putRun(store: Store, result: CheckResult, runId: string, folder: string, verdict: Promise<unknown>): Promise<void> {
  const trace = traceBytes(result);
  await Promise.all([
    ...result.screenshots.map((shot) => shot.bytes && store.put(folder + shot.file, shot.bytes, shotOptions(result, runId, shot))),
    trace && store.put(folder + result.trace!.file, trace, traceOptions(result, runId)),
  ]);
  await Promise.all(visualDiffs(result).map((d) => store.put(folder + d.file, d.bytes!, diffOptions(result, runId))));
  await verdict;
  await store.put(folder + RESULT_FILE, resultsJson(result), resultOptions(result, runId));
}

/** An object that did not make it to S3 (or was stored but could not be linked), and why. */
interface Missed {
  file: string;
  error: unknown;
  stored?: boolean;
}

/** What `storage.s3.error` says: the first failure in full, and the names of the others. */
function missedError(missed: Missed[]): { name: string; message: string } | undefined {
  if (missed.length === 0) return undefined;
  const [first, ...more] = missed;
  const { name, message } = errorInfo(first!.error);
  const notStored = more.filter((m) => !m.stored).map((m) => m.file);
  const notLinked = more.filter((m) => m.stored).map((m) => m.file);
  return {
    name,
    message: (first!.stored ? `${first!.file} is stored but has no link: ` : '') + message
      + (notStored.length ? ` (not stored either: ${notStored.join(', ')})` : '')
      + (notLinked.length ? ` (stored, but no link: ${notLinked.join(', ')})` : ''),
  };
}

/**
 * S3: the screenshots concurrently, each on its own, then result.json. Each object is linked only once it is stored —
 * nothing ever links to an object that is not there — so result.json carries the links of the pictures that made it
 * (and, in `storage.s3.error`, why the others did not), and its own link is made once it is stored too.
 */
async function putRemote(remote: Store, result: CheckResult, runId: string, folder: string, s3: NonNullable<StorageOutcome['s3']>, call: CallOptions, o: { verdict: Promise<unknown>; onPictures: () => void }): Promise<void> {
  const missed: Missed[] = [];
  const storeAndLink = async (file: string, body: Buffer | string, options: PutOptions): Promise<Link | undefined> => {
    try {
      await remote.put(folder + file, body, { ...call, ...options });
    } catch (error) {
      missed.push({ file, error });
      return undefined;
    }
    try {
      return await remote.link(folder + file, call);
    } catch (error) {
      missed.push({ file, error, stored: true });
      return undefined;
    }
  };
  await Promise.all(result.screenshots.map(async (shot) => {
    delete shot.link;
    const link = shot.bytes && (await storeAndLink(shot.file, shot.bytes, shotOptions(result, runId, shot)));
    if (link) shot.link = link;
  }).concat((async () => {
    const trace = result.trace;
    if (!trace) return;
    delete trace.link;
    const bytes = traceBytes(result);
    const link = bytes && (await storeAndLink(trace.file, bytes, traceOptions(result, runId)));
    if (link) trace.link = link;
  })()));
  await Promise.all(visualDiffs(result).map(async (d) => {
    delete d.link;
    const link = await storeAndLink(d.file, d.bytes!, diffOptions(result, runId));
    if (link) d.link = link;
  }));
  const error = missedError(missed);
  if (error) s3.error = error;
  o.onPictures();
  await o.verdict;
  // Stored even when a picture is not: the verdict and timings matter most, and the result says what is missing.
  const link = await storeAndLink(RESULT_FILE, resultsJson(result), resultOptions(result, runId));
  if (link) s3.result = link;
  const all = missedError(missed);
  if (all) s3.error = all;
}

/**
 * Sets `result.storage` and each screenshot's `path` (and its `link` once it is in S3). Never throws: a failure of
 * either store is recorded on the result. `call` bounds the S3 calls (the run's signal and breaker).
 */
export async function saveCheckRun(stores: Stores, result: CheckResult, runId: string, call: CallOptions = {}, o: SaveOptions = {}): Promise<StorageOutcome> {
  const started = Date.now();
  const folder = runFolder(result.name, runId, result.startedAt);
  const storage: StorageOutcome = { folder, local: (await stores.local.link(folder)).url, durationMs: 0 };
  result.storage = storage;
  for (const shot of result.screenshots) shot.path = folder + shot.file;
  for (const diff of visualDiffs(result)) diff.path = folder + diff.file;
  if (traceBytes(result)) result.trace!.path = folder + result.trace!.file;

  const verdict = o.verdict ?? Promise.resolve();
  const local = putRun(stores.local, result, runId, folder, verdict).catch((error: unknown) => {
    storage.localError = errorInfo(error);
  });
  let remotePictures = Promise.resolve();
  let remote = Promise.resolve();
  if (stores.remote) {
    storage.s3 = { location: stores.remote.location + folder };
    let stored!: () => void;
    remotePictures = new Promise<void>((resolve) => (stored = resolve));
    remote = putRemote(stores.remote, result, runId, folder, storage.s3, call, { verdict, onPictures: stored });
    // Told in any case, should putRemote end without saying so.
    void remote.then(stored, stored);
  }
  // The local copy is whole (result.json in it, or its error known) when the history asks which pictures it holds.
  void Promise.all([local, remotePictures]).then(() => o.onPictures?.());
  await Promise.all([local, remote]);
  storage.durationMs = Date.now() - started;
  // The local result.json is rewritten with the storage outcome (S3 links or error, and the time it took).
  await stores.local.put(folder + RESULT_FILE, resultsJson(result), { contentType: 'application/json' }).catch((error: unknown) => {
    storage.localError ??= errorInfo(error);
  });
  return storage;
}
