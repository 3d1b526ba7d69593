// What a log watch's delivery is handled with: the setup that holds for an invocation, the store and the notifier
// (with a clock and a pause tests give their own), and what it did.
import type { ResolvedLogWatch } from '../check/watches.ts';
import type { Redactor } from '../result/redact.ts';
import type { SlackPoster } from '../notify/slack-threads.ts';
import type { Store } from '../store/store.ts';
import type { ThreadRef } from '../episode/thread-ref.ts';
import type { MatchBudget } from './line-matcher.ts';
import { defaultSleep } from './window-state.ts';

/** What a delivery did; `thread` is the window's (the notifier's ref). */
export type LogWatchOutcome =
  | { action: 'opened'; watch: string; thread: ThreadRef; lines: number }
  | { action: 'replied'; watch: string; thread: ThreadRef; lines: number; total: number }
  | { action: 'counted'; watch: string; thread: ThreadRef; lines: number; total: number }
  | { action: 'ignored'; why: string; watch?: string };

/** What does not change within an invocation: the watches, and how lines are redacted, linked and dated. */
export interface LogWatchSetup {
  watches: readonly ResolvedLogWatch[];
  redactor: Redactor;
  timeZone: string;
  /** MIMAMORI_STACK_NAME: the subscription filters are named `<stack>-<watch>`. */
  stackName?: string;
  /** The console links' region (the function's own: the log groups are in the stack's region); none, no link. */
  region?: string;
  /** SLACK_CHANNEL; none: Slack is off, nothing is posted. */
  channel?: string;
  /** AWS_LAMBDA_LOG_GROUP_NAME: this function's own lines are never posted (each post would log a line that matches). */
  ownLogGroup?: string;
  /** How long and how far the pattern may look at lines; default MATCH_BUDGET (tests give a small one). */
  matchBudget?: MatchBudget;
}

export interface LogWatchDeps {
  store: Store;
  slack: SlackPoster;
  /** The wall clock and a pause: for a claim's age, the wait for its parent and between saves (tests give their own). */
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
  /** For what goes wrong without failing the delivery (handleLogPayload gives its own); default the console. */
  log?: LogWatchLog;
}

/** The deps with their defaults. */
export type Io = Required<LogWatchDeps>;
export const ioOf = (deps: LogWatchDeps): Io => ({ ...deps, now: deps.now ?? Date.now, sleep: deps.sleep ?? defaultSleep, log: deps.log ?? console });

export interface LogWatchLog {
  info(message: string, fields: Record<string, unknown>): void;
  warn(message: string, fields: Record<string, unknown>): void;
}
