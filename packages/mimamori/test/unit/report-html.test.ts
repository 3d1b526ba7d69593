import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, it, expect } from 'vitest';
import { renderHtmlReport } from '../../src/render/report-html.ts';
import type { LastGoodEvidence } from '../../src/result/types.ts';
import { PNG_1X1_BASE64, pngBytes, sampleRun } from './fixtures/run-result.ts';

function sections(page: string): { status: string; id: string; body: string }[] {
  return [...page.matchAll(/<section class="check" data-status="([^"]*)" id="([^"]*)">([\s\S]*?)<\/section>/g)]
    .map((m) => ({ status: m[1]!, id: m[2]!, body: m[3]! }));
}

describe('renderHtmlReport', () => {
  it('has one section per check with its status, and unique ids', () => {
    const page = renderHtmlReport(sampleRun());
    const found = sections(page);
    expect(found.map((s) => s.status)).toEqual(['passed', 'degraded', 'passed', 'failed']);
    expect(found.map((s) => s.id)).toEqual(['check-home-page', 'check-search', 'check-login', 'check-checkout']);
    expect(page).toContain('href="#check-checkout"');
  });

  it('gives duplicate and non-ASCII names distinct ids', () => {
    const run = sampleRun();
    run.results[0]!.name = 'Checkout';
    run.results[1]!.name = '注文';
    expect(sections(renderHtmlReport(run)).map((s) => s.id)).toEqual(['check-checkout', 'check-2', 'check-login', 'check-checkout-2']);
  });

  it('embeds screenshot bytes as a PNG data URL and uses the path otherwise', () => {
    const page = renderHtmlReport(sampleRun());
    const [home, , , checkout] = sections(page);
    expect(home!.body).toContain(`<img src="data:image/png;base64,${PNG_1X1_BASE64}"`);
    expect(checkout!.body).toContain('<img src="checkout/02-failure.png"');
    expect(checkout!.body).toContain('<figcaption>add to cart · failure · 1×1</figcaption>');
  });

  it('shows the header, the error box, steps, navigations and page errors', () => {
    const page = renderHtmlReport(sampleRun());
    expect(page).toContain('<code>2025-01-15T09-30-00Z-ab12</code>');
    expect(page).toContain('2025-01-15T09:30:00.000Z');
    expect(page).toContain('took 14 s');
    const checkout = sections(page)[3]!.body;
    expect(checkout).toContain('assertion error in step “add to cart”');
    const pre = /<pre>([\s\S]*?)<\/pre>/.exec(checkout)![1]!;
    expect(pre).toBe([
      'Error: expect(locator).toBeVisible() failed', '', 'Locator: getByRole(&#39;button&#39;, { name: &#39;Added&#39; })',
      'Expected: visible', '    at checks/checkout.check.ts:14:40',
    ].join('\n'));
    expect(checkout).not.toContain('[2m');
    expect(checkout).toMatch(/<tr><td>pay<\/td><td class="st-skipped">– skipped<\/td><td class="num">–<\/td>/);
    expect(checkout).toMatch(/<tr><td>add to cart<\/td><td class="st-failed">✗ failed<\/td><td class="num">5.2 s<\/td><td class="num">– \/ 8 s<\/td>/);
    expect(checkout).toContain('>503</td>');
    expect(checkout).toContain('2 console errors, 1 failed request');
    expect(checkout).toContain('<li class="mono">TypeError: cart is undefined</li>');
    expect(checkout).toContain('6.3 s / – / 20 s');
    expect(sections(page)[2]!.body).toContain('flaky, passed on attempt 2');
    expect(sections(page)[0]!.body).toContain('The home page shows the hero banner');
  });

  it('lists diagnostics before the checks', () => {
    const page = renderHtmlReport(sampleRun());
    const at = page.indexOf('<section class="diagnostics"');
    expect(at).toBeGreaterThan(-1);
    expect(at).toBeLessThan(page.indexOf('<section class="check"'));
    expect(page).toContain('<td class="mono">checks/broken.check.ts</td><td class="mono">maxResponseTime</td>');
    expect(page).toContain('must be a positive number, got &quot;-5&quot;');
    const clean = sampleRun();
    clean.diagnostics = [];
    expect(renderHtmlReport(clean)).not.toContain('class="diagnostics"');
  });

  it('lists a note apart from the problems, which it does not count', () => {
    const run = sampleRun();
    run.diagnostics = [{ file: 'checks/slow.check.ts', message: 'still loading when the checks asked for were found', severity: 'note' }];
    const page = renderHtmlReport(run);
    expect(page).not.toContain('class="diagnostics"');
    expect(page).not.toContain('definition problems');
    expect(page).toContain('<section class="notes" id="notes"><h2>Notes</h2><ul><li><span class="mono">checks/slow.check.ts</span>: still loading');
  });

  it('escapes user text and refuses script URLs', () => {
    const run = sampleRun();
    run.results[0]!.name = '<script>alert(1)</script>';
    run.results[0]!.description = '" onmouseover="alert(2)';
    run.results[0]!.baseURL = 'javascript:alert(3)';
    run.results[0]!.navigations[0]!.url = 'java\tscript:alert(4)';
    run.results[3]!.screenshots[0]!.path = 'javascript:alert(5)';
    run.results[3]!.error!.message = '<img src=x onerror=alert(6)>';
    run.diagnostics[0]!.file = '</td><script>alert(7)</script>';
    const page = renderHtmlReport(run);
    expect(page).not.toMatch(/<script/i);
    expect(page).not.toMatch(/<img src=x/);
    expect(page).not.toMatch(/(href|src)="\s*java/i);
    expect(page).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(page).toContain('&quot; onmouseover=&quot;alert(2)');
    expect(page).toContain('javascript:alert(3)'); // shown as text, not linked
    expect(page).toContain('(image not available)');
  });

  it('shows control characters in names, steps, files and diagnostics as escapes', () => {
    const run = sampleRun();
    run.results[0]!.name = 'two\nlines\u001b[31m';
    run.results[3]!.steps[0]!.name = 'tab\there';
    run.results[3]!.file = 'checks/bell\u0007.check.ts';
    run.results[3]!.error!.step = 'add\rto cart';
    run.diagnostics[0]!.file = 'checks/nul\u0000.check.ts';
    const page = renderHtmlReport(run);
    expect(page).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f]/);
    const [home, , , checkout] = sections(page);
    expect(home!.body).toContain('<h2>two\\nlines\\x1b[31m</h2>');
    expect(page).toContain('<a href="#check-two-lines-31m">two\\nlines\\x1b[31m</a>');
    expect(checkout!.body).toContain('<td>tab\\there</td>');
    expect(checkout!.body).toContain('<code>checks/bell\\x07.check.ts</code>');
    expect(checkout!.body).toContain('in step “add\\rto cart”');
    expect(page).toContain('<td class="mono">checks/nul\\x00.check.ts</td>');
  });

  it('is self-contained: no external stylesheets, scripts or fonts, and a CSP that blocks scripts', () => {
    const page = renderHtmlReport(sampleRun());
    expect(page.startsWith('<!doctype html>')).toBe(true);
    expect(page).not.toMatch(/<link|<script|@import|url\(/i);
    expect(page).not.toMatch(/src="https?:/);
    expect(page).toMatch(/<meta http-equiv="Content-Security-Policy" content="default-src 'none';/);
    expect(page).toContain('#1a7f37');
  });

  it('links each check to its evidence in S3, or says why it is not there', () => {
    const run = sampleRun();
    const [stored, failed] = run.results;
    const url = 'https://bucket.s3.amazonaws.com/runs/x/result.json?X-Amz-Signature=abc&X-Amz-Expires=60';
    stored.storage = { folder: 'runs/x/', local: '/tmp/out/runs/x', durationMs: 80,
      s3: { location: 's3://bucket/runs/x/', result: { url, consoleUrl: 'https://eu-west-1.console.aws.amazon.com/s3/object/bucket?prefix=runs%2Fx' } } };
    stored.screenshots[0].link = { url: 'https://bucket.s3.amazonaws.com/runs/x/final.png?sig=1' };
    failed.storage = { folder: 'runs/y/', local: '/tmp/out/runs/y', durationMs: 10, s3: { location: 's3://bucket/runs/y/', error: { name: 'StorageError', message: 'S3 upload failed: access denied <b>' } } };
    const [first, second] = sections(renderHtmlReport(run));
    expect(first.body).toContain(`<a href="${url.replace(/&/g, '&amp;')}">result.json</a>`);
    expect(first.body).toContain('>S3 console</a>');
    expect(first.body).toContain('<a href="https://bucket.s3.amazonaws.com/runs/x/final.png?sig=1">open</a>');
    expect(second.body).toContain('(not in S3: S3 upload failed: access denied &lt;b&gt;)');
    expect(second.body).toContain('<code>runs/y/</code>');
  });

  it('says until when each presigned link works, and gives the console page beside it', () => {
    const run = sampleRun();
    const [stored, failed] = run.results;
    const url = 'https://bucket.s3.amazonaws.com/runs/x/result.json?X-Amz-Expires=604800';
    const console = 'https://eu-west-1.console.aws.amazon.com/s3/object/bucket?prefix=runs%2Fx%2Ffinal.png';
    stored.storage = { folder: 'runs/x/', local: '/tmp/out/runs/x', durationMs: 80,
      s3: { location: 's3://bucket/runs/x/', result: { url, consoleUrl: 'https://eu-west-1.console.aws.amazon.com/s3/object/bucket?prefix=x', expiresAt: '2025-01-15T10:30:00.000Z' } } };
    stored.screenshots[0].link = { url: 'https://bucket.s3.amazonaws.com/runs/x/final.png?sig=1', consoleUrl: console, expiresAt: '2025-01-22T09:30:00.000Z', endsWithSession: true };
    // Some of the evidence is in S3 (result.json), one picture is not: the links that are there, and why the rest is not.
    failed.storage = { folder: 'runs/y/', local: '/tmp/out/runs/y', durationMs: 10,
      s3: { location: 's3://bucket/runs/y/', result: { url: 'https://bucket.s3.amazonaws.com/runs/y/result.json', expiresAt: '2025-01-22T09:30:00.000Z' }, error: { name: 'StorageError', message: 'S3 upload of runs/y/02.png failed: access denied' } } };
    const [first, second] = sections(renderHtmlReport(run));
    expect(first.body).toContain(`>result.json</a> <small>(valid until <time datetime="2025-01-15T10:30:00.000Z">2025-01-15 10:30 UTC</time>)</small>`);
    expect(first.body).toContain('<a href="https://bucket.s3.amazonaws.com/runs/x/final.png?sig=1">open</a> <small>(temporary: ends with the session that signed it, '
      + 'by <time datetime="2025-01-22T09:30:00.000Z">2025-01-22 09:30 UTC</time> at the latest)</small>');
    expect(first.body).toContain(`<a href="${console}">S3 console</a>`);
    expect(second.body).toContain('>result.json</a> <small>(valid until <time datetime="2025-01-22T09:30:00.000Z">2025-01-22 09:30 UTC</time>)</small>');
    expect(second.body).toContain('(not all in S3: S3 upload of runs/y/02.png failed: access denied)');
  });

  describe('now and last good', () => {
    const PATH = 'runs/checkout/2025/01/14/20250114T093000Z-good01/02-add-to-cart.png';
    const LINK = 'https://bucket.s3.amazonaws.com/runs/checkout/good.png?X-Amz-Signature=abc&X-Amz-Expires=60';
    const evidence = (extra: Partial<LastGoodEvidence> = {}): LastGoodEvidence => ({
      runId: '20250114T093000Z-good01', startedAt: Date.UTC(2025, 0, 14, 9, 30, 0),
      screenshot: { file: '02-add-to-cart.png', step: 'add to cart', kind: 'step', path: PATH, link: { url: LINK } },
      ...extra,
    });
    /** The pair block of the failed check, or undefined when it has none. */
    const pairOf = (page: string) => /<h3>Now and last good<\/h3><div class="shots pair">([\s\S]*?)<\/div><h3>/.exec(sections(page)[3]!.body)?.[1];
    const srcs = (pair: string) => [...pair.matchAll(/<img src="([^"]*)"/g)].map((m) => m[1]);

    it('shows a failed check beside its last good run, captioned with the run and its time, after the error', () => {
      const run = sampleRun();
      run.results[3]!.lastGood = evidence({ bytes: pngBytes() });
      const page = renderHtmlReport(run);
      const body = sections(page)[3]!.body;
      expect(body.indexOf('Now and last good')).toBeGreaterThan(body.indexOf('class="error"'));
      expect(body.indexOf('Now and last good')).toBeLessThan(body.indexOf('<h3>Steps</h3>'));
      const pair = pairOf(page)!;
      // Now: the failure picture as the report shows it elsewhere; last good: its bytes, embedded like the run's own.
      expect(srcs(pair)).toEqual(['checkout/02-failure.png', `data:image/png;base64,${PNG_1X1_BASE64}`]);
      expect(pair).toContain('<figcaption><b>Now</b> · add to cart · failure</figcaption>');
      expect(pair).toContain('<b>Last good</b> (run <code>20250114T093000Z-good01</code>, <time datetime="2025-01-14T09:30:00.000Z">2025-01-14T09:30:00.000Z</time>) · add to cart · step');
      expect(pair).toContain(`<a href="${LINK.replace(/&/g, '&amp;')}">open</a>`);
      // Only a failed or degraded check with a last good picture gets the pair.
      expect(sections(page).filter((s) => s.body.includes('Now and last good'))).toHaveLength(1);
    });

    it('takes the picture from the out folder when the file is there, else from its S3 link', () => {
      const out = mkdtempSync(join(tmpdir(), 'mimamori-report-'));
      const run = sampleRun();
      run.results[3]!.lastGood = evidence();
      expect(srcs(pairOf(renderHtmlReport(run, { out }))!)[1]).toBe(LINK.replace(/&/g, '&amp;'));
      mkdirSync(join(out, dirname(PATH)), { recursive: true });
      writeFileSync(join(out, PATH), pngBytes());
      expect(srcs(pairOf(renderHtmlReport(run, { out }))!)[1]).toBe(PATH);
      // Without the out folder to look in, the link goes first; without a link, the path relative to the report.
      expect(srcs(pairOf(renderHtmlReport(run))!)[1]).toBe(LINK.replace(/&/g, '&amp;'));
      delete run.results[3]!.lastGood!.screenshot!.link;
      expect(srcs(pairOf(renderHtmlReport(run))!)[1]).toBe(PATH);
      expect(pairOf(renderHtmlReport(run, { out: join(out, 'elsewhere') }))).toContain('(image not available)');
    });

    it('encodes stored keys as file names, stays in the out folder, and refuses script URLs', () => {
      const out = join(mkdtempSync(join(tmpdir(), 'mimamori-report-')), 'out');
      const run = sampleRun();
      const path = 'runs/check%20out/2025/01/14/r/final.png';
      mkdirSync(join(out, dirname(path)), { recursive: true });
      writeFileSync(join(out, path), pngBytes());
      run.results[3]!.lastGood = evidence({ screenshot: { file: 'final.png', kind: 'final', path } });
      expect(srcs(pairOf(renderHtmlReport(run, { out }))!)[1]).toBe('runs/check%2520out/2025/01/14/r/final.png');
      run.results[3]!.lastGood = evidence({ runId: '<script>x</script>', screenshot: { file: 'x.png', kind: 'final', path: '../outside.png', link: { url: 'javascript:alert(1)' } } });
      writeFileSync(join(out, '..', 'outside.png'), pngBytes());
      const page = renderHtmlReport(run, { out });
      expect(pairOf(page)).toContain('(image not available)');
      expect(pairOf(page)).toContain('run <code>&lt;script&gt;x&lt;/script&gt;</code>');
      expect(page).not.toMatch(/(href|src)="\s*java/i);
      expect(page).not.toMatch(/<script/i);
    });

    it('shows nothing for a passed check, or when the last good run has no picture', () => {
      const run = sampleRun();
      run.results[0]!.lastGood = evidence();
      run.results[3]!.lastGood = { runId: 'r', startedAt: 0 };
      expect(renderHtmlReport(run)).not.toContain('Now and last good');
    });
  });
});
