// Visual baselines in the store: `baselines/<check>/<name>.png`, one per compared picture, in the store the check's
// state lives in (S3 when shared with the deployed monitor, else the out folder).
import { baselineKey } from './layout.ts';
import type { CallOptions, Store } from './store.ts';

export { baselineKey };

/** The baseline's bytes, or undefined when none is recorded yet. */
export async function readBaseline(store: Store, check: string, name: string, call: CallOptions = {}): Promise<Buffer | undefined> {
  return store.get(baselineKey(check, name), call);
}

/** Records (or, with --update-baselines, replaces) a baseline. */
export async function writeBaseline(store: Store, check: string, name: string, png: Buffer, meta: { runId: string }, call: CallOptions = {}): Promise<void> {
  await store.put(baselineKey(check, name), png, { ...call, contentType: 'image/png', metadata: { check, 'run-id': meta.runId, baseline: name } });
}
