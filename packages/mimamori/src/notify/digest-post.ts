// Posts the daily picture: one upload with the summary as its comment when the channel is an ID; with a channel name
// (files.completeUploadExternal takes IDs only), the summary as a message, then the picture in the channel it landed in.
import type { WebClient } from '@slack/web-api';
import { createSlackClient, explainSlackError, type SlackSettings } from './slack-client.ts';

/** Slack's mrkdwn needs these three escaped; nothing else in a summary is markup. */
const slackText = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

export interface DigestPost {
  channel: string;
  /** The message's ts when Slack answered with one. */
  ts?: string;
  fileId?: string;
}

export async function postDigest(settings: SlackSettings, png: Buffer, summary: string, o: { date: string; requestTimeoutMs?: number; client?: WebClient }): Promise<DigestPost> {
  const channel = settings.channel;
  if (!channel) throw new Error('Slack has no channel for the digest: set SLACK_CHANNEL or slack.channel in the config');
  const client = o.client ?? await createSlackClient(settings, { requestTimeoutMs: o.requestTimeoutMs ?? 30_000 });
  const file = { file: png, filename: `mimamori-digest-${o.date}.png`, title: `mimamori · ${o.date}`, alt_text: summary.slice(0, 1000) };
  let action = 'upload of the digest';
  try {
    if (/^[CGDZ][A-Z0-9]+$/.test(channel)) {
      const out = await client.filesUploadV2({ ...file, channel_id: channel, initial_comment: slackText(summary) }) as { files?: { files?: { id?: string }[] }[] };
      return { channel, fileId: out.files?.[0]?.files?.[0]?.id };
    }
    action = 'message of the digest';
    const posted = await client.chat.postMessage({ channel, text: slackText(summary), unfurl_links: false });
    const id = posted.channel ?? channel;
    action = 'upload of the digest';
    const out = await client.filesUploadV2({ ...file, channel_id: id }) as { files?: { files?: { id?: string }[] }[] };
    return { channel: id, ts: posted.ts, fileId: out.files?.[0]?.files?.[0]?.id };
  } catch (error) {
    throw explainSlackError(error, action, settings.token, channel);
  }
}
