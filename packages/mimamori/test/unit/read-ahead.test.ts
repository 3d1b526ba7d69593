// The reads the Lambda runner makes while the journey runs (pipeline/read-ahead.ts), as after-run uses them: the mute
// list read ahead misses a mute set while the check ran, so a run that may post is judged by the list as it is now.
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LocalStore } from '../../src/store/local-store.ts';
import type { Store } from '../../src/store/store.ts';
import { afterRun } from '../../src/pipeline/after-run.ts';
import { readAhead } from '../../src/pipeline/read-ahead.ts';
import { addMute } from '../../src/mute/mute-store.ts';
import type { CheckResult } from '../../src/result/types.ts';
import { checkResult } from '../helpers/check-result.ts';

const MIN = 60_000;

/** A run of `checkout` that began a minute ago; its state and the mutes read ahead before the test goes on. */
async function setUp(status: CheckResult['status']) {
  const store = new LocalStore(await mkdtemp(join(tmpdir(), 'mimamori-read-ahead-')));
  const stores = { local: store };
  const startedAt = Date.now() - MIN;
  const result = checkResult({
    name: 'checkout', status, startedAt,
    ...(status === 'failed' && { error: { name: 'Error', message: 'boom', class: 'assertion' as const } }),
  });
  const ahead = readAhead(['checkout'], { stores, call: {} });
  await ahead.mutes;
  return { store, stores, startedAt, result, ahead };
}

const run = (r: CheckResult) => ({ runId: 'r1', startedAt: r.startedAt, durationMs: 1, results: [r], diagnostics: [] });

describe('the mutes a run is judged by, when they were read ahead', () => {
  it('a mute set while a failing check ran silences its alert: the list is read again', async () => {
    const { store, stores, startedAt, result, ahead } = await setUp('failed');
    await addMute(store, { target: 'checkout', by: 'aki', since: startedAt - MIN, until: startedAt + 30 * MIN, reason: 'DB restart' }, Date.now());
    await afterRun(run(result), { stores, readAhead: ahead });
    expect(result.quiet).toMatchObject({ mode: 'silence', source: 'mute', by: 'aki' });
  });

  it('a clean pass after a clean pass is judged by the list read ahead: nothing it could post depends on a mute', async () => {
    const { store, stores, startedAt, result, ahead } = await setUp('passed');
    // The state read ahead was none (a new check): a pass then posts nothing, muted or not.
    await addMute(store, { target: 'checkout', by: 'aki', since: startedAt - MIN, until: startedAt + 30 * MIN }, Date.now());
    await afterRun(run(result), { stores, readAhead: ahead });
    expect(result.quiet).toBeUndefined();
  });

  it('a state read ahead that failed is read again within the budget: the run is judged on the real state', async () => {
    const { store, result } = await setUp('failed');
    await store.put('state/checkout.json', JSON.stringify({ check: 'checkout', lastStatus: 'failed', lastRunId: 'r0', lastRunAt: new Date(result.startedAt - 5 * MIN).toISOString(), lastDurationMs: 100, lastRunFolder: '', consecutiveFailures: 1, incident: null }), { contentType: 'application/json' });
    let failures = 1;
    const blip = Object.create(store) as Store;
    blip.getVersioned = (key, options) => (key.startsWith('state/') && failures-- > 0 ? Promise.reject(new Error('socket hang up')) : (store as Store).getVersioned(key, options));
    const stores = { local: blip };
    const ahead = readAhead(['checkout'], { stores, call: {} });
    await afterRun(run(result), { stores, readAhead: ahead });
    expect(result.notification?.stateError).toBeUndefined();
    // The second failure in a row: the incident opens (alertAfter 2), as it does with the state read at the end.
    expect(result.notification?.action).toBe('open');
  });
});
