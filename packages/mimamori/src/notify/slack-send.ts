// The three things one alert may send: its message (threaded under the incident's parent for replies and recoveries),
// its screenshot right under it, and, on recovery, the parent marked resolved. Each records its own failure.
import type { NotificationOutcome } from '../result/types.ts';
import { stampWithZone } from '../render/time.ts';
import type { ThreadRef } from '../episode/thread-ref.ts';
import { slackThreadOf, slackThreadRef } from './slack-thread.ts';
import { buildResolvedParent, visualChange, type SlackMessage } from './slack-message.ts';
import { percent } from '../policy/visual-diff.ts';
import { RateLimited } from './slack-call.ts';
import type { SlackSender } from './slack-sender.ts';
import { alertScreenshot, messageKind, type Delivery } from './delivery.ts';
import { trendTitle } from '../render/trend-chart.ts';

/** One alert on its way: what it sends, what happened, and the incident's thread to store afterwards. */
export interface Item {
  d: Delivery;
  message: SlackMessage;
  outcome: NotificationOutcome;
  /** The incident's thread: the one it had, or the one its first message made. */
  thread?: ThreadRef;
  /** Where its message went (an ID once Slack has answered). */
  channelId: string;
  /** The incident's thread, for replies and recoveries. */
  threadTs?: string;
  done(): void;
}

const errorInfo = (e: unknown) => ({ name: (e as Error).name, message: (e as Error).message });

export function newItem(d: Delivery, message: SlackMessage, done: (item: Item) => void): Item {
  const parent = slackThreadOf(d.incident?.thread);
  const threadTs = d.decision.action === 'reply' || d.decision.action === 'recover' ? parent?.ts : undefined;
  const item: Item = {
    d, message, thread: d.decision.action === 'recover' ? undefined : d.incident?.thread, threadTs,
    // A reply needs its parent's channel; if posting the parent failed before, this message becomes the parent.
    channelId: (threadTs && parent?.channel) || d.channel,
    outcome: { action: d.decision.action, reason: d.decision.reason, channel: d.channel, preview: { text: message.text, blocks: message.attachments[0]!.blocks } },
    done: () => done(item),
  };
  return item;
}

/**
 * Posts the message at its channel's pace (the configured channel's: a reply goes by the channel's ID); a 429 is
 * thrown (RateLimited) for the queue to wait or fold, any other failure recorded.
 */
export async function postMessage(sender: SlackSender, item: Item): Promise<void> {
  const { d, message, outcome } = item;
  try {
    const broadcast = d.decision.action === 'reply' && d.decision.broadcast;
    const thread = item.threadTs ? { threadTs: item.threadTs, broadcast } : {};
    const posted = await sender.post(item.threadTs ? item.channelId : d.channel, message, { action: 'message', lane: d.channel, on429: 'throw', ...thread });
    item.channelId = posted.channel;
    outcome.ts = posted.ts;
    outcome.threadTs = item.threadTs;
    // The incident's first message (or, its parent never posted, this one): its thread from now on.
    if (d.incident && d.decision.action !== 'recover' && !item.thread) item.thread = slackThreadRef(item.channelId, posted.ts);
  } catch (error) {
    if (error instanceof RateLimited) throw error;
    outcome.error = errorInfo(error);
  }
}

/**
 * Uploads the screenshot: in the incident's thread for replies and recoveries, beside the alert otherwise. A failing
 * or slower run that has the last passed run's picture sends both in one upload — now and last good, side by side;
 * a failure confirmed from probe regions, each region's picture beside the home region's —
 * and a degraded run's trend chart (its recent response times) goes in that same upload.
 */
