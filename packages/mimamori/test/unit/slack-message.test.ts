// The Slack message: status, timings against budgets, the failing step and error, links, time zone — escaped for mrkdwn.
import { describe, expect, it } from 'vitest';
import { checkResult } from '../helpers/check-result.ts';
import { buildResolvedParent, buildSlackMessage, links } from '../../src/notify/slack-message.ts';
import { stampWithZone as formatRunTime } from '../../src/render/time.ts';
import { buildFold } from '../../src/notify/slack-fold.ts';
import { messageFor } from '../../src/notify/delivery.ts';
import type { CheckResult } from '../../src/result/types.ts';

function failed(): CheckResult {
  return checkResult({
    name: 'checkout <prod>', file: 'checks/checkout.check.ts', description: 'Buy & pay', baseURL: 'https://shop.example', status: 'failed',
    startedAt: Date.UTC(2026, 10, 29, 7, 35, 12), durationMs: 12_300, budget: { degradedResponseTime: 3000, maxResponseTime: 10_000 }, attempts: 2,
    navigations: [{ url: 'https://shop.example/cart', status: 500, startedAt: 0 }],
    steps: [
      { name: 'open product', status: 'passed', durationMs: 850, budget: {} },
      { name: 'add to cart', status: 'failed', durationMs: 11_000, budget: { maxResponseTime: 5000 } },
      { name: 'pay', status: 'skipped', durationMs: 0, budget: {} },
    ],
    screenshots: [{ file: '02-add-to-cart-failure.png', step: 'add to cart', kind: 'failure', attempt: 2, width: 1, height: 1, link: { url: 'https://s3.example/shot.png?X-Amz-Signature=1&a=b' } }],
    error: { name: 'HttpStatusError', message: `GET https://shop.example/cart answered HTTP 500\n${'x'.repeat(3000)}`, class: 'network', step: 'add to cart' },
    storage: { folder: 'runs/x/', local: '/tmp/x', durationMs: 5, s3: { location: 's3://b/runs/x/', result: { url: 'https://s3.example/result.json', consoleUrl: 'https://console.aws/x' } } },
  });
}

const allText = (m: ReturnType<typeof buildSlackMessage>) => JSON.stringify(m);

