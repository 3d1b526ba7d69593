// A stored baseline that is not a readable PNG (empty, cut short, damaged) is never taken for "unchanged": this run's
// picture replaces it (recorded, with why; no diff ratio, since nothing was compared) and the run's warnings say so —
// in the console summary, the HTML report and a Slack alert. A baseline that cannot be fetched is left as it is.
import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GetObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeS3, type FakeS3, useS3Credentials } from '../fixtures/s3.ts';
import { startFixtureSite, type FixtureSite } from '../fixtures/site.ts';
import { startFakeSlack } from '../fixtures/fake-slack.ts';
import { checkResult } from '../helpers/check-result.ts';
import { afterRun } from '../../src/pipeline/after-run.ts';
import { SlackNotifier } from '../../src/notify/slack-notifier.ts';
import { DEFAULT_USUAL_RULE } from '../../src/policy/usual.ts';
import { runCli } from '../helpers/cli.ts';
import { checkVisual } from '../../src/pipeline/visual.ts';
import { LocalStore } from '../../src/store/local-store.ts';
import { openS3Store } from '../../src/store/s3-store.ts';
import { s3Settings } from '../../src/store/settings.ts';
import { DEFAULT_VISUAL } from '../../src/check/resolve.ts';
import type { CheckResult, RunResult } from '../../src/result/types.ts';

let scratch: string;
beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'mimamori-visual-unreadable-'));
});

/** A 60×40 picture with a black block `width` pixels wide. */
function picture(width: number): Buffer {
  const image = new PNG({ width: 60, height: 40 });
  image.data.fill(255);
  for (let y = 0; y < 10; y++) for (let x = 0; x < width; x++) image.data.fill(0, (y * 60 + x) * 4, (y * 60 + x) * 4 + 3);
  return PNG.sync.write(image);
}

/** The three ways a stored baseline goes bad: an empty object, a copy cut short, bytes overwritten inside. */
const BAD: [string, (png: Buffer) => Buffer, RegExp][] = [
  ['empty', () => Buffer.alloc(0), /^empty \(0 bytes\)$/],
  ['truncated', (png) => png.subarray(0, Math.floor(png.length / 2)), /^truncated \(\d+ bytes, no end chunk\)$/],
  ['damaged', (png) => {
    const bad = Buffer.from(png);
    // Past the signature and the header chunk: the file still starts as a PNG and ends with IEND.
    for (let i = 40; i < bad.length - 20; i += 7) bad[i]! ^= 0x5a;
    return bad;
  }, /^damaged \(\d+ bytes: .+\)$/],
];

function result(name: string, bytes: Buffer): CheckResult {
  return checkResult({
    name, startedAt: Date.UTC(2026, 11, 6, 7), steps: [{ name: 'open', status: 'passed', durationMs: 800, budget: {} }],
    screenshots: [{ file: 'final.png', kind: 'final', attempt: 1, width: 60, height: 40, bytes }],
  });
}

describe('an unreadable baseline in the local store', () => {
  it.each(BAD)('%s: re-recorded from this run, said in the warnings, never "unchanged"', async (kind, spoil, why) => {
    const store = new LocalStore(join(scratch, kind));
    const now = picture(30);
    await mkdir(join(scratch, kind, 'baselines', 'landing'), { recursive: true });
    await writeFile(join(scratch, kind, 'baselines', 'landing', 'final.png'), spoil(picture(10)));

    const r = result('landing', now);
    await checkVisual(r, DEFAULT_VISUAL, store, { runId: 'run-1' });
    const [c] = r.visual!;
    expect(c).toMatchObject({ name: 'final', recorded: true, changed: false, unreadable: expect.stringMatching(why) });
    expect(c!.diffRatio).toBeUndefined();
    expect(c!.error).toBeUndefined();
    expect(r.status).toBe('passed');
    expect(r.warnings).toEqual([
      `visual: the baseline 'final' (baselines/landing/final.png) was unreadable (${c!.unreadable}) and was re-recorded from this run's picture, which was not compared; if that picture is wrong, fix the page and run with --update-baselines`,
    ]);
    expect((await readFile(join(scratch, kind, 'baselines', 'landing', 'final.png'))).equals(now)).toBe(true);

    // The next run compares with the new baseline.
    const next = result('landing', now);
    await checkVisual(next, DEFAULT_VISUAL, store, { runId: 'run-2' });
    expect(next.visual![0]).toMatchObject({ changed: false, diffRatio: 0 });
    expect(next.visual![0]!.recorded).toBeUndefined();
    expect(next.warnings).toBeUndefined();
  });

  it('a baseline that cannot be read at all is not compared, not replaced, and said in the warnings', async () => {
    const store = new LocalStore(join(scratch, 'unfetchable'));
    // A folder where the file should be: reading it fails (EISDIR), which says nothing about the picture.
    await mkdir(join(scratch, 'unfetchable', 'baselines', 'landing', 'final.png'), { recursive: true });
    const r = result('landing', picture(30));
    await checkVisual(r, DEFAULT_VISUAL, store, { runId: 'run-1' });
    const [c] = r.visual!;
    expect(c).toMatchObject({ changed: false, error: { message: expect.stringMatching(/EISDIR/) } });
    expect(c!.diffRatio).toBeUndefined();
    expect(c!.recorded).toBeUndefined();
    expect(r.warnings).toEqual([expect.stringMatching(/^visual: 'final' was not compared with its baseline \(baselines\/landing\/final\.png\): .*EISDIR/)]);
  });
});

