// The host's side of one worker process: forks it, talks to it, and watches it. When check code blocks the worker,
// ends it, or outlives its timeout, the host stops the worker (and its Chromium) and turns what happened into a result.
import type { ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import type { Readable } from 'node:stream';
import type { CheckData } from '../check/check-data.ts';
import type { StepResult } from '../result/types.ts';
import { noPageErrors, type AttemptResult } from './attempt-result.ts';
import { toErrorInfo, type CheckFailure } from './errors.ts';
import { workerBlocked, workerDidNotStop, workerExited, workerOverran } from './worker-errors.ts';
import { RENDER_TIMEOUT_MS, type BrowserReport, type HostMessage, type LoadedProject, type LoadRequest, type WorkerMessage } from './worker-protocol.ts';
import { forkWorker, removeWorkerTmp, type ForkedWorker } from './worker-fork.ts';
import { watchAttempt, watchdogTimings, watchLoad, type WatchdogTimings } from './watchdog.ts';

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
}

export type OutputStream = 'stdout' | 'stderr';

/** The host's own stdout or stderr. */
export const writeOutput = (stream: OutputStream, text: string): void => {
  process[stream].write(text);
};

/** After the worker exited, its output is waited for this long (a process its code started may hold the pipe open). */
export const DRAIN_MS = 1_000;
/** A line longer than this is passed on up to its last white space rather than held whole. */
const MAX_PARTIAL = 1 << 20;

export interface LineForwarder {
  /** The stream ended (its last partial line passed on). */
  ended: Promise<void>;
  /** Passes on the partial line held, and stops reading. */
  stop(): void;
}

/**
 * Passes a stream on in whole lines (so a redactor sees a secret whole, never cut at a chunk's edge); the partial
 * line at the end is passed on when the stream ends or is stopped.
 */
export function forwardLines(stream: Readable | null | undefined, emit: (text: string) => void): LineForwarder {
  if (!stream) return { ended: Promise.resolve(), stop: () => {} };
  stream.setEncoding('utf8');
  let partial = '';
  let over = false;
  const pass = (text: string) => {
    if (text) emit(text);
  };
  stream.on('data', (chunk: string) => {
    if (over) return;
    partial += chunk;
    const end = partial.lastIndexOf('\n');
    if (end >= 0) {
      pass(partial.slice(0, end + 1));
      partial = partial.slice(end + 1);
    } else if (partial.length > MAX_PARTIAL) {
      // A huge line without a newline (a progress bar, a dump): passed on at a word's edge, never mid-word.
      const cut = partial.search(/\s\S*$/);
      if (cut >= 0) {
        pass(partial.slice(0, cut + 1));
        partial = partial.slice(cut + 1);
      }
    }
  });
  let resolveEnded!: () => void;
  const ended = new Promise<void>((resolve) => (resolveEnded = resolve));
  const finish = () => {
    if (over) return;
    over = true;
    pass(partial);
    partial = '';
    resolveEnded();
  };
  stream.once('end', finish);
  stream.once('close', finish);
  stream.once('error', finish);
  return {
    ended,
    stop() {
      finish();
      stream.destroy();
    },
  };
}

/** Loading the project (and starting Chromium) takes at most this long: a top-level `await` may never settle. */
export const LOAD_TIMEOUT_MS = 60_000;

const seconds = (ms: number) => `${Math.round(ms / 100) / 10} s`;

/** The worker could not load the project (it died, blocked, or the loader threw). */
export class WorkerLoadError extends Error {
  override name = 'WorkerLoadError';
}

export interface Loaded {
  project: LoadedProject;
  browser: BrowserReport;
}

/** Child processes of `pid` (Linux /proc); empty where that is not available. */
function childPids(pid: number): number[] {
  try {
    return readdirSync(`/proc/${pid}/task`).flatMap((tid) =>
      readFileSync(`/proc/${pid}/task/${tid}/children`, 'utf8').split(/\s+/).filter(Boolean).map(Number));
  } catch {
    return [];
  }
}

export class WorkerHost {
  private readonly child: ChildProcess;
  private readonly forked: ForkedWorker;
  private lastHeard = Date.now();
  private nextId = 1;
  private readonly listeners = new Set<(message: WorkerMessage) => void>();
  private exitInfo?: { code: number | null; signal: NodeJS.Signals | null };
  private readonly exitListeners = new Set<() => void>();
  /** Misbehaved: it must not run another check. */
  retired = false;
  readonly exited: Promise<void>;
  /** Exited, and its output passed on (or given up on DRAIN_MS after the exit). */
  readonly finished: Promise<void>;

  private readonly timings: WatchdogTimings;

