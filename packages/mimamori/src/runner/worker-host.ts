// The host's side of one worker process: the worker protocol (load, attempt, render) over a ProcessHost, watched by
// the watchdog's pure decisions. When check code blocks the worker, ends it, or outlives its timeout, the worker (and its
// Chromium) is stopped and what happened becomes a result.
import type { CheckData } from '../check/check-data.ts';
import type { StepResult } from '../result/types.ts';
import { noPageErrors, type AttemptResult } from './attempt-result.ts';
import { toErrorInfo, type CheckFailure } from './errors.ts';
import type { Clock } from './clock.ts';
import { describeExit, ProcessExitError, RequestError } from './process-errors.ts';
import { ProcessHost, type OutputStream } from './process-host.ts';
import { removeWorkerTmp, workerEnv } from './worker-env.ts';
import { takeEarlyWorker } from './early-worker.ts';
import { workerBlocked, workerDidNotStop, workerExited, workerOverran } from './worker-errors.ts';
import { RENDER_TIMEOUT_MS, TAINTED, type LoadRequest, type Loaded, type StepEvent, type WorkerRequests } from './worker-protocol.ts';
import { watchAttempt, watchdogTimings, watchLoad, watchRender, type WatchdogTimings } from './watchdog.ts';

export type { Loaded } from './worker-protocol.ts';

export interface WorkerOptions {
  /** The worker's entry script (a bundle that calls startWorker). */
  script: string;
  env?: NodeJS.ProcessEnv;
  /**
   * The watchdog's timings (src/runner/watchdog.ts; defaults there): how often it looks, how long a silent worker is
   * given, the grace after a stop (Lambda sets it from its reserve)…
   */
  watchdog?: Partial<WatchdogTimings>;
  /**
   * Where the worker's output goes (check code's console.log, the worker's own messages), in whole lines — a block of
   * them at a time, each stream in order; default: the host's own stdout and stderr, as is. The pool passes its
   * redactor's way here.
   */
  output?: (stream: OutputStream, text: string) => void;
  /** The watchdog's clock (tests); default: the system's. */
  clock?: Clock;
  /** Adopt the launcher's early worker (src/runner/early-worker.ts) when it was forked as this one would be. */
  adoptEarly?: boolean;
}

/** Loading the project (and starting Chromium) takes at most this long: a top-level `await` may never settle. */
export const LOAD_TIMEOUT_MS = 60_000;

const seconds = (ms: number) => `${Math.round(ms / 100) / 10} s`;

/** The worker could not load the project (it died, blocked, or the loader threw). */
export class WorkerLoadError extends Error {
  override name = 'WorkerLoadError';
}

export class WorkerHost {
  private readonly process: ProcessHost;
  private readonly timings: WatchdogTimings;
  private readonly clock?: Clock;
  private readonly tmp?: string;
  /** Misbehaved: it must not run another check. */
  retired = false;
  readonly exited: Promise<void>;
  /** Exited, and its output passed on (or given up on DRAIN_MS after the exit). */
  readonly finished: Promise<void>;

  constructor(options: WorkerOptions) {
    this.timings = watchdogTimings(options.watchdog);
    this.clock = options.clock;
    // The launcher's early worker when it was forked just as this one would be (early-worker.ts); else a new one.
    const early = options.adoptEarly ? takeEarlyWorker(options.script, options.env ?? process.env) : undefined;
    const { env, tmp } = early ?? workerEnv(options.env);
    this.tmp = tmp;
    this.process = new ProcessHost({
      script: options.script, env, output: options.output, ...(early && { child: early.child }), clock: options.clock, pollMs: this.timings.intervalMs,
      onEvent: (event) => {
        if (event === TAINTED) this.retired = true;
      },
      // Chromium's profile goes with the worker, even when it was killed.
      onExit: () => removeWorkerTmp(tmp),
    });
    this.exited = this.process.exited.then(() => {});
    this.finished = this.process.finished;
  }

  get alive(): boolean {
    return this.process.alive;
  }

  private now(): number {
    return this.clock?.now() ?? Date.now();
  }

  /** A watchdog's reason to give up: the worker is then killed (by the ProcessHost), and retired. */
  private giveUp<E extends Error>(reason: E): E {
    this.retired = true;
    return reason;
  }

  private request<K extends keyof WorkerRequests>(kind: K, payload: WorkerRequests[K]['payload'], options: Parameters<ProcessHost['request']>[2]): Promise<WorkerRequests[K]['result']> {
    return this.process.request(kind, payload, options);
  }

