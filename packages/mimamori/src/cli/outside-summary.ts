// The lines after the summary about the outside systems: where the evidence went, what Slack got, what failed.
import { printable } from '../result/printable.ts';
import type { CheckResult, RunResult } from '../result/types.ts';
import { notificationFailed, notificationProblems, targetLabel } from '../result/notification-problems.ts';
import { formatMs, plural } from './format.ts';

function storageLines(run: RunResult, s3Location: string | undefined): string[] {
  const local = run.results.filter((r) => r.storage?.localError);
  const localLines = local.length ? [`Local copy: ${local.length} could not be written:`, ...local.map((r) => `  ${printable(r.name)}: ${r.storage!.localError!.message}`)] : [];
  if (!s3Location) return localLines;
  const failed = run.results.filter((r) => r.storage?.s3?.error);
  const slowest = Math.max(0, ...run.results.map((r) => r.storage?.durationMs ?? 0));
  if (failed.length === 0) return [`Stored in ${s3Location} (${formatMs(slowest)})`, ...localLines];
  const n = run.results.length;
  return [
    `Storage: ${failed.length} of ${plural(n, 'check')} could not be stored in ${s3Location}; their evidence is kept locally:`,
    ...failed.map((r) => `  ${printable(r.name)}: ${r.storage!.s3!.error!.message}\n    kept in ${r.storage!.local}`),
    ...localLines,
  ];
}

function notificationLine(r: CheckResult): string {
  const n = r.notification!;
  const notes = [
    n.folded && `listed in one message with ${n.folded.checks - 1} other check${n.folded.checks === 2 ? '' : 's'} (Slack's rate limit)`,
    n.targets && `to ${n.targets.map(targetLabel).join(', ')}`,
    ...notificationProblems(n),
    n.imageSkipped && `screenshot ${n.imageSkipped}`,
    n.stateError && `state: ${n.stateError.message}`,
  ].filter(Boolean);
  return `  ${printable(r.name)}: ${n.action} (${n.reason})${notes.length ? `\n    ${notes.join('\n    ')}` : ''}`;
}

function slackLines(run: RunResult, slackOn: boolean): string[] {
  const sent = run.results.filter((r) => r.notification && r.notification.action !== 'none');
  // State problems of checks not listed under Slack below get lines of their own.
  const listed = new Set(slackOn ? sent : []);
  const state = run.results.filter((r) => r.notification?.stateError && !listed.has(r));
  const stateLines = state.length
    ? ['State: could not be read or written (alerting went ahead without it):', ...state.map((r) => `  ${printable(r.name)}: ${r.notification!.stateError!.message}`)]
    : [];
  if (sent.length === 0) return stateLines;
  if (!slackOn) return [`Slack: ${plural(sent.length, 'message')} would be sent (set SLACK_BOT_TOKEN and SLACK_CHANNEL); previews are in the report`, ...stateLines];
  // Routed to channels of their own (notify: […]): each line names them, the header none.
  const header = sent.some((r) => r.notification!.targets) ? 'Alerts:' : `Slack (${sent[0]!.notification!.channel}):`;
  return [header, ...sent.map(notificationLine), ...stateLines];
}

/** Corrupt objects this run read as none (its state) or repaired (its day of history): said, not failed. */
function repairLines(run: RunResult): string[] {
  const lines = run.results.flatMap((r) => [r.notification?.stateWarning, r.storage?.historyWarning].flatMap((w) => (w ? [`  ${printable(r.name)}: ${w}`] : [])));
  return lines.length ? ['Repaired: objects in the store that could not be read were read as none and written anew:', ...lines] : [];
}

export function outsideSummary(run: RunResult, s3Location: string | undefined, slackOn: boolean): string {
  const lines = [...storageLines(run, s3Location), ...slackLines(run, slackOn), ...repairLines(run)];
  return lines.length ? `${lines.join('\n')}\n` : '';
}

/** An outside system failed: the run's results are kept, but someone should look. */
export function outsideFailed(run: RunResult): boolean {
  return run.results.some((r) => r.storage?.s3?.error || r.storage?.localError || notificationFailed(r.notification) || r.notification?.stateError);
}
