// The X-Ray trace of a Lambda run: its id from the runtime's _X_AMZN_TRACE_ID, and the Slack message's link to it.
import { describe, expect, it } from 'vitest';
import { invocationTrace, xrayTraceId, xrayTraceUrl } from '../../src/lambda/tracing.ts';
import { links } from '../../src/notify/slack-message.ts';
import type { CheckResult } from '../../src/result/types.ts';
import { sampleRun } from './fixtures/run-result.ts';

const ROOT_ID = '1-6a4f1c20-0123456789abcdef01234567';
const HEADER = `Root=${ROOT_ID};Parent=53995c3f42cd8ad8;Sampled=1;Lineage=a87bd80c:0`;

describe('the X-Ray trace id', () => {
  it('is the Root of _X_AMZN_TRACE_ID, wherever it stands', () => {
    expect(xrayTraceId(HEADER)).toBe(ROOT_ID);
    expect(xrayTraceId(`Parent=53995c3f42cd8ad8;Root=${ROOT_ID};Sampled=0`)).toBe(ROOT_ID);
  });

  it('is undefined off Lambda or for a value that is not a trace id', () => {
    expect(xrayTraceId(undefined)).toBeUndefined();
    expect(xrayTraceId('')).toBeUndefined();
    expect(xrayTraceId('Root=not-a-trace;Sampled=1')).toBeUndefined();
    expect(xrayTraceId('Parent=53995c3f42cd8ad8')).toBeUndefined();
  });
});

describe('the X-Ray trace link', () => {
  it('opens the trace in the CloudWatch console of the function\'s region', () => {
    expect(xrayTraceUrl(ROOT_ID, 'ap-northeast-1')).toBe(`https://ap-northeast-1.console.aws.amazon.com/cloudwatch/home?region=ap-northeast-1#xray:traces/${ROOT_ID}`);
    expect(invocationTrace({ _X_AMZN_TRACE_ID: HEADER, AWS_REGION: 'ap-northeast-1' })).toEqual({ traceId: ROOT_ID, url: xrayTraceUrl(ROOT_ID, 'ap-northeast-1') });
    expect(invocationTrace({ AWS_REGION: 'ap-northeast-1' })).toBeUndefined();
    expect(invocationTrace({ _X_AMZN_TRACE_ID: HEADER })).toEqual({ traceId: ROOT_ID, url: undefined });
  });

  it('is on the Slack message after the Logs link, and absent without a trace', () => {
    const r: CheckResult = structuredClone(sampleRun().results.find((x) => x.status === 'failed')!);
    const url = invocationTrace({ _X_AMZN_TRACE_ID: HEADER, AWS_REGION: 'ap-northeast-1' })!.url!;
    const line = links(r, { logsUrl: 'https://logs.example/q', traceUrl: url });
    expect(line).toContain(`<${url}|X-Ray trace>`);
    expect(line.indexOf('|Logs>')).toBeLessThan(line.indexOf('|X-Ray trace>'));
    expect(links(r, { logsUrl: 'https://logs.example/q' })).not.toContain('X-Ray');
  });
});
