// A worker process: the only place check code runs. It loads check files, owns one Chromium and runs one attempt at a
// time for the host, over IPC. Whatever check code does here — blocks the event loop, exits, throws from a timer —
// costs this process, never the host that stores results and sends alerts.
import type { CheckDefinition, ResolvedCheck } from '../check/types.ts';
import type { CheckData } from '../check/check-data.ts';
import { runAttempt } from './attempt.ts';
import { runnerFailure, type AttemptResult } from './attempt-result.ts';
import { browserProvider } from './browser-provider.ts';
import { browserIdentity, findChromium, launchBrowser } from './browser.ts';
import { removeWorkerTmp } from './worker-env.ts';
import { watchHost } from './orphan-watch.ts';
import { serveHost } from './process-child.ts';
import { uncaughtInCheck } from './worker-errors.ts';
import { stoppedEarly, toErrorInfo } from './errors.ts';
import { within } from './within.ts';
import { renderPage } from './render-page.ts';
import { mapResultStacks, mapStack } from './mapped-stack.ts';
import { pendingAssertions } from '../pending-assertions.ts';
import { BEAT_MS, RENDER_READY_MS, RENDER_TIMEOUT_MS, TAINTED, WORKER_LOAD_ONLY_ENV, WORKER_TMP_ENV, type LoadedProject, type LoadRequest, type WorkerRequests } from './worker-protocol.ts';

/** Where checks come from: files compiled on the fly (the CLI), or the registry compiled into the Lambda bundle. */
export interface CheckSource {
  load(request: LoadRequest): Promise<LoadedProject>;
  /** The `run` function of a check the source loaded. */
  runOf(check: CheckData): Promise<CheckDefinition['run']>;
}

export interface WorkerSettings {
  /** Replace the browser after this many attempts (bounds memory where contexts are never closed: Lambda). */
  browserRuns?: number;
}

/**
 * Waits (up to `ms`, what is left of the check's timeout) for assertions the check started but never awaited: one that
 * fails now is an unhandled rejection, which the handler below turns into the check's failure.
 */
async function settleForgottenAssertions(ms: number): Promise<void> {
  const forgotten = [...pendingAssertions()].filter((a) => !a.observed).map((a) => a.promise.catch(() => {}));
  if (forgotten.length) await within(Promise.all(forgotten), Math.max(0, ms));
  // A rejection just now reaches 'unhandledRejection' before the next turn of the event loop.
  await new Promise((resolve) => setImmediate(resolve));
}

/**
 * Sets an attempt's secrets on process.env (check code reads `process.env.NAME`), and puts back — as they were before
 * any attempt set them — the names set earlier that are not given now (`undefined`: none). A warm worker runs one check
 * after another: one check's secrets are not the next one's, nor are they left behind once it is over.
 */
function secretsEnv(): (env: Record<string, string> | undefined) => void {
  const original = new Map<string, string | undefined>();
  return (env = {}) => {
    for (const [name, value] of original) {
      if (Object.hasOwn(env, name)) continue;
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
      original.delete(name);
    }
    for (const [name, value] of Object.entries(env)) {
      if (!original.has(name)) original.set(name, process.env[name]);
      process.env[name] = value;
    }
  };
}

/** True when the error's stack names the previous check's file and not the current one's: a leftover, not news. */
function cameFrom(error: Error, previous: CheckData | undefined, now: CheckData): boolean {
  const stack = error.stack ?? '';
  return Boolean(previous && previous.file !== now.file && stack.includes(previous.file) && !stack.includes(now.file));
}

