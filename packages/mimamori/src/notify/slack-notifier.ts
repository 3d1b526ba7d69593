// Sends what the alert policy decided to Slack. A notifier opens one session per run (slack-session.ts) over one
// sender (slack-sender.ts) bound to the run's signal and deadline; the session folds what does not fit.
import type { SlackSettings } from './slack-client.ts';
import type { Notifier, NotifyLimits } from './notifier.ts';
import { openSlackSender } from './slack-sender.ts';
import { SlackSession } from './slack-session.ts';

export class SlackNotifier implements Notifier {
  readonly name = 'Slack';
  constructor(private readonly settings: SlackSettings) {}

  /** A session for one run: every request stops with `limits.signal`, nothing starts after `limits.deadline`. */
  async open(limits: NotifyLimits): Promise<SlackSession> {
    return new SlackSession(await openSlackSender(this.settings, limits), this.settings.channel);
  }
}
