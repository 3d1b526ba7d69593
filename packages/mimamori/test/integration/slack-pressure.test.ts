// Slack under pressure: many failing checks in one run against a Slack that allows one post per second per channel
// and answers 429 + Retry-After beyond that. The real SlackNotifier and WebClient, through the after-run pipeline:
// posts are paced, 429s honoured, screenshots given up first, and what does not fit is folded into one message.
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startFakeSlack, type FakeSlack, type FakeSlackOptions } from '../fixtures/fake-slack.ts';
import { pngBytes, sampleRun } from '../unit/fixtures/run-result.ts';
import { afterRun, type AfterRunOptions } from '../../src/pipeline/after-run.ts';
import { LocalStore } from '../../src/store/local-store.ts';
import { SlackNotifier } from '../../src/notify/slack-notifier.ts';
import type { CheckResult, RunResult } from '../../src/result/types.ts';
import type { CheckState } from '../../src/policy/check-state.ts';

const TOKEN = 'xoxb-pressure-test';
const SLACK_LIMIT = { perSecond: 1 };
let scratch: string;
const fakes: FakeSlack[] = [];

beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'mimamori-pressure-'));
});
afterEach(async () => {
  await Promise.all(fakes.splice(0).map((f) => f.close()));
});

async function fakeSlack(options: FakeSlackOptions = {}): Promise<FakeSlack> {
  const slack = await startFakeSlack({ token: TOKEN, ...options });
  fakes.push(slack);
  return slack;
}

/** `n` failing checks, each with its failure screenshot, as one run. */
/** `n` failing checks in one run; `runId` names the run (a run id the state already holds would be a repeated delivery). */
function failingRun(n: number, prefix = 'check', runId = prefix.slice(0, 6).padEnd(6, 'x')): RunResult {
  const template = sampleRun().results.find((r) => r.status === 'failed')!;
  const results = Array.from({ length: n }, (_, i): CheckResult => ({
    ...structuredClone(template),
    name: `${prefix} ${String(i + 1).padStart(2, '0')}`,
    screenshots: [{ file: '02-failure.png', step: 'add to cart', kind: 'failure', attempt: 1, width: 1, height: 1, bytes: pngBytes() }],
  }));
  return { runId: `20250115T093000Z-${runId}`, startedAt: results[0]!.startedAt, durationMs: 1, results, diagnostics: [] };
}

/** Every check of the run alerts on its first failure (the state stays in the folder). */
function pipeline(slack: FakeSlack, folder: string, budgetMs: number, run: RunResult): AfterRunOptions {
  const settings = { token: TOKEN, apiUrl: slack.url, channel: 'C0ALERTS', timeZone: 'UTC' };
  const policy = { alerts: { notify: 'problems', alertAfter: 1, remindEvery: 5 } as const, usual: false as const };
  return {
    stores: { local: new LocalStore(join(scratch, folder)) },
    policies: new Map(run.results.map((r) => [r.name, policy])),
    notifier: new SlackNotifier(settings),
    timeZone: 'UTC',
    budgetMs,
  };
}

const stateOf = async (folder: string, check: string) =>
  JSON.parse(await readFile(join(scratch, folder, 'state', `${encodeURIComponent(check)}.json`), 'utf8')) as CheckState;

