// Lambda: runs one check per invocation, from the run queue (SQS) only: the queue's message group (the check) is what
// keeps two runs of one check from overlapping, so nothing may bypass it. A run by hand is asked of the dispatcher
// (`{ "run": "<name>" }`), which enqueues it; a direct `{ "check": "<name>" }` here is refused, saying so.
// The check's code runs in a worker process (worker.js); this one stores the result and alerts, whatever that code does.
import { structuralRedactor } from '../src/result/redact.ts';
import middy from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import { captureLambdaHandler } from '@aws-lambda-powertools/tracer/middleware';
import type { Context, SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import { runOne } from '../src/lambda/run-one.ts';
import { readRunRecord } from '../src/lambda/run-request.ts';
import { reportReserveMs } from '../src/lambda/time-budget.ts';
import { logger, logRun, logStaleRun, metrics, publishRunMetrics } from '../src/lambda/telemetry.ts';
import { tracer } from '../src/lambda/tracing.ts';
import { isDigestRequest } from '../src/lambda/dispatch.ts';
import { runDigest } from '../src/lambda/run-digest.ts';
import { runProbe } from '../src/lambda/run-probe.ts';
import { probeRequestOf } from '../src/probe/probe-request.ts';

/** The daily picture (the dispatcher's `{ "digest": true }` at the config's digest.at): rendered and posted to Slack. */
async function postDigestOf(body: unknown, deadline: number): Promise<boolean> {
  if (!isDigestRequest(body)) return false;
  logger.appendKeys({ digest: body.scheduledAt });
  // Compiled in by the build (like the dispatcher's schedules); loaded only for a digest, so a check run never needs it.
  const { digest } = await import('virtual:mimamori-schedules');
  if (!digest) {
    logger.warn('digest request ignored: this deployment has no digest in its config', { scheduledAt: body.scheduledAt });
    return true;
  }
  const out = await runDigest({ request: body, schedule: digest, deadline, warn: (message) => logger.warn(message) });
  logger.info(`digest ${out.outcome}`, { ...out });
  return true;
}

const jsonOrUndefined = (text: string): unknown => {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
};

/**
 * A probe region's run (this function in a probe stack, asked by the home runner): the check once, its answer and
 * evidence written to the home bucket. Nothing is alerted or counted here: the home run judges.
 */
async function answerProbe(body: unknown, context: Context, budget: { reserveMs: number; signal: AbortSignal }): Promise<boolean> {
  const request = probeRequestOf(body);
  if (!request) return false;
  logger.appendKeys({ runId: request.runId, check: request.check, home: request.home });
  const out = await runProbe({ request, signal: budget.signal, reserveMs: budget.reserveMs, remainingMs: context.getRemainingTimeInMillis() });
  // Never a failed record: a probe request is run once (nobody waits for a second answer); what went wrong is logged.
  if (out.outcome === 'late') logger.warn(`probe request skipped: the home run stopped waiting at ${out.answerBy}`, { answerBy: out.answerBy });
  else if (out.outcome === 'unanswered') logger.error('probe could not answer: the home run will say it had no answer', { error: { name: out.error.name, message: out.error.message } });
  else logger.info(`probe answered: ${out.answer.incomplete ? 'not run' : out.answer.status}`, { status: out.answer.status, durationMs: out.answer.durationMs, key: out.key, ...(out.answer.incomplete && { incomplete: out.answer.incomplete }) });
  return true;
}

/** One queued run: skipped when it came too late, else run, stored, alerted, logged and counted. */
async function run(record: SQSRecord, context: Context, budget: { timeoutMs: number; reserveMs: number; signal: AbortSignal }): Promise<void> {
  const body = jsonOrUndefined(record.body);
  if (await postDigestOf(body, Date.now() + context.getRemainingTimeInMillis() - budget.reserveMs)) return;
  if (await answerProbe(body, context, budget)) return;
  // A probe stack's runner (MIMAMORI_HOME_REGION set) only answers probe requests: a run here would keep state and alert.
  if (process.env.MIMAMORI_HOME_REGION) throw new Error(`A probe region's runner takes probe requests only (this stack confirms failures for ${process.env.MIMAMORI_HOME_REGION}); got ${record.body.slice(0, 200)}`);
  const queued = readRunRecord(record, { timeoutMs: budget.timeoutMs });
  const { check, scheduledAt } = queued.request;
  // Every line from here on (the run's, an error's) carries the run id and check besides the request id.
  logger.appendKeys({ runId: queued.runId, check });
  if (queued.stale) {
    logStaleRun({ check, runId: queued.runId, scheduledAt, ageMs: queued.ageMs, staleAfterMs: queued.staleAfterMs, messageId: record.messageId });
    return;
  }
  const out = await runOne({
    check, runId: queued.runId, signal: budget.signal, reserveMs: budget.reserveMs,
    remainingMs: context.getRemainingTimeInMillis(), requestId: context.awsRequestId,
  });
  logRun(out.results[0], out.runId);
  publishRunMetrics(out.results[0], out.runId);
}

const shellQuote = (text: string) => `'${text.replaceAll("'", `'\\''`)}'`;

/** Why an event that is not from the run queue is refused, and the command that runs the check the right way. */
function refusal(event: unknown): string {
  const e = (typeof event === 'object' && event !== null ? event : {}) as Record<string, unknown>;
  const name = typeof e.check === 'string' ? e.check : typeof e.run === 'string' ? e.run : '<check name>';
  const dispatcher = process.env.MIMAMORI_DISPATCHER_FUNCTION || '<DispatcherFunction>';
  return 'The runner takes runs from the run queue only, so that two runs of one check never overlap. To run a check now, '
    + `ask the dispatcher, which queues it after the runs of that check already queued and answers at once: aws lambda invoke --function-name ${dispatcher} `
    + `--cli-binary-format raw-in-base64-out --payload ${shellQuote(JSON.stringify({ run: name }))} /dev/stdout`;
}

const isSqsEvent = (event: unknown): event is SQSEvent =>
  typeof event === 'object' && event !== null && Array.isArray((event as SQSEvent).Records);

async function handle(event: SQSEvent, context: Context): Promise<SQSBatchResponse> {
  if (!isSqsEvent(event)) throw new Error(refusal(event));
  // The journey is stopped when only the reserve is left: it stops as a timeout at the step it was in, and the
  // result is still stored and sent. The reserve scales with the function's timeout (RunnerTimeoutSeconds), which
  // the invocation tells at its start — so the timer is ours, not middy's timeoutEarlyInMillis (fixed at load).
  const timeoutMs = context.getRemainingTimeInMillis();
  const reserveMs = reportReserveMs(timeoutMs);
  const stop = new AbortController();
  const timer = setTimeout(() => stop.abort(), Math.max(0, timeoutMs - reserveMs));
  try {
    // A failing site is a result, not an error; only a crash of the runner itself is retried (then dead-lettered).
    // A body that is not a run request (not JSON, no check name) fails its record the same way: retried once, then
    // kept in the dead-letter queue for someone to read.
    const failures: SQSBatchResponse['batchItemFailures'] = [];
    for (const record of event.Records) {
      try {
        await run(record, context, { timeoutMs, reserveMs, signal: stop.signal });
      } catch (error) {
        // The crash's message and stack may quote a problem's value: through the same structural rules as everything else.
        const e = error as Error;
        const r = structuralRedactor();
        logger.error('runner crashed', { messageId: record.messageId, error: { name: e.name, message: r.text(e.message ?? String(error)), stack: e.stack && r.text(e.stack) } });
        failures.push({ itemIdentifier: record.messageId });
      }
    }
    return { batchItemFailures: failures };
  } finally {
    clearTimeout(timer);
  }
}

// Powertools' middlewares: every log line carries the invocation's context (function_request_id, which the Slack
// message's "Logs" link filters on; cold_start; …), the keys a run appends are dropped when it ends, and the
// service-wide metrics (CheckRuns, StaleRunsSkipped) are flushed after each invocation — after an error too. The
// tracer (first, so it wraps the rest) opens the invocation's X-Ray subsegment: a no-op off Lambda (src/lambda/tracing.ts).
export const handler = middy<SQSEvent, SQSBatchResponse>()
  .use(captureLambdaHandler(tracer))
  .use(injectLambdaContext(logger, { resetKeys: true }))
  .use(logMetrics(metrics))
  .handler(handle);
