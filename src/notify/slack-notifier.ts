// Sends what the alert policy decided: the message and the screenshot separately (one failing never stops the other),
// threads replies under the incident's parent, and marks the parent resolved on recovery.
import type { MessageAttachment, WebClient } from '@slack/web-api';
import type { CheckResult, NotificationOutcome, Screenshot } from '../result/types.ts';
import type { AlertDecision } from '../policy/alert-policy.ts';
import type { Incident } from '../store/state.ts';
import { storyScreenshot } from '../result/evidence.ts';
import { buildResolvedParent, buildSlackMessage, type MessageKind, type SlackMessage } from './slack-message.ts';
import { explainSlackError, type SlackError } from './slack-client.ts';

export interface Delivery {
  decision: AlertDecision;
  result: CheckResult;
  runId: string;
  channel: string;
  timeZone: string;
  logsUrl?: string;
  /** The incident as it stands after this run (opened, counted or still the old one on recovery). */
  incident: Incident | null;
}

const errorInfo = (e: SlackError) => ({ name: e.name, message: e.message });

/** The picture that tells the story: the failure, else the last view. */
export function alertScreenshot(result: CheckResult): Screenshot | undefined {
  return storyScreenshot(result, true);
}

export function messageFor(d: Delivery): SlackMessage {
  const kinds: Record<AlertDecision['action'], MessageKind> = { open: 'alert', reply: 'alert', recover: 'recovered', post: 'report', none: 'report' };
  const kind = d.decision.action === 'reply' && d.decision.broadcast ? 'reminder' : kinds[d.decision.action];
  return buildSlackMessage(d.result, {
    kind, runId: d.runId, timeZone: d.timeZone, logsUrl: d.logsUrl, incidentOpenedAt: d.incident?.openedAt, failures: d.incident?.failures,
  });
}

export class SlackNotifier {
  constructor(
    private readonly client: WebClient,
    private readonly token: string,
  ) {}

  private fail(error: unknown, action: string, channel: string): SlackError {
    return explainSlackError(error, action, this.token, channel);
  }

  /** Returns the outcome and the incident to store (with its parent's ts when this run opened it). */
  async deliver(d: Delivery): Promise<{ outcome: NotificationOutcome; incident: Incident | null }> {
    const { decision, result } = d;
    const message = messageFor(d);
    const outcome: NotificationOutcome = { action: decision.action, reason: decision.reason, channel: d.channel, preview: { text: message.text, blocks: message.attachments[0].blocks } };
    let incident = d.incident;
    // A reply needs the parent; if posting it failed before, this message becomes the parent.
    const threadTs = decision.action === 'reply' || decision.action === 'recover' ? incident?.ts : undefined;
    let channelId = incident?.channel ?? d.channel;
    try {
      const base = { text: message.text, attachments: message.attachments as MessageAttachment[], unfurl_links: false };
      const broadcast = decision.action === 'reply' && decision.broadcast;
      const posted = await this.client.chat.postMessage(
        threadTs ? { ...base, channel: channelId, thread_ts: threadTs, reply_broadcast: broadcast } : { ...base, channel: d.channel },
      );
      channelId = posted.channel ?? channelId;
      outcome.ts = posted.ts;
      outcome.threadTs = threadTs;
      if (incident && !incident.ts && decision.action !== 'recover') incident = { ...incident, ts: posted.ts, channel: channelId };
    } catch (error) {
      outcome.error = errorInfo(this.fail(error, 'message', d.channel));
    }
    await this.uploadScreenshot(d, outcome, channelId, threadTs);
    if (decision.action === 'recover' && d.incident?.ts) await this.resolveParent(d, outcome, channelId);
    return { outcome, incident: decision.action === 'recover' ? null : incident };
  }

  private async uploadScreenshot(d: Delivery, outcome: NotificationOutcome, channelId: string, threadTs?: string): Promise<void> {
    const shot = alertScreenshot(d.result);
    if (!shot) return;
    try {
      const file = {
        file: shot.bytes!,
        filename: `${d.result.name}-${shot.file}`.replace(/[\\/]/g, '_'),
        title: `${d.result.name} · ${shot.step ?? 'final'} · ${d.result.status}`,
      };
      // In the incident's thread for replies and recoveries; in the channel, beside the alert, otherwise.
      await this.client.filesUploadV2(threadTs ? { ...file, channel_id: channelId, thread_ts: threadTs } : { ...file, channel_id: channelId });
    } catch (error) {
      outcome.imageError = errorInfo(this.fail(error, 'screenshot upload', channelId));
    }
  }

  private async resolveParent(d: Delivery, outcome: NotificationOutcome, channelId: string): Promise<void> {
    const resolved = buildResolvedParent(d.result, {
      kind: 'recovered', runId: d.runId, timeZone: d.timeZone, incidentOpenedAt: d.incident!.openedAt, failures: d.incident!.failures,
    });
    try {
      await this.client.chat.update({ channel: channelId, ts: d.incident!.ts!, text: resolved.text, attachments: resolved.attachments as MessageAttachment[] });
    } catch (error) {
      outcome.error ??= errorInfo(this.fail(error, 'update of the incident message', channelId));
    }
  }
}
