// A log watch's window, an episode: the first match opens a window of windowMinutes with a new message, later matches
// in it reply in its thread (window-posts.ts). A delivery claims the window in the store before posting its parent, so
// two at once give one parent; a delivery whose lines were all posted before (a Lambda retry) posts nothing.
import { createHash, randomUUID } from 'node:crypto';
import type { ResolvedLogWatch } from '../check/watches.ts';
import { logWatchParent, PARENT_LINES, type LogWatchMessageContext } from '../notify/log-watch-message.ts';
import { CONDITIONAL_TRIES } from '../store/conditional-update.ts';
import { WriteConflict } from '../store/store.ts';
import { CLAIM_POLL_MS, CLAIM_STALE_MS, CLAIM_WAIT_MS, MAX_FUTURE_SKEW_MS, MAX_REPLIES, windowTime } from './limits.ts';
import type { LogsPayload } from './log-lines.ts';
import type { MatchedLine } from './matching.ts';
import { ioOf, type Io, type LogWatchDeps, type LogWatchOutcome, type LogWatchSetup } from './setup.ts';
import { batchOf, countOnly, finalCount, reply, savePosted, type Delivery } from './window-posts.ts';
import { readState, remember, writeState, type LogWindow } from './window-state.ts';
import { slackThreads } from '../notify/slack-threads.ts';

/** A claimed window whose parent did not come within CLAIM_WAIT_MS: thrown, so Lambda delivers the batch again later. */
export class WindowPending extends Error {
  override name = 'WindowPending';
}

/** A delivery's fingerprint: the sha256 of its matching events' ids, which a Lambda retry delivers again. */
const deliveryFingerprint = (matched: MatchedLine[]) => createHash('sha256').update(matched.map((l) => l.id).join('\n')).digest('base64url');

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
  const { store, now, sleep } = io;
  const threads = slackThreads(io.slack, setup.channel);
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
    const d: Delivery = { watch, p, fresh, fingerprint, setup, io, ctx, threads };
    const at = windowTime(fresh[0]!.timestamp, now);
    const w = state.window;
    const open = w && w.channel === setup.channel && at < w.until ? w : undefined;
    if (open?.thread) return (open.replies ?? 0) < MAX_REPLIES ? reply(d, { ...open, thread: open.thread }) : countOnly(d, { ...open, thread: open.thread });
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
    const thread = await threads.post(logWatchParent(batch, ctx));
    const first = { ...batch, lines: batch.lines.slice(0, PARENT_LINES) };
    await savePosted(d, thread, (s) => ({
      ...s,
      // A slow claimer's window may have been taken over meanwhile: its lines are posted all the same.
      window: s.window?.claim === claim
        ? { ...s.window, thread, count: s.window.count + fresh.length, latest: Math.max(s.window.latest, windowTime(batch.to, now)), first, replies: 0, shown: s.window.count + fresh.length, updatedAt: now() }
        : s.window,
      ...remember(s, d.fresh.map((l) => l.id), d.fingerprint),
    }));
    await finalCount(w, d);
    return { action: 'opened', watch: watch.name, thread, lines: fresh.length };
  }
}
