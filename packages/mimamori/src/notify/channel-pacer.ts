// Paces posts into one Slack channel: Slack allows about one message per second per channel (short bursts are
// tolerated, without guarantee) and answers 429 with Retry-After beyond that. A token bucket, and a pause after a 429.

/** Slack's documented pace for chat.postMessage: one message per second per channel. */
export const POSTS_PER_SECOND = 1;
/** Posts that may go at once: Slack tolerates short bursts but promises nothing, so none beyond the first. */
export const BURST = 1;

export class ChannelPacer {
  private tokens: number;
  private at: number;
  /** No post before this time (epoch ms): Slack's Retry-After. */
  blockedUntil = 0;
  /** The last Retry-After Slack gave, in seconds (for messages). */
  lastRetryAfter?: number;

  constructor(
    private readonly perSecond = POSTS_PER_SECOND,
    private readonly burst = BURST,
    private readonly now: () => number = Date.now,
  ) {
    this.tokens = burst;
    this.at = now();
  }

  private tokensAt(time: number): number {
    return Math.min(this.burst, this.tokens + (Math.max(0, time - this.at) / 1000) * this.perSecond);
  }

  /** When the next post may start. */
  nextAt(): number {
    const start = Math.max(this.now(), this.blockedUntil);
    const tokens = this.tokensAt(start);
    return tokens >= 1 ? start : start + ((1 - tokens) / this.perSecond) * 1000;
  }

  /** How many posts can start by `time`, one after the other as soon as allowed. */
  slotsBefore(time: number): number {
    const start = Math.max(this.now(), this.blockedUntil);
    if (time < start) return 0;
    return Math.max(0, Math.floor(this.tokensAt(start) + ((time - start) / 1000) * this.perSecond + 1e-9));
  }

  /** Takes the next slot: call when the post starts (after waiting until `nextAt()`). */
  take(): void {
    const now = Math.max(this.now(), this.at);
    this.tokens = this.tokensAt(now) - 1;
    this.at = now;
  }

  /**
   * The post was answered: the next one counts from now, not from when this one started, so Slack — which counts
   * from when it received it — never sees two inside its window.
   */
  answered(): void {
    this.at = Math.max(this.at, this.now());
  }

  /** Slack answered 429: nothing more before Retry-After has passed. */
  block(retryAfterSeconds: number): void {
    this.lastRetryAfter = retryAfterSeconds;
    this.blockedUntil = Math.max(this.blockedUntil, this.now() + retryAfterSeconds * 1000);
    // After the pause the channel starts again from one post, not a burst.
    this.tokens = 0;
    this.at = this.blockedUntil - (1000 / this.perSecond);
  }
}
