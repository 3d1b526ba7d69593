// Slack end to end: the real @slack/web-api client against the fake Slack Web API on 127.0.0.1, driven through the
// same after-run pipeline the CLI and Lambda use — incident threads, the screenshot, 429s, platform errors, secrecy.
import { mkdtemp, readFile, readdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeSlack, type FakeSlack } from '../fixtures/fake-slack.ts';
import { startFixtureSite, type FixtureSite } from '../fixtures/site.ts';
import { ROOT, runCli } from '../helpers/cli.ts';
import { cartResult, cartScreenshot } from '../helpers/check-result.ts';
import { afterRun, type AfterRunOptions } from '../../src/pipeline/after-run.ts';
import { LocalStore } from '../../src/store/local-store.ts';
import { SlackNotifier } from '../../src/notify/slack-notifier.ts';
import { stampWithZone as formatRunTime } from '../../src/render/time.ts';
import type { CheckResult, CheckStatus, RunResult } from '../../src/result/types.ts';

const TOKEN = 'xoxb-0000-secret-token-do-not-leak';
let slack: FakeSlack;
let scratch: string;

beforeAll(async () => {
  slack = await startFakeSlack({ token: TOKEN });
  scratch = await mkdtemp(join(tmpdir(), 'mimamori-slack-'));
});
afterAll(() => slack?.close());

function png(seed: number): Buffer {
  const image = new PNG({ width: 64, height: 48 });
  for (let i = 0; i < image.data.length; i++) image.data[i] = (i * seed) % 251;
  return PNG.sync.write(image);
}

let clock = Date.UTC(2026, 10, 29, 7, 0, 0);
function result(name: string, status: CheckStatus): CheckResult {
  clock += 5 * 60_000;
  return cartResult(name, status, { startedAt: clock, screenshots: [cartScreenshot(status, { bytes: png(clock % 97) })] });
}

function pipeline(folder: string, options: { token?: string; channel?: string; alertAfter?: number; remindEvery?: number; timeZone?: string } = {}): AfterRunOptions {
  const timeZone = options.timeZone ?? 'Asia/Tokyo';
  const settings = { token: options.token ?? TOKEN, apiUrl: slack.url, timeZone, channel: options.channel ?? 'alerts' };
  // The state stays in the folder (no bucket): these tests are about Slack.
  const alerts = { notify: 'problems', alertAfter: options.alertAfter ?? 1, remindEvery: options.remindEvery ?? 5 } as const;
  return {
    stores: { local: new LocalStore(join(scratch, folder)) },
    policies: new Map([['checkout', { alerts, usual: false }]]),
    notifier: new SlackNotifier(settings),
    timeZone,
  };
}

const runIdOf = (r: CheckResult) => `20261129T${String(r.startedAt).slice(-6)}Z-aaaaaa`;

async function runOnce(r: CheckResult, options: AfterRunOptions): Promise<CheckResult> {
  const run: RunResult = { runId: runIdOf(r), startedAt: r.startedAt, durationMs: 1, results: [r], diagnostics: [] };
  await afterRun(run, options);
  return r;
}

const messagesAfter = (n: number) => slack.messages.slice(n);

