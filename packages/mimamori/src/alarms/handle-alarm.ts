// One CloudWatch alarm notification against its thread (alarm-thread.ts): ALARM opens a thread, OK replies in it and
// marks its parent resolved, INSUFFICIENT_DATA is left out. One thread is one episode: a notification older than what
// the thread already saw (a retried delivery) posts nothing, and an alarm that flaps (ALARM soon after its OK) goes
// back into its thread rather than opening a new one each time.
import {
  alarmAgainReply, alarmMessage, okReply, resolvedParent, stillInAlarmReply, type AlarmMessageContext, type AlarmNotification,
} from '../notify/alarm-message.ts';
import type { SlackMessage } from '../notify/slack-message.ts';
import type { ThreadPoster } from '../episode/thread-poster.ts';
import type { ThreadRef } from '../episode/thread-ref.ts';
import type { Store } from '../store/store.ts';
import { alarmThreads, type AlarmThread } from './alarm-thread.ts';

/**
 * An ALARM this soon after the OK that resolved its thread is the same trouble flapping: it goes back into that thread
 * (a reply, the parent red again) instead of a new parent each time. Later, it is a new episode and a new thread.
 */
export const FLAP_MS = 30 * 60_000;

export type AlarmOutcome =
  | { action: 'opened'; thread: ThreadRef }
  | { action: 'still-in-alarm'; thread: ThreadRef }
  | { action: 'reopened'; thread: ThreadRef }
  | { action: 'resolved'; thread: ThreadRef }
  | { action: 'ignored'; why: string };

export interface AlarmLog {
  info(message: string, fields: Record<string, unknown>): void;
  warn(message: string, fields: Record<string, unknown>): void;
}

/** Is `a` (an ISO time) after `b`? Unparseable times count as after: a notification is never dropped for its date. */
const after = (a: string, b: string | undefined) => b === undefined || !(Date.parse(a) <= Date.parse(b));

/** One notification: the thread poster (Slack) and the stored thread. */
export async function handleAlarm(n: AlarmNotification, deps: { store: Store; threads: ThreadPoster<SlackMessage>; ctx: AlarmMessageContext; log?: Pick<AlarmLog, 'warn'> }): Promise<AlarmOutcome> {
  const { threads, ctx } = deps;
  if (n.state === 'INSUFFICIENT_DATA') return { action: 'ignored', why: 'INSUFFICIENT_DATA is not posted (no verdict either way)' };
  const episodes = alarmThreads(deps.store, n.name, deps.log?.warn.bind(deps.log));
  const loaded = await episodes.read();
  const save = (change: (stored: AlarmThread | undefined) => AlarmThread) => episodes.update((l) => ({ value: change(l.value) }), undefined, loaded);
  const last = loaded.value;
  const open = last?.open ? last : undefined;
  // A thread in another channel (SlackChannel changed since) is out of the poster's reach: no reply in it, no update of
  // its parent (Slack would refuse both, and every retry of the notification with them). The order checks still hold.
  const here = last !== undefined && threads.reaches(last.thread);
  /** The parent's look follows the alarm only if it can: the message may be deleted. The thread is saved regardless. */
  const updateParent = async (thread: ThreadRef, message: SlackMessage) => {
    try {
      await threads.update(thread, message);
    } catch (error) {
      deps.log?.warn(`alarm ${n.name}: its parent could not be updated (${(error as Error).message}): the thread is kept all the same`, { alarm: n.name, thread, error: String(error) });
    }
  };

  if (n.state === 'ALARM') {
    if (open && open.lastAlarmAt === n.changedAt) return { action: 'ignored', why: `this ALARM (${n.changedAt}) was posted already` };
    // A retried delivery arriving after what followed it: the thread has moved on, and a new one would never resolve.
    if (open && !after(n.changedAt, open.lastAlarmAt)) return { action: 'ignored', why: `this ALARM (${n.changedAt}) is older than the last one posted (${open.lastAlarmAt})` };
    if (last && !last.open && !after(n.changedAt, last.resolvedAt)) return { action: 'ignored', why: `this ALARM (${n.changedAt}) is from before the OK of ${last.resolvedAt} that resolved its thread` };
    if (open && here) {
      await threads.post(stillInAlarmReply(n, ctx), open.thread);
      await save((stored) => ({ ...(stored ?? open), lastAlarmAt: n.changedAt }));
      return { action: 'still-in-alarm', thread: open.thread };
    }
    if (here && last?.resolvedAt && Date.parse(n.changedAt) - Date.parse(last.resolvedAt) < FLAP_MS) {
      // Flapping: back into the thread, its parent red again; the episode now runs from this ALARM. Once the reply is
      // posted the thread is reopened: a failed update must not leave it closed (its OK would be ignored) and have
      // Lambda's retries post the reply again.
      const again = (last.again ?? 0) + 1;
      await threads.post(alarmAgainReply(n, ctx, again), last.thread);
      await updateParent(last.thread, alarmMessage(n, ctx));
      const { resolvedAt: _resolved, ...rest } = last;
      await save(() => ({ ...rest, open: true, openedAt: n.changedAt, lastAlarmAt: n.changedAt, again }));
      return { action: 'reopened', thread: last.thread };
    }
    // A new episode — or the old thread is in another channel: a new parent here, which the stored thread now names.
    const thread = await threads.post(alarmMessage(n, ctx));
    await save(() => ({ alarm: n.name, thread, openedAt: n.changedAt, lastAlarmAt: n.changedAt, open: true }));
    return { action: 'opened', thread };
  }

  // OK. One with no open thread is left out: alarms go INSUFFICIENT_DATA → OK when they are created (every deploy), and
  // a repeated OK finds its thread resolved already.
  if (!open) return { action: 'ignored', why: loaded.value ? 'its thread is resolved already' : 'no ALARM was posted for it' };
  if (Date.parse(n.changedAt) < Date.parse(open.openedAt)) return { action: 'ignored', why: `an OK from before the ALARM of ${open.openedAt}` };
  // Its ALARM went to the channel before SlackChannel changed: an OK alone in the new one would say nothing. The next
  // ALARM opens a thread here.
  if (!here) return { action: 'ignored', why: 'its thread is in another channel (SlackChannel changed): out of reach' };
  const withOpening = { ...ctx, openedAt: open.openedAt };
  await threads.post(okReply(n, withOpening), open.thread);
  await updateParent(open.thread, resolvedParent(n, withOpening));
  await save((stored) => ({ ...(stored ?? open), open: false, resolvedAt: n.changedAt }));
  return { action: 'resolved', thread: open.thread };
}
