// What a check remembers between runs (`state/<check>.json`): its last run, failures in a row, the open incident,
// the last good run's evidence and its recent durations with the "usual" baseline. Shapes only; policy/evaluate.ts
// computes the next one.
import type { CheckStatus } from '../result/types.ts';
import type { Baseline, Sample } from './usual.ts';
import type { ThreadRef } from '../episode/thread-ref.ts';
import type { QuietStart } from './alert-policy.ts';

export interface CheckState {
  check: string;
  lastStatus: CheckStatus;
  lastRunId: string;
  /** ISO time the last run started. */
  lastRunAt: string;
  lastDurationMs: number;
  /** The last run's folder in the key layout. */
  lastRunFolder: string;
  /** Runs in a row that failed because of the site (assertion, timeout, network), up to and including the last. */
  consecutiveFailures: number;
  /** Runs in a row the monitor itself could not run (`runner` failures): counted apart, they say nothing of the site. */
  consecutiveRunnerFailures?: number;
  /** The open incident; null when none. */
  incident: Incident | null;
  /** The last passed run, whose screenshots an alert shows beside the failure's. */
  lastGood?: LastGood;
  /** The recent durations of runs that did not fail, newest last (bounded: see usual.ts). */
  history?: Sample[];
  /** The frozen "usual" response time, once learned. */
  baseline?: Baseline;
  /** Since when the check has been slower than usual (ISO), while it is. */
  slowerSince?: string;
  /** Since when its recent runs have been clearly faster than usual (ISO), while they are. */
  fasterSince?: string;
  /** The site's failures in a row began in quiet time (a window, a mute): when, and which; gone once it stops failing. */
  quietStart?: QuietStart;
  /** The last run was in quiet time: nothing it saw was reported, so the next run's degradation is news. */
  lastQuiet?: boolean;
  /** Since when the site's failures have been seen from the home region only (confirmFrom), once noted: not noted again. */
  homeOnlySince?: string;
  /** The last runs already in this state (newest last): a redelivered run is recognised and alerts nothing twice. */
  recentRuns?: string[];
  /** Fields other parts of mimamori add are kept as they are. */
  [field: string]: unknown;
}

/**
 * An incident: from the first alert to the recovery, one thread. `site` when the site failed; `monitor` when
 * mimamori itself could not run the check (Chromium would not start, a worker crashed) — said differently.
 */
export interface Incident {
  kind?: 'site' | 'monitor';
  openedAt: string;
  openedRunId: string;
  /** Failed runs since it opened. */
  failures: number;
  /** Where the notifier threads it, once its first message is posted: the notifier's own, opaque here. */
  thread?: ThreadRef;
  /** The run that opened it could not post its first message: later runs post into the channel instead. */
  unposted?: boolean;
}

/** How many run ids `recentRuns` keeps: more than a queue could redeliver, a few hundred bytes. */
export const RECENT_RUNS = 20;

export interface LastGood {
  runId: string;
  /** ISO time the run started. */
  at: string;
  /** Its folder in the key layout. */
  folder: string;
  screenshots: { file: string; step?: string; kind: 'step' | 'failure' | 'final' }[];
}