  /** Loads and validates the project in the worker (the host never imports check code), within `timeoutMs`. */
  async load(request: LoadRequest, timeoutMs = LOAD_TIMEOUT_MS): Promise<Loaded> {
    // The files are in (the worker said so): what is still pending is the browser.
    let filesLoaded = false;
    const limit = seconds(timeoutMs);
    try {
      const { project, browser } = await this.request('load', request, {
        onEvent: (event) => void (event === 'filesLoaded' && (filesLoaded = true)),
        watch: ({ now, sentAt, lastHeard }) => {
          const verdict = watchLoad({ now, lastHeard, until: sentAt + timeoutMs }, this.timings);
          if (verdict.action === 'blocked') {
            return this.giveUp(new WorkerLoadError(`loading the config and check files blocked the worker for ${this.timings.loadBlockedMs / 1000} s (does a file's top-level code loop?)`));
          }
          if (verdict.action === 'tooLong') {
            return this.giveUp(new WorkerLoadError(filesLoaded
              ? `the config and check files loaded, but starting Chromium took over ${limit} (a cold start on a busy or small machine?)`
              : `loading the config and check files (and starting Chromium) took over ${limit} (does a file's top-level code await something that never comes?)`));
          }
          return undefined;
        },
      });
      return { project, browser };
    } catch (error) {
      if (error instanceof RequestError) throw new WorkerLoadError(`loading the config and check files failed: ${error.remote.stack ?? error.remote.message}`);
      if (error instanceof ProcessExitError) {
        throw new WorkerLoadError(`the worker ${describeExit(error.exit)} while loading the config and check files (does a file's top-level code call process.exit() or throw where nothing awaits it?)`);
      }
      throw error;
    }
  }

  /**
   * One attempt in the worker, watched: always a result, whatever the check's code does. `env`: the check's secrets,
   * for the worker's process.env during the attempt. Aborting `signal` tells the worker to stop (Lambda's deadline).
   */
  async attempt(check: CheckData, attempt: number, signal?: AbortSignal, env?: Record<string, string>): Promise<AttemptResult> {
    const startedAt = this.now();
    let steps: StepResult[] = [];
    let current: { name: string; startedAt: number } | undefined;
    let begunAt: number | undefined;
    try {
      const end = await this.request('attempt', { check, attempt, env }, {
        signal,
        onEvent: (event, payload) => {
          if (event === 'started') begunAt = this.now();
          if (event === 'step') {
            const step = payload as StepEvent;
            steps = step.steps;
            current = { name: step.current, startedAt: step.startedAt };
          }
        },
        watch: ({ now, sentAt, lastHeard, cancelledAt }) => {
          const verdict = watchAttempt({ now, sentAt, begunAt, timeoutMs: check.timeoutMs, lastHeard, stopSentAt: cancelledAt }, this.timings);
          if (verdict.action === 'blocked') return this.giveUp(workerBlocked(check.timeoutMs, verdict.silentMs));
          if (verdict.action === 'overran') return this.giveUp(workerOverran(check.timeoutMs, verdict.overMs));
          if (verdict.action === 'didNotStop') return this.giveUp(workerDidNotStop(verdict.graceMs));
          return undefined;
        },
      });
      if (end.retire) this.retired = true;
      return end.result;
    } catch (error) {
      // The worker cannot report: the steps so far, the one in flight failed with what the host knows.
      this.retired = true;
      const failure = error instanceof ProcessExitError ? workerExited(error.exit.code, error.exit.signal) : error as CheckFailure;
      const now = this.now();
      const info = toErrorInfo(failure, current?.name);
      const inFlight: StepResult[] = current ? [{ name: current.name, status: 'failed', startedAt: current.startedAt, durationMs: now - current.startedAt, budget: {}, error: info }] : [];
      return { attempt, status: 'failed', startedAt, durationMs: now - startedAt, steps: [...steps, ...inFlight], navigations: [], screenshots: [], pageErrors: noPageErrors(), error: info };
    }
  }

  /**
   * A PNG of `html` at `width`×`height` from the worker's Chromium (see the `render` request). Rejects with the
   * worker's reason, when it exits, or when no answer comes within `timeoutMs` of its browser being up — which a cold
   * worker gets the watchdog's `startMs` for, as for an attempt (the worker is then stuck: retired).
   */
  async render(html: string, size: { width: number; height: number }, timeoutMs = RENDER_TIMEOUT_MS + 2_000): Promise<Buffer> {
    let begunAt: number | undefined;
    try {
      return Buffer.from(await this.request('render', { html, width: size.width, height: size.height }, {
        onEvent: (event) => void (event === 'renderStarted' && (begunAt = this.now())),
        watch: ({ now, sentAt }) => {
          const verdict = watchRender({ now, sentAt, begunAt, timeoutMs }, this.timings);
          if (verdict.action === 'notStarted') return this.giveUp(new Error(`the worker's browser did not start within ${seconds(this.timings.startMs)} for a render`));
          if (verdict.action === 'tooLong') return this.giveUp(new Error(`the worker did not answer a render within ${seconds(timeoutMs)}`));
          return undefined;
        },
      }));
    } catch (error) {
      if (error instanceof RequestError) throw Object.assign(new Error(`rendering failed: ${error.remote.message}`), { name: 'RenderError' });
      if (error instanceof ProcessExitError) throw new Error(`the worker ${describeExit(error.exit)} while rendering`);
      throw error;
    }
  }

  /** Asks the worker to close its browser and exit; after `graceMs` it is killed. */
  close(graceMs = 2_000): Promise<void> {
    return this.process.stop(graceMs);
  }

  /** Kills the worker and its Chromium at once. */
  kill(): void {
    if (!this.alive) return;
    this.process.kill();
    // Now, not only on exit: the host itself may be about to exit (a third Ctrl-C).
    removeWorkerTmp(this.tmp);
  }
}