export function startWorker(source: CheckSource, settings: WorkerSettings = {}): void {
  // A host killed without a word (SIGKILL, the OOM killer) is noticed on 'disconnect' — unless check code is blocking this
  // event loop. A watcher outside it ends the process then, with its Chromium and folder. First: before any other child.
  watchHost(process.env[WORKER_TMP_ENV]);
  // The heartbeat starts here: it stops when check code blocks the event loop, which is how the host knows to step in.
  const channel = serveHost({ request, cancel, stop: () => void shutdown() }, BEAT_MS);
  // A load or render that fails reaches the host with its stack at mimamori's .ts lines (mapped here: failures only).
  const host: typeof channel = {
    ...channel,
    fail: (id, error) => channel.fail(id, error instanceof Error && error.stack ? { name: error.name, message: error.message, stack: mapStack(error.stack) } : error),
  };
  // No process-wide source maps (and none from NODE_OPTIONS=--enable-source-maps on Lambda): they would map the stack
  // Playwright captures on every call. A reported error's stack is mapped once, by mapStack.
  process.setSourceMapsEnabled(false);
  // Chromium is found (and inflated, shared by every worker) in the system's temporary folder; its profile then goes
  // to this worker's own, which the host removes when the worker ends — killed or not.
  const launch = async () => {
    await findChromium();
    if (process.env[WORKER_TMP_ENV]) process.env.TMPDIR = process.env[WORKER_TMP_ENV];
    // A Chromium that dies as it starts ("Target … closed", no log) was seen now and then on a loaded 2-core machine:
    // once is a hiccup, not a broken monitor worth a `runner` alert. A second failure is reported as it is.
    return launchBrowser().catch((error: Error) => (/closed/i.test(error.message) ? launchBrowser() : Promise.reject(error)));
  };
  let browsers = browserProvider(launch);
  /** A fresh browser for the next check: the old one failed, crashed, or has served its runs. */
  const replaceBrowser = async () => {
    await browsers.close();
    browsers = browserProvider(launch);
  };
  let attempts = 0;
  // Chromium starts while the host is still deciding what to run — unless the host only wants the project loaded.
  const loadOnly = process.env[WORKER_LOAD_ONLY_ENV] === '1';
  if (!loadOnly) void browsers.get().catch(() => {});

  // A terminal's Ctrl-C reaches the whole process group; the host decides what stops and how.
  process.on('SIGINT', () => {});
  process.on('SIGTERM', () => {});

  let current: { id: number; check: CheckData; controller: AbortController; error?: Error } | undefined;
  // Stops for attempts still queued behind a render: applied when the attempt begins.
  const stopsAhead = new Set<number>();
  let previous: CheckData | undefined;
  const onUncaught = (thrown: unknown, kind: 'exception' | 'rejection') => {
    const error = uncaughtInCheck(thrown, kind);
    if (error.stack) error.stack = mapStack(error.stack);
    if (current && !cameFrom(error, previous, current.check)) {
      current.error ??= error;
      current.controller.abort(error);
      return;
    }
    // Code of a check that already finished (a timer it left, an assertion it never awaited): nothing can own it
    // now. The worker says so and is replaced; the check running now, if any, is not blamed.
    process.stderr.write(`mimamori worker: code of ${previous ? `check "${previous.name}"` : 'a check'} threw after it finished: ${error.stack ?? error.message}\n`);
    host.event(TAINTED);
  };
  process.on('uncaughtException', (e) => onUncaught(e, 'exception'));
  process.on('unhandledRejection', (e) => onUncaught(e, 'rejection'));

  let closing = false;
  async function shutdown(code = 0): Promise<void> {
    if (closing) return;
    closing = true;
    current?.controller.abort(stoppedEarly());
    await browsers.close();
    // The host removes this folder when it sees the worker end; if the host is gone, nobody else will.
    removeWorkerTmp(process.env[WORKER_TMP_ENV]);
    process.exit(code);
  }
  // The host went away (or asked): close Chromium and leave.
  process.on('disconnect', () => void shutdown());

  const applySecrets = secretsEnv();

  async function attempt(id: number, data: CheckData, n: number, env?: Record<string, string>): Promise<void> {
    applySecrets(env);
    const controller = new AbortController();
    if (stopsAhead.delete(id)) controller.abort(stoppedEarly());
    current = { id, check: data, controller };
    pendingAssertions().clear();
    const startedAt = Date.now();
    let result: AttemptResult;
    try {
      if (settings.browserRuns && attempts >= settings.browserRuns) {
        await replaceBrowser();
        attempts = 0;
      }
      attempts++;
      const check = { ...data, run: await source.runOf(data) } as ResolvedCheck;
      const browser = await browsers.get();
      host.event('started', undefined, id);
      result = await runAttempt(browser, check, n, controller.signal, {
        onStepBegin: (name, steps) => host.event('step', { current: name, startedAt: Date.now(), steps }, id),
      });
      // Told to stop (Lambda's reserve): no waiting for forgotten assertions — the reserve is for storing and alerting.
      await settleForgottenAssertions(controller.signal.aborted ? 0 : data.timeoutMs - (Date.now() - startedAt));
    } catch (error) {
      result = runnerFailure(n, startedAt, error);
    }
    // The check is over: its secrets leave process.env (the next attempt brings its own).
    applySecrets(undefined);
    const { error } = current;
    // An error nothing awaited that arrived as the journey ended still fails the check: it must not pass.
    if (error && result.status !== 'failed') result = { ...result, status: 'failed', error: toErrorInfo(error) };
    previous = data;
    current = undefined;
    // A stop that crossed this attempt's end is no longer for anyone (ids are never reused; a warm Lambda lives long).
    stopsAhead.delete(id);
    // Every error the result reports points at the check's .ts lines (Node's source maps are off in this process).
    result = mapResultStacks(result);
    // A browser that failed or crashed is not kept for the next check.
    if (result.error?.class === 'runner') await replaceBrowser();
    host.respond(id, { result, retire: error ? true : undefined });
  }

  /**
   * A chart or a picture for the host: `html` in a fresh context of this worker's Chromium, screenshot once the page
   * says it has drawn (`<html data-ready="1">`). Renders run one at a time and never beside an attempt (an attempt
   * that arrives meanwhile waits for them); each is bounded by RENDER_TIMEOUT_MS, its context closed either way.
   */
  let renders: Promise<void> = Promise.resolve();
  function render(id: number, html: string, width: number, height: number): void {
    const fail = (error: unknown) => host.fail(id, error);
    if (current) return fail(new Error('an attempt is running in this worker'));
    renders = renders.then(async () => {
      // A cold worker first inflates and launches Chromium: not the render's time (the host bounds that start).
      let browser: Awaited<ReturnType<typeof browsers.get>>;
      try {
        browser = await browsers.get();
      } catch (error) {
        return fail(error);
      }
      host.event('renderStarted', undefined, id);
      let timer: NodeJS.Timeout | undefined;
      const late = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`rendering took over ${RENDER_TIMEOUT_MS / 1000} s`)), RENDER_TIMEOUT_MS);
      });
      const work = renderPage(browser, html, { width, height }, { timeoutMs: RENDER_TIMEOUT_MS, readyMs: RENDER_READY_MS });
      try {
        host.respond(id, await Promise.race([work, late]));
      } catch (error) {
        fail(error);
      } finally {
        clearTimeout(timer);
        // A render that overran still ends (its context closed) before the next render or attempt starts.
        await within(work, RENDER_TIMEOUT_MS);
      }
    });
  }

  function request(kind: string, id: number, payload: unknown): void {
    if (kind === 'load') {
      const loadRequest = payload as WorkerRequests['load']['payload'];
      Promise.all([
        // Said as soon as it is so: a load that runs out of time then names the browser, not the files.
        source.load(loadRequest).then((project) => (host.event('filesLoaded', undefined, id), project)),
        loadOnly ? {} : browsers.get().then((b) => ({ version: b.version(), identity: browserIdentity(b) }), (e: Error) => ({ error: e.message })),
      ])
        .then(([project, browser]) => host.respond(id, { project, browser }))
        // A config that cannot cross to the host (a function where data belongs) fails here too, with its message.
        .catch((e: Error) => host.fail(id, e));
    } else if (kind === 'attempt') {
      const { check, attempt: n, env } = payload as WorkerRequests['attempt']['payload'];
      void renders.then(() => attempt(id, check, n, env));
    } else if (kind === 'render') {
      const { html, width, height } = payload as WorkerRequests['render']['payload'];
      render(id, html, width, height);
    } else {
      host.fail(id, new Error(`unknown request "${kind}"`));
    }
  }

  /** Stops attempt `id` (Lambda's time is nearly up), or, if it still waits behind a render, keeps the stop for it. */
  function cancel(id: number): void {
    if (current?.id === id) current.controller.abort(stoppedEarly());
    else stopsAhead.add(id);
  }
}
