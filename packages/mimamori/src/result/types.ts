// A run's results: plain data (never exceptions) that stores, notifiers and reports consume.
import type { Quiet } from '../maintenance/quiet.ts';

export type CheckStatus = 'passed' | 'degraded' | 'failed';
export type StepStatus = 'passed' | 'degraded' | 'failed' | 'skipped';

/**
 * Why a run failed, so an alert can tell "the site is broken" from "the monitor is broken":
 * assertion — the page did not show what the check expects;
 * timeout — the site (or a step, or the whole run) was too slow;
 * network — DNS, refused, TLS, or an HTTP error status of the main document;
 * runner — the browser failed to start or crashed: the monitor is broken, not the site.
 */
export type FailureClass = 'assertion' | 'timeout' | 'network' | 'runner';

/** An error serialised to cross a boundary (file, process, S3, Slack). */
export interface ErrorInfo {
  name: string;
  message: string;
  stack?: string;
  /** The step it happened in, when it happened in one. */
  step?: string;
  class: FailureClass;
}

export interface Budget {
  degradedResponseTime?: number;
  maxResponseTime?: number;
}

export interface StepResult {
  name: string;
  status: StepStatus;
  /** Epoch ms. Absent for skipped steps. */
  startedAt?: number;
  durationMs: number;
  budget: Budget;
  error?: ErrorInfo;
}

/** One navigation of the main document. Times are ms from the request's start. */
export interface Navigation {
  url: string;
  status: number | null;
  startedAt: number;
  ttfbMs?: number;
  domContentLoadedMs?: number;
  loadMs?: number;
  step?: string;
}

export interface Screenshot {
  /** File name, unique within the check: `01-open-product.png`. */
  file: string;
  step?: string;
  /** `step` after a step, `failure` at the point of failure, `final` the last view. */
  kind: 'step' | 'failure' | 'final';
  attempt: number;
  width: number;
  height: number;
  /** PNG bytes; never serialised into results.json (the store writes them as files). */
  bytes?: Buffer;
  /** Its key in the store layout, relative to the out folder: `runs/<check>/<yyyy>/<mm>/<dd>/<runId>/<file>`. */
  path?: string;
  /** Presigned and console links, when it is stored in S3. */
  link?: Link;
}

/**
 * The Playwright trace of the attempt that counted (`trace.zip`): kept when it failed (or always, with `trace: 'on'`).
 * `skipped`: a trace was due but none is kept, and why (too large, the check declares secrets, recording failed).
 */
export interface TraceEvidence {
  file: 'trace.zip';
  /** Bytes of the zip (0 when none was recorded). */
  size: number;
  /** The zip; never serialised into result.json (the store writes it as a file). */
  bytes?: Buffer;
  /** Its key in the store layout, relative to the out folder, once stored: `runs/<check>/…/<runId>/trace.zip`. */
  path?: string;
  /** Presigned and console links, when it is stored in S3. */
  link?: Link;
  skipped?: string;
}

/**
 * One screenshot compared with its baseline (`baselines/<check>/<name>.png`, in the store the state lives in). Set on
 * the host after the run, before the verdict: a change above the check's `visual.maxDiffPixelRatio` makes it degraded
 * (or failed).
 */
export interface VisualComparison {
  /** The baseline's name: `final` for the final view, the step's slug for a step's picture. */
  name: string;
  /** Its key in the store: `baselines/<check>/<name>.png`. */
  baseline: string;
  /** The screenshot compared (its file name in the run's folder). */
  screenshot: string;
  /** Share of pixels that differ, 0–1 (1 when the sizes differ); absent when nothing was compared (recorded, error). */
  diffRatio?: number;
  /** The limit it was held to (`maxDiffPixelRatio`). */
  limit: number;
  changed: boolean;
  /** No baseline yet, an unreadable one, or --update-baselines: this run's picture became it, no verdict. */
  recorded?: boolean;
  /** The stored baseline was no readable PNG (`empty (0 bytes)`, `truncated (…)`, `damaged (…)`): replaced, see `recorded`. */
  unreadable?: string;
  /** The sizes differ: `1280×720 → 1280×900` (a change by itself). */
  sizeChange?: string;
  /** The diff picture (changed pixels in red over a faded copy), stored next to the screenshots. */
  diff?: { file: string; bytes?: Buffer; path?: string; link?: Link };
  /** The baseline's PNG, for the alert shown beside the picture now (never serialised, as every `bytes`). */
  bytes?: Buffer;
  /** Reading, comparing or recording failed: no verdict from this picture. */
  error?: { name: string; message: string };
}