describe('one incident, one thread', () => {
  it('fail → fail → fail → pass: one parent with its screenshot, replies in the thread, one recovery, the parent resolved', async () => {
    const before = slack.messages.length;
    const options = pipeline('incident', { remindEvery: 3 });
    const runs = [];
    for (const status of ['failed', 'failed', 'failed', 'passed'] as const) runs.push(await runOnce(result('checkout', status), options));

    expect(runs.map((r) => r.notification!.action)).toEqual(['open', 'reply', 'reply', 'recover']);
    expect(runs.every((r) => !r.notification!.error && !r.notification!.imageError)).toBe(true);
    const posted = messagesAfter(before);
    const parent = posted[0];
    expect(parent).toMatchObject({ channel: 'C0ALERTS' });
    expect(parent.thread_ts).toBeUndefined();
    // The screenshot is in the channel beside the alert, byte for byte.
    const share = posted[1];
    expect(share.thread_ts).toBeUndefined();
    expect(share.files![0].bytes!.equals(runs[0].screenshots[0].bytes!)).toBe(true);
    const thread = slack.replies('C0ALERTS', parent.ts);
    // Two failure replies and the recovery, each with its screenshot.
    expect(thread.filter((m) => m.text).map((m) => /^:\w+: checkout (FAILED|recovered)/.exec(m.text!)?.[0])).toEqual([
      ':red_circle: checkout FAILED', ':red_circle: checkout FAILED', ':white_check_mark: checkout recovered',
    ]);
    expect(thread.filter((m) => m.files)).toHaveLength(3);
    expect(thread.find((m) => m.text?.includes('recovered'))!.text).toMatch(/checkout recovered after 15 min down/);
    expect(thread.filter((m) => m.files).pop()!.files![0].bytes!.equals(runs[3].screenshots[0].bytes!)).toBe(true);
    // The third failure reminds the channel (remindEvery: 3).
    expect(thread.filter((m) => m.reply_broadcast)).toHaveLength(1);
    expect(thread.find((m) => m.reply_broadcast)!.text).toContain('still failing: 3 runs');
    // The parent now says it is resolved.
    const update = slack.updates.find((u) => u.ts === parent.ts)!;
    expect(update.text).toBe(':white_check_mark: Resolved: checkout was failing for 15 min (3 failed runs)');
    // And the state is closed again.
    const state = JSON.parse(await readFile(join(scratch, 'incident/state/checkout.json'), 'utf8'));
    expect(state).toMatchObject({ lastStatus: 'passed', consecutiveFailures: 0, incident: null });
  });

  it('continues the thread of an incident stored by an earlier version (Slack\'s channel and ts on it): reply, resolution, the state rewritten with the thread ref', async () => {
    const before = slack.messages.length;
    const options = pipeline('legacy-incident');
    const opened = await runOnce(result('checkout', 'failed'), options);
    expect(opened.notification!.action).toBe('open');
    const parent = messagesAfter(before)[0]!;
    // The state as mimamori 0.1 wrote it: the thread as Slack's channel and ts beside the incident's own fields.
    const file = join(scratch, 'legacy-incident/state/checkout.json');
    const stored = JSON.parse(await readFile(file, 'utf8'));
    const { thread: _thread, ...incident } = stored.incident;
    await writeFile(file, `${JSON.stringify({ ...stored, incident: { ...incident, channel: parent.channel, ts: parent.ts } }, null, 2)}\n`);

    const again = await runOnce(result('checkout', 'failed'), options);
    expect(again.notification).toMatchObject({ action: 'reply', threadTs: parent.ts });
    expect(JSON.parse(await readFile(file, 'utf8')).incident).toEqual(expect.objectContaining({ thread: { notifier: 'slack', ref: { channel: parent.channel, ts: parent.ts } }, failures: 2 }));
    expect(JSON.parse(await readFile(file, 'utf8')).incident).not.toHaveProperty('ts');
    const recovered = await runOnce(result('checkout', 'passed'), options);
    expect(recovered.notification!.action).toBe('recover');
    expect(slack.replies(parent.channel, parent.ts).filter((m) => m.text).map((m) => /^:\w+: checkout (FAILED|recovered)/.exec(m.text!)?.[0])).toEqual([
      ':red_circle: checkout FAILED', ':white_check_mark: checkout recovered',
    ]);
    expect(slack.updates.find((u) => u.ts === parent.ts)!.text).toMatch(/^:white_check_mark: Resolved: checkout was failing/);
  });

  it('carries status, timings, the failing step and links in the blocks', async () => {
    const r = result('checkout', 'failed');
    r.screenshots[0].link = { url: 'https://bucket.s3.amazonaws.com/shot.png?X-Amz-Signature=abc' };
    const before = slack.messages.length;
    await runOnce(r, pipeline('blocks'));
    const blocks = JSON.stringify(messagesAfter(before)[0].attachments);
    expect(blocks).toContain(':red_circle: checkout FAILED');
    expect(blocks).toContain('4.2 s / 3 s / 10 s');
    expect(blocks).toContain('✗ open cart');
    expect(blocks).toContain('*network error* in *open cart*');
    expect(blocks).toContain('<https://bucket.s3.amazonaws.com/shot.png?X-Amz-Signature=abc|Screenshot>');
    expect(blocks).toContain('<http://shop.test/cart|Open the page>');
    expect(blocks).toMatch(/GMT\+9/);
  });

  it('stays quiet for a failure below alertAfter', async () => {
    const before = slack.messages.length;
    const r = await runOnce(result('checkout', 'failed'), pipeline('quiet', { alertAfter: 2 }));
    expect(r.notification).toMatchObject({ action: 'none', reason: 'failed 1 of the 2 times in a row that open an incident' });
    expect(slack.messages.length).toBe(before);
  });
});

