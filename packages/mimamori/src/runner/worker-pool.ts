// Worker processes for a run, as Playwright keeps them: started on demand, reused from check to check (their Chromium
// stays warm), and replaced when check code made one untrustworthy (it blocked, exited or threw unawaited).
import { stripAnsi } from '../result/strip-ansi.ts';
import type { CheckData } from '../check/check-data.ts';
import { runnerFailure, type AttemptResult } from './attempt-result.ts';
import type { AttemptRunner } from './attempt-runner.ts';
import { structuralRedactor } from '../result/redact.ts';
import { writeOutput, type OutputStream } from './process-host.ts';
import { WorkerHost, type Loaded, type WorkerOptions } from './worker-host.ts';
import type { LoadRequest } from './worker-protocol.ts';

export interface PoolOptions extends WorkerOptions {
  /** At most this many workers at once. */
  size: number;
  /**
   * What the workers print (check code's console.log) goes through this on its way to the host's output; default:
   * the structural rules only (URL userinfo, sensitive query parameters, credential headers) until `setRedact`.
   */
  redact?: (text: string) => string;
  /**
   * Hold what the workers print until `setRedact` is called (or the pool closes): the host learns which secrets to
   * redact only once a worker has loaded the project, and the check files' top-level code may print before that.
   */
  holdOutput?: boolean;
}

/** Output held before the secrets are known is bounded; what does not fit is dropped (and said so), never printed as is. */
const MAX_HELD_CHARS = 4 << 20;

export class WorkerPool implements AttemptRunner {
  private readonly idle: WorkerHost[] = [];
  private readonly all = new Set<WorkerHost>();
  private readonly waiting: { resolve(worker: WorkerHost): void; reject(error: Error): void }[] = [];
  private closed = false;
  private readonly options: PoolOptions;
  private redact: (text: string) => string;
  /** Output waiting for the redactor (holdOutput), in the order it came. */
  private held?: { stream: OutputStream; text: string }[];
  private heldChars = 0;
  private droppedChars = 0;
  /** Workers whose output is still to be passed on (a worker that exited keeps its pipe a moment). */
  private readonly finishing = new Set<Promise<void>>();

  constructor(options: PoolOptions) {
    this.options = { ...options };
    this.redact = options.redact ?? structuralRedactor().text;
    if (options.holdOutput) this.held = [];
  }

  /** Workers' output, redacted, to the pool's output (the host's stdout and stderr by default). */
  private readonly output = (stream: OutputStream, text: string): void => {
    if (this.held) {
      if (this.heldChars + text.length <= MAX_HELD_CHARS) {
        this.held.push({ stream, text });
        this.heldChars += text.length;
      } else {
        this.droppedChars += text.length;
      }
      return;
    }
    // Colour codes could split a secret (an expect diff highlights a near miss): output goes out plain.
    (this.options.output ?? writeOutput)(stream, this.redact(stripAnsi(text)));
  };

  /**
   * The redaction for what workers print from now on — running workers' included — and for the output held until now
   * (holdOutput), which is then passed on.
   */
  setRedact(redact: (text: string) => string): void {
    this.redact = redact;
    this.passHeld();
  }

  private passHeld(): void {
    const held = this.held;
    if (!held) return;
    this.held = undefined;
    for (const { stream, text } of held) this.output(stream, text);
    if (this.droppedChars) {
      (this.options.output ?? writeOutput)('stderr', `mimamori: ${this.droppedChars} characters the workers printed before the secrets were known were dropped (over ${MAX_HELD_CHARS}).\n`);
    }
    this.heldChars = this.droppedChars = 0;
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
    const worker = new WorkerHost({ ...this.options, output: this.output });
    this.all.add(worker);
    const finished = worker.finished.then(() => void this.finishing.delete(finished));
    this.finishing.add(finished);
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

  /** `env`: the check's secrets, set on the worker's process.env for this attempt only (see WorkerHost.attempt). */
  async attempt(check: CheckData, attempt: number, signal?: AbortSignal, env?: Record<string, string>): Promise<AttemptResult> {
    const startedAt = Date.now();
    let worker: WorkerHost;
    try {
      worker = await this.acquire();
    } catch (error) {
      return runnerFailure(attempt, startedAt, error);
    }
    try {
      return await worker.attempt(check, attempt, signal, env);
    } finally {
      this.release(worker);
    }
  }

  /**
   * A PNG of an HTML page (a chart) at `size`, from a worker's Chromium: an idle one (warm) when there is one, else a
   * new one, else the next to finish its check — never one that is running an attempt.
   */
  async render(html: string, size: { width: number; height: number }): Promise<Buffer> {
    const worker = await this.acquire();
    try {
      return await worker.render(html, size);
    } finally {
      this.release(worker);
    }
  }

  /** Kills every worker and its Chromium now (a third Ctrl-C: no time to be polite). */
  kill(): void {
    this.closed = true;
    for (const w of this.all) w.kill();
    // The host exits next: what was held is printed now, with what the host knows.
    this.passHeld();
  }

  /** Closes every worker (each closes its Chromium); those that do not exit within `graceMs` are killed. */
  async close(graceMs = 2_000): Promise<void> {
    this.closed = true;
    for (const w of this.waiting.splice(0)) w.reject(new Error('the run is over: no worker for this check'));
    await Promise.all([...this.all].map((w) => w.close(graceMs)));
    // Workers closed earlier (retired, replaced) may still be passing on their last output.
    await Promise.all([...this.finishing]);
    this.all.clear();
    this.idle.length = 0;
    this.passHeld();
  }
}
