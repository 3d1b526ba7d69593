// The Slack side of the handlers that post on their own (alarms, log watches): a post, in a thread or not, and an
// update of a message, with the bot token read on Lambda from SSM. Kept apart so tests give a recording one.
import type { MessageAttachment } from '@slack/web-api';
import type { SlackMessage } from '../notify/slack-message.ts';
import { createSlackClient, explainSlackError } from '../notify/slack-client.ts';
import { slackToken } from './slack-token.ts';

/** What a handler needs of Slack: a post (in a thread or not), giving its ts, and an update of a message. */
export interface SlackPoster {
  post(message: SlackMessage, threadTs?: string): Promise<string>;
  update(ts: string, message: SlackMessage): Promise<void>;
}

/** The Slack side on Lambda: the bot token from SSM (or SLACK_BOT_TOKEN), SLACK_CHANNEL, SLACK_API_URL. */
export async function slackPoster(env: NodeJS.ProcessEnv, channel: string): Promise<SlackPoster> {
  const token = await slackToken(env);
  if (!token) throw new Error(`SLACK_CHANNEL is ${channel} but there is no Slack token: set SLACK_TOKEN_PARAMETER (the SSM SecureString's name)`);
  const client = await createSlackClient({ token, channel, apiUrl: env.SLACK_API_URL || undefined, timeZone: 'UTC' });
  return {
    async post(message, threadTs) {
      try {
        const out = await client.chat.postMessage({ channel, text: message.text, attachments: message.attachments as MessageAttachment[], ...(threadTs && { thread_ts: threadTs }), unfurl_links: false });
        return String(out.ts);
      } catch (error) {
        throw explainSlackError(error, 'chat.postMessage', token, channel);
      }
    },
    async update(ts, message) {
      try {
        await client.chat.update({ channel, ts, text: message.text, attachments: message.attachments as MessageAttachment[] });
      } catch (error) {
        throw explainSlackError(error, 'chat.update', token, channel);
      }
    },
  };
}