export async function uploadScreenshot(sender: SlackSender, item: Item): Promise<void> {
  const { d, outcome } = item;
  const shot = alertScreenshot(d.result);
  const chart = d.result.status !== 'passed' ? d.result.trendChart : undefined;
  // A visual change shows the compared picture, its baseline and the diff (the baseline stands in for the last good).
  const change = visualChange(d.result);
  // What the probe regions saw (confirmFrom), beside the home region's picture.
  const confirmation = d.result.confirmation;
  const probes = (confirmation?.probes ?? []).filter((p) => p.bytes);
  if (!shot && !chart?.bytes && !change && !probes.length) return;
  const name = (file: string) => `${d.result.name}-${file}`.replace(/[\\/]/g, '_');
  const lastGood = d.result.status !== 'passed' ? d.result.lastGood : undefined;
  const where = item.threadTs ? { channel_id: item.channelId, thread_ts: item.threadTs } : { channel_id: item.channelId };
  try {
    if (shot && !lastGood?.bytes && !chart?.bytes && !change && !probes.length) {
      const file = { file: shot.bytes!, filename: name(shot.file), title: `${d.result.name} · ${shot.step ?? 'final'} · ${d.result.status}` };
      await sender.upload(item.channelId, { ...file, ...where }, { action: 'screenshot upload', on429: 'throw' });
      return;
    }
    const files: { file: Buffer; filename: string; title: string }[] = [];
    if (change) {
      const now = d.result.screenshots.find((s) => s.file === change.screenshot && s.bytes) ?? shot;
      if (now) files.push({ file: now.bytes!, filename: name(now.file), title: `now · ${change.name}` });
      if (change.bytes) files.push({ file: change.bytes, filename: name(`baseline-${change.name}.png`), title: `baseline · ${change.name}` });
      if (change.diff?.bytes) files.push({ file: change.diff.bytes, filename: name(change.diff.file), title: `diff · ${percent(change.diffRatio)}` });
    } else if (shot && probes.length) {
      files.push({ file: shot.bytes!, filename: name(shot.file), title: `${confirmation!.home} · ${shot.step ?? 'final'} · ${d.result.status}` });
    } else if (shot) {
      files.push(lastGood?.bytes
        ? { file: shot.bytes!, filename: name(shot.file), title: `now · ${shot.step ?? 'final'} · ${d.result.status}` }
        : { file: shot.bytes!, filename: name(shot.file), title: `${d.result.name} · ${shot.step ?? 'final'} · ${d.result.status}` });
    }
    if (shot && lastGood?.bytes && !change) {
      const was = lastGood.screenshot;
      files.push({
        file: lastGood.bytes,
        filename: name(`last-good-${was?.file ?? 'final.png'}`),
        title: `last good · ${was?.step ?? 'final'} · ${stampWithZone(lastGood.startedAt, d.timeZone)} · run ${lastGood.runId}`,
      });
    }
    for (const p of probes) files.push({ file: p.bytes!, filename: name(`${p.region}-screenshot.png`), title: `${p.region} · ${p.outcome}${p.error?.step ? ` · at "${p.error.step}"` : ''}` });
    if (chart?.bytes) files.push({ file: chart.bytes, filename: name('response-times.png'), title: trendTitle(chart.runs) });
    await sender.upload(item.channelId, { ...where, file_uploads: files }, { action: 'screenshot upload', on429: 'throw' });
  } catch (error) {
    // Screenshots are the first thing to give way: no waiting for a rate limit, the alerts go first.
    if (error instanceof RateLimited) outcome.imageSkipped = `Slack rate-limited the upload (retry after ${error.retryAfter} s), and the alerts went first`;
    else outcome.imageError = errorInfo(error);
  }
}

/** On recovery, the incident's parent message says it is resolved (the details are in its thread). */
export async function resolveParent(sender: SlackSender, item: Item): Promise<void> {
  const { d, outcome } = item;
  const parent = slackThreadOf(d.incident?.thread);
  if (d.decision.action !== 'recover' || !d.incident || !parent) return;
  const resolved = buildResolvedParent(d.result, {
    kind: messageKind(d), runId: d.runId, timeZone: d.timeZone, incidentOpenedAt: d.incident.openedAt, failures: d.incident.failures,
  });
  const channel = parent.channel ?? item.channelId;
  try {
    // A 429 is recorded, not waited out: the run's other alerts need the time more.
    await sender.update(channel, parent.ts, resolved, { action: 'update of the incident message', on429: 'throw' });
  } catch (error) {
    outcome.error ??= errorInfo(error);
  }
}
