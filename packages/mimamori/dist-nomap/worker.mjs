import {
  BEAT_MS,
  CheckFailure,
  RENDER_READY_MS,
  RENDER_TIMEOUT_MS,
  TAINTED,
  WORKER_LOAD_ONLY_ENV,
  WORKER_TMP_ENV,
  browserGone,
  httpStatus,
  loadSecretsFile,
  overBudget,
  pageCrash,
  removeWorkerTmp,
  runTimeout,
  runnerFailure,
  secretsFilePath,
  startTrace,
  stepTimeout,
  stoppedEarly,
  toErrorInfo,
  uncaughtInCheck,
  unloadSecretsFile
} from "./chunks/chunk-NNBR27XS.mjs";
import {
  checksDirPath,
  discover
} from "./chunks/chunk-UJ7GGTYF.mjs";
import {
  pendingAssertions
} from "./chunks/chunk-3FLOOLOF.mjs";
import {
  browserIdentity,
  closeContext,
  findChromium,
  launchBrowser,
  renderPage
} from "./chunks/chunk-SCEAS2RA.mjs";
import "./chunks/chunk-3HTYQUIR.mjs";
import {
  within
} from "./chunks/chunk-PU65TNXR.mjs";
import "./chunks/chunk-NJ6TXVNI.mjs";
import {
  loadChecks,
  loadConfig,
  stepOptionShape
} from "./chunks/chunk-Q5KG2DBG.mjs";
import "./chunks/chunk-XH4PHW73.mjs";
import {
  importTs,
  stopCompiler,
  validateShape
} from "./chunks/chunk-7MRTGN4J.mjs";
import {
  displayPath,
  importTimeoutMs
} from "./chunks/chunk-PGIEQVW4.mjs";

// src/runner/local-checks.ts
import { resolve } from "node:path";

// src/check/check-data.ts
function checkData(check, source) {
  const { run: _run, ...data } = check;
  return source === void 0 ? data : { ...data, source };
}

// src/runner/local-checks.ts
function localChecks() {
  return {
    async load(request) {
      if (request.kind !== "files") throw new Error(`local checks load files, not ${request.kind}`);
      const { cwd } = request;
      const imports = { timeoutMs: importTimeoutMs() };
      const { config, file: configFile, problems: configProblems } = await loadConfig(cwd, request.configPath, imports);
      const secretsFile = secretsFilePath(config, configFile, cwd);
      const fromFile = loadSecretsFile(secretsFile, displayPath(secretsFile, cwd));
      const selection = await discover(request.targets, cwd, checksDirPath(config.checksDir, configFile, cwd));
      const wanted = { names: selection.names, files: selection.explicit };
      const loaded = await loadChecks(selection.files, config, cwd, { ...imports, wanted }).finally(() => unloadSecretsFile(fromFile));
      await stopCompiler();
      return {
        config,
        configFile,
        checks: loaded.checks.map((c) => checkData(c, resolve(cwd, c.file))),
        problems: [...configProblems, ...loaded.problems],
        explicit: selection.explicit.map((f) => displayPath(f, cwd)),
        names: selection.names
      };
    },
    async runOf(check) {
      if (!check.source) throw new Error(`check "${check.name}" has no source file to load`);
      const { module, problems } = await importTs(check.source, check.file);
      const definition = module?.default;
      if (!definition || typeof definition.run !== "function") {
        throw new Error(`${check.file} could not be loaded in the worker: ${problems.map((p) => p.message).join("; ") || "no run function"}`);
      }
      return definition.run;
    }
  };
}

// src/runner/worker-main.ts
import { Worker } from "node:worker_threads";

// src/runner/attempt.ts
import { devices } from "playwright-core";

