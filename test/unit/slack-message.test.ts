// The Slack message: status, timings against budgets, the failing step and error, links, time zone — escaped for mrkdwn.
import { describe, expect, it } from 'vitest';
import { buildResolvedParent, buildSlackMessage, formatRunTime } from '../../src/notify/slack-message.ts';
import type { CheckResult } from '../../src/result/types.ts';

function failed(): CheckResult {
  return {
    name: 'checkout <prod>', file: 'checks/checkout.check.ts', description: 'Buy & pay', tags: [], baseURL: 'https://shop.example', status: 'failed',
    startedAt: Date.UTC(2026, 10, 29, 7, 35, 12), durationMs: 12_300, budget: { degradedResponseTime: 3000, maxResponseTime: 10_000 },
    attempts: 2, flaky: false, attemptHistory: [], pageErrors: { consoleErrors: 0, failedRequests: 0, samples: [] },
    navigations: [{ url: 'https://shop.example/cart', status: 500, startedAt: 0 }],
    steps: [
      { name: 'open product', status: 'passed', durationMs: 850, budget: {} },
      { name: 'add to cart', status: 'failed', durationMs: 11_000, budget: { maxResponseTime: 5000 } },
      { name: 'pay', status: 'skipped', durationMs: 0, budget: {} },
    ],
    screenshots: [{ file: '02-add-to-cart-failure.png', step: 'add to cart', kind: 'failure', attempt: 2, width: 1, height: 1, link: { url: 'https://s3.example/shot.png?X-Amz-Signature=1&a=b' } }],
    error: { name: 'HttpStatusError', message: `GET https://shop.example/cart answered HTTP 500\n${'x'.repeat(3000)}`, class: 'network', step: 'add to cart' },
    storage: { folder: 'runs/x/', local: '/tmp/x', durationMs: 5, s3: { location: 's3://b/runs/x/', result: { url: 'https://s3.example/result.json', consoleUrl: 'https://console.aws/x' } } },
  };
}

const allText = (m: ReturnType<typeof buildSlackMessage>) => JSON.stringify(m);

describe('buildSlackMessage', () => {
  const message = buildSlackMessage(failed(), { kind: 'alert', runId: '20261129T073512Z-abc123', timeZone: 'Asia/Tokyo', logsUrl: 'https://console.aws/logs?run=1' });
  const blocks = message.attachments[0].blocks as { type: string; text?: { text: string }; fields?: { text: string }[]; elements?: { text: string }[] }[];
  const text = blocks.map((b) => b.text?.text ?? b.fields?.map((f) => f.text).join('\n') ?? b.elements?.map((e) => e.text).join('\n')).join('\n');

  it('leads with status, emoji and colour, and has a plain-text fallback', () => {
    expect(message.attachments[0].color).toBe('#e01e5a');
    expect(text).toContain(':red_circle: checkout &lt;prod&gt; FAILED');
    expect(message.text).toBe(':red_circle: checkout <prod> FAILED: add to cart: GET https://shop.example/cart answered HTTP 500');
  });

  it('shows durations against budgets, per step, the HTTP status and attempts', () => {
    expect(text).toContain('*Duration*\n12 s / 3 s / 10 s');
    expect(text).toContain('✗ add to cart  11 s / – / 5 s');
    expect(text).toContain('– pay  _skipped_');
    expect(text).toContain('*HTTP status*\n500');
    expect(text).toContain('*Attempts*\n2');
  });

  it('puts the failing step and the trimmed error in a code block', () => {
    expect(text).toMatch(/\*network error\* in \*add to cart\*\n```GET https:\/\/shop\.example\/cart answered HTTP 500\nx+…```/);
    expect(text.length).toBeLessThan(3000);
  });

  it('links the screenshot, the result, the console, the logs and the page', () => {
    expect(text).toContain('<https://s3.example/shot.png?X-Amz-Signature=1&a=b|Screenshot>');
    expect(text).toContain('<https://s3.example/result.json|Result>');
    expect(text).toContain('<https://console.aws/x|S3 console>');
    expect(text).toContain('<https://console.aws/logs?run=1|Logs>');
    expect(text).toContain('<https://shop.example/cart|Open the page>');
  });

  it('gives the run time in the configured time zone and the run id', () => {
    expect(text).toContain('29 Nov 2026, 16:35:12 GMT+9');
    expect(text).toContain('run `20261129T073512Z-abc123`');
  });

  it('never lets user text break the markup', () => {
    expect(allText(message)).not.toContain('checkout <prod>|');
    expect(text).toContain('Buy &amp; pay');
  });
});

describe('recovery messages', () => {
  const passed = { ...failed(), status: 'passed' as const, error: undefined, startedAt: Date.UTC(2026, 10, 29, 8, 5, 12) };
  it('says recovered and for how long it was down', () => {
    const m = buildSlackMessage(passed, { kind: 'recovered', runId: 'r9', timeZone: 'UTC', incidentOpenedAt: '2026-11-29T07:35:12.000Z' });
    expect(m.text).toMatch(/^:white_check_mark: checkout <prod> recovered after 30 min down/);
    expect(m.attachments[0].color).toBe('#2eb67d');
  });

  it('rewrites the parent as resolved, with the span and count', () => {
    const m = buildResolvedParent(passed, { kind: 'recovered', runId: 'r9', timeZone: 'UTC', incidentOpenedAt: '2026-11-29T07:35:12.000Z', failures: 6 });
    expect(m.text).toBe(':white_check_mark: Resolved: checkout <prod> was failing for 30 min (6 failed runs)');
    expect(JSON.stringify(m.attachments[0].blocks)).toContain('details in the thread');
  });

  it('formats times per zone', () => {
    expect(formatRunTime(Date.UTC(2026, 0, 2, 3, 4, 5), 'UTC')).toBe('02 Jan 2026, 03:04:05 UTC');
  });
});
