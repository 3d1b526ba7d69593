// Slack's thread ref: the channel (its ID) and the parent message's ts. Only Slack code makes or reads one; the rest
// of mimamori keeps it as an opaque ThreadRef (episode/thread-ref.ts).
import type { ThreadRef } from '../episode/thread-ref.ts';

export const SLACK = 'slack';

export interface SlackThread {
  channel?: string;
  ts: string;
}

export const slackThreadRef = (channel: string, ts: string): ThreadRef => ({ notifier: SLACK, ref: { channel, ts } });

/** The Slack thread a ref names, if it is Slack's. */
export function slackThreadOf(thread: ThreadRef | undefined): SlackThread | undefined {
  if (thread?.notifier !== SLACK || typeof thread.ref.ts !== 'string') return undefined;
  return { ...(thread.ref.channel !== undefined && { channel: thread.ref.channel }), ts: thread.ref.ts };
}
