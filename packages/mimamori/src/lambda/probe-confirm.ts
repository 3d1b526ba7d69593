// The home runner's confirmation (confirmFrom) on Lambda: each probe region's queue is the home template's pattern
// (MIMAMORI_PROBE_QUEUE_URL, `{region}` filled in), its answers land in the home bucket, read with the run's own store.
import { SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import type { ResolvedCheck } from '../check/types.ts';
import type { AfterRunOptions } from '../pipeline/after-run.ts';
import type { Store } from '../store/store.ts';
import { askProbes } from '../probe/ask-probes.ts';
import { probeQueueUrl } from '../probe/probe-request.ts';
import { confirmationOf } from '../probe/verdict.ts';

/** One client per probe region, kept while the container is warm; a request is bounded (the wait is, anyway). */
const clients = new Map<string, SQSClient>();
function sqsIn(region: string): SQSClient {
  let client = clients.get(region);
  if (!client) clients.set(region, (client = new SQSClient({ region, maxAttempts: 2, requestHandler: { connectionTimeout: 3_000, requestTimeout: 3_000 } })));
  return client;
}

/**
 * The `confirm` of after-run for `check`, or undefined when it names no probe region. A stack deployed without probe
 * regions (no MIMAMORI_PROBE_QUEUE_URL) or without a bucket still says so on the alert: "could not be asked".
 */
export function probeConfirm(check: Pick<ResolvedCheck, 'confirmFrom' | 'confirmTimeoutMs'>, store: Store | undefined, env: NodeJS.ProcessEnv): AfterRunOptions['confirm'] {
  const regions = check.confirmFrom ?? [];
  if (!regions.length) return undefined;
  const home = env.AWS_REGION || env.AWS_DEFAULT_REGION || 'home';
  const pattern = env.MIMAMORI_PROBE_QUEUE_URL;
  const missing = !pattern ? 'this stack has no probe queues (MIMAMORI_PROBE_QUEUE_URL is unset: deploy with `mimamori deploy`, which deploys the probe stacks)'
    : store?.kind !== 's3' ? 'the run has no bucket for the probes to answer in (MIMAMORI_S3_BUCKET)' : undefined;
  if (missing) return async () => confirmationOf(home, regions.map((region) => ({ region, outcome: 'not asked', error: { message: missing } })), 0);
  return async (result, run, deadline) => {
    const confirmation = await askProbes({
      check: result.name, regions, home, runId: run.runId, folder: run.folder, deadline, timeoutMs: check.confirmTimeoutMs,
      send: (region, message) => sqsIn(region).send(new SendMessageCommand({ QueueUrl: probeQueueUrl(pattern!, region), ...message })),
      read: (key) => store!.get(key, { timeoutMs: 3_000 }),
    });
    // Links to the probes' pictures, for channels that show a picture by its link (Teams) and for the report.
    await Promise.all(confirmation.probes.map(async (p) => {
      if (p.screenshotKey) p.link = await store!.link(p.screenshotKey, { timeoutMs: 3_000 }).catch(() => undefined);
    }));
    return confirmation;
  };
}