describe('buildSlackMessage', () => {
  const message = buildSlackMessage(failed(), { kind: 'alert', runId: '20261129T073512Z-abc123', timeZone: 'Asia/Tokyo', logsUrl: 'https://console.aws/logs?run=1' });
  const blocks = message.attachments[0].blocks as { type: string; text?: { text: string }; fields?: { text: string }[]; elements?: { text: string }[] }[];
  const text = blocks.map((b) => b.text?.text ?? b.fields?.map((f) => f.text).join('\n') ?? b.elements?.map((e) => e.text).join('\n')).join('\n');

  it('leads with status, emoji and colour, and has a plain-text fallback', () => {
    expect(message.attachments[0].color).toBe('#e01e5a');
    expect(text).toContain(':red_circle: checkout &lt;prod&gt; FAILED');
    expect(message.text).toBe(':red_circle: checkout &lt;prod&gt; FAILED: add to cart: GET https://shop.example/cart answered HTTP 500');
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

  it('links the last good screenshot when it is in S3, right after the screenshot, with a link that cannot break out', () => {
    const r = failed();
    r.lastGood = {
      runId: '20261129T070000Z-good01', startedAt: Date.UTC(2026, 10, 29, 7, 0, 0),
      screenshot: { file: '02-add-to-cart.png', step: 'add to cart', kind: 'step', path: 'runs/checkout/2026/11/29/x/02-add-to-cart.png', link: { url: 'https://s3.example/good.png?X-Amz-Signature=2&a=<b>|c' } },
    };
    const line = links(r, {});
    expect(line).toContain('<https://s3.example/shot.png?X-Amz-Signature=1&a=b|Screenshot>  ·  <https://s3.example/good.png?X-Amz-Signature=2&a=%3Cb%3E%7Cc|Last good>  ·  ');
    // Without a link (the state is local), or on a run with no last good run, there is no such link.
    delete r.lastGood.screenshot!.link;
    expect(links(r, {})).not.toContain('Last good');
    delete r.lastGood;
    expect(links(r, {})).not.toContain('Last good');
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

describe('escaping: a check or a page can never ping the channel', () => {
  /** A check whose name, step, description and page text all carry Slack markup. */
  function hostile(): CheckResult {
    const r = failed();
    r.name = '<!channel> x';
    r.description = 'see <@U123> & <#C123>';
    r.steps[1]!.name = '<!here> step';
    r.navigations = [{ url: 'https://shop.example/<!channel>', status: 500, startedAt: 0 }];
    r.warnings = ['<!subteam^S1> slow'];
    r.error = { name: 'Error', message: 'expect(locator).toHaveText(expected) failed\nReceived: "<!channel> everyone"\n```<!here>```', class: 'assertion', step: '<!here> step' };
    return r;
  }
  const PING = /<[!@#]/;

  it.each(['alert', 'reminder', 'recovered', 'report'] as const)('escapes &, < and > in text, fallback and every block (%s)', (kind) => {
    const m = buildSlackMessage(hostile(), { kind, runId: 'r1', timeZone: 'UTC', failures: 5, incidentOpenedAt: '2026-11-29T07:00:00.000Z' });
    expect(m.text).not.toMatch(PING);
    expect(m.attachments[0]!.fallback).not.toMatch(PING);
    // Only our own links may open a `<`: every other one in the blocks is escaped.
    const blocks = JSON.stringify(m.attachments[0]!.blocks).replace(/<https?:[^|>]+\|[^>]*>/g, '');
    expect(blocks).not.toMatch(PING);
    expect(m.text).toContain('&lt;!channel&gt; x');
  });

  it('escapes the page text inside the ``` code block', () => {
    const m = buildSlackMessage(hostile(), { kind: 'alert', runId: 'r1', timeZone: 'UTC' });
    const code = JSON.stringify(m.attachments[0]!.blocks).match(/```([^`]*)```/)![1]!;
    expect(code).toContain('Received: \\"&lt;!channel&gt; everyone\\"');
    expect(code).not.toMatch(PING);
    expect(m.text).toBe(':red_circle: &lt;!channel&gt; x FAILED: &lt;!here&gt; step: expect(locator).toHaveText(expected) failed');
  });

  it('escapes the resolved parent and the state note', () => {
    const r = { ...hostile(), status: 'passed' as const, error: undefined };
    const parent = buildResolvedParent(r, { kind: 'recovered', runId: 'r1', timeZone: 'UTC', incidentOpenedAt: '2026-11-29T07:00:00.000Z', failures: 2 });
    expect(JSON.stringify(parent)).not.toMatch(PING);
    const noted = buildSlackMessage(hostile(), { kind: 'report', runId: 'r1', timeZone: 'UTC', note: "state could not be read (<!channel>)" });
    expect(JSON.stringify(noted.attachments[0]!.blocks)).toContain(':warning: state could not be read (&lt;!channel&gt;)');
  });
});

describe('the fold: several checks in one message', () => {
  const ctx = { runId: 'r1', timeZone: 'UTC', startedAt: Date.UTC(2026, 10, 29, 7, 35, 12) };

  it('lists each check with status, failing step, the first line of the error and links to its evidence', () => {
    const second = { ...failed(), name: 'search', error: { name: 'Error', message: 'expected results\ncall log…', class: 'assertion' as const, step: 'type query' } };
    const m = buildFold([{ result: failed(), kind: 'alert' }, { result: second, kind: 'reminder', failures: 5 }], ctx);
    const blocks = JSON.stringify(m.attachments[0]!.blocks);
    expect(m.text).toMatch(/^2 checks in one message: Slack takes about one message a second/);
    expect(blocks).toContain(':red_circle: checkout &lt;prod&gt; FAILED — add to cart: GET https://shop.example/cart answered HTTP 500');
    expect(blocks).toContain(':red_circle: search FAILED (still failing: 5 runs) — type query: expected results');
    expect(blocks).not.toContain('call log');
    expect(blocks).toContain('<https://s3.example/shot.png?X-Amz-Signature=1&a=b|Screenshot>');
    expect(blocks).toContain('<https://s3.example/result.json|Result>');
    expect(m.attachments[0]!.color).toBe('#e01e5a');
  });

  it('escapes names and page text, in the text, the fallback and every block', () => {
    const r = { ...failed(), name: '<!channel> x', error: { name: 'Error', message: 'Received: "<!here>"', class: 'assertion' as const, step: '<@U1>' } };
    const m = buildFold([{ result: r, kind: 'alert' }, { result: { ...r, name: '<#C1>' }, kind: 'alert' }], ctx);
    expect(m.text).not.toMatch(/<[!@#]/);
    expect(m.attachments[0]!.fallback).not.toMatch(/<[!@#]/);
    expect(JSON.stringify(m.attachments[0]!.blocks).replace(/<https?:[^|>]+\|[^>]*>/g, '')).not.toMatch(/<[!@#]/);
    expect(m.text).toContain('&lt;!channel&gt; x');
  });

  it("stays within Slack's limits for hundreds of checks, and counts what it cannot list", () => {
    const many = Array.from({ length: 600 }, (_, i) => ({ result: { ...failed(), name: `check ${i}` }, kind: 'alert' as const }));
    const m = buildFold(many, ctx);
    const blocks = m.attachments[0]!.blocks as { text?: { text: string } }[];
    expect(blocks.length).toBeLessThanOrEqual(50);
    expect(blocks.every((b) => (b.text?.text.length ?? 0) <= 3000)).toBe(true);
    expect(m.text.length).toBeLessThanOrEqual(3000);
    expect(JSON.stringify(blocks)).toMatch(/…and \d+ more: see the run's results/);
  });
});

describe('recovery messages', () => {
  const passed = { ...failed(), status: 'passed' as const, error: undefined, startedAt: Date.UTC(2026, 10, 29, 8, 5, 12) };
  it('says recovered and for how long it was down', () => {
    const m = buildSlackMessage(passed, { kind: 'recovered', runId: 'r9', timeZone: 'UTC', incidentOpenedAt: '2026-11-29T07:35:12.000Z' });
    expect(m.text).toMatch(/^:white_check_mark: checkout &lt;prod&gt; recovered after 30 min down/);
    expect(m.attachments[0].color).toBe('#2eb67d');
  });

  it('rewrites the parent as resolved, with the span and count', () => {
    const m = buildResolvedParent(passed, { kind: 'recovered', runId: 'r9', timeZone: 'UTC', incidentOpenedAt: '2026-11-29T07:35:12.000Z', failures: 6 });
    expect(m.text).toBe(':white_check_mark: Resolved: checkout &lt;prod&gt; was failing for 30 min (6 failed runs)');
    expect(JSON.stringify(m.attachments[0].blocks)).toContain('details in the thread');
  });

  it('formats times per zone', () => {
    expect(formatRunTime(Date.UTC(2026, 0, 2, 3, 4, 5), 'UTC')).toBe('02 Jan 2026, 03:04:05 UTC');
  });
});

describe('a broken monitor and a slower site, said as what they are', () => {
  const runner = { ...failed(), error: { name: 'BrowserLaunchError', message: 'Chromium did not start', class: 'runner' as const } };
  const incident = { kind: 'monitor' as const, openedAt: '2026-11-29T07:00:00.000Z', openedRunId: 'r1', failures: 2, ts: '1.1', channel: 'C1' };

  it('words a runner failure as the monitor being broken, never as the site being down', () => {
    const m = messageFor({ decision: { action: 'open', reason: '' }, result: runner, runId: 'r2', timeZone: 'UTC', incident });
    expect(m.text).toMatch(/^:wrench: checkout &lt;prod&gt; could not be run by the monitor \(a mimamori problem, not a verdict on the site\)/);
    expect(m.text).not.toContain('FAILED');
    expect(m.attachments[0].color).toBe('#616061');
  });

  it('closes a monitor incident as "the monitor runs it again"', () => {
    const passed = { ...failed(), status: 'passed' as const, error: undefined, startedAt: Date.UTC(2026, 10, 29, 7, 30, 0) };
    const m = messageFor({ decision: { action: 'recover', reason: '' }, result: passed, runId: 'r3', timeZone: 'UTC', incident });
    expect(m.text).toMatch(/^:white_check_mark: the monitor runs checkout &lt;prod&gt; again after 30 min \(this run: passed\)/);
    expect(buildResolvedParent(passed, { kind: 'monitor-recovered', runId: 'r3', timeZone: 'UTC', incidentOpenedAt: incident.openedAt, failures: 2 }).text)
      .toBe(':white_check_mark: Resolved: the monitor could not run checkout &lt;prod&gt; for 30 min (2 failed runs); the site itself was not judged');
  });

  it('says "slower than usual" with now vs usual for the journey and the step, and the rule', () => {
    const slower: CheckResult = {
      ...failed(), status: 'degraded', error: undefined,
      usual: {
        state: 'slower', journey: { nowMs: 240, medianMs: 230, usualMs: 85 }, step: { name: 'search', nowMs: 150, medianMs: 140, usualMs: 30 },
        learnedAt: '2026-11-28T10:00:00.000Z', sentence: 'slower than usual: …', rule: 'slower than usual means this run and the median of the last 9 runs are both at least 1.5× and 50 ms above the usual',
      },
    };
    const m = buildSlackMessage(slower, { kind: 'report', runId: 'r4', timeZone: 'UTC' });
    expect(m.text).toMatch(/^:large_yellow_circle: checkout &lt;prod&gt; degraded: slower than usual/);
    const all = allText(m);
    expect(all).toContain('Journey: 230 ms now (median of the recent runs; this run 240 ms) vs 85 ms usual (2.7×)');
    expect(all).toContain("Step 'search': 140 ms now (median of the recent runs; this run 150 ms) vs 30 ms usual (4.7×)");
    expect(all).toContain('_Slower than usual means this run and the median of the last 9 runs are both at least 1.5× and 50 ms above the usual._');
  });
});

describe('links in Slack last as long as they say (a message is read for years)', () => {
  const NOW = Date.UTC(2026, 10, 29, 7, 40, 0);
  const HOUR = 3600_000;
  const CONSOLE = 'https://us-east-1.console.aws.amazon.com/s3/object/b?region=us-east-1&bucketType=general&prefix=runs%2Fx%2F';
  /** The failed check with presigned links ending `inMs` from now (and console pages on AWS). */
  function withLinks(inMs: number, extra: { console?: boolean; endsWithSession?: boolean } = {}): CheckResult {
    const r = failed();
    const presigned = (name: string) => ({
      url: `https://b.s3.amazonaws.com/runs/x/${name}?X-Amz-Expires=604800`, expiresAt: new Date(NOW + inMs).toISOString(),
      ...(extra.console !== false && { consoleUrl: `${CONSOLE}${name}` }), ...(extra.endsWithSession && { endsWithSession: true }),
    });
    r.screenshots[0]!.link = presigned('shot.png');
    r.storage!.s3!.result = presigned('result.json');
    r.lastGood = { runId: 'g', startedAt: 0, screenshot: { file: 'good.png', kind: 'step', path: 'runs/g/good.png', link: presigned('good.png') } };
    return r;
  }

  it('links the S3 console page instead of a presigned link that ends within a day (temporary credentials)', () => {
    const line = links(withLinks(HOUR), { timeZone: 'UTC' }, NOW);
    expect(line).toContain(`<${CONSOLE}shot.png|Screenshot (S3 console)>`);
    expect(line).toContain(`<${CONSOLE}good.png|Last good (S3 console)>`);
    expect(line).toContain(`<${CONSOLE}result.json|Result (S3 console)>`);
    expect(line).not.toContain('X-Amz-Expires');
    // The result's console page is already there: no second "S3 console" link.
    expect(line).not.toContain('|S3 console>');
  });

  it("links the console when the signing session's end is unknown (Lambda's role), however long the URL claims", () => {
    const line = links(withLinks(7 * 24 * HOUR, { endsWithSession: true }), { timeZone: 'UTC' }, NOW);
    expect(line).toContain(`<${CONSOLE}shot.png|Screenshot (S3 console)>`);
    expect(line).not.toContain('X-Amz-Expires');
  });

  it('keeps a presigned link that lasts (long-lived keys), saying until when, with the console beside it', () => {
    const line = links(withLinks(7 * 24 * HOUR), { timeZone: 'Asia/Tokyo' }, NOW);
    expect(line).toContain('<https://b.s3.amazonaws.com/runs/x/shot.png?X-Amz-Expires=604800|Screenshot (valid until 6 Dec, 16:40 GMT+9)>');
    expect(line).toContain('<https://b.s3.amazonaws.com/runs/x/result.json?X-Amz-Expires=604800|Result (valid until 6 Dec, 16:40 GMT+9)>');
    expect(line).toContain(`<${CONSOLE}result.json|S3 console>`);
  });

  it('without a console (MinIO, s3rver), keeps the presigned link and says when it really ends', () => {
    const line = links(withLinks(HOUR, { console: false }), { timeZone: 'UTC' }, NOW);
    expect(line).toContain('<https://b.s3.amazonaws.com/runs/x/shot.png?X-Amz-Expires=604800|Screenshot (valid until 29 Nov, 08:40 UTC)>');
    const unknown = links(withLinks(HOUR, { console: false, endsWithSession: true }), { timeZone: 'UTC' }, NOW);
    expect(unknown).toContain('|Screenshot (valid until the signing session ends)>');
    // A link that has already ended is not offered at all.
    expect(links(withLinks(-1, { console: false }), { timeZone: 'UTC' }, NOW)).not.toContain('Screenshot');
  });

  it('says the same in the message and in the fold', () => {
    const r = withLinks(HOUR, { endsWithSession: true });
    const message = JSON.stringify(buildSlackMessage(r, { kind: 'alert', runId: 'r1', timeZone: 'UTC' }).attachments[0]!.blocks);
    const fold = JSON.stringify(buildFold([{ result: r, kind: 'alert' }], { runId: 'r1', timeZone: 'UTC', startedAt: NOW }).attachments[0]!.blocks);
    for (const text of [message, fold]) {
      expect(text).toContain('|Screenshot (S3 console)>');
      expect(text).not.toContain('X-Amz-Expires');
    }
  });
});
