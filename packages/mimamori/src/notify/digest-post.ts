// Posts the daily picture through the sender (slack-sender.ts): one upload with the summary as its comment when the
// channel is an ID; with a channel name (files.completeUploadExternal takes IDs only), the summary as a message, then
// the picture in the channel it landed in.
import type { SlackSettings } from './slack-client.ts';
import type { SlackLimits } from './slack-call.ts';
import { esc } from './mrkdwn.ts';
import { limitsUntil, openSlackSender } from './slack-sender.ts';

/** How long the post may take, its 429 waits included, when the caller gives no deadline. */
export const DIGEST_POST_MS = 60_000;
/** One request (the upload of a picture of a few hundred KB included), when the caller gives no bound. */
const REQUEST_TIMEOUT_MS = 30_000;

export interface DigestPost {
  channel: string;
  /** The message's ts when Slack answered with one. */
  ts?: string;
  fileId?: string;
}

type Uploaded = { files?: { files?: { id?: string }[] }[] };
const fileIdOf = (out: unknown) => (out as Uploaded).files?.[0]?.files?.[0]?.id;

export async function postDigest(settings: SlackSettings, png: Buffer, summary: string, o: { date: string; requestTimeoutMs?: number; limits?: SlackLimits }): Promise<DigestPost> {
  const channel = settings.channel;
  if (!channel) throw new Error('Slack has no channel for the digest: set SLACK_CHANNEL or slack.channel in the config');
  const limits = o.limits ?? limitsUntil(Date.now() + DIGEST_POST_MS, o.requestTimeoutMs ?? REQUEST_TIMEOUT_MS, `the digest's post took over ${DIGEST_POST_MS / 1000} s`);
  const sender = await openSlackSender(settings, limits);
  const file = { file: png, filename: `mimamori-digest-${o.date}.png`, title: `mimamori · ${o.date}`, alt_text: summary.slice(0, 1000) };
  // The summary is plain text: escaped, so a check named `<!channel>` pings no one.
  const text = esc(summary);
  if (/^[CGDZ][A-Z0-9]+$/.test(channel)) {
    const out = await sender.upload(channel, { ...file, channel_id: channel, initial_comment: text }, { action: 'upload of the digest' });
    return { channel, fileId: fileIdOf(out) };
  }
  const posted = await sender.post(channel, { text }, { action: 'message of the digest' });
  const out = await sender.upload(channel, { ...file, channel_id: posted.channel }, { action: 'upload of the digest' });
  return { channel: posted.channel, ts: posted.ts, fileId: fileIdOf(out) };
}