// src/runner/page-watch.ts
var MAX_SAMPLES = 10;
function watchPage(page, currentStep, expectedStatus) {
  const success = (status) => expectedStatus ? expectedStatus.includes(status) : status < 400;
  const navigations = [];
  const pageErrors = { consoleErrors: 0, failedRequests: 0, samples: [] };
  const sample = (text) => {
    if (pageErrors.samples.length < MAX_SAMPLES) pageErrors.samples.push(text.slice(0, 300));
  };
  const last = () => navigations[navigations.length - 1];
  const since = (nav) => Math.max(0, Math.round(Date.now() - nav.startedAt));
  const seenAt = /* @__PURE__ */ new WeakMap();
  const startOf = (request) => {
    const { startTime } = request.timing();
    return startTime > 0 ? Math.round(startTime) : seenAt.get(request) ?? Date.now();
  };
  const firstHop = (request) => {
    let first = request;
    for (let r = request.redirectedFrom(); r; r = r.redirectedFrom()) first = r;
    return first;
  };
  const isMainNavigation = (request) => request.isNavigationRequest() && request.frame() === page.mainFrame();
  page.on("request", (request) => {
    if (isMainNavigation(request)) seenAt.set(request, Date.now());
  });
  page.on("response", (response) => {
    const request = response.request();
    const status = response.status();
    const mainDocument = request.isNavigationRequest() && response.frame() === page.mainFrame();
    if (status >= 400 && !(mainDocument && expectedStatus?.includes(status))) {
      pageErrors.failedRequests++;
      sample(`HTTP ${status} ${request.method()} ${response.url()}`);
    }
    if (!mainDocument || status >= 300 && status < 400) return;
    const timing = request.timing();
    navigations.push({
      url: response.url(),
      status,
      startedAt: startOf(request),
      ttfbMs: timing.startTime > 0 && timing.responseStart >= 0 ? Math.round(timing.responseStart) : void 0,
      step: currentStep()
    });
  });
  page.on("requestfailed", (request) => {
    pageErrors.failedRequests++;
    sample(`${request.failure()?.errorText ?? "failed"} ${request.method()} ${request.url()}`);
    if (isMainNavigation(request)) {
      navigations.push({ url: request.url(), status: null, startedAt: startOf(firstHop(request)), step: currentStep() });
    }
  });
  page.on("domcontentloaded", () => {
    const nav = last();
    if (nav && nav.status !== null && nav.domContentLoadedMs === void 0) nav.domContentLoadedMs = since(nav);
  });
  page.on("load", () => {
    const nav = last();
    if (nav && nav.status !== null && nav.loadMs === void 0) nav.loadMs = since(nav);
  });
  page.on("console", (message) => {
    if (message.type() !== "error") return;
    pageErrors.consoleErrors++;
    sample(`console.error: ${message.text()}`);
  });
  page.on("pageerror", (error) => {
    pageErrors.consoleErrors++;
    sample(`uncaught: ${error.message}`);
  });
  return {
    navigations,
    pageErrors,
    httpErrorSince: (from) => {
      const bad = navigations.slice(from).find((n) => n.status !== null && !success(n.status));
      return bad && expectedStatus ? { ...bad, expected: expectedStatus } : bad;
    }
  };
}

// src/runner/screenshots.ts
function slug(text, max = 40) {
  const s = Array.from(text.normalize("NFKC").toLowerCase().replace(/[^\p{L}\p{N}]+/gu, "-").replace(/^-+|-+$/g, "")).slice(0, max).join("").replace(/-+$/, "");
  return s || "step";
}
function pngSize(png) {
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}
function screenshotFile({ kind, attempt, index, step }) {
  const prefix = attempt > 1 ? `attempt${attempt}-` : "";
  if (kind === "final") return `${prefix}final.png`;
  const base = `${String(index).padStart(2, "0")}-${slug(step ?? "check")}`;
  return `${prefix}${base}${kind === "failure" ? "-failure" : ""}.png`;
}
var SHOT_TIMEOUT_MS = 5e3;
var STOP_TIMEOUT_MS = 1e3;
async function stopLoading(page) {
  await within((async () => {
    const cdp = await page.context().newCDPSession(page);
    await cdp.send("Page.stopLoading");
    await cdp.detach();
  })(), STOP_TIMEOUT_MS);
}
async function takeScreenshot(page, check, request) {
  try {
    if (request.kind === "failure") await stopLoading(page);
    const bytes = await page.screenshot({
      fullPage: check.fullPage,
      // A visual check's masks hide its dynamic regions from the pictures it compares (and from what is stored).
      mask: [...check.mask, ...check.visual ? check.visual.mask : []].map((selector) => page.locator(selector)),
      timeout: SHOT_TIMEOUT_MS,
      // Always (not only for visual checks): finished animations and no blinking caret make pictures comparable.
      animations: "disabled",
      caret: "hide"
    });
    return { file: screenshotFile(request), step: request.step, kind: request.kind, attempt: request.attempt, ...pngSize(bytes), bytes };
  } catch {
    return void 0;
  }
}

