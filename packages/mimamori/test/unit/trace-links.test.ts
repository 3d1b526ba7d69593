// The trace's links: the Slack message opens it in Playwright's hosted viewer (from its presigned S3 URL); the HTML
// report shows the viewer link, the zip and the `npx playwright show-trace` command, or why no trace was kept.
import { describe, expect, it } from 'vitest';
import { buildSlackMessage, links } from '../../src/notify/slack-message.ts';
import { traceViewerUrl } from '../../src/result/trace-viewer.ts';
import { renderCheckSection } from '../../src/render/report-html-check.ts';
import type { CheckResult } from '../../src/result/types.ts';
import { sampleRun } from './fixtures/run-result.ts';

const NOW = Date.UTC(2026, 10, 29, 9, 0, 0);
const PRESIGNED = 'https://evidence.s3.amazonaws.com/runs/checkout/2026/11/29/r1/trace.zip?X-Amz-Signature=abc&X-Amz-Expires=604800';
const failed = (): CheckResult => structuredClone(sampleRun().results.find((r) => r.status === 'failed')!);
const withTrace = (trace: CheckResult['trace']): CheckResult => ({ ...failed(), trace });

describe('the Slack trace link', () => {
  it('opens the presigned trace.zip in trace.playwright.dev, its URL encoded as one parameter', () => {
    const url = traceViewerUrl(PRESIGNED);
    expect(url).toBe(`https://trace.playwright.dev/?trace=${encodeURIComponent(PRESIGNED)}`);
    expect(new URL(url).searchParams.get('trace')).toBe(PRESIGNED);
    const r = withTrace({ file: 'trace.zip', size: 1000, path: 'runs/checkout/trace.zip', link: { url: PRESIGNED, expiresAt: new Date(NOW + 7 * 86400_000).toISOString() } });
    const line = links(r, {}, NOW);
    expect(line).toContain(`<${url}|Trace (valid until`);
    // It is in the failure message's blocks.
    expect(JSON.stringify(buildSlackMessage(r, { kind: 'alert', runId: 'r1', timeZone: 'UTC', now: NOW }).attachments[0]!.blocks)).toContain('trace.playwright.dev');
  });

  it('falls back to the S3 console once the presigned link will not last, and says nothing without a stored link', () => {
    const short = withTrace({ file: 'trace.zip', size: 1000, path: 'p', link: { url: PRESIGNED, consoleUrl: 'https://console.aws.amazon.com/s3/object/evidence?prefix=trace.zip', endsWithSession: true } });
    expect(links(short, {}, NOW)).toContain('|Trace (S3 console)>');
    expect(links(withTrace({ file: 'trace.zip', size: 1000, path: 'p' }), {}, NOW)).not.toContain('Trace');
    expect(links(withTrace({ file: 'trace.zip', size: 0, skipped: 'not recorded: the check declares secrets (X)' }), {}, NOW)).not.toContain('Trace');
  });
});

describe('the report trace section', () => {
  it('shows the viewer link, the zip link and the show-trace command for the stored path', () => {
    const r = withTrace({ file: 'trace.zip', size: 2 * 1024 * 1024, path: 'runs/checkout/2026/11/29/r1/trace.zip', link: { url: PRESIGNED } });
    const html = renderCheckSection(r, 'c', { out: 'mimamori-results' });
    expect(html).toContain('<h3>Trace</h3>');
    expect(html).toContain('2.0 MB');
    expect(html).toContain(`href="https://trace.playwright.dev/?trace=${encodeURIComponent(PRESIGNED)}"`);
    expect(html).toContain('npx playwright show-trace mimamori-results/runs/checkout/2026/11/29/r1/trace.zip');
  });

  it('links the local zip when it is not in S3, quotes an awkward path for the shell, and escapes', () => {
    const r = withTrace({ file: 'trace.zip', size: 1000, path: "runs/broken site/it's/trace.zip" });
    const html = renderCheckSection(r, 'c');
    expect(html).toContain('href="runs/broken%20site/it\'s/trace.zip"'.replace("'", '&#39;'));
    expect(html).toContain(`npx playwright show-trace &#39;runs/broken site/it&#39;\\&#39;&#39;s/trace.zip&#39;`);
    expect(html).not.toContain('trace.playwright.dev');
  });

  it('says why no trace was kept', () => {
    const html = renderCheckSection(withTrace({ file: 'trace.zip', size: 0, skipped: 'not recorded: the check declares secrets (PASSWORD)' }), 'c');
    expect(html).toContain('No trace kept: not recorded: the check declares secrets (PASSWORD)');
    expect(renderCheckSection(failed(), 'c')).not.toContain('<h3>Trace</h3>');
  });
});
