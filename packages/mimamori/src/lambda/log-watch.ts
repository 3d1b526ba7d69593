// The log-watch function's AWS wiring: a CloudWatch Logs subscription event decoded, the setup read from the
// environment and the build's config, the bucket and Slack opened only when there is something to post. The watching
// itself is src/log-watch/.
import { redactorFor } from '../result/redact.ts';
import type { ResolvedLogWatch } from '../check/watches.ts';
import { handleLogPayload } from '../log-watch/handle-log-payload.ts';
import type { LogWatchLog, LogWatchOutcome, LogWatchSetup } from '../log-watch/setup.ts';
import { openS3Store } from '../store/s3-store.ts';
import { s3Settings } from '../store/settings.ts';
import { decodeLogPayload } from './log-payload.ts';
import { slackPoster } from './slack-poster.ts';

export type { LogWatchOutcome };

/** What the build compiles in (virtual:mimamori-log-watches). */
export interface LogWatchConfigIn {
  logWatches: readonly ResolvedLogWatch[];
  redact: { queryParams?: string[] };
  timeZone: string;
}

/**
 * A subscription event on Lambda. A payload that cannot be read throws (saying why): CloudWatch Logs never sends one,
 * so it is a hand-made or misrouted event, to be seen in the function's errors. A Slack or S3 failure throws too, so
 * Lambda retries the event (CloudWatch Logs invokes asynchronously); the lines it posted already are not posted again.
 * Slack's 429s are waited out while they fit before `deadline` (the invocation's, epoch ms).
 */
export async function handleLogEvent(event: unknown, config: LogWatchConfigIn, log: LogWatchLog, env: NodeJS.ProcessEnv = process.env, deadline?: number): Promise<LogWatchOutcome> {
  const p = decodeLogPayload(event);
  const setup: LogWatchSetup = {
    watches: config.logWatches, redactor: redactorFor([], { redact: config.redact }, env), timeZone: config.timeZone,
    stackName: env.MIMAMORI_STACK_NAME || undefined, region: env.AWS_REGION || undefined, channel: env.SLACK_CHANNEL || undefined,
    ownLogGroup: env.AWS_LAMBDA_LOG_GROUP_NAME || undefined,
  };
  return handleLogPayload(p, setup, async () => {
    const settings = s3Settings({}, env);
    if (!settings) throw new Error('MIMAMORI_S3_BUCKET is not set: the log watches\' windows are kept in the evidence bucket');
    return { store: await openS3Store(settings), slack: await slackPoster(env, setup.channel!, deadline) };
  }, log);
}