// src/runner/steps.ts
function budgetStatus(durationMs, budget) {
  if (budget.maxResponseTime !== void 0 && durationMs > budget.maxResponseTime) return "failed";
  if (budget.degradedResponseTime !== void 0 && durationMs > budget.degradedResponseTime) return "degraded";
  return "passed";
}
function timer(ms, make) {
  let id;
  const promise = new Promise((_, reject) => {
    if (ms !== void 0) id = setTimeout(() => reject(make()), ms);
  });
  return { promise, clear: () => clearTimeout(id) };
}
var Stepper = class {
  constructor(page, check, attempt, watch, fatal) {
    this.page = page;
    this.check = check;
    this.attempt = attempt;
    this.watch = watch;
    this.fatal = fatal;
  }
  page;
  check;
  attempt;
  watch;
  fatal;
  steps = [];
  screenshots = [];
  /** The first step that failed to do its job; it stops the journey. */
  failure;
  /** The first step that did its job but slower than its maxResponseTime; the journey goes on. */
  budgetFailure;
  current;
  /** Time spent taking screenshots, which is not the site's response time. */
  screenshotMs = 0;
  async shoot(kind, step, index = this.steps.length) {
    const t0 = Date.now();
    const shot = await takeScreenshot(this.page, this.check, { kind, attempt: this.attempt, index, step });
    this.screenshotMs += Date.now() - t0;
    if (shot) this.screenshots.push(shot);
  }
  /** The step being run or recorded, so the attempt can wait for its record after a fatal event. */
  inflight;
  /** Resolves once no step is being run or recorded. */
  async idle() {
    await this.inflight?.catch(() => {
    });
  }
  /** The `step` function check authors call. It never throws: a failure is recorded and later steps are skipped. */
  step = (name, fn, options = {}) => {
    const p = this.record(name, fn, options);
    this.inflight = p;
    return p;
  };
  async record(name, fn, options) {
    if (this.failure) {
      this.steps.push({ name, status: "skipped", durationMs: 0, budget: {} });
      return void 0;
    }
    const budget = { degradedResponseTime: options.degradedResponseTime, maxResponseTime: options.maxResponseTime };
    const startedAt = Date.now();
    const navFrom = this.watch.navigations.length;
    const limit = timer(options.timeout, () => stepTimeout(name, options.timeout));
    this.current = name;
    let failed = false;
    let error;
    let value;
    try {
      const problems = validateShape(options, stepOptionShape, "", "options");
      if (problems.length) throw new CheckFailure("StepOptionsError", `Bad step options: ${problems.map((p) => `${p.field} ${p.message}`).join("; ")}`, "assertion");
      value = await Promise.race([Promise.resolve().then(fn), limit.promise, this.fatal.promise]);
    } catch (e) {
      failed = true;
      error = e;
    } finally {
      limit.clear();
      this.current = void 0;
    }
    const durationMs = Date.now() - startedAt;
    const http = this.watch.httpErrorSince(navFrom);
    if (http) {
      error = Object.assign(httpStatus("GET", http.url, http.status, http.expected), failed ? { cause: error } : {});
      failed = true;
    }
    const status = failed ? "failed" : budgetStatus(durationMs, budget);
    const slow = !failed && status === "failed" ? overBudget(`Step "${name}"`, durationMs, budget.maxResponseTime) : void 0;
    if (slow) this.budgetFailure ??= { error: slow, step: name };
    const result = { name, status, startedAt, durationMs, budget };
    if (failed || slow) result.error = toErrorInfo(failed ? error : slow, name);
    this.steps.push(result);
    if (failed) {
      this.failure = { error, step: name };
      this.fatal.fail(error);
    }
    const policy = this.check.screenshot;
    if (failed && policy !== "off") await this.shoot("failure", name);
    else if (policy === "every-step") await this.shoot("step", name);
    return failed ? void 0 : value;
  }
};

