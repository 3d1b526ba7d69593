// Live progress for `npm run check`: a block per attempt as it ends, so parallel checks never interleave mid-block.
// Names and messages are printed with control characters escaped: a check name must not drive the terminal.
import type { RunHooks } from '../runner/hooks.ts';
import type { CheckData } from '../check/check-data.ts';
import type { StepStatus } from '../result/types.ts';
import { firstLine, formatBudget, paint, plural, printable, statusIcon, stripAnsi, truncate } from './format.ts';

export function progressHooks(write: (text: string) => void, color = false): RunHooks {
  const tint = (status: StepStatus, text: string) => paint(text, status, color);
  const total = (check: CheckData) => ({ degradedResponseTime: check.degradedResponseTime, maxResponseTime: check.maxResponseTime });
  return {
    onCheckBegin(check) {
      write(`  ▶ ${printable(check.name)}  ${tint('skipped', printable(check.file))}\n`);
    },
    onAttemptEnd(check, attempt) {
      const retrying = attempt.status === 'failed' && attempt.attempt <= check.retries;
      const label = retrying ? `failed on attempt ${attempt.attempt}, retrying` : attempt.status;
      const lines = [`  ${tint(attempt.status, `${statusIcon(attempt.status)} ${printable(check.name)}`)}  ${label}  ${formatBudget(attempt.durationMs, total(check))}`];
      for (const step of attempt.steps) {
        lines.push(`      ${tint(step.status, statusIcon(step.status))} ${printable(step.name)}  ${step.status === 'skipped' ? 'skipped' : formatBudget(step.durationMs, step.budget)}`);
      }
      if (attempt.error) {
        const where = attempt.error.step ? ` in "${printable(attempt.error.step)}"` : '';
        const message = printable(truncate(firstLine(stripAnsi(attempt.error.message)), 160));
        lines.push(`      ${tint('failed', `${attempt.error.class}${where}: ${message}`)}`);
      }
      write(lines.join('\n') + '\n');
    },
  };
}

export function runHeader(count: number, workers: number, baseURL: string, browser: string): string {
  const target = baseURL ? ` against ${baseURL}` : '';
  const used = Math.min(workers, count);
  return `Running ${plural(count, 'check')} with ${plural(used, 'worker')}${target} (${browser})\n`;
}

