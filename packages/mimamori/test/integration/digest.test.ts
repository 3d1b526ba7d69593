// `npm run digest` end to end: the real CLI process against s3rver holding a small generated history and the fake
// Slack — the PNG is written and arrives in Slack with the summary as its comment (one upload to a channel ID; a
// message then the upload for a channel name); with --no-slack it is only written; a local folder works the same.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeS3, type FakeS3, useS3Credentials } from '../fixtures/s3.ts';
import { startFakeSlack, type FakeSlack } from '../fixtures/fake-slack.ts';
import { runCli } from '../helpers/cli.ts';
import { EXPECTED_SUMMARY, generateDigestHistory, nearMidnight, storeDigestHistory } from '../helpers/digest-history.ts';
import { openS3Store } from '../../src/store/s3-store.ts';
import { s3Settings } from '../../src/store/settings.ts';
import { LocalStore } from '../../src/store/local-store.ts';
import { digestLayout } from '../../src/render/digest-page.ts';
import { historyDayKey } from '../../src/store/layout.ts';

let s3: FakeS3;
let slack: FakeSlack;
let scratch: string;
const now = Date.now();
const checks = generateDigestHistory(now);
const savedEnv = { ...process.env };
const NO_SLACK = { SLACK_BOT_TOKEN: undefined, SLACK_CHANNEL: undefined, SLACK_API_URL: undefined };

beforeAll(async () => {
  s3 = await startFakeS3();
  useS3Credentials(s3);
  slack = await startFakeSlack();
  scratch = await mkdtemp(join(tmpdir(), 'mimamori-digest-'));
  await writeFile(join(scratch, 'mimamori.config.ts'), "export default { digest: { at: '09:00', timeZone: 'UTC' }, slack: { timeZone: 'Asia/Tokyo' } };\n");
  await storeDigestHistory(await openS3Store(s3Settings({}, { ...s3.env, MIMAMORI_S3_PREFIX: 'digest-test/' })!), checks);
}, 60_000);
afterAll(async () => {
  for (const key of ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_REGION']) {
    if (savedEnv[key] === undefined) delete process.env[key];
    else process.env[key] = savedEnv[key];
  }
  await slack?.close();
  await s3?.close();
  if (scratch) await rm(scratch, { recursive: true, force: true });
});

function expectPicture(bytes: Buffer): void {
  const png = PNG.sync.read(bytes);
  expect([png.width, png.height]).toEqual([digestLayout(3).width, digestLayout(3).height]);
}

