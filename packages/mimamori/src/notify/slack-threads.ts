// The thread poster of the handlers that post on their own (alarms, log watches) over one Slack channel: Slack's thread
// refs in and out, so the alarm and log-watch code keeps only opaque refs (episode/thread-poster.ts).
import type { ThreadPoster } from '../episode/thread-poster.ts';
import type { ThreadRef } from '../episode/thread-ref.ts';
import type { SlackMessage } from './slack-message.ts';
import { slackThreadOf, slackThreadRef } from './slack-thread.ts';

/** What a handler needs of Slack: a post (in a thread or not), giving its ts, and an update of a message. */
export interface SlackPoster {
  post(message: SlackMessage, threadTs?: string): Promise<string>;
  update(ts: string, message: SlackMessage): Promise<void>;
}

/** The channel's threads (`channel` as configured: a thread made before it changed is out of reach). */
export function slackThreads(slack: SlackPoster, channel: string): ThreadPoster<SlackMessage> {
  const tsOf = (thread: ThreadRef) => {
    const t = slackThreadOf(thread);
    if (!t) throw new Error(`not a Slack thread: ${JSON.stringify(thread)}`);
    return t.ts;
  };
  return {
    post: async (message, thread) => slackThreadRef(channel, await slack.post(message, thread && tsOf(thread))),
    update: (thread, message) => slack.update(tsOf(thread), message),
    reaches: (thread) => slackThreadOf(thread)?.channel === channel,
  };
}
