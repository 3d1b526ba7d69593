// The monitor watching itself: Embedded Metric Format metrics and structured logs per run (Powertools).
import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import type { CheckResult } from '../result/types.ts';
import { firstLine } from '../result/evidence.ts';
import { notificationProblems } from '../result/notification-problems.ts';

export const logger = new Logger({ serviceName: 'mimamori' });

const namespace = () => process.env.POWERTOOLS_METRICS_NAMESPACE ?? 'mimamori';

/** The dimension CheckRuns carries on Lambda (MIMAMORI_STACK_NAME, the template's AWS::StackName). */
export const STACK_DIMENSION = 'Stack';

/**
 * The service-wide metrics (the `service` dimension; on Lambda a run's also `Stack`): `CheckRuns` (the dead-man
 * alarm watches it: no runs, no results), `CheckFailures`, `CheckDegraded`, `CheckDuration`, and `StaleRunsSkipped`. The runner's middy chain flushes them after each invocation (Powertools'
 * `logMetrics` middleware); its warnings go through the logger, so they carry the request id too.
 */
export const metrics = new Metrics({ namespace: namespace(), serviceName: 'mimamori', logger });

/**
 * A run of a check, stack-wide (flushed with the invocation, one set for the whole stack however many checks):
 * `CheckRuns` (the dead-man alarm watches it), `CheckFailures` and `CheckDegraded` (1 or 0), `CheckDuration`. Per check —
 * `CheckSuccess`, `CheckDegraded`, `CheckDuration` under a `check` dimension, one EMF line of their own — only with
 * `perCheck` (the template's PerCheckMetrics): at 1,000 checks they were $1,200 a month of custom metrics, for figures
 * every run's log line and result.json carry anyway (docs/deploy.md, Cost).
 */
export function publishRunMetrics(result: CheckResult, runId?: string, perCheck = process.env.MIMAMORI_PER_CHECK_METRICS === 'true'): void {
  // The dead-man alarm watches CheckRuns of its own stack (template.yaml NoResultsAlarm: service and Stack), so two
  // stacks in one account never mask each other. The dimension lasts until this invocation's flush (one run each).
  const stack = process.env.MIMAMORI_STACK_NAME;
  if (stack) metrics.addDimension(STACK_DIMENSION, stack);
  metrics.addMetric('CheckRuns', MetricUnit.Count, 1);
  metrics.addMetric('CheckFailures', MetricUnit.Count, result.status === 'failed' ? 1 : 0);
  metrics.addMetric('CheckDegraded', MetricUnit.Count, result.status === 'degraded' ? 1 : 0);
  metrics.addMetric('CheckDuration', MetricUnit.Milliseconds, result.durationMs);
  if (!perCheck) return;

  const one = new Metrics({ namespace: namespace(), serviceName: 'mimamori', logger });
  one.addDimension('check', result.name);
  if (runId) one.addMetadata('runId', runId);
  one.addMetric('CheckSuccess', MetricUnit.Count, result.status === 'failed' ? 0 : 1);
  one.addMetric('CheckDegraded', MetricUnit.Count, result.status === 'degraded' ? 1 : 0);
  one.addMetric('CheckDuration', MetricUnit.Milliseconds, result.durationMs);
  one.publishStoredMetrics();
}

/**
 * A queued run skipped because it came too late (after an outage of the stack): logged and counted
 * (`StaleRunsSkipped`, service dimension only: one metric, however many checks), never run, never alerted.
 */
export function logStaleRun(fields: { check: string; runId: string; scheduledAt?: string; ageMs?: number; staleAfterMs: number; messageId: string }): void {
  logger.warn('stale run skipped', fields);
  metrics.addMetric('StaleRunsSkipped', MetricUnit.Count, 1);
}

export function logRun(result: CheckResult, runId: string): void {
  const fields = {
    runId, traceId: result.traceId, check: result.name, status: result.status, durationMs: result.durationMs, attempts: result.attempts,
    failingStep: result.error?.step, error: result.error && firstLine(result.error.message), errorClass: result.error?.class,
    steps: result.steps.map((s) => ({ name: s.name, status: s.status, durationMs: s.durationMs })),
    stored: result.storage?.s3?.location, storageError: result.storage?.s3?.error?.message,
    notification: result.notification && {
      action: result.notification.action, error: result.notification.error?.message, imageError: result.notification.imageError?.message,
      // Routed to several channels: every failure, each naming its target.
      ...(result.notification.targets && { problems: notificationProblems(result.notification) }),
    },
    warnings: result.warnings,
  };
  if (result.status === 'failed') logger.warn('check failed', fields);
  else logger.info(`check ${result.status}`, fields);
}
