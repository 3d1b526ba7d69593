// The ProcessHost under the WorkerHost, against a real child that speaks only the envelope
// (test/fixtures/workers/echo-process.mjs). Time is a ManualClock: a timeout or a watch fires when the test moves the
// clock, and everything else is waited for as an event (an answer, an exit) — nothing depends on how busy the machine is.
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ProcessExitError, ProcessTimeoutError, RequestError } from '../../src/runner/process-errors.ts';
import { ProcessHost, type RequestLook } from '../../src/runner/process-host.ts';
import { ROOT } from '../helpers/cli.ts';
import { ManualClock } from '../helpers/manual-clock.ts';

const SCRIPT = join(ROOT, 'test/fixtures/workers/echo-process.mjs');
const hosts: ProcessHost[] = [];

function start(options: { env?: NodeJS.ProcessEnv; onEvent?: (event: string, payload: unknown) => void } = {}) {
  const clock = new ManualClock();
  const host = new ProcessHost({ script: SCRIPT, clock, pollMs: 100, output: () => {}, ...options });
  hosts.push(host);
  return { host, clock };
}

afterEach(() => {
  for (const host of hosts.splice(0)) host.kill();
});

/** What became of a promise, recorded as it settles. */
function outcome<T>(promise: Promise<T>, order?: string[], name?: string) {
  const seen: { value?: T; error?: unknown; settled: boolean } = { settled: false };
  const done = promise.then((value) => Object.assign(seen, { value, settled: true }), (error: unknown) => Object.assign(seen, { error, settled: true }))
    .then(() => void (name && order?.push(name)));
  return Object.assign(seen, { done });
}

describe('ProcessHost', () => {
  it('answers a request with what the process sends back', async () => {
    const { host } = start();
    expect(await host.request('echo', { hello: ['world', 1] })).toEqual({ hello: ['world', 1] });
  });

  it('matches answers to their requests by id, in whatever order they come', async () => {
    const { host } = start();
    const order: string[] = [];
    const a = outcome(host.request('held', 'a'), order, 'a');
    const b = outcome(host.request('held', 'b'), order, 'b');
    const release = outcome(host.request('release', null), order, 'release');
    await Promise.all([a.done, b.done, release.done]);
    expect(order).toEqual(['release', 'a', 'b']);
    expect([a.value, b.value, release.value]).toEqual(['a', 'b', 'released']);
  });

  it('rejects with the error the process answered, as it was serialised there', async () => {
    const { host } = start();
    const error = await host.request('fail', 'LoaderError').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RequestError);
    expect((error as RequestError).remote).toEqual({ name: 'LoaderError', message: 'LoaderError in the child', stack: 'LoaderError: in the child\n    at child.mjs:1:1' });
    // The process is still there for the next request.
    expect(await host.request('echo', 2)).toBe(2);
  });

  it('passes a request its own progress, and the process\'s news to onEvent, in the order they came', async () => {
    const events: unknown[] = [];
    const { host } = start({ onEvent: (event, payload) => events.push(['process', event, payload]) });
    const answer = await host.request('progress', null, { onEvent: (event, payload) => events.push(['request', event, payload]) });
    expect(answer).toBe('done');
    expect(events).toEqual([['request', 'progress', { done: 1 }], ['process', 'news', 'about the process']]);
  });

  it('gives up a request not answered within its timeoutMs, and kills the process (its state is unknown)', async () => {
    const { host, clock } = start();
    const never = outcome(host.request('never', null, { timeoutMs: 1_000 }));
    clock.advance(1_000);
    // A round trip later, a request exactly at its time is still waiting.
    expect(await host.request('echo', 'alive')).toBe('alive');
    expect(never.settled).toBe(false);
    // The next look (every pollMs) finds it over its time.
    clock.advance(100);
    await never.done;
    expect(never.error).toBeInstanceOf(ProcessTimeoutError);
    expect((never.error as Error).message).toBe('no answer to "never" within 1000 ms');
    expect(await host.exited).toEqual({ code: null, signal: 'SIGKILL' });
  });

  it('gives up a request with its watch\'s own reason, the watch seeing when it was sent, last heard and cancelled', async () => {
    const { host, clock } = start();
    const looks: RequestLook[] = [];
    const stop = new AbortController();
    const held = outcome(host.request('held', 'x', {
      signal: stop.signal,
      watch: (look) => {
        looks.push(look);
        return look.cancelledAt === undefined ? undefined : new Error(`cancelled at ${look.cancelledAt} and still going`);
      },
    }));
    clock.advance(200);
    expect(await host.request('echo', 'heard at 200')).toBe('heard at 200');
    stop.abort();
    clock.advance(100);
    await held.done;
    expect((held.error as Error).message).toBe('cancelled at 200 and still going');
    expect(looks).toEqual([
      { now: 100, sentAt: 0, lastHeard: 0, cancelledAt: undefined },
      { now: 200, sentAt: 0, lastHeard: 0, cancelledAt: undefined },
      { now: 300, sentAt: 0, lastHeard: 200, cancelledAt: 200 },
    ]);
    expect((await host.exited).signal).toBe('SIGKILL');
  });

  it('sends a cancel when the request\'s signal aborts; the request still settles with the process\'s answer', async () => {
    const { host } = start();
    const stop = new AbortController();
    const never = host.request('never', null, { signal: stop.signal });
    stop.abort();
    expect(await never).toBe('cancelled');
    const already = AbortSignal.abort();
    expect(await host.request('never', null, { signal: already })).toBe('cancelled');
  });

  it('rejects every pending request when the process exits mid-request, with its exit code', async () => {
    const { host } = start();
    const pending = [host.request('held', 1), host.request('never', 2), host.request('exit', 3)].map((p) => p.catch((e: unknown) => e));
    const errors = await Promise.all(pending);
    for (const error of errors) {
      expect(error).toBeInstanceOf(ProcessExitError);
      expect((error as ProcessExitError).exit).toEqual({ code: 3, signal: null });
    }
    expect((errors[0] as Error).message).toBe('the process exited with code 3');
    expect(host.alive).toBe(false);
    // Once it is gone, a request is refused at once.
    await expect(host.request('echo', 4)).rejects.toBeInstanceOf(ProcessExitError);
  });

  it('rejects a pending request with the signal that killed the process', async () => {
    const { host } = start();
    const error = await host.request('signal', 'SIGTERM').catch((e: unknown) => e);
    expect((error as ProcessExitError).exit).toEqual({ code: null, signal: 'SIGTERM' });
    expect((error as Error).message).toBe('the process was killed by SIGTERM');
  });

  it('stops the process gracefully: it exits on its own when asked', async () => {
    const { host } = start();
    await host.stop(1_000);
    expect(host.exit).toEqual({ code: 0, signal: null });
  });

  it('kills a process that does not exit within the stop\'s grace', async () => {
    const { host, clock } = start({ env: { ...process.env, ECHO_IGNORE_STOP: '1' } });
    const stopping = host.stop(500);
    // Asked to stop, it still answers: it has not exited.
    expect(await host.request('echo', 'still here')).toBe('still here');
    clock.advance(500);
    await stopping;
    expect(host.exit).toEqual({ code: null, signal: 'SIGKILL' });
  });
});