describe('now and last good, side by side', () => {
  /** The file calls Slack got since `from`, and the files JSON of each completeUploadExternal. */
  const uploadsSince = (from: number) => {
    const calls = slack.calls.slice(from).filter((c) => c.method.startsWith('files.'));
    return {
      methods: calls.map((c) => c.method),
      completes: calls.filter((c) => c.method === 'files.completeUploadExternal').map((c) => ({ ...c.params, files: JSON.parse(c.params.files!) as { id: string; title?: string }[] })),
    };
  };
  const lastGoodTitle = (good: CheckResult) => `last good · final · ${formatRunTime(good.startedAt, 'Asia/Tokyo')} · run ${runIdOf(good)}`;

  it('a failure after a passing run uploads both pictures in one upload: in the channel for the first alert, in the thread for a reply', async () => {
    const options = pipeline('last-good');
    const good = await runOnce(result('checkout', 'passed'), options);
    expect(good.notification!.action).toBe('none');
    const goodBytes = good.screenshots[0].bytes!;

    let messages = slack.messages.length;
    let calls = slack.calls.length;
    const first = await runOnce(result('checkout', 'failed'), options);
    expect(first.notification).toMatchObject({ action: 'open' });
    expect(first.notification!.error ?? first.notification!.imageError ?? first.notification!.imageSkipped).toBeUndefined();
    // The result names the last good run and its picture (the same step where it has one; here its final view).
    expect(first.lastGood).toMatchObject({ runId: runIdOf(good), startedAt: good.startedAt, screenshot: { file: 'final.png', kind: 'final', path: good.screenshots[0].path } });
    const [parent, share, ...more] = messagesAfter(messages);
    expect(more).toEqual([]);
    expect(parent.text).toMatch(/^:red_circle: checkout FAILED/);
    // No bucket, so no link to the last good picture in the message: the upload carries it.
    expect(JSON.stringify(parent.attachments)).not.toContain('Last good');
    // In the channel, right under the alert: now and last good, byte for byte, in one share.
    expect(share).toMatchObject({ channel: 'C0ALERTS' });
    expect(share.thread_ts).toBeUndefined();
    expect(share.files!.map((f) => f.title)).toEqual(['now · open cart · failed', lastGoodTitle(good)]);
    expect(lastGoodTitle(good)).toMatch(/GMT\+9 · run 20261129T\d{6}Z-aaaaaa$/);
    expect(share.files![0].bytes!.equals(first.screenshots[0].bytes!)).toBe(true);
    expect(share.files![1].bytes!.equals(goodBytes)).toBe(true);
    // One upload: an upload URL per file, then one completion sharing both.
    let uploads = uploadsSince(calls);
    expect(uploads.methods).toEqual(['files.getUploadURLExternal', 'files.getUploadURLExternal', 'files.completeUploadExternal']);
    expect(uploads.completes).toEqual([{ channel_id: 'C0ALERTS', files: share.files!.map((f) => ({ id: f.id, title: f.title })) }]);

    messages = slack.messages.length;
    calls = slack.calls.length;
    const second = await runOnce(result('checkout', 'failed'), options);
    expect(second.notification).toMatchObject({ action: 'reply', threadTs: parent.ts });
    expect(second.notification!.error ?? second.notification!.imageError ?? second.notification!.imageSkipped).toBeUndefined();
    const posted = messagesAfter(messages);
    expect(posted.map((m) => m.thread_ts)).toEqual([parent.ts, parent.ts]);
    const reply = posted.find((m) => m.files)!;
    expect(reply.files!.map((f) => f.title)).toEqual(['now · open cart · failed', lastGoodTitle(good)]);
    expect(reply.files![0].bytes!.equals(second.screenshots[0].bytes!)).toBe(true);
    expect(reply.files![1].bytes!.equals(goodBytes)).toBe(true);
    uploads = uploadsSince(calls);
    expect(uploads.methods).toEqual(['files.getUploadURLExternal', 'files.getUploadURLExternal', 'files.completeUploadExternal']);
    expect(uploads.completes).toEqual([{ channel_id: 'C0ALERTS', thread_ts: parent.ts, files: reply.files!.map((f) => ({ id: f.id, title: f.title })) }]);
  });

  it('a recovery uploads its own picture alone, in the thread', async () => {
    const options = pipeline('last-good-recovery');
    await runOnce(result('checkout', 'passed'), options);
    const failed = await runOnce(result('checkout', 'failed'), options);
    expect(failed.notification).toMatchObject({ action: 'open' });
    const messages = slack.messages.length;
    const calls = slack.calls.length;
    const recovered = await runOnce(result('checkout', 'passed'), options);
    expect(recovered.notification).toMatchObject({ action: 'recover', threadTs: failed.notification!.ts });
    expect(recovered.notification!.imageError).toBeUndefined();
    expect(recovered.lastGood).toBeUndefined();
    const share = messagesAfter(messages).find((m) => m.files)!;
    expect(share.thread_ts).toBe(failed.notification!.ts);
    expect(share.files!.map((f) => f.title)).toEqual(['checkout · final · passed']);
    expect(share.files![0].bytes!.equals(recovered.screenshots[0].bytes!)).toBe(true);
    expect(uploadsSince(calls).methods).toEqual(['files.getUploadURLExternal', 'files.completeUploadExternal']);
  });

  it('a degraded report after a passing run carries the pair too', async () => {
    const options = pipeline('last-good-degraded');
    const good = await runOnce(result('checkout', 'passed'), options);
    const messages = slack.messages.length;
    const degraded = await runOnce(result('checkout', 'degraded'), options);
    expect(degraded.notification).toMatchObject({ action: 'post', reason: 'newly degraded' });
    const share = messagesAfter(messages).find((m) => m.files)!;
    expect(share.thread_ts).toBeUndefined();
    expect(share.files!.map((f) => f.title)).toEqual(['now · final · degraded', lastGoodTitle(good)]);
    expect(share.files![1].bytes!.equals(good.screenshots[0].bytes!)).toBe(true);
  });
});