// src/runner/attempt.ts
var GRACE_MS = 250;
var CLOSE_TIMEOUT_MS = 5e3;
function contextOptions(check) {
  const device = check.device ? devices[check.device] : void 0;
  return {
    ...device,
    baseURL: check.baseURL || void 0,
    viewport: check.viewport,
    locale: check.locale,
    timezoneId: check.timezoneId,
    // Credentials, as Playwright names them; absent ones stay Playwright's defaults.
    ...check.httpCredentials && { httpCredentials: check.httpCredentials },
    ...check.extraHTTPHeaders && { extraHTTPHeaders: check.extraHTTPHeaders },
    ...check.ignoreHTTPSErrors !== void 0 && { ignoreHTTPSErrors: check.ignoreHTTPSErrors }
  };
}
function fatalSignal() {
  let fail;
  const promise = new Promise((_, reject) => fail = reject);
  promise.catch(() => {
  });
  return { promise, fail };
}
var delayed = (p, ms) => p.catch((e) => new Promise((_, reject) => setTimeout(() => reject(e), ms)));
function abortFailure(reason) {
  return reason instanceof Error && reason.name !== "AbortError" ? reason : stoppedEarly();
}
async function runAttempt(browser, check, attempt, signal, hooks = {}) {
  const startedAt = Date.now();
  let context;
  let page;
  try {
    context = await browser.newContext(contextOptions(check));
    page = await context.newPage();
  } catch (error) {
    return runnerFailure(attempt, startedAt, error);
  }
  context.setDefaultTimeout(Math.min(3e4, check.timeoutMs));
  const tracing = await startTrace(context, check);
  const fatal = fatalSignal();
  const onGone = () => fatal.fail(browserGone());
  page.on("crash", () => fatal.fail(pageCrash()));
  browser.on("disconnected", onGone);
  const deadline = setTimeout(() => fatal.fail(runTimeout(check.timeoutMs)), check.timeoutMs);
  const onAbort = () => fatal.fail(abortFailure(signal?.reason));
  signal?.addEventListener("abort", onAbort, { once: true });
  if (signal?.aborted) onAbort();
  let stepper;
  const watch = watchPage(page, () => stepper?.current, check.expectedStatus);
  stepper = new Stepper(page, check, attempt, watch, fatal);
  const step = (name, fn, options) => {
    hooks.onStepBegin?.(name, [...stepper.steps]);
    return stepper.step(name, fn, options);
  };
  const runStart = Date.now();
  let outside;
  try {
    await Promise.race([
      Promise.resolve().then(() => check.run({ page, context, step, baseURL: check.baseURL })),
      delayed(fatal.promise, GRACE_MS)
    ]);
  } catch (error) {
    if (!stepper.failure) outside = { error };
  } finally {
    clearTimeout(deadline);
    signal?.removeEventListener("abort", onAbort);
  }
  await stepper.idle();
  const durationMs = Date.now() - runStart - stepper.screenshotMs;
  let failure = stepper.failure ?? outside;
  if (!failure) {
    const http = watch.httpErrorSince(0);
    if (http) failure = { error: httpStatus("GET", http.url, http.status, http.expected), step: http.step };
  }
  const budget = { degradedResponseTime: check.degradedResponseTime, maxResponseTime: check.maxResponseTime };
  let status = failure ? "failed" : budgetStatus(durationMs, budget);
  if (!failure && status === "failed") failure = { error: overBudget(`Check "${check.name}"`, durationMs, check.maxResponseTime) };
  failure ??= stepper.budgetFailure;
  if (failure) status = "failed";
  else if (stepper.steps.some((s) => s.status === "degraded")) status = "degraded";
  const hasFailureShot = stepper.screenshots.some((s) => s.kind === "failure");
  if (failure && !hasFailureShot && check.screenshot !== "off") await stepper.shoot("failure", failure.step);
  else if (!failure && check.screenshot === "final") await stepper.shoot("final");
  const trace = await tracing.stop(status === "failed");
  browser.off("disconnected", onGone);
  await within(closeContext(context), CLOSE_TIMEOUT_MS);
  return {
    attempt,
    status,
    startedAt,
    durationMs,
    steps: stepper.steps,
    navigations: watch.navigations,
    screenshots: stepper.screenshots,
    pageErrors: watch.pageErrors,
    error: failure ? toErrorInfo(failure.error, failure.step) : void 0,
    ...trace && { trace }
  };
}

