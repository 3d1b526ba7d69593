// Early warnings: a run that used more than 80 % of a limit says so, before the limit turns it into a failure.
import type { CheckResult } from '../result/types.ts';
import type { ResolvedCheck } from '../check/types.ts';
import { formatMs } from '../result/format.ts';

export const WARN_AT = 0.8;

export function limitWarnings(result: Pick<CheckResult, 'durationMs' | 'status' | 'steps'>, check: Pick<ResolvedCheck, 'timeoutMs' | 'maxResponseTime'>): string[] {
  const warnings: string[] = [];
  const near = (used: number, limit: number | undefined, what: string) => {
    if (limit !== undefined && used >= WARN_AT * limit && used <= limit) {
      warnings.push(`used ${Math.round((100 * used) / limit)} % of its ${what} (${formatMs(used)} of ${formatMs(limit)})`);
    }
  };
  if (result.status !== 'failed') {
    near(result.durationMs, check.timeoutMs, 'timeout');
    near(result.durationMs, check.maxResponseTime, 'maxResponseTime');
    for (const step of result.steps) {
      if (step.status !== 'failed' && step.status !== 'skipped') near(step.durationMs, step.budget.maxResponseTime, `step "${step.name}" maxResponseTime`);
    }
  }
  return warnings;
}
