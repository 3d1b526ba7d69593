// A child process the host talks to by request and response, as Playwright's ProcessHost under its WorkerHost. Every
// request has an id and settles exactly once: answered, given up (its timeout or watch: the process is then killed,
// its state unknown), or rejected when the process exits. Time comes from an injected clock, so tests need no waiting.
import type { ChildProcess } from 'node:child_process';
import { forkChild } from './worker-fork.ts';
import { readdirSync, readFileSync } from 'node:fs';
import { forwardLines } from './line-forwarder.ts';
import { systemClock, type Clock } from './clock.ts';
import { ProcessExitError, ProcessTimeoutError, RequestError, type ProcessExit } from './process-errors.ts';
import type { ChildEnvelope, HostEnvelope } from './process-protocol.ts';

export type OutputStream = 'stdout' | 'stderr';

/** The host's own stdout or stderr. */
export const writeOutput = (stream: OutputStream, text: string): void => {
  process[stream].write(text);
};

/** After the process exited, its output is waited for this long (a process it started may hold the pipe open). */
export const DRAIN_MS = 1_000;

export interface ProcessHostOptions {
  script: string;
  /** Adopt this child (forked with forkChild, still running) instead of forking `script`. */
  child?: ChildProcess;
  env?: NodeJS.ProcessEnv;
  /** Where the process's stdout and stderr go, in whole lines; default: the host's own. */
  output?: (stream: OutputStream, text: string) => void;
  /** Events that belong to no request (news about the process). */
  onEvent?: (event: string, payload: unknown) => void;
  /** Runs once when the process has exited (or never started), before its pending requests are rejected. */
  onExit?: (exit: ProcessExit) => void;
  clock?: Clock;
  /** How often pending requests' timeouts and watches are looked at. */
  pollMs?: number;
}

/** What a request's watch sees when it looks (clock ms). */
export interface RequestLook {
  now: number;
  sentAt: number;
  /** When the process was last heard (any message). */
  lastHeard: number;
  /** When the request was cancelled (its signal aborted), if it was. */
  cancelledAt?: number;
}

export interface RequestOptions {
  /** No answer this long after sending: the request is given up with a ProcessTimeoutError. */
  timeoutMs?: number;
  /** A timeout policy, looked at every `pollMs`: a reason to give the request up, or undefined to wait. */
  watch?: (look: RequestLook) => Error | undefined;
  /** Progress the process reports for this request. */
  onEvent?: (event: string, payload: unknown) => void;
  /** Aborting it sends a `cancel` for the request; the request still waits for its answer (or its watch). */
  signal?: AbortSignal;
}

interface Pending {
  kind: string;
  sentAt: number;
  cancelledAt?: number;
  options: RequestOptions;
  settle(outcome: { result: unknown } | { error: Error }): void;
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

/** Kills a child process and its own children (Chromium, in a process group of its own), at once. */
export function killTree(child: ChildProcess): void {
  if (child.pid === undefined) return;
  for (const pid of childPids(child.pid)) {
    // A child in a process group of its own (Playwright starts Chromium so): killing the group takes its children too.
    try {
      process.kill(-pid, 'SIGKILL');
    } catch {
      try { process.kill(pid, 'SIGKILL'); } catch { /* already gone */ }
    }
  }
  child.kill('SIGKILL');
}

export class ProcessHost {
  private readonly child: ChildProcess;
  private readonly clock: Clock;
  private readonly pollMs: number;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private lastHeard: number;
  private stopPolling?: () => void;
  private exitInfo?: ProcessExit;
  readonly exited: Promise<ProcessExit>;
  /** Exited, and its output passed on (or given up on DRAIN_MS after the exit). */
  readonly finished: Promise<void>;

  constructor(options: ProcessHostOptions) {
    this.clock = options.clock ?? systemClock;
    this.pollMs = options.pollMs ?? 250;
    this.lastHeard = this.clock.now();
    // A child forked already (the launcher's early worker: forkChild too, still running) is adopted as it is.
    this.child = options.child ?? forkChild(options.script, options.env ?? process.env);
    const output = options.output ?? writeOutput;
    const outputs = [
      forwardLines(this.child.stdout, (text) => output('stdout', text)),
      forwardLines(this.child.stderr, (text) => output('stderr', text)),
    ];
    this.child.on('message', (message: ChildEnvelope) => this.receive(message, options.onEvent));
    this.exited = new Promise((resolve) => {
      const onExit = (code: number | null, signal: NodeJS.Signals | null) => {
        if (this.exitInfo) return;
        const exit = (this.exitInfo = { code, signal });
        this.stopPolling?.();
        options.onExit?.(exit);
        for (const [id, request] of [...this.pending]) {
          this.pending.delete(id);
          request.settle({ error: new ProcessExitError(exit) });
        }
        resolve(exit);
      };
      this.child.once('exit', onExit);
      // fork() failing to start the process emits 'error' and no 'exit'; other errors (a failed kill) are not an exit.
      this.child.on('error', () => {
        if (this.child.pid === undefined) onExit(null, null);
      });
    });
    this.finished = this.exited.then(async () => {
      let cancel = () => {};
      await Promise.race([
        Promise.all(outputs.map((o) => o.ended)),
        new Promise<void>((resolve) => (cancel = this.clock.after(DRAIN_MS, resolve))),
      ]);
      cancel();
      for (const o of outputs) o.stop();
    });
  }

