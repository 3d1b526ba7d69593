// The one way out to Slack. Every message, update and upload — the notifier's alerts, the alarm and log-watch
// handlers' threads, the daily digest — goes through a sender bound to one signal and deadline: posts into a channel
// are paced (channel-pacer.ts), a 429 pauses the channel for its Retry-After and is waited out while that still fits
// before the deadline, a request that never reached Slack is retried (slack-call.ts), and failures say what to fix,
// never the token. Text is escaped by the message builders with mrkdwn.ts.
import type { MessageAttachment, WebClient } from '@slack/web-api';
import { ChannelPacer } from './channel-pacer.ts';
import { createSlackClient, SlackError, type SlackSettings } from './slack-client.ts';
import { RateLimited, SlackCaller, type SlackLimits } from './slack-call.ts';
import { pause } from './retry.ts';

/**
 * What a call does with a 429: `wait` out its Retry-After and try again while that fits before the deadline, or
 * `throw` it back (RateLimited) to a caller that plans around it — the notifier folds what no longer fits.
 */
export type On429 = 'wait' | 'throw';

export interface CallOptions {
  /** Names the call in errors: `Slack <action> failed: …`. */
  action?: string;
  on429?: On429;
}

export interface PostOptions extends CallOptions {
  threadTs?: string;
  /** A thread reply also shown in the channel (set only for threaded posts). */
  broadcast?: boolean;
  /** The channel's pace when it is addressed by another name (a reply by its ID, an alert by its name); default the channel. */
  lane?: string;
}

/** What a post needs: the fallback text, and the coloured attachment with its blocks when there is one. */
export interface Postable {
  text: string;
  attachments?: readonly unknown[];
}

/** One channel's pace, and how long Slack takes to answer a post there (the slowest seen). */
export interface Lane {
  pacer: ChannelPacer;
  answerMs: number;
}

/** A guess at how long Slack takes to answer a post, until one was answered. */
const FIRST_ANSWER_MS = 300;

/** Limits ending at `deadline`: a signal that aborts then (saying `why`), and the bound on one request. */
export function limitsUntil(deadline: number, requestTimeoutMs: number, why: string, now = Date.now()): SlackLimits {
  const own = new AbortController();
  // Unref'd: it must never keep a CLI or a Lambda invocation alive.
  if (deadline <= now) own.abort(new Error(why));
  else setTimeout(() => own.abort(new Error(why)), deadline - now).unref();
  return { signal: own.signal, deadline, requestTimeoutMs };
}

export class SlackSender {
  private readonly caller: SlackCaller;
  private readonly lanes = new Map<string, Lane>();

  constructor(private readonly client: WebClient, token: string, readonly limits: SlackLimits) {
    this.caller = new SlackCaller(token, limits);
  }

  /** Set once a call found Slack not answering: later calls are not tried. */
  get unanswered(): string | undefined {
    return this.caller.unanswered;
  }

  lane(channel: string): Lane {
    let lane = this.lanes.get(channel);
    if (!lane) this.lanes.set(channel, (lane = { pacer: new ChannelPacer(), answerMs: FIRST_ANSWER_MS }));
    return lane;
  }

  /** A message into `channel` (in a thread with `threadTs`), at the channel's pace. */
  async post(channel: string, message: Postable, o: PostOptions = {}): Promise<{ channel: string; ts: string }> {
    const thread = o.threadTs ? { thread_ts: o.threadTs, ...(o.broadcast !== undefined && { reply_broadcast: o.broadcast }) } : {};
    const attachments = message.attachments && { attachments: message.attachments as MessageAttachment[] };
    const posted = await this.paced(o.lane ?? channel, o, () =>
      this.client.chat.postMessage({ text: message.text, ...attachments, unfurl_links: false, channel, ...thread }));
    return { channel: posted.channel ?? channel, ts: posted.ts as string };
  }

  /** Changes a message already posted. Not a post: it does not take the channel's pace. */
  async update(channel: string, ts: string, message: Postable, o: CallOptions = {}): Promise<void> {
    const attachments = message.attachments && { attachments: message.attachments as MessageAttachment[] };
    await this.unpaced(channel, o, () => this.client.chat.update({ channel, ts, text: message.text, ...attachments }));
  }

  /** One upload of one or more files (filesUploadV2's arguments), shared where they say. */
  upload(channel: string, args: Parameters<WebClient['filesUploadV2']>[0], o: CallOptions = {}): Promise<unknown> {
    return this.unpaced(channel, o, () => this.client.filesUploadV2(args));
  }

  /** Would a call started at `at` be answered before the deadline? */
  private fits(at: number, answerMs: number): boolean {
    return !this.limits.signal.aborted && at + answerMs <= this.limits.deadline;
  }

  private pastDeadline(action: string, channel: string, error: RateLimited): SlackError {
    return new SlackError(`Slack ${action} not sent: Slack rate-limited ${channel} (retry after ${error.retryAfter} s) past the deadline`, 'ratelimited', { cause: error });
  }

  /** Waits for the lane's next slot (`key`: the channel as configured), takes it, calls; a 429 pauses the lane, then is waited out or thrown. */
  private async paced<T>(key: string, o: CallOptions, fn: () => Promise<T>): Promise<T> {
    const lane = this.lane(key);
    const action = o.action ?? 'message';
    for (;;) {
      await pause(lane.pacer.nextAt() - Date.now(), this.limits.signal);
      lane.pacer.take();
      const started = Date.now();
      try {
        // Explained by the lane's name: the channel as configured (a reply goes by its ID).
        const out = await this.caller.call(action, key, fn);
        this.answered(lane, started);
        return out;
      } catch (error) {
        if (!(error instanceof RateLimited)) {
          this.answered(lane, started);
          throw error;
        }
        lane.pacer.block(error.retryAfter);
        if (o.on429 === 'throw') throw error;
        if (!this.fits(lane.pacer.nextAt(), lane.answerMs)) throw this.pastDeadline(action, key, error);
      }
    }
  }

  /** Slack answered (or failed): the next post counts from now, and the last one must start this much before the end. */
  private answered(lane: Lane, started: number): void {
    lane.pacer.answered();
    lane.answerMs = Math.min(this.limits.requestTimeoutMs, Math.max(lane.answerMs, Date.now() - started));
  }

  /** A call outside the channel's pace: a 429 is waited out (or thrown) for this call alone. */
  private async unpaced<T>(channel: string, o: CallOptions, fn: () => Promise<T>): Promise<T> {
    const action = o.action ?? 'call';
    for (;;) {
      try {
        return await this.caller.call(action, channel, fn);
      } catch (error) {
        if (!(error instanceof RateLimited) || o.on429 === 'throw') throw error;
        const at = Date.now() + error.retryAfter * 1000;
        if (!this.fits(at, this.lane(channel).answerMs)) throw this.pastDeadline(action, channel, error);
        await pause(at - Date.now(), this.limits.signal);
      }
    }
  }
}

/** A sender with a client of its own: every request stops with `limits.signal`. */
export async function openSlackSender(settings: Pick<SlackSettings, 'token' | 'apiUrl'>, limits: SlackLimits): Promise<SlackSender> {
  const client = await createSlackClient(settings, { requestTimeoutMs: limits.requestTimeoutMs, signal: limits.signal });
  return new SlackSender(client, settings.token, limits);
}
