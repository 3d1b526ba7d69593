// The lines after the summary about the outside systems: where the evidence went, what Slack got, what failed.
import type { RunResult } from '../result/types.ts';
import { formatMs } from './format.ts';

function storageLines(run: RunResult, s3Location: string | undefined): string[] {
  if (!s3Location) return [];
  const failed = run.results.filter((r) => r.storage?.s3?.error);
  const slowest = Math.max(0, ...run.results.map((r) => r.storage?.durationMs ?? 0));
  if (failed.length === 0) return [`Stored in ${s3Location} (${formatMs(slowest)})`];
  const n = run.results.length;
  return [
    `Storage: ${failed.length} of ${n} check${n === 1 ? '' : 's'} could not be stored in ${s3Location}; their evidence is kept locally:`,
    ...failed.map((r) => `  ${r.name}: ${r.storage!.s3!.error!.message}\n    kept in ${r.storage!.local}`),
  ];
}

function slackLines(run: RunResult, slackOn: boolean): string[] {
  const sent = run.results.filter((r) => r.notification && r.notification.action !== 'none');
  if (sent.length === 0) return [];
  if (!slackOn) return [`Slack: ${sent.length} message${sent.length === 1 ? '' : 's'} would be sent (set SLACK_BOT_TOKEN and SLACK_CHANNEL); previews are in the report`];
  const lines = sent.map((r) => {
    const n = r.notification!;
    const problems = [n.error && `message failed: ${n.error.message}`, n.imageError && `screenshot failed: ${n.imageError.message}`].filter(Boolean);
    return `  ${r.name}: ${n.action} (${n.reason})${problems.length ? `\n    ${problems.join('\n    ')}` : ''}`;
  });
  return [`Slack (${sent[0].notification!.channel}):`, ...lines];
}

export function outsideSummary(run: RunResult, s3Location: string | undefined, slackOn: boolean): string {
  const lines = [...storageLines(run, s3Location), ...slackLines(run, slackOn)];
  return lines.length ? `${lines.join('\n')}\n` : '';
}

/** An outside system failed: the run's results are kept, but someone should look. */
export function outsideFailed(run: RunResult): boolean {
  return run.results.some((r) => r.storage?.s3?.error || r.notification?.error || r.notification?.imageError);
}
