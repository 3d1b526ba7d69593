// The log-watch handler's logic: a CloudWatch Logs subscription delivery becomes Slack. The lines matching the watch's
// regular expression (redacted, trimmed, cut) are posted per window: the first match opens a window of windowMinutes
// with a new message, later matches in it reply in its thread and update the parent's count. The window of each watch
// is kept in the evidence bucket as <prefix>log-watches/<watch>.json, written conditionally (If-Match /
// If-None-Match): a delivery claims a window in the store before posting its parent, so two at once give one parent.
import { createHash, randomUUID } from 'node:crypto';
import type { ResolvedLogWatch } from '../check/watches.ts';
import { redactorFor, type Redactor } from '../result/redact.ts';
import { clip, logWatchParent, logWatchReply, MAX_LINK_CHARS, PARENT_LINES, type LogMatchBatch, type LogWatchMessageContext } from '../notify/log-watch-message.ts';
import { logLinesUrl } from '../notify/logs-link.ts';
import { CONDITIONAL_TRIES } from '../store/conditional-update.ts';
import { openS3Store } from '../store/s3-store.ts';
import { s3Settings } from '../store/settings.ts';
import { WriteConflict, type Store } from '../store/store.ts';
import { matchLines, MATCH_BUDGET, type MatchBudget } from './line-matcher.ts';
import { defaultSleep, readState, remember, saveState, writeState, type LogWatchState, type LogWindow } from './log-watch-state.ts';
import { decodeLogPayload, type LogEvent, type LogsPayload } from './log-payload.ts';
import { slackPoster, type SlackPoster } from './slack-poster.ts';

export { logWatchKey, REMEMBERED_DELIVERIES, REMEMBERED_IDS, SAVE_JITTER_MS, SAVE_TRIES, type LogWatchState, type LogWindow } from './log-watch-state.ts';

/** A posted line is cut to this many characters: a stack trace or a dumped request is one log event. */
export const MAX_LINE_CHARS = 300;
/** How long a delivery waits for the parent of a window another delivery claimed, reading it every CLAIM_POLL_MS. */
export const CLAIM_WAIT_MS = 5_000;
export const CLAIM_POLL_MS = 200;
/**
 * A claim with no parent after this long was left by a delivery that failed (Slack or S3 down, or it timed out): the
 * next delivery takes the window over. Lambda retries a failed asynchronous invocation after a minute at the soonest.
 */
export const CLAIM_STALE_MS = 30_000;
/**
 * An error storm (many streams, a delivery every few seconds each) must not become hundreds of replies and two Slack
 * calls per delivery, past Slack's one message a second per channel: a window's thread takes this many replies, then
 * further lines are only counted, and the parent's count is refreshed at most every PARENT_REFRESH_MS (and once more,
 * with the final count, when the next window opens).
 */
export const MAX_REPLIES = 10;
export const PARENT_REFRESH_MS = 30_000;
/**
 * A line is delivered after it was logged, so one dated later than the clock (plus this much skew between the
 * logging host and Lambda) is wrong: its window is timed by the clock instead, or a line dated 2 h ahead would hold
 * the window — and every match of the next 2 h in its thread.
 */
export const MAX_FUTURE_SKEW_MS = 60_000;

/** One matching log event, as posted. */
export interface MatchedLine {
  id: string;
  timestamp: number;
  text: string;
}

/** Redacted first (a cut could leave half a secret the rules no longer recognise), then trimmed and cut. */
function postedLine(message: string, redactor: Redactor): string {
  return clip(redactor.text(message).trim(), MAX_LINE_CHARS);
}

/** A delivery's lines as the pattern judged them: those to post, and those it could not judge in time. */
export interface Matching {
  lines: MatchedLine[];
  /** Lines the pattern took longer than the budget's lineMs on, alone: a pattern that backtracks catastrophically. */
  tooSlow: LogEvent[];
  /** Lines not reached within the budget's deliveryMs. */
  unchecked: LogEvent[];
}

/** The events whose message matches `pattern` (tested on the line as logged, within `budget`), ready to post. */
export function matchingLines(events: LogEvent[], pattern: RegExp, redactor: Redactor, budget: MatchBudget = MATCH_BUDGET): Matching {
  const verdicts = matchLines(events.map((e) => e.message), pattern, budget);
  return {
    lines: verdicts.matched.map((i) => events[i]!).map((e) => ({ id: e.id, timestamp: e.timestamp, text: postedLine(e.message, redactor) })),
    tooSlow: verdicts.tooSlow.map((i) => events[i]!),
    unchecked: verdicts.unchecked.map((i) => events[i]!),
  };
}

