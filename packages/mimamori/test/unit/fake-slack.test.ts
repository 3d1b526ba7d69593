// Proves the fake Slack server (test/fixtures/fake-slack.ts) against the real @slack/web-api WebClient.
import { afterEach, describe, expect, it } from 'vitest';
import pkg from '@slack/web-api';
import { startFakeSlack, type FakeSlack } from '../fixtures/fake-slack.ts';

const { WebClient, LogLevel } = pkg;

const fakes: FakeSlack[] = [];
afterEach(async () => {
  await Promise.all(fakes.splice(0).map((f) => f.close()));
});

async function fake(options?: Parameters<typeof startFakeSlack>[0]): Promise<FakeSlack> {
  const started = await startFakeSlack(options);
  fakes.push(started);
  return started;
}

function clientFor(slack: FakeSlack, options: { token?: string | undefined; rejectRateLimitedCalls?: boolean } = {}) {
  const token = 'token' in options ? options.token : slack.token;
  return new WebClient(token, {
    slackApiUrl: slack.url,
    retryConfig: { retries: 1, factor: 1, minTimeout: 10, maxTimeout: 10 },
    timeout: 5000,
    logLevel: LogLevel.ERROR,
    rejectRateLimitedCalls: options.rejectRateLimitedCalls ?? false,
  });
}

const BLOCKS = [{ type: 'section', text: { type: 'mrkdwn', text: '*checkout* failed' } }];

describe('fake Slack: chat.postMessage', () => {
  it('records the parsed blocks and answers the channel id and a ts', async () => {
    const slack = await fake();
    const res = await clientFor(slack).chat.postMessage({ channel: '#alerts', text: 'checkout failed', blocks: BLOCKS });
    expect(res.ok).toBe(true);
    expect(res.channel).toBe('C0ALERTS');
    expect(res.ts).toMatch(/^\d{10}\.\d{6}$/);
    expect(slack.messages).toEqual([{ channel: 'C0ALERTS', ts: res.ts, text: 'checkout failed', blocks: BLOCKS }]);
    expect(slack.calls).toHaveLength(1);
    expect(slack.calls[0]).toMatchObject({
      method: 'chat.postMessage',
      authorization: 'Bearer xoxb-test-token',
      contentType: 'application/x-www-form-urlencoded',
      params: { channel: '#alerts', blocks: JSON.stringify(BLOCKS) },
      status: 200,
    });
    const second = await clientFor(slack).chat.postMessage({ channel: 'C0ALERTS', text: 'again' });
    expect(Number(second.ts)).toBeGreaterThan(Number(res.ts));
  });

  it('threads a reply under an existing message and refuses an unknown thread_ts', async () => {
    const slack = await fake();
    const client = clientFor(slack);
    const parent = await client.chat.postMessage({ channel: 'alerts', text: 'down' });
    const reply = await client.chat.postMessage({ channel: 'alerts', text: 'still down', thread_ts: parent.ts!, reply_broadcast: true });
    expect(reply.ts).not.toBe(parent.ts);
    expect(slack.replies('C0ALERTS', parent.ts!)).toEqual([
      { channel: 'C0ALERTS', ts: reply.ts, thread_ts: parent.ts, reply_broadcast: true, text: 'still down' },
    ]);
    await expect(client.chat.postMessage({ channel: 'alerts', text: 'x', thread_ts: '1700000000.000100' })).rejects.toMatchObject({
      code: 'slack_webapi_platform_error',
      data: { ok: false, error: 'thread_not_found' },
    });
    // A reply is not a thread parent.
    await expect(client.chat.postMessage({ channel: 'alerts', text: 'x', thread_ts: reply.ts! })).rejects.toMatchObject({
      data: { error: 'thread_not_found' },
    });
    expect(slack.messages).toHaveLength(2);
  });

  it('refuses a wrong or missing token, a channel the bot is not in, an unknown channel and an empty message', async () => {
    const slack = await fake();
    const post = (client: InstanceType<typeof WebClient>, channel: string, text = 'hi') => client.chat.postMessage({ channel, text });
    await expect(post(clientFor(slack, { token: 'xoxb-wrong' }), 'alerts')).rejects.toMatchObject({ data: { error: 'invalid_auth' } });
    await expect(post(clientFor(slack, { token: undefined }), 'alerts')).rejects.toMatchObject({ data: { error: 'not_authed' } });
    await expect(post(clientFor(slack), 'outside')).rejects.toMatchObject({ data: { error: 'not_in_channel' } });
    await expect(post(clientFor(slack), 'C0OUTSIDE')).rejects.toMatchObject({ data: { error: 'not_in_channel' } });
    await expect(post(clientFor(slack), 'nowhere')).rejects.toMatchObject({ data: { error: 'channel_not_found' } });
    await expect(post(clientFor(slack), 'alerts', '')).rejects.toMatchObject({ data: { error: 'no_text' } });
    expect(slack.messages).toEqual([]);
    expect(slack.calls.map((c) => c.error)).toEqual(['invalid_auth', 'not_authed', 'not_in_channel', 'not_in_channel', 'channel_not_found', 'no_text']);
    expect(slack.calls[1]!.authorization).toBeUndefined();
  });

  it('accepts the token as a form field, as Slack does', async () => {
    const slack = await fake();
    const res = await fetch(`${slack.url}auth.test`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ token: slack.token }),
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ ok: true, user_id: 'U0BOT', team: 'test' });
  });
});

