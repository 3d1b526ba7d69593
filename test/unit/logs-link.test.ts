// The CloudWatch Logs link: straight to this invocation's lines, escaped the way the console expects.
import { describe, expect, it } from 'vitest';
import { cloudWatchLogsUrl, lambdaLogContext } from '../../src/notify/logs-link.ts';

describe('cloudWatchLogsUrl', () => {
  it('opens the stream filtered to the request id, escaped for the console fragment', () => {
    const url = cloudWatchLogsUrl({
      region: 'ap-northeast-1', logGroup: '/aws/lambda/mimamori-checkout', logStream: '2026/11/29/[$LATEST]0123abcd',
      requestId: '8f5e-42', start: 1_800_000_000_000, end: 1_800_000_030_000,
    });
    expect(url).toBe(
      'https://ap-northeast-1.console.aws.amazon.com/cloudwatch/home?region=ap-northeast-1#logsV2:log-groups/log-group/'
      + '$252Faws$252Flambda$252Fmimamori-checkout/log-events/2026$252F11$252F29$252F$255B$2524LATEST$255D0123abcd'
      + '$3FfilterPattern$3D$25228f5e-42$2522$26start$3D1799999940000$26end$3D1800000930000',
    );
  });

  it('is only offered on Lambda', () => {
    expect(lambdaLogContext('r', 0, {})).toBeUndefined();
    expect(lambdaLogContext('r', 5, { AWS_REGION: 'us-east-1', AWS_LAMBDA_LOG_GROUP_NAME: 'g', AWS_LAMBDA_LOG_STREAM_NAME: 's' }))
      .toEqual({ region: 'us-east-1', logGroup: 'g', logStream: 's', requestId: 'r', start: 5 });
  });
});