/**
 * Lines the pattern could not judge are not posted (they may not match) but said once per delivery in the function's
 * log, with their ids — the delivery goes on with the other lines, where it used to time out and lose them all.
 */
function reportUnjudged(watch: ResolvedLogWatch, m: Matching, budget: MatchBudget, log: LogWatchLog, where: Record<string, unknown>): void {
  if (!m.tooSlow.length && !m.unchecked.length) return;
  const slow = m.tooSlow.length ? `${String(watch.pattern)} took over ${budget.lineMs} ms on ${m.tooSlow.length} line(s) — it backtracks catastrophically: rewrite it (README: Log watches)` : '';
  const late = m.unchecked.length ? `${m.unchecked.length} line(s) were not reached within ${budget.deliveryMs} ms of matching` : '';
  log.warn(`log watch ${watch.name}: lines not checked, not posted: ${[slow, late].filter(Boolean).join('; ')}. The other lines were matched as usual`, {
    ...where, watch: watch.name, pattern: String(watch.pattern), tooSlow: m.tooSlow.map((e) => e.id).slice(0, 10), unchecked: m.unchecked.length,
  });
}

/** The watch of a delivery: by its subscription filter's name (`<stack>-<watch>`), else the first watching its log group. */
export function watchFor(p: Pick<LogsPayload, 'subscriptionFilters' | 'logGroup'>, watches: readonly ResolvedLogWatch[], stackName?: string): ResolvedLogWatch | undefined {
  if (stackName) {
    for (const filter of p.subscriptionFilters) {
      const named = watches.find((w) => `${stackName}-${w.name}` === filter);
      if (named) return named;
    }
  }
  return watches.find((w) => w.logGroups.includes(p.logGroup));
}

export type LogWatchOutcome =
  | { action: 'opened'; watch: string; ts: string; lines: number }
  | { action: 'replied'; watch: string; ts: string; lines: number; total: number }
  | { action: 'counted'; watch: string; ts: string; lines: number; total: number }
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
type Io = Required<LogWatchDeps>;
const ioOf = (deps: LogWatchDeps): Io => ({ ...deps, now: deps.now ?? Date.now, sleep: deps.sleep ?? defaultSleep, log: deps.log ?? console });

export interface LogWatchLog {
  info(message: string, fields: Record<string, unknown>): void;
  warn(message: string, fields: Record<string, unknown>): void;
}

/** A claimed window whose parent did not come within CLAIM_WAIT_MS: thrown, so Lambda delivers the batch again later. */
export class WindowPending extends Error {
  override name = 'WindowPending';
}

/** A delivery's fingerprint: the sha256 of its matching events' ids, which a Lambda retry delivers again. */
const deliveryFingerprint = (matched: MatchedLine[]) => createHash('sha256').update(matched.map((l) => l.id).join('\n')).digest('base64url');

/** One delivery's lines of one watch, not posted before, and what posting them needs. */
interface Delivery {
  watch: ResolvedLogWatch;
  p: LogsPayload;
  fresh: MatchedLine[];
  fingerprint: string;
  setup: LogWatchSetup & { channel: string };
  io: Io;
  ctx: LogWatchMessageContext;
}

/** The lines as posted, with their link; a link made too long by the filter pattern comes with one without it. */
function batchOf({ watch, p, fresh, setup }: Delivery): LogMatchBatch {
  const times = fresh.map((l) => l.timestamp);
  const from = Math.min(...times);
  const to = Math.max(...times);
  const at = setup.region && { region: setup.region, logGroup: p.logGroup, logStream: p.logStream, start: from, end: to };
  const link = at ? logLinesUrl({ ...at, filterPattern: watch.filterPattern }) : undefined;
  return {
    watch: watch.name, pattern: String(watch.pattern), logGroup: p.logGroup, logStream: p.logStream,
    lines: fresh.map((l) => l.text), count: fresh.length, from, to, link,
    ...(at && link && link.length > MAX_LINK_CHARS && { fallbackLink: logLinesUrl(at) }),
  };
}

/**
 * The save after a post. Given up even after SAVE_TRIES, the lines are in Slack but not remembered, and Lambda's retry
 * posts them again: said loudly, then thrown.
 */
