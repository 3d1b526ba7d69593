// Where a notifier threads an episode's messages. Opaque to everything but the notifier that made it: the policy, the
// pipeline and the stores keep it and hand it back for the next reply or the resolution, never look inside. A
// notifier without threads (a webhook, Chatwork) returns a ref of its own — e.g. the first message's id to quote.
import { isRecord } from '../store/read-json.ts';

export interface ThreadRef {
  /** Which notifier made it (`slack`): only that one can use it. */
  notifier: string;
  /** The notifier's own reference (Slack: the channel and the parent message's ts). Plain text values, storable. */
  ref: Record<string, string>;
}

/** Whether `v` is a stored thread ref (a notifier name and a map of text). */
export function isThreadRef(v: unknown): v is ThreadRef {
  return isRecord(v) && typeof v.notifier === 'string' && isRecord(v.ref) && Object.values(v.ref).every((x) => typeof x === 'string');
}

/** Whether two refs name the same thread. */
export function sameThread(a: ThreadRef | undefined, b: ThreadRef | undefined): boolean {
  if (!a || !b || a.notifier !== b.notifier) return false;
  const keys = Object.keys(a.ref);
  return keys.length === Object.keys(b.ref).length && keys.every((k) => a.ref[k] === b.ref[k]);
}

/**
 * Objects written before the ref was opaque named Slack's `channel` and `ts` beside the episode's own fields (an
 * incident, an alarm thread, a log-watch window). Read as the ref Slack makes now, the two fields dropped: the same
 * thread goes on, and the next write stores the new shape.
 */
export function migrateLegacyThread<T extends Record<string, unknown>>(record: T): T {
  if (!('channel' in record) && !('ts' in record)) return record;
  const { channel, ts, ...rest } = record;
  // A thread already there wins; a `ts` that is no text was never a thread. Either way the old fields go, so they
  // are not carried from write to write (a log-watch window puts its own `channel` back).
  if (rest.thread !== undefined || typeof ts !== 'string') return rest as unknown as T;
  const ref: Record<string, string> = { ts };
  if (typeof channel === 'string') ref.channel = channel;
  return { ...rest, thread: { notifier: 'slack', ref } } as unknown as T;
}