describe('Slack failing', () => {
  it('waits out a 429 with Retry-After and sends', async () => {
    slack.rateLimitNext('chat.postMessage', 1);
    const t0 = Date.now();
    const r = await runOnce(result('checkout', 'failed'), pipeline('ratelimit'));
    expect(Date.now() - t0).toBeGreaterThanOrEqual(900);
    expect(r.notification!.error).toBeUndefined();
    expect(r.notification!.ts).toBeDefined();
    expect(slack.calls.filter((c) => c.status === 429)).toHaveLength(1);
  });

  it.each([
    [{ token: 'xoxb-wrong' }, /Slack rejected SLACK_BOT_TOKEN \(invalid_auth\)/],
    [{ channel: 'no-such-channel' }, /channel #no-such-channel not found \(channel_not_found\)/],
    [{ channel: 'outside' }, /the bot is not a member of #outside \(not_in_channel\): invite it there with \/invite/],
  ])('explains %j', async (options, message) => {
    const r = await runOnce(result('checkout', 'failed'), pipeline(`errors-${Object.values(options)[0]}`, options));
    expect(r.notification!.error!.message).toMatch(message);
    expect(JSON.stringify(r)).not.toContain(TOKEN);
  });

  it('names the missing scope, and the text alert still goes out when the image cannot', async () => {
    const textOnly = await startFakeSlack({ token: TOKEN, scopes: ['chat:write'] });
    try {
      const settings = { token: TOKEN, apiUrl: textOnly.url, timeZone: 'UTC', channel: 'alerts' };
      const options = { ...pipeline('scope', { timeZone: 'UTC' }), notifier: new SlackNotifier(settings) };
      const r = await runOnce(result('checkout', 'failed'), options);
      expect(r.notification!.error).toBeUndefined();
      expect(r.notification!.imageError!.message).toMatch(/lacks the files:write scope \(missing_scope\): add it under OAuth & Permissions/);
      expect(textOnly.messages).toHaveLength(1);
    } finally {
      await textOnly.close();
    }
  });

  it('still uploads the screenshot when the text message fails', async () => {
    slack.failNext('chat.postMessage', 'internal_error');
    const before = slack.messages.length;
    // By channel ID: a file can only be shared to an ID, and a failed post does not tell us the ID of a name.
    const r = await runOnce(result('checkout', 'failed'), pipeline('text-fails', { channel: 'C0ALERTS' }));
    expect(r.notification!.error!.message).toMatch(/Slack message failed: Slack answered internal_error/);
    expect(r.notification!.imageError).toBeUndefined();
    expect(messagesAfter(before).map((m) => Boolean(m.files))).toEqual([true]);
  });
});

describe('npm run check with Slack configured', () => {
  let site: FixtureSite;
  beforeAll(async () => { site = await startFixtureSite(); });
  afterAll(() => site?.close());

  it('posts the failure with its screenshot end to end, keeps the token out of every output, and exits 1', async () => {
    const out = join(scratch, 'e2e');
    const before = slack.messages.length;
    const env = { BASE_URL: site.url, SLACK_BOT_TOKEN: TOKEN, SLACK_CHANNEL: 'alerts', SLACK_API_URL: slack.url };
    const args = [join(ROOT, 'test/fixtures/checks/broken-site.check.ts'), '--out', out, '--junit', join(out, 'junit.xml')];
    // By default an incident opens on the second failed run in a row: the first one sends nothing.
    const first = await runCli(args, { cwd: scratch, env });
    expect(first.code).toBe(1);
    expect(first.stdout).not.toContain('Slack (alerts)');
    expect(messagesAfter(before)).toEqual([]);
    const run = await runCli(args, { cwd: scratch, env });
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/Slack \(alerts\):\n {2}broken site: open \(failed 2 times in a row\)/);
    const posted = messagesAfter(before);
    expect(posted[0].text).toMatch(/^:red_circle: broken site FAILED: open error page: GET .* answered HTTP 500$/);
    const results = JSON.parse(await readFile(join(out, 'results.json'), 'utf8')) as RunResult;
    const shot = await readFile(join(out, results.results[0].screenshots[0].path!));
    expect(posted[1].files![0].bytes!.equals(shot)).toBe(true);
    // The token is in no output, result, report or stored object.
    const files = await readdir(out, { recursive: true });
    const texts = await Promise.all(files.filter((f) => /\.(json|html|xml)$/.test(f)).map((f) => readFile(join(out, f), 'utf8')));
    for (const text of [run.stdout, run.stderr, ...texts]) expect(text).not.toContain(TOKEN);
  });

  it('never lets a check name or page text ping the channel', async () => {
    const file = join(scratch, 'ping.check.ts');
    await writeFile(file, `import { defineCheck, expect } from 'mimamori';
export default defineCheck({
  name: '<!channel> x',
  retries: 0,
  alerts: { alertAfter: 1 },
  async run({ page, step }) {
    await step('<!here> read the banner', async () => {
      await page.setContent('<h1>&lt;!channel&gt; everyone</h1>');
      await expect(page.locator('h1')).toHaveText('Welcome', { timeout: 200 });
    });
  },
});
`);
    const before = slack.messages.length;
    const env = { BASE_URL: site.url, SLACK_BOT_TOKEN: TOKEN, SLACK_CHANNEL: 'alerts', SLACK_API_URL: slack.url };
    const run = await runCli([file, '--out', join(scratch, 'ping')], { cwd: scratch, env });
    expect(run.code).toBe(1);
    const [alert] = messagesAfter(before).filter((m) => m.text);
    // What Slack received: the name and the page text escaped in the text, the fallback and every block.
    expect(alert!.text).toMatch(/^:red_circle: &lt;!channel&gt; x FAILED: &lt;!here&gt; read the banner: /);
    const everything = JSON.stringify(alert).replace(/<https?:[^|>]+\|[^>]*>/g, '');
    expect(everything).not.toMatch(/<[!@#]/);
    expect(JSON.stringify(alert!.attachments)).toMatch(/```[^`]*&lt;!channel&gt; everyone[^`]*```/);
  });

  it('sends nothing with --no-slack, and shows a preview in the report without a token', async () => {
    const out = join(scratch, 'preview');
    const before = slack.calls.length;
    const previewRun = () => runCli([join(ROOT, 'test/fixtures/checks/broken-site.check.ts'), '--out', out], { cwd: scratch, env: { BASE_URL: site.url, SLACK_BOT_TOKEN: undefined } });
    // The second failed run in a row is the one that would alert (the state stays in --out without Slack).
    expect((await previewRun()).stdout).not.toContain('would be sent');
    const run = await previewRun();
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('Slack: 1 message would be sent (set SLACK_BOT_TOKEN and SLACK_CHANNEL); previews are in the report');
    const report = await readFile(join(out, 'report.html'), 'utf8');
    expect(report).toContain('Slack message preview');
    expect(report).toContain(':red_circle: broken site FAILED');
    const quiet = await runCli([join(ROOT, 'test/fixtures/checks/broken-site.check.ts'), '--out', out, '--no-slack'], { cwd: scratch, env: { BASE_URL: site.url, SLACK_BOT_TOKEN: TOKEN, SLACK_CHANNEL: 'alerts', SLACK_API_URL: slack.url } });
    expect(quiet.code).toBe(1);
    expect(slack.calls.length).toBe(before);
  });
});
