// The built dispatcher as Lambda invokes it: EventBridge's scheduled event (the EveryMinute rule's) and the environment
// Lambda and the template give the function, its SQS pointed at a stand-in. Shared by the dispatcher tests and
// bench/thousand-checks.mjs (plain TypeScript, no imports: the bench loads it with Node's type stripping).
export const scheduledEvent = (time: string) => ({
  version: '0', id: `tick-${time}`, 'detail-type': 'Scheduled Event', source: 'aws.events', account: '123456789012', time,
  region: 'us-east-1', resources: ['arn:aws:events:us-east-1:123456789012:rule/mimamori-DispatcherFunctionEveryMinute'], detail: {},
});

/** Only what the runtime and the template set (credentials as Lambda gives them); `tmp` its /tmp; `sqs` the stand-in. */
export const dispatcherEnv = (sqs: { url: string; queueUrl: string }, tmp: string): Record<string, string | undefined> => ({
  PATH: process.env.PATH, TZ: ':UTC', TMPDIR: tmp, LANG: 'en_US.UTF-8',
  AWS_REGION: 'us-east-1', AWS_DEFAULT_REGION: 'us-east-1',
  AWS_ACCESS_KEY_ID: 'ASIAFAKEDISPATCHER', AWS_SECRET_ACCESS_KEY: 'fake-secret', AWS_SESSION_TOKEN: 'fake-session',
  AWS_LAMBDA_FUNCTION_NAME: 'mimamori-DispatcherFunction', AWS_LAMBDA_FUNCTION_MEMORY_SIZE: '256',
  AWS_LAMBDA_LOG_GROUP_NAME: '/aws/lambda/mimamori-DispatcherFunction', AWS_LAMBDA_LOG_STREAM_NAME: '2026/11/29/[$LATEST]def',
  // The template's Environment for the dispatcher; the SQS endpoint points the SDK at the stand-in.
  RUN_QUEUE_URL: sqs.queueUrl, POWERTOOLS_SERVICE_NAME: 'mimamori', NODE_OPTIONS: '--enable-source-maps',
  AWS_ENDPOINT_URL_SQS: sqs.url,
});
