import {
  RENDER_TIMEOUT_MS,
  TAINTED,
  WORKER_LOAD_ONLY_ENV,
  declaredSecrets,
  loadSecretsFile,
  noPageErrors,
  removeWorkerTmp,
  runnerFailure,
  screenTrace,
  secretProblems,
  secretsFilePath,
  toErrorInfo,
  tracePolicy,
  workerBlocked,
  workerDidNotStop,
  workerEnv,
  workerExited,
  workerOverran
} from "./chunks/chunk-NNBR27XS.mjs";
import {
  checksDirPath
} from "./chunks/chunk-UJ7GGTYF.mjs";
import {
  isFatal,
  isNote,
  resolveLimitWatches
} from "./chunks/chunk-TCTICCER.mjs";
import {
  displayWidth,
  fitWidth,
  padEnd,
  paint,
  truncate
} from "./chunks/chunk-JYK4XQ36.mjs";
import {
  RateLimited,
  esc,
  link,
  openSlackSender,
  pause,
  slackSettings
} from "./chunks/chunk-DHYSUP3K.mjs";
import {
  LAMBDA_SOURCE,
  browserLabel
} from "./chunks/chunk-PU65TNXR.mjs";
import {
  UPLOT_PRELUDE,
  appendRun,
  cleanText,
  escapeHtml,
  historyRunOf,
  jsonBody,
  readState,
  safeUrl,
  scriptBody,
  sha256,
  shortStampWithZone,
  stampWithZone,
  updateState,
  uplot,
  xmlAttr,
  xmlText
} from "./chunks/chunk-PUM52R76.mjs";
import {
  DEFAULT_REQUEST_TIMEOUT_MS,
  LocalStore,
  RESULT_FILE,
  WriteConflict,
  baselineKey,
  firstLine,
  openS3Store,
  runFolder,
  s3Settings,
  stopReason,
  storyScreenshot,
  writeAside
} from "./chunks/chunk-P4DNPQN3.mjs";
import {
  errorDetail,
  formatBudget,
  formatMs,
  plural,
  statusIcon
} from "./chunks/chunk-2I6LHTXW.mjs";
import {
  stripAnsi
} from "./chunks/chunk-NJ6TXVNI.mjs";
import {
  DEFAULT_ALERTS,
  DEFAULT_SLOWER_THAN_USUAL,
  checkName,
  printable,
  redactAttempt,
  redactResult,
  redactorFor,
  structuralRedactor
} from "./chunks/chunk-XH4PHW73.mjs";
import {
  displayPath,
  importTimeoutMs
} from "./chunks/chunk-PGIEQVW4.mjs";

// src/cli/main.ts
import { dirname as dirname2 } from "node:path";

// src/runner/run-checks.ts
import { availableParallelism } from "node:os";

// src/runner/pool.ts
async function mapLimit(items, limit, fn) {
  const results = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i], i);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  return results;
}

// src/runner/warnings.ts
var WARN_AT = 0.8;
function limitWarnings(result, check) {
  const warnings2 = [];
  const near = (used, limit, what) => {
    if (limit !== void 0 && used >= WARN_AT * limit && used <= limit) {
      warnings2.push(`used ${Math.round(100 * used / limit)} % of its ${what} (${formatMs(used)} of ${formatMs(limit)})`);
    }
  };
  if (result.status !== "failed") {
    near(result.durationMs, check.timeoutMs, "timeout");
    near(result.durationMs, check.maxResponseTime, "maxResponseTime");
    for (const step of result.steps) {
      if (step.status !== "failed" && step.status !== "skipped") near(step.durationMs, step.budget.maxResponseTime, `step "${step.name}" maxResponseTime`);
    }
  }
  return warnings2;
}

// src/runner/run-check.ts
var backoffMs = (retry) => retry * 1e3;
function sleep(ms2, signal) {
  return new Promise((resolve6) => {
    const done = () => {
      clearTimeout(timer);
      signal?.removeEventListener("abort", done);
      resolve6();
    };
    const timer = setTimeout(done, ms2);
    signal?.addEventListener("abort", done, { once: true });
  });
}
function forAttempt(check, n, deadline, now = Date.now()) {
  if (tracePolicy(check) !== "retain-on-failure") return check;
  const mightBeLast = n > check.retries || now + check.timeoutMs + backoffMs(n) + check.timeoutMs > deadline;
  return mightBeLast ? check : { ...check, trace: "off" };
}
async function runCheck(runner, check, options = {}) {
  const { hooks = {}, signal, deadline = Infinity, interrupt, wait = sleep, redactor } = options;
  hooks.onCheckBegin?.(check);
  const attempts = [];
  for (let n = 1; n <= check.retries + 1; n++) {
    if (n > 1) {
      await wait(backoffMs(n - 1), interrupt && signal ? AbortSignal.any([interrupt, signal]) : interrupt ?? signal);
      if (interrupt?.aborted) return void 0;
    }
    const result2 = await runner.attempt(forAttempt(check, n, deadline), n, signal);
    if (interrupt?.aborted) return void 0;
    if (redactor) redactAttempt(result2, redactor);
    attempts.push(result2);
    hooks.onAttemptEnd?.(check, result2);
    if (result2.status !== "failed" || signal?.aborted || Date.now() + backoffMs(n) + check.timeoutMs > deadline) break;
  }
  const last = attempts[attempts.length - 1];
  const trace2 = last.trace && screenTrace(last.trace, redactor ?? structuralRedactor());
  const result = {
    name: check.name,
    file: check.file,
    description: check.description,
    tags: check.tags,
    baseURL: check.baseURL,
    status: last.status,
    startedAt: attempts[0].startedAt,
    durationMs: last.durationMs,
    budget: { degradedResponseTime: check.degradedResponseTime, maxResponseTime: check.maxResponseTime },
    attempts: attempts.length,
    flaky: attempts.length > 1 && last.status !== "failed",
    attemptHistory: attempts.map(({ attempt, status, durationMs, error }) => ({ attempt, status, durationMs, error })),
    steps: last.steps,
    navigations: last.navigations,
    // Earlier attempts' pictures stay: a flaky failure is evidence too.
    screenshots: attempts.flatMap((a) => a.screenshots),
    pageErrors: last.pageErrors,
    error: last.error,
    // The counted attempt's trace: the one that explains the verdict (earlier attempts' traces are not kept).
    ...trace2 && { trace: { file: "trace.zip", ...trace2 } }
  };
  const warnings2 = limitWarnings(result, check);
  if (warnings2.length) result.warnings = warnings2;
  if (redactor) redactResult(result, redactor);
  hooks.onCheckEnd?.(result);
  return result;
}

// src/runner/run-checks.ts
function defaultWorkers(cores = availableParallelism()) {
  return Math.max(1, Math.min(4, cores));
}
var DEFAULT_WORKERS = defaultWorkers();
async function runChecks(checks, options) {
  const outcomes = await mapLimit(checks, options.workers ?? DEFAULT_WORKERS, async (check) => options.interrupt?.aborted ? void 0 : await runCheck(options.runner, check, options));
  return {
    results: outcomes.filter((r) => r !== void 0),
    interrupted: checks.filter((_, i) => outcomes[i] === void 0)
  };
}

// src/runner/process-host.ts
import { fork } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";

// src/runner/line-forwarder.ts
var MAX_PARTIAL = 1 << 20;
function forwardLines(stream, emit) {
  if (!stream) return { ended: Promise.resolve(), stop: () => {
  } };
  stream.setEncoding("utf8");
  let partial = "";
  let over = false;
  const pass = (text) => {
    if (text) emit(text);
  };
  stream.on("data", (chunk) => {
    if (over) return;
    partial += chunk;
    const end = partial.lastIndexOf("\n");
    if (end >= 0) {
      pass(partial.slice(0, end + 1));
      partial = partial.slice(end + 1);
    } else if (partial.length > MAX_PARTIAL) {
      const cut = partial.search(/\s\S*$/);
      if (cut >= 0) {
        pass(partial.slice(0, cut + 1));
        partial = partial.slice(cut + 1);
      }
    }
  });
  let resolveEnded;
  const ended = new Promise((resolve6) => resolveEnded = resolve6);
  const finish = () => {
    if (over) return;
    over = true;
    pass(partial);
    partial = "";
    resolveEnded();
  };
  stream.once("end", finish);
  stream.once("close", finish);
  stream.once("error", finish);
  return {
    ended,
    stop() {
      finish();
      stream.destroy();
    }
  };
}

// src/runner/clock.ts
var systemClock = {
  now: () => Date.now(),
  after(ms2, fn) {
    const timer = setTimeout(fn, ms2);
    return () => clearTimeout(timer);
  }
};

// src/runner/process-errors.ts
var describeExit = ({ code, signal }) => signal ? `was killed by ${signal}` : `exited with code ${code}`;
var ProcessExitError = class extends Error {
  constructor(exit) {
    super(`the process ${describeExit(exit)}`);
    this.exit = exit;
  }
  exit;
  name = "ProcessExitError";
};
var ProcessTimeoutError = class extends Error {
  name = "ProcessTimeoutError";
};
var RequestError = class extends Error {
  constructor(remote) {
    super(remote.message);
    this.remote = remote;
  }
  remote;
  name = "RequestError";
};

// src/runner/process-host.ts
var writeOutput = (stream, text) => {
  process[stream].write(text);
};
var DRAIN_MS = 1e3;
function childPids(pid) {
  try {
    return readdirSync(`/proc/${pid}/task`).flatMap((tid) => readFileSync(`/proc/${pid}/task/${tid}/children`, "utf8").split(/\s+/).filter(Boolean).map(Number));
  } catch {
    return [];
  }
}
var ProcessHost = class {
  child;
  clock;
  pollMs;
  pending = /* @__PURE__ */ new Map();
  nextId = 1;
  lastHeard;
  stopPolling;
  exitInfo;
  exited;
  /** Exited, and its output passed on (or given up on DRAIN_MS after the exit). */
  finished;
  constructor(options) {
    this.clock = options.clock ?? systemClock;
    this.pollMs = options.pollMs ?? 250;
    this.lastHeard = this.clock.now();
    this.child = fork(options.script, [], {
      serialization: "advanced",
      execArgv: [],
      env: options.env ?? process.env,
      stdio: ["ignore", "pipe", "pipe", "ipc"]
    });
    const output = options.output ?? writeOutput;
    const outputs = [
      forwardLines(this.child.stdout, (text) => output("stdout", text)),
      forwardLines(this.child.stderr, (text) => output("stderr", text))
    ];
    this.child.on("message", (message) => this.receive(message, options.onEvent));
    this.exited = new Promise((resolve6) => {
      const onExit = (code, signal) => {
        if (this.exitInfo) return;
        const exit = this.exitInfo = { code, signal };
        this.stopPolling?.();
        options.onExit?.(exit);
        for (const [id, request] of [...this.pending]) {
          this.pending.delete(id);
          request.settle({ error: new ProcessExitError(exit) });
        }
        resolve6(exit);
      };
      this.child.once("exit", onExit);
      this.child.on("error", () => {
        if (this.child.pid === void 0) onExit(null, null);
      });
    });
    this.finished = this.exited.then(async () => {
      let cancel = () => {
      };
      await Promise.race([
        Promise.all(outputs.map((o) => o.ended)),
        new Promise((resolve6) => cancel = this.clock.after(DRAIN_MS, resolve6))
      ]);
      cancel();
      for (const o of outputs) o.stop();
    });
  }
  get alive() {
    return this.exitInfo === void 0;
  }
  /** How the process ended; undefined while it runs. */
  get exit() {
    return this.exitInfo;
  }
  /** Sends request `kind` and resolves with the process's answer; see the class comment for how else it settles. */
  request(kind, payload, options = {}) {
    if (this.exitInfo) return Promise.reject(new ProcessExitError(this.exitInfo));
    const id = this.nextId++;
    const sentAt = this.lastHeard = this.clock.now();
    const { signal } = options;
    return new Promise((resolve6, reject) => {
      const onAbort = () => {
        const request = this.pending.get(id);
        if (!request) return;
        request.cancelledAt ??= this.clock.now();
        this.send({ type: "cancel", id });
      };
      this.pending.set(id, {
        kind,
        sentAt,
        options,
        settle: (outcome) => {
          signal?.removeEventListener("abort", onAbort);
          if ("error" in outcome) reject(outcome.error);
          else resolve6(outcome.result);
        }
      });
      try {
        this.send({ type: "request", id, kind, payload });
      } catch (error) {
        this.settle(id, { error });
        return;
      }
      signal?.addEventListener("abort", onAbort, { once: true });
      if (signal?.aborted) onAbort();
      if ((options.timeoutMs !== void 0 || options.watch) && !this.stopPolling) this.pollLater();
    });
  }
  /** Asks the process to finish up and exit; after `graceMs` it is killed. Resolves once its output is passed on. */
  async stop(graceMs = 2e3) {
    if (this.alive) {
      this.send({ type: "stop" });
      const cancel = this.clock.after(graceMs, () => this.kill());
      await this.exited;
      cancel();
    }
    await this.finished;
  }
  /** Kills the process and what it started, at once (a browser would exit on its own when its pipe closes, but not at once). */
  kill() {
    if (!this.alive || this.child.pid === void 0) return;
    for (const pid of childPids(this.child.pid)) {
      try {
        process.kill(-pid, "SIGKILL");
      } catch {
        try {
          process.kill(pid, "SIGKILL");
        } catch {
        }
      }
    }
    this.child.kill("SIGKILL");
  }
  send(message) {
    if (this.alive && this.child.connected) this.child.send(message, () => {
    });
  }
  settle(id, outcome) {
    const request = this.pending.get(id);
    if (!request) return;
    this.pending.delete(id);
    request.settle(outcome);
  }
  receive(message, onProcessEvent) {
    this.lastHeard = this.clock.now();
    if (message.type === "response") {
      this.settle(message.id, message.error ? { error: new RequestError(message.error) } : { result: message.result });
    } else if (message.type === "event") {
      if (message.id === void 0) onProcessEvent?.(message.event, message.payload);
      else this.pending.get(message.id)?.options.onEvent?.(message.event, message.payload);
    }
  }
  /** Looks at every pending request's timeout and watch; one given up leaves the process in an unknown state: killed. */
  poll() {
    this.stopPolling = void 0;
    const now = this.clock.now();
    let watched = false;
    for (const [id, request] of [...this.pending]) {
      const { timeoutMs, watch } = request.options;
      if (timeoutMs === void 0 && !watch) continue;
      const reason = timeoutMs !== void 0 && now - request.sentAt > timeoutMs ? new ProcessTimeoutError(`no answer to "${request.kind}" within ${timeoutMs} ms`) : watch?.({ now, sentAt: request.sentAt, lastHeard: this.lastHeard, cancelledAt: request.cancelledAt });
      if (reason) {
        this.settle(id, { error: reason });
        this.kill();
      } else {
        watched = true;
      }
    }
    if (watched && this.alive) this.pollLater();
  }
  pollLater() {
    this.stopPolling = this.clock.after(this.pollMs, () => this.poll());
  }
};

// src/runner/watchdog.ts
var WATCH_MS = 250;
var BLOCKED_MS = 2e3;
var OVERRUN_MS = 15e3;
var STOP_GRACE_MS = 15e3;
var START_MS = 3e4;
var LOAD_BLOCKED_MS = 1e4;
var WATCHDOG_DEFAULTS = Object.freeze({
  intervalMs: WATCH_MS,
  blockedMs: BLOCKED_MS,
  overrunMs: OVERRUN_MS,
  stopGraceMs: STOP_GRACE_MS,
  startMs: START_MS,
  loadBlockedMs: LOAD_BLOCKED_MS
});
function watchdogTimings(given = {}) {
  const timings = { ...WATCHDOG_DEFAULTS };
  for (const [key, value] of Object.entries(given)) {
    if (value === void 0) continue;
    if (!(key in WATCHDOG_DEFAULTS)) throw new TypeError(`watchdog: unknown timing "${key}" (known: ${Object.keys(WATCHDOG_DEFAULTS).join(", ")})`);
    if (typeof value !== "number" || !Number.isFinite(value) || value < 0 || key === "intervalMs" && value === 0) {
      throw new TypeError(`watchdog: ${key} must be a number of milliseconds${key === "intervalMs" ? " above 0" : " (0 or more)"}, got ${String(value)}`);
    }
    timings[key] = value;
  }
  return timings;
}
var attemptDue = (watch, timings) => (watch.begunAt ?? watch.sentAt + timings.startMs) + watch.timeoutMs;
function watchAttempt(watch, timings) {
  const { now, lastHeard, stopSentAt } = watch;
  const due = attemptDue(watch, timings);
  const silentMs = now - lastHeard;
  if ((now > due || stopSentAt !== void 0) && silentMs > timings.blockedMs) return { action: "blocked", silentMs };
  if (now > due + timings.overrunMs) return { action: "overran", overMs: now - due };
  if (stopSentAt !== void 0 && now - stopSentAt > timings.stopGraceMs) return { action: "didNotStop", graceMs: timings.stopGraceMs };
  return { action: "wait" };
}
function watchLoad(watch, timings) {
  if (watch.now - watch.lastHeard > timings.loadBlockedMs) return { action: "blocked" };
  if (watch.now > watch.until) return { action: "tooLong" };
  return { action: "wait" };
}
function watchRender(watch, timings) {
  if (watch.begunAt === void 0) return watch.now - watch.sentAt > timings.startMs ? { action: "notStarted" } : { action: "wait" };
  return watch.now - watch.begunAt > watch.timeoutMs ? { action: "tooLong" } : { action: "wait" };
}