  constructor(options: WorkerOptions) {
    this.timings = watchdogTimings(options.watchdog);
    const forked = forkWorker(options.script, options.env);
    this.forked = forked;
    this.child = forked.child;
    const output = options.output ?? writeOutput;
    const outputs = [
      forwardLines(this.child.stdout, (text) => output('stdout', text)),
      forwardLines(this.child.stderr, (text) => output('stderr', text)),
    ];
    this.child.on('message', (message: WorkerMessage) => {
      this.lastHeard = Date.now();
      if (message.type === 'tainted') this.retired = true;
      for (const listener of [...this.listeners]) listener(message);
    });
    this.exited = new Promise((resolve) => {
      const onExit = (code: number | null, signal: NodeJS.Signals | null) => {
        if (this.exitInfo) return;
        this.exitInfo = { code, signal };
        // Chromium's profile goes with the worker, even when it was killed.
        removeWorkerTmp(forked.tmp);
        for (const listener of [...this.exitListeners]) listener();
        resolve();
      };
      this.child.once('exit', onExit);
      // fork() failing to start the process emits 'error' and no 'exit'; other errors (a failed kill) are not an exit.
      this.child.on('error', () => {
        if (this.child.pid === undefined) onExit(null, null);
      });
    });
    this.finished = this.exited.then(async () => {
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([
        Promise.all(outputs.map((o) => o.ended)),
        new Promise<void>((resolve) => (timer = setTimeout(resolve, DRAIN_MS))),
      ]);
      clearTimeout(timer);
      for (const o of outputs) o.stop();
    });
  }

  get alive(): boolean {
    return this.exitInfo === undefined;
  }

  private send(message: HostMessage): void {
    if (this.alive && this.child.connected) this.child.send(message, () => {});
  }

  /** Listens until `onMessage` returns true; calls `onExit` if the worker ends first. Returns a function that stops listening. */
  private watch(onMessage: (m: WorkerMessage) => boolean | void, onExit: () => void): () => void {
    const listener = (m: WorkerMessage) => {
      if (onMessage(m)) detach();
    };
    const exit = () => {
      detach();
      onExit();
    };
    const detach = () => {
      this.listeners.delete(listener);
      this.exitListeners.delete(exit);
    };
    this.listeners.add(listener);
    this.exitListeners.add(exit);
    if (!this.alive) queueMicrotask(exit);
    return detach;
  }

  /** Loads and validates the project in the worker (the host never imports check code), within `timeoutMs`. */
  load(request: LoadRequest, timeoutMs = LOAD_TIMEOUT_MS): Promise<Loaded> {
    const id = this.nextId++;
    const until = Date.now() + timeoutMs;
    // A warm Lambda container was frozen between invocations: silence before now says nothing.
    this.lastHeard = Date.now();
    return new Promise((resolve, reject) => {
      // The files are in (the worker said so): what is still pending is the browser.
      let filesLoaded = false;
      const giveUp = (why: string) => {
        clearInterval(timer);
        detach();
        this.retired = true;
        this.kill();
        reject(new WorkerLoadError(why));
      };
      const timer = setInterval(() => {
        const verdict = watchLoad({ now: Date.now(), lastHeard: this.lastHeard, until }, this.timings);
        if (verdict.action === 'blocked') {
          giveUp(`loading the config and check files blocked the worker for ${this.timings.loadBlockedMs / 1000} s (does a file's top-level code loop?)`);
        } else if (verdict.action === 'tooLong') {
          const limit = `${Math.round(timeoutMs / 100) / 10} s`;
          giveUp(filesLoaded
            ? `the config and check files loaded, but starting Chromium took over ${limit} (a cold start on a busy or small machine?)`
            : `loading the config and check files (and starting Chromium) took over ${limit} (does a file's top-level code await something that never comes?)`);
        }
      }, this.timings.intervalMs);
      const detach = this.watch((m) => {
        if (m.type === 'filesLoaded' && m.id === id) {
          filesLoaded = true;
          return false;
        }
        if (m.type === 'loaded' && m.id === id) resolve({ project: m.project, browser: m.browser });
        else if (m.type === 'loadFailed' && m.id === id) reject(new WorkerLoadError(`loading the config and check files failed: ${m.error.stack ?? m.error.message}`));
        else return false;
        clearInterval(timer);
        return true;
      }, () => {
        clearInterval(timer);
        const { code, signal } = this.exitInfo ?? {};
        reject(new WorkerLoadError(`the worker ${signal ? `was killed by ${signal}` : `exited with code ${code}`} while loading the config and check files (does a file's top-level code call process.exit() or throw where nothing awaits it?)`));
      });
      this.send({ type: 'load', id, request });
    });
  }

