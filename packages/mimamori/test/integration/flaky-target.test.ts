// Flake suppression in real Chromium: a check with no options set against a fixture page that fails at random
// (seeded) stays quiet in Slack; the same page hard down opens one incident on its second failing run, and one
// recovery closes it. Real retries (their backoff recorded, not slept), real policy and state, the real Slack client
// against the fake Slack. Which requests fail is seeded, and nothing here waits on the clock: it holds on a busy machine.
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect as assert, it } from 'vitest';
import { expect } from 'playwright/test';
import type { Page } from 'playwright-core';
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

/**
 * Opens the unreliable page. A 503 fails the step by its status (the runner checks the main document's), so only a page
 * that came is looked at — with Playwright's own timeout: a short one made a slow render on a busy machine a "flake".
 */
async function openUnreliable(page: Page): Promise<void> {
  const response = await page.goto('/unreliable?rate=0.2&seed=7');
  if (response?.ok()) await expect(page.getByRole('heading', { name: 'Reliable enough' })).toBeVisible();
}

/** No retries, alertAfter or budget set: the defaults are what is tested. */
const check = resolveCheck({
  name: 'unreliable shop',
  async run({ page, step }) {
    await step('open', () => openUnreliable(page));
    await step('open again', () => openUnreliable(page));
  },
}, 'checks/unreliable.check.ts', {}, '');

/** The backoffs the retries asked for, in order: recorded instead of slept. */
const waits: number[] = [];
const recordWait = async (ms: number) => void waits.push(ms);

async function scheduledRun(): Promise<CheckResult> {
  const result = (await runCheck(inProcess(browsers), { ...check, baseURL: site.url }, { wait: recordWait }))!;
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
    waits.length = 0;
    const first = await scheduledRun();
    assert(first.status).toBe('failed');
    assert(first.attempts).toBe(3);
    assert(waits).toEqual([1_000, 2_000]); // the default backoff before each retry
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