  get alive(): boolean {
    return this.exitInfo === undefined;
  }

  /** How the process ended; undefined while it runs. */
  get exit(): ProcessExit | undefined {
    return this.exitInfo;
  }

  /** Sends request `kind` and resolves with the process's answer; see the class comment for how else it settles. */
  request<T>(kind: string, payload: unknown, options: RequestOptions = {}): Promise<T> {
    if (this.exitInfo) return Promise.reject(new ProcessExitError(this.exitInfo));
    const id = this.nextId++;
    // A warm Lambda container was frozen between invocations: silence before now says nothing.
    const sentAt = (this.lastHeard = this.clock.now());
    const { signal } = options;
    return new Promise<T>((resolve, reject) => {
      const onAbort = () => {
        const request = this.pending.get(id);
        if (!request) return;
        request.cancelledAt ??= this.clock.now();
        this.send({ type: 'cancel', id });
      };
      this.pending.set(id, {
        kind, sentAt, options,
        settle: (outcome) => {
          signal?.removeEventListener('abort', onAbort);
          if ('error' in outcome) reject(outcome.error);
          else resolve(outcome.result as T);
        },
      });
      try {
        this.send({ type: 'request', id, kind, payload });
      } catch (error) {
        // The payload cannot cross (a function where data belongs).
        this.settle(id, { error: error as Error });
        return;
      }
      signal?.addEventListener('abort', onAbort, { once: true });
      if (signal?.aborted) onAbort();
      if ((options.timeoutMs !== undefined || options.watch) && !this.stopPolling) this.pollLater();
    });
  }

  /** Asks the process to finish up and exit; after `graceMs` it is killed. Resolves once its output is passed on. */
  async stop(graceMs = 2_000): Promise<void> {
    if (this.alive) {
      this.send({ type: 'stop' });
      const cancel = this.clock.after(graceMs, () => this.kill());
      await this.exited;
      cancel();
    }
    // What it printed last is not lost when the host exits next.
    await this.finished;
  }

  /** Kills the process and what it started, at once (a browser would exit on its own when its pipe closes, but not at once). */
  kill(): void {
    if (!this.alive) return;
    killTree(this.child);
  }

  private send(message: HostEnvelope): void {
    if (this.alive && this.child.connected) this.child.send(message, () => {});
  }

  private settle(id: number, outcome: { result: unknown } | { error: Error }): void {
    const request = this.pending.get(id);
    if (!request) return;
    this.pending.delete(id);
    request.settle(outcome);
  }

  private receive(message: ChildEnvelope, onProcessEvent: ProcessHostOptions['onEvent']): void {
    this.lastHeard = this.clock.now();
    if (message.type === 'response') {
      // An answer to a request already given up (or to none) is no one's.
      this.settle(message.id, message.error ? { error: new RequestError(message.error) } : { result: message.result });
    } else if (message.type === 'event') {
      if (message.id === undefined) onProcessEvent?.(message.event, message.payload);
      else this.pending.get(message.id)?.options.onEvent?.(message.event, message.payload);
    }
  }

  /** Looks at every pending request's timeout and watch; one given up leaves the process in an unknown state: killed. */
  private poll(): void {
    this.stopPolling = undefined;
    const now = this.clock.now();
    let watched = false;
    for (const [id, request] of [...this.pending]) {
      const { timeoutMs, watch } = request.options;
      if (timeoutMs === undefined && !watch) continue;
      const reason = timeoutMs !== undefined && now - request.sentAt > timeoutMs
        ? new ProcessTimeoutError(`no answer to "${request.kind}" within ${timeoutMs} ms`)
        : watch?.({ now, sentAt: request.sentAt, lastHeard: this.lastHeard, cancelledAt: request.cancelledAt });
      if (reason) {
        this.settle(id, { error: reason });
        this.kill();
      } else {
        watched = true;
      }
    }
    if (watched && this.alive) this.pollLater();
  }

  private pollLater(): void {
    this.stopPolling = this.clock.after(this.pollMs, () => this.poll());
  }
}