/** A link a person can open: a presigned GET (S3) or a file path, and the AWS console page of the object. */
export interface Link {
  url: string;
  /** The object's page in the AWS console: works as long as the object is there, for whoever can sign in to the account. */
  consoleUrl?: string;
  /**
   * ISO time a presigned URL stops working: its own expiry, or the end of the credentials that signed it when that
   * comes first (a URL signed with temporary credentials dies with them, whatever its X-Amz-Expires says).
   */
  expiresAt?: string;
  /**
   * Signed with temporary credentials that do not tell their end (Lambda's role: a session token, no expiration): the
   * URL stops working when that session ends, often within hours, and at `expiresAt` at the latest.
   */
  endsWithSession?: boolean;
}

/** Where a check's evidence was stored, how long that took, and what went wrong. */
export interface StorageOutcome {
  /** The run's folder in the key layout (the same in every store; S3 keys add the prefix). */
  folder: string;
  /** The local copy, always written first. */
  local: string;
  /** Writing the local copy failed (disk full, no permission): the run goes on to S3 and Slack. */
  localError?: { name: string; message: string };
  s3?: {
    location: string;
    /** Links to this check's result.json. */
    result?: Link;
    error?: { name: string; message: string };
  };
  /** Adding the run to its check's day of history (`history/…`, where the state lives) failed: alerting went ahead. */
  historyError?: { name: string; message: string };
  /** Its day of history was unreadable or held malformed runs: repaired (or replaced) by this run's write. */
  historyWarning?: string;
  durationMs: number;
}

export interface PageErrors {
  consoleErrors: number;
  failedRequests: number;
  /** The first few messages, for the report. */
  samples: string[];
}

export interface AttemptSummary {
  attempt: number;
  status: CheckStatus;
  durationMs: number;
  error?: ErrorInfo;
}

export interface CheckResult {
  name: string;
  file: string;
  description?: string;
  tags: string[];
  baseURL: string;
  status: CheckStatus;
  startedAt: number;
  durationMs: number;
  budget: Budget;
  /** How many attempts ran; the last one is the one reported. */
  attempts: number;
  /** Failed first, then passed on a retry. */
  flaky: boolean;
  attemptHistory: AttemptSummary[];
  steps: StepResult[];
  navigations: Navigation[];
  screenshots: Screenshot[];
  pageErrors: PageErrors;
  error?: ErrorInfo;
  /** Playwright's trace of the attempt that counted, when the `trace` option keeps one. */
  trace?: TraceEvidence;
  /** The X-Ray trace of the Lambda invocation that ran it (its Root id), when tracing is on. */
  traceId?: string;
  /** Screenshots compared with their baselines, when the check's `visual` option is on (set after the run). */
  visual?: VisualComparison[];
  /** Limits nearly reached (over 80 % of the timeout or a maxResponseTime), before they become failures. */
  warnings?: string[];
  /** How this run compares with the check's own usual response time (set after the run, from its state). */
  usual?: UsualVerdict;
  /** The last passed run's picture, shown beside this one when it alerts (set after the run, from its state). */
  lastGood?: LastGoodEvidence;
  /**
   * The chart of the check's recent response times a degraded alert carries (set after the run): how many runs it
   * draws, its PNG (never serialised), or why it could not be made — the alert goes out without it.
   */
  trendChart?: { runs: number; bytes?: Buffer; error?: { name: string; message: string } };
  /** Filled in by the store after the run. */
  storage?: StorageOutcome;
  /** Filled in by the notifier after storage. */
  notification?: NotificationOutcome;
  /** The check was in a maintenance window or muted when it ran (set after the run): recorded, and nothing was sent. */
  quiet?: Quiet;
  /** What the probe regions saw of this failing run (`confirmFrom`, set after the run): asked before it was judged. */
  confirmation?: Confirmation;
}

/**
 * A failure as seen from the probe regions (docs/probes.md). `confirmed`: a probe region saw it fail too.
 * `home-only`: every probe region answered and saw the site up. `unconfirmed`: neither (a probe did not answer in
 * time, or could not be asked): judged as without probes — a missing confirmation never silences an outage.
 */
export interface Confirmation {
  /** The region this run ran in. */
  home: string;
  verdict: 'confirmed' | 'home-only' | 'unconfirmed';
  /** What the alert says: "down from ap-northeast-1 and us-west-2", "down from ap-northeast-1 only; us-west-2 sees it up". */
  words: string;
  probes: ProbeAnswer[];
  /** How long the run waited for the answers. */
  waitedMs: number;
}

/** One probe region's answer. */
export interface ProbeAnswer {
  region: string;
  /**
   * What it saw; `no answer` within the wait; `not asked` when its queue refused the request or too little time was
   * left; `not run` when it answered that it could not run the check (its own failure, or too little time): `error` says why.
   */
  outcome: 'failed' | 'passed' | 'degraded' | 'no answer' | 'not asked' | 'not run';
  /** The probe's journey, as long as it took there. */
  durationMs?: number;
  /** Why it failed there (the failing step and message), or why it could not be asked. */
  error?: { message: string; step?: string };
  /** Its evidence in the home bucket, under this run's folder: the answer and the screenshot. */
  answerKey?: string;
  screenshotKey?: string;
  /** A link to the screenshot (set when the alert goes out). */
  link?: Link;
  /** The screenshot's PNG, for the alert (never serialised). */
  bytes?: Buffer;
}

