// Notifiers that send nothing: without Slack a run still shows what would have been sent (a preview), and when Slack
// could not be set up (its token unreadable) every alert records why it did not go out.
import { messageFor } from './delivery.ts';
import type { Alert, Delivered, Notifier, NotifierSession } from './notifier.ts';

class QuietSession implements NotifierSession {
  constructor(private readonly send: (alert: Alert) => Delivered) {}
  expect(): void {}
  skip(): void {}
  async deliver(alert: Alert): Promise<Delivered> {
    return this.send(alert);
  }
}

/** Records the message that would have gone out, and why it did not (`why`: "Slack is not configured …"). */
export class PreviewNotifier implements Notifier {
  readonly name = 'preview';
  constructor(private readonly why: string) {}
  async open(): Promise<NotifierSession> {
    return new QuietSession((alert) => {
      const message = messageFor(alert);
      const { action, reason } = alert.decision;
      return { outcome: { action, reason: `${reason} — ${this.why}`, preview: { text: message.text, blocks: message.attachments[0]!.blocks } } };
    });
  }
}

/** Every alert records `error` (e.g. the Slack token could not be read), so the failure shows on each result. */
export class UnavailableNotifier implements Notifier {
  constructor(readonly name: string, private readonly error: { name: string; message: string }) {}
  async open(): Promise<NotifierSession> {
    return new QuietSession(({ decision }) => ({ outcome: { action: decision.action, reason: decision.reason, error: this.error } }));
  }
}