// src/runner/browser-provider.ts
function browserProvider(launch = () => launchBrowser()) {
  let current;
  return {
    get() {
      current = current ? current.then((b) => b.isConnected() ? b : launch()) : launch();
      current.catch(() => {
      });
      return current;
    },
    async close() {
      const b = await current?.catch(() => void 0);
      await b?.close().catch(() => {
      });
    }
  };
}

// src/runner/process-child.ts
function serveHost(handlers, heartbeatMs) {
  if (!process.send) throw new Error("serveHost: not a child process (no IPC channel)");
  const send = (message) => {
    if (process.connected) process.send(message, void 0, {}, () => {
    });
  };
  setInterval(() => send({ type: "event", event: "beat" }), heartbeatMs).unref();
  process.on("message", (message) => {
    if (message.type === "request") handlers.request(message.kind, message.id, message.payload);
    else if (message.type === "cancel") handlers.cancel(message.id);
    else if (message.type === "stop") handlers.stop();
  });
  return {
    respond: (id, result) => send({ type: "response", id, result }),
    fail(id, error) {
      const e = error;
      send({ type: "response", id, error: { name: e?.name ?? "Error", message: e?.message ?? String(error), stack: e?.stack } });
    },
    event: (event, payload, id) => send({ type: "event", id, event, payload })
  };
}

