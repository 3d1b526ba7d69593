// Flake suppression in real Chromium: a check with no options set against a fixture page that fails at random
// (seeded) stays quiet in Slack; the same page hard down opens one incident on its second failing run, and one
// recovery closes it. Real retries and backoff, real policy and state, the real Slack client against the fake Slack.
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect as assert, it } from 'vitest';
import { expect } from 'playwright/test';
import { startFixtureSite, type FixtureSite } from '../fixtures/site.ts';
import { startFakeSlack, type FakeSlack } from '../fixtures/fake-slack.ts';
import { browserProvider, type BrowserProvider } from '../../src/runner/browser-provider.ts';
import { inProcess } from '../../src/runner/in-process.ts';
import { runCheck } from '../../src/runner/run-check.ts';
import { resolveCheck } from '../../src/check/resolve.ts';
import { afterRun } from '../../src/pipeline/after-run.ts';
import { LocalStore } from '../../src/store/local-store.ts';
import { SlackNotifier } from '../../src/notify/slack-notifier.ts';
import { newRunId } from '../../src/result/run-id.ts';
import type { CheckResult } from '../../src/result/types.ts';

const TOKEN = 'xoxb-flaky-target';
let site: FixtureSite;
let slack: FakeSlack;
let browsers: BrowserProvider;
let out: string;

beforeAll(async () => {
  [site, slack] = await Promise.all([startFixtureSite(), startFakeSlack({ token: TOKEN })]);
  browsers = browserProvider();
  out = await mkdtemp(join(tmpdir(), 'mimamori-flaky-'));
});
afterAll(async () => {
  await browsers?.close();
  await Promise.all([site?.close(), slack?.close()]);
});

/** No retries, alertAfter or budget set: the defaults are what is tested. */
const check = resolveCheck({
  name: 'unreliable shop',
  async run({ page, step }) {
    await step('open', async () => {
      await page.goto('/unreliable?rate=0.2&seed=7');
      // A 503 page is there at once: no need to wait Playwright's 5 s for a heading that will not come.
      await expect(page.getByRole('heading', { name: 'Reliable enough' })).toBeVisible({ timeout: 500 });
    });
    await step('open again', async () => {
      await page.goto('/unreliable?rate=0.2&seed=7');
      await expect(page.getByRole('heading', { name: 'Reliable enough' })).toBeVisible({ timeout: 500 });
    });
  },
}, 'checks/unreliable.check.ts', {}, '');

async function scheduledRun(): Promise<CheckResult> {
  const result = (await runCheck(inProcess(browsers), { ...check, baseURL: site.url }))!;
  const run = { runId: newRunId(result.startedAt), startedAt: result.startedAt, durationMs: result.durationMs, results: [result], diagnostics: [] };
  await afterRun(run, {
    stores: { local: new LocalStore(out) },
    policies: new Map([[check.name, { alerts: check.alerts, usual: check.slowerThanUsual }]]),
    notifier: new SlackNotifier({ token: TOKEN, apiUrl: slack.url, channel: 'alerts', timeZone: 'UTC' }),
  });
  return result;
}

describe('a flaky target, then an outage, in real Chromium with the default settings', () => {
  it('stays quiet through flakes, opens one incident on the second failing run, and recovers once', async () => {
    const flaky: CheckResult[] = [];
    for (let i = 0; i < 8; i++) flaky.push(await scheduledRun());
    // The target did fail (20 % per request, two requests a journey), and retries absorbed it.
    assert(flaky.some((r) => r.attempts > 1)).toBe(true);
    assert(slack.messages).toEqual([]);

    await fetch(`${site.url}/unreliable/set?rate=1`);
    const first = await scheduledRun();
    assert(first.status).toBe('failed');
    assert(first.attempts).toBe(3);
    assert(first.notification?.action).toBe('none');
    const second = await scheduledRun();
    assert(second.notification?.action).toBe('open');

    await fetch(`${site.url}/unreliable/set?rate=`);
    const back = await scheduledRun();
    assert(back.notification?.action).toBe('recover');

    const parents = slack.messages.filter((m) => !m.thread_ts && !m.files);
    assert(parents).toHaveLength(1);
    assert(slack.messages.filter((m) => m.thread_ts && !m.files)).toHaveLength(1);
    assert(slack.updates).toHaveLength(1);
  }, 120_000);
});
