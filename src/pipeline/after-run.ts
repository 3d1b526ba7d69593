// What happens to results after a run, the same on the CLI and on Lambda: store the evidence first, then record
// the check's state, then let the alert policy decide and notify. Every failure here is recorded, never thrown.
import type { CheckResult, NotificationOutcome, RunResult } from '../result/types.ts';
import type { ResolvedCheck } from '../check/types.ts';
import { DEFAULT_ALERTS } from '../check/resolve.ts';
import { decide, nextIncident } from '../policy/alert-policy.ts';
import { saveCheckRun, type Stores } from '../store/save-run.ts';
import { initialState, recordRun, writeState, type CheckState } from '../store/state.ts';
import { messageFor, type SlackNotifier } from '../notify/slack-notifier.ts';

export interface AfterRunOptions {
  stores: Stores;
  /** Alert settings by check name. */
  alerts: Map<string, ResolvedCheck['alerts']>;
  slack?: { notifier: SlackNotifier; channel?: string; timeZone: string };
  /** Time zone for message previews when Slack is off. */
  timeZone?: string;
  /** A link to this run's logs (Lambda), for messages. */
  logsUrl?: (result: CheckResult) => string | undefined;
  /** Slack could not be set up (the token unreadable): recorded on every alert that would have gone out. */
  slackError?: { name: string; message: string };
}

const asError = (e: unknown) => ({ name: (e as Error).name ?? 'Error', message: (e as Error).message ?? String(e) });

async function finishCheck(result: CheckResult, runId: string, o: AfterRunOptions): Promise<void> {
  await saveCheckRun(o.stores, result, runId);
  // State lives with the evidence: S3 when configured (Lambda runs share it), else the local folder.
  const stateStore = o.stores.remote ?? o.stores.local;
  let recorded: { previous?: CheckState; state: CheckState };
  let stateError: { name: string; message: string } | undefined;
  try {
    recorded = await recordRun(stateStore, result, runId, result.storage!.folder);
  } catch (error) {
    // Without the state the alert is decided as if this run were the first: a duplicate is better than silence.
    stateError = asError(error);
    recorded = { state: initialState(result, runId) };
  }
  const { previous, state } = recorded;
  const alerts = o.alerts.get(result.name) ?? DEFAULT_ALERTS;
  const decision = decide({ status: result.status, previousStatus: previous?.lastStatus, consecutiveFailures: state.consecutiveFailures, incident: previous?.incident ?? null, options: alerts });
  const counted = nextIncident(decision, previous?.incident ?? null, { runId, startedAt: result.startedAt, consecutiveFailures: state.consecutiveFailures });
  // A recovery message still needs the incident it closes (its thread and when it opened).
  const incident = decision.action === 'recover' ? previous?.incident ?? null : counted;
  const channel = alerts.channel ?? o.slack?.channel;
  const delivery = { decision, result, runId, channel: channel ?? '', timeZone: o.slack?.timeZone ?? o.timeZone ?? 'UTC', logsUrl: o.logsUrl?.(result), incident };

  let outcome: NotificationOutcome;
  let stored = counted;
  if (decision.action === 'none') {
    outcome = { action: 'none', reason: decision.reason };
  } else if (o.slackError) {
    outcome = { action: decision.action, reason: decision.reason, error: o.slackError };
  } else if (!o.slack) {
    const message = messageFor(delivery);
    outcome = { action: decision.action, reason: `${decision.reason} — Slack is not configured (SLACK_BOT_TOKEN), so this is a preview`, preview: { text: message.text, blocks: message.attachments[0].blocks } };
  } else if (!channel) {
    outcome = { action: decision.action, reason: decision.reason, error: { name: 'SlackError', message: 'no Slack channel: set SLACK_CHANNEL (or slack.channel in the config, or alerts.channel on the check)' } };
  } else {
    ({ outcome, incident: stored } = await o.slack.notifier.deliver(delivery));
  }
  result.notification = outcome;
  if (stateError) {
    outcome.error ??= stateError;
    return;
  }
  if (stored !== state.incident) {
    try {
      await writeState(stateStore, { ...state, incident: stored });
    } catch (error) {
      outcome.error ??= asError(error);
    }
  }
}

/** Stores, records and notifies every check of the run at once; results carry `storage` and `notification`. */
export async function afterRun(run: RunResult, options: AfterRunOptions): Promise<void> {
  await Promise.all(run.results.map((result) => finishCheck(result, run.runId, options)));
}
