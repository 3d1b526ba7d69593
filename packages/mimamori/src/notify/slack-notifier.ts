// Sends what the alert policy decided to Slack. A notifier opens one session per run (slack-session.ts), bound to the
// run's signal and deadline; the session paces the posts per channel and coalesces what does not fit.
import { createSlackClient, type SlackSettings } from './slack-client.ts';
import type { Notifier, NotifyLimits } from './notifier.ts';
import { SlackSession } from './slack-session.ts';

export class SlackNotifier implements Notifier {
  readonly name = 'Slack';
  constructor(private readonly settings: SlackSettings) {}

  /** A session for one run: every request stops with `limits.signal`, nothing starts after `limits.deadline`. */
  async open(limits: NotifyLimits): Promise<SlackSession> {
    const client = await createSlackClient(this.settings, { requestTimeoutMs: limits.requestTimeoutMs, signal: limits.signal });
    return new SlackSession(client, this.settings.token, limits, this.settings.channel);
  }
}
