// What a window posts, once the delivery knows its window (window.ts): a new window's parent is posted there; here, a
// later batch's reply in its thread with the parent's running total, the lines past MAX_REPLIES only counted, the last
// window's final count — each saved to the watch's state after the post (window-state.ts).
import type { ResolvedLogWatch } from '../check/watches.ts';
import { logWatchParent, logWatchReply, MAX_LINK_CHARS, type LogMatchBatch, type LogWatchMessageContext } from '../notify/log-watch-message.ts';
import { logLinesUrl } from '../notify/logs-link.ts';
import { MAX_REPLIES, PARENT_REFRESH_MS, windowTime } from './limits.ts';
import type { LogsPayload } from './log-lines.ts';
import type { MatchedLine } from './matching.ts';
import type { Io, LogWatchOutcome, LogWatchSetup } from './setup.ts';
import { remember, saveState, type LogWatchState, type LogWindow } from './window-state.ts';
import { sameThread, type ThreadRef } from '../episode/thread-ref.ts';
import type { ThreadPoster } from '../episode/thread-poster.ts';
import type { SlackMessage } from '../notify/slack-message.ts';

/** One delivery's lines of one watch, not posted before, and what posting them needs. */
export interface Delivery {
  watch: ResolvedLogWatch;
  p: LogsPayload;
  fresh: MatchedLine[];
  fingerprint: string;
  setup: LogWatchSetup & { channel: string };
  io: Io;
  /** The notifier's threads (Slack's, in SLACK_CHANNEL). */
  threads: ThreadPoster<SlackMessage>;
  ctx: LogWatchMessageContext;
}

/** The lines as posted, with their link; a link made too long by the filter pattern comes with one without it. */
export function batchOf({ watch, p, fresh, setup }: Delivery): LogMatchBatch {
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
export async function savePosted(d: Delivery, thread: ThreadRef, change: (state: LogWatchState) => LogWatchState): Promise<LogWatchState> {
  try {
    return await saveState(d.io, d.watch.name, change);
  } catch (error) {
    d.io.log.warn(`log watch ${d.watch.name}: posted to Slack but not saved: Lambda's retry will post these lines again`, { watch: d.watch.name, thread, lines: d.fresh.length, error: String(error) });
    throw error;
  }
}

/**
 * The window before, its last lines only counted: its parent gets the final count — after the new parent, and only
 * trying, since it can fail (the message deleted, a 429) and must not cost the delivery its new window. A parent in
 * another channel (SlackChannel changed) is out of the poster's reach.
 */
export async function finalCount(w: LogWindow | undefined, d: Delivery): Promise<void> {
  if (!w?.thread || !w.first || w.shown === undefined || w.shown === w.count || w.channel !== d.setup.channel || !d.threads.reaches(w.thread)) return;
  try {
    await d.threads.update(w.thread, logWatchParent(w.first, d.ctx, totalOf(w, d.setup)));
  } catch (error) {
    d.io.log.warn(`log watch ${d.watch.name}: the last window's parent keeps its count of ${w.shown} (${w.count} matched): updating it failed`, { watch: d.watch.name, thread: w.thread, error: String(error) });
  }
}

/** The parent's running total; past MAX_REPLIES also a link to every line of the window, across the group's streams. */
function totalOf(w: LogWindow, setup: LogWatchSetup): { count: number; latest: number; capped?: { replies: number; link?: string } } {
  if ((w.replies ?? 0) < MAX_REPLIES || !w.first) return { count: w.count, latest: w.latest };
  const link = setup.region ? logLinesUrl({ region: setup.region, logGroup: w.first.logGroup, start: w.openedAt, end: w.latest }) : undefined;
  return { count: w.count, latest: w.latest, capped: { replies: w.replies ?? 0, link } };
}

/** A later batch in the window: a reply in its thread, then the parent with the running total. */
export async function reply(d: Delivery, open: LogWindow & { thread: ThreadRef }): Promise<LogWatchOutcome> {
  const { io, fresh } = d;
  const batch = batchOf(d);
  await d.threads.post(logWatchReply(batch, d.ctx), open.thread);
  const saved = await savePosted(d, open.thread, (s) => ({
    ...s,
    window: s.window && sameThread(s.window.thread, open.thread)
      ? { ...s.window, count: s.window.count + fresh.length, latest: Math.max(s.window.latest, windowTime(batch.to, io.now)), replies: (s.window.replies ?? 0) + 1, shown: s.window.count + fresh.length, updatedAt: io.now() }
      : s.window,
    ...remember(s, d.fresh.map((l) => l.id), d.fingerprint),
  }));
  const window = saved.window && sameThread(saved.window.thread, open.thread) ? saved.window : { ...open, count: open.count + fresh.length };
  if (window.first) await d.threads.update(open.thread, logWatchParent(window.first, d.ctx, totalOf(window, d.setup)));
  return { action: 'replied', watch: d.watch.name, thread: open.thread, lines: fresh.length, total: window.count };
}

/** Past MAX_REPLIES: the lines are counted (and remembered), the parent refreshed at most every PARENT_REFRESH_MS. */
export async function countOnly(d: Delivery, open: LogWindow & { thread: ThreadRef }): Promise<LogWatchOutcome> {
  const { io, fresh } = d;
  const to = windowTime(Math.max(...fresh.map((l) => l.timestamp)), io.now);
  let refresh = false;
  const saved = await saveState(io, d.watch.name, (s) => {
    if (!s.window || !sameThread(s.window.thread, open.thread)) return { ...s, ...remember(s, d.fresh.map((l) => l.id), d.fingerprint) };
    const count = s.window.count + fresh.length;
    // Decided in the conditional write: of two deliveries at once, one refreshes.
    refresh = io.now() - (s.window.updatedAt ?? 0) >= PARENT_REFRESH_MS;
    return { ...s, window: { ...s.window, count, latest: Math.max(s.window.latest, to), ...(refresh && { shown: count, updatedAt: io.now() }) }, ...remember(s, d.fresh.map((l) => l.id), d.fingerprint) };
  });
  const window = saved.window && sameThread(saved.window.thread, open.thread) ? saved.window : { ...open, count: open.count + fresh.length };
  if (refresh && window.first) await d.threads.update(open.thread, logWatchParent(window.first, d.ctx, totalOf(window, d.setup)));
  return { action: 'counted', watch: d.watch.name, thread: open.thread, lines: fresh.length, total: window.count };
}
