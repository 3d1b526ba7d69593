// One CloudWatch alarm's thread, an episode kept in the evidence bucket as <prefix>alarms/<alarm>.json: opened by an
// ALARM, replied to while it lasts, resolved by its OK, reopened when it flaps. Kept through the episode store
// (conditional writes, a corrupt object read as none so an alarm always gets through).
import { episodeStore, type EpisodeStore } from '../episode/episode-store.ts';
import { isThreadRef, migrateLegacyThread, type ThreadRef } from '../episode/thread-ref.ts';
import { keySegment } from '../store/layout.ts';
import { isRecord, MalformedObject } from '../store/read-json.ts';
import type { Store } from '../store/store.ts';

/** One alarm's thread, as stored. */
export interface AlarmThread {
  alarm: string;
  /** The parent message's thread, the notifier's own ref. */
  thread: ThreadRef;
  /** StateChangeTime of the ALARM that opened the thread. */
  openedAt: string;
  /** StateChangeTime of the last ALARM seen (a repeated delivery of it posts nothing). */
  lastAlarmAt: string;
  open: boolean;
  resolvedAt?: string;
  /** Times the alarm went back into ALARM in this thread (flapping): see FLAP_MS. */
  again?: number;
}

/** `alarms/<alarm name>.json` (the name as one key segment, like a check's state). */
export function alarmKey(alarm: string): string {
  return `alarms/${keySegment(alarm)}.json`;
}

/**
 * What the handler reads of a thread must have its type: else every notification of the alarm would throw on it. One
 * written before the ref was the notifier's (Slack's `channel` and `ts`) is read with Slack's ref.
 */
export function alarmThreadShape(json: unknown): AlarmThread {
  if (!isRecord(json)) throw new MalformedObject('not an object');
  if (json.thread === undefined && typeof json.channel !== 'string') throw new MalformedObject('channel is not a string');
  const thread = migrateLegacyThread(json);
  if (!isThreadRef(thread.thread)) throw new MalformedObject('thread is not a thread (nor a channel and a ts)');
  for (const field of ['openedAt', 'lastAlarmAt'] as const) if (typeof thread[field] !== 'string') throw new MalformedObject(`${field} is not a string`);
  if (typeof thread.open !== 'boolean') throw new MalformedObject('open is not true or false');
  return thread as unknown as AlarmThread;
}

/** The alarm's thread in `store`; a corrupt one is said through `warn` (naming its key) and replaced by the next write. */
export function alarmThreads(store: Store, alarm: string, warn?: (message: string, fields: Record<string, unknown>) => void): EpisodeStore<AlarmThread> {
  return episodeStore(store, {
    key: alarmKey(alarm),
    shape: alarmThreadShape,
    metadata: (t) => ({ alarm, open: String(t.open) }),
    indent: 2,
    onUnreadable: (message) => warn?.(`alarm ${alarm}: ${message}`, { alarm, key: alarmKey(alarm) }),
  });
}
