// Lambda: runs one check per invocation — from the run queue (SQS) or by hand: `{ "check": "<name>" }`. The check's
// code runs in a worker process (worker.js); this one stores the result and alerts, whatever that code does.
import middy from '@middy/core';
import type { Context, SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { REPORT_RESERVE_MS, runOne } from '../src/lambda/run-one.ts';
import { logger, logRun, publishRunMetrics } from '../src/lambda/telemetry.ts';
import { firstLine } from '../src/result/evidence.ts';

type ManualRun = { check: string };
interface Summary { check: string; status: string; durationMs: number; runId: string; result?: string; error?: string }

async function run(check: string, context: Context, signal: AbortSignal): Promise<Summary> {
  const out = await runOne({ check, signal, remainingMs: context.getRemainingTimeInMillis(), requestId: context.awsRequestId });
  const result = out.results[0];
  logRun(result, out.runId);
  publishRunMetrics(result);
  return { check, status: result.status, durationMs: result.durationMs, runId: out.runId, result: result.storage?.s3?.result?.url, error: result.error && firstLine(result.error.message) };
}

let inflight: Promise<unknown> | undefined;

async function handle(event: SQSEvent | ManualRun, context: Context, { signal }: { signal: AbortSignal }): Promise<SQSBatchResponse | Summary> {
  const work = (async () => {
    if ('check' in event) return run(event.check, context, signal);
    // A failing site is a result, not an error; only a crash of the runner itself is retried (then dead-lettered).
    const failures: SQSBatchResponse['batchItemFailures'] = [];
    for (const record of event.Records) {
      try {
        await run((JSON.parse(record.body) as ManualRun).check, context, signal);
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
export const handler = middy<SQSEvent | ManualRun, SQSBatchResponse | Summary>({ timeoutEarlyInMillis: REPORT_RESERVE_MS, timeoutEarlyResponse: () => inflight }).handler(handle);
