// Stores one check's evidence: the local copy first (never lost), then S3 — screenshots at once, then result.json.
import type { CheckResult, StorageOutcome } from '../result/types.ts';
import { resultsJson } from '../result/serialize.ts';
import { RESULT_FILE, runFolder } from './layout.ts';
import type { CallOptions, Store } from './store.ts';

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

/** Screenshots go out concurrently; result.json follows them, so a result in the store always has its pictures. */
async function putRun(store: Store, result: CheckResult, runId: string, folder: string, call: CallOptions = {}): Promise<void> {
  await Promise.all(result.screenshots.map((shot) =>
    shot.bytes && store.put(folder + shot.file, shot.bytes, {
      ...call,
      contentType: 'image/png',
      metadata: metadata(result, runId, { step: shot.step, kind: shot.kind, attempt: String(shot.attempt) }),
    })));
  await store.put(folder + RESULT_FILE, resultsJson(result), { ...call, contentType: 'application/json', metadata: metadata(result, runId) });
}

/**
 * Sets `result.storage` and each screenshot's `path` (and `link` for S3). Never throws: a failure of either store is
 * recorded on the result. `call` bounds the S3 calls (the run's signal and breaker).
 */
export async function saveCheckRun(stores: Stores, result: CheckResult, runId: string, call: CallOptions = {}): Promise<StorageOutcome> {
  const started = Date.now();
  const folder = runFolder(result.name, runId, result.startedAt);
  const storage: StorageOutcome = { folder, local: (await stores.local.link(folder)).url, durationMs: 0 };
  result.storage = storage;
  for (const shot of result.screenshots) shot.path = folder + shot.file;

  await putRun(stores.local, result, runId, folder).catch((error: unknown) => {
    storage.localError = errorInfo(error);
  });
  if (stores.remote) {
    const remote = stores.remote;
    storage.s3 = { location: remote.location + folder };
    try {
      // Links are computed (signed locally) before the upload, so the stored result carries them too.
      const links = await Promise.all(result.screenshots.map((s) => remote.link(folder + s.file, call)));
      result.screenshots.forEach((s, i) => (s.link = links[i]));
      storage.s3.result = await remote.link(folder + RESULT_FILE, call);
      await putRun(remote, result, runId, folder, call);
    } catch (error) {
      storage.s3.error = errorInfo(error);
    }
  }
  storage.durationMs = Date.now() - started;
  // The local result.json is rewritten with the storage outcome (S3 links or error, and the time it took).
  await stores.local.put(folder + RESULT_FILE, resultsJson(result), { contentType: 'application/json' }).catch((error: unknown) => {
    storage.localError ??= errorInfo(error);
  });
  return storage;
}
