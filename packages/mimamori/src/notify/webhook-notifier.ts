// A generic webhook: each alert becomes one signed JSON event (webhook-event.ts, `mimamori.alert/v1`) POSTed to a URL
// a team wires to PagerDuty, Opsgenie or its own bot (docs/webhooks.md). The URL and its signing key are secrets read
// by name — the alert's channel names the URL's secret, the key is `<NAME>_SIGNING_KEY` unless told otherwise — and
// neither ever appears in an outcome. A webhook has no threads: the ref it returns is the incident's id, which every
// event of the incident carries, so the receiver groups (and dedups) them by it.
import type { Alert, Delivered, Notifier, NotifierSession, NotifyLimits } from './notifier.ts';
import { pause } from './retry.ts';
import { postWebhook, WebhookError, type RetryTiming } from './webhook-client.ts';
import { buildWebhookEvent, eventNameOf, WEBHOOK, webhookThreadRef } from './webhook-event.ts';

export interface WebhookSettings {
  /** Reads a secret's value by its name (SSM on Lambda, the environment locally); rejects when there is none. */
  secret: (name: string) => Promise<string>;
  /** The URL's secret when the alert names none (its `alerts.channel`). */
  channel?: string;
  /** The signing key's secret for a URL's secret: default `<NAME>_SIGNING_KEY`. */
  signingKeyName?: (urlSecret: string) => string;
  fetch?: typeof fetch;
  /** Tests: the clock, the waits between attempts, the jitter, how many attempts (default 5). */
  now?: () => number;
  sleep?: RetryTiming['sleep'];
  random?: () => number;
  maxAttempts?: number;
}

export const signingKeySecret = (urlSecret: string): string => `${urlSecret}_SIGNING_KEY`;

export class WebhookNotifier implements Notifier {
  readonly name = 'Webhook';
  constructor(private readonly settings: WebhookSettings) {}

  /** A session for one run: every request stops with `limits.signal`, nothing starts after `limits.deadline`. */
  async open(limits: NotifyLimits): Promise<NotifierSession> {
    return new WebhookSession(this.settings, limits);
  }
}

class WebhookSession implements NotifierSession {
  /** Each secret read once a run, however many checks alert. */
  private readonly secrets = new Map<string, Promise<string>>();
  private readonly timing: RetryTiming;

  constructor(private readonly settings: WebhookSettings, private readonly limits: NotifyLimits) {
    this.timing = { now: settings.now ?? Date.now, sleep: settings.sleep ?? pause, random: settings.random ?? Math.random, maxAttempts: settings.maxAttempts ?? 5 };
  }

  // Nothing is paced or batched: each event is its own request.
  expect(): void {}
  skip(): void {}

  private read(name: string, what: string): Promise<string> {
    let value = this.secrets.get(name);
    if (!value) {
      value = this.settings.secret(name).then((v) => {
        if (!v) throw new WebhookError(`the secret ${name} (${what}) is empty`);
        return v;
      }, (error: unknown) => {
        const e = error as Error;
        throw new WebhookError(`could not read the secret ${name} (${what}): ${e?.name ?? 'Error'}: ${e?.message ?? String(error)}`);
      });
      this.secrets.set(name, value);
    }
    return value;
  }

  async deliver(alert: Alert): Promise<Delivered> {
    const { action, reason } = alert.decision;
    const event = eventNameOf(alert);
    if (!event) return { outcome: { action, reason } };
    const name = alert.channel ?? this.settings.channel;
    const failed = (message: string): Delivered => ({ outcome: { action, reason, ...(name && { channel: name }), error: { name: 'WebhookError', message } } });
    if (!name) return failed("no webhook: name the secret that holds its URL ({ webhook: 'URL_SECRET_NAME' })");
    const notSent = `webhook ${name}: ${event} not sent`;
    try {
      // Reading the secrets is an outside call too: nothing starts once the deadline has passed.
      if (this.timing.now() >= this.limits.deadline) throw new WebhookError(`${notSent}: the run's deadline had passed`);
      const keyName = (this.settings.signingKeyName ?? signingKeySecret)(name);
      const [url, key] = await Promise.all([this.read(name, "the webhook's URL"), this.read(keyName, "the webhook's signing key")]).catch((error: unknown) => {
        throw new WebhookError(`${notSent}: ${(error as Error).message}`);
      });
      if (!/^https?:\/\//i.test(url) || !URL.canParse(url)) throw new WebhookError(`${notSent}: the secret ${name} is not an http(s) URL`);
      // fetch refuses these with an error that quotes the whole URL.
      const { username, password } = new URL(url);
      if (username || password) throw new WebhookError(`${notSent}: the secret ${name} is a URL with a user name or password in it, which fetch refuses: put them in the path or a query parameter`);
      const payload = buildWebhookEvent(alert, event, this.timing.now());
      await postWebhook({ url, key, body: JSON.stringify(payload), event, eventId: payload.id, name }, this.limits, this.timing, this.settings.fetch);
      // The incident's first event: its id is the "thread" every later event of it carries.
      const first = payload.incident && (action === 'open' || action === 'reply') && alert.incident?.thread?.notifier !== WEBHOOK;
      return { outcome: { action, reason, channel: name }, ...(first && { thread: webhookThreadRef(payload.incident!.id) }) };
    } catch (error) {
      const e = error as Error;
      return failed(error instanceof WebhookError ? e.message : `${notSent}: ${e?.name}: ${e?.message}`);
    }
  }
}
