// The daily picture on Lambda: the runner's answer to the dispatcher's `{ "digest": true }` message. It reads the
// bucket as `npm run digest` reads it (every check's state and last days of history, the latest screenshots), renders
// the page in a worker's Chromium (WorkerPool.render) and posts the PNG with its summary line to Slack. Once per day:
// a marker `digest/<local date>.json` is written after the post, and a redelivered message finding it posts nothing.
import { fileURLToPath } from 'node:url';
import { WorkerPool } from '../runner/worker-pool.ts';
import { remoteStore } from '../store/settings.ts';
import { WriteConflict, type Store } from '../store/store.ts';
import { episodeStore } from '../episode/episode-store.ts';
import { readDigest } from '../history/digest-source.ts';
import { digestPicture } from '../render/digest-page.ts';
import { shownChecks } from '../render/digest-board.ts';
import { localDate } from '../render/time.ts';
import { postDigest, type DigestPost } from '../notify/digest-post.ts';
import { limitsUntil } from '../notify/slack-sender.ts';
import { slackSettings } from '../notify/slack-client.ts';
import type { DigestRequest, DigestSchedule } from './dispatch.ts';
import { slackToken } from './slack-token.ts';

/** One S3 or Slack request (the upload of a picture of a few hundred KB included). */
const REQUEST_TIMEOUT_MS = 10_000;
/** A digest the queue hands out this late (the runner was down or throttled) is yesterday's news: skipped. */
export const DIGEST_STALE_MS = 3 * 3_600_000;

const WORKER_SCRIPT = fileURLToPath(new URL('./worker.js', import.meta.url));

/** What renders the page: a worker pool's Chromium on Lambda, a stand-in in tests. */
export interface Renderer {
  render(html: string, size: { width: number; height: number }): Promise<Buffer>;
}

export interface RunDigestInput {
  request: DigestRequest;
  schedule: DigestSchedule;
  env?: NodeJS.ProcessEnv;
  now?: number;
  /** Default: a one-worker pool of its own, closed after the picture (its Chromium is not kept beside the checks' one). */
  renderer?: Renderer;
  warn?: (message: string) => void;
  /**
   * When the invocation must have finished the post (the runner's remaining time less its reserve): the post's 429
   * waits stop there, so a redelivery — not a killed invocation that never wrote the day's marker — posts it later.
   */
  deadline?: number;
}

/** Left after the post for the day's marker, within the deadline. */
const MARKER_RESERVE_MS = 3_000;

export interface DigestOutcome {
  /** `posted`, `rendered` (Slack is off), `skipped` (stale, or already posted today). */
  outcome: 'posted' | 'rendered' | 'skipped';
  date: string;
  summary?: string;
  checks?: number;
  bytes?: number;
  post?: DigestPost;
  reason?: string;
}

const markerKey = (date: string) => `digest/${date}.json`;

/**
 * The day's digest is an episode that opens (the post) and never gets replies: its marker, written after the post,
 * makes a redelivered message that finds it — even a marker gone corrupt — post nothing. Written only if there is none
 * yet (If-None-Match): a marker another delivery wrote meanwhile is kept as it is.
 */
const dayMarker = (store: Store, date: string) => episodeStore<Record<string, unknown>>(store, { key: markerKey(date), shape: (json) => json as Record<string, unknown> });

async function alreadyPosted(store: Store, date: string): Promise<boolean> {
  const { value, unreadable } = await dayMarker(store, date).read();
  return value !== undefined || unreadable !== undefined;
}

async function withOwnPool<T>(use: (renderer: Renderer) => Promise<T>): Promise<T> {
  const pool = new WorkerPool({ script: WORKER_SCRIPT, size: 1 });
  try {
    return await use(pool);
  } finally {
    await pool.close();
  }
}

export async function runDigest(input: RunDigestInput): Promise<DigestOutcome> {
  const env = input.env ?? process.env;
  const now = input.now ?? Date.now();
  const warn = input.warn ?? ((message: string) => process.stderr.write(`${message}\n`));
  const { schedule } = input;
  const scheduledAt = Date.parse(input.request.scheduledAt);
  const date = localDate(Number.isNaN(scheduledAt) ? now : scheduledAt, schedule.timeZone);
  if (!Number.isNaN(scheduledAt) && now - scheduledAt > DIGEST_STALE_MS) {
    return { outcome: 'skipped', date, reason: `due at ${input.request.scheduledAt}, handed out ${Math.round((now - scheduledAt) / 60_000)} min late` };
  }
  const store = await remoteStore(schedule.config, env, REQUEST_TIMEOUT_MS);
  if (!store) throw new Error('The digest reads the history in S3, and no bucket is configured (MIMAMORI_S3_BUCKET or s3.bucket)');
  if (await alreadyPosted(store, date)) return { outcome: 'skipped', date, reason: `${markerKey(date)} says it was posted already` };
  const token = await slackToken(env, { configChannel: schedule.config.slack?.channel });
  const slack = slackSettings(schedule.config, { ...env, SLACK_BOT_TOKEN: token ?? '' });
  const source = await readDigest(store, { now, timeZone: schedule.timeZone, warn, shown: shownChecks });
  const digest = { data: source.data, ...digestPicture(source) };
  const png = input.renderer ? await input.renderer.render(digest.html, digest.size) : await withOwnPool((r) => r.render(digest.html, digest.size));
  const base = { date, summary: digest.summary, checks: digest.data.checks.length, bytes: png.length };
  if (!slack) return { outcome: 'rendered', ...base, reason: 'Slack is off (no SlackChannel, or no token)' };
  const limits = input.deadline === undefined ? undefined
    : limitsUntil(input.deadline - MARKER_RESERVE_MS, REQUEST_TIMEOUT_MS, "the invocation's time for the digest's post ran out");
  const post = await postDigest(slack, png, digest.summary, { date, requestTimeoutMs: REQUEST_TIMEOUT_MS, limits });
  await dayMarker(store, date).write({ postedAt: new Date().toISOString(), scheduledAt: input.request.scheduledAt, summary: digest.summary, ...post }, undefined)
    .catch((error: Error) => {
      // A marker written meanwhile (another delivery posted too) is the day's marker all the same.
      if (!(error instanceof WriteConflict)) warn(`${markerKey(date)} not written (${error.message}): a redelivery of this message would post again`);
    });
  return { outcome: 'posted', ...base, post };
}
