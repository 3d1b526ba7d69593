// The runner in real Chromium against the fixture site: journeys, failures as results, budgets, retries, screenshots.
import { afterAll, beforeAll, describe, expect as assert, it } from 'vitest';
import { expect } from 'playwright/test';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BASIC_AUTH, startFixtureSite, type FixtureSite } from '../fixtures/site.ts';
import { makeCheck } from '../helpers/check.ts';
import { decodePng, distinctColors } from '../helpers/png.ts';
import { browserProvider, type BrowserProvider } from '../../src/runner/browser-provider.ts';
import { runCheck } from '../../src/runner/run-check.ts';
import { runChecks } from '../../src/runner/run-checks.ts';
import { inProcess } from '../../src/runner/in-process.ts';
import type { CheckDefinition } from '../../src/check/types.ts';

let site: FixtureSite;
let browsers: BrowserProvider;

beforeAll(async () => {
  site = await startFixtureSite();
  browsers = browserProvider();
});
afterAll(async () => {
  await browsers?.close();
  await site?.close();
});

// The engine in this process (the CLI and Lambda run it in worker processes; see worker.test.ts).
const run = async (definition: CheckDefinition) => (await runCheck(inProcess(browsers), makeCheck(definition, site.url)))!;

describe('a passing journey', () => {
  it('records steps, navigations and a final screenshot of the viewport', async () => {
    const result = await run({
      name: 'shop',
      async run({ page, step }) {
        await step('open home', async () => {
          await page.goto('/');
          await expect(page.getByRole('heading', { name: 'Fixture Shop' })).toBeVisible();
        });
        await step('go next', async () => {
          await page.getByRole('link', { name: /next/i }).click();
          await expect(page.getByRole('heading', { name: 'Next page' })).toBeVisible();
        });
      },
    });
    assert(result.status).toBe('passed');
    assert(result.error).toBeUndefined();
    assert(result.attempts).toBe(1);
    assert(result.steps.map((s) => [s.name, s.status])).toEqual([['open home', 'passed'], ['go next', 'passed']]);
    assert(result.navigations.map((n) => [new URL(n.url).pathname, n.status, n.step])).toEqual([['/', 200, 'open home'], ['/next', 200, 'go next']]);
    for (const nav of result.navigations) {
      assert(nav.ttfbMs).toBeGreaterThanOrEqual(0);
      assert(nav.domContentLoadedMs).toBeGreaterThanOrEqual(nav.ttfbMs!);
      assert(nav.loadMs).toBeGreaterThanOrEqual(nav.domContentLoadedMs!);
    }
    assert(result.screenshots.map((s) => [s.file, s.kind])).toEqual([['final.png', 'final']]);
  });

  it('takes PNGs at the viewport size that are not blank', async () => {
    const result = await run({
      name: 'colors',
      viewport: { width: 800, height: 600 },
      screenshot: 'every-step',
      async run({ page, step }) {
        await step('open colours', () => page.goto('/colors'));
      },
    });
    const shot = result.screenshots[0];
    assert(shot.file).toBe('01-open-colours.png');
    const png = decodePng(shot.bytes!);
    assert([png.width, png.height, shot.width, shot.height]).toEqual([800, 600, 800, 600]);
    assert(distinctColors(png)).toBeGreaterThan(2);
  });

  it('applies locale and time zone to the page', async () => {
    let seen: string[] = [];
    await run({
      name: 'tokyo',
      locale: 'ja-JP',
      timezoneId: 'Asia/Tokyo',
      async run({ page }) {
        await page.goto('/');
        seen = await page.evaluate(() => [navigator.language, Intl.DateTimeFormat().resolvedOptions().timeZone]);
      },
    });
    assert(seen).toEqual(['ja-JP', 'Asia/Tokyo']);
  });

  it('counts console errors and failed requests', async () => {
    const result = await run({ name: 'noisy', async run({ page }) { await page.goto('/console-error'); await page.waitForLoadState('load'); } });
    assert(result.status).toBe('passed');
    assert(result.pageErrors.consoleErrors).toBeGreaterThanOrEqual(1);
    assert(result.pageErrors.failedRequests).toBeGreaterThanOrEqual(1);
    assert(result.pageErrors.samples.join('\n')).toContain('boom');
  });
});

