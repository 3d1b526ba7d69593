// Sends what the alert policy decided to Microsoft Teams through a Workflows webhook, as an Adaptive Card
// (teams-card.ts) posted by teams-client.ts. The destination is the NAME of a secret whose value is the webhook's URL.
//
// A Workflows webhook answers 202 Accepted with no message id, so a card can be neither threaded nor updated: the
// incident's "thread" is our own note of its first message (when it opened, its headline), and each reply and the
// recovery quote it ("Re: checkout FAILED — opened 6 Dec, 09:00 GMT+9") so the channel can connect them.
import type { ThreadRef } from '../episode/thread-ref.ts';
import { storyScreenshot } from '../result/evidence.ts';
import type { NotificationOutcome } from '../result/types.ts';
import { alertFacts, resolvedLine } from './alert-facts.ts';
import { messageKind } from './delivery.ts';
import type { Alert, Delivered, Notifier, NotifierSession, NotifyLimits } from './notifier.ts';
import { buildTeamsMessage, TEAMS_BUDGET_BYTES, type TeamsQuote } from './teams-card.ts';
import { cannotStart, postToWorkflow, redactUrl, TeamsError, type TeamsClientDeps } from './teams-client.ts';

export interface TeamsSettings extends TeamsClientDeps {
  /** Reads a secret by name (SSM, the environment, the secrets file): the value is the webhook's URL. */
  secret: (name: string) => Promise<string>;
  /** The secret's name when the alert names none (routing's `{ teams: 'TEAMS_URL_SECRET' }`). */
  channel?: string;
}

const NOTIFIER = 'teams';

/** The first message this notifier posted for the incident, when the ref is ours. */
function quoteOf(thread: ThreadRef | undefined): TeamsQuote | undefined {
  if (thread?.notifier !== NOTIFIER) return undefined;
  const { openedAt, title } = thread.ref;
  return openedAt && title ? { openedAt, title } : undefined;
}

/** Retired Office 365 connector URLs: they no longer post, whatever they answer. */
const RETIRED = /(^|\.)webhook\.office\.com$|^outlook\.office(365)?\.com$/i;

function checkUrl(value: string, name: string): string {
  let url: URL;
  try {
    url = new URL(value.trim());
  } catch {
    throw new TeamsError(`the secret ${name} does not hold a URL (a Teams Workflows webhook URL is expected)`, 'bad-url');
  }
  if (!/^https?:$/.test(url.protocol)) throw new TeamsError(`the secret ${name} does not hold an http(s) URL`, 'bad-url');
  if (RETIRED.test(url.hostname)) {
    throw new TeamsError(`the secret ${name} holds an Office 365 connector URL: those are retired; create a webhook with the channel's Workflows ("Send webhook alerts to a channel") and store its URL instead`, 'bad-url');
  }
  return url.href;
}

export class TeamsSession implements NotifierSession {
  /** One card at a time per webhook: a burst of alerts would only meet the 429s. */
  private readonly queues = new Map<string, Promise<unknown>>();

  constructor(private readonly settings: TeamsSettings, readonly limits: NotifyLimits) {}

  expect(): void {}
  skip(): void {}

  deliver(alert: Alert): Promise<Delivered> {
    const name = alert.channel ?? this.settings.channel;
    const { action, reason } = alert.decision;
    if (!name) return Promise.resolve({ outcome: { action, reason, error: { name: 'TeamsError', message: 'no Teams webhook: name the secret that holds its URL ({ teams: \'SECRET_NAME\' })' } } });
    const before = this.queues.get(name) ?? Promise.resolve();
    const sent = before.then(() => this.send(alert, name));
    this.queues.set(name, sent.catch(() => undefined));
    return sent;
  }

  private async send(alert: Alert, name: string): Promise<Delivered> {
    const { action, reason } = alert.decision;
    const base: NotificationOutcome = { action, reason, channel: name };
    let url = '';
    try {
      const now = (this.settings.now ?? Date.now)();
      const kind = messageKind(alert);
      const incident = alert.incident;
      const quote = action === 'reply' || action === 'recover' ? quoteOf(incident?.thread) : undefined;
      const facts = alertFacts(alert.result, {
        kind, runId: alert.runId, timeZone: alert.timeZone, logsUrl: alert.logsUrl, traceUrl: alert.traceUrl,
        incidentOpenedAt: incident?.openedAt, failures: incident?.failures, note: alert.note, now,
      });
      const resolved = action === 'recover' && incident ? resolvedLine(alert.result, { kind, failures: incident.failures, incidentOpenedAt: incident.openedAt }) : undefined;
      const { message, bytes, level } = buildTeamsMessage({ facts, kind, timeZone: alert.timeZone, now, screenshot: storyScreenshot(alert.result), ...(quote && { quote }), ...(resolved && { resolved }) });
      // Reading the secret is a request too (SSM): it waits for a run that may still send.
      const refused = cannotStart(this.limits, (this.settings.now ?? Date.now)());
      if (refused) throw refused;
      url = checkUrl(await this.readSecret(name), name);
      if (bytes > TEAMS_BUDGET_BYTES) throw new TeamsError(`the card is ${bytes} bytes even shortened: more than a Teams message holds`, 'too-large');
      const status = await postToWorkflow(url, JSON.stringify(message), this.limits, this.settings);
      const shortened = level > 0 ? ' (shortened to fit)' : '';
      const outcome: NotificationOutcome = { ...base, reason: `${reason}; Teams accepted the card (HTTP ${status})${shortened}${quote ? ', quoting the incident\'s first card' : ''}` };
      // The first card of an incident (or the first that reached Teams) is what later cards quote.
      const opens = incident && (action === 'open' || (action === 'reply' && !quote));
      return { outcome, ...(opens && { thread: { notifier: NOTIFIER, ref: { openedAt: incident.openedAt, title: facts.title } } }) };
    } catch (error) {
      const e = error instanceof Error ? error : new Error(String(error));
      return { outcome: { ...base, error: { name: e.name === 'TeamsError' ? e.name : 'TeamsError', message: redactUrl(e.message, url) } } };
    }
  }

  private async readSecret(name: string): Promise<string> {
    try {
      return await this.settings.secret(name);
    } catch (error) {
      throw new TeamsError(`could not read the secret ${name} (the Teams webhook URL): ${error instanceof Error ? error.message : String(error)}`, 'secret', { cause: error });
    }
  }
}

export class TeamsNotifier implements Notifier {
  readonly name = 'Teams';
  constructor(private readonly settings: TeamsSettings) {}

  /** A session for one run: every request stops with `limits.signal`, nothing starts after `limits.deadline`. */
  async open(limits: NotifyLimits): Promise<TeamsSession> {
    return new TeamsSession(this.settings, limits);
  }
}
