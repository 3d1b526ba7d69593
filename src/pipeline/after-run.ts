// What happens to results after a run, the same on the CLI and on Lambda: store the evidence (locally first, then S3),
// read the check's state, let the alert policy decide and notify, then write the state. One budget bounds it all
// (after-run-budget.ts); every failure is recorded on the result, never thrown, and it never hangs past the deadline.
import type { CheckResult, NotificationOutcome, RunResult } from '../result/types.ts';
import type { ResolvedCheck } from '../check/types.ts';
import { DEFAULT_ALERTS } from '../check/defaults.ts';
import { decide, nextIncident } from '../policy/alert-policy.ts';
import { saveCheckRun, type Stores } from '../store/save-run.ts';
import { nextState, readState, writeState, type CheckState } from '../store/state.ts';
import type { SlackNotifier } from '../notify/slack-notifier.ts';
import { messageFor } from '../notify/delivery.ts';
import type { SlackSession } from '../notify/slack-session.ts';
import { afterRunBudget, type AfterRunBudget, type BudgetOptions } from './after-run-budget.ts';

export interface AfterRunOptions extends BudgetOptions {
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

/** After the deadline, what is still running gets this long before after-run returns without it. */
const GRACE_MS = 500;

const asError = (e: unknown) => ({ name: (e as Error)?.name ?? 'Error', message: (e as Error)?.message ?? String(e) });

async function finishCheck(result: CheckResult, runId: string, o: AfterRunOptions, budget: AfterRunBudget, slack: SlackSession | undefined, phase: (p: string) => void): Promise<void> {
  phase('storing the evidence');
  await saveCheckRun(o.stores, result, runId, budget.s3);
  // State lives with the evidence: S3 when configured (Lambda runs share it), else the local folder.
  const stateStore = o.stores.remote ?? o.stores.local;
  phase('reading the state');
  let previous: CheckState | undefined;
  let stateError: { name: string; message: string } | undefined;
  try {
    previous = await readState(stateStore, result.name, budget.s3);
  } catch (error) {
    // Without the state the policy errs towards alerting (a duplicate beats silence), and the state is not written:
    // it would overwrite the incident and counts it could not read.
    stateError = asError(error);
  }
  const state = nextState(previous, result, runId, result.storage!.folder);
  const alerts = o.alerts.get(result.name) ?? DEFAULT_ALERTS;
  const decision = decide({
    status: result.status, previousStatus: previous?.lastStatus, consecutiveFailures: state.consecutiveFailures,
    incident: previous?.incident ?? null, stateUnknown: Boolean(stateError), options: alerts,
  });
  const counted = nextIncident(decision, previous?.incident ?? null, { runId, startedAt: result.startedAt, consecutiveFailures: state.consecutiveFailures });
  // A recovery message still needs the incident it closes (its thread and when it opened).
  const incident = decision.action === 'recover' ? previous?.incident ?? null : counted;
  const channel = alerts.channel ?? o.slack?.channel;
  const note = stateError && `The check's state could not be read (${stateError.message}), so this alert may repeat one already sent and is not in the incident's thread.`;
  const delivery = { decision, result, runId, channel: channel ?? '', timeZone: o.slack?.timeZone ?? o.timeZone ?? 'UTC', logsUrl: o.logsUrl?.(result), incident, note };

  phase('alerting');
  let outcome: NotificationOutcome;
  let stored = counted;
  if (decision.action === 'none') {
    outcome = { action: 'none', reason: decision.reason };
  } else if (o.slackError) {
    outcome = { action: decision.action, reason: decision.reason, error: o.slackError };
  } else if (!slack) {
    const message = messageFor(delivery);
    outcome = { action: decision.action, reason: `${decision.reason} — Slack is not configured (SLACK_BOT_TOKEN), so this is a preview`, preview: { text: message.text, blocks: message.attachments[0]!.blocks } };
  } else if (!channel) {
    outcome = { action: decision.action, reason: decision.reason, error: { name: 'SlackError', message: 'no Slack channel: set SLACK_CHANNEL (or slack.channel in the config, or alerts.channel on the check)' } };
  } else {
    ({ outcome, incident: stored } = await slack.deliver(delivery));
  }
  if (outcome.action === 'none' || !outcome.channel) slack?.skip();
  result.notification = outcome;
  if (stateError) {
    outcome.stateError = stateError;
    return;
  }
  phase('writing the state');
  try {
    await writeState(stateStore, { ...state, incident: stored }, budget.s3Last);
  } catch (error) {
    outcome.stateError = asError(error);
  }
}

/** Resolves with the promise, or after `ms` (never rejects); the timer never outlives the wait. */
async function until(promise: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<boolean>((resolve) => { timer = setTimeout(() => resolve(false), Math.max(0, ms)); });
  try {
    return await Promise.race([promise.then(() => true), late]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Stores, records and notifies every check of the run at once; results carry `storage` and `notification`.
 * Never throws, and returns by the deadline (plus a moment): whatever is still unfinished then is recorded as such.
 */
export async function afterRun(run: RunResult, options: AfterRunOptions): Promise<void> {
  const budget = afterRunBudget(options);
  const slack = options.slack && !options.slackError ? await options.slack.notifier.open(budget.slack) : undefined;
  slack?.expect(run.results.length);
  const phases = new Map<CheckResult, string>();
  const all = Promise.all(run.results.map((result) =>
    finishCheck(result, run.runId, options, budget, slack, (p) => phases.set(result, p))
      .then(() => phases.delete(result))
      .catch((error: unknown) => {
        phases.delete(result);
        // It will not alert now: the session must not keep the other checks' channels waiting for it.
        slack?.skip();
        const e = asError(error);
        result.notification ??= { action: 'none', reason: 'after-run failed' };
        result.notification.error ??= { name: e.name, message: `after-run failed: ${e.message}` };
      })));
  try {
    if (await until(all, budget.deadline - Date.now() + GRACE_MS)) return;
    for (const [result, phase] of phases) {
      result.notification ??= { action: 'none', reason: 'after-run stopped at its deadline' };
      result.notification.error ??= { name: 'DeadlineError', message: `after-run was still ${phase} at its deadline: stopped waiting for it` };
    }
  } finally {
    budget.dispose();
  }
}