async function savePosted(d: Delivery, ts: string, change: (state: LogWatchState) => LogWatchState): Promise<LogWatchState> {
  try {
    return await saveState(d.io, d.watch.name, change);
  } catch (error) {
    d.io.log.warn(`log watch ${d.watch.name}: posted to Slack but not saved: Lambda's retry will post these lines again`, { watch: d.watch.name, ts, lines: d.fresh.length, error: String(error) });
    throw error;
  }
}

/**
 * The window before, its last lines only counted: its parent gets the final count — after the new parent, and only
 * trying, since it can fail (the message deleted, a 429) and must not cost the delivery its new window. A parent in
 * another channel (SlackChannel changed) is out of the poster's reach.
 */
async function finalCount(w: LogWindow | undefined, d: Delivery): Promise<void> {
  if (!w?.ts || !w.first || w.shown === undefined || w.shown === w.count || w.channel !== d.setup.channel) return;
  try {
    await d.io.slack.update(w.ts, logWatchParent(w.first, d.ctx, totalOf(w, d.setup)));
  } catch (error) {
    d.io.log.warn(`log watch ${d.watch.name}: the last window's parent keeps its count of ${w.shown} (${w.count} matched): updating it failed`, { watch: d.watch.name, ts: w.ts, error: String(error) });
  }
}

/** A line's time as its window sees it: never later than the clock allows (MAX_FUTURE_SKEW_MS). */
const windowTime = (timestamp: number, now: () => number) => Math.min(timestamp, now() + MAX_FUTURE_SKEW_MS);

function warnFutureDated(watch: ResolvedLogWatch, matched: MatchedLine[], io: Io): void {
  const limit = io.now() + MAX_FUTURE_SKEW_MS;
  const ahead = matched.filter((l) => l.timestamp > limit);
  if (!ahead.length) return;
  io.log.warn(`log watch ${watch.name}: ${ahead.length} line(s) dated ahead of the clock (the latest by ${Math.round((Math.max(...ahead.map((l) => l.timestamp)) - io.now()) / 1_000)} s): their window is timed by the clock`, {
    watch: watch.name, ids: ahead.map((l) => l.id).slice(0, 10),
  });
}

/**
 * One delivery's matching lines of one watch: those not posted before go to Slack, as a new window's parent or a
 * reply in the open window's thread. The window is judged by the lines' own time (the first new one), not the clock —
 * unless it is ahead of the clock (windowTime).
 */
export async function postMatches(watch: ResolvedLogWatch, p: LogsPayload, matched: MatchedLine[], setup: LogWatchSetup & { channel: string }, deps: LogWatchDeps): Promise<LogWatchOutcome> {
  const io = ioOf(deps);
  const { store, slack, now, sleep } = io;
  const claim = randomUUID();
  const ctx: LogWatchMessageContext = { timeZone: setup.timeZone, windowMinutes: watch.windowMinutes };
  const fingerprint = deliveryFingerprint(matched);
  const waitUntil = now() + CLAIM_WAIT_MS;
  warnFutureDated(watch, matched, io);
  for (let conflicts = 0; ;) {
    const loaded = await readState(io, watch.name);
    const state = loaded.state ?? { watch: watch.name, posted: [] };
    // The whole delivery first: a retry of more lines than REMEMBERED_IDS is known only by it.
    if (state.deliveries?.includes(fingerprint)) return { action: 'ignored', watch: watch.name, why: `this delivery's ${matched.length} matching lines were posted already (a redelivery)` };
    const seen = new Set(state.posted);
    const fresh = matched.filter((l) => !seen.has(l.id));
    if (!fresh.length) return { action: 'ignored', watch: watch.name, why: `its ${matched.length} matching lines were posted already (a redelivery)` };
    const d: Delivery = { watch, p, fresh, fingerprint, setup, io, ctx };
    const at = windowTime(fresh[0]!.timestamp, now);
    const w = state.window;
    const open = w && w.channel === setup.channel && at < w.until ? w : undefined;
    if (open?.ts) return (open.replies ?? 0) < MAX_REPLIES ? reply(d, { ...open, ts: open.ts }) : countOnly(d, { ...open, ts: open.ts });
    if (open && now() - open.claimedAt < CLAIM_STALE_MS) {
      // Another delivery claimed this window and is posting its parent: reply in its thread once it has one.
      if (now() >= waitUntil) throw new WindowPending(`log watch ${watch.name}: the window another delivery claimed has no Slack message after ${CLAIM_WAIT_MS} ms; thrown so Lambda delivers these lines again`);
      await sleep(CLAIM_POLL_MS);
      continue;
    }
    // No window for these lines, or one whose claimer never posted: claim it, then post — a conflict means another
    // delivery wrote first, and the state is read again.
    const window: LogWindow = { channel: setup.channel, openedAt: at, until: at + watch.windowMinutes * 60_000, claim, claimedAt: now(), count: 0, latest: at };
    try {
      await writeState(store, { ...state, window }, loaded.version);
    } catch (error) {
      if (!(error instanceof WriteConflict) || ++conflicts >= CONDITIONAL_TRIES) throw error;
      continue;
    }
    const batch = batchOf(d);
    const ts = await slack.post(logWatchParent(batch, ctx));
    const first = { ...batch, lines: batch.lines.slice(0, PARENT_LINES) };
    await savePosted(d, ts, (s) => ({
      ...s,
      // A slow claimer's window may have been taken over meanwhile: its lines are posted all the same.
      window: s.window?.claim === claim
        ? { ...s.window, ts, count: s.window.count + fresh.length, latest: Math.max(s.window.latest, windowTime(batch.to, now)), first, replies: 0, shown: s.window.count + fresh.length, updatedAt: now() }
        : s.window,
      ...remember(s, d.fresh.map((l) => l.id), d.fingerprint),
    }));
    await finalCount(w, d);
    return { action: 'opened', watch: watch.name, ts, lines: fresh.length };
  }
}

