// An alert on its way to Slack: the alert with its channel settled, which picture it carries, what kind of message
// it is, and the message it becomes.
import type { CheckResult } from '../result/types.ts';
import type { AlertDecision } from '../policy/alert-policy.ts';
import { storyScreenshot } from '../result/evidence.ts';
import type { Alert } from './notifier.ts';
import { buildSlackMessage, type MessageKind, type SlackMessage } from './slack-message.ts';

/** An alert with the Slack channel it goes to. */
export interface Delivery extends Alert {
  channel: string;
}

/** The picture that tells the story: the failure, else the last view. */
export function alertScreenshot(result: CheckResult): ReturnType<typeof storyScreenshot> {
  return storyScreenshot(result, true);
}

export function messageKind(d: Pick<Alert, 'decision' | 'incident' | 'result'>): MessageKind {
  const { action } = d.decision;
  if (action === 'recover') return d.incident?.kind === 'monitor' ? 'monitor-recovered' : 'recovered';
  // The monitor broke (Chromium, a worker): never worded as the site being down.
  if (d.result.status === 'failed' && d.result.error?.class === 'runner') return 'monitor';
  const kinds: Record<AlertDecision['action'], MessageKind> = { open: 'alert', reply: 'alert', recover: 'recovered', post: 'report', none: 'report' };
  return action === 'reply' && d.decision.broadcast ? 'reminder' : kinds[action];
}

export function messageFor(d: Alert): SlackMessage {
  return buildSlackMessage(d.result, {
    kind: messageKind(d), runId: d.runId, timeZone: d.timeZone, logsUrl: d.logsUrl, traceUrl: d.traceUrl, incidentOpenedAt: d.incident?.openedAt, failures: d.incident?.failures, note: d.note,
  });
}
