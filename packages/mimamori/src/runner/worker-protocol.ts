// The messages between the process that owns results (the host) and a worker process that runs check code.
// Requests and their answers go over a ProcessHost (ids, timeouts, exits: src/runner/process-host.ts), on Node's IPC
// channel with `serialization: 'advanced'`, so Buffers (screenshots) cross as they are.
import type { Diagnostic, StepResult } from '../result/types.ts';
import type { ProjectConfig } from '../check/types.ts';
import type { CheckData } from '../check/check-data.ts';
import type { AttemptResult } from './attempt-result.ts';
import type { BrowserIdentity } from './browser-candidates.ts';

/** What to load: files and names from the command line, or (on Lambda) check names from the compiled-in registry. */
export type LoadRequest =
  | { kind: 'files'; cwd: string; configPath?: string; targets: string[] }
  | { kind: 'names'; names: string[] };

/** A project as the host sees it: data only — the check functions stay in the worker. */
export interface LoadedProject {
  config: ProjectConfig;
  /** Absolute path of the config file, when there is one. */
  configFile?: string;
  checks: CheckData[];
  problems: Diagnostic[];
  /** Files named on the command line (display paths) and words taken as check names: for selection. */
  explicit: string[];
  names: string[];
}

/** The worker's browser as the run header tells it: its version and which build it is, or why it could not start. */
export interface BrowserReport {
  version?: string;
  identity?: BrowserIdentity;
  error?: string;
}

/**
 * The requests a worker answers (ProcessHost requests: src/runner/process-host.ts), each with its payload, its answer,
 * and the progress it reports on the way (events with the request's id).
 */
export interface WorkerRequests {
  /** Load and validate the project. Progress: `filesLoaded` (its browser may still be starting: a cold start). */
  load: { payload: LoadRequest; result: Loaded };
  /**
   * One attempt. `env`: the check's declared secrets (Lambda reads them from SSM for each run), set on the worker's
   * process.env before the check runs; names set by an earlier attempt and not given now are put back as they were.
   * Never logged. Progress: `started` (its timeout counts from here), `step` (a StepEvent). A cancel stops it (Lambda's
   * time is nearly up: it still takes its failure screenshot and reports); a cancel that arrives while it still waits
   * behind a render is kept for it, not dropped.
   */
  attempt: { payload: { check: CheckData; attempt: number; env?: Record<string, string> }; result: AttemptEnd };
  /**
   * Screenshot an HTML page (a chart) with the worker's Chromium, never while an attempt runs in it: a fresh context,
   * `html` set as its content, the viewport `width`×`height` taken once the page sets `<html data-ready="1">`.
   * Progress: `renderStarted` (its browser is up: the render's own time counts from here). Answers the PNG.
   */
  render: { payload: { html: string; width: number; height: number }; result: Uint8Array };
}

export interface Loaded {
  project: LoadedProject;
  /** The worker's Chromium: its version and which build it is, or why it could not start. */
  browser: BrowserReport;
}

/**
 * The attempt's result. `retire`: check code threw outside any await (an unhandled rejection or an exception in a
 * timer): the worker's state can no longer be trusted, so the host replaces it.
 */
export interface AttemptEnd { result: AttemptResult; retire?: boolean }

/** A step began: the steps finished so far, so a worker that dies mid-step still leaves its record. */
export interface StepEvent { current: string; startedAt: number; steps: StepResult[] }

/** News about the worker itself: code of a check that already finished threw, so it can no longer be trusted. */
export const TAINTED = 'tainted';

/**
 * Set to '1' on a worker that only loads the project (`mimamori validate`): it starts no Chromium — not ahead of time,
 * not for the load's browser report (which is then empty). An attempt or a render would still start one.
 */
export const WORKER_LOAD_ONLY_ENV = 'MIMAMORI_WORKER_LOAD_ONLY';

/** The worker's own temporary folder (its Chromium profile goes there), made and removed by the host. */
export const WORKER_TMP_ENV = 'MIMAMORI_WORKER_TMP';

/** A render takes at most this long in the worker (the page's content, its drawing, the screenshot). */
export const RENDER_TIMEOUT_MS = 5_000;
/** How long a rendered page may take to say it has drawn (`data-ready="1"`) before the render fails. */
export const RENDER_READY_MS = 2_000;

/** How often a worker says it is alive (its heartbeat: src/runner/process-child.ts). */
export const BEAT_MS = 250;