describe('npm run digest', () => {
  it('renders the picture from S3 and posts it to a Slack channel ID with the summary as its comment', async () => {
    const env = { ...s3.env, MIMAMORI_S3_PREFIX: 'digest-test/', SLACK_BOT_TOKEN: slack.token, SLACK_API_URL: slack.url, SLACK_CHANNEL: 'C0ALERTS' };
    const run = await runCli(['digest'], { cwd: scratch, env });
    expect(run.code, run.stderr + run.stdout).toBe(0);
    const summary = run.stdout.split('\n')[0]!;
    if (!nearMidnight(now)) expect(summary).toMatch(EXPECTED_SUMMARY);
    expect(run.stdout).toContain(`Daily picture of 3 checks from s3://${s3.bucket}/digest-test/`);
    expect(run.stdout).toContain('posted to Slack (C0ALERTS)');
    const written = await readFile(join(scratch, 'mimamori-results/digest.png'));
    expectPicture(written);

    // One upload, shared in the channel with the summary as its comment: the PNG's bytes are the file's.
    const shares = slack.messages.filter((m) => m.files?.length);
    expect(shares).toHaveLength(1);
    expect(shares[0]).toMatchObject({ channel: 'C0ALERTS', initial_comment: summary });
    expect(shares[0]!.files!.map((f) => f.filename)).toEqual([`mimamori-digest-${new Date(now).toISOString().slice(0, 10)}.png`]);
    expect(shares[0]!.files![0]!.bytes!.equals(written)).toBe(true);
    expect(slack.calls.filter((c) => c.method === 'chat.postMessage')).toHaveLength(0);
    expect(run.stdout + run.stderr).not.toContain(slack.token);
  }, 90_000);

  it('with a channel name, posts the summary, then the picture in the channel it landed in', async () => {
    const before = slack.messages.length;
    const env = { ...s3.env, MIMAMORI_S3_PREFIX: 'digest-test/', SLACK_BOT_TOKEN: slack.token, SLACK_API_URL: slack.url, SLACK_CHANNEL: '#alerts' };
    const run = await runCli(['digest', '--out', join(scratch, 'by-name.png')], { cwd: scratch, env });
    expect(run.code, run.stderr + run.stdout).toBe(0);
    const added = slack.messages.slice(before);
    expect(added.map((m) => ({ channel: m.channel, text: m.text, files: m.files?.length ?? 0 }))).toEqual([
      { channel: 'C0ALERTS', text: run.stdout.split('\n')[0], files: 0 },
      { channel: 'C0ALERTS', text: undefined, files: 1 },
    ]);
    expect(added[1]!.files![0]!.bytes!.equals(await readFile(join(scratch, 'by-name.png')))).toBe(true);
  }, 90_000);

  it('waits out a 429\'s Retry-After on its message and posts the picture all the same', async () => {
    const before = slack.messages.length;
    const from = slack.calls.length;
    slack.rateLimitNext('chat.postMessage', 1);
    const env = { ...s3.env, MIMAMORI_S3_PREFIX: 'digest-test/', SLACK_BOT_TOKEN: slack.token, SLACK_API_URL: slack.url, SLACK_CHANNEL: '#alerts' };
    const run = await runCli(['digest', '--out', join(scratch, 'rate-limited.png')], { cwd: scratch, env });
    expect(run.code, run.stderr + run.stdout).toBe(0);
    expect(slack.calls.slice(from).filter((c) => c.method === 'chat.postMessage').map((c) => c.status)).toEqual([429, 200]);
    expect(slack.messages.slice(before).map((m) => m.files?.length ?? 0)).toEqual([0, 1]);
  }, 90_000);

  it('says what Slack refused, with exit code 3, the picture still written', async () => {
    const env = { ...s3.env, MIMAMORI_S3_PREFIX: 'digest-test/', SLACK_BOT_TOKEN: slack.token, SLACK_API_URL: slack.url, SLACK_CHANNEL: 'C0OUTSIDE' };
    const run = await runCli(['digest', '--out', join(scratch, 'outside.png')], { cwd: scratch, env });
    expect(run.code).toBe(3);
    expect(run.stderr).toContain('not_in_channel');
    expectPicture(await readFile(join(scratch, 'outside.png')));
  }, 90_000);

  it('renders only, from the local folder, with --no-slack (and without a token)', async () => {
    const local = join(scratch, 'local-results');
    await storeDigestHistory(new LocalStore(local), checks);
    const before = slack.calls.length;
    for (const args of [['--no-slack'], []]) {
      const env = args.length ? { SLACK_BOT_TOKEN: slack.token, SLACK_API_URL: slack.url, SLACK_CHANNEL: 'C0ALERTS', MIMAMORI_S3_BUCKET: undefined } : { ...NO_SLACK, MIMAMORI_S3_BUCKET: undefined };
      const run = await runCli(['digest', '--results', local, ...args], { cwd: scratch, env });
      expect(run.code, run.stderr + run.stdout).toBe(0);
      if (!nearMidnight(now)) expect(run.stdout.split('\n')[0]).toMatch(EXPECTED_SUMMARY);
      expect(run.stdout).not.toContain('posted to Slack');
      expectPicture(await readFile(join(local, 'digest.png')));
    }
    expect(slack.calls.length).toBe(before);
  }, 90_000);

  it('leaves out the malformed runs of a day broken by hand, saying which object, and pictures everything else', async () => {
    const env = { ...s3.env, ...NO_SLACK, MIMAMORI_S3_PREFIX: 'digest-broken/' };
    const target = await openS3Store(s3Settings({}, env)!);
    await storeDigestHistory(target, checks);
    const first = checks[0]!.days[0]!;
    const key = historyDayKey(first.check, Date.parse(`${first.day}T12:00:00Z`));
    await target.put(key, JSON.stringify({ ...first, runs: [null, { ...first.runs[0], id: 42 }, ...first.runs.slice(1)] }), { contentType: 'application/json' });
    const run = await runCli(['digest', '--no-slack', '--out', join(scratch, 'broken.png')], { cwd: scratch, env });
    expect(run.code, run.stderr + run.stdout).toBe(0);
    expect(run.stderr).toContain(`${key}: 2 malformed runs left out (run 1 is null; run 2 has no run id)`);
    expect(run.stdout).toContain(`Daily picture of 3 checks from s3://${s3.bucket}/digest-broken/`);
    expectPicture(await readFile(join(scratch, 'broken.png')));
  }, 90_000);
});
