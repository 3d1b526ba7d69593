// Posts a plain announcement (a mute started or ended) into the configured channel through the one way out to Slack
// (slack-sender.ts), escaped, so text the user typed pings no one.
import type { SlackSettings } from './slack-client.ts';
import type { SlackLimits } from './slack-call.ts';
import { esc } from './mrkdwn.ts';
import { limitsUntil, openSlackSender } from './slack-sender.ts';

/** How long the announcements of one command may take, 429 waits included, when the caller gives no limits. */
export const ANNOUNCE_MS = 30_000;

/** A function posting one plain-text announcement into the channel; the first call opens the client. */
export function slackAnnouncer(settings: SlackSettings, limits?: SlackLimits): (text: string) => Promise<{ channel: string; ts: string }> {
  const channel = settings.channel;
  let sender: ReturnType<typeof openSlackSender> | undefined;
  return async (text) => {
    if (!channel) throw new Error('Slack has no channel for announcements: set SLACK_CHANNEL or slack.channel in the config');
    sender ??= openSlackSender(settings, limits ?? limitsUntil(Date.now() + ANNOUNCE_MS, 10_000, `the announcement took over ${ANNOUNCE_MS / 1000} s`));
    return (await sender).post(channel, { text: esc(text) }, { action: 'announcement' });
  };
}