describe('fake Slack: chat.update', () => {
  it('changes a posted message and records the update; an unknown ts is message_not_found', async () => {
    const slack = await fake();
    const client = clientFor(slack);
    const posted = await client.chat.postMessage({ channel: 'alerts', text: 'checkout failed', blocks: BLOCKS });
    const res = await client.chat.update({ channel: 'C0ALERTS', ts: posted.ts!, text: 'checkout recovered' });
    expect(res).toMatchObject({ ok: true, channel: 'C0ALERTS', ts: posted.ts });
    expect(slack.updates).toEqual([{ channel: 'C0ALERTS', ts: posted.ts, text: 'checkout recovered' }]);
    expect(slack.messages[0]).toEqual({ channel: 'C0ALERTS', ts: posted.ts, text: 'checkout recovered', blocks: BLOCKS });
    await expect(client.chat.update({ channel: 'C0ALERTS', ts: '1700000000.000100', text: 'x' })).rejects.toMatchObject({
      data: { error: 'message_not_found' },
    });
  });
});

describe('fake Slack: file uploads', () => {
  const shot = Buffer.from(Array.from({ length: 3000 }, (_, i) => (i * 7919) % 256));

  it('filesUploadV2 stores the exact bytes and shares the file into the thread', async () => {
    const slack = await fake();
    const client = clientFor(slack);
    const parent = await client.chat.postMessage({ channel: 'alerts', text: 'checkout failed' });
    const res = await client.filesUploadV2({
      channel_id: 'C0ALERTS',
      file: shot,
      filename: 'shot.png',
      alt_text: 'checkout page',
      thread_ts: parent.ts!,
      initial_comment: 'failing step',
    });
    expect(res.ok).toBe(true);
    expect(slack.files).toHaveLength(1);
    const file = slack.files[0]!;
    expect(file).toMatchObject({ filename: 'shot.png', title: 'shot.png', declaredLength: shot.length, altText: 'checkout page' });
    expect(file.bytes!.equals(shot)).toBe(true);
    expect(slack.replies('C0ALERTS', parent.ts!)).toEqual([
      { channel: 'C0ALERTS', ts: expect.any(String), thread_ts: parent.ts, initial_comment: 'failing step', files: [file] },
    ]);
    expect(slack.calls.map((c) => c.method)).toEqual(['chat.postMessage', 'files.getUploadURLExternal', 'files.completeUploadExternal']);
  });

  it('refuses uploads without files:write, into a channel the bot is not in, or by channel name', async () => {
    const chatOnly = await fake({ scopes: ['chat:write'] });
    await expect(clientFor(chatOnly).filesUploadV2({ channel_id: 'C0ALERTS', file: shot, filename: 'shot.png' })).rejects.toMatchObject({
      data: { ok: false, error: 'missing_scope', needed: 'files:write', provided: 'chat:write' },
    });
    expect(chatOnly.files).toEqual([]);

    const slack = await fake();
    await expect(clientFor(slack).filesUploadV2({ channel_id: 'C0OUTSIDE', file: shot, filename: 'shot.png' })).rejects.toMatchObject({
      data: { error: 'not_in_channel' },
    });
    await expect(clientFor(slack).filesUploadV2({ channel_id: 'alerts', file: shot, filename: 'shot.png' })).rejects.toMatchObject({
      data: { error: 'invalid_arguments' },
    });
    expect(slack.messages).toEqual([]);
  });

  it('filesUploadV2 with file_uploads: one upload URL per file, then one completeUploadExternal sharing them all', async () => {
    const slack = await fake();
    const client = clientFor(slack);
    const parent = await client.chat.postMessage({ channel: 'alerts', text: 'checkout failed' });
    const before = shot.subarray(0, 1200);
    const res = await client.filesUploadV2({
      channel_id: 'C0ALERTS',
      thread_ts: parent.ts!,
      file_uploads: [
        { file: shot, filename: 'now.png', title: 'now · pay · failed' },
        { file: before, filename: 'last-good.png', title: 'last good · pay' },
      ],
    });
    expect(res.ok).toBe(true);
    expect(slack.calls.map((c) => c.method)).toEqual([
      'chat.postMessage', 'files.getUploadURLExternal', 'files.getUploadURLExternal', 'files.completeUploadExternal',
    ]);
    const complete = slack.calls[3]!;
    // The upload URLs are asked for at once, so the ids may come in either order; the list follows file_uploads.
    const idOf = (filename: string) => slack.files.find((f) => f.filename === filename)!.id;
    expect(JSON.parse(complete.params.files!)).toEqual([
      { id: idOf('now.png'), title: 'now · pay · failed' },
      { id: idOf('last-good.png'), title: 'last good · pay' },
    ]);
    expect(complete.params).toMatchObject({ channel_id: 'C0ALERTS', thread_ts: parent.ts });
    // Both files, byte for byte, in one share in the thread, in the order of file_uploads.
    const [share, ...more] = slack.replies('C0ALERTS', parent.ts!);
    expect(more).toEqual([]);
    expect(share!.files!.map((f) => [f.filename, f.title, f.completed])).toEqual([
      ['now.png', 'now · pay · failed', true], ['last-good.png', 'last good · pay', true],
    ]);
    expect(share!.files![0]!.bytes!.equals(shot)).toBe(true);
    expect(share!.files![1]!.bytes!.equals(before)).toBe(true);
  });

  it('completeUploadExternal checks the files list: objects with an id, each file uploaded and completed once', async () => {
    const slack = await fake();
    const client = clientFor(slack);
    const uploaded = async () => {
      const { upload_url, file_id } = await client.files.getUploadURLExternal({ filename: 'shot.png', length: 4 });
      expect((await fetch(upload_url!, { method: 'POST', body: new Uint8Array(4) })).status).toBe(200);
      return file_id!;
    };
    const [a, b] = [await uploaded(), await uploaded()];
    const complete = (files: string) => client.apiCall('files.completeUploadExternal', { files, channel_id: 'C0ALERTS' });
    await expect(complete('{"id":"x"}')).rejects.toMatchObject({ data: { error: 'invalid_arguments' } });
    await expect(complete('[]')).rejects.toMatchObject({ data: { error: 'invalid_arguments' } });
    await expect(complete(JSON.stringify([{ id: a }, 'F0B']))).rejects.toMatchObject({ data: { error: 'invalid_arguments' } });
    await expect(complete(JSON.stringify([{ title: 'no id' }]))).rejects.toMatchObject({ data: { error: 'invalid_arguments' } });
    await expect(complete(JSON.stringify([{ id: a }, { id: a }]))).rejects.toMatchObject({ data: { error: 'file_not_found' } });
    // A refused call changes nothing: the files can still be completed, together, once.
    expect(slack.files.map((f) => f.completed)).toEqual([undefined, undefined]);
    await expect(complete(JSON.stringify([{ id: a }, { id: b, title: 'b' }]))).resolves.toMatchObject({
      ok: true, files: [{ id: a, title: 'shot.png' }, { id: b, title: 'b' }],
    });
    await expect(complete(JSON.stringify([{ id: b }]))).rejects.toMatchObject({ data: { error: 'file_not_found' } });
    expect(slack.messages).toHaveLength(1);
    expect(slack.messages[0]!.files!.map((f) => f.id)).toEqual([a, b]);
  });

  it('completeUploadExternal refuses a file whose bytes never arrived', async () => {
    const slack = await fake();
    const client = clientFor(slack);
    const { file_id } = await client.files.getUploadURLExternal({ filename: 'shot.png', length: 10 });
    await expect(client.files.completeUploadExternal({ files: [{ id: file_id! }], channel_id: 'C0ALERTS' })).rejects.toMatchObject({
      data: { error: 'file_not_found' },
    });
    await expect(client.files.getUploadURLExternal({ filename: 'shot.png', length: 0 })).rejects.toMatchObject({
      data: { error: 'missing_argument' },
    });
    expect(slack.messages).toEqual([]);
  });

  it('rejects an upload whose byte length differs from the declared length', async () => {
    const slack = await fake();
    const { upload_url, file_id } = await clientFor(slack).files.getUploadURLExternal({ filename: 'shot.png', length: 10 });
    const upload = (bytes: number) => {
      const form = new FormData();
      form.append('body', new Blob([new Uint8Array(bytes)]), 'shot.png');
      return fetch(upload_url!, { method: 'POST', body: form });
    };
    const short = await upload(5);
    expect(short.status).toBe(400);
    expect(slack.files[0]!.bytes).toBeUndefined();
    const exact = await upload(10);
    expect(exact.status).toBe(200);
    expect(await exact.text()).toBe('OK - 10');
    expect(slack.files[0]!.bytes).toHaveLength(10);
    expect((await fetch(upload_url!.replace(file_id!, 'F0NOSUCH'), { method: 'POST', body: 'x' })).status).toBe(404);
    expect(slack.calls.map((c) => c.method)).toEqual(['files.getUploadURLExternal']);
  });
});

