// The monitor watching itself: Embedded Metric Format metrics and structured logs per run (Powertools).
import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import type { CheckResult } from '../result/types.ts';
import { firstLine } from '../result/evidence.ts';

export const logger = new Logger({ serviceName: 'mimamori' });

/**
 * CheckRuns carries only the service dimension (the dead-man alarm watches it: no runs, no results); the rest are
 * per check. Each goes out as its own EMF line on stdout.
 */
export function publishRunMetrics(result: CheckResult): void {
  const all = new Metrics({ namespace: process.env.POWERTOOLS_METRICS_NAMESPACE ?? 'mimamori', serviceName: 'mimamori' });
  all.addMetric('CheckRuns', MetricUnit.Count, 1);
  all.publishStoredMetrics();

  const perCheck = new Metrics({ namespace: process.env.POWERTOOLS_METRICS_NAMESPACE ?? 'mimamori', serviceName: 'mimamori' });
  perCheck.addDimension('check', result.name);
  perCheck.addMetric('CheckSuccess', MetricUnit.Count, result.status === 'failed' ? 0 : 1);
  perCheck.addMetric('CheckDegraded', MetricUnit.Count, result.status === 'degraded' ? 1 : 0);
  perCheck.addMetric('CheckDuration', MetricUnit.Milliseconds, result.durationMs);
  for (const step of result.steps) {
    if (step.status !== 'skipped') perCheck.addMetric('StepDuration', MetricUnit.Milliseconds, step.durationMs);
  }
  perCheck.publishStoredMetrics();
}

export function logRun(result: CheckResult, runId: string): void {
  const fields = {
    runId, check: result.name, status: result.status, durationMs: result.durationMs, attempts: result.attempts,
    failingStep: result.error?.step, error: result.error && firstLine(result.error.message), errorClass: result.error?.class,
    steps: result.steps.map((s) => ({ name: s.name, status: s.status, durationMs: s.durationMs })),
    stored: result.storage?.s3?.location, storageError: result.storage?.s3?.error?.message,
    notification: result.notification && { action: result.notification.action, error: result.notification.error?.message, imageError: result.notification.imageError?.message },
    warnings: result.warnings,
  };
  if (result.status === 'failed') logger.warn('check failed', fields);
  else logger.info(`check ${result.status}`, fields);
}
