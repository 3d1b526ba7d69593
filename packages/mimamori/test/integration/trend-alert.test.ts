// A degraded alert carries its trend chart: after-run draws it with a real worker's Chromium (WorkerPool.render) and
// the screenshot, the last good one and the chart go to Slack (the fake, through the real WebClient) in one upload.
// A failed run gets none; a chart that fails or hangs never holds the alert back.
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeSlack, type FakeSlack } from '../fixtures/fake-slack.ts';
import { cartResult, cartScreenshot } from '../helpers/check-result.ts';
import { afterRun, type AfterRunOptions, mayDrawChart } from '../../src/pipeline/after-run.ts';
import { LocalStore } from '../../src/store/local-store.ts';
import { SlackNotifier } from '../../src/notify/slack-notifier.ts';
import { DEFAULT_USUAL_RULE } from '../../src/policy/usual.ts';
import { WorkerPool } from '../../src/runner/worker-pool.ts';
import type { CheckResult, CheckStatus, RunResult } from '../../src/result/types.ts';
import { decodePng } from '../helpers/png.ts';
import { workerScript } from '../helpers/worker-script.ts';

const TOKEN = 'xoxb-0000-trend-token';
let slack: FakeSlack;
let scratch: string;
let pool: WorkerPool;

beforeAll(async () => {
  slack = await startFakeSlack({ token: TOKEN });
  scratch = await mkdtemp(join(tmpdir(), 'mimamori-trend-'));
  pool = new WorkerPool({ script: await workerScript(), size: 1 });
});
afterAll(async () => {
  await pool?.close();
  await slack?.close();
});

function png(seed: number): Buffer {
  const image = new PNG({ width: 64, height: 48 });
  for (let i = 0; i < image.data.length; i++) image.data[i] = (i * seed) % 251;
  return PNG.sync.write(image);
}

let clock = Date.UTC(2026, 10, 29, 7, 0, 0);
/** The cart run taking `durationMs`, its one step 100 ms less. */
function result(status: CheckStatus, durationMs: number): CheckResult {
  clock += 5 * 60_000;
  const r = cartResult('checkout', status, { startedAt: clock, durationMs, attempts: 1, screenshots: [cartScreenshot(status, { bytes: png(clock % 97) })] });
  return { ...r, steps: [{ ...r.steps[0]!, durationMs: durationMs - 100 }] };
}

function pipeline(folder: string, renderChart: AfterRunOptions['renderChart']): AfterRunOptions {
  const settings = { token: TOKEN, apiUrl: slack.url, timeZone: 'Asia/Tokyo', channel: 'alerts' };
  const alerts = { notify: 'problems', alertAfter: 1, remindEvery: 5 } as const;
  return {
    stores: { local: new LocalStore(join(scratch, folder)) },
    policies: new Map([['checkout', { alerts, usual: DEFAULT_USUAL_RULE }]]),
    notifier: new SlackNotifier(settings),
    timeZone: 'Asia/Tokyo',
    renderChart,
  };
}

async function runOnce(r: CheckResult, options: AfterRunOptions): Promise<CheckResult> {
  const run: RunResult = { runId: `20261129T${String(r.startedAt).slice(-6)}Z-aaaaaa`, startedAt: r.startedAt, durationMs: 1, results: [r], diagnostics: [] };
  await afterRun(run, options);
  return r;
}

/** The completeUploadExternal calls since `from`: one per upload, with the titles of its files. */
const uploadsSince = (from: number) => slack.calls.slice(from).filter((c) => c.method === 'files.completeUploadExternal')
  .map((c) => (JSON.parse(c.params.files!) as { title?: string }[]).map((f) => f.title));

describe('the trend chart in a degraded alert', () => {
  it('a degraded run uploads its screenshot, the last good one and the chart in one upload; a failed run gets no chart', async () => {
    const renders: number[] = [];
    const options = pipeline('degraded', async (html, size) => {
      renders.push(Date.now());
      return pool.render(html, size);
    });
    for (let i = 0; i < 5; i++) expect((await runOnce(result('passed', 900 + i * 20), options)).notification!.action).toBe('none');
    expect(renders).toEqual([]); // passing runs draw nothing

    let messages = slack.messages.length;
    let calls = slack.calls.length;
    const degraded = await runOnce(result('degraded', 3_600), options);
    expect(degraded.notification).toMatchObject({ action: 'post', reason: 'newly degraded' });
    expect(degraded.notification!.error ?? degraded.notification!.imageError ?? degraded.trendChart?.error).toBeUndefined();
    expect(renders).toHaveLength(1);
    expect(uploadsSince(calls)).toEqual([[
      expect.stringMatching(/^now · final · degraded$/), expect.stringMatching(/^last good · final · /), 'response times · last 6 runs',
    ]]);
    const share = slack.messages.slice(messages).find((m) => m.files)!;
    const chart = decodePng(share.files![2].bytes!);
    expect([chart.width, chart.height]).toEqual([600, 240]);
    let blue = 0;
    for (let i = 0; i < chart.data.length; i += 4) if (Math.abs(chart.data[i]! - 0x09) < 30 && Math.abs(chart.data[i + 1]! - 0x69) < 30 && Math.abs(chart.data[i + 2]! - 0xda) < 30) blue++;
    expect(blue).toBeGreaterThan(150);
    // The stored result says a chart went out (its bytes are never serialised).
    expect(degraded.trendChart).toMatchObject({ runs: 6 });

    messages = slack.messages.length;
    calls = slack.calls.length;
    const failed = await runOnce(result('failed', 4_200), options);
    expect(failed.notification!.action).toBe('open');
    expect(failed.trendChart).toBeUndefined();
    expect(renders).toHaveLength(1);
    const titles = uploadsSince(calls);
    expect(titles).toHaveLength(1);
    expect(titles[0]!.some((t) => t?.startsWith('response times'))).toBe(false);
    expect(slack.messages.length).toBeGreaterThan(messages);
    // What the CLI's early close of the workers relies on (src/cli/main.ts): only a degraded result may draw a chart.
    expect([degraded, failed, result('passed', 900)].map(mayDrawChart)).toEqual([true, false, false]);
  });

  it('a chart that fails or hangs never holds the alert back: recorded, and the screenshots go alone', async () => {
    const failing = pipeline('broken', () => Promise.reject(new Error('Chromium is gone')));
    await runOnce(result('passed', 900), failing);
    let calls = slack.calls.length;
    const broken = await runOnce(result('degraded', 3_600), failing);
    expect(broken.notification).toMatchObject({ action: 'post' });
    expect(broken.notification!.imageError).toBeUndefined();
    expect(broken.trendChart).toMatchObject({ runs: 2, error: { message: 'Chromium is gone' } });
    expect(uploadsSince(calls)).toEqual([[expect.stringMatching(/^now · final · degraded$/), expect.stringMatching(/^last good/)]]);

    const hanging = pipeline('hanging', () => new Promise<Buffer>(() => {}));
    await runOnce(result('passed', 900), hanging);
    calls = slack.calls.length;
    // A chart that never answers would hold this run until the test's own timeout: finishing at all is the proof.
    const slow = await runOnce(result('degraded', 3_600), hanging);
    expect(slow.notification).toMatchObject({ action: 'post' });
    expect(slow.trendChart!.error).toMatchObject({ name: 'TimeoutError', message: expect.stringMatching(/took over 4000 ms/) });
    expect(uploadsSince(calls)).toHaveLength(1);
  });
});
