// One run's deliveries to Slack: each alert joins the queue of its channel (slack-channel.ts), where posts are paced,
// 429s honoured and what does not fit before the deadline folded into one message. All of it goes through the run's
// sender (slack-sender.ts). Resolves when the alert was sent or given up.
import { messageFor } from './delivery.ts';
import type { Alert, Delivered, NotifierSession } from './notifier.ts';
import { pause } from './retry.ts';
import { ChannelQueue } from './slack-channel.ts';
import type { SlackSender } from './slack-sender.ts';
import { newItem } from './slack-send.ts';

/** The longest a channel waits for the run's other checks to finish storing before its first post. */
const SETTLE_MS = 2_000;

export class SlackSession implements NotifierSession {
  private readonly channels = new Map<string, ChannelQueue>();
  /** Checks of the run that may still deliver an alert (see expect). */
  private outstanding = 0;
  private settled: (() => void)[] = [];

  constructor(private readonly sender: SlackSender, private readonly defaultChannel?: string) {}

  /** The run has `n` checks that may alert: until they arrive (or skip), screenshots are weighed against them too. */
  expect(n: number): void {
    this.outstanding += n;
  }

  /** A check of the run will not alert (nothing to say, or no channel). */
  skip(): void {
    this.arrived();
  }

  private arrived(): void {
    this.outstanding = Math.max(0, this.outstanding - 1);
    if (this.outstanding === 0) for (const resolve of this.settled.splice(0)) resolve();
  }

  /**
   * Resolves once every check of the run has alerted or skipped, or after `SETTLE_MS`: a channel plans its posts
   * knowing how many alerts it has, so a lone failure keeps its screenshot and a busy run gives them up at once.
   */
  private whenSettled(): Promise<void> {
    if (this.outstanding === 0) return Promise.resolve();
    // The pause is cancelled once settled: a timer left running would hold the CLI's exit for up to SETTLE_MS.
    const settledFirst = new AbortController();
    const settled = new Promise<void>((resolve) => this.settled.push(resolve));
    return Promise.race([settled, pause(SETTLE_MS, AbortSignal.any([this.sender.limits.signal, settledFirst.signal]))])
      .finally(() => settledFirst.abort());
  }

  deliver(alert: Alert): Promise<Delivered> {
    this.arrived();
    const channel = alert.channel ?? this.defaultChannel;
    if (!channel) {
      const { action, reason } = alert.decision;
      const error = { name: 'SlackError', message: 'no Slack channel: set SLACK_CHANNEL (or slack.channel in the config, or alerts.channel on the check)' };
      return Promise.resolve({ outcome: { action, reason, error } });
    }
    const d = { ...alert, channel };
    return new Promise((resolve) => {
      const item = newItem(d, messageFor(d), ({ outcome, thread }) => resolve({ outcome, ...(thread && { thread }) }));
      // One pacer per configured channel: a reply addressed by the channel's ID and a new alert by its name are
      // the same channel to Slack's rate limit.
      const key = d.channel;
      let queue = this.channels.get(key);
      if (!queue) this.channels.set(key, (queue = new ChannelQueue(key, this.sender, { outstanding: () => this.outstanding, settled: () => this.whenSettled() })));
      queue.add(item);
    });
  }
}
