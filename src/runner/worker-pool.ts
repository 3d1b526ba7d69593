// Worker processes for a run, as Playwright keeps them: started on demand, reused from check to check (their Chromium
// stays warm), and replaced when check code made one untrustworthy (it blocked, exited or threw unawaited).
import type { CheckData } from '../check/check-data.ts';
import { runnerFailure, type AttemptResult } from './attempt-result.ts';
import type { AttemptRunner } from './attempt-runner.ts';
import { WorkerHost, type Loaded, type WorkerOptions } from './worker-host.ts';
import type { LoadRequest } from './worker-protocol.ts';

export interface PoolOptions extends WorkerOptions {
  /** At most this many workers at once. */
  size: number;
}

export class WorkerPool implements AttemptRunner {
  private readonly idle: WorkerHost[] = [];
  private readonly all = new Set<WorkerHost>();
  private readonly waiting: { resolve(worker: WorkerHost): void; reject(error: Error): void }[] = [];
  private closed = false;
  private readonly options: PoolOptions;

  constructor(options: PoolOptions) {
    this.options = { ...options };
  }

  get size(): number {
    return this.options.size;
  }

  set size(size: number) {
    this.options.size = Math.max(1, size);
  }

  /** Starts workers now, so their Node and Chromium start-up overlaps with the host's own work. */
  prestart(count = 1): void {
    while (!this.closed && this.all.size < Math.min(count, this.options.size)) this.idle.push(this.spawn());
  }

  private spawn(): WorkerHost {
    const worker = new WorkerHost(this.options);
    this.all.add(worker);
    void worker.exited.then(() => {
      this.all.delete(worker);
      const at = this.idle.indexOf(worker);
      if (at >= 0) this.idle.splice(at, 1);
    });
    return worker;
  }

  private acquire(): Promise<WorkerHost> {
    if (this.closed) return Promise.reject(new Error('the worker pool is closed'));
    let ready: WorkerHost | undefined;
    while ((ready = this.idle.pop())) {
      if (!ready.retired && ready.alive) return Promise.resolve(ready);
      // Tainted while idle (code of an earlier check threw): replaced.
      void ready.close(0);
      this.all.delete(ready);
    }
    if (this.all.size < this.options.size) {
      try {
        return Promise.resolve(this.spawn());
      } catch (error) {
        return Promise.reject(error as Error);
      }
    }
    return new Promise((resolve, reject) => this.waiting.push({ resolve, reject }));
  }

  private release(worker: WorkerHost): void {
    if (worker.retired || !worker.alive || this.closed) {
      // Its Chromium goes with it; the next check gets a fresh worker.
      void worker.close(0);
      this.all.delete(worker);
      const next = this.waiting.shift();
      if (next && !this.closed) {
        try {
          next.resolve(this.spawn());
        } catch (error) {
          next.reject(error as Error);
        }
      }
      return;
    }
    const next = this.waiting.shift();
    if (next) next.resolve(worker);
    else this.idle.push(worker);
  }

  /** Loads the project in a worker (which keeps it, and its Chromium, for the first check). */
  async load(request: LoadRequest, timeoutMs?: number): Promise<Loaded> {
    const worker = await this.acquire();
    try {
      return await worker.load(request, timeoutMs);
    } finally {
      this.release(worker);
    }
  }

  async attempt(check: CheckData, attempt: number, signal?: AbortSignal): Promise<AttemptResult> {
    const startedAt = Date.now();
    let worker: WorkerHost;
    try {
      worker = await this.acquire();
    } catch (error) {
      return runnerFailure(attempt, startedAt, error);
    }
    try {
      return await worker.attempt(check, attempt, signal);
    } finally {
      this.release(worker);
    }
  }

  /** Kills every worker and its Chromium now (a third Ctrl-C: no time to be polite). */
  kill(): void {
    this.closed = true;
    for (const w of this.all) w.kill();
  }

  /** Closes every worker (each closes its Chromium); those that do not exit within `graceMs` are killed. */
  async close(graceMs = 2_000): Promise<void> {
    this.closed = true;
    for (const w of this.waiting.splice(0)) w.reject(new Error('the run is over: no worker for this check'));
    await Promise.all([...this.all].map((w) => w.close(graceMs)));
    this.all.clear();
    this.idle.length = 0;
  }
}
