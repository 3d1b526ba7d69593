// The host's side of one worker process: forks it, talks to it, and watches it. When check code blocks the worker,
// ends it, or outlives its timeout, the host stops the worker (and its Chromium) and turns what happened into a result.
import { fork, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CheckData } from '../check/check-data.ts';
import type { StepResult } from '../result/types.ts';
import { noPageErrors, type AttemptResult } from './attempt-result.ts';
import { toErrorInfo, type CheckFailure } from './errors.ts';
import { workerBlocked, workerDidNotStop, workerExited, workerOverran } from './worker-errors.ts';
import { WORKER_TMP_ENV, type HostMessage, type LoadedProject, type LoadRequest, type WorkerMessage } from './worker-protocol.ts';

export interface WorkerOptions {
  /** The worker's entry script (a bundle that calls startWorker). */
  script: string;
  env?: NodeJS.ProcessEnv;
}

/** No heartbeat for this long once the check should have stopped: its code is blocking the event loop. */
export const BLOCKED_MS = 2_000;
/** A worker still answering this long after the check's timeout is stopped (screenshot ≤ 6 s + closing ≤ 5 s fit). */
export const OVERRUN_MS = 15_000;
/** After being told to stop (Lambda's deadline), time to stop, take the failure screenshot and report. */
export const STOP_GRACE_MS = 8_000;
/** Loading check files without a heartbeat for this long: a file's top-level code is blocking. */
export const LOAD_BLOCKED_MS = 10_000;
/** A worker gets this long to start an attempt (a cold one loads Playwright, inflates and launches Chromium). */
export const START_MS = 30_000;
const WATCH_MS = 250;

/** The worker could not load the project (it died, blocked, or the loader threw). */
export class WorkerLoadError extends Error {
  override name = 'WorkerLoadError';
}

export interface Loaded {
  project: LoadedProject;
  browser: { version?: string; error?: string };
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
  private lastHeard = Date.now();
  private nextId = 1;
  private readonly listeners = new Set<(message: WorkerMessage) => void>();
  private exitInfo?: { code: number | null; signal: NodeJS.Signals | null };
  private readonly exitListeners = new Set<() => void>();
  /** Asked to close: an exit now is expected, not check code's doing. */
  private closing = false;
  /** Misbehaved: it must not run another check. */
  retired = false;
  readonly exited: Promise<void>;

  constructor(options: WorkerOptions) {
    // A temporary folder of its own for Chromium's profile: removed when the worker ends, even when it was killed.
    const tmp = mkdtempSync(join(tmpdir(), 'mimamori-worker-'));
    const env = { ...(options.env ?? process.env), [WORKER_TMP_ENV]: tmp };
    // execArgv [] : the host's own flags (a test runner's loaders) are not the worker's.
    this.child = fork(options.script, [], { serialization: 'advanced', execArgv: [], env, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    this.child.on('message', (message: WorkerMessage) => {
      this.lastHeard = Date.now();
      for (const listener of [...this.listeners]) listener(message);
    });
    this.exited = new Promise((resolve) => {
      const onExit = (code: number | null, signal: NodeJS.Signals | null) => {
        this.exitInfo ??= { code, signal };
        rmSync(tmp, { recursive: true, force: true });
        for (const listener of [...this.exitListeners]) listener();
        resolve();
      };
      this.child.once('exit', onExit);
      // fork() failing to start the process emits 'error' and no 'exit'.
      this.child.once('error', () => onExit(null, null));
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

  /** Loads and validates the project in the worker: the host never imports check code. */
  load(request: LoadRequest): Promise<Loaded> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      const timer = setInterval(() => {
        if (Date.now() - this.lastHeard < LOAD_BLOCKED_MS) return;
        clearInterval(timer);
        detach();
        this.kill();
        reject(new WorkerLoadError(`loading the config and check files blocked the worker for ${LOAD_BLOCKED_MS / 1000} s (does a file's top-level code loop?)`));
      }, WATCH_MS);
      const detach = this.watch((m) => {
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

  /** One attempt in the worker, watched: always a result, whatever the check's code does. */
  attempt(check: CheckData, attempt: number, signal?: AbortSignal): Promise<AttemptResult> {
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
        const now = Date.now();
        // The check's time counts once the worker began it (a fresh worker first loads Playwright and Chromium).
        const due = (begunAt ?? startedAt + START_MS) + check.timeoutMs;
        const silent = now - this.lastHeard;
        if ((now > due || stopSentAt !== undefined) && silent > BLOCKED_MS) stopWith(workerBlocked(check.timeoutMs, silent));
        else if (now > due + OVERRUN_MS) stopWith(workerOverran(check.timeoutMs, now - due));
        else if (stopSentAt !== undefined && now - stopSentAt > STOP_GRACE_MS) stopWith(workerDidNotStop(STOP_GRACE_MS));
      }, WATCH_MS);
      const onAbort = () => {
        stopSentAt ??= Date.now();
        this.send({ type: 'stop' });
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.lastHeard = Date.now();
      this.send({ type: 'attempt', id, check, attempt });
      if (signal?.aborted) onAbort();
    });
  }

  /** Asks the worker to close its browser and exit; after `graceMs` it is killed. */
  async close(graceMs = 2_000): Promise<void> {
    if (!this.alive) return;
    this.closing = true;
    this.send({ type: 'close' });
    const killer = setTimeout(() => this.kill(), graceMs);
    await this.exited;
    clearTimeout(killer);
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
  }

  /** True while asked to close: the run is ending, so an attempt cut short now is interrupted, not failed. */
  get isClosing(): boolean {
    return this.closing;
  }
}