describe('fake Slack: injected failures', () => {
  it('rateLimitNext: the client waits Retry-After seconds, then its retry succeeds', async () => {
    const slack = await fake();
    slack.rateLimitNext('chat.postMessage', 1);
    const started = Date.now();
    const res = await clientFor(slack).chat.postMessage({ channel: 'alerts', text: 'down' });
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
    expect(res.ok).toBe(true);
    expect(slack.calls.map((c) => [c.method, c.status])).toEqual([['chat.postMessage', 429], ['chat.postMessage', 200]]);
    expect(slack.calls[0]!.error).toBe('ratelimited');
    expect(slack.messages).toHaveLength(1);
  });

  it('rateLimitNext with rejectRateLimitedCalls: the client throws a rate-limit error at once', async () => {
    const slack = await fake();
    slack.rateLimitNext('chat.postMessage', 30);
    const post = clientFor(slack, { rejectRateLimitedCalls: true }).chat.postMessage({ channel: 'alerts', text: 'down' });
    // At once: waiting the 30 s Retry-After would meet the test's own timeout.
    await expect(post).rejects.toMatchObject({ code: 'slack_webapi_rate_limited_error', retryAfter: 30 });
    expect(slack.calls.map((c) => c.status)).toEqual([429]);
    expect(slack.messages).toEqual([]);
  });

  it('failNext answers one call with the error and extra fields, then the method works again', async () => {
    const slack = await fake();
    const client = clientFor(slack);
    slack.failNext('chat.postMessage', 'msg_too_long', { detail: 'injected' });
    await expect(client.chat.postMessage({ channel: 'alerts', text: 'x' })).rejects.toMatchObject({
      data: { ok: false, error: 'msg_too_long', detail: 'injected' },
    });
    await expect(client.auth.test()).resolves.toMatchObject({ ok: true, user_id: 'U0BOT', team: 'test' });
    await expect(client.chat.postMessage({ channel: 'alerts', text: 'x' })).resolves.toMatchObject({ ok: true });
    expect(slack.messages).toHaveLength(1);
  });

  it('answers unknown_method for an unknown method and 404 for anything but POST /api/<method>', async () => {
    const slack = await fake();
    await expect(clientFor(slack).apiCall('chat.postMessagee', { channel: 'alerts', text: 'x' })).rejects.toMatchObject({
      data: { error: 'unknown_method' },
    });
    expect((await fetch(`${slack.url}chat.postMessage`)).status).toBe(404);
    expect((await fetch(slack.url.replace('/api/', '/nope'), { method: 'POST' })).status).toBe(404);
  });
});

