// The CloudWatch Logs link: straight to this invocation's lines, escaped the way the console expects.
import { describe, expect, it, vi } from 'vitest';
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

describe('what the link filters on, and the runner\'s log lines', () => {
  /** The filter term of a link, unescaped from the console's fragment: `"<request id>"`. */
  const filterTerm = (url: string) => decodeURIComponent(/filterPattern\$3D([^$]*(?:\$25[^$]*)*)/.exec(url)![1]!.replace(/\$25/g, '%'));

  it('is a term every line the runner writes for the invocation carries (Powertools injects the request id)', async () => {
    const { handler } = await import('../../functions/runner.ts');
    const requestId = '8f5e2b1c-42aa-4c1e-9d0b-5c7e3f1a2b3c';
    const url = cloudWatchLogsUrl({ region: 'us-east-1', logGroup: '/aws/lambda/r', logStream: 's', requestId, start: 0 });
    expect(filterTerm(url)).toBe(`"${requestId}"`);
    const written: string[] = [];
    const spies = [process.stdout, process.stderr].map((stream) => vi.spyOn(stream, 'write').mockImplementation((chunk: unknown) => {
      written.push(String(chunk));
      return true;
    }));
    try {
      const context = { awsRequestId: requestId, functionName: 'mimamori-RunnerFunction', getRemainingTimeInMillis: () => 60_000 };
      // A record the runner cannot read: it logs the crash and fails that record, without starting a worker.
      const answer = await handler({ Records: [{ messageId: 'm-1', body: 'not a run request' }] } as never, context as never);
      expect(answer).toEqual({ batchItemFailures: [{ itemIdentifier: 'm-1' }] });
    } finally {
      for (const spy of spies) spy.mockRestore();
    }
    const lines = written.join('').split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as Record<string, unknown>).filter((l) => 'level' in l);
    expect(lines.map((l) => l.message)).toContain('runner crashed');
    for (const line of lines) {
      expect(line.function_request_id).toBe(requestId);
      expect(JSON.stringify(line)).toContain(filterTerm(url).slice(1, -1));
    }
  });
});