describe('an unreadable baseline in a run that alerts', () => {
  it('puts the warning in the Slack alert', async () => {
    const TOKEN = 'xoxb-0000-visual-unreadable';
    const slack = await startFakeSlack({ token: TOKEN });
    try {
      const folder = join(scratch, 'slack');
      await mkdir(join(folder, 'baselines', 'landing'), { recursive: true });
      await writeFile(join(folder, 'baselines', 'landing', 'final.png'), Buffer.alloc(0));
      // Degraded for another reason (a slow step): the run alerts, and its alert carries the baseline's warning.
      const r = { ...result('landing', picture(30)), status: 'degraded' as const };
      const run: RunResult = { runId: '20261206T070000Z-aaaaaa', startedAt: r.startedAt, durationMs: 1, results: [r], diagnostics: [] };
      await afterRun(run, {
        stores: { local: new LocalStore(folder) },
        policies: new Map([['landing', { alerts: { notify: 'problems', alertAfter: 1, remindEvery: 5 }, usual: DEFAULT_USUAL_RULE }]]),
        notifier: new SlackNotifier({ token: TOKEN, apiUrl: slack.url, timeZone: 'UTC', channel: 'alerts' }),
        visual: new Map([['landing', DEFAULT_VISUAL]]),
      });
      expect(r.notification?.action).toBe('post');
      const [message] = slack.calls.filter((c) => c.method === 'chat.postMessage');
      expect(message!.params.attachments).toContain(":warning: visual: the baseline 'final' (baselines/landing/final.png) was unreadable (empty (0 bytes)) and was re-recorded");
    } finally {
      await slack.close();
    }
  });
});

describe('an unreadable baseline in S3', () => {
  let s3: FakeS3;
  const savedEnv = { ...process.env };
  beforeAll(async () => {
    s3 = await startFakeS3();
    // The SDK reads credentials and region the standard way, from the environment.
    useS3Credentials(s3);
  });
  afterAll(async () => {
    process.env = savedEnv;
    await s3?.close();
  });

  it('is replaced by this run\'s picture, and the warning says so', async () => {
    const store = await openS3Store(s3Settings({}, { ...s3.env, MIMAMORI_S3_PREFIX: 'prod' })!);
    const Key = 'prod/baselines/landing/final.png';
    await store.client.send(new PutObjectCommand({ Bucket: s3.bucket, Key, Body: picture(10).subarray(0, 100), ContentType: 'image/png' }));
    const now = picture(30);
    const r = result('landing', now);
    await checkVisual(r, DEFAULT_VISUAL, store, { runId: 'run-1' });
    expect(r.visual![0]).toMatchObject({ recorded: true, unreadable: 'truncated (100 bytes, no end chunk)' });
    expect(r.warnings).toEqual([expect.stringContaining("was unreadable (truncated (100 bytes, no end chunk)) and was re-recorded")]);
    const stored = Buffer.from(await (await store.client.send(new GetObjectCommand({ Bucket: s3.bucket, Key }))).Body!.transformToByteArray());
    expect(stored.equals(now)).toBe(true);
  });
});

describe('an unreadable baseline through the CLI (real Chromium)', () => {
  let site: FixtureSite;
  beforeAll(async () => {
    site = await startFixtureSite();
  });
  afterAll(() => site?.close());

  it('passes with the warning in the console summary and the report, and every bad baseline replaced', async () => {
    const dir = join(scratch, 'cli');
    const out = join(dir, 'out');
    await mkdir(join(dir, 'checks'), { recursive: true });
    for (const [kind] of BAD) {
      await writeFile(join(dir, 'checks', `${kind}.check.ts`), `import { defineCheck } from 'mimamori';
export default defineCheck({ name: '${kind} baseline', retries: 0, visual: { mask: ['.clock'] }, async run({ page }) { await page.goto('/visual'); } });
`);
      // A real baseline of another picture, spoiled.
      await mkdir(join(out, 'baselines', `${kind}%20baseline`), { recursive: true });
      await writeFile(join(out, 'baselines', `${kind}%20baseline`, 'final.png'), BAD.find(([k]) => k === kind)![1](picture(10)));
    }
    const run = await runCli(['checks', '--out', out, '--no-slack'], { cwd: dir, env: { BASE_URL: site.url } });
    expect(run.code, run.stderr).toBe(0);

    const results = (JSON.parse(await readFile(join(out, 'results.json'), 'utf8')) as RunResult).results;
    const report = await readFile(join(out, 'report.html'), 'utf8');
    for (const [kind, , why] of BAD) {
      const r = results.find((x) => x.name === `${kind} baseline`)!;
      expect(r.status).toBe('passed');
      expect(r.visual![0]).toMatchObject({ recorded: true, unreadable: expect.stringMatching(why) });
      expect(r.visual![0]!.diffRatio).toBeUndefined();
      const warning = r.warnings!.find((w) => w.startsWith('visual:'))!;
      expect(warning).toContain('was unreadable');
      // The summary names the check and says the warning whole; the report has it in the check's section.
      expect(run.stdout).toContain(`${kind} baseline: ${warning}`);
      expect(report).toContain(warning.replace(/'/g, '&#39;'));
      const baseline = await readFile(join(out, 'baselines', `${kind}%20baseline`, 'final.png'));
      expect(baseline.equals(await readFile(join(out, r.storage!.folder, 'final.png')))).toBe(true);
    }
  }, 120_000);
});
