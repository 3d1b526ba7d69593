// The Slack side of the handlers that post on their own (alarms, log watches): the one way out to Slack
// (notify/slack-sender.ts: paced, 429s waited out while they fit) bound to the invocation's deadline, with the bot
// token read on Lambda from SSM. The interface is kept small so tests give a recording one.
import type { SlackLimits } from '../notify/slack-call.ts';
import type { SlackPoster } from '../notify/slack-threads.ts';
import { DEFAULT_REQUEST_TIMEOUT_MS } from '../store/store.ts';
import { limitsUntil, openSlackSender } from '../notify/slack-sender.ts';
import { slackToken } from './slack-token.ts';

export type { SlackPoster };

/** The template's Timeout of the alarm and log-watch functions: the invocation's time when the caller gives none. */
export const HANDLER_TIMEOUT_MS = 30_000;
/** Slack stops this long before the invocation's deadline: the thread or window is saved after the post. */
export const SAVE_RESERVE_MS = 5_000;

/** Slack's limits in an invocation ending at `deadline` (epoch ms). */
export function handlerLimits(deadline: number, now = Date.now()): SlackLimits {
  const until = deadline - SAVE_RESERVE_MS;
  return limitsUntil(until, Math.max(0, Math.min(DEFAULT_REQUEST_TIMEOUT_MS, until - now)), "the invocation's time for Slack ran out");
}

/** The Slack side on Lambda: the bot token from SSM (or SLACK_BOT_TOKEN), SLACK_CHANNEL, SLACK_API_URL. */
export async function slackPoster(env: NodeJS.ProcessEnv, channel: string, deadline = Date.now() + HANDLER_TIMEOUT_MS): Promise<SlackPoster> {
  const token = await slackToken(env);
  if (!token) throw new Error(`SLACK_CHANNEL is ${channel} but there is no Slack token: set SLACK_TOKEN_PARAMETER (the SSM SecureString's name)`);
  const sender = await openSlackSender({ token, apiUrl: env.SLACK_API_URL || undefined }, handlerLimits(deadline));
  return {
    post: async (message, threadTs) => (await sender.post(channel, message, { action: 'chat.postMessage', threadTs })).ts,
    update: (ts, message) => sender.update(channel, ts, message, { action: 'chat.update' }),
  };
}
