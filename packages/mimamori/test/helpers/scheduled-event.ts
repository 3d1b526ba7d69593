// EventBridge's scheduled event, as the dispatcher's EveryMinute rule delivers it: shared by the dispatcher tests and
// bench/thousand-checks.mjs (plain TypeScript, no imports: the bench loads it with Node's type stripping).
export const scheduledEvent = (time: string) => ({
  version: '0', id: `tick-${time}`, 'detail-type': 'Scheduled Event', source: 'aws.events', account: '123456789012', time,
  region: 'us-east-1', resources: ['arn:aws:events:us-east-1:123456789012:rule/mimamori-DispatcherFunctionEveryMinute'], detail: {},
});
