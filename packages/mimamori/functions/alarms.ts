// Lambda: subscribed to the stack's AlarmTopic (SNS). Each CloudWatch alarm notification goes to Slack: ALARM opens a
// thread, OK replies in it and marks it resolved, INSUFFICIENT_DATA is logged only (src/alarms/; the SNS wiring:
// src/lambda/alarms.ts).
import middy from '@middy/core';
import { Logger } from '@aws-lambda-powertools/logger';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import type { SNSEvent } from 'aws-lambda';
import { handleAlarmEvent, type AlarmOutcome } from '../src/lambda/alarms.ts';

const logger = new Logger({ serviceName: 'mimamori' });

export const handler = middy<SNSEvent, AlarmOutcome[]>()
  .use(injectLambdaContext(logger, { resetKeys: true }))
  // Slack's waits (a 429's Retry-After) end before the invocation's deadline.
  .handler((event, context) => handleAlarmEvent(event, logger, process.env, Date.now() + context.getRemainingTimeInMillis()));