describe('Slack allowing one post per second per channel', () => {
  it('delivers every one of 32 failing checks, on its own or folded into one message, within a small budget', async () => {
    const slack = await fakeSlack({ rateLimit: SLACK_LIMIT });
    const run = failingRun(32);
    // 32 posts at one a second cannot fit in 10 s, so some must be folded; 10 s rather than 4 leaves half of it for
    // storing 32 runs' evidence even on a busy machine (with 4 s, storing once took Slack's share: 3 of 32 delivered).
    await afterRun(run, pipeline(slack, 'thirty-two', 10_000, run));

    const own = run.results.filter((r) => r.notification!.ts);
    const folded = run.results.filter((r) => r.notification!.folded);
    expect(own.length + folded.length).toBe(32);
    expect(own.length).toBeGreaterThanOrEqual(1);
    expect(folded.length).toBeGreaterThan(0);
    expect(run.results.filter((r) => r.notification!.error)).toEqual([]);
    // Everything Slack accepted is in the channel: each check's own message, and one fold naming all the others.
    const posted = slack.messages.filter((m) => m.text);
    for (const r of own) expect(posted.find((m) => m.ts === r.notification!.ts)!.text).toContain(`${r.name} FAILED`);
    const fold = posted.find((m) => m.ts === folded[0]!.notification!.folded!.ts)!;
    expect(folded.every((r) => r.notification!.folded!.ts === fold.ts)).toBe(true);
    expect(fold.text).toMatch(new RegExp(`^${folded.length} checks in one message`));
    const listing = JSON.stringify(fold.attachments);
    for (const r of folded) {
      // Status, failing step and the first line of the error, for each check the fold stands for.
      expect(listing).toContain(`:red_circle: ${r.name} FAILED — add to cart: expect(locator).toBeVisible() failed`);
    }
    // Screenshots gave way first, and say so.
    expect(run.results.every((r) => r.notification!.imageSkipped)).toBe(true);
    expect(slack.files).toEqual([]);
    // A folded check's incident has no thread yet: its next alert will start one.
    expect((await stateOf('thirty-two', folded[0]!.name)).incident).toMatchObject({ failures: 1 });
    expect((await stateOf('thirty-two', folded[0]!.name)).incident!.thread).toBeUndefined();
    expect((await stateOf('thirty-two', own[0]!.name)).incident!.thread).toMatchObject({ notifier: 'slack', ref: { ts: own[0]!.notification!.ts } });
  });

  it('paces a few alerts so that Slack never has to refuse one, each with its screenshot', async () => {
    const slack = await fakeSlack({ rateLimit: SLACK_LIMIT });
    const run = failingRun(3, 'paced');
    await afterRun(run, pipeline(slack, 'paced', 20_000, run));
    expect(run.results.map((r) => [Boolean(r.notification!.ts), r.notification!.error, r.notification!.imageSkipped])).toEqual(Array(3).fill([true, undefined, undefined]));
    expect(slack.files).toHaveLength(3);
    expect(slack.calls.filter((c) => c.status === 429)).toEqual([]);
  });

  it('keeps the screenshot of a lone failure among many passing checks', async () => {
    const slack = await fakeSlack({ rateLimit: SLACK_LIMIT });
    const run = failingRun(25, 'lone');
    for (const r of run.results.slice(1)) Object.assign(r, { status: 'passed', error: undefined });
    await afterRun(run, pipeline(slack, 'lone', 10_000, run));
    expect(run.results[0]!.notification).toMatchObject({ action: 'open', ts: expect.any(String) });
    expect(run.results[0]!.notification!.imageSkipped).toBeUndefined();
    expect(slack.files).toHaveLength(1);
  });

  it("a folded check's next failure posts on its own and becomes its incident's thread", async () => {
    const slack = await fakeSlack({ rateLimit: SLACK_LIMIT });
    const first = failingRun(4, 'later');
    await afterRun(first, pipeline(slack, 'later', 1_800, first));
    const folded = first.results.find((r) => r.notification!.folded);
    expect(folded, 'with 1.8 s for 4 alerts at one post a second, some are folded').toBeDefined();
    const next = failingRun(4, 'later', 'next01');
    const again = next.results.find((r) => r.name === folded!.name)!;
    await afterRun({ ...next, results: [again] }, pipeline(slack, 'later', 10_000, next));
    expect(again.notification, JSON.stringify(again.notification)).toMatchObject({ action: 'reply' });
    expect(again.notification!.threadTs).toBeUndefined();
    expect((await stateOf('later', again.name)).incident).toMatchObject({ thread: { notifier: 'slack', ref: { ts: again.notification!.ts } }, failures: 2 });
  });
});

describe('Slack asking to wait past the deadline', () => {
  it('records every alert as not sent, with the Retry-After, and finishes', async () => {
    // One post per 10 s in the channel, and a 30 s Retry-After beyond it (Slack says 30 s or more when it is busy).
    const slack = await fakeSlack({ rateLimit: { perSecond: 0.1, retryAfterSeconds: 30 } });
    const run = failingRun(3, 'blocked');
    await afterRun(run, pipeline(slack, 'blocked', 2_000, run));
    const sent = run.results.filter((r) => r.notification!.ts || r.notification!.folded);
    const refused = run.results.filter((r) => !r.notification!.ts && !r.notification!.folded);
    // The first post fits; the rest wait for a Retry-After past the deadline, and say so.
    expect(sent).toHaveLength(1);
    for (const r of refused) expect(r.notification!.error!.message).toBe('Slack message not sent: Slack rate-limited C0ALERTS (retry after 30 s) past the after-run deadline');
  });
});
