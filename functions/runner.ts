// Lambda: runs one check per invocation, from the run queue (SQS) only: the queue's message group (the check) is what
// keeps two runs of one check from overlapping, so nothing may bypass it. A run by hand is asked of the dispatcher
// (`{ "run": "<name>" }`), which enqueues it; a direct `{ "check": "<name>" }` here is refused, saying so.
// The check's code runs in a worker process (worker.js); this one stores the result and alerts, whatever that code does.
import middy from '@middy/core';
import type { Context, SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { REPORT_RESERVE_MS, runOne } from '../src/lambda/run-one.ts';
import { logger, logRun, publishRunMetrics } from '../src/lambda/telemetry.ts';
import type { RunRequest } from '../src/lambda/dispatch.ts';

async function run(check: string, context: Context, signal: AbortSignal): Promise<void> {
  const out = await runOne({ check, signal, remainingMs: context.getRemainingTimeInMillis(), requestId: context.awsRequestId });
  logRun(out.results[0], out.runId);
  publishRunMetrics(out.results[0]);
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

let inflight: Promise<unknown> | undefined;

async function handle(event: SQSEvent, context: Context, { signal }: { signal: AbortSignal }): Promise<SQSBatchResponse> {
  const work = (async () => {
    if (!isSqsEvent(event)) throw new Error(refusal(event));
    // A failing site is a result, not an error; only a crash of the runner itself is retried (then dead-lettered).
    // A body that is not a run request (not JSON, no check name) fails its record the same way: retried once, then
    // kept in the dead-letter queue for someone to read.
    const failures: SQSBatchResponse['batchItemFailures'] = [];
    for (const record of event.Records) {
      try {
        const request = JSON.parse(record.body) as Partial<RunRequest> | null;
        if (typeof request?.check !== 'string') throw new Error(`Not a run request (no check name): ${record.body.slice(0, 200)}`);
        await run(request.check, context, signal);
      } catch (error) {
        logger.error('runner crashed', { messageId: record.messageId, error: error as Error });
        failures.push({ itemIdentifier: record.messageId });
      }
    }
    return { batchItemFailures: failures };
  })();
  inflight = work;
  return work;
}

// middy aborts `signal` REPORT_RESERVE_MS before the deadline: the journey stops as a timeout and the result is
// still stored and sent. Its early response waits for that report instead of cutting it off.
export const handler = middy<SQSEvent, SQSBatchResponse>({ timeoutEarlyInMillis: REPORT_RESERVE_MS, timeoutEarlyResponse: () => inflight }).handler(handle);