/** The parent's running total; past MAX_REPLIES also a link to every line of the window, across the group's streams. */
function totalOf(w: LogWindow, setup: LogWatchSetup): { count: number; latest: number; capped?: { replies: number; link?: string } } {
  if ((w.replies ?? 0) < MAX_REPLIES || !w.first) return { count: w.count, latest: w.latest };
  const link = setup.region ? logLinesUrl({ region: setup.region, logGroup: w.first.logGroup, start: w.openedAt, end: w.latest }) : undefined;
  return { count: w.count, latest: w.latest, capped: { replies: w.replies ?? 0, link } };
}

/** A later batch in the window: a reply in its thread, then the parent with the running total. */
async function reply(d: Delivery, open: LogWindow & { ts: string }): Promise<LogWatchOutcome> {
  const { io, fresh } = d;
  const batch = batchOf(d);
  await io.slack.post(logWatchReply(batch, d.ctx), open.ts);
  const saved = await savePosted(d, open.ts, (s) => ({
    ...s,
    window: s.window?.ts === open.ts
      ? { ...s.window, count: s.window.count + fresh.length, latest: Math.max(s.window.latest, windowTime(batch.to, io.now)), replies: (s.window.replies ?? 0) + 1, shown: s.window.count + fresh.length, updatedAt: io.now() }
      : s.window,
    ...remember(s, d.fresh.map((l) => l.id), d.fingerprint),
  }));
  const window = saved.window?.ts === open.ts ? saved.window : { ...open, count: open.count + fresh.length };
  if (window.first) await io.slack.update(open.ts, logWatchParent(window.first, d.ctx, totalOf(window, d.setup)));
  return { action: 'replied', watch: d.watch.name, ts: open.ts, lines: fresh.length, total: window.count };
}

/** Past MAX_REPLIES: the lines are counted (and remembered), the parent refreshed at most every PARENT_REFRESH_MS. */
async function countOnly(d: Delivery, open: LogWindow & { ts: string }): Promise<LogWatchOutcome> {
  const { io, fresh } = d;
  const to = windowTime(Math.max(...fresh.map((l) => l.timestamp)), io.now);
  let refresh = false;
  const saved = await saveState(io, d.watch.name, (s) => {
    if (s.window?.ts !== open.ts) return { ...s, ...remember(s, d.fresh.map((l) => l.id), d.fingerprint) };
    const count = s.window.count + fresh.length;
    // Decided in the conditional write: of two deliveries at once, one refreshes.
    refresh = io.now() - (s.window.updatedAt ?? 0) >= PARENT_REFRESH_MS;
    return { ...s, window: { ...s.window, count, latest: Math.max(s.window.latest, to), ...(refresh && { shown: count, updatedAt: io.now() }) }, ...remember(s, d.fresh.map((l) => l.id), d.fingerprint) };
  });
  const window = saved.window?.ts === open.ts ? saved.window : { ...open, count: open.count + fresh.length };
  if (refresh && window.first) await io.slack.update(open.ts, logWatchParent(window.first, d.ctx, totalOf(window, d.setup)));
  return { action: 'counted', watch: d.watch.name, ts: open.ts, lines: fresh.length, total: window.count };
}

