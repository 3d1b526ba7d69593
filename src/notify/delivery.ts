// One alert to deliver, as the pipeline hands it to a notifier: the policy's decision, the result, where it goes,
// and the message it becomes.
import type { CheckResult } from '../result/types.ts';
import type { AlertDecision } from '../policy/alert-policy.ts';
import type { Incident } from '../store/state.ts';
import { storyScreenshot } from '../result/evidence.ts';
import { buildSlackMessage, type MessageKind, type SlackMessage } from './slack-message.ts';

export interface Delivery {
  decision: AlertDecision;
  result: CheckResult;
  runId: string;
  channel: string;
  timeZone: string;
  logsUrl?: string;
  /** The incident as it stands after this run (opened, counted or still the old one on recovery). */
  incident: Incident | null;
  /** Shown on the message, e.g. that the check's state could not be read. */
  note?: string;
}

/** The picture that tells the story: the failure, else the last view. */
export function alertScreenshot(result: CheckResult): ReturnType<typeof storyScreenshot> {
  return storyScreenshot(result, true);
}

export function messageKind(d: Pick<Delivery, 'decision'>): MessageKind {
  const kinds: Record<AlertDecision['action'], MessageKind> = { open: 'alert', reply: 'alert', recover: 'recovered', post: 'report', none: 'report' };
  return d.decision.action === 'reply' && d.decision.broadcast ? 'reminder' : kinds[d.decision.action];
}

export function messageFor(d: Delivery): SlackMessage {
  return buildSlackMessage(d.result, {
    kind: messageKind(d), runId: d.runId, timeZone: d.timeZone, logsUrl: d.logsUrl, incidentOpenedAt: d.incident?.openedAt, failures: d.incident?.failures, note: d.note,
  });
}
