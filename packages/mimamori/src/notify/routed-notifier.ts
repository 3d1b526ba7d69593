// One notifier over several: each alert goes to every target of its check's route (check/notify-route.ts) at once —
// Slack, Chatwork, Teams, a webhook — each through its own notifier, and one failing never stops the others. The
// outcome is the first target's (what results.json readers know) plus `targets`, every target's own, when there are
// several (or the one is not Slack, so views can name it); the incident's thread is the targets' refs in one
// (route-thread.ts).
//
// A first message some targets posted and others did not: the thread keeps the refs of those that posted; a target
// without one gets the next reply as a message of its own (as a notifier does when the first message never went
// out), which becomes its thread from then on — the pipeline records the grown composite.
import type { NotifierKind, RouteTarget } from '../check/notify-route.ts';
import { targetKey } from '../check/notify-route.ts';
import type { ThreadRef } from '../episode/thread-ref.ts';
import type { NotificationOutcome, NotificationTarget } from '../result/types.ts';
import type { Alert, Delivered, Notifier, NotifierSession, NotifyLimits } from './notifier.ts';
import { joinThread, splitThread } from './route-thread.ts';

type Problem = { name: string; message: string };

/** Why a target of a kind with no notifier cannot be delivered: what to set. */
const NOT_CONFIGURED: Record<NotifierKind, Problem> = {
  slack: { name: 'SlackError', message: 'Slack is not configured: set SLACK_BOT_TOKEN (deployed: the SSM parameter SlackTokenParameterName names)' },
  chatwork: { name: 'ChatworkError', message: 'Chatwork is not configured: set CHATWORK_API_TOKEN (deployed: the SSM parameter ChatworkTokenParameterName names)' },
  teams: { name: 'TeamsError', message: 'Teams is not configured: no way to read the secret that holds its webhook URL' },
  webhook: { name: 'WebhookError', message: 'webhooks are not configured: no way to read the secret that holds the URL' },
};

export interface RoutedSettings {
  /** The notifier of each kind that is set up; a target of another kind is that target's failure. */
  notifiers: Partial<Record<NotifierKind, Notifier>>;
  /** Each check's route, by check name. A check not in it: Slack, to the alert's channel. */
  routes: Map<string, RouteTarget[]>;
}

const asProblem = (e: unknown): Problem => ({ name: (e as Error)?.name ?? 'Error', message: (e as Error)?.message ?? String(e) });

export class RoutedNotifier implements Notifier {
  readonly name = 'routes';
  constructor(private readonly settings: RoutedSettings) {}

  /** A session of each notifier some route uses, opened together; one that cannot open fails its targets only. */
  async open(limits: NotifyLimits): Promise<NotifierSession> {
    const kinds = [...new Set([...this.settings.routes.values()].flat().map((t) => t.kind))];
    const sessions = new Map<NotifierKind, NotifierSession | Problem>();
    await Promise.all(kinds.map(async (kind) => {
      const notifier = this.settings.notifiers[kind];
      if (!notifier) return sessions.set(kind, NOT_CONFIGURED[kind]);
      return sessions.set(kind, await notifier.open(limits).catch(asProblem));
    }));
    return new RoutedSession(sessions, this.settings.routes);
  }
}

const isSession = (s: NotifierSession | Problem | undefined): s is NotifierSession => typeof (s as NotifierSession | undefined)?.deliver === 'function';

class RoutedSession implements NotifierSession {
  constructor(private readonly sessions: Map<NotifierKind, NotifierSession | Problem>, private readonly routes: Map<string, RouteTarget[]>) {}

  private *open(): Iterable<[NotifierKind, NotifierSession]> {
    for (const [kind, s] of this.sessions) if (isSession(s)) yield [kind, s];
  }

  // Every session hears of every check: one that paces (Slack's) plans with how many alerts may still come to it.
  expect(n: number): void {
    for (const [, s] of this.open()) s.expect(n);
  }

  skip(): void {
    for (const [, s] of this.open()) s.skip();
  }

  async deliver(alert: Alert): Promise<Delivered> {
    const route = this.routes.get(alert.result.name) ?? [{ kind: 'slack', ...(alert.channel !== undefined && { to: alert.channel }) }];
    const per = new Map<NotifierKind, number>();
    for (const t of route) per.set(t.kind, (per.get(t.kind) ?? 0) + 1);
    // A session this alert does not reach is told so (it counted the check in `expect`); one it reaches twice, more.
    for (const [kind, s] of this.open()) {
      const n = per.get(kind) ?? 0;
      if (n === 0) s.skip();
      else if (n > 1) s.expect(n - 1);
    }
    const refs = splitThread(alert.incident?.thread, route);
    const delivered = await Promise.all(route.map((t) => this.deliverTo(t, alert, refs.get(targetKey(t)))));
    route.forEach((t, i) => {
      const thread = delivered[i]!.thread;
      if (thread) refs.set(targetKey(t), thread);
    });
    const first = delivered[0]!.outcome;
    // Several targets, or one that is not Slack: each named in `targets` (a plain Slack route's outcome is as before).
    const plain = route.length === 1 && route[0]!.kind === 'slack';
    const outcome: NotificationOutcome = plain ? first
      : { ...first, targets: route.map((t, i): NotificationTarget => ({ notifier: t.kind, to: t.to ?? '', ...delivered[i]!.outcome })) };
    // One target: its own ref, as it made it (the shape incidents had before routing).
    const thread = route.length === 1 ? delivered[0]!.thread : joinThread(route, refs);
    return { outcome, ...(thread && { thread }) };
  }

  /** One target: its notifier's session with the alert addressed to it, its own part of the thread. Never throws. */
  private async deliverTo(target: RouteTarget, alert: Alert, ref: ThreadRef | undefined): Promise<Delivered> {
    const { action, reason } = alert.decision;
    const session = this.sessions.get(target.kind);
    if (!isSession(session)) return { outcome: { action, reason, ...(target.to && { channel: target.to }), error: session ?? NOT_CONFIGURED[target.kind] } };
    const incident = alert.incident && { ...alert.incident, thread: ref };
    if (incident && !ref) delete incident.thread;
    try {
      return await session.deliver({ ...alert, channel: target.to, incident: incident ?? null });
    } catch (error) {
      // The contract says a session never throws; a bug in one must still not stop the others.
      return { outcome: { action, reason, ...(target.to && { channel: target.to }), error: asProblem(error) } };
    }
  }
}