  /**
   * One attempt in the worker, watched: always a result, whatever the check's code does. `env`: the check's secrets,
   * for the worker's process.env during the attempt (the attempt message's `env`).
   */
  attempt(check: CheckData, attempt: number, signal?: AbortSignal, env?: Record<string, string>): Promise<AttemptResult> {
    const id = this.nextId++;
    const startedAt = Date.now();
    let steps: StepResult[] = [];
    let current: { name: string; startedAt: number } | undefined;
    let stopSentAt: number | undefined;
    let begunAt: number | undefined;

    return new Promise((resolve) => {
      let done = false;
      const finish = (result: AttemptResult) => {
        if (done) return;
        done = true;
        clearInterval(timer);
        signal?.removeEventListener('abort', onAbort);
        detach();
        resolve(result);
      };
      // What the host knows when the worker cannot report: the steps so far, the one in flight failed with `failure`.
      const synthesised = (failure: CheckFailure): AttemptResult => {
        const now = Date.now();
        const error = toErrorInfo(failure, current?.name);
        const inFlight: StepResult[] = current ? [{ name: current.name, status: 'failed', startedAt: current.startedAt, durationMs: now - current.startedAt, budget: {}, error }] : [];
        return { attempt, status: 'failed', startedAt, durationMs: now - startedAt, steps: [...steps, ...inFlight], navigations: [], screenshots: [], pageErrors: noPageErrors(), error };
      };
      const stopWith = (failure: CheckFailure) => {
        this.retired = true;
        this.kill();
        finish(synthesised(failure));
      };
      const detach = this.watch((m) => {
        if (m.type === 'started' && m.id === id) {
          begunAt = Date.now();
        } else if (m.type === 'step' && m.id === id) {
          steps = m.steps;
          current = { name: m.current, startedAt: m.startedAt };
        } else if (m.type === 'attemptEnd' && m.id === id) {
          if (m.retire) this.retired = true;
          finish(m.result);
          return true;
        }
        return false;
      }, () => {
        this.retired = true;
        const { code = null, signal: by = null } = this.exitInfo ?? {};
        finish(synthesised(workerExited(code, by)));
      });
      const timer = setInterval(() => {
        const verdict = watchAttempt({ now: Date.now(), sentAt: startedAt, begunAt, timeoutMs: check.timeoutMs, lastHeard: this.lastHeard, stopSentAt }, this.timings);
        if (verdict.action === 'blocked') stopWith(workerBlocked(check.timeoutMs, verdict.silentMs));
        else if (verdict.action === 'overran') stopWith(workerOverran(check.timeoutMs, verdict.overMs));
        else if (verdict.action === 'didNotStop') stopWith(workerDidNotStop(verdict.graceMs));
      }, this.timings.intervalMs);
      const onAbort = () => {
        stopSentAt ??= Date.now();
        this.send({ type: 'stop', id });
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.lastHeard = Date.now();
      this.send({ type: 'attempt', id, check, attempt, env });
      if (signal?.aborted) onAbort();
    });
  }

  /**
   * A PNG of `html` at `width`×`height` from the worker's Chromium (see the `render` message). Rejects with the
   * worker's reason, when it exits, or when no answer comes within `timeoutMs` of its browser being up — which a cold
   * worker gets the watchdog's `startMs` for, as for an attempt (the worker is then stuck: retired).
   */
  render(html: string, size: { width: number; height: number }, timeoutMs = RENDER_TIMEOUT_MS + 2_000): Promise<Buffer> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      const giveUp = (why: string) => () => {
        detach();
        this.retired = true;
        this.kill();
        reject(new Error(why));
      };
      let timer = setTimeout(giveUp(`the worker's browser did not start within ${seconds(this.timings.startMs)} for a render`), this.timings.startMs);
      const detach = this.watch((m) => {
        if (m.type === 'renderStarted' && m.id === id) {
          clearTimeout(timer);
          timer = setTimeout(giveUp(`the worker did not answer a render within ${seconds(timeoutMs)}`), timeoutMs);
          return false;
        }
        if (m.type === 'rendered' && m.id === id) resolve(Buffer.from(m.png));
        else if (m.type === 'renderFailed' && m.id === id) reject(Object.assign(new Error(`rendering failed: ${m.error.message}`), { name: 'RenderError' }));
        else return false;
        clearTimeout(timer);
        return true;
      }, () => {
        clearTimeout(timer);
        const { code, signal } = this.exitInfo ?? {};
        reject(new Error(`the worker ${signal ? `was killed by ${signal}` : `exited with code ${code}`} while rendering`));
      });
      this.send({ type: 'render', id, html, width: size.width, height: size.height });
    });
  }

  /** Asks the worker to close its browser and exit; after `graceMs` it is killed. */
  async close(graceMs = 2_000): Promise<void> {
    if (!this.alive) return this.finished;
    this.send({ type: 'close' });
    const killer = setTimeout(() => this.kill(), graceMs);
    await this.exited;
    clearTimeout(killer);
    // What it printed last is not lost when the host exits next.
    await this.finished;
  }

  /** Kills the worker and its Chromium at once. Chromium would exit on its own when its pipe closes, but not at once. */
  kill(): void {
    if (!this.alive || this.child.pid === undefined) return;
    for (const pid of childPids(this.child.pid)) {
      // Playwright starts Chromium in a process group of its own: killing the group takes its renderers too.
      try {
        process.kill(-pid, 'SIGKILL');
      } catch {
        try { process.kill(pid, 'SIGKILL'); } catch { /* already gone */ }
      }
    }
    this.child.kill('SIGKILL');
    // Now, not only on 'exit': the host itself may be about to exit (a third Ctrl-C).
    removeWorkerTmp(this.forked.tmp);
  }
}
