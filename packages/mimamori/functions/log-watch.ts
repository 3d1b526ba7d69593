// Lambda: subscribed (one subscription filter per watched log group) to the log groups of the config's logWatches.
// The lines matching a watch go to Slack, one message per watch per window, more in its thread (src/log-watch/; the
// wiring: src/lambda/log-watch.ts).
import middy from '@middy/core';
import { Logger } from '@aws-lambda-powertools/logger';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import type { CloudWatchLogsEvent } from 'aws-lambda';
import { logWatches, redact, timeZone } from 'virtual:mimamori-log-watches';
import { handleLogEvent, type LogWatchOutcome } from '../src/lambda/log-watch.ts';

const logger = new Logger({ serviceName: 'mimamori' });

export const handler = middy<CloudWatchLogsEvent, LogWatchOutcome>()
  .use(injectLambdaContext(logger, { resetKeys: true }))
  // Slack's waits (a 429's Retry-After) end before the invocation's deadline.
  .handler((event, context) => handleLogEvent(event, { logWatches, redact, timeZone }, logger, process.env, Date.now() + context.getRemainingTimeInMillis()));