// src/runner/worker-host.ts
var LOAD_TIMEOUT_MS = 6e4;
var seconds = (ms2) => `${Math.round(ms2 / 100) / 10} s`;
var WorkerLoadError = class extends Error {
  name = "WorkerLoadError";
};
var WorkerHost = class {
  process;
  timings;
  clock;
  tmp;
  /** Misbehaved: it must not run another check. */
  retired = false;
  exited;
  /** Exited, and its output passed on (or given up on DRAIN_MS after the exit). */
  finished;
  constructor(options) {
    this.timings = watchdogTimings(options.watchdog);
    this.clock = options.clock;
    const { env, tmp } = workerEnv(options.env);
    this.tmp = tmp;
    this.process = new ProcessHost({
      script: options.script,
      env,
      output: options.output,
      clock: options.clock,
      pollMs: this.timings.intervalMs,
      onEvent: (event) => {
        if (event === TAINTED) this.retired = true;
      },
      // Chromium's profile goes with the worker, even when it was killed.
      onExit: () => removeWorkerTmp(tmp)
    });
    this.exited = this.process.exited.then(() => {
    });
    this.finished = this.process.finished;
  }
  get alive() {
    return this.process.alive;
  }
  now() {
    return this.clock?.now() ?? Date.now();
  }
  /** A watchdog's reason to give up: the worker is then killed (by the ProcessHost), and retired. */
  giveUp(reason) {
    this.retired = true;
    return reason;
  }
  request(kind, payload, options) {
    return this.process.request(kind, payload, options);
  }
  /** Loads and validates the project in the worker (the host never imports check code), within `timeoutMs`. */
  async load(request, timeoutMs = LOAD_TIMEOUT_MS) {
    let filesLoaded = false;
    const limit = seconds(timeoutMs);
    try {
      const { project, browser } = await this.request("load", request, {
        onEvent: (event) => void (event === "filesLoaded" && (filesLoaded = true)),
        watch: ({ now, sentAt, lastHeard }) => {
          const verdict = watchLoad({ now, lastHeard, until: sentAt + timeoutMs }, this.timings);
          if (verdict.action === "blocked") {
            return this.giveUp(new WorkerLoadError(`loading the config and check files blocked the worker for ${this.timings.loadBlockedMs / 1e3} s (does a file's top-level code loop?)`));
          }
          if (verdict.action === "tooLong") {
            return this.giveUp(new WorkerLoadError(filesLoaded ? `the config and check files loaded, but starting Chromium took over ${limit} (a cold start on a busy or small machine?)` : `loading the config and check files (and starting Chromium) took over ${limit} (does a file's top-level code await something that never comes?)`));
          }
          return void 0;
        }
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
  async attempt(check, attempt, signal, env) {
    const startedAt = this.now();
    let steps = [];
    let current;
    let begunAt;
    try {
      const end = await this.request("attempt", { check, attempt, env }, {
        signal,
        onEvent: (event, payload) => {
          if (event === "started") begunAt = this.now();
          if (event === "step") {
            const step = payload;
            steps = step.steps;
            current = { name: step.current, startedAt: step.startedAt };
          }
        },
        watch: ({ now, sentAt, lastHeard, cancelledAt }) => {
          const verdict = watchAttempt({ now, sentAt, begunAt, timeoutMs: check.timeoutMs, lastHeard, stopSentAt: cancelledAt }, this.timings);
          if (verdict.action === "blocked") return this.giveUp(workerBlocked(check.timeoutMs, verdict.silentMs));
          if (verdict.action === "overran") return this.giveUp(workerOverran(check.timeoutMs, verdict.overMs));
          if (verdict.action === "didNotStop") return this.giveUp(workerDidNotStop(verdict.graceMs));
          return void 0;
        }
      });
      if (end.retire) this.retired = true;
      return end.result;
    } catch (error) {
      this.retired = true;
      const failure2 = error instanceof ProcessExitError ? workerExited(error.exit.code, error.exit.signal) : error;
      const now = this.now();
      const info = toErrorInfo(failure2, current?.name);
      const inFlight = current ? [{ name: current.name, status: "failed", startedAt: current.startedAt, durationMs: now - current.startedAt, budget: {}, error: info }] : [];
      return { attempt, status: "failed", startedAt, durationMs: now - startedAt, steps: [...steps, ...inFlight], navigations: [], screenshots: [], pageErrors: noPageErrors(), error: info };
    }
  }
  /**
   * A PNG of `html` at `width`×`height` from the worker's Chromium (see the `render` request). Rejects with the
   * worker's reason, when it exits, or when no answer comes within `timeoutMs` of its browser being up — which a cold
   * worker gets the watchdog's `startMs` for, as for an attempt (the worker is then stuck: retired).
   */
  async render(html, size, timeoutMs = RENDER_TIMEOUT_MS + 2e3) {
    let begunAt;
    try {
      return Buffer.from(await this.request("render", { html, width: size.width, height: size.height }, {
        onEvent: (event) => void (event === "renderStarted" && (begunAt = this.now())),
        watch: ({ now, sentAt }) => {
          const verdict = watchRender({ now, sentAt, begunAt, timeoutMs }, this.timings);
          if (verdict.action === "notStarted") return this.giveUp(new Error(`the worker's browser did not start within ${seconds(this.timings.startMs)} for a render`));
          if (verdict.action === "tooLong") return this.giveUp(new Error(`the worker did not answer a render within ${seconds(timeoutMs)}`));
          return void 0;
        }
      }));
    } catch (error) {
      if (error instanceof RequestError) throw Object.assign(new Error(`rendering failed: ${error.remote.message}`), { name: "RenderError" });
      if (error instanceof ProcessExitError) throw new Error(`the worker ${describeExit(error.exit)} while rendering`);
      throw error;
    }
  }
  /** Asks the worker to close its browser and exit; after `graceMs` it is killed. */
  close(graceMs = 2e3) {
    return this.process.stop(graceMs);
  }
  /** Kills the worker and its Chromium at once. */
  kill() {
    if (!this.alive) return;
    this.process.kill();
    removeWorkerTmp(this.tmp);
  }
};

// src/runner/worker-pool.ts
var MAX_HELD_CHARS = 4 << 20;
var WorkerPool = class {
  idle = [];
  all = /* @__PURE__ */ new Set();
  waiting = [];
  closed = false;
  options;
  redact;
  /** Output waiting for the redactor (holdOutput), in the order it came. */
  held;
  heldChars = 0;
  droppedChars = 0;
  /** Workers whose output is still to be passed on (a worker that exited keeps its pipe a moment). */
  finishing = /* @__PURE__ */ new Set();
  constructor(options) {
    this.options = { ...options };
    this.redact = options.redact ?? structuralRedactor().text;
    if (options.holdOutput) this.held = [];
  }
  /** Workers' output, redacted, to the pool's output (the host's stdout and stderr by default). */
  output = (stream, text) => {
    if (this.held) {
      if (this.heldChars + text.length <= MAX_HELD_CHARS) {
        this.held.push({ stream, text });
        this.heldChars += text.length;
      } else {
        this.droppedChars += text.length;
      }
      return;
    }
    (this.options.output ?? writeOutput)(stream, this.redact(stripAnsi(text)));
  };
  /**
   * The redaction for what workers print from now on — running workers' included — and for the output held until now
   * (holdOutput), which is then passed on.
   */
  setRedact(redact) {
    this.redact = redact;
    this.passHeld();
  }
  passHeld() {
    const held = this.held;
    if (!held) return;
    this.held = void 0;
    for (const { stream, text } of held) this.output(stream, text);
    if (this.droppedChars) {
      (this.options.output ?? writeOutput)("stderr", `mimamori: ${this.droppedChars} characters the workers printed before the secrets were known were dropped (over ${MAX_HELD_CHARS}).
`);
    }
    this.heldChars = this.droppedChars = 0;
  }
  get size() {
    return this.options.size;
  }
  set size(size) {
    this.options.size = Math.max(1, size);
  }
  /** Starts workers now, so their Node and Chromium start-up overlaps with the host's own work. */
  prestart(count = 1) {
    while (!this.closed && this.all.size < Math.min(count, this.options.size)) this.idle.push(this.spawn());
  }
  spawn() {
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
  acquire() {
    if (this.closed) return Promise.reject(new Error("the worker pool is closed"));
    let ready;
    while (ready = this.idle.pop()) {
      if (!ready.retired && ready.alive) return Promise.resolve(ready);
      void ready.close(0);
      this.all.delete(ready);
    }
    if (this.all.size < this.options.size) {
      try {
        return Promise.resolve(this.spawn());
      } catch (error) {
        return Promise.reject(error);
      }
    }
    return new Promise((resolve6, reject) => this.waiting.push({ resolve: resolve6, reject }));
  }
  release(worker) {
    if (worker.retired || !worker.alive || this.closed) {
      void worker.close(0);
      this.all.delete(worker);
      const next2 = this.waiting.shift();
      if (next2 && !this.closed) {
        try {
          next2.resolve(this.spawn());
        } catch (error) {
          next2.reject(error);
        }
      }
      return;
    }
    const next = this.waiting.shift();
    if (next) next.resolve(worker);
    else this.idle.push(worker);
  }
  /** Loads the project in a worker (which keeps it, and its Chromium, for the first check). */
  async load(request, timeoutMs) {
    const worker = await this.acquire();
    try {
      return await worker.load(request, timeoutMs);
    } finally {
      this.release(worker);
    }
  }
  /** `env`: the check's secrets, set on the worker's process.env for this attempt only (see WorkerHost.attempt). */
  async attempt(check, attempt, signal, env) {
    const startedAt = Date.now();
    let worker;
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
  async render(html, size) {
    const worker = await this.acquire();
    try {
      return await worker.render(html, size);
    } finally {
      this.release(worker);
    }
  }
  /** Kills every worker and its Chromium now (a third Ctrl-C: no time to be polite). */
  kill() {
    this.closed = true;
    for (const w of this.all) w.kill();
    this.passHeld();
  }
  /** Closes every worker (each closes its Chromium); those that do not exit within `graceMs` are killed. */
  async close(graceMs = 2e3) {
    this.closed = true;
    for (const w of this.waiting.splice(0)) w.reject(new Error("the run is over: no worker for this check"));
    await Promise.all([...this.all].map((w) => w.close(graceMs)));
    await Promise.all([...this.finishing]);
    this.all.clear();
    this.idle.length = 0;
    this.passHeld();
  }
};

// src/cli/load-project.ts
import { fileURLToPath } from "node:url";
var WORKER_SCRIPT = fileURLToPath(new URL("./worker.mjs", import.meta.url));
function projectLoadTimeoutMs(env = process.env) {
  return Math.max(LOAD_TIMEOUT_MS, 2 * importTimeoutMs(env) + 2e4);
}

// src/result/run-id.ts
import { randomBytes } from "node:crypto";
function newRunId(at = Date.now()) {
  const stamp = new Date(at).toISOString().replace(/[-:]/g, "").replace(/\.\d+Z$/, "Z");
  return `${stamp}-${randomBytes(3).toString("hex")}`;
}

// src/cli/args.ts
import { parseArgs } from "node:util";
var UsageError = class extends Error {
  name = "UsageError";
};
var COMMANDS = {
  init: "set mimamori up in this repo: config, an example check, .gitignore lines, scripts (never overwrites)",
  check: "run journey checks in Chromium (the default: `mimamori [files\u2026]` is `mimamori check [files\u2026]`)",
  validate: "load the config and every check, and list everything a deploy refuses; runs nothing",
  results: "recent runs, newest first, with their links",
  dashboard: "an HTML page of every check's status, uptime, incidents and response times",
  digest: "the daily picture of every check, rendered (and posted to Slack with a token)",
  build: "bundle the Lambda functions and the Chromium layer, with the SAM template, into .mimamori/build/",
  deploy: "build, then sam deploy the stack (--dry-run: build and print the command, talk to no AWS service)"
};
var HELP = `Usage: mimamori <command> [arguments] [options]

Commands:
${Object.entries(COMMANDS).map(([name2, what]) => `  ${name2.padEnd(10)} ${what}`).join("\n")}

\`mimamori <command> --help\` shows a command's arguments and options. Without a command, \`mimamori [files | folders |
check names\u2026] [options]\` runs checks as \`mimamori check\` does; a check, file or folder named like a command is run
with \`mimamori check <name>\`.`;
var USAGE = `Usage: mimamori check [files | folders | check names\u2026] [options]
       (\`mimamori [files\u2026]\` is the same)

Runs journey checks in Chromium. With no arguments, runs every *.check.ts in checks/. \`mimamori validate\` checks the
config and every check (and what a deploy refuses) without running anything.

Options:
  --grep <regex>   only checks whose name matches
  --tag <tag>      only checks with this tag (repeatable: any of them)
  --workers <n>    checks run at once (default: one per core, at most 4)
  --out <dir>      where screenshots, results.json and report.html go (default: mimamori-results;
                   checked before anything runs)
  --json <file>    also write the results as JSON to this file
  --junit <file>   also write a JUnit XML report to this file
  --config <file>  config file (default: mimamori.config.ts)
  --no-slack       send nothing to Slack, even with SLACK_BOT_TOKEN set
  --shared-state   use the incident state in S3 even when this run sends no alert (a run that
                   alerts always does; without either, state stays in --out, so a try-out never
                   changes the deployed monitor's incidents)
  --update-baselines  record this run's pictures as the visual checks' baselines, on purpose
                   (no visual verdict this run; in S3 with --shared-state or Slack on)
  -h, --help       show this help

Environment:
  BASE_URL            the site under test (overrides baseURL in the config; skips the demo web server)
  MIMAMORI_CHROMIUM   path to a Chrome/Chromium binary to use (default: the Lambda build from
                      @sparticuz/chromium on Linux x64, else an installed Chrome, Chromium or Edge)
  MIMAMORI_S3_BUCKET  also store screenshots and results in this S3 bucket (MIMAMORI_S3_PREFIX, AWS_REGION, \u2026)
  SLACK_BOT_TOKEN     post alerts with the screenshot to Slack (SLACK_CHANNEL, SLACK_API_URL)
  MIMAMORI_AFTER_RUN_TIMEOUT  seconds for storing and alerting after the checks (default 60)
  MIMAMORI_REQUEST_TIMEOUT    seconds for one S3 or Slack request, retries included (default 10)
  MIMAMORI_IMPORT_TIMEOUT     seconds a check or config file's top-level code may wait before it is
                              a bad file (default 20)

Exit code: 0 nothing failed (degraded is a warning), 1 a check failed, 2 usage or definition error,
3 storing (S3, the local copy, the reports in --out) or sending to Slack failed, 130/143 interrupted (SIGINT/SIGTERM).
Ctrl-C once stops the checks (what finished is still stored and alerted), twice stops storing and alerting too.`;
function parseCli(argv) {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        grep: { type: "string" },
        tag: { type: "string", multiple: true },
        workers: { type: "string" },
        out: { type: "string" },
        json: { type: "string" },
        junit: { type: "string" },
        config: { type: "string" },
        "no-slack": { type: "boolean" },
        "shared-state": { type: "boolean" },
        "update-baselines": { type: "boolean" },
        help: { type: "boolean", short: "h" }
      }
    });
  } catch (error) {
    throw new UsageError(error.message);
  }
  const { values, positionals } = parsed;
  let grep;
  if (values.grep !== void 0) {
    try {
      grep = new RegExp(values.grep);
    } catch (error) {
      throw new UsageError(`--grep: ${error.message}`);
    }
  }
  let workers;
  if (values.workers !== void 0) {
    workers = Number(values.workers);
    if (!Number.isInteger(workers) || workers < 1 || workers > 64) throw new UsageError(`--workers must be a whole number from 1 to 64, got '${values.workers}'`);
  }
  for (const flag of ["out", "json", "junit", "config"]) {
    if (values[flag] === "") throw new UsageError(`--${flag} needs a path`);
  }
  return {
    targets: positionals,
    grep,
    tags: values.tag ?? [],
    workers,
    out: values.out ?? "mimamori-results",
    json: values.json,
    junit: values.junit,
    config: values.config,
    slack: !values["no-slack"],
    sharedState: values["shared-state"] ?? false,
    updateBaselines: values["update-baselines"] ?? false,
    help: values.help ?? false
  };
}

// src/cli/reports.ts
import { join as join2, resolve as resolve2 } from "node:path";

// src/result/serialize.ts
function resultsJson(value) {
  return JSON.stringify(value, (key, v) => key === "bytes" ? void 0 : v, 2) + "\n";
}

// src/render/report-html-check.ts
import { existsSync } from "node:fs";
import { isAbsolute, join, relative, resolve } from "node:path";

// src/result/trace-viewer.ts
var TRACE_VIEWER = "https://trace.playwright.dev/";
var traceViewerUrl = (traceUrl) => `${TRACE_VIEWER}?trace=${encodeURIComponent(traceUrl)}`;

// src/render/report-html-check.ts
function badge(status) {
  return `<span class="badge ${escapeHtml(status)}">${statusIcon(status)} ${escapeHtml(status)}</span>`;
}
function ms(value) {
  return value === void 0 ? "\u2013" : escapeHtml(formatMs(value));
}
function link2(url) {
  return anchor(url, url);
}
function attemptsFact(r) {
  const text = r.attempts === 1 ? "1" : `${r.attempts} (the last one is reported)`;
  if (!r.flaky) return escapeHtml(text);
  const earlier = r.attemptHistory.filter((a) => a.attempt !== r.attempts).map((a) => `attempt ${a.attempt} ${a.status}${a.error ? ` (${a.error.class}: ${firstLine(cleanText(a.error.message))})` : ""}`);
  const note = `flaky, ${r.status} on attempt ${r.attempts}`;
  return `${escapeHtml(r.attempts)} <span class="flaky">${escapeHtml(note)}</span>${earlier.length ? `<br>${escapeHtml(earlier.join("; "))}` : ""}`;
}
function usualFact(u) {
  if (u.state !== "slower") return escapeHtml(u.sentence);
  return `<strong>${escapeHtml(u.sentence)}</strong><br><small>${escapeHtml(u.rule)}</small>`;
}
function facts(r) {
  const rows = [
    ["Duration / budgets", escapeHtml(formatBudget(r.durationMs, r.budget))],
    ["Attempts", attemptsFact(r)],
    ...r.usual ? [["Usual", usualFact(r.usual)]] : [],
    ["Base URL", link2(r.baseURL)],
    ["File", `<code>${escapeHtml(printable(r.file))}</code>`]
  ];
  if (r.tags.length > 0) rows.push(["Tags", escapeHtml(r.tags.join(", "))]);
  if (r.storage) rows.push(["Stored", stored(r.storage)]);
  return `<dl class="facts">${rows.map(([k, v]) => `<dt>${k}</dt><dd>${v}</dd>`).join("")}</dl>`;
}
function stored(storage) {
  const local = `<code>${escapeHtml(storage.folder)}</code>`;
  const s3 = storage.s3;
  if (!s3) return local;
  if (s3.error && !s3.result) return `${local} <span class="st-failed">(not in S3: ${escapeHtml(s3.error.message)})</span>`;
  const result = s3.result ? ` \xB7 ${evidenceLink(s3.result, "result.json")}` : "";
  const console = s3.result?.consoleUrl ? ` \xB7 ${anchor(s3.result.consoleUrl, "S3 console")}` : "";
  const missing = s3.error ? ` <span class="st-failed">(not all in S3: ${escapeHtml(s3.error.message)})</span>` : "";
  return `<code>${escapeHtml(s3.location)}</code>${result}${console}${missing}`;
}
function anchor(url, text) {
  const safe = safeUrl(url);
  return safe && /^https?:/i.test(safe) ? `<a href="${escapeHtml(safe)}">${escapeHtml(text)}</a>` : escapeHtml(text);
}
function when(iso) {
  const ms2 = Date.parse(iso);
  if (!Number.isFinite(ms2)) return escapeHtml(iso);
  const at = new Date(ms2).toISOString();
  return `<time datetime="${escapeHtml(at)}">${escapeHtml(`${at.slice(0, 10)} ${at.slice(11, 16)} UTC`)}</time>`;
}
function expiry(l) {
  if (!l.expiresAt) return "";
  if (l.endsWithSession) return ` <small>(temporary: ends with the session that signed it, by ${when(l.expiresAt)} at the latest)</small>`;
  return ` <small>(valid until ${when(l.expiresAt)})</small>`;
}
function evidenceLink(l, text) {
  return `${anchor(l.url, text)}${expiry(l)}`;
}
function pictureLinks(l) {
  if (!l) return "";
  return ` \xB7 ${evidenceLink(l, "open")}${l.consoleUrl ? ` \xB7 ${anchor(l.consoleUrl, "S3 console")}` : ""}`;
}
function slack(n) {
  const problems2 = [n.error && `message failed: ${n.error.message}`, n.imageError && `screenshot failed: ${n.imageError.message}`].filter(Boolean);
  const head = `<p>${escapeHtml(n.action)} \xB7 ${escapeHtml(n.reason)}${n.channel ? ` \xB7 ${escapeHtml(n.channel)}` : ""}</p>` + problems2.map((p) => `<p class="st-failed">${escapeHtml(p)}</p>`).join("");
  if (!n.preview) return `<h3>Slack</h3>${head}`;
  const lines = n.preview.blocks.flatMap((b) => {
    const block = b;
    return [block.text?.text, ...(block.fields ?? []).map((f) => f.text), ...(block.elements ?? []).map((e) => e.text)].filter(Boolean);
  });
  return `<h3>Slack</h3>${head}<details><summary>Slack message preview</summary><pre>${escapeHtml(n.preview.text)}

${escapeHtml(lines.join("\n\n"))}</pre></details>`;
}
function warnings(r) {
  if (!r.warnings?.length) return "";
  return `<h3>Warnings</h3><ul class="warnings">${r.warnings.map((w) => `<li>\u26A0 ${escapeHtml(w)}</li>`).join("")}</ul>`;
}
function errorBox(e) {
  const where = e.step ? ` in step \u201C${escapeHtml(printable(e.step))}\u201D` : "";
  return `<div class="error"><div class="title">${escapeHtml(e.class)} error${where}</div><div>${escapeHtml(firstLine(cleanText(e.message)))}</div><pre>${escapeHtml(errorDetail(e))}</pre></div>`;
}
function stepRow(s) {
  const { degradedResponseTime: degraded, maxResponseTime: max } = s.budget;
  const budget = degraded === void 0 && max === void 0 ? "\u2013" : `${ms(degraded)} / ${ms(max)}`;
  const error = s.error ? `${s.error.class}: ${firstLine(cleanText(s.error.message))}` : "";
  const duration = s.status === "skipped" ? "\u2013" : ms(s.durationMs);
  return `<tr><td>${escapeHtml(printable(s.name))}</td><td class="st-${escapeHtml(s.status)}">${statusIcon(s.status)} ${escapeHtml(s.status)}</td><td class="num">${duration}</td><td class="num">${budget}</td><td>${escapeHtml(error)}</td></tr>`;
}
function stepsTable(steps) {
  if (steps.length === 0) return "";
  return `<h3>Steps</h3><table><thead><tr><th>Step</th><th>Status</th><th class="num">Duration</th><th class="num">Budget (degraded / max)</th><th>Error</th></tr></thead><tbody>${steps.map(stepRow).join("")}</tbody></table>`;
}
function navRow(n) {
  const status = n.status === null ? "\u2013" : String(n.status);
  const cls = n.status === null || n.status >= 400 ? ' class="num st-failed"' : ' class="num"';
  return `<tr><td class="mono">${link2(n.url)}</td><td${cls}>${escapeHtml(status)}</td><td class="num">${ms(n.ttfbMs)}</td><td class="num">${ms(n.domContentLoadedMs)}</td><td class="num">${ms(n.loadMs)}</td><td>${escapeHtml(printable(n.step ?? ""))}</td></tr>`;
}
function navigationsTable(navs) {
  if (navs.length === 0) return "";
  return `<h3>Navigations</h3><table><thead><tr><th>URL</th><th class="num">HTTP</th><th class="num">TTFB</th><th class="num">DOMContentLoaded</th><th class="num">Load</th><th>Step</th></tr></thead><tbody>${navs.map(navRow).join("")}</tbody></table>`;
}
function pageErrors(r) {
  const { consoleErrors, failedRequests, samples } = r.pageErrors;
  if (consoleErrors + failedRequests === 0 && samples.length === 0) return "";
  const list = samples.length ? `<ul class="samples">${samples.map((s) => `<li class="mono">${escapeHtml(s)}</li>`).join("")}</ul>` : "";
  return `<h3>Page errors</h3><p>${plural(consoleErrors, "console error")}, ${plural(failedRequests, "failed request")}</p>${list}`;
}
var dataUrl = (bytes) => `data:image/png;base64,${Buffer.from(bytes).toString("base64")}`;
function keyUrl(path) {
  return safeUrl(path) && path.split("/").map(encodeURIComponent).join("/");
}
function screenshotSrc(shot) {
  if (shot.bytes && shot.bytes.length > 0) return dataUrl(shot.bytes);
  return keyUrl(shot.path);
}
function figure(shot) {
  const src = screenshotSrc(shot);
  const caption = [shot.step === void 0 ? "(no step)" : printable(shot.step), shot.kind, shot.attempt > 1 ? `attempt ${shot.attempt}` : "", `${shot.width}\xD7${shot.height}`].filter(Boolean).join(" \xB7 ");
  const img = frame(src, caption, shot);
  return `<figure>${img}<figcaption>${escapeHtml(caption)}${pictureLinks(shot.link)}</figcaption></figure>`;
}
function inOutFolder(out2, path) {
  const file = resolve(out2, path);
  const within = relative(resolve(out2), file);
  return Boolean(within) && !within.startsWith("..") && !isAbsolute(within) && existsSync(file);
}
function lastGoodSrc(evidence, context) {
  if (evidence.bytes && evidence.bytes.length > 0) return dataUrl(evidence.bytes);
  const shot = evidence.screenshot;
  const linked = shot.link && safeUrl(shot.link.url);
  const remote = linked && /^https?:/i.test(linked) ? linked : void 0;
  if (context.out !== void 0) return inOutFolder(context.out, shot.path) ? keyUrl(shot.path) : remote;
  return remote ?? keyUrl(shot.path);
}
function frame(src, alt, size) {
  if (!src) return '<div class="frame empty">(image not available)</div>';
  const dims = size ? ` width="${escapeHtml(size.width)}" height="${escapeHtml(size.height)}"` : "";
  return `<div class="frame"><img src="${escapeHtml(src)}" alt="${escapeHtml(alt)}"${dims} loading="lazy"></div>`;
}
function nowAndLastGood(r, context) {
  const evidence = r.lastGood;
  if (r.status === "passed" || !evidence?.screenshot) return "";
  const now = storyScreenshot(r);
  const was = evidence.screenshot;
  const label = (s) => `${s.step === void 0 ? "(no step)" : printable(s.step)} \xB7 ${s.kind}`;
  const nowFigure = `<figure>${frame(now && screenshotSrc(now), now ? `now: ${label(now)}` : "now", now)}<figcaption><b>Now</b>${now ? ` \xB7 ${escapeHtml(label(now))}` : " \xB7 (no screenshot)"}${pictureLinks(now?.link)}</figcaption></figure>`;
  const at = Number.isFinite(evidence.startedAt) ? new Date(evidence.startedAt).toISOString() : "\u2013";
  const wasFigure = `<figure>${frame(lastGoodSrc(evidence, context), `last good: ${label(was)}`)}<figcaption><b>Last good</b> (run <code>${escapeHtml(evidence.runId)}</code>, <time datetime="${escapeHtml(at)}">${escapeHtml(at)}</time>) \xB7 ${escapeHtml(label(was))}${pictureLinks(was.link)}</figcaption></figure>`;
  return `<h3>Now and last good</h3><div class="shots pair">${nowFigure}${wasFigure}</div>`;
}
function trace(r, context) {
  const t = r.trace;
  if (!t) return "";
  if (t.skipped || !t.path) return `<h3>Trace</h3><p class="meta">No trace kept: ${escapeHtml(t.skipped ?? "it was not stored")}</p>`;
  const size = `${(t.size / 1024 / 1024).toFixed(1)} MB`;
  const remote = t.link && /^https?:/i.test(safeUrl(t.link.url) ?? "") ? ` \xB7 ${anchor(traceViewerUrl(t.link.url), "open in the trace viewer")}${expiry(t.link)} \xB7 ${evidenceLink(t.link, "trace.zip")}` : keyUrl(t.path) ? ` \xB7 <a href="${escapeHtml(keyUrl(t.path))}">trace.zip</a>` : "";
  const local = context.out !== void 0 ? join(context.out, t.path) : t.path;
  return `<h3>Trace</h3><p>${escapeHtml(size)}${remote}<br><code>npx playwright show-trace ${escapeHtml(shellWord(local))}</code></p>`;
}
function shellWord(path) {
  return /^[\w./@%+=:,-]+$/.test(path) ? path : `'${path.replace(/'/g, `'\\''`)}'`;
}
function screenshots(shots) {
  if (shots.length === 0) return "";
  return `<h3>Screenshots</h3><div class="shots">${shots.map(figure).join("")}</div>`;
}
function renderCheckSection(r, id, context = {}) {
  return `<section class="check" data-status="${escapeHtml(r.status)}" id="${escapeHtml(id)}"><header><h2>${escapeHtml(printable(r.name))}</h2>${badge(r.status)}${r.flaky ? '<span class="flaky">flaky</span>' : ""}</header>` + (r.description ? `<p class="desc meta">${escapeHtml(r.description)}</p>` : "") + facts(r) + (r.error ? errorBox(r.error) : "") + warnings(r) + nowAndLastGood(r, context) + stepsTable(r.steps) + navigationsTable(r.navigations) + pageErrors(r) + screenshots(r.screenshots) + trace(r, context) + (r.notification ? slack(r.notification) : "") + "</section>";
}

// src/render/report-html-style.ts
var REPORT_CSS = `
:root { --pass: #1a7f37; --warn: #9a6700; --fail: #cf222e; --muted: #59636e; --line: #d1d9e0; --bg: #f6f8fa; color-scheme: light; }
* { box-sizing: border-box; }
body { margin: 0; font: 14px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Hiragino Sans", "Noto Sans JP", sans-serif; color: #1f2328; background: #fff; }
main { max-width: 1100px; margin: 0 auto; padding: 24px 16px 64px; }
h1 { font-size: 22px; margin: 0 0 4px; }
h2 { font-size: 18px; margin: 0; overflow-wrap: anywhere; }
h3 { font-size: 14px; margin: 20px 0 6px; color: var(--muted); text-transform: uppercase; letter-spacing: .04em; }
a { color: #0969da; }
code, pre, .mono { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 12px; }
.meta { color: var(--muted); margin: 0; }
.meta span + span::before { content: " \xB7 "; }
.counts { display: flex; gap: 8px; flex-wrap: wrap; margin: 12px 0 20px; }
.count { border: 1px solid var(--line); border-radius: 6px; padding: 4px 10px; background: var(--bg); }
.count b { font-size: 16px; }
.count.passed b { color: var(--pass); } .count.degraded b { color: var(--warn); } .count.failed b { color: var(--fail); }
.badge { display: inline-block; border-radius: 999px; padding: 1px 10px; font-size: 12px; font-weight: 600; color: #fff; white-space: nowrap; vertical-align: middle; }
.badge.passed { background: var(--pass); } .badge.degraded { background: var(--warn); } .badge.failed { background: var(--fail); }
.badge.skipped { background: #818b98; }
.st-passed { color: var(--pass); } .st-degraded { color: var(--warn); } .st-failed { color: var(--fail); } .st-skipped { color: var(--muted); }
table { border-collapse: collapse; width: 100%; margin: 4px 0; }
th, td { text-align: left; padding: 5px 8px; border-bottom: 1px solid var(--line); vertical-align: top; overflow-wrap: anywhere; }
th { background: var(--bg); font-weight: 600; font-size: 12px; color: var(--muted); }
td.num, th.num { text-align: right; white-space: nowrap; }
.diagnostics, .check, .notes { border: 1px solid var(--line); border-radius: 8px; margin: 0 0 20px; padding: 16px; }
.diagnostics { border-color: var(--fail); background: #fff8f8; }
.diagnostics h2 { color: var(--fail); margin-bottom: 8px; }
.check { border-left-width: 6px; }
.check[data-status=passed] { border-left-color: var(--pass); }
.check[data-status=degraded] { border-left-color: var(--warn); }
.check[data-status=failed] { border-left-color: var(--fail); }
.check header { display: flex; align-items: center; gap: 10px; flex-wrap: wrap; }
.check .desc { margin: 4px 0 0; }
.facts { display: grid; grid-template-columns: max-content 1fr; gap: 2px 16px; margin: 12px 0 0; }
.facts dt { color: var(--muted); } .facts dd { margin: 0; overflow-wrap: anywhere; }
.flaky { color: var(--warn); font-weight: 600; }
.error { border: 1px solid var(--fail); background: #ffebe9; border-radius: 6px; padding: 10px 12px; margin: 14px 0 0; }
.error .title { font-weight: 600; color: var(--fail); }
pre { white-space: pre-wrap; overflow-wrap: anywhere; margin: 8px 0 0; padding: 8px; background: #fff; border: 1px solid var(--line); border-radius: 4px; max-height: 360px; overflow: auto; }
ul.samples { margin: 4px 0; padding-left: 20px; } ul.samples li { overflow-wrap: anywhere; }
.shots { display: grid; grid-template-columns: repeat(auto-fill, minmax(280px, 1fr)); gap: 12px; }
.shots.pair { grid-template-columns: repeat(2, minmax(0, 1fr)); }
figure { margin: 0; border: 1px solid var(--line); border-radius: 6px; overflow: hidden; background: var(--bg); }
figure .frame { max-height: 520px; overflow: auto; background: #fff; }
figure img { display: block; width: 100%; height: auto; }
figcaption { padding: 4px 8px; font-size: 12px; color: var(--muted); }
.overview { margin-bottom: 24px; } .overview td:first-child a { text-decoration: none; }
.empty { color: var(--muted); }
@media print { .check, .diagnostics { break-inside: avoid; } figure .frame { max-height: none; } }
`;

// src/render/report-html.ts
var CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src * data: file:; base-uri 'none'; form-action 'none'";
function checkIds(results) {
  const seen = /* @__PURE__ */ new Map();
  return results.map((r, i) => {
    const slug = r.name.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "").slice(0, 60);
    const base = `check-${slug || i + 1}`;
    const n = (seen.get(base) ?? 0) + 1;
    seen.set(base, n);
    return n === 1 ? base : `${base}-${n}`;
  });
}
function isoTime(ms2) {
  return Number.isFinite(ms2) ? new Date(ms2).toISOString() : "\u2013";
}
function header(run) {
  const count = (s) => run.results.filter((r) => r.status === s).length;
  const flaky = run.results.filter((r) => r.flaky).length;
  const boxes = [
    `<span class="count"><b>${run.results.length}</b> checks</span>`,
    ...["passed", "degraded", "failed"].map((s) => `<span class="count ${s}"><b>${count(s)}</b> ${s}</span>`),
    flaky ? `<span class="count degraded"><b>${flaky}</b> flaky</span>` : "",
    problems(run).length ? `<span class="count failed"><b>${problems(run).length}</b> definition problems</span>` : ""
  ].join("");
  return `<header><h1>mimamori report</h1><p class="meta"><span>Run <code>${escapeHtml(run.runId)}</code></span><span>started <time datetime="${escapeHtml(isoTime(run.startedAt))}">${escapeHtml(isoTime(run.startedAt))}</time></span><span>took ${escapeHtml(formatMs(run.durationMs))}</span></p><div class="counts">${boxes}</div></header>`;
}
var problems = (run) => run.diagnostics.filter((d) => !isNote(d));
function notes(list) {
  if (list.length === 0) return "";
  const items = list.map((d) => `<li><span class="mono">${escapeHtml(printable(d.file))}</span>: ${escapeHtml(d.message)}</li>`).join("");
  return `<section class="notes" id="notes"><h2>Notes</h2><ul>${items}</ul></section>`;
}
function diagnostics(list) {
  if (list.length === 0) return "";
  const rows = list.map((d) => `<tr><td class="mono">${escapeHtml(printable(d.file))}</td><td class="mono">${escapeHtml(printable(d.field ?? "\u2013"))}</td><td>${escapeHtml(d.message)}</td></tr>`).join("");
  return `<section class="diagnostics" id="diagnostics"><h2>${list.length} ${list.length === 1 ? "problem" : "problems"} in check files or config</h2><p class="meta">The checks these belong to did not run.</p><table><thead><tr><th>File</th><th>Field</th><th>Message</th></tr></thead><tbody>${rows}</tbody></table></section>`;
}
function overview(results, ids) {
  if (results.length === 0) return '<p class="empty">No checks ran.</p>';
  const rows = results.map((r, i) => `<tr><td><a href="#${escapeHtml(ids[i])}">${escapeHtml(printable(r.name))}</a></td><td>${badge(r.status)}${r.flaky ? ' <span class="flaky">flaky</span>' : ""}</td><td class="num">${escapeHtml(formatBudget(r.durationMs, r.budget))}</td><td class="num">${escapeHtml(r.attempts)}</td></tr>`).join("");
  return `<table class="overview"><thead><tr><th>Check</th><th>Status</th><th class="num">Duration / budgets</th><th class="num">Attempts</th></tr></thead><tbody>${rows}</tbody></table>`;
}
function renderHtmlReport(run, context = {}) {
  const ids = checkIds(run.results);
  return [
    "<!doctype html>",
    '<html lang="en">',
    "<head>",
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${CSP}">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<meta name="referrer" content="no-referrer">',
    `<title>mimamori \xB7 ${escapeHtml(run.runId)}</title>`,
    `<style>${REPORT_CSS}</style>`,
    "</head>",
    "<body><main>",
    header(run),
    diagnostics(problems(run)),
    notes(run.diagnostics.filter(isNote)),
    overview(run.results, ids),
    ...run.results.map((r, i) => renderCheckSection(r, ids[i], context)),
    "</main></body>",
    "</html>",
    ""
  ].join("\n");
}

// src/cli/junit.ts
var SUITE = "mimamori";
function seconds2(ms2) {
  return (Number.isFinite(ms2) && ms2 > 0 ? ms2 / 1e3 : 0).toFixed(3);
}
function stepLine(step) {
  const head = `  ${statusIcon(step.status)} ${printable(step.name)} \u2014 ${step.status}`;
  if (step.status === "skipped") return head;
  const error = step.error ? ` \u2014 ${step.error.class}: ${firstLine(cleanText(step.error.message))}` : "";
  return `${head}, ${formatBudget(step.durationMs, step.budget)}${error}`;
}
function budgetNote(result) {
  const { degradedResponseTime: degraded, maxResponseTime: max } = result.budget;
  if (max !== void 0 && result.durationMs > max) return `took ${formatMs(result.durationMs)}, over maxResponseTime ${formatMs(max)}`;
  if (degraded !== void 0 && result.durationMs > degraded) {
    return `took ${formatMs(result.durationMs)}, over degradedResponseTime ${formatMs(degraded)}`;
  }
  const slow = result.steps.find((s) => s.status === "degraded");
  return slow ? `step "${printable(slow.name)}" was slower than its budget (${formatBudget(slow.durationMs, slow.budget)})` : void 0;
}
function systemOut(result) {
  const lines = [];
  if (result.status === "degraded") lines.push(`DEGRADED: ${budgetNote(result) ?? "slower than its budget"}`);
  if (result.flaky) {
    lines.push(`FLAKY: ${result.status} on attempt ${result.attempts}`);
    for (const a of result.attemptHistory.filter((h) => h.error)) {
      lines.push(`  attempt ${a.attempt}: ${a.status} \u2014 ${a.error.class}: ${firstLine(cleanText(a.error.message))}`);
    }
  }
  lines.push(`Status: ${result.status}, ${formatBudget(result.durationMs, result.budget)}, attempts: ${result.attempts}`);
  lines.push(`Base URL: ${result.baseURL}`);
  if (result.steps.length > 0) lines.push("Steps:", ...result.steps.map(stepLine));
  const { consoleErrors, failedRequests } = result.pageErrors;
  if (consoleErrors + failedRequests > 0) lines.push(`Page errors: ${consoleErrors} console errors, ${failedRequests} failed requests`);
  for (const shot of result.screenshots) {
    if (shot.path) lines.push(`Screenshot (${shot.kind}${shot.step ? `, ${printable(shot.step)}` : ""}): ${printable(shot.path)}`);
  }
  return `      <system-out>${xmlText(lines.join("\n"))}</system-out>`;
}
function failure(result) {
  const error = result.error;
  if (!error) {
    const message2 = budgetNote(result) ?? "check failed";
    return `      <failure message="${xmlAttr(message2)}">${xmlText(message2)}</failure>`;
  }
  const message = firstLine(cleanText(error.message));
  const step = error.step === void 0 ? void 0 : printable(error.step);
  const body = step !== void 0 ? `Step: ${step}
${errorDetail(error)}` : errorDetail(error);
  const attr = step !== void 0 ? `${step}: ${message}` : message;
  return `      <failure message="${xmlAttr(attr)}" type="${xmlAttr(error.class)}">${xmlText(body)}</failure>`;
}
function testcase(result) {
  const open = `    <testcase name="${xmlAttr(printable(result.name))}" classname="${xmlAttr(printable(result.file))}" time="${seconds2(result.durationMs)}">`;
  const body = [result.status === "failed" ? failure(result) : void 0, systemOut(result)].filter((l) => l !== void 0);
  return [open, ...body, "    </testcase>"].join("\n");
}
function diagnosticCase(d) {
  const file = printable(d.file);
  const name2 = d.field ? `${file} \u203A ${printable(d.field)}` : file;
  return [
    `    <testcase name="${xmlAttr(name2)}" classname="${xmlAttr(file)}" time="0.000">`,
    `      <error message="${xmlAttr(d.message)}" type="definition">${xmlText(d.message)}</error>`,
    "    </testcase>"
  ].join("\n");
}
function renderJUnit(run) {
  const problems2 = run.diagnostics.filter((d) => !isNote(d));
  const notes2 = run.diagnostics.filter(isNote);
  const tests = run.results.length + problems2.length;
  const failures = run.results.filter((r) => r.status === "failed").length;
  const errors = problems2.length;
  const time = seconds2(run.durationMs);
  const counts = `tests="${tests}" failures="${failures}" errors="${errors}"`;
  const timestamp = Number.isFinite(run.startedAt) ? new Date(run.startedAt).toISOString() : "";
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="${SUITE}" ${counts} time="${time}">`,
    `  <testsuite name="${SUITE}" ${counts} skipped="0" time="${time}" timestamp="${xmlAttr(timestamp)}">`,
    "    <properties>",
    `      <property name="runId" value="${xmlAttr(run.runId)}"/>`,
    ...notes2.map((d) => `      <property name="note" value="${xmlAttr(`${printable(d.file)}: ${d.message}`)}"/>`),
    "    </properties>",
    ...run.results.map(testcase),
    ...problems2.map(diagnosticCase),
    "  </testsuite>",
    "</testsuites>",
    ""
  ].join("\n");
}

// src/cli/reports.ts
async function writeReports(run, options, fs) {
  const out2 = resolve2(options.out);
  const json = resultsJson(run);
  const paths = { out: out2, report: join2(out2, "report.html"), results: join2(out2, "results.json") };
  const files = [[paths.results, json], [paths.report, renderHtmlReport(run, { out: out2 })]];
  if (options.json) files.push([paths.json = resolve2(options.json), json]);
  if (options.junit) files.push([paths.junit = resolve2(options.junit), renderJUnit(run)]);
  const settled = await Promise.allSettled(files.map(([path, data]) => writeAside(path, data, fs)));
  const failed = settled.flatMap((s, i) => s.status === "rejected" ? [{ path: files[i][0], error: s.reason }] : []);
  return { paths, failed };
}
function reportsNotWritten(failed, show) {
  const byError = /* @__PURE__ */ new Map();
  for (const { path, error } of failed) byError.set(error.message, [...byError.get(error.message) ?? [], show(path)]);
  return [...byError].map(([message, paths]) => `mimamori: could not write ${paths.join(", ")} (${message}); any earlier ${paths.length === 1 ? "copy is" : "copies are"} left as ${paths.length === 1 ? "it was" : "they were"}`);
}

// src/cli/output-paths.ts
import { accessSync, constants, statSync } from "node:fs";
import { dirname, resolve as resolve3 } from "node:path";
function nearestExisting(path) {
  for (let p = path; ; p = dirname(p)) {
    const info = statSync(p, { throwIfNoEntry: false });
    if (info) return { path: p, folder: info.isDirectory() };
    if (p === dirname(p)) return { path: p, folder: true };
  }
}
function writable(path) {
  try {
    accessSync(path, constants.W_OK);
    return true;
  } catch {
    return false;
  }
}
function problem(flag, given, kind, cwd) {
  const path = resolve3(cwd, given);
  const existing = nearestExisting(path);
  const show = (p) => displayPath(p, cwd);
  if (existing.path === path) {
    if (existing.folder !== (kind === "folder")) return `--${flag} ${given}: is a ${existing.folder ? "folder" : "file"}, not a ${kind}`;
    const folder = kind === "folder" ? path : dirname(path);
    return writable(folder) ? void 0 : `--${flag} ${given}: ${show(folder)} is not writable`;
  }
  if (!existing.folder) return `--${flag} ${given}: cannot be made: ${show(existing.path)} is a file`;
  return writable(existing.path) ? void 0 : `--${flag} ${given}: cannot be made: ${show(existing.path)} is not writable`;
}
function outputPathProblems(options, cwd) {
  return [
    problem("out", options.out, "folder", cwd),
    options.json === void 0 ? void 0 : problem("json", options.json, "file", cwd),
    options.junit === void 0 ? void 0 : problem("junit", options.junit, "file", cwd)
  ].filter((p) => p !== void 0);
}

// src/policy/check-state.ts
var RECENT_RUNS = 20;

// src/policy/alert-policy.ts
var PENDING_MS = 6e4;
var UNKNOWN = "the check's state could not be read";
function decideWithoutState(status, always) {
  if (status === "failed") return { action: "post", reason: `failed \u2014 ${UNKNOWN}, so it is alerted at once (this may repeat an alert)` };
  if (status === "degraded") return { action: "post", reason: `degraded \u2014 ${UNKNOWN}, so this may repeat a report` };
  if (always) return { action: "post", reason: `passed (notify: 'always') \u2014 ${UNKNOWN}` };
  return { action: "none", reason: `passed \u2014 ${UNKNOWN}; an open incident is recovered by the first run that can read it` };
}
function pending(input) {
  const { incident, runId, startedAt } = input;
  if (!incident || incident.thread || incident.unposted || incident.openedRunId === runId || startedAt === void 0) return void 0;
  if (Math.abs(startedAt - Date.parse(incident.openedAt)) >= PENDING_MS) return void 0;
  return `run ${incident.openedRunId} opened this incident a moment ago and is posting its first message: this run leaves it to that one`;
}
function decideFailure(input, always) {
  const { incident, options } = input;
  const monitor = input.failureClass === "runner";
  const kind = monitor ? "monitor" : "site";
  const inRow = monitor ? input.consecutiveRunnerFailures ?? 1 : input.consecutiveFailures;
  if (incident && (incident.kind ?? "site") === kind) {
    const failures = incident.failures + 1;
    const broadcast = failures % options.remindEvery === 0;
    return { action: "reply", reason: `failure ${failures} of the open ${monitor ? "monitor " : ""}incident${broadcast ? ", reminding the channel" : ""}`, broadcast };
  }
  if (incident && monitor) return { action: "none", reason: "the monitor could not run the check (a runner failure says nothing of the site): the open incident stays open" };
  if (incident) return { action: "recover", reason: `the monitor runs again after ${plural(incident.failures, "failed run")} (the site failed this run: that is counted apart)` };
  if (inRow >= options.alertAfter) {
    const what = monitor ? "the monitor could not run the check" : "failed";
    return { action: "open", reason: inRow > 1 ? `${what} ${inRow} times in a row` : what };
  }
  const waiting = `${monitor ? "the monitor could not run the check" : "failed"} ${inRow} of the ${options.alertAfter} times in a row that open an incident`;
  return always ? { action: "post", reason: `${waiting} (notify: 'always')` } : { action: "none", reason: waiting };
}
function decide(input) {
  const { status, previousStatus, incident, options } = input;
  if (options.notify === "never") return { action: "none", reason: "alerts are off for this check (notify: 'never')" };
  const always = options.notify === "always";
  if (input.stateUnknown) return decideWithoutState(status, always);
  const waitFor = pending(input);
  if (waitFor) {
    const sameKind = status === "failed" && (input.failureClass === "runner" ? "monitor" : "site") === (incident.kind ?? "site");
    return { action: "none", reason: waitFor, ...sameKind && { counted: true } };
  }
  if (status === "failed") return decideFailure(input, always);
  if (incident) return { action: "recover", reason: `${status} after ${plural(incident.failures, "failed run")}` };
  if (always) return { action: "post", reason: `${status} (notify: 'always')` };
  if (status === "degraded") {
    if (input.slower === "new") return { action: "post", reason: "newly slower than usual" };
    if (!input.slower && previousStatus !== "degraded") return { action: "post", reason: "newly degraded" };
    return { action: "none", reason: input.slower ? "still slower than usual (already reported)" : "still degraded (already reported)" };
  }
  return { action: "none", reason: "passed" };
}
function nextIncident(decision, input, run) {
  const { incident } = input;
  switch (decision.action) {
    case "open": {
      const monitor = input.failureClass === "runner";
      return {
        kind: monitor ? "monitor" : "site",
        openedAt: new Date(run.startedAt).toISOString(),
        openedRunId: run.runId,
        failures: monitor ? input.consecutiveRunnerFailures ?? 1 : input.consecutiveFailures
      };
    }
    case "reply":
      return incident && { ...incident, failures: incident.failures + 1 };
    case "recover":
      return null;
    case "none":
      return decision.counted && incident ? { ...incident, failures: incident.failures + 1 } : incident;
    default:
      return incident;
  }
}

// src/policy/usual.ts
var DEFAULT_USUAL_RULE = DEFAULT_SLOWER_THAN_USUAL;
var HISTORY = 40;
var ACCEPT_AFTER_MS = 24 * 36e5;
var median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};
var sameSteps = (a, b) => {
  const ka = Object.keys(a);
  return ka.length === Object.keys(b).length && ka.every((k) => k in b);
};
function learn(samples) {
  const last = samples[samples.length - 1];
  return {
    learnedAt: new Date(last.at).toISOString(),
    runs: samples.length,
    journeyMs: Math.round(median(samples.map((s) => s.ms))),
    steps: Object.fromEntries(Object.keys(last.steps).map((name2) => [name2, Math.round(median(samples.map((s) => s.steps[name2])))]))
  };
}
var threshold = (usualMs, rule) => Math.max(usualMs * rule.factor, usualMs + rule.minDeltaMs);
function compare(now, recent, longer, usualMs, rule, already) {
  const medianMs = Math.round(median(recent));
  const line = threshold(usualMs, rule);
  const near = usualMs + (line - usualMs) / 4;
  const slower = already ? medianMs >= near || median(longer) >= near : medianMs >= line && now >= line;
  return { nowMs: now, medianMs, usualMs, slower, ratio: medianMs / Math.max(1, usualMs) };
}
var times = (ratio) => `${ratio.toFixed(1)}\xD7`;
function judgeUsual(previous, sample, rule) {
  const history = [...previous.history, sample].slice(-HISTORY);
  let from = history.length - 1;
  while (from > 0 && sameSteps(history[from - 1].steps, sample.steps)) from--;
  const comparable = history.slice(from);
  let baseline = previous.baseline && sameSteps(previous.baseline.steps, sample.steps) ? previous.baseline : void 0;
  if (!baseline) {
    if (comparable.length < rule.learnRuns) {
      const sentence2 = `learning what is usual: ${comparable.length} of ${rule.learnRuns} runs`;
      return { state: { history }, verdict: { state: "learning", runs: comparable.length, needed: rule.learnRuns, sentence: sentence2 } };
    }
    baseline = learn(comparable.slice(-rule.learnRuns));
  }
  const recent = comparable.slice(-rule.window);
  const learning = comparable.slice(-rule.learnRuns);
  let relearned;
  const fastLevel = median(recent.map((s) => s.ms));
  const faster = fastLevel * rule.factor <= baseline.journeyMs && fastLevel + rule.minDeltaMs <= baseline.journeyMs;
  let fasterSince = faster ? previous.fasterSince ?? new Date(sample.at).toISOString() : void 0;
  if (fasterSince && sample.at - Date.parse(fasterSince) >= ACCEPT_AFTER_MS) {
    relearned = `faster than the usual ${formatMs(baseline.journeyMs)} for a day: ${formatMs(learn(learning).journeyMs)} is the usual now`;
    baseline = learn(learning);
    fasterSince = void 0;
  }
  let already = Boolean(previous.slowerSince);
  if (previous.slowerSince && sample.at - Date.parse(previous.slowerSince) >= ACCEPT_AFTER_MS) {
    relearned = `slower than usual since ${previous.slowerSince}: ${formatMs(learn(learning).journeyMs)} is the usual now (was ${formatMs(baseline.journeyMs)})`;
    baseline = learn(learning);
    already = false;
  }
  const longer = comparable.slice(-2 * rule.window);
  const journey = compare(sample.ms, recent.map((s) => s.ms), longer.map((s) => s.ms), baseline.journeyMs, rule, already);
  const steps = Object.entries(baseline.steps).map(([name2, usualMs]) => ({
    name: name2,
    ...compare(sample.steps[name2], recent.map((s) => s.steps[name2]), longer.map((s) => s.steps[name2]), usualMs, rule, already)
  }));
  const slowedSteps = steps.filter((s) => s.slower);
  const step = (slowedSteps.length ? slowedSteps : journey.slower ? steps : []).sort((a, b) => b.ratio - a.ratio)[0];
  const slower = journey.slower || slowedSteps.length > 0;
  const since = slower ? previous.slowerSince ?? new Date(sample.at).toISOString() : void 0;
  const rulePhrase = `slower than usual means the median of the last ${recent.length} runs is at least ${rule.factor}\xD7 and ${formatMs(rule.minDeltaMs)} above the usual (it starts with a run that is too, and lasts until the medians of the last ${rule.window} and ${2 * rule.window} runs are back within a quarter of the way), the usual learned from ${baseline.runs} runs up to ${baseline.learnedAt.slice(0, 16).replace("T", " ")} UTC`;
  const stepPhrase = step ? `; step '${step.name}' ${formatMs(step.medianMs)} vs usual ${formatMs(step.usualMs)} (${times(step.ratio)})` : "";
  const sentence = slower ? `slower than usual: ${formatMs(journey.medianMs)} (median of the last ${recent.length} runs) vs usual ${formatMs(journey.usualMs)} (${times(journey.ratio)})${stepPhrase}` : `as usual: ${formatMs(journey.medianMs)} (median of the last ${recent.length} runs) vs usual ${formatMs(journey.usualMs)}${relearned ? ` \u2014 ${relearned}` : ""}`;
  const strip = ({ slower: _s, ratio: _r, ...c }) => c;
  const verdict = {
    state: slower ? "slower" : "usual",
    journey: strip(journey),
    ...step && { step: { ...strip(step), name: step.name } },
    learnedAt: baseline.learnedAt,
    ...since && { since },
    sentence,
    rule: rulePhrase
  };
  return { state: { history, baseline, slowerSince: since, fasterSince }, verdict };
}

// src/episode/memory.ts
function remember(list, ids, limit) {
  const adding = new Set(ids);
  return [...(list ?? []).filter((id) => !adding.has(id)), ...adding].slice(-limit);
}

// src/policy/evaluate.ts
function sampleOf(result) {
  const steps = {};
  for (const s of result.steps) steps[s.name] = (steps[s.name] ?? 0) + s.durationMs;
  return { at: result.startedAt, ms: result.durationMs, steps };
}
function lastGoodOf(result, runId, folder) {
  const counted = result.attempts;
  return {
    runId,
    at: new Date(result.startedAt).toISOString(),
    folder,
    screenshots: result.screenshots.filter((s) => s.attempt === counted && s.kind !== "failure").map(({ file, step, kind }) => ({ file, ...step && { step }, kind }))
  };
}
function evaluateRun(previous, result, run, options, stateUnknown = false) {
  if (previous?.recentRuns?.includes(run.runId) || previous && previous.lastRunId === run.runId) {
    const decision2 = { action: "none", reason: `run ${run.runId} is already recorded in the check's state (a repeated delivery): nothing is sent twice` };
    return { state: previous, decision: decision2, status: result.status, incident: previous.incident, repeated: true };
  }
  const failed = result.status === "failed";
  const runner = failed && result.error?.class === "runner";
  const judged = options.usual && !failed && !stateUnknown ? judgeUsual({ history: previous?.history ?? [], baseline: previous?.baseline, slowerSince: previous?.slowerSince, fasterSince: previous?.fasterSince }, sampleOf(result), options.usual) : void 0;
  const usual = judged?.verdict;
  const status = result.status === "passed" && usual?.state === "slower" ? "degraded" : result.status;
  const consecutiveFailures = runner ? previous?.consecutiveFailures ?? 0 : failed ? (previous?.consecutiveFailures ?? 0) + 1 : 0;
  const consecutiveRunnerFailures = runner ? (previous?.consecutiveRunnerFailures ?? 0) + 1 : 0;
  const input = {
    status,
    failureClass: failed ? result.error?.class : void 0,
    previousStatus: previous?.lastStatus,
    consecutiveFailures,
    consecutiveRunnerFailures,
    incident: previous?.incident ?? null,
    runId: run.runId,
    startedAt: result.startedAt,
    slower: usual?.state === "slower" ? previous?.slowerSince ? "ongoing" : "new" : void 0,
    stateUnknown,
    options: options.alerts
  };
  const decision = decide(input);
  const incident = nextIncident(decision, input, { runId: run.runId, startedAt: result.startedAt });
  const state = {
    ...previous,
    check: result.name,
    lastStatus: status,
    lastRunId: run.runId,
    lastRunAt: new Date(result.startedAt).toISOString(),
    lastDurationMs: result.durationMs,
    lastRunFolder: run.folder,
    consecutiveFailures,
    consecutiveRunnerFailures,
    incident,
    lastGood: status === "passed" ? lastGoodOf(result, run.runId, run.folder) : previous?.lastGood,
    recentRuns: remember(previous?.recentRuns, [run.runId], RECENT_RUNS),
    ...judged && { history: judged.state.history, baseline: judged.state.baseline, slowerSince: judged.state.slowerSince, fasterSince: judged.state.fasterSince }
  };
  if (judged && !judged.state.slowerSince) delete state.slowerSince;
  if (judged && !judged.state.fasterSince) delete state.fasterSince;
  return { state, decision, status, usual, incident: decision.action === "recover" ? previous?.incident ?? null : incident };
}

// src/store/save-run.ts
var errorInfo = (error) => ({ name: error?.name ?? "Error", message: error?.message ?? String(error) });
function metadata(result, runId, extra = {}) {
  const all = { check: result.name, "run-id": runId, status: result.status, ...extra };
  return Object.fromEntries(Object.entries(all).filter((e) => e[1] !== void 0));
}
function shotOptions(result, runId, shot) {
  return { contentType: "image/png", metadata: metadata(result, runId, { step: shot.step, kind: shot.kind, attempt: String(shot.attempt) }) };
}
function traceOptions(result, runId) {
  return { contentType: "application/zip", metadata: metadata(result, runId, { kind: "trace" }) };
}
var traceBytes = (result) => result.trace && !result.trace.skipped ? result.trace.bytes : void 0;
function resultOptions(result, runId) {
  return { contentType: "application/json", metadata: metadata(result, runId) };
}
var visualDiffs = (result) => (result.visual ?? []).flatMap((v) => v.diff?.bytes ? [v.diff] : []);
var diffOptions = (result, runId) => ({ contentType: "image/png", metadata: metadata(result, runId, { kind: "visual-diff" }) });
async function putRun(store, result, runId, folder) {
  const trace2 = traceBytes(result);
  await Promise.all([
    ...result.screenshots.map((shot) => shot.bytes && store.put(folder + shot.file, shot.bytes, shotOptions(result, runId, shot))),
    trace2 && store.put(folder + result.trace.file, trace2, traceOptions(result, runId))
  ]);
  await Promise.all(visualDiffs(result).map((d) => store.put(folder + d.file, d.bytes, diffOptions(result, runId))));
  await store.put(folder + RESULT_FILE, resultsJson(result), resultOptions(result, runId));
}
function missedError(missed) {
  if (missed.length === 0) return void 0;
  const [first, ...more] = missed;
  const { name: name2, message } = errorInfo(first.error);
  const notStored = more.filter((m) => !m.stored).map((m) => m.file);
  const notLinked = more.filter((m) => m.stored).map((m) => m.file);
  return {
    name: name2,
    message: (first.stored ? `${first.file} is stored but has no link: ` : "") + message + (notStored.length ? ` (not stored either: ${notStored.join(", ")})` : "") + (notLinked.length ? ` (stored, but no link: ${notLinked.join(", ")})` : "")
  };
}
async function putRemote(remote, result, runId, folder, s3, call) {
  const missed = [];
  const storeAndLink = async (file, body, options) => {
    try {
      await remote.put(folder + file, body, { ...call, ...options });
    } catch (error2) {
      missed.push({ file, error: error2 });
      return void 0;
    }
    try {
      return await remote.link(folder + file, call);
    } catch (error2) {
      missed.push({ file, error: error2, stored: true });
      return void 0;
    }
  };
  await Promise.all(result.screenshots.map(async (shot) => {
    delete shot.link;
    const link4 = shot.bytes && await storeAndLink(shot.file, shot.bytes, shotOptions(result, runId, shot));
    if (link4) shot.link = link4;
  }).concat((async () => {
    const trace2 = result.trace;
    if (!trace2) return;
    delete trace2.link;
    const bytes = traceBytes(result);
    const link4 = bytes && await storeAndLink(trace2.file, bytes, traceOptions(result, runId));
    if (link4) trace2.link = link4;
  })()));
  await Promise.all(visualDiffs(result).map(async (d) => {
    delete d.link;
    const link4 = await storeAndLink(d.file, d.bytes, diffOptions(result, runId));
    if (link4) d.link = link4;
  }));
  const error = missedError(missed);
  if (error) s3.error = error;
  const link3 = await storeAndLink(RESULT_FILE, resultsJson(result), resultOptions(result, runId));
  if (link3) s3.result = link3;
  const all = missedError(missed);
  if (all) s3.error = all;
}
async function saveCheckRun(stores, result, runId, call = {}) {
  const started = Date.now();
  const folder = runFolder(result.name, runId, result.startedAt);
  const storage = { folder, local: (await stores.local.link(folder)).url, durationMs: 0 };
  result.storage = storage;
  for (const shot of result.screenshots) shot.path = folder + shot.file;
  for (const diff of visualDiffs(result)) diff.path = folder + diff.file;
  if (traceBytes(result)) result.trace.path = folder + result.trace.file;
  await putRun(stores.local, result, runId, folder).catch((error) => {
    storage.localError = errorInfo(error);
  });
  if (stores.remote) {
    storage.s3 = { location: stores.remote.location + folder };
    await putRemote(stores.remote, result, runId, folder, storage.s3, call);
  }
  storage.durationMs = Date.now() - started;
  await stores.local.put(folder + RESULT_FILE, resultsJson(result), { contentType: "application/json" }).catch((error) => {
    storage.localError ??= errorInfo(error);
  });
  return storage;
}

// src/policy/visual-diff.ts
import pixelmatch from "pixelmatch";
import { PNG } from "pngjs";
var UnreadableBaseline = class extends Error {
  name = "UnreadableBaseline";
};
var SIGNATURE = Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]);
function decodeBaseline(bytes) {
  const size = `${bytes.length} bytes`;
  if (bytes.length === 0) throw new UnreadableBaseline("empty (0 bytes)");
  if (!bytes.subarray(0, 8).equals(SIGNATURE)) throw new UnreadableBaseline(`not a PNG (${size})`);
  try {
    return PNG.sync.read(bytes);
  } catch (error) {
    const ended = bytes.subarray(-8, -4).toString("latin1") === "IEND";
    const why = ended ? `damaged (${size}: ${error.message})` : `truncated (${size}, no end chunk)`;
    throw new UnreadableBaseline(why, { cause: error });
  }
}
function diffImages(baseline, current, o) {
  const a = decodeBaseline(baseline);
  const b = PNG.sync.read(current);
  if (a.width !== b.width || a.height !== b.height) {
    return { diffRatio: 1, diffPixels: b.width * b.height, changed: true, sizeChange: `${a.width}\xD7${a.height} \u2192 ${b.width}\xD7${b.height}` };
  }
  const diff = new PNG({ width: b.width, height: b.height });
  const diffPixels = pixelmatch(a.data, b.data, diff.data, b.width, b.height, { threshold: o.threshold, includeAA: false, alpha: 0.2 });
  const diffRatio = diffPixels / Math.max(1, b.width * b.height);
  return {
    diffRatio,
    diffPixels,
    changed: diffRatio > o.maxDiffPixelRatio,
    ...diffPixels > 0 ? { diffPng: PNG.sync.write(diff) } : {}
  };
}
function percent(ratio) {
  const p = ratio * 100;
  const text = p >= 10 || Number.isInteger(p) ? p.toFixed(p >= 10 && !Number.isInteger(p) ? 1 : 0) : p >= 1 ? p.toFixed(1) : p.toPrecision(1);
  return `${Number(text)} %`;
}
var isChange = (c) => c.changed && c.diffRatio !== void 0;
function visualWarning(c) {
  const which = `'${c.name}' (${c.baseline})`;
  if (c.unreadable && c.recorded) {
    return `visual: the baseline ${which} was unreadable (${c.unreadable}) and was re-recorded from this run's picture, which was not compared; if that picture is wrong, fix the page and run with --update-baselines`;
  }
  if (c.unreadable) {
    return `visual: the baseline ${which} is unreadable (${c.unreadable}) and could not be re-recorded: ${c.error?.message ?? "unknown error"}; not compared \u2014 run with --update-baselines to record it`;
  }
  if (c.error) return `visual: '${c.name}' was not compared with its baseline (${c.baseline}): ${c.error.message}`;
  return void 0;
}
function visualSentence(c) {
  const which = c.name === "final" ? "" : ` in '${c.name}'`;
  if (c.sizeChange) return `visual change${which}: the screenshot's size changed from the baseline (${c.sizeChange})`;
  return `visual change${which}: ${percent(c.diffRatio)} of pixels differ from the baseline (limit ${percent(c.limit)})`;
}

// src/notify/alert-facts.ts
var TONE_WORD = {
  passed: "passed",
  monitor: "could not be run by the monitor (a mimamori problem, not a verdict on the site)",
  degraded: "degraded",
  failed: "FAILED",
  recovered: "recovered"
};
function headlineFacts(r, ctx) {
  const downtime = ctx.incidentOpenedAt ? ` after ${formatMs(r.startedAt - Date.parse(ctx.incidentOpenedAt))}` : "";
  if (ctx.kind === "monitor-recovered") return { tone: "recovered", name: r.name, rest: `again${downtime} (this run: ${r.status})`, title: `the monitor runs ${r.name} again${downtime} (this run: ${r.status})` };
  if (ctx.kind === "monitor") return { tone: "monitor", name: r.name, rest: TONE_WORD.monitor, title: `${r.name} ${TONE_WORD.monitor}` };
  const recovered = ctx.kind === "recovered";
  const tone = recovered ? "recovered" : r.status;
  const reminder = ctx.kind === "reminder" ? ` (still failing: ${ctx.failures} runs)` : "";
  const slower = r.status === "degraded" && r.usual?.state === "slower" && !recovered ? ": slower than usual" : "";
  const rest2 = `${TONE_WORD[tone]}${slower}${recovered && downtime ? `${downtime} down` : ""}${reminder}`;
  return { tone, name: r.name, rest: rest2, title: `${r.name} ${rest2}` };
}
function plainGist(r) {
  return r.error && `${r.error.step ? `${r.error.step}: ` : ""}${firstLine(stripAnsi(r.error.message))}`;
}
var LASTING_LINK_MS = 24 * 36e5;
function endOf(l) {
  if (l.expiresAt === void 0) return void 0;
  const ends = Date.parse(l.expiresAt);
  return Number.isFinite(ends) ? ends : -Infinity;
}
function lasts(l, now) {
  const ends = endOf(l);
  return !l.endsWithSession && (ends === void 0 || ends - now >= LASTING_LINK_MS);
}
function evidenceLink2(l, label, kind, now, timeZone) {
  if (!lasts(l, now) && l.consoleUrl) return { label: `${label} (S3 console)`, url: l.consoleUrl, kind };
  const ends = endOf(l);
  if (ends !== void 0 && ends <= now) return void 0;
  if (l.endsWithSession) return { label: `${label} (valid until the signing session ends)`, url: l.url, kind };
  return { label: ends === void 0 ? label : `${label} (valid until ${shortStampWithZone(ends, timeZone)})`, url: l.url, kind };
}
function evidenceLinks(r, ctx, now = Date.now()) {
  const timeZone = ctx.timeZone ?? "UTC";
  const shot = storyScreenshot(r);
  const items = [];
  if (shot?.link) items.push(evidenceLink2(shot.link, "Screenshot", "screenshot", now, timeZone));
  const lastGood = r.lastGood?.screenshot?.link;
  if (lastGood) items.push(evidenceLink2(lastGood, "Last good", "last-good", now, timeZone));
  const trace2 = r.trace?.link;
  if (trace2 && /^https?:/.test(trace2.url)) items.push(evidenceLink2({ ...trace2, url: traceViewerUrl(trace2.url) }, "Trace", "trace", now, timeZone));
  const result = r.storage?.s3?.result;
  if (result) items.push(evidenceLink2(result, "Result", "result", now, timeZone));
  if (result?.consoleUrl && lasts(result, now)) items.push({ label: "S3 console", url: result.consoleUrl, kind: "console" });
  if (ctx.logsUrl) items.push({ label: "Logs", url: ctx.logsUrl, kind: "logs" });
  if (ctx.traceUrl) items.push({ label: "X-Ray trace", url: ctx.traceUrl, kind: "xray" });
  const page = r.navigations[r.navigations.length - 1]?.url ?? r.baseURL;
  if (page && /^https?:/.test(page)) items.push({ label: "Open the page", url: page, kind: "page" });
  return items.filter((l) => Boolean(l));
}
function resolvedLine(r, ctx) {
  const span = formatMs(r.startedAt - Date.parse(ctx.incidentOpenedAt));
  const runs = plural(ctx.failures ?? 1, "failed run");
  return ctx.kind === "monitor-recovered" ? `Resolved: the monitor could not run ${r.name} for ${span} (${runs}); the site itself was not judged` : `Resolved: ${r.name} was failing for ${span} (${runs})`;
}

// src/notify/slack-message.ts
var LOOK = {
  passed: { emoji: ":large_green_circle:", color: "#2eb67d" },
  monitor: { emoji: ":wrench:", color: "#616061" },
  degraded: { emoji: ":large_yellow_circle:", color: "#ecb22e" },
  failed: { emoji: ":red_circle:", color: "#e01e5a" },
  recovered: { emoji: ":white_check_mark:", color: "#2eb67d" }
};
var MAX_ERROR = 1200;
var section = (text) => ({ type: "section", text: { type: "mrkdwn", text } });
function headline(r, ctx) {
  const { tone, rest: rest2 } = headlineFacts(r, ctx);
  const look = LOOK[tone];
  if (ctx.kind === "monitor-recovered") return { look, text: `${look.emoji} the monitor runs ${esc(r.name)} ${esc(rest2)}` };
  return { look, text: `${look.emoji} ${esc(r.name)} ${esc(rest2)}` };
}
function errorGist(r) {
  const gist = plainGist(r);
  return gist && esc(gist);
}
function colorOf(status) {
  return LOOK[status].color;
}
function usualLine(u) {
  const vs = (c) => `${formatMs(c.medianMs)} now (median of the recent runs; this run ${formatMs(c.nowMs)}) vs ${formatMs(c.usualMs)} usual (${(c.medianMs / Math.max(1, c.usualMs)).toFixed(1)}\xD7)`;
  const step = u.step ? `
Step '${u.step.name}': ${vs(u.step)}` : "";
  return `Journey: ${vs(u.journey)}${step}
_${u.rule.replace(/^./, (c) => c.toUpperCase())}._`;
}
function stepLines(r) {
  return r.steps.map((s) => `${statusIcon(s.status)} ${esc(s.name)}  ${s.status === "skipped" ? "_skipped_" : formatBudget(s.durationMs, s.budget)}`).join("\n");
}
function links(r, ctx, now = Date.now()) {
  return evidenceLinks(r, ctx, now).map((l) => link(l.url, l.label)).join("  \xB7  ");
}
function visualChange(r) {
  if (r.status === "passed") return void 0;
  return (r.visual ?? []).filter(isChange).sort((a, b) => b.diffRatio - a.diffRatio)[0];
}
function buildSlackMessage(r, ctx) {
  const { look, text } = headline(r, ctx);
  const blocks = [section(`*${text}*${r.description ? `
${esc(r.description)}` : ""}`)];
  const lastNav = r.navigations[r.navigations.length - 1];
  const fields = [
    `*Duration*
${formatBudget(r.durationMs, r.budget)}`,
    `*Attempts*
${r.attempts}${r.flaky ? " (flaky)" : ""}`,
    `*HTTP status*
${lastNav?.status ?? "\u2013"}`,
    `*Target*
${lastNav ? esc(lastNav.url) : esc(r.baseURL || "\u2013")}`
  ];
  blocks.push({ type: "section", fields: fields.map((f) => ({ type: "mrkdwn", text: f })) });
  if (r.steps.length) blocks.push(section(`*Steps*
${stepLines(r)}`));
  if (r.usual?.state === "slower") blocks.push(section(`:snail: *Slower than usual*
${esc(usualLine(r.usual))}`));
  const change = visualChange(r);
  if (change) {
    const diff = change.diff?.link && evidenceLink2(change.diff.link, "Diff image", "diff", ctx.now ?? Date.now(), ctx.timeZone);
    blocks.push(section(`:frame_with_picture: *Visual change*
${esc(visualSentence(change))}${diff ? `
${link(diff.url, diff.label)}` : ""}`));
  }
  if (r.error) {
    const message = stripAnsi(r.error.message).trim();
    const trimmed = message.length > MAX_ERROR ? `${message.slice(0, MAX_ERROR)}\u2026` : message;
    const where = r.error.step ? ` in *${esc(r.error.step)}*` : "";
    blocks.push(section(`*${r.error.class} error*${where}
\`\`\`${esc(trimmed.replace(/```/g, "'''"))}\`\`\``));
  }
  if (r.warnings?.length) blocks.push(section(`:warning: ${r.warnings.map(esc).join("\n:warning: ")}`));
  if (ctx.note) blocks.push(section(`:warning: ${esc(ctx.note)}`));
  const linkLine = links(r, ctx, ctx.now);
  if (linkLine) blocks.push(section(linkLine));
  blocks.push({ type: "context", elements: [{ type: "mrkdwn", text: `${stampWithZone(r.startedAt, ctx.timeZone)}  \xB7  run \`${ctx.runId}\`  \xB7  ${esc(r.file)}` }] });
  const fallback = `${text}: ${errorGist(r) ?? formatMs(r.durationMs)}`;
  return { text: fallback, attachments: [{ color: look.color, blocks, fallback }] };
}
function buildResolvedParent(r, ctx) {
  const opened = Date.parse(ctx.incidentOpenedAt);
  const text = `${LOOK.recovered.emoji} ${esc(resolvedLine(r, ctx))}`;
  const blocks = [
    section(`*${text}*`),
    { type: "context", elements: [{ type: "mrkdwn", text: `From ${stampWithZone(opened, ctx.timeZone)} to ${stampWithZone(r.startedAt, ctx.timeZone)}  \xB7  details in the thread  \xB7  recovered in run \`${ctx.runId}\`` }] }
  ];
  return { text, attachments: [{ color: LOOK.recovered.color, blocks, fallback: text }] };
}

// src/notify/delivery.ts
function alertScreenshot(result) {
  return storyScreenshot(result, true);
}
function messageKind(d) {
  const { action } = d.decision;
  if (action === "recover") return d.incident?.kind === "monitor" ? "monitor-recovered" : "recovered";
  if (d.result.status === "failed" && d.result.error?.class === "runner") return "monitor";
  const kinds = { open: "alert", reply: "alert", recover: "recovered", post: "report", none: "report" };
  return action === "reply" && d.decision.broadcast ? "reminder" : kinds[action];
}
function messageFor(d) {
  return buildSlackMessage(d.result, {
    kind: messageKind(d),
    runId: d.runId,
    timeZone: d.timeZone,
    logsUrl: d.logsUrl,
    traceUrl: d.traceUrl,
    incidentOpenedAt: d.incident?.openedAt,
    failures: d.incident?.failures,
    note: d.note
  });
}

// src/notify/preview-notifier.ts
var QuietSession = class {
  constructor(send) {
    this.send = send;
  }
  send;
  expect() {
  }
  skip() {
  }
  async deliver(alert) {
    return this.send(alert);
  }
};
var PreviewNotifier = class {
  constructor(why) {
    this.why = why;
  }
  why;
  name = "preview";
  async open() {
    return new QuietSession((alert) => {
      const message = messageFor(alert);
      const { action, reason } = alert.decision;
      return { outcome: { action, reason: `${reason} \u2014 ${this.why}`, preview: { text: message.text, blocks: message.attachments[0].blocks } } };
    });
  }
};
var UnavailableNotifier = class {
  constructor(name2, error) {
    this.name = name2;
    this.error = error;
  }
  name;
  error;
  async open() {
    return new QuietSession(({ decision }) => ({ outcome: { action: decision.action, reason: decision.reason, error: this.error } }));
  }
};

// src/pipeline/after-run-budget.ts
var DEFAULT_AFTER_RUN_MS = 6e4;
var S3_SHARE = 0.5;
var LAST_WRITE_SHARE = 0.1;
var DeadlineError = class extends Error {
  name = "DeadlineError";
};
function afterRunBudget(options, now = Date.now()) {
  const deadline = options.deadline ?? now + (options.budgetMs ?? DEFAULT_AFTER_RUN_MS);
  const total = Math.max(0, deadline - now);
  const requestTimeoutMs = options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS;
  const timers = [];
  const until2 = (at, why) => {
    const own = new AbortController();
    if (at <= now) own.abort(new DeadlineError(why));
    else timers.push(setTimeout(() => own.abort(new DeadlineError(why)), at - now).unref());
    return options.signal ? AbortSignal.any([options.signal, own.signal]) : own.signal;
  };
  const outOfTime = total === 0 ? "no time was left before the after-run deadline" : `the after-run time (${formatMs(total)}) ran out`;
  const s3Until = now + total * S3_SHARE;
  const notifyUntil = deadline - Math.min(requestTimeoutMs, total * LAST_WRITE_SHARE);
  const breaker = {};
  const timeoutMs = options.requestTimeoutMs;
  const all = until2(deadline, outOfTime);
  return {
    deadline,
    requestTimeoutMs,
    s3: { signal: total === 0 ? all : until2(s3Until, `S3's share of the after-run time (${formatMs(s3Until - now)}) ran out, to leave the rest for alerting`), breaker, timeoutMs },
    s3Last: { signal: all, breaker, timeoutMs },
    notify: { signal: total === 0 ? all : until2(notifyUntil, outOfTime), deadline: notifyUntil, requestTimeoutMs },
    dispose: () => timers.forEach(clearTimeout)
  };
}
function seconds3(env, name2) {
  const value = env[name2];
  if (value === void 0 || value === "") return void 0;
  const s = Number(value);
  if (!Number.isFinite(s) || s <= 0 || s > 3600) throw new RangeError(`${name2} must be a number of seconds above 0 and at most 3600, got '${value}'`);
  return Math.round(s * 1e3);
}
function afterRunSettings(env = process.env) {
  return { budgetMs: seconds3(env, "MIMAMORI_AFTER_RUN_TIMEOUT"), requestTimeoutMs: seconds3(env, "MIMAMORI_REQUEST_TIMEOUT") };
}

// src/pipeline/last-good.ts
async function lastGoodEvidence(store, lastGood, result, withBytes, call) {
  const evidence = { runId: lastGood.runId, startedAt: Date.parse(lastGood.at) };
  const step = storyScreenshot(result)?.step;
  const shots = lastGood.screenshots;
  const shot = step && shots.find((s) => s.step === step) || shots.find((s) => s.kind === "final") || shots[shots.length - 1];
  if (!shot) return evidence;
  const path = lastGood.folder + shot.file;
  evidence.screenshot = { ...shot, path };
  try {
    if (withBytes) {
      evidence.bytes = await store.get(path, call);
      if (!evidence.bytes) return { ...evidence, screenshot: void 0 };
    }
    if (store.kind === "s3") evidence.screenshot.link = await store.link(path, call);
  } catch {
  }
  return evidence;
}

// src/render/trend-chart.ts
var TREND_SIZE = { width: 600, height: 240 };
var trendTitle = (runs) => `response times \xB7 last ${runs} runs`;
function trendOf(result, state, factor, timeZone) {
  const runs = (state?.history ?? []).filter((s) => Number.isFinite(s.at) && Number.isFinite(s.ms)).map((s) => ({ at: s.at, ms: s.ms }));
  if (!runs.some((r) => r.at === result.startedAt)) runs.push({ at: result.startedAt, ms: result.durationMs });
  runs.sort((a, b) => a.at - b.at);
  if (runs.length < 2) return void 0;
  const usualMs = state?.baseline?.journeyMs;
  return {
    check: result.name,
    runs,
    now: { at: result.startedAt, ms: result.durationMs, status: result.status },
    budget: result.budget ?? {},
    usual: factor !== void 0 && usualMs !== void 0 && Number.isFinite(usualMs) ? { ms: usualMs, factor } : void 0,
    timeZone
  };
}
var COLORS = { journey: "#0969da", degraded: "#9a6700", max: "#cf222e", usual: "#59636e", passed: "#1a7f37", failed: "#cf222e", unknown: "#818b98" };
var HEADER_PX = 30;
var TREND_SCRIPT = String.raw`
(function () {
  'use strict';
  var d = JSON.parse(document.getElementById('trend-data').textContent);
  function fmtMs(v) {
    if (v == null || !isFinite(v)) return '';
    if (Math.round(v) < 1000) return Math.round(v) + ' ms';
    if (v < 9950) return (v / 1000).toFixed(1).replace(/\.0$/, '') + ' s';
    return Math.round(v / 1000) + ' s';
  }
  try {
    var x = d.runs.map(function (r) { return r.at / 1000; });
    var series = [{}, { stroke: d.colors.journey, width: 2, points: { size: 4, fill: d.colors.journey } }];
    var data = [x, d.runs.map(function (r) { return r.ms; })];
    // This run: one point, large, in its status's colour.
    series.push({ stroke: d.nowColor, width: 0, points: { show: true, size: 9, width: 1, fill: d.nowColor, stroke: d.nowColor } });
    data.push(d.runs.map(function (r) { return r.at === d.now.at ? r.ms : null; }));
    var bands = [];
    if (d.usual) {
      series.push({ stroke: d.colors.usual, width: 1, dash: [2, 3], points: { show: false } });
      data.push(x.map(function () { return d.usual.ms; }));
      series.push({ stroke: d.colors.usual, width: 1, dash: [2, 3], points: { show: false } });
      data.push(x.map(function () { return d.usual.ms * d.usual.factor; }));
      bands.push({ series: [series.length - 1, series.length - 2], fill: 'rgba(89, 99, 110, 0.13)' });
    }
    var levels = [d.usual ? d.usual.ms * d.usual.factor : 0];
    [['degraded', d.budget.degradedResponseTime], ['max', d.budget.maxResponseTime]].forEach(function (b) {
      if (b[1] == null || !isFinite(b[1])) return;
      series.push({ stroke: d.colors[b[0]], width: 2, dash: [6, 4], points: { show: false } });
      data.push(x.map(function () { return b[1]; }));
      levels.push(b[1]);
    });
    var top = 0;
    d.runs.forEach(function (r) { if (r.ms > top) top = r.ms; });
    // A line far above the runs (a 30 s max for 1 s runs) would flatten them: it joins when within 3 times their highest.
    var highest = top;
    levels.forEach(function (v) { if (v <= highest * 3) top = Math.max(top, v); });
    var opts = {
      width: d.width, height: d.height, pxAlign: false,
      tzDate: function (ts) { return uPlot.tzDate(new Date(ts * 1e3), d.timeZone); },
      cursor: { show: false }, select: { show: false }, legend: { show: false },
      scales: {
        // Room either side, so this run's point (the last) is not cut at the edge.
        x: { time: true, range: function (u, min, max) { var pad = Math.max((max - min) * 0.025, 30); return [min - pad, max + pad]; } },
        y: { range: function () { return [0, top > 0 ? top * 1.1 : 1]; } }
      },
      axes: [
        { size: 28, values: [[3600, '{HH}:{mm}', '\n{M}/{D}', null, '\n{M}/{D}', null, null, null, 1], [60, '{HH}:{mm}', '\n{M}/{D}', null, '\n{M}/{D}', null, null, null, 1]] },
        { size: 56, values: function (u, splits) { return splits.map(fmtMs); } }
      ],
      series: series, bands: bands,
      hooks: { draw: [function () { document.documentElement.setAttribute('data-ready', '1'); }] }
    };
    new uPlot(opts, data, document.getElementById('chart'));
  } catch (e) {
    document.documentElement.setAttribute('data-ready', 'failed');
    document.documentElement.setAttribute('data-error', String(e && e.message));
  }
})();
`;
function trendChartHtml(chart, size = TREND_SIZE) {
  const lib = uplot();
  const uplotJs = scriptBody(`${UPLOT_PRELUDE}
${lib.js}`);
  const pageJs = scriptBody(TREND_SCRIPT);
  const csp = `default-src 'none'; script-src ${sha256(uplotJs)} ${sha256(pageJs)}; style-src 'unsafe-inline'`;
  const nowColor = COLORS[chart.now.status] ?? COLORS.degraded;
  const data = {
    runs: chart.runs,
    now: chart.now,
    budget: chart.budget,
    usual: chart.usual,
    timeZone: chart.timeZone,
    width: size.width,
    height: size.height - HEADER_PX,
    colors: COLORS,
    nowColor
  };
  const key = (color, text, dash = false) => `<span class="k"><i style="border-top:2px ${dash ? "dashed" : "solid"} ${color}"></i>${escapeHtml(text)}</span>`;
  const keys = [
    key(COLORS.journey, trendTitle(chart.runs.length)),
    `<span class="k"><b style="background:${nowColor}"></b>now ${escapeHtml(formatMs(chart.now.ms))}</span>`,
    chart.usual && `<span class="k"><i class="band"></i>usual ${escapeHtml(formatMs(chart.usual.ms))}\u2013${escapeHtml(formatMs(chart.usual.ms * chart.usual.factor))}</span>`,
    chart.budget.degradedResponseTime !== void 0 && key(COLORS.degraded, `degraded ${formatMs(chart.budget.degradedResponseTime)}`, true),
    chart.budget.maxResponseTime !== void 0 && key(COLORS.max, `max ${formatMs(chart.budget.maxResponseTime)}`, true)
  ].filter(Boolean).join("");
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${escapeHtml(csp)}">
<style>${lib.css.replace(/<\/style/gi, "<\\/style")}
html,body{margin:0;background:#fff;overflow:hidden}
body{width:${size.width}px;height:${size.height}px;font:12px/1.2 -apple-system,'Segoe UI',Helvetica,Arial,sans-serif;color:#1f2328}
header{height:${HEADER_PX}px;display:flex;align-items:center;gap:12px;padding:0 10px;white-space:nowrap;overflow:hidden}
header .name{font-weight:600;overflow:hidden;text-overflow:ellipsis;max-width:180px}
.k{display:inline-flex;align-items:center;gap:4px}
.k i{display:inline-block;width:16px;height:0}
.k i.band{height:8px;border:0;background:rgba(89,99,110,.25)}
.k b{display:inline-block;width:8px;height:8px;border-radius:50%}
</style></head>
<body><header><span class="name">${escapeHtml(chart.check)}</span>${keys}</header><div id="chart"></div>
<script type="application/json" id="trend-data">${jsonBody(data)}</script>
<script>${uplotJs}</script>
<script>${pageJs}</script>
</body></html>
`;
}

// src/store/baselines.ts
async function readBaseline(store, check, name2, call = {}) {
  return store.get(baselineKey(check, name2), call);
}
async function writeBaseline(store, check, name2, png, meta, call = {}) {
  await store.put(baselineKey(check, name2), png, { ...call, contentType: "image/png", metadata: { check, "run-id": meta.runId, baseline: name2 } });
}

// src/pipeline/visual.ts
var asError = (e) => ({ name: e?.name ?? "Error", message: e?.message ?? String(e) });
function baselineName(shot) {
  if (shot.kind === "final") return "final";
  return shot.file.replace(/^attempt\d+-/, "").replace(/\.png$/, "").replace(/^\d+-/, "") || "step";
}
function comparedShots(result) {
  return result.screenshots.filter((s) => s.bytes && s.kind !== "failure" && s.attempt === result.attempts);
}
async function compareOne(store, result, shot, name2, rule, o) {
  const c = { name: name2, baseline: baselineKey(result.name, name2), screenshot: shot.file, limit: rule.maxDiffPixelRatio, changed: false };
  try {
    const baseline = o.update ? void 0 : await readBaseline(store, result.name, name2, o.call);
    if (baseline) {
      try {
        const d = diffImages(baseline, shot.bytes, rule);
        Object.assign(c, { diffRatio: d.diffRatio, changed: d.changed }, d.sizeChange ? { sizeChange: d.sizeChange } : {});
        if (d.changed) {
          c.bytes = baseline;
          if (d.diffPng) c.diff = { file: shot.file.replace(/\.png$/, "-visual-diff.png"), bytes: d.diffPng };
        }
        return c;
      } catch (error) {
        if (!(error instanceof UnreadableBaseline)) throw error;
        c.unreadable = error.message;
      }
    }
    await writeBaseline(store, result.name, name2, shot.bytes, { runId: o.runId }, o.call);
    c.recorded = true;
  } catch (error) {
    c.error = asError(error);
  }
  return c;
}
async function checkVisual(result, rule, store, o) {
  if (result.status === "failed") return;
  const shots = comparedShots(result);
  if (shots.length === 0) {
    result.warnings = [...result.warnings ?? [], "visual: no screenshot to compare (the visual option needs screenshot: 'final' or 'every-step')"];
    return;
  }
  const taken = /* @__PURE__ */ new Map();
  const named = shots.map((shot) => {
    const base = baselineName(shot);
    const n = (taken.get(base) ?? 0) + 1;
    taken.set(base, n);
    return { shot, name: n === 1 ? base : `${base}-${n}` };
  });
  result.visual = await Promise.all(named.map(({ shot, name: name2 }) => compareOne(store, result, shot, name2, rule, o)));
  const warnings2 = result.visual.flatMap((c) => visualWarning(c) ?? []);
  if (warnings2.length) result.warnings = [...result.warnings ?? [], ...warnings2];
  const worst = result.visual.filter(isChange).sort((a, b) => b.diffRatio - a.diffRatio)[0];
  if (!worst) return;
  if (rule.onChange === "failed") {
    result.status = "failed";
    result.error ??= { name: "VisualChange", message: visualSentence(worst), class: "assertion" };
  } else if (result.status === "passed") {
    result.status = "degraded";
  }
}

// src/pipeline/after-run.ts
var CHART_MS = 4e3;
var DEFAULT_POLICY = { alerts: DEFAULT_ALERTS, usual: DEFAULT_USUAL_RULE };
var NO_SLACK = "Slack is not configured (SLACK_BOT_TOKEN), so this is a preview";
var GRACE_MS = 500;
var asError2 = (e) => ({ name: e?.name ?? "Error", message: e?.message ?? String(e) });
async function finishCheck(result, runId, o, budget, session, phase) {
  const policy = o.policies?.get(result.name) ?? DEFAULT_POLICY;
  const stateStore = o.sharedState && o.stores.remote || o.stores.local;
  const run = { runId, folder: runFolder(result.name, runId, result.startedAt) };
  const visual = o.visual?.get(result.name);
  if (visual) {
    phase("comparing with the visual baseline");
    await checkVisual(result, visual, stateStore, { runId, update: o.updateBaselines, call: budget.s3 });
  }
  const original = result.status;
  const judge = (loaded2, stateUnknown = false) => {
    result.status = original;
    const evaluation2 = evaluateRun(loaded2.state, result, run, policy, stateUnknown);
    result.status = evaluation2.status;
    if (evaluation2.usual) result.usual = evaluation2.usual;
    else delete result.usual;
    return evaluation2;
  };
  phase("reading the state");
  let loaded = {};
  let stateError;
  try {
    loaded = await readState(stateStore, result.name, budget.s3);
  } catch (error) {
    stateError = { ...asError2(error), when: "read" };
  }
  let evaluation = judge(loaded, Boolean(stateError));
  const lastGood = loaded.state?.lastGood;
  if (lastGood && result.status !== "passed") {
    phase("finding the last good screenshot");
    result.lastGood = await lastGoodEvidence(stateStore, lastGood, result, evaluation.decision.action !== "none", budget.s3);
  }
  if (!stateError) {
    phase("writing the state");
    try {
      ({ judged: evaluation } = await updateState(stateStore, result.name, (fresh) => {
        const judged = fresh === loaded ? evaluation : judge(fresh);
        return { judged, state: judged.repeated ? void 0 : judged.state };
      }, budget.s3, loaded));
    } catch (error) {
      const e = asError2(error);
      stateError = { ...e, message: error instanceof WriteConflict ? `other runs of this check kept changing it: ${e.message}` : e.message, when: "written" };
    }
  }
  const chart = evaluation.decision.action !== "none" && mayDrawChart(result) && o.renderChart ? trendChart(result, evaluation, policy, o, budget) : void 0;
  phase("storing the evidence");
  await saveCheckRun(o.stores, result, runId, budget.s3);
  if (chart) {
    phase("drawing the trend chart");
    await chart;
  }
  const { decision } = evaluation;
  const history = recordHistory(stateStore, o.stores, result, runId, evaluation, budget);
  phase("alerting");
  let outcome;
  if (decision.action === "none") {
    session.skip();
    outcome = { action: "none", reason: decision.reason };
  } else {
    const note = stateError ? `The check's state could not be ${stateError.when} (${stateError.message}), so this alert may repeat one already sent and is not in the incident's thread.` : loaded.unreadable && `The check's state was unreadable and started afresh (${loaded.unreadable}), so this alert may repeat one already sent.`;
    const delivered = await session.deliver({
      decision,
      result,
      runId,
      channel: policy.alerts.channel,
      timeZone: o.timeZone ?? "UTC",
      logsUrl: o.logsUrl?.(result),
      traceUrl: o.traceUrl,
      incident: evaluation.incident,
      note
    });
    outcome = delivered.outcome;
    const incident = evaluation.incident;
    if (!stateError && incident && !incident.thread && (decision.action === "open" || decision.action === "reply")) {
      phase("recording the thread");
      await recordThread(stateStore, result.name, incident.openedRunId, delivered.thread, budget).catch((error) => {
        outcome.stateError = asError2(error);
      });
    }
  }
  result.notification = outcome;
  if (stateError) outcome.stateError = { name: stateError.name, message: stateError.message };
  const stateWarning = loaded.unreadable ?? loaded.repaired;
  if (stateWarning) outcome.stateWarning = stateWarning;
  if (history) {
    phase("writing the history");
    await history;
  }
}
async function trendChart(result, evaluation, policy, o, budget) {
  const chart = trendOf(result, evaluation.state, policy.usual ? policy.usual.factor : void 0, o.timeZone ?? "UTC");
  if (!chart) return;
  const record = { runs: chart.runs.length };
  result.trendChart = record;
  let timer;
  try {
    const ms2 = Math.min(CHART_MS, budget.notify.deadline - Date.now());
    const late = new Promise((_, reject) => {
      timer = setTimeout(() => reject(Object.assign(new Error(`the trend chart took over ${ms2} ms: the alert went without it`), { name: "TimeoutError" })), Math.max(0, ms2));
    });
    record.bytes = await Promise.race([o.renderChart(trendChartHtml(chart), TREND_SIZE), late]);
  } catch (error) {
    record.error = asError2(error);
  } finally {
    clearTimeout(timer);
  }
}
async function recordHistory(store, stores, result, runId, evaluation, budget) {
  try {
    const run = historyRunOf(result, runId, evaluation.decision.action);
    const shot = storyScreenshot(result);
    const stored2 = store === stores.remote ? Boolean(shot?.link) : !result.storage?.localError;
    if (!stored2) delete run.shot;
    await appendRun(store, {
      check: result.name,
      run,
      steps: result.steps.map((s) => s.name),
      budget: result.budget,
      usualMs: evaluation.state.baseline?.journeyMs
    }, {
      ...budget.s3Last,
      // A broken day object was repaired or replaced by this write: said on the run, as a failure would be.
      warn: (message) => result.storage && (result.storage.historyWarning = [result.storage.historyWarning, message].filter(Boolean).join("; "))
    });
  } catch (error) {
    const e = asError2(error);
    if (result.storage) result.storage.historyError = error instanceof WriteConflict ? { ...e, message: `other runs of this check kept changing its day of history: ${e.message}` } : e;
  }
}
async function recordThread(store, check, openedRunId, thread, budget) {
  await updateState(store, check, ({ state }) => {
    const open = state?.incident;
    if (!state || !open || open.openedRunId !== openedRunId || open.thread) return {};
    const where = thread ? { thread, unposted: void 0 } : { unposted: true };
    return { state: { ...state, incident: { ...open, ...where } } };
  }, budget.s3Last);
}
async function until(promise, ms2) {
  let timer;
  const late = new Promise((resolve6) => {
    timer = setTimeout(() => resolve6(false), Math.max(0, ms2));
  });
  try {
    return await Promise.race([promise.then(() => true), late]);
  } finally {
    clearTimeout(timer);
  }
}
var mayDrawChart = (result) => result.status === "degraded";
async function afterRun(run, options) {
  const budget = afterRunBudget(options);
  const notifier = options.notifier ?? new PreviewNotifier(options.previewReason ?? NO_SLACK);
  const session = await notifier.open(budget.notify);
  session.expect(run.results.length);
  const phases = /* @__PURE__ */ new Map();
  const all = Promise.all(run.results.map((result) => finishCheck(result, run.runId, options, budget, session, (p) => phases.set(result, p)).then(() => phases.delete(result)).catch((error) => {
    phases.delete(result);
    session.skip();
    const e = asError2(error);
    result.notification ??= { action: "none", reason: "after-run failed" };
    result.notification.error ??= { name: e.name, message: `after-run failed: ${e.message}` };
  })));
  try {
    if (await until(all, budget.deadline - Date.now() + GRACE_MS)) return;
    for (const [result, phase] of phases) {
      result.notification ??= { action: "none", reason: "after-run stopped at its deadline" };
      result.notification.error ??= { name: "DeadlineError", message: `after-run was still ${phase} at its deadline: stopped waiting for it` };
    }
  } finally {
    budget.dispose();
  }
}

// src/store/prune.ts
import { readdir, readFile, rm, rmdir } from "node:fs/promises";
import { join as join3, resolve as resolve4 } from "node:path";
var DEFAULT_KEEP_DAYS = 30;
var DEFAULT_KEEP_RUNS = 20;
var DAY_MS = 864e5;
var YEAR = /^\d{4}$/;
var TWO_DIGITS = /^\d{2}$/;
var RUN_ID = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z(?:-|$)/;
function runIdTime(runId) {
  const m = RUN_ID.exec(runId);
  if (!m) return void 0;
  const [y, mo, d, h, mi, s] = m.slice(1).map(Number);
  const t = Date.UTC(y, mo - 1, d, h, mi, s);
  return Number.isNaN(t) ? void 0 : t;
}
async function folders(path, name2) {
  const entries = await readdir(path, { withFileTypes: true }).catch((e) => {
    if (e.code === "ENOENT" || e.code === "ENOTDIR") return [];
    throw e;
  });
  return entries.filter((e) => e.isDirectory() && name2.test(e.name)).map((e) => e.name).sort();
}
async function runsOf(root, segment) {
  const runs = [];
  const base = join3(root, "runs", segment);
  for (const y of await folders(base, YEAR)) {
    for (const m of await folders(join3(base, y), TWO_DIGITS)) {
      for (const d of await folders(join3(base, y, m), TWO_DIGITS)) {
        for (const runId of await folders(join3(base, y, m, d), RUN_ID)) {
          const startedAt = runIdTime(runId);
          if (startedAt !== void 0) runs.push({ key: `runs/${segment}/${y}/${m}/${d}/${runId}/`, runId, startedAt });
        }
      }
    }
  }
  return runs;
}
async function namedByState(root) {
  const named = /* @__PURE__ */ new Set();
  const dir = join3(root, "state");
  const files = (await readdir(dir, { withFileTypes: true }).catch(() => [])).filter((e) => e.isFile() && e.name.endsWith(".json"));
  for (const file of files) {
    try {
      const state = JSON.parse(await readFile(join3(dir, file.name), "utf8"));
      for (const folder of [state.lastRunFolder, state.lastGood?.folder]) if (typeof folder === "string") named.add(folder);
    } catch {
    }
  }
  return named;
}
var ymd = (t) => new Date(t).toISOString().slice(0, 10).split("-");
async function pruneRuns(folder, options) {
  const { maxAgeDays, keepPerCheck } = options;
  if (!(maxAgeDays >= 0) || !(keepPerCheck >= 0)) throw new RangeError(`pruneRuns: bad options ${JSON.stringify(options)}`);
  const root = resolve4(folder);
  const result = { removed: [] };
  if (maxAgeDays === 0) return result;
  const segments = await folders(join3(root, "runs"), /./);
  const now = options.now ?? Date.now();
  const cutoff = now - maxAgeDays * DAY_MS;
  const named = await namedByState(root);
  const touchedDays = /* @__PURE__ */ new Set();
  for (const segment of segments) {
    const runs = (await runsOf(root, segment)).sort((a, b) => b.startedAt - a.startedAt || b.runId.localeCompare(a.runId));
    const doomed = runs.filter((r, i) => i >= keepPerCheck && r.startedAt < cutoff && !named.has(r.key)).reverse();
    for (const run of doomed) {
      await rm(join3(root, ...run.key.split("/")), { recursive: true, force: true });
      result.removed.push(run.key);
      touchedDays.add(run.key.split("/").slice(0, 5).join("/"));
    }
  }
  const [year, month, day] = ymd(now);
  const current = [year, `${year}/${month}`, `${year}/${month}/${day}`];
  for (const dayKey of touchedDays) {
    for (let parts = dayKey.split("/"); parts.length > 2; parts = parts.slice(0, -1)) {
      if (parts.slice(2).join("/") >= current[parts.length - 3]) break;
      try {
        await rmdir(join3(root, ...parts));
      } catch {
        break;
      }
    }
  }
  return result;
}
function wholeNumber(env, name2, what) {
  const value = env[name2]?.trim();
  if (value === void 0 || value === "") return void 0;
  if (!/^\d+$/.test(value)) return new Error(`${name2} must be a whole number of ${what}, got '${env[name2]}'`);
  return Number(value);
}
function pruneSettings(env = process.env) {
  const days = wholeNumber(env, "MIMAMORI_KEEP_DAYS", "days (0 keeps every run)");
  const runs = wholeNumber(env, "MIMAMORI_KEEP_RUNS", "runs per check");
  for (const v of [days, runs]) if (v instanceof Error) throw v;
  return { maxAgeDays: days ?? DEFAULT_KEEP_DAYS, keepPerCheck: runs ?? DEFAULT_KEEP_RUNS };
}
async function pruneOutFolder(folder, env = process.env, warn = (l) => process.stderr.write(l)) {
  try {
    return await pruneRuns(folder, pruneSettings(env));
  } catch (error) {
    warn(`mimamori: warning: old runs were not pruned from ${folder}/runs: ${error.message}
`);
    return void 0;
  }
}

// src/notify/slack-fold.ts
var SECTION_CHARS = 2900;
var MAX_SECTIONS = 46;
var TEXT_CHARS = 3e3;
var section2 = (text) => ({ type: "section", text: { type: "mrkdwn", text } });
function foldLine(e, timeZone = "UTC") {
  const { text } = headline(e.result, e);
  const gist = errorGist(e.result);
  const evidence = links(e.result, { logsUrl: e.logsUrl, timeZone });
  return [`${text}${gist ? ` \u2014 ${gist}` : ""}`, evidence].filter(Boolean).join("\n      ");
}
function pack(lines) {
  const sections = [];
  let current = "";
  let i = 0;
  for (; i < lines.length; i++) {
    const line = lines[i].slice(0, SECTION_CHARS);
    if (current && current.length + 1 + line.length > SECTION_CHARS) {
      if (sections.length === MAX_SECTIONS - 1) break;
      sections.push(current);
      current = "";
    }
    current = current ? `${current}
${line}` : line;
  }
  sections.push(i < lines.length ? `${current}
\u2026and ${lines.length - i} more: see the run's results` : current);
  return sections;
}
function buildFold(entries, ctx) {
  const n = entries.length;
  const intro = `${plural(n, "check")} in one message: Slack takes about one message a second in a channel, and there was no time for one each`;
  const lines = entries.map((e) => foldLine(e, ctx.timeZone));
  const blocks = [section2(`*${intro}*`), ...pack(lines).map(section2)];
  blocks.push({ type: "context", elements: [{ type: "mrkdwn", text: `${stampWithZone(ctx.startedAt, ctx.timeZone)}  \xB7  run \`${ctx.runId}\`  \xB7  each check's next alert starts its own thread` }] });
  const names = entries.map((e) => headline(e.result, e).text).join(", ");
  const text = `${intro}: ${names}`.slice(0, TEXT_CHARS);
  const color = colorOf(entries.some((e) => e.result.status === "failed" && e.kind !== "recovered") ? "failed" : entries.some((e) => e.result.status === "degraded") ? "degraded" : "recovered");
  return { text, attachments: [{ color, blocks, fallback: text }] };
}

// src/notify/slack-plan.ts
function planNext({ waiting, slots, screenshotsFit }) {
  if (slots >= waiting && screenshotsFit) return "full";
  if (slots >= waiting) return "message";
  if (slots >= 2) return "message";
  if (slots === 1) return waiting === 1 ? "message" : "fold";
  return "none";
}

// src/notify/slack-thread.ts
var SLACK = "slack";
var slackThreadRef = (channel, ts) => ({ notifier: SLACK, ref: { channel, ts } });
function slackThreadOf(thread) {
  if (thread?.notifier !== SLACK || typeof thread.ref.ts !== "string") return void 0;
  return { ...thread.ref.channel !== void 0 && { channel: thread.ref.channel }, ts: thread.ref.ts };
}

// src/notify/slack-send.ts
var errorInfo2 = (e) => ({ name: e.name, message: e.message });
function newItem(d, message, done) {
  const parent = slackThreadOf(d.incident?.thread);
  const threadTs = d.decision.action === "reply" || d.decision.action === "recover" ? parent?.ts : void 0;
  const item = {
    d,
    message,
    thread: d.decision.action === "recover" ? void 0 : d.incident?.thread,
    threadTs,
    // A reply needs its parent's channel; if posting the parent failed before, this message becomes the parent.
    channelId: threadTs && parent?.channel || d.channel,
    outcome: { action: d.decision.action, reason: d.decision.reason, channel: d.channel, preview: { text: message.text, blocks: message.attachments[0].blocks } },
    done: () => done(item)
  };
  return item;
}
async function postMessage(sender, item) {
  const { d, message, outcome } = item;
  try {
    const broadcast = d.decision.action === "reply" && d.decision.broadcast;
    const thread = item.threadTs ? { threadTs: item.threadTs, broadcast } : {};
    const posted = await sender.post(item.threadTs ? item.channelId : d.channel, message, { action: "message", lane: d.channel, on429: "throw", ...thread });
    item.channelId = posted.channel;
    outcome.ts = posted.ts;
    outcome.threadTs = item.threadTs;
    if (d.incident && d.decision.action !== "recover" && !item.thread) item.thread = slackThreadRef(item.channelId, posted.ts);
  } catch (error) {
    if (error instanceof RateLimited) throw error;
    outcome.error = errorInfo2(error);
  }
}
async function uploadScreenshot(sender, item) {
  const { d, outcome } = item;
  const shot = alertScreenshot(d.result);
  const chart = d.result.status !== "passed" ? d.result.trendChart : void 0;
  const change = visualChange(d.result);
  if (!shot && !chart?.bytes && !change) return;
  const name2 = (file) => `${d.result.name}-${file}`.replace(/[\\/]/g, "_");
  const lastGood = d.result.status !== "passed" ? d.result.lastGood : void 0;
  const where = item.threadTs ? { channel_id: item.channelId, thread_ts: item.threadTs } : { channel_id: item.channelId };
  try {
    if (shot && !lastGood?.bytes && !chart?.bytes && !change) {
      const file = { file: shot.bytes, filename: name2(shot.file), title: `${d.result.name} \xB7 ${shot.step ?? "final"} \xB7 ${d.result.status}` };
      await sender.upload(item.channelId, { ...file, ...where }, { action: "screenshot upload", on429: "throw" });
      return;
    }
    const files = [];
    if (change) {
      const now = d.result.screenshots.find((s) => s.file === change.screenshot && s.bytes) ?? shot;
      if (now) files.push({ file: now.bytes, filename: name2(now.file), title: `now \xB7 ${change.name}` });
      if (change.bytes) files.push({ file: change.bytes, filename: name2(`baseline-${change.name}.png`), title: `baseline \xB7 ${change.name}` });
      if (change.diff?.bytes) files.push({ file: change.diff.bytes, filename: name2(change.diff.file), title: `diff \xB7 ${percent(change.diffRatio)}` });
    } else if (shot) {
      files.push(lastGood?.bytes ? { file: shot.bytes, filename: name2(shot.file), title: `now \xB7 ${shot.step ?? "final"} \xB7 ${d.result.status}` } : { file: shot.bytes, filename: name2(shot.file), title: `${d.result.name} \xB7 ${shot.step ?? "final"} \xB7 ${d.result.status}` });
    }
    if (shot && lastGood?.bytes && !change) {
      const was = lastGood.screenshot;
      files.push({
        file: lastGood.bytes,
        filename: name2(`last-good-${was?.file ?? "final.png"}`),
        title: `last good \xB7 ${was?.step ?? "final"} \xB7 ${stampWithZone(lastGood.startedAt, d.timeZone)} \xB7 run ${lastGood.runId}`
      });
    }
    if (chart?.bytes) files.push({ file: chart.bytes, filename: name2("response-times.png"), title: trendTitle(chart.runs) });
    await sender.upload(item.channelId, { ...where, file_uploads: files }, { action: "screenshot upload", on429: "throw" });
  } catch (error) {
    if (error instanceof RateLimited) outcome.imageSkipped = `Slack rate-limited the upload (retry after ${error.retryAfter} s), and the alerts went first`;
    else outcome.imageError = errorInfo2(error);
  }
}
async function resolveParent(sender, item) {
  const { d, outcome } = item;
  const parent = slackThreadOf(d.incident?.thread);
  if (d.decision.action !== "recover" || !d.incident || !parent) return;
  const resolved = buildResolvedParent(d.result, {
    kind: messageKind(d),
    runId: d.runId,
    timeZone: d.timeZone,
    incidentOpenedAt: d.incident.openedAt,
    failures: d.incident.failures
  });
  const channel = parent.channel ?? item.channelId;
  try {
    await sender.update(channel, parent.ts, resolved, { action: "update of the incident message", on429: "throw" });
  } catch (error) {
    outcome.error ??= errorInfo2(error);
  }
}

// src/notify/slack-channel.ts
function priority({ d }) {
  const failedPost = d.decision.action === "post" && d.result.status === "failed";
  const ranks = { open: 0, recover: 1, reply: d.decision.action === "reply" && d.decision.broadcast ? 2 : 3, post: failedPost ? 0 : 4, none: 5 };
  return ranks[d.decision.action];
}
var CHANNEL_BROKEN = /\((invalid_auth|not_authed|token_revoked|account_inactive|channel_not_found|not_in_channel|missing_scope)\)/;
var ChannelQueue = class {
  constructor(channel, sender, run = { outstanding: () => 0, settled: async () => {
  } }) {
    this.channel = channel;
    this.sender = sender;
    this.run = run;
  }
  channel;
  sender;
  run;
  waiting = [];
  active = false;
  /** How long an upload takes (the last one seen; a guess until then). */
  uploadMs = 1e3;
  add(item) {
    const at = this.waiting.findIndex((w) => priority(w) > priority(item));
    if (at === -1) this.waiting.push(item);
    else this.waiting.splice(at, 0, item);
    if (!this.active) void this.drain();
  }
  async drain() {
    this.active = true;
    try {
      await this.run.settled();
      while (this.waiting.length) await this.next();
    } catch (error) {
      this.giveUp(this.waiting.splice(0), `Slack message not sent: ${error.message}`);
    } finally {
      this.active = false;
    }
  }
  async next() {
    const { signal, deadline } = this.sender.limits;
    if (signal.aborted || this.sender.unanswered) {
      const why = signal.aborted ? `not sent: ${stopReason(signal)}` : `not tried: ${this.sender.unanswered}`;
      return this.giveUp(this.waiting.splice(0), `Slack message ${why}`);
    }
    const { pacer, answerMs } = this.sender.lane(this.channel);
    const lastStart = deadline - answerMs;
    const n = this.waiting.length;
    const coming = n + this.run.outstanding();
    const plan = planNext({ waiting: n, slots: pacer.slotsBefore(lastStart), screenshotsFit: pacer.slotsBefore(lastStart - coming * this.uploadMs) >= coming });
    if (plan === "none") return this.giveUp(this.waiting.splice(0), `Slack message not sent: ${this.noTimeReason(lastStart)}`);
    if (plan === "fold") return this.sendFold(this.waiting.splice(0));
    return this.sendOwn(this.waiting.shift(), plan === "full", n);
  }
  noTimeReason(lastStart) {
    const { pacer } = this.sender.lane(this.channel);
    return pacer.blockedUntil > lastStart ? `Slack rate-limited ${this.channel} (retry after ${pacer.lastRetryAfter} s) past the after-run deadline` : "no time was left before the after-run deadline";
  }
  /** Sends at the channel's pace (the sender waits for the slot); a 429 puts the items back in front, to plan again. */
  async post(items, send) {
    try {
      await send();
      return true;
    } catch (error) {
      if (!(error instanceof RateLimited)) throw error;
      this.waiting.unshift(...items);
      return false;
    }
  }
  async sendOwn(item, withScreenshot, waiting) {
    if (!await this.post([item], () => postMessage(this.sender, item))) return;
    const shot = alertScreenshot(item.d.result);
    if (shot && withScreenshot) {
      const started = Date.now();
      await uploadScreenshot(this.sender, item);
      this.uploadMs = Date.now() - started;
    } else if (shot) {
      item.outcome.imageSkipped = `not sent: ${waiting} alerts were waiting for ${this.channel} and Slack takes about one message a second \u2014 ${shot.link ? "the message links to it" : "it is kept with the run's results"}`;
    }
    await resolveParent(this.sender, item);
    if (item.outcome.error && CHANNEL_BROKEN.test(item.outcome.error.message)) this.giveUp(this.waiting.splice(0), item.outcome.error.message);
    item.done();
  }
  /** One message for every alert still waiting: each outcome says it was folded into it. */
  async sendFold(items) {
    const first = items[0].d;
    const message = buildFold(
      items.map(({ d }) => ({ result: d.result, kind: messageKind(d), incidentOpenedAt: d.incident?.openedAt, failures: d.incident?.failures, logsUrl: d.logsUrl })),
      { runId: first.runId, timeZone: first.timeZone, startedAt: first.result.startedAt }
    );
    let failure2;
    const sent = await this.post(items, async () => {
      try {
        const posted = await this.sender.post(this.channel, message, { action: "message for several checks", on429: "throw" });
        for (const { outcome, d } of items) {
          outcome.folded = { channel: posted.channel, ts: posted.ts, checks: items.length };
          if (alertScreenshot(d.result)) outcome.imageSkipped = `not sent: listed in one message for ${items.length} checks \u2014 ${d.result.screenshots.some((s) => s.link) ? "that message links to it" : "it is kept with the run's results"}`;
        }
      } catch (error) {
        if (error instanceof RateLimited) throw error;
        failure2 = { name: error.name, message: error.message };
      }
    });
    if (!sent) return;
    await Promise.all(items.map((item) => {
      if (failure2) item.outcome.error = failure2;
      return resolveParent(this.sender, item);
    }));
    for (const item of items) item.done();
  }
  giveUp(items, message) {
    for (const item of items) {
      item.outcome.error ??= { name: "SlackError", message };
      item.done();
    }
  }
};

// src/notify/slack-session.ts
var SETTLE_MS = 2e3;
var SlackSession = class {
  constructor(sender, defaultChannel) {
    this.sender = sender;
    this.defaultChannel = defaultChannel;
  }
  sender;
  defaultChannel;
  channels = /* @__PURE__ */ new Map();
  /** Checks of the run that may still deliver an alert (see expect). */
  outstanding = 0;
  settled = [];
  /** The run has `n` checks that may alert: until they arrive (or skip), screenshots are weighed against them too. */
  expect(n) {
    this.outstanding += n;
  }
  /** A check of the run will not alert (nothing to say, or no channel). */
  skip() {
    this.arrived();
  }
  arrived() {
    this.outstanding = Math.max(0, this.outstanding - 1);
    if (this.outstanding === 0) for (const resolve6 of this.settled.splice(0)) resolve6();
  }
  /**
   * Resolves once every check of the run has alerted or skipped, or after `SETTLE_MS`: a channel plans its posts
   * knowing how many alerts it has, so a lone failure keeps its screenshot and a busy run gives them up at once.
   */
  whenSettled() {
    if (this.outstanding === 0) return Promise.resolve();
    const settledFirst = new AbortController();
    const settled = new Promise((resolve6) => this.settled.push(resolve6));
    return Promise.race([settled, pause(SETTLE_MS, AbortSignal.any([this.sender.limits.signal, settledFirst.signal]))]).finally(() => settledFirst.abort());
  }
  deliver(alert) {
    this.arrived();
    const channel = alert.channel ?? this.defaultChannel;
    if (!channel) {
      const { action, reason } = alert.decision;
      const error = { name: "SlackError", message: "no Slack channel: set SLACK_CHANNEL (or slack.channel in the config, or alerts.channel on the check)" };
      return Promise.resolve({ outcome: { action, reason, error } });
    }
    const d = { ...alert, channel };
    return new Promise((resolve6) => {
      const item = newItem(d, messageFor(d), ({ outcome, thread }) => resolve6({ outcome, ...thread && { thread } }));
      const key = d.channel;
      let queue = this.channels.get(key);
      if (!queue) this.channels.set(key, queue = new ChannelQueue(key, this.sender, { outstanding: () => this.outstanding, settled: () => this.whenSettled() }));
      queue.add(item);
    });
  }
};

// src/notify/slack-notifier.ts
var SlackNotifier = class {
  constructor(settings) {
    this.settings = settings;
  }
  settings;
  name = "Slack";
  /** A session for one run: every request stops with `limits.signal`, nothing starts after `limits.deadline`. */
  async open(limits) {
    return new SlackSession(await openSlackSender(this.settings, limits), this.settings.channel);
  }
};

// src/pipeline/outside-systems.ts
async function outsideSystems(o, kept = {}) {
  const slack2 = o.alerting ? slackSettings(o.config, o.env) : void 0;
  const key = JSON.stringify([o.env.MIMAMORI_S3_BUCKET, o.env.MIMAMORI_S3_PREFIX, o.env.AWS_ENDPOINT_URL_S3, o.config.s3, slack2?.token, slack2?.apiUrl, slack2?.channel]);
  if (kept.key !== key) {
    kept.key = key;
    const s3 = s3Settings(o.config, o.env);
    kept.remote = s3 && await openS3Store(s3, o.requestTimeoutMs, o.wrapS3Client);
    kept.notifier = slack2 && new SlackNotifier(slack2);
  }
  return {
    stores: { local: new LocalStore(o.local), remote: kept.remote },
    policies: new Map(o.checks.map((c) => [c.name, { alerts: c.alerts, usual: c.slowerThanUsual }])),
    visual: new Map(o.checks.flatMap((c) => c.visual ? [[c.name, c.visual]] : [])),
    updateBaselines: o.updateBaselines,
    notifier: o.slackError ? new UnavailableNotifier("Slack", o.slackError) : kept.notifier,
    previewReason: o.alerting ? void 0 : "Slack is off for this run (--no-slack), so this is a preview",
    // A run that alerts is the monitor speaking, and shares the deployed monitor's incidents; a try-out keeps its own.
    sharedState: Boolean(slack2 || o.slackError) || Boolean(o.sharedState),
    slackOn: Boolean(slack2),
    timeZone: slack2?.timeZone ?? o.config.slack?.timeZone ?? "UTC",
    budgetMs: o.budgetMs,
    requestTimeoutMs: o.requestTimeoutMs
  };
}

// src/cli/outside-summary.ts
function storageLines(run, s3Location) {
  const local = run.results.filter((r) => r.storage?.localError);
  const localLines = local.length ? [`Local copy: ${local.length} could not be written:`, ...local.map((r) => `  ${printable(r.name)}: ${r.storage.localError.message}`)] : [];
  if (!s3Location) return localLines;
  const failed = run.results.filter((r) => r.storage?.s3?.error);
  const slowest = Math.max(0, ...run.results.map((r) => r.storage?.durationMs ?? 0));
  if (failed.length === 0) return [`Stored in ${s3Location} (${formatMs(slowest)})`, ...localLines];
  const n = run.results.length;
  return [
    `Storage: ${failed.length} of ${plural(n, "check")} could not be stored in ${s3Location}; their evidence is kept locally:`,
    ...failed.map((r) => `  ${printable(r.name)}: ${r.storage.s3.error.message}
    kept in ${r.storage.local}`),
    ...localLines
  ];
}
function notificationLine(r) {
  const n = r.notification;
  const notes2 = [
    n.folded && `listed in one message with ${n.folded.checks - 1} other check${n.folded.checks === 2 ? "" : "s"} (Slack's rate limit)`,
    n.error && `message failed: ${n.error.message}`,
    n.imageError && `screenshot failed: ${n.imageError.message}`,
    n.imageSkipped && `screenshot ${n.imageSkipped}`,
    n.stateError && `state: ${n.stateError.message}`
  ].filter(Boolean);
  return `  ${printable(r.name)}: ${n.action} (${n.reason})${notes2.length ? `
    ${notes2.join("\n    ")}` : ""}`;
}
function slackLines(run, slackOn) {
  const sent = run.results.filter((r) => r.notification && r.notification.action !== "none");
  const listed = new Set(slackOn ? sent : []);
  const state = run.results.filter((r) => r.notification?.stateError && !listed.has(r));
  const stateLines = state.length ? ["State: could not be read or written (alerting went ahead without it):", ...state.map((r) => `  ${printable(r.name)}: ${r.notification.stateError.message}`)] : [];
  if (sent.length === 0) return stateLines;
  if (!slackOn) return [`Slack: ${plural(sent.length, "message")} would be sent (set SLACK_BOT_TOKEN and SLACK_CHANNEL); previews are in the report`, ...stateLines];
  return [`Slack (${sent[0].notification.channel}):`, ...sent.map(notificationLine), ...stateLines];
}
function repairLines(run) {
  const lines = run.results.flatMap((r) => [r.notification?.stateWarning, r.storage?.historyWarning].flatMap((w) => w ? [`  ${printable(r.name)}: ${w}`] : []));
  return lines.length ? ["Repaired: objects in the store that could not be read were read as none and written anew:", ...lines] : [];
}
function outsideSummary(run, s3Location, slackOn) {
  const lines = [...storageLines(run, s3Location), ...slackLines(run, slackOn), ...repairLines(run)];
  return lines.length ? `${lines.join("\n")}
` : "";
}
function outsideFailed(run) {
  return run.results.some((r) => r.storage?.s3?.error || r.storage?.localError || r.notification?.error || r.notification?.imageError || r.notification?.stateError);
}

// src/cli/progress.ts
function progressHooks(write, color = false) {
  const tint = (status, text) => paint(text, status, color);
  const total = (check) => ({ degradedResponseTime: check.degradedResponseTime, maxResponseTime: check.maxResponseTime });
  return {
    onCheckBegin(check) {
      write(`  \u25B6 ${printable(check.name)}  ${tint("skipped", printable(check.file))}
`);
    },
    onAttemptEnd(check, attempt) {
      const retrying = attempt.status === "failed" && attempt.attempt <= check.retries;
      const label = retrying ? `failed on attempt ${attempt.attempt}, retrying` : attempt.status;
      const lines = [`  ${tint(attempt.status, `${statusIcon(attempt.status)} ${printable(check.name)}`)}  ${label}  ${formatBudget(attempt.durationMs, total(check))}`];
      for (const step of attempt.steps) {
        lines.push(`      ${tint(step.status, statusIcon(step.status))} ${printable(step.name)}  ${step.status === "skipped" ? "skipped" : formatBudget(step.durationMs, step.budget)}`);
      }
      if (attempt.error) {
        const where = attempt.error.step ? ` in "${printable(attempt.error.step)}"` : "";
        const message = printable(truncate(firstLine(stripAnsi(attempt.error.message)), 160));
        lines.push(`      ${tint("failed", `${attempt.error.class}${where}: ${message}`)}`);
      }
      write(lines.join("\n") + "\n");
    }
  };
}
function runHeader(count, workers, baseURL, browser) {
  const target = baseURL ? ` against ${baseURL}` : "";
  const used = Math.min(workers, count);
  return `Running ${plural(count, "check")} with ${plural(used, "worker")}${target} (${browser})
`;
}

// src/cli/browser-header.ts
function headerBrowser(b) {
  if (!b.version) return "no browser";
  return b.identity ? browserLabel(b.identity, b.version) : `Chromium ${b.version}`;
}
function baselineNote(b, s) {
  if (!s.visual || !b.version || !b.identity || b.identity.source === LAMBDA_SOURCE) return void 0;
  const name2 = b.identity.name;
  const where = "record them on Lambda (or with the Lambda build, on Linux x64)";
  if (s.shared && s.update) {
    return `Visual baselines: --update-baselines makes ${name2}'s pictures the deployed monitor's baselines in S3, but Lambda renders with its own Chromium (fonts and anti-aliasing differ) and will see changes that are not there; ${where}.`;
  }
  if (s.shared) {
    return `Visual baselines: ${name2}'s pictures are compared with the deployed monitor's baselines in S3, recorded with Lambda's Chromium \u2014 fonts and anti-aliasing differ, so expect differences that are not changes to the site; ${where}.`;
  }
  return `Visual baselines: recorded and compared here with ${name2}, not the Lambda build \u2014 they hold for runs on this machine, not for Lambda's renders (fonts, anti-aliasing); the deployed monitor keeps its own in S3.`;
}

// src/cli/summary.ts
var ERROR_WIDTH = 80;
var NAME_WIDTH = 60;
var GAP = "  ";
var HEADERS = ["Check", "Status", "Duration / budgets", "Attempts", "Failing step", "Error"];
var name = (text, columns = Infinity) => fitWidth(printable(text), columns);
function cell(text) {
  return printable(stripAnsi(text).replace(/[\t\r\n]+/g, " "));
}
function statusText(result) {
  const text = `${statusIcon(result.status)} ${result.status}`;
  if (!result.flaky) return text;
  return `${text} (flaky, ${result.status} on attempt ${result.attempts})`;
}
function failingStep(result) {
  if (result.error?.step) return result.error.step;
  const bad = result.steps.find((s) => s.status === "failed") ?? (result.status === "degraded" ? result.steps.find((s) => s.status === "degraded") : void 0);
  if (!bad && result.usual?.state === "slower") return result.usual.step?.name ?? "";
  return bad?.name ?? "";
}
function errorText(result) {
  if (!result.error && result.usual?.state === "slower") return truncate(cell(result.usual.sentence), ERROR_WIDTH);
  if (!result.error) return "";
  return truncate(cell(`${result.error.class}: ${firstLine(stripAnsi(result.error.message))}`), ERROR_WIDTH);
}
function row(result) {
  return [
    name(result.name, NAME_WIDTH),
    statusText(result),
    formatBudget(result.durationMs, result.budget),
    String(result.attempts),
    name(failingStep(result), NAME_WIDTH),
    errorText(result)
  ];
}
function renderTable(results, color) {
  const rows = results.map(row);
  const widths = HEADERS.map((h, i) => Math.max(displayWidth(h), ...rows.map((r) => displayWidth(r[i]))));
  const line = (cells, status) => cells.map((c, i) => {
    const last = i === cells.length - 1;
    const padded = last ? c : padEnd(c, widths[i]);
    return i === 1 && status ? paint(padded, status, color) : padded;
  }).join(GAP).trimEnd();
  const rule = widths.map((w) => "\u2500".repeat(w)).join(GAP);
  return [line(HEADERS), rule, ...rows.map((r, i) => line(r, results[i].status))];
}
function totalsLine(run, color = false) {
  const count = (s) => run.results.filter((r) => r.status === s).length;
  const n = run.results.length;
  const parts = ["passed", "degraded", "failed"].map((s) => {
    const text = `${count(s)} ${s}`;
    return count(s) > 0 ? paint(text, s, color) : text;
  });
  const flaky = run.results.filter((r) => r.flaky).length;
  const flakyNote = flaky > 0 ? ` (${flaky} flaky)` : "";
  return `${plural(n, "check")}: ${parts.join(", ")}${flakyNote}`;
}
var diagnosticLine = (d) => `  ${name(d.file)}${d.field ? ` \u203A ${name(d.field)}` : ""}: ${cell(d.message)}`;
function renderDiagnostics(problems2, color) {
  const n = problems2.length;
  const title = `${n} ${n === 1 ? "problem" : "problems"} in check files or config (those checks did not run):`;
  return [paint(title, "failed", color), ...problems2.map(diagnosticLine)];
}
function renderWarnings(run) {
  const lines = run.results.flatMap((r) => (r.warnings ?? []).map((w) => `  ${name(r.name)}: ${cell(w)}`));
  return lines.length ? ["Warnings:", ...lines] : [];
}
function fatalReport(fatal) {
  const n = fatal.length;
  return [
    `Not run: ${n} ${n === 1 ? "problem" : "problems"} in the config make every check meaningless \u2014 nothing was run, stored or sent:`,
    ...fatal.map(diagnosticLine)
  ].join("\n");
}
function renderSummary(run, opts = {}) {
  const color = opts.color === true;
  const lines = [];
  if (run.results.length > 0) lines.push(...renderTable(run.results, color), "");
  lines.push(totalsLine(run, color));
  const warnings2 = renderWarnings(run);
  if (warnings2.length > 0) lines.push("", ...warnings2);
  const problems2 = run.diagnostics.filter((d) => !isNote(d));
  const notes2 = run.diagnostics.filter(isNote);
  if (notes2.length > 0) lines.push("", "Notes:", ...notes2.map(diagnosticLine));
  if (problems2.length > 0) lines.push("", ...renderDiagnostics(problems2, color));
  return lines.join("\n") + "\n";
}

// src/cli/web-server.ts
import { spawn } from "node:child_process";
import { statSync as statSync2 } from "node:fs";
import { resolve as resolve5 } from "node:path";
var WebServerError = class extends Error {
  name = "WebServerError";
};
async function answers(url) {
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(1e3), redirect: "manual" });
    await res.body?.cancel();
    return res.status < 500;
  } catch {
    return false;
  }
}
async function startWebServer(config, cwd) {
  if (await answers(config.url)) {
    if (config.reuseExistingServer) return { started: false, stop: async () => {
    }, kill: () => {
    } };
    throw new WebServerError(`webServer: ${config.url} is already answering, before \`${config.command}\` was started: stop what runs there, or set webServer.reuseExistingServer: true to test it as it is`);
  }
  const dir = resolve5(cwd, config.cwd ?? ".");
  if (!statSync2(dir, { throwIfNoEntry: false })?.isDirectory()) throw new WebServerError(`webServer.cwd: ${dir} is not a folder (a relative one is taken from the config's folder)`);
  const child = spawn(config.command, { cwd: dir, shell: true, detached: true, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  const keep = (chunk) => output = (output + chunk.toString()).slice(-2e3);
  child.stdout.on("data", keep);
  child.stderr.on("data", keep);
  let exited;
  child.on("exit", (code) => exited = code);
  const stop = async () => {
    if (exited !== void 0 || child.pid === void 0) return;
    const gone = new Promise((r) => child.once("exit", r));
    try {
      process.kill(-child.pid, "SIGTERM");
    } catch {
      return;
    }
    const killer = setTimeout(() => {
      try {
        process.kill(-child.pid, "SIGKILL");
      } catch {
      }
    }, 3e3);
    await gone;
    clearTimeout(killer);
  };
  const timeout = config.timeout ?? 3e4;
  const until2 = Date.now() + timeout;
  while (Date.now() < until2) {
    if (exited !== void 0) {
      throw new WebServerError(`webServer command \`${config.command}\` exited with code ${exited} before ${config.url} answered.
${output.trim()}`);
    }
    const kill = () => {
      try {
        process.kill(-child.pid, "SIGKILL");
      } catch {
      }
    };
    if (await answers(config.url)) return { started: true, stop, kill };
    await new Promise((r) => setTimeout(r, 50));
  }
  await stop();
  throw new WebServerError(`webServer: ${config.url} did not answer within ${timeout} ms after \`${config.command}\`.
${output.trim()}`);
}

// src/cli/interruptions.ts
import { readFileSync as readFileSync2 } from "node:fs";
var CODES = { SIGINT: 130, SIGTERM: 143, SIGHUP: 129 };
var OUTSIDE_GRACE_MS = 5e3;
var SAME_SIGNAL_MS = 1e3;
var PARENT_CHECK_MS = 500;
function hangUpIgnored() {
  try {
    const mask = /^SigIgn:\s*([0-9a-f]+)$/m.exec(readFileSync2("/proc/self/status", "utf8"))?.[1];
    return mask !== void 0 && (BigInt(`0x${mask}`) & 1n) === 1n;
  } catch {
    return false;
  }
}
function parentIsNpm() {
  try {
    return /npm/.test(readFileSync2(`/proc/${process.ppid}/cmdline`, "utf8"));
  } catch {
    return false;
  }
}
function watchInterruptions(actions, write) {
  const checks = new AbortController();
  const outside = new AbortController();
  let received;
  let count = 0;
  let grace;
  const last = /* @__PURE__ */ new Map();
  const onSignal = (signal) => {
    const now = Date.now();
    if (now - (last.get(signal) ?? -Infinity) < SAME_SIGNAL_MS) return;
    last.set(signal, now);
    count++;
    received ??= signal;
    const reason = new Error(`interrupted (${signal})`);
    if (count === 1) {
      write(`
${signal}: stopping the checks; what finished is still stored and alerted (send it again to stop that too)
`);
      checks.abort(reason);
      actions.stopChecks();
      grace = setTimeout(() => outside.abort(reason), OUTSIDE_GRACE_MS).unref();
    } else if (count === 2) {
      write(`
${signal}: not storing or alerting any further; writing the local results
`);
      outside.abort(reason);
    } else {
      actions.stopNow();
      process.exit(CODES[received]);
    }
  };
  const signals = hangUpIgnored() ? ["SIGINT", "SIGTERM"] : ["SIGINT", "SIGTERM", "SIGHUP"];
  const handlers = new Map(signals.map((s) => [s, () => onSignal(s)]));
  for (const [s, handler] of handlers) process.on(s, handler);
  const npm = parentIsNpm() ? process.ppid : void 0;
  const orphaned = setInterval(() => {
    if (npm === void 0 || process.ppid === npm) return;
    clearInterval(orphaned);
    onSignal("SIGHUP");
  }, PARENT_CHECK_MS).unref();
  return {
    checks: checks.signal,
    outside: outside.signal,
    get received() {
      return received;
    },
    get exitCode() {
      return received && CODES[received];
    },
    dispose() {
      clearInterval(orphaned);
      clearTimeout(grace);
      for (const [s, handler] of handlers) process.off(s, handler);
    }
  };
}

// src/cli/main.ts
var CLOSE_GRACE_MS = 2e3;
var EXIT = { ok: 0, failed: 1, usage: 2, outside: 3 };
var out = (text) => process.stdout.write(text);
function select(checks, options, explicitFiles, typed, firstWord) {
  const names = typed.map(checkName);
  const command2 = firstWord === void 0 ? void 0 : checkName(firstWord);
  const problems2 = names.filter((n) => !checks.some((c) => c.name === n)).map((n) => ({
    file: n,
    message: `is neither a file, a folder nor the name of a check (${checks.map((c) => c.name).join(", ") || "none loaded"})` + (n === command2 ? `, nor a command (${Object.keys(COMMANDS).join(", ")})` : "")
  }));
  const picked = checks.filter(
    (c) => (explicitFiles.has(c.file) || names.includes(c.name) || explicitFiles.size === 0 && names.length === 0) && (!options.grep || options.grep.test(c.name)) && (options.tags.length === 0 || options.tags.some((t) => c.tags.includes(t)))
  );
  return { checks: picked, problems: problems2 };
}
async function main(argv, { bare = false } = {}) {
  let options;
  try {
    options = parseCli(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`${error.message}

${USAGE}
`);
    return EXIT.usage;
  }
  if (options.help) return out(`${bare ? `${HELP}

` : ""}${USAGE}
`), EXIT.ok;
  const pathProblems = outputPathProblems(options, process.cwd());
  if (pathProblems.length) {
    process.stderr.write(`${pathProblems.join("\n")}
`);
    return EXIT.usage;
  }
  let loadTimeoutMs;
  try {
    loadTimeoutMs = projectLoadTimeoutMs();
  } catch (error) {
    process.stderr.write(`${error.message}
`);
    return EXIT.usage;
  }
  const cwd = process.cwd();
  const startedAt = Date.now();
  const pool = new WorkerPool({ script: WORKER_SCRIPT, size: options.workers ?? DEFAULT_WORKERS, holdOutput: true, env: { ...process.env } });
  pool.prestart(1);
  let server;
  const interrupts = watchInterruptions({
    stopChecks: () => void pool.close(CLOSE_GRACE_MS),
    stopNow: () => {
      pool.kill();
      server?.kill();
    }
  }, (line) => process.stderr.write(line));
  try {
    let loaded;
    try {
      loaded = await pool.load({ kind: "files", cwd, configPath: options.config, targets: options.targets }, loadTimeoutMs);
    } catch (error) {
      if (interrupts.exitCode) return interrupts.exitCode;
      process.stderr.write(`mimamori: ${structuralRedactor().text(error.message)}
`);
      return EXIT.usage;
    }
    const { project, browser } = loaded;
    const configDir = project.configFile ? dirname2(project.configFile) : cwd;
    const secretsFile = secretsFilePath(project.config, project.configFile, cwd);
    const secretsLabel = displayPath(secretsFile, cwd);
    const secretsRead = loadSecretsFile(secretsFile, secretsLabel);
    const { checks: selected, problems: selectProblems } = select(project.checks, options, new Set(project.explicit), project.names, bare && !argv[0]?.startsWith("-") ? argv[0] : void 0);
    const secretsProblems = secretProblems(selected, process.env, secretsLabel);
    const checks = selected.filter((c) => !secretsProblems.some((p) => p.file === c.file));
    const diagnostics2 = [...project.problems, ...secretsRead.problem ? [secretsRead.problem] : [], ...selectProblems, ...secretsProblems];
    const redactor = redactorFor(project.checks, project.config, process.env);
    pool.setRedact(redactor.text);
    for (const d of diagnostics2) d.message = redactor.text(d.message);
    const fatal = diagnostics2.filter(isFatal);
    if (fatal.length) {
      process.stderr.write(`${fatalReport(fatal)}
`);
      return EXIT.usage;
    }
    if (checks.length > 0 && !process.env.BASE_URL && project.config.webServer && !interrupts.checks.aborted) {
      try {
        server = await startWebServer(project.config.webServer, configDir);
      } catch (error) {
        if (!(error instanceof WebServerError)) throw error;
        process.stderr.write(`${redactor.text(error.message)}
`);
        return EXIT.usage;
      }
    }
    let outside;
    try {
      outside = await outsideSystems({
        config: project.config,
        checks,
        local: options.out,
        env: process.env,
        alerting: options.slack,
        sharedState: options.sharedState,
        updateBaselines: options.updateBaselines,
        ...afterRunSettings()
      });
    } catch (error) {
      process.stderr.write(`${error.message}
`);
      return EXIT.usage;
    }
    const workers = options.workers ?? DEFAULT_WORKERS;
    if (checks.length > 0) {
      pool.size = Math.min(workers, checks.length);
      pool.prestart(pool.size);
      out(runHeader(checks.length, workers, redactor.url(checks[0].baseURL), headerBrowser(browser)));
      if (browser.error) process.stderr.write(`${redactor.text(browser.error)}
`);
      const note = baselineNote(browser, { visual: checks.some((c) => c.visual), shared: Boolean(outside.sharedState && outside.stores.remote), update: Boolean(options.updateBaselines) });
      if (note) out(`${note}
`);
    } else if (diagnostics2.every(isNote)) {
      process.stderr.write(`No checks found${options.targets.length ? ` for ${options.targets.join(" ")}` : ` in ${displayPath(checksDirPath(project.config.checksDir, project.configFile, cwd), cwd)}/`}${options.grep || options.tags.length ? " matching --grep/--tag" : ""}.
`);
      return EXIT.usage;
    }
    const runner = { attempt: (c, n, signal) => pool.attempt(c, n, signal, declaredSecrets(c.secrets, process.env)) };
    const { results, interrupted } = await runChecks(checks, { runner, workers, hooks: progressHooks(out, process.stdout.isTTY), interrupt: interrupts.checks, redactor });
    const run = { runId: newRunId(startedAt), startedAt, durationMs: Date.now() - startedAt, results, diagnostics: diagnostics2 };
    if (interrupts.received) run.interrupted = interrupted.map((c) => ({ name: c.name, file: c.file, signal: interrupts.received }));
    const closing = results.some(mayDrawChart) ? void 0 : pool.close(CLOSE_GRACE_MS);
    await afterRun(run, { ...outside, signal: interrupts.outside, renderChart: (html, size) => pool.render(html, size) });
    const closed = closing ?? pool.close(CLOSE_GRACE_MS);
    const reports = await writeReports(run, options);
    await pruneOutFolder(options.out);
    await closed;
    out(`
${renderSummary(run, { color: process.stdout.isTTY })}`);
    if (run.interrupted?.length) {
      out(`
Interrupted (${interrupts.received}): ${run.interrupted.map((c) => printable(c.name)).join(", ")} did not finish \u2014 no result, no incident state, no alert.
`);
    }
    const outsideLines = outsideSummary(run, outside.stores.remote?.location, outside.slackOn);
    if (outsideLines) out(`
${outsideLines}`);
    const show = (p) => displayPath(p, cwd);
    const { paths, failed } = reports;
    const written = (label, path) => path && !failed.some((f) => f.path === path) ? [`${label}: ${show(path)}`] : [];
    const links2 = [...written("Report", paths.report), ...written("Results", paths.results), ...written("JUnit", paths.junit)];
    if (links2.length) out(`
${links2.join("   ")}
`);
    for (const line of reportsNotWritten(failed, show)) process.stderr.write(`${line}
`);
    if (interrupts.exitCode) return interrupts.exitCode;
    if (!diagnostics2.every(isNote)) return EXIT.usage;
    if (results.some((r) => r.status === "failed")) return EXIT.failed;
    return outsideFailed(run) || failed.length > 0 ? EXIT.outside : EXIT.ok;
  } finally {
    interrupts.dispose();
    await Promise.all([server?.stop(), pool.close(CLOSE_GRACE_MS)]);
  }
}

// src/cli/validate.ts
import { parseArgs as parseArgs2 } from "node:util";
var VALIDATE_USAGE = `Usage: mimamori validate [--config file]

Loads the config and every check in checksDir as a run does (check code runs in a worker process, as ever; its
top-level code does run), then lists at once, with file and field, everything a run or a deploy refuses: the config
(log and limit watches included), each check file (options, schedules, names), each check's timeoutMs against the
runner's Lambda timeout (deploy.parameters.RunnerTimeoutSeconds in the config, else RunnerTimeoutSeconds's default in
the package's template.yaml; MIMAMORI_RUNNER_TIMEOUT_SECONDS overrides both). Runs no check, starts no browser, writes
nothing.

Options:
  --config <file>  config file (default: mimamori.config.ts)
  -h, --help       show this help

Exit code: 0 valid (warnings are listed, and change nothing), 2 a problem (or a usage error).`;
var EXIT2 = { ok: 0, invalid: 2 };
var SIGNAL_CODES = { SIGINT: 130, SIGTERM: 143 };
function validSummary(project) {
  const limits = resolveLimitWatches(project.config);
  const watches = (project.config.logWatches?.length ?? 0) + limits.functions.length + limits.tables.length;
  const schedules = project.checks.filter((c) => c.schedule).length;
  return `${plural(project.checks.length, "check")}, ${plural(schedules, "schedule")}, ${plural(watches, "watch", "watches")}: valid`;
}
async function validateMain(argv) {
  let values;
  let loadTimeoutMs;
  try {
    ({ values } = parseArgs2({ args: argv, strict: true, options: { config: { type: "string" }, help: { type: "boolean", short: "h" } } }));
    if (values.config === "") throw new Error("--config needs a path");
    loadTimeoutMs = projectLoadTimeoutMs();
  } catch (error) {
    process.stderr.write(`${error.message}

${VALIDATE_USAGE}
`);
    return EXIT2.invalid;
  }
  if (values.help) return process.stdout.write(`${VALIDATE_USAGE}
`), EXIT2.ok;
  const cwd = process.cwd();
  const pool = new WorkerPool({ script: WORKER_SCRIPT, size: 1, holdOutput: true, env: { ...process.env, [WORKER_LOAD_ONLY_ENV]: "1" } });
  const stop = (signal) => () => {
    pool.kill();
    process.exit(SIGNAL_CODES[signal]);
  };
  const handlers = ["SIGINT", "SIGTERM"].map((s) => [s, stop(s)]);
  for (const [s, handler] of handlers) process.once(s, handler);
  try {
    let project;
    try {
      ({ project } = await pool.load({ kind: "files", cwd, configPath: values.config, targets: [] }, loadTimeoutMs));
    } catch (error) {
      process.stderr.write(`mimamori: ${structuralRedactor().text(error.message)}
`);
      return EXIT2.invalid;
    }
    const secretsFile = secretsFilePath(project.config, project.configFile, cwd);
    const secretsRead = loadSecretsFile(secretsFile, displayPath(secretsFile, cwd));
    const redactor = redactorFor(project.checks, project.config, process.env);
    pool.setRedact(redactor.text);
    const loading = [...project.problems.filter((p) => !isNote(p)), ...secretsRead.problem ? [secretsRead.problem] : []];
    const { deployProblems, problemsReport } = await import("./chunks/problems-WFTC6I53.mjs");
    const configFile = project.configFile ? displayPath(project.configFile, cwd) : void 0;
    const { deployOnly, warnings: warnings2 } = deployProblems(project, { configFile });
    if (!loading.length && project.checks.length === 0) {
      const dir = displayPath(checksDirPath(project.config.checksDir, project.configFile, cwd), cwd);
      process.stderr.write(`Not valid: no checks found in ${dir}/ (checksDir in the config says where they are).
`);
      return EXIT2.invalid;
    }
    const invalid = loading.length > 0 || deployOnly.length > 0;
    if (invalid) {
      for (const p of [...loading, ...deployOnly]) p.message = redactor.text(p.message);
      process.stderr.write(`${problemsReport("Not valid", loading, deployOnly)}
`);
    } else {
      process.stdout.write(`${validSummary(project)}
`);
    }
    for (const w of warnings2) process.stderr.write(`Warning: ${redactor.text(w)}
`);
    return invalid ? EXIT2.invalid : EXIT2.ok;
  } finally {
    for (const [s, handler] of handlers) process.off(s, handler);
    await pool.close(1e3);
  }
}

// src/cli/commands.ts
var COMMAND_MAINS = {
  init: async (argv) => (await import("./chunks/init-CUVHRXR6.mjs")).initMain(argv),
  check: (argv) => main(argv),
  validate: (argv) => validateMain(argv),
  results: async (argv) => (await import("./chunks/results-W7HZYVH4.mjs")).resultsMain(argv),
  dashboard: async (argv) => (await import("./chunks/dashboard-SOBARTA6.mjs")).dashboardMain(argv),
  digest: async (argv) => (await import("./chunks/digest-D6JXQNYA.mjs")).digestMain(argv),
  build: async (argv) => (await import("./chunks/main-QMAUL3IF.mjs")).buildMain(argv),
  deploy: async (argv) => (await import("./chunks/deploy-K5PSCHF5.mjs")).deployMain(argv)
};
var isCommand = (word) => word !== void 0 && Object.hasOwn(COMMAND_MAINS, word);

// src/cli/bin.ts
process.setSourceMapsEnabled(true);
var [command, ...rest] = process.argv.slice(2);
(isCommand(command) ? COMMAND_MAINS[command](rest) : main(process.argv.slice(2), { bare: true })).then(
  (code) => {
    process.exitCode = code;
  },
  (error) => {
    process.stderr.write(`mimamori: ${error.stack ?? error.message}
`);
    process.exitCode = 2;
  }
);
