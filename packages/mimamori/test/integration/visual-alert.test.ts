// The visual hook through after-run and the fake Slack: the first run records the baseline (no verdict), a changed
// picture makes the run degraded before it is judged, its diff is stored beside the screenshots, and the alert says
// the ratio and uploads now, baseline and diff in one upload.
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeSlack, type FakeSlack } from '../fixtures/fake-slack.ts';
import { checkResult } from '../helpers/check-result.ts';
import { afterRun, type AfterRunOptions } from '../../src/pipeline/after-run.ts';
import { LocalStore } from '../../src/store/local-store.ts';
import { SlackNotifier } from '../../src/notify/slack-notifier.ts';
import { DEFAULT_USUAL_RULE } from '../../src/policy/usual.ts';
import { DEFAULT_VISUAL } from '../../src/check/resolve.ts';
import type { CheckResult, RunResult } from '../../src/result/types.ts';

const TOKEN = 'xoxb-0000-visual-token';
let slack: FakeSlack;
let scratch: string;

beforeAll(async () => {
  slack = await startFakeSlack({ token: TOKEN });
  scratch = await mkdtemp(join(tmpdir(), 'mimamori-visual-alert-'));
});
afterAll(async () => {
  await slack?.close();
});

/** A 100×50 white picture with a black block of `blockWidth` × 10 pixels (500 px = 10 %). */
function picture(blockWidth: number): Buffer {
  const image = new PNG({ width: 100, height: 50 });
  image.data.fill(255);
  for (let y = 0; y < 10; y++) {
    for (let x = 0; x < blockWidth; x++) {
      const i = (y * 100 + x) * 4;
      image.data[i] = image.data[i + 1] = image.data[i + 2] = 0;
    }
  }
  return PNG.sync.write(image);
}

let clock = Date.UTC(2026, 10, 29, 7, 0, 0);
function result(bytes: Buffer): CheckResult {
  clock += 5 * 60_000;
  return checkResult({
    name: 'landing', startedAt: clock, navigations: [{ url: 'http://shop.test/', status: 200, startedAt: clock }],
    steps: [{ name: 'open', status: 'passed', durationMs: 800, budget: {} }],
    screenshots: [{ file: 'final.png', kind: 'final', attempt: 1, width: 100, height: 50, bytes }],
  });
}

function pipeline(folder: string, extra: Partial<AfterRunOptions> = {}): AfterRunOptions {
  return {
    stores: { local: new LocalStore(join(scratch, folder)) },
    policies: new Map([['landing', { alerts: { notify: 'problems', alertAfter: 1, remindEvery: 5 }, usual: DEFAULT_USUAL_RULE }]]),
    notifier: new SlackNotifier({ token: TOKEN, apiUrl: slack.url, timeZone: 'UTC', channel: 'alerts' }),
    visual: new Map([['landing', DEFAULT_VISUAL]]),
    ...extra,
  };
}

async function runOnce(r: CheckResult, options: AfterRunOptions): Promise<CheckResult> {
  const run: RunResult = { runId: `20261129T${String(r.startedAt).slice(-6)}Z-bbbbbb`, startedAt: r.startedAt, durationMs: 1, results: [r], diagnostics: [] };
  await afterRun(run, options);
  return r;
}

const uploadsSince = (from: number) => slack.calls.slice(from).filter((c) => c.method === 'files.completeUploadExternal')
  .map((c) => (JSON.parse(c.params.files!) as { title?: string }[]).map((f) => f.title));
const messagesSince = (from: number) => slack.calls.slice(from).filter((c) => c.method === 'chat.postMessage');

describe('a visual change through after-run and Slack', () => {
  it('records the baseline first, then a change above the limit is degraded with now, baseline and diff in one upload', async () => {
    const options = pipeline('change');
    const first = await runOnce(result(picture(10)), options);
    expect(first.status).toBe('passed');
    expect(first.visual).toMatchObject([{ name: 'final', baseline: 'baselines/landing/final.png', recorded: true, changed: false }]);
    expect((await readFile(join(scratch, 'change', 'baselines', 'landing', 'final.png'))).equals(picture(10))).toBe(true);

    const calls = slack.calls.length;
    // 20 more columns of 10 pixels: 200 of 5000 pixels, 4 %.
    const changed = await runOnce(result(picture(30)), options);
    expect(changed.status).toBe('degraded');
    expect(changed.visual![0]).toMatchObject({ changed: true, diffRatio: 0.04, limit: 0.01 });
    expect(changed.notification?.action).toBe('post');
    const diff = changed.visual![0]!.diff!;
    expect(diff.file).toBe('final-visual-diff.png');
    expect(diff.path).toBe(`${changed.storage!.folder}final-visual-diff.png`);
    expect((await readFile(join(scratch, 'change', diff.path!))).subarray(1, 4).toString()).toBe('PNG');
    const stored = JSON.parse(await readFile(join(scratch, 'change', changed.storage!.folder, 'result.json'), 'utf8')) as CheckResult;
    expect(stored.visual![0]).toMatchObject({ diffRatio: 0.04, changed: true, diff: { file: 'final-visual-diff.png', path: diff.path } });
    expect(stored.visual![0]!.bytes).toBeUndefined();

    const [message] = messagesSince(calls);
    expect(message!.params.attachments).toContain('visual change: 4 % of pixels differ from the baseline (limit 1 %)');
    expect(uploadsSince(calls)).toEqual([['now · final', 'baseline · final', 'diff · 4 %']]);
  });

  it('a change under the limit leaves the run passed; --update-baselines records without a verdict', async () => {
    const options = pipeline('small');
    await runOnce(result(picture(10)), options);
    // 2 columns more: 20 of 5000 pixels, 0.4 % (under 1 %).
    const small = await runOnce(result(picture(12)), options);
    expect(small.status).toBe('passed');
    expect(small.visual![0]).toMatchObject({ changed: false, diffRatio: 0.004 });

    const updated = await runOnce(result(picture(40)), { ...options, updateBaselines: true });
    expect(updated.status).toBe('passed');
    expect(updated.visual![0]).toMatchObject({ recorded: true, changed: false });
    const same = await runOnce(result(picture(40)), options);
    expect(same.visual![0]).toMatchObject({ changed: false, diffRatio: 0 });
  });

  it('a failed run is not compared (its picture shows the failure)', async () => {
    const options = pipeline('failed');
    const r = result(picture(10));
    r.status = 'failed';
    r.error = { name: 'Error', message: 'boom', class: 'assertion' };
    await runOnce(r, options);
    expect(r.visual).toBeUndefined();
  });
});