describe('a failing site is a result', () => {
  it('fails on a content mismatch with the failing step, later steps skipped and a screenshot', async () => {
    let ranThird = false;
    const result = await run({
      name: 'mismatch',
      async run({ page, step }) {
        await step('open home', () => page.goto('/'));
        await step('see the sale', async () => {
          await expect(page.getByRole('heading', { name: 'Summer sale' })).toBeVisible({ timeout: 500 });
        });
        await step('buy', async () => { ranThird = true; });
      },
    });
    assert(result.status).toBe('failed');
    assert(result.error).toMatchObject({ class: 'assertion', step: 'see the sale' });
    assert(result.error!.message).toContain('toBeVisible');
    assert(result.error!.message).not.toMatch(/\u001b\[/);
    assert(result.steps.map((s) => s.status)).toEqual(['passed', 'failed', 'skipped']);
    assert(ranThird).toBe(false);
    assert(result.screenshots.map((s) => [s.file, s.kind, s.step])).toEqual([['02-see-the-sale-failure.png', 'failure', 'see the sale']]);
    assert(decodePng(result.screenshots[0].bytes!).width).toBe(1280);
  });

  it('fails with class network when the main document answers HTTP 500', async () => {
    const result = await run({ name: 'error500', async run({ page, step }) { await step('open', () => page.goto('/status/500')); } });
    assert(result.status).toBe('failed');
    assert(result.error).toMatchObject({ class: 'network', step: 'open' });
    assert(result.error!.message).toMatch(/HTTP 500/);
    assert(result.navigations[0].status).toBe(500);
    assert(result.screenshots[0].kind).toBe('failure');
  });

  it('fails with class network when the connection is refused', async () => {
    const closed = await startFixtureSite();
    await closed.close();
    const result = await run({ name: 'refused', async run({ page, step }) { await step('open', () => page.goto(closed.url)); } });
    assert(result.error).toMatchObject({ class: 'network', step: 'open' });
    assert(result.error!.message).toContain('ERR_CONNECTION_REFUSED');
  });

  it('fails with class network when the host name does not resolve', async () => {
    // .invalid never resolves (RFC 6761): Chromium answers at once, without asking a DNS server.
    const result = await run({ name: 'dns', async run({ page, step }) { await step('open', () => page.goto('http://mimamori-check.invalid/')); } });
    assert(result.error).toMatchObject({ class: 'network', step: 'open' });
    assert(result.error!.message).toContain('ERR_NAME_NOT_RESOLVED');
    assert(result.navigations.map((n) => n.status)).toEqual([null]);
  });

  it('fails with class timeout when a page hangs past timeoutMs, and stops waiting', async () => {
    // A run that kept waiting would meet the test's own timeout (no wall-clock bound here: those live in bench/).
    const result = await run({ name: 'hang', timeoutMs: 1_500, async run({ page, step }) { await step('open', () => page.goto('/hang')); await step('after', () => {}); } });
    assert(result.error).toMatchObject({ class: 'timeout', step: 'open' });
    assert(result.error!.message).toContain('timed out after 1500 ms');
    assert(result.steps.map((s) => s.status)).toEqual(['failed', 'skipped']);
  });

  it('fails a step that passes its own timeout option', async () => {
    const result = await run({ name: 'step-timeout', async run({ page, step }) { await step('slow open', () => page.goto('/slow?ms=3000'), { timeout: 500 }); } });
    assert(result.error).toMatchObject({ class: 'timeout', step: 'slow open' });
    assert(result.error!.message).toContain('500 ms');
  });

  it('turns a thrown error outside any step into a failed result', async () => {
    const result = await run({ name: 'throws', async run() { throw new Error('my own check bug'); } });
    assert(result.status).toBe('failed');
    assert(result.error).toMatchObject({ class: 'assertion', message: 'my own check bug' });
    assert(result.error!.step).toBeUndefined();
  });

  it('fails with class network on a redirect loop, with no timings borrowed from the error page', async () => {
    const before = Date.now();
    const result = await run({ name: 'redirect-loop', async run({ page, step }) { await step('open', () => page.goto('/redirect-loop')); } });
    const after = Date.now();
    assert(result.status).toBe('failed');
    assert(result.error).toMatchObject({ class: 'network', step: 'open' });
    assert(result.error!.message).toContain('ERR_TOO_MANY_REDIRECTS');
    assert(result.navigations.map((n) => [new URL(n.url).pathname, n.status, n.step])).toEqual([['/redirect-loop', null, 'open']]);
    const [nav] = result.navigations;
    // The navigation never completed: it has no DOMContentLoaded or load of its own, and it started during the run.
    assert([nav.ttfbMs, nav.domContentLoadedMs, nav.loadMs]).toEqual([undefined, undefined, undefined]);
    assert(nav.startedAt).toBeGreaterThanOrEqual(before);
    assert(nav.startedAt).toBeLessThanOrEqual(after);
  });

  it('gives a navigation that never resolved a start time within the run, not the epoch', async () => {
    const before = Date.now();
    const result = await run({ name: 'dns-timing', async run({ page, step }) { await step('open', () => page.goto('http://mimamori-check.invalid/')); } });
    const [nav] = result.navigations;
    assert(nav.startedAt).toBeGreaterThanOrEqual(before);
    assert([nav.domContentLoadedMs, nav.loadMs]).toEqual([undefined, undefined]);
  });

  it('fails with class runner when the page crashes', async () => {
    const result = await run({
      name: 'crash',
      timeoutMs: 15_000,
      async run({ page, step }) {
        await step('open', () => page.goto('/crash'));
        await step('crash it', () => page.goto('chrome://crash').catch(() => new Promise(() => {})));
      },
    });
    assert(result.error).toMatchObject({ class: 'runner', step: 'crash it' });
  });
});

describe('anything thrown is a failure with a readable message', () => {
  class OutOfStock extends Error {
    override name = 'OutOfStock';
  }
  // [what is thrown, the error it becomes: name, a piece of its message, whether it has a stack]
  const cases: [string, () => unknown, { name: string; message: RegExp; stack: boolean }][] = [
    ['null', () => null, { name: 'Error', message: /threw null.*throw an Error/, stack: false }],
    ['undefined', () => undefined, { name: 'Error', message: /threw undefined.*throw an Error/, stack: false }],
    ['a string', () => 'out of stock', { name: 'Error', message: /^out of stock$/, stack: false }],
    ['a number', () => 42, { name: 'Error', message: /threw 42/, stack: false }],
    ['a plain object', () => ({ code: 'E_STOCK', detail: { sku: 42, deeper: { deeper: { deeper: { deepest: true } } } } }),
      { name: 'Error', message: /^\{ code: 'E_STOCK', detail: \{ sku: 42, deeper: \{ deeper: \[Object\] \} \} \}$/, stack: false }],
    ['an object without a prototype', () => Object.create(null), { name: 'Error', message: /null prototype/, stack: false }],
    ['an error-like object', () => ({ name: 'ApiError', message: 'quota exceeded', status: 429 }), { name: 'ApiError', message: /^quota exceeded$/, stack: false }],
    ['an Error subclass', () => new OutOfStock('tea is sold out'), { name: 'OutOfStock', message: /^tea is sold out$/, stack: true }],
  ];

  it.each(cases)('fails the step and the check when a step throws %s', async (_, value, expected) => {
    const result = await run({
      name: 'throws-in-step',
      async run({ step }) {
        await step('buy', () => { throw value(); });
        await step('pay', () => {});
      },
    });
    assert(result.status).toBe('failed');
    assert(result.steps.map((s) => s.status)).toEqual(['failed', 'skipped']);
    assert(result.error).toMatchObject({ class: 'assertion', step: 'buy', name: expected.name });
    assert(result.error!.message).toMatch(expected.message);
    assert(result.steps[0].error).toEqual(result.error);
    // A stack is the thrower's own, never mimamori's.
    if (expected.stack) assert(result.error!.stack).toContain('runner.test.ts');
    else assert(result.error!.stack).toBeUndefined();
  });

  it.each(cases)('fails the check when code outside steps throws %s', async (_, value, expected) => {
    const result = await run({ name: 'throws-outside', async run() { throw value(); } });
    assert(result.status).toBe('failed');
    assert(result.error).toMatchObject({ class: 'assertion', name: expected.name });
    assert(result.error!.step).toBeUndefined();
    assert(result.error!.message).toMatch(expected.message);
    if (!expected.stack) assert(result.error!.stack).toBeUndefined();
  });
});

describe('response-time budgets', () => {
  const slowCheck = (ms: number, budgets: Partial<CheckDefinition>, stepBudgets = {}): CheckDefinition => ({
    name: `slow-${ms}`,
    ...budgets,
    async run({ page, step }) {
      await step('open slow page', () => page.goto(`/slow?ms=${ms}`), stepBudgets);
      await step('read it', () => expect(page.getByRole('heading', { name: 'Slow page' })).toBeVisible());
    },
  });

  it('marks the run degraded when it exceeds degradedResponseTime', async () => {
    const result = await run(slowCheck(600, { degradedResponseTime: 300, maxResponseTime: 5_000 }));
    assert(result.status).toBe('degraded');
    assert(result.error).toBeUndefined();
    assert(result.attempts).toBe(1);
  });

  it('fails the run when it exceeds maxResponseTime, with class timeout', async () => {
    const result = await run(slowCheck(600, { degradedResponseTime: 200, maxResponseTime: 400 }));
    assert(result.status).toBe('failed');
    assert(result.error!.class).toBe('timeout');
    assert(result.error!.message).toMatch(/over its maxResponseTime of 400 ms/);
    assert(result.steps.every((s) => s.status !== 'skipped')).toBe(true);
  });

  it('marks a step degraded by its own budget, and the run with it', async () => {
    const result = await run(slowCheck(600, {}, { degradedResponseTime: 300 }));
    assert(result.steps[0].status).toBe('degraded');
    assert(result.status).toBe('degraded');
  });

  it('fails a step over its own maxResponseTime but still runs the rest of the journey', async () => {
    const result = await run(slowCheck(600, {}, { degradedResponseTime: 100, maxResponseTime: 300 }));
    assert(result.steps.map((s) => s.status)).toEqual(['failed', 'passed']);
    assert(result.status).toBe('failed');
    assert(result.error).toMatchObject({ class: 'timeout', step: 'open slow page' });
  });
});

describe('retries', () => {
  it('passes a flaky page on the retry and reports it as flaky with both attempts', async () => {
    const key = `k${Date.now()}`;
    const result = await run({
      name: 'flaky',
      retries: 1,
      async run({ page, step }) {
        await step('open', () => page.goto(`/flaky?key=${key}`));
        await step('see it', () => expect(page.getByRole('heading', { name: 'Flaky recovered' })).toBeVisible());
      },
    });
    assert(result.status).toBe('passed');
    assert(result.flaky).toBe(true);
    assert(result.attempts).toBe(2);
    assert(result.attemptHistory.map((a) => a.status)).toEqual(['failed', 'passed']);
    assert(result.attemptHistory[0].error!.class).toBe('network');
    // The failed attempt's picture is kept as evidence.
    assert(result.screenshots.map((s) => s.file)).toEqual(['01-open-failure.png', 'attempt2-final.png']);
  });

  it('gives up after retries and reports every attempt', async () => {
    const result = await run({ name: 'always-500', retries: 2, async run({ page, step }) { await step('open', () => page.goto('/status/503')); } });
    assert(result.status).toBe('failed');
    assert(result.attempts).toBe(3);
    assert(result.flaky).toBe(false);
  });
});

describe('screenshot policies', () => {
  const twoSteps = (screenshot: CheckDefinition['screenshot'], fail = false): CheckDefinition => ({
    name: `shots-${screenshot}-${fail}`,
    screenshot,
    async run({ page, step }) {
      await step('one', () => page.goto('/'));
      await step('two', async () => { if (fail) throw new Error('nope'); });
    },
  });
  it.each([
    ['every-step', false, ['01-one.png', '02-two.png']],
    ['every-step', true, ['01-one.png', '02-two-failure.png']],
    ['final', false, ['final.png']],
    ['only-on-failure', false, []],
    ['only-on-failure', true, ['02-two-failure.png']],
    ['off', true, []],
  ] as const)('%s (failing: %s) takes %j', async (policy, fail, files) => {
    const result = await run(twoSteps(policy, fail));
    assert(result.screenshots.map((s) => s.file)).toEqual(files);
  });
});

describe('credentials and expected statuses', () => {
  const openMembers = (async ({ page, step }) => {
    await step('open members', async () => {
      await page.goto('/basic-auth');
      // Without credentials the heading never comes: the 401 is the failure, not this wait.
      await expect(page.getByRole('heading', { name: 'Members only' })).toBeVisible({ timeout: 1_000 });
    });
  }) satisfies CheckDefinition['run'];

  it('logs in with httpCredentials, and fails with HTTP 401 without them', async () => {
    const withCredentials = await run({ name: 'basic auth', httpCredentials: { ...BASIC_AUTH }, run: openMembers });
    assert(withCredentials.status).toBe('passed');
    assert(withCredentials.navigations.map((n) => n.status)).toEqual([200]);
    const without = await run({ name: 'no credentials', run: openMembers });
    assert(without.status).toBe('failed');
    assert(without.error).toMatchObject({ name: 'HttpStatusError', class: 'network', step: 'open members' });
    assert(without.error!.message).toMatch(/\/basic-auth answered HTTP 401$/);
  });

  it('sends httpCredentials only to their origin when one is given', async () => {
    const elsewhere = await run({ name: 'other origin', httpCredentials: { ...BASIC_AUTH, origin: 'http://127.0.0.1:9' }, run: openMembers });
    assert(elsewhere.error?.message).toMatch(/answered HTTP 401$/);
    const here = await run({ name: 'this origin', httpCredentials: { ...BASIC_AUTH, origin: site.url }, run: openMembers });
    assert(here.status).toBe('passed');
  });

  it('sends extraHTTPHeaders with every request', async () => {
    let seen: Record<string, string> = {};
    const result = await run({
      name: 'headers',
      extraHTTPHeaders: { 'X-Api-Key': 'key-from-the-check', Authorization: 'Bearer token-from-the-check' },
      async run({ page }) {
        await page.goto('/headers');
        seen = JSON.parse(await page.locator('#headers').innerText());
      },
    });
    assert(result.status).toBe('passed');
    assert(seen).toMatchObject({ 'x-api-key': 'key-from-the-check', authorization: 'Bearer token-from-the-check' });
  });

  it('passes a main document answering a status in expectedStatus, not counted as a failed request', async () => {
    const result = await run({ name: 'expected 404', expectedStatus: 404, async run({ page, step }) { await step('open', () => page.goto('/status/404')); } });
    assert(result.status).toBe('passed');
    assert(result.navigations.map((n) => n.status)).toEqual([404]);
    assert(result.pageErrors.failedRequests).toBe(0);
    const wall = await run({ name: 'login wall', expectedStatus: [200, 401], run: async ({ page }) => { await page.goto('/basic-auth'); await page.goto('/'); } });
    assert(wall.status).toBe('passed');
    assert(wall.navigations.map((n) => n.status)).toEqual([401, 200]);
  });

  it('fails a main document answering a status not in expectedStatus, saying what was expected', async () => {
    const inStep = await run({ name: 'expected 404 got 200', expectedStatus: 404, async run({ page, step }) { await step('open', () => page.goto('/status/200')); } });
    assert(inStep.status).toBe('failed');
    assert(inStep.error).toMatchObject({ name: 'HttpStatusError', class: 'network', step: 'open' });
    assert(inStep.error!.message).toMatch(/\/status\/200 answered HTTP 200, expected 404 \(expectedStatus\)$/);
    const outside = await run({ name: 'outside a step', expectedStatus: [401, 404], async run({ page }) { await page.goto('/status/500'); } });
    assert(outside.error!.message).toMatch(/answered HTTP 500, expected 401 or 404 \(expectedStatus\)$/);
  });

  // A self-signed certificate made for this test (openssl, a few ms); without openssl the test is skipped.
  const openssl = (() => {
    try {
      execFileSync('openssl', ['version'], { stdio: 'ignore' });
      return true;
    } catch {
      return false;
    }
  })();
  it.skipIf(!openssl)('accepts a self-signed certificate with ignoreHTTPSErrors, and fails with class network without it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mimamori-tls-'));
    let server: https.Server | undefined;
    try {
      execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '1',
        '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem'), '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1'], { stdio: 'ignore' });
      server = https.createServer({ key: readFileSync(join(dir, 'key.pem')), cert: readFileSync(join(dir, 'cert.pem')) }, (_req, res) => {
        res.writeHead(200, { 'content-type': 'text/html' });
        res.end('<!doctype html><title>TLS</title><h1>Self-signed</h1>');
      });
      await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
      const url = `https://127.0.0.1:${(server.address() as AddressInfo).port}/`;
      const open = (async ({ page, step }) => {
        await step('open', async () => {
          await page.goto(url);
          await expect(page.getByRole('heading', { name: 'Self-signed' })).toBeVisible();
        });
      }) satisfies CheckDefinition['run'];
      const ignored = await run({ name: 'tls ignored', ignoreHTTPSErrors: true, run: open });
      assert(ignored.status).toBe('passed');
      const strict = await run({ name: 'tls strict', run: open });
      assert(strict.status).toBe('failed');
      assert(strict.error).toMatchObject({ class: 'network', step: 'open' });
      assert(strict.error!.message).toMatch(/ERR_CERT/);
    } finally {
      server?.closeAllConnections();
      server?.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('the monitor itself broken', () => {
  it('gives every check a failed result of class runner when Chromium cannot start', async () => {
    const previous = process.env.MIMAMORI_CHROMIUM;
    process.env.MIMAMORI_CHROMIUM = '/nonexistent/chrome';
    try {
      const own = browserProvider();
      const { results } = await runChecks(
        [makeCheck({ name: 'a', async run() {} }, site.url), makeCheck({ name: 'b', async run() {} }, site.url)],
        { workers: 2, runner: inProcess(own) },
      );
      assert(results.map((r) => [r.name, r.status, r.error?.class])).toEqual([['a', 'failed', 'runner'], ['b', 'failed', 'runner']]);
      assert(results[0].error!.message).toContain('MIMAMORI_CHROMIUM');
    } finally {
      if (previous === undefined) delete process.env.MIMAMORI_CHROMIUM;
      else process.env.MIMAMORI_CHROMIUM = previous;
    }
  });
});