describe('fake Slack: per-channel rate limit', () => {
  const channels = [{ id: 'C0ALERTS', name: 'alerts', member: true }, { id: 'C0OTHER', name: 'other', member: true }];
  // The limit's clock stands still unless a test moves it: a slow machine must not refill the bucket between posts.
  let now = Date.UTC(2026, 11, 6);
  const rateLimitClock = () => now;

  it('answers 429 with Retry-After past one post per second in a channel, as Slack does; other channels are not affected', async () => {
    const slack = await fake({ channels, rateLimit: { perSecond: 1 }, rateLimitClock });
    const client = clientFor(slack, { rejectRateLimitedCalls: true });
    await expect(client.chat.postMessage({ channel: 'alerts', text: 'one' })).resolves.toMatchObject({ ok: true });
    // By name or by ID, it is the same channel.
    await expect(client.chat.postMessage({ channel: 'C0ALERTS', text: 'two' })).rejects.toMatchObject({ code: 'slack_webapi_rate_limited_error', retryAfter: 1 });
    await expect(client.chat.postMessage({ channel: 'other', text: 'elsewhere' })).resolves.toMatchObject({ ok: true });
    expect(slack.messages.map((m) => m.text)).toEqual(['one', 'elsewhere']);
    expect(slack.calls.map((c) => [c.status, c.error])).toEqual([[200, undefined], [429, 'ratelimited'], [200, undefined]]);
  });

  it('accepts the post again once Retry-After has passed', async () => {
    const slack = await fake({ channels, rateLimit: { perSecond: 1 }, rateLimitClock });
    const client = clientFor(slack, { rejectRateLimitedCalls: true });
    await client.chat.postMessage({ channel: 'alerts', text: 'one' });
    const limited = await client.chat.postMessage({ channel: 'alerts', text: 'two' }).catch((e: { retryAfter: number }) => e);
    now += (limited as { retryAfter: number }).retryAfter * 1000;
    await expect(client.chat.postMessage({ channel: 'alerts', text: 'two' })).resolves.toMatchObject({ ok: true });
    expect(slack.messages.map((m) => m.text)).toEqual(['one', 'two']);
  });

  it('allows a short burst, answers a fixed Retry-After when given one, and limits only the listed methods', async () => {
    const slack = await fake({ channels, rateLimit: { perSecond: 1, burst: 3, retryAfterSeconds: 30 }, rateLimitClock });
    const client = clientFor(slack, { rejectRateLimitedCalls: true });
    for (const text of ['a', 'b', 'c']) await client.chat.postMessage({ channel: 'alerts', text });
    await expect(client.chat.postMessage({ channel: 'alerts', text: 'd' })).rejects.toMatchObject({ retryAfter: 30 });
    // chat.update is not a post: it is not limited by default.
    await expect(client.chat.update({ channel: 'C0ALERTS', ts: slack.messages[0]!.ts, text: 'a2' })).resolves.toMatchObject({ ok: true });
    expect(slack.messages.map((m) => m.text)).toEqual(['a2', 'b', 'c']);
  });

  it('waits out the 429 in the client when it is not told to reject rate-limited calls', async () => {
    const slack = await fake({ channels, rateLimit: { perSecond: 1 } });
    const client = clientFor(slack);
    await Promise.all(['one', 'two'].map((text) => client.chat.postMessage({ channel: 'alerts', text })));
    expect(slack.messages).toHaveLength(2);
    expect(slack.calls.filter((c) => c.status === 429)).toHaveLength(1);
  });
});
