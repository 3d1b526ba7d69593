// The alerts waiting for one channel in a run, sent one after the other through the sender (slack-sender.ts), at the
// channel's pace. Before each, the plan (slack-plan.ts) weighs what is waiting against the time left: screenshots give
// way first, then messages of their own, and what is left is folded into one message (slack-fold.ts). A 429 pauses the
// channel for Retry-After and the plan is made again.
import { stopReason } from '../store/store.ts';
import { alertScreenshot, messageKind } from './delivery.ts';
import { RateLimited } from './slack-call.ts';
import { buildFold } from './slack-fold.ts';
import { planNext } from './slack-plan.ts';
import type { SlackSender } from './slack-sender.ts';
import { postMessage, resolveParent, uploadScreenshot, type Item } from './slack-send.ts';

/**
 * New incidents and recoveries go first — and failures posted without their state (S3 down), which are new as far as
 * anyone can tell — then reminders, replies, and reports (degraded, notify: 'always').
 */
function priority({ d }: Item): number {
  const failedPost = d.decision.action === 'post' && d.result.status === 'failed';
  const ranks = { open: 0, recover: 1, reply: d.decision.action === 'reply' && d.decision.broadcast ? 2 : 3, post: failedPost ? 0 : 4, none: 5 };
  return ranks[d.decision.action];
}

/** Slack errors that every later post to this channel would meet as well. */
const CHANNEL_BROKEN = /\((invalid_auth|not_authed|token_revoked|account_inactive|channel_not_found|not_in_channel|missing_scope)\)/;

export class ChannelQueue {
  private readonly waiting: Item[] = [];
  private active = false;
  /** How long an upload takes (the last one seen; a guess until then). */
  private uploadMs = 1_000;

  constructor(
    private readonly channel: string,
    private readonly sender: SlackSender,
    /** The run's alerts not arrived yet (their checks are still storing), and when they all have. */
    private readonly run: { outstanding(): number; settled(): Promise<void> } = { outstanding: () => 0, settled: async () => {} },
  ) {}

  add(item: Item): void {
    const at = this.waiting.findIndex((w) => priority(w) > priority(item));
    if (at === -1) this.waiting.push(item);
    else this.waiting.splice(at, 0, item);
    if (!this.active) void this.drain();
  }

  private async drain(): Promise<void> {
    this.active = true;
    try {
      await this.run.settled();
      while (this.waiting.length) await this.next();
    } catch (error) {
      // A bug here must not leave a check waiting for ever: what is left is recorded as not sent.
      this.giveUp(this.waiting.splice(0), `Slack message not sent: ${(error as Error).message}`);
    } finally {
      this.active = false;
    }
  }

  private async next(): Promise<void> {
    const { signal, deadline } = this.sender.limits;
    if (signal.aborted || this.sender.unanswered) {
      const why = signal.aborted ? `not sent: ${stopReason(signal)}` : `not tried: ${this.sender.unanswered}`;
      return this.giveUp(this.waiting.splice(0), `Slack message ${why}`);
    }
    const { pacer, answerMs } = this.sender.lane(this.channel);
    const lastStart = deadline - answerMs;
    const n = this.waiting.length;
    // Screenshots are weighed against every alert still to come, so the first to arrive does not take their time.
    const coming = n + this.run.outstanding();
    const plan = planNext({ waiting: n, slots: pacer.slotsBefore(lastStart), screenshotsFit: pacer.slotsBefore(lastStart - coming * this.uploadMs) >= coming });
    if (plan === 'none') return this.giveUp(this.waiting.splice(0), `Slack message not sent: ${this.noTimeReason(lastStart)}`);
    if (plan === 'fold') return this.sendFold(this.waiting.splice(0));
    return this.sendOwn(this.waiting.shift()!, plan === 'full', n);
  }

  private noTimeReason(lastStart: number): string {
    const { pacer } = this.sender.lane(this.channel);
    return pacer.blockedUntil > lastStart
      ? `Slack rate-limited ${this.channel} (retry after ${pacer.lastRetryAfter} s) past the after-run deadline`
      : 'no time was left before the after-run deadline';
  }

  /** Sends at the channel's pace (the sender waits for the slot); a 429 puts the items back in front, to plan again. */
  private async post(items: Item[], send: () => Promise<void>): Promise<boolean> {
    try {
      await send();
      return true;
    } catch (error) {
      if (!(error instanceof RateLimited)) throw error;
      this.waiting.unshift(...items);
      return false;
    }
  }

  private async sendOwn(item: Item, withScreenshot: boolean, waiting: number): Promise<void> {
    if (!(await this.post([item], () => postMessage(this.sender, item)))) return;
    const shot = alertScreenshot(item.d.result);
    if (shot && withScreenshot) {
      const started = Date.now();
      await uploadScreenshot(this.sender, item);
      this.uploadMs = Date.now() - started;
    } else if (shot) {
      item.outcome.imageSkipped = `not sent: ${waiting} alerts were waiting for ${this.channel} and Slack takes about one message a second — ${shot.link ? 'the message links to it' : "it is kept with the run's results"}`;
    }
    await resolveParent(this.sender, item);
    if (item.outcome.error && CHANNEL_BROKEN.test(item.outcome.error.message)) this.giveUp(this.waiting.splice(0), item.outcome.error.message);
    item.done();
  }

  /** One message for every alert still waiting: each outcome says it was folded into it. */
  private async sendFold(items: Item[]): Promise<void> {
    const first = items[0]!.d;
    const message = buildFold(
      items.map(({ d }) => ({ result: d.result, kind: messageKind(d), incidentOpenedAt: d.incident?.openedAt, failures: d.incident?.failures, logsUrl: d.logsUrl })),
      { runId: first.runId, timeZone: first.timeZone, startedAt: first.result.startedAt },
    );
    let failure: { name: string; message: string } | undefined;
    const sent = await this.post(items, async () => {
      try {
        const posted = await this.sender.post(this.channel, message, { action: 'message for several checks', on429: 'throw' });
        for (const { outcome, d } of items) {
          outcome.folded = { channel: posted.channel, ts: posted.ts, checks: items.length };
          if (alertScreenshot(d.result)) outcome.imageSkipped = `not sent: listed in one message for ${items.length} checks — ${d.result.screenshots.some((s) => s.link) ? 'that message links to it' : "it is kept with the run's results"}`;
        }
      } catch (error) {
        if (error instanceof RateLimited) throw error;
        failure = { name: (error as Error).name, message: (error as Error).message };
      }
    });
    if (!sent) return;
    await Promise.all(items.map((item) => {
      if (failure) item.outcome.error = failure;
      return resolveParent(this.sender, item);
    }));
    for (const item of items) item.done();
  }

  private giveUp(items: Item[], message: string): void {
    for (const item of items) {
      item.outcome.error ??= { name: 'SlackError', message };
      item.done();
    }
  }
}