/**
 * One decoded delivery: CONTROL_MESSAGE and lines no watch claims are logged and skipped, as is everything while Slack
 * is off; `connect` opens the store and Slack only when there is something to post.
 */
export async function handleLogPayload(p: LogsPayload, setup: LogWatchSetup, connect: () => Promise<LogWatchDeps>, log: LogWatchLog): Promise<LogWatchOutcome> {
  const where = { logGroup: p.logGroup, logStream: p.logStream, subscriptionFilters: p.subscriptionFilters, events: p.logEvents.length };
  if (p.messageType === 'CONTROL_MESSAGE') {
    log.info('CloudWatch Logs control message: nothing to post', where);
    return { action: 'ignored', why: 'a CONTROL_MESSAGE (CloudWatch checking the subscription) carries no log lines' };
  }
  // Its own log group, watched by mistake: skipped without a log line, which would be delivered again.
  if (setup.ownLogGroup && p.logGroup === setup.ownLogGroup) return { action: 'ignored', why: 'the log-watch function\'s own log group' };
  const watch = watchFor(p, setup.watches, setup.stackName);
  if (!watch) {
    log.warn('log lines skipped: no log watch for them', { ...where, watches: setup.watches.map((w) => w.name) });
    return { action: 'ignored', why: `no log watch for ${p.logGroup} (filters ${p.subscriptionFilters.join(', ') || 'none'})` };
  }
  if (p.skipped?.length) {
    log.warn(`log watch ${watch.name}: ${p.skipped.length} event(s) of the delivery skipped, not CloudWatch's shape: ${p.skipped.slice(0, 5).map((e) => `#${e.index} ${e.why}`).join('; ')}`, { ...where, skipped: p.skipped.slice(0, 10) });
  }
  const budget = setup.matchBudget ?? MATCH_BUDGET;
  const matching = matchingLines(p.logEvents, watch.pattern, setup.redactor, budget);
  reportUnjudged(watch, matching, budget, log, where);
  const matched = matching.lines;
  if (!matched.length) {
    log.info(`log watch ${watch.name}: no line matched ${String(watch.pattern)}`, where);
    return { action: 'ignored', watch: watch.name, why: `no line matched ${String(watch.pattern)}` };
  }
  if (!setup.channel) {
    log.info(`log watch ${watch.name}: ${matched.length} matching lines not posted: Slack is off (SlackChannel is empty)`, where);
    return { action: 'ignored', watch: watch.name, why: 'Slack is off' };
  }
  const outcome = await postMatches(watch, p, matched, { ...setup, channel: setup.channel }, { log, ...(await connect()) });
  log.info(`log watch ${watch.name}: ${outcome.action}`, { ...where, ...outcome });
  return outcome;
}

/** What the build compiles in (virtual:mimamori-log-watches). */
export interface LogWatchConfigIn {
  logWatches: readonly ResolvedLogWatch[];
  redact: { queryParams?: string[] };
  timeZone: string;
}

/**
 * A subscription event on Lambda. A payload that cannot be read throws (saying why): CloudWatch Logs never sends one,
 * so it is a hand-made or misrouted event, to be seen in the function's errors. A Slack or S3 failure throws too, so
 * Lambda retries the event (CloudWatch Logs invokes asynchronously); the lines it posted already are not posted again.
 * Slack's 429s are waited out while they fit before `deadline` (the invocation's, epoch ms).
 */
export async function handleLogEvent(event: unknown, config: LogWatchConfigIn, log: LogWatchLog, env: NodeJS.ProcessEnv = process.env, deadline?: number): Promise<LogWatchOutcome> {
  const p = decodeLogPayload(event);
  const setup: LogWatchSetup = {
    watches: config.logWatches, redactor: redactorFor([], { redact: config.redact }, env), timeZone: config.timeZone,
    stackName: env.MIMAMORI_STACK_NAME || undefined, region: env.AWS_REGION || undefined, channel: env.SLACK_CHANNEL || undefined,
    ownLogGroup: env.AWS_LAMBDA_LOG_GROUP_NAME || undefined,
  };
  return handleLogPayload(p, setup, async () => {
    const settings = s3Settings({}, env);
    if (!settings) throw new Error('MIMAMORI_S3_BUCKET is not set: the log watches\' windows are kept in the evidence bucket');
    return { store: await openS3Store(settings), slack: await slackPoster(env, setup.channel!, deadline) };
  }, log);
}