// src/runner/worker-main.ts
var ORPHAN_WATCH = `const { workerData } = require('node:worker_threads');
const fs = require('node:fs');
setInterval(() => {
  if (process.ppid === workerData.parent) return;
  try {
    for (const tid of fs.readdirSync('/proc/self/task')) {
      for (const pid of fs.readFileSync('/proc/self/task/' + tid + '/children', 'utf8').split(/\\s+/).filter(Boolean)) {
        try { process.kill(-pid, 'SIGKILL'); } catch { try { process.kill(Number(pid), 'SIGKILL'); } catch {} }
      }
    }
  } catch {}
  // Chromium's processes take a moment to go; removing their folder under them would leave it half there.
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 300);
  if (workerData.tmp) try { fs.rmSync(workerData.tmp, { recursive: true, force: true, maxRetries: 5 }); } catch {}
  process.kill(process.pid, 'SIGKILL');
}, 1000);`;
async function settleForgottenAssertions(ms) {
  const forgotten = [...pendingAssertions()].filter((a) => !a.observed).map((a) => a.promise.catch(() => {
  }));
  if (forgotten.length) await within(Promise.all(forgotten), Math.max(0, ms));
  await new Promise((resolve2) => setImmediate(resolve2));
}
function secretsEnv() {
  const original = /* @__PURE__ */ new Map();
  return (env = {}) => {
    for (const [name, value] of original) {
      if (Object.hasOwn(env, name)) continue;
      if (value === void 0) delete process.env[name];
      else process.env[name] = value;
      original.delete(name);
    }
    for (const [name, value] of Object.entries(env)) {
      if (!original.has(name)) original.set(name, process.env[name]);
      process.env[name] = value;
    }
  };
}
function cameFrom(error, previous, now) {
  const stack = error.stack ?? "";
  return Boolean(previous && previous.file !== now.file && stack.includes(previous.file) && !stack.includes(now.file));
}
function startWorker(source, settings = {}) {
  const host = serveHost({ request, cancel, stop: () => void shutdown() }, BEAT_MS);
  process.setSourceMapsEnabled(true);
  const launch = async () => {
    await findChromium();
    if (process.env[WORKER_TMP_ENV]) process.env.TMPDIR = process.env[WORKER_TMP_ENV];
    return launchBrowser().catch((error) => /closed/i.test(error.message) ? launchBrowser() : Promise.reject(error));
  };
  let browsers = browserProvider(launch);
  const replaceBrowser = async () => {
    await browsers.close();
    browsers = browserProvider(launch);
  };
  let attempts = 0;
  const loadOnly = process.env[WORKER_LOAD_ONLY_ENV] === "1";
  if (!loadOnly) void browsers.get().catch(() => {
  });
  new Worker(ORPHAN_WATCH, { eval: true, workerData: { parent: process.ppid, tmp: process.env[WORKER_TMP_ENV] } }).unref();
  process.on("SIGINT", () => {
  });
  process.on("SIGTERM", () => {
  });
  let current;
  const stopsAhead = /* @__PURE__ */ new Set();
  let previous;
  const onUncaught = (thrown, kind) => {
    const error = uncaughtInCheck(thrown, kind);
    if (current && !cameFrom(error, previous, current.check)) {
      current.error ??= error;
      current.controller.abort(error);
      return;
    }
    process.stderr.write(`mimamori worker: code of ${previous ? `check "${previous.name}"` : "a check"} threw after it finished: ${error.stack ?? error.message}
`);
    host.event(TAINTED);
  };
  process.on("uncaughtException", (e) => onUncaught(e, "exception"));
  process.on("unhandledRejection", (e) => onUncaught(e, "rejection"));
  let closing = false;
  async function shutdown(code = 0) {
    if (closing) return;
    closing = true;
    current?.controller.abort(stoppedEarly());
    await browsers.close();
    removeWorkerTmp(process.env[WORKER_TMP_ENV]);
    process.exit(code);
  }
  process.on("disconnect", () => void shutdown());
  const applySecrets = secretsEnv();
  async function attempt(id, data, n, env) {
    applySecrets(env);
    const controller = new AbortController();
    if (stopsAhead.delete(id)) controller.abort(stoppedEarly());
    current = { id, check: data, controller };
    pendingAssertions().clear();
    const startedAt = Date.now();
    let result;
    try {
      if (settings.browserRuns && attempts >= settings.browserRuns) {
        await replaceBrowser();
        attempts = 0;
      }
      attempts++;
      const check = { ...data, run: await source.runOf(data) };
      const browser = await browsers.get();
      host.event("started", void 0, id);
      result = await runAttempt(browser, check, n, controller.signal, {
        onStepBegin: (name, steps) => host.event("step", { current: name, startedAt: Date.now(), steps }, id)
      });
      await settleForgottenAssertions(controller.signal.aborted ? 0 : data.timeoutMs - (Date.now() - startedAt));
    } catch (error2) {
      result = runnerFailure(n, startedAt, error2);
    }
    applySecrets(void 0);
    const { error } = current;
    if (error && result.status !== "failed") result = { ...result, status: "failed", error: toErrorInfo(error) };
    previous = data;
    current = void 0;
    stopsAhead.delete(id);
    if (result.error?.class === "runner") await replaceBrowser();
    host.respond(id, { result, retire: error ? true : void 0 });
  }
  let renders = Promise.resolve();
  function render(id, html, width, height) {
    const fail = (error) => host.fail(id, error);
    if (current) return fail(new Error("an attempt is running in this worker"));
    renders = renders.then(async () => {
      let browser;
      try {
        browser = await browsers.get();
      } catch (error) {
        return fail(error);
      }
      host.event("renderStarted", void 0, id);
      let timer2;
      const late = new Promise((_, reject) => {
        timer2 = setTimeout(() => reject(new Error(`rendering took over ${RENDER_TIMEOUT_MS / 1e3} s`)), RENDER_TIMEOUT_MS);
      });
      const work = renderPage(browser, html, { width, height }, { timeoutMs: RENDER_TIMEOUT_MS, readyMs: RENDER_READY_MS });
      try {
        host.respond(id, await Promise.race([work, late]));
      } catch (error) {
        fail(error);
      } finally {
        clearTimeout(timer2);
        await within(work, RENDER_TIMEOUT_MS);
      }
    });
  }
  function request(kind, id, payload) {
    if (kind === "load") {
      const loadRequest = payload;
      Promise.all([
        // Said as soon as it is so: a load that runs out of time then names the browser, not the files.
        source.load(loadRequest).then((project) => (host.event("filesLoaded", void 0, id), project)),
        loadOnly ? {} : browsers.get().then((b) => ({ version: b.version(), identity: browserIdentity(b) }), (e) => ({ error: e.message }))
      ]).then(([project, browser]) => host.respond(id, { project, browser })).catch((e) => host.fail(id, e));
    } else if (kind === "attempt") {
      const { check, attempt: n, env } = payload;
      void renders.then(() => attempt(id, check, n, env));
    } else if (kind === "render") {
      const { html, width, height } = payload;
      render(id, html, width, height);
    } else {
      host.fail(id, new Error(`unknown request "${kind}"`));
    }
  }
  function cancel(id) {
    if (current?.id === id) current.controller.abort(stoppedEarly());
    else stopsAhead.add(id);
  }
}

// src/runner/worker-local.ts
startWorker(localChecks());
