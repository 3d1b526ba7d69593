// The host's watchdog acting on a real worker process that misbehaves on cue (test/fixtures/workers/scripted-worker.mjs):
// the verdicts of src/runner/watchdog.ts become the worker killed and a result that says why. The timings are small
// options so the tests wait on the outcome, never on the default seconds; each expectation is an order of events
// (the stop before the grace, a timeout before the overrun), not a duration.
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { checkData } from '../../src/check/check-data.ts';
import { resolveCheck } from '../../src/check/resolve.ts';
import { WorkerHost, WorkerLoadError, type WorkerOptions } from '../../src/runner/worker-host.ts';
import type { WatchdogTimings } from '../../src/runner/watchdog.ts';
import { ROOT } from '../helpers/cli.ts';

const SCRIPT = join(ROOT, 'test/fixtures/workers/scripted-worker.mjs');
const hosts: WorkerHost[] = [];

function host(mode: string, watchdog: Partial<WatchdogTimings>, options: Partial<WorkerOptions> = {}): WorkerHost {
  const worker = new WorkerHost({ script: SCRIPT, env: { ...process.env, SCRIPTED_WORKER: mode }, watchdog: { intervalMs: 20, ...watchdog }, output: () => {}, ...options });
  hosts.push(worker);
  return worker;
}
afterEach(async () => {
  await Promise.all(hosts.splice(0).map((h) => h.close(0)));
});

const check = (timeoutMs: number) => checkData(resolveCheck({ name: 'scripted', timeoutMs, retries: 0, async run() {} }, 'checks/scripted.check.ts', {}, ''));

describe('the worker watchdog in the host', () => {
  it('stops a worker that is blocked when the stop arrives at once, as blocked — not after the stop grace', async () => {
    // The check's own timeout is far off: only the stop makes its silence a fault. Without that, the grace would
    // end it as "did not stop" instead. Silence counts from the request, so blockedMs also covers the worker's Node
    // starting (slow on a busy machine); what is asserted is that blocked comes before the grace, however long.
    const worker = host('block', { blockedMs: 5_000, stopGraceMs: 600_000 });
    const stop = new AbortController();
    const attempt = worker.attempt(check(600_000), 1, stop.signal);
    stop.abort();
    const result = await attempt;
    expect(result.error).toMatchObject({ name: 'CheckBlockedError', class: 'timeout', step: 'spin' });
    expect(result.steps.map((s) => [s.name, s.status])).toEqual([['spin', 'failed']]);
    await worker.exited;
    expect(worker.retired).toBe(true);
  });

  it('stops a worker still answering past its check\'s timeout plus overrunMs, as overran', async () => {
    // Silence never counts here (blockedMs far off): a loaded machine's late heartbeats must not read as blocked.
    const worker = host('ignore-stop', { blockedMs: 600_000, overrunMs: 200 });
    const result = await worker.attempt(check(100), 1);
    expect(result.error).toMatchObject({ name: 'CheckTimeoutError', class: 'timeout', step: 'spin' });
    expect(result.error!.message).toMatch(/^The check did not finish within [\d.]+ s after its timeout of 100 ms; its worker process was stopped$/);
    await worker.exited;
    expect(worker.retired).toBe(true);
  });

  it('stops a worker that keeps going after the stop, once the stop grace is over', async () => {
    const worker = host('ignore-stop', { blockedMs: 600_000, stopGraceMs: 200 });
    const stop = new AbortController();
    const attempt = worker.attempt(check(600_000), 1, stop.signal);
    stop.abort();
    const result = await attempt;
    expect(result.error).toMatchObject({ name: 'CheckTimeoutError', class: 'timeout' });
    expect(result.error!.message).toMatch(/^Stopped before the Lambda deadline: .* did not stop within 0\.2 s/);
    await worker.exited;
  });

  it('gives a render\'s time to the render, not to the worker\'s browser starting (a cold worker inflates and launches Chromium first)', async () => {
    // The browser is up 600 ms after the request; the render itself has 200 ms: it is on time.
    const worker = host('slow-browser', {}, { env: { ...process.env, SCRIPTED_WORKER: 'slow-browser', SCRIPTED_BROWSER_MS: '600' } });
    expect([...await worker.render('<p>x</p>', { width: 10, height: 10 }, 200)]).toEqual([1]);
    expect(worker.retired).toBe(false);
  });

  it('gives up a render whose worker never gets its browser up, after startMs', async () => {
    const worker = host('slow-browser', { startMs: 200 }, { env: { ...process.env, SCRIPTED_WORKER: 'slow-browser', SCRIPTED_BROWSER_MS: '600000' } });
    await expect(worker.render('<p>x</p>', { width: 10, height: 10 }, 600_000)).rejects.toThrow(/the worker's browser did not start within 0\.2 s/);
    expect(worker.retired).toBe(true);
  });

  it('names what a load that ran out of time was still waiting for: the files, or (once they are in) the browser', async () => {
    const hanging = host('hang-load', {});
    await expect(hanging.load({ kind: 'names', names: ['scripted'] }, 300)).rejects.toThrow(/^loading the config and check files \(and starting Chromium\) took over 0\.3 s \(does a file's top-level code await/);
    // The limit counts from the request, and this worker says its files are in only once its Node has started: on a busy
    // machine that can take longer than 0.3 s, so it gets 3 s (its browser never starts, so they all pass).
    const coldStart = host('files-only', {});
    await expect(coldStart.load({ kind: 'names', names: ['scripted'] }, 3_000)).rejects.toThrow(/^the config and check files loaded, but starting Chromium took over 3 s \(a cold start/);
    expect(coldStart.retired).toBe(true);
  });

  it('gives up a load whose top-level code blocks the worker, after loadBlockedMs', async () => {
    const worker = host('block-load', { loadBlockedMs: 300 });
    await expect(worker.load({ kind: 'names', names: ['scripted'] }, 600_000)).rejects.toThrow(WorkerLoadError);
    await expect(worker.load({ kind: 'names', names: ['scripted'] }, 600_000)).rejects.toThrow(/exited|killed/);
    expect(worker.retired).toBe(true);
  });
});
