// What went wrong sending one alert, in words, for every view (the terminal summary, the HTML report, Lambda's log
// line) — each failing target named when the alert went to several channels — and whether anything did.
import type { NotificationOutcome, NotificationTarget } from './types.ts';

const NOTIFIER_NAMES: Record<string, string> = { slack: 'Slack', chatwork: 'Chatwork', teams: 'Teams', webhook: 'Webhook' };

/** `Teams TEAMS_ALERTS_URL`, `Slack` (its default channel). */
export const targetLabel = (t: Pick<NotificationTarget, 'notifier' | 'to'>): string => `${NOTIFIER_NAMES[t.notifier] ?? t.notifier}${t.to ? ` ${t.to}` : ''}`;

/** Each failure of the alert: `message failed: …`, `screenshot failed: …`, prefixed by its target when routed. */
export function notificationProblems(n: NotificationOutcome): string[] {
  const parts: (NotificationOutcome | NotificationTarget)[] = n.targets ?? [n];
  return parts.flatMap((p) => {
    const who = 'notifier' in p ? `${targetLabel(p)}: ` : '';
    return [p.error && `${who}message failed: ${p.error.message}`, p.imageError && `${who}screenshot failed: ${p.imageError.message}`].filter((x): x is string => Boolean(x));
  });
}

/** The alert, or its picture, failed to reach a channel: any target's failure counts. */
export const notificationFailed = (n: NotificationOutcome | undefined): boolean =>
  Boolean(n && (n.error || n.imageError || n.targets?.some((t) => t.error || t.imageError)));