/** A duration now against the usual one. */
export interface Comparison {
  /** This run. */
  nowMs: number;
  /** The median of the recent runs the rule looks at (this one included). */
  medianMs: number;
  /** The frozen baseline. */
  usualMs: number;
}

/**
 * The "slower than usual" verdict: `learning` until the check has enough runs for a baseline; then `usual`, or
 * `slower` (the run is degraded) with the numbers and the rule in one sentence.
 */
export type UsualVerdict =
  | { state: 'learning'; runs: number; needed: number; sentence: string }
  | {
    state: 'usual' | 'slower';
    journey: Comparison;
    /** The step that slowed most (when the run is slower). */
    step?: Comparison & { name: string };
    learnedAt: string;
    /** Slower since (ISO), while it is. */
    since?: string;
    /** The verdict with its numbers, in one sentence. */
    sentence: string;
    /** The rule it applies, in one sentence. */
    rule: string;
  };

/** The last passed run of the check, and its picture of the same step where there is one. */
export interface LastGoodEvidence {
  runId: string;
  startedAt: number;
  screenshot?: { file: string; step?: string; kind: Screenshot['kind']; path: string; link?: Link };
  /** Its bytes, for the alert (never serialised). */
  bytes?: Buffer;
}

/** What the alert policy decided for a run, what was sent, and what failed (the run's result is kept either way). */
export interface NotificationOutcome {
  /** none · open (first alert of an incident) · reply (in its thread) · recover · post (a message outside incidents). */
  action: 'none' | 'open' | 'reply' | 'recover' | 'post';
  /** Why nothing was sent, or what was sent, in words. */
  reason: string;
  channel?: string;
  /** ts of the message posted (the incident's thread parent for `open`). */
  ts?: string;
  threadTs?: string;
  /** The text message (or the parent update) failed. */
  error?: { name: string; message: string };
  /** The screenshot upload failed (the text alert may still have gone out). */
  imageError?: { name: string; message: string };
  /** Why the screenshot was not sent although nothing failed: Slack was too busy for it (the message links to it). */
  imageSkipped?: string;
  /** The check's state could not be read or written: alerting went ahead without it (it may repeat an alert). */
  stateError?: { name: string; message: string };
  /** The check's state object was unreadable (corrupt): read as none, so the check started afresh, and replaced. */
  stateWarning?: string;
  /** Slack's rate limit left no time for a message of its own: the check was folded into this one message for several. */
  folded?: { channel: string; ts: string; checks: number };
  /** The message that was (or, without a token, would be) sent: plain-text fallback and Block Kit blocks. */
  preview?: { text: string; blocks: unknown[] };
  /**
   * Alerts routed to several channels: each target's outcome, in the route's order (the fields above are the first
   * target's). The alert failed to send when ANY of them has an `error`.
   */
  targets?: NotificationTarget[];
}

/** One target's outcome: which notifier (`slack`, `chatwork`, `teams`, `webhook`), where to, and what happened. */
export type NotificationTarget = Omit<NotificationOutcome, 'targets' | 'stateError' | 'stateWarning'> & {
  notifier: string;
  /** The target's destination as configured (a channel, a room id, a secret's NAME); empty: the default channel. */
  to: string;
};

export interface RunResult {
  runId: string;
  startedAt: number;
  durationMs: number;
  results: CheckResult[];
  /** The X-Ray trace of the Lambda invocation (its Root id), when tracing is on. */
  traceId?: string;
  /** Problems with check files or config: those checks did not run. */
  diagnostics: Diagnostic[];
  /** Checks the run was interrupted before they finished (Ctrl-C, SIGTERM): no result, no state, no alert. */
  interrupted?: { name: string; file: string; signal: string }[];
  /** Mutes that had ended, announced by this run (each once, by whichever run noticed first), or why not. */
  mutesEnded?: { announced: string[]; failed: { target: string; error: string }[]; error?: string };
}

/**
 * One problem with a check file or the config: the user fixes them all in one go. `fatal` (Checkly's isFatal): the
 * run would be meaningless (a broken config drops every check's base URL and defaults), so nothing runs, is stored or
 * alerted. `error` (the default): that check is skipped, the others run, the exit code says so. `note`: benign, listed
 * and nothing more — no check asked for was skipped, so it changes neither the exit code nor the JUnit counts.
 */
export interface Diagnostic {
  file: string;
  field?: string;
  message: string;
  severity?: 'fatal' | 'error' | 'note';
}

export const isFatal = (d: Diagnostic): boolean => d.severity === 'fatal';
export const isNote = (d: Diagnostic): boolean => d.severity === 'note';
