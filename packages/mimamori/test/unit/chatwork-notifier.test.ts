// The Chatwork notifier through its real client (global fetch) against the fake Chatwork API on 127.0.0.1: an
// incident's open → reply → recovery pointing to one first message, the screenshot as a file, 429 waited out until
// X-RateLimit-Reset, 5xx retried, 4xx reported and not retried, nothing after the deadline, no token in any failure.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ChatworkNotifier } from '../../src/notify/chatwork-notifier.ts';
import type { Alert, NotifyLimits } from '../../src/notify/notifier.ts';
import type { Incident } from '../../src/policy/check-state.ts';
import type { AlertDecision } from '../../src/policy/alert-policy.ts';
import { startFakeChatwork, type FakeChatwork } from '../fixtures/fake-chatwork.ts';
import { failedResult, NOW } from '../fixtures/chatwork-alert.ts';

const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');
const limits = (over: Partial<NotifyLimits> = {}): NotifyLimits => ({ signal: new AbortController().signal, deadline: Date.now() + 30_000, requestTimeoutMs: 5_000, ...over });

function alert(decision: AlertDecision, incident: Incident | null, over: Partial<Alert> = {}): Alert {
  const result = failedResult(PNG);
  if (decision.action === 'recover') Object.assign(result, { status: 'passed', error: undefined });
  return { decision, result, runId: `run-${decision.action}`, timeZone: 'Asia/Tokyo', incident, channel: '111', ...over };
}

let cw: FakeChatwork;
beforeEach(async () => {
  cw = await startFakeChatwork();
});
afterEach(async () => {
  await cw.close();
});

const notifier = (over: { token?: string } = {}) => new ChatworkNotifier({ token: over.token ?? cw.token, apiUrl: cw.url, room: '222' });

describe('ChatworkNotifier', () => {
  it('posts an incident\'s first message, then replies and the recovery pointing to it, each with its screenshot', async () => {
    const session = await notifier().open(limits());
    const incident: Incident = { openedAt: new Date(NOW - 60_000).toISOString(), openedRunId: 'run-open', failures: 1 };
    const opened = await session.deliver(alert({ action: 'open', reason: 'failed' }, incident));
    expect(opened.outcome.error).toBeUndefined();
    const first = cw.messages[0]!;
    expect(opened.thread).toEqual({ notifier: 'chatwork', ref: { room: '111', messageId: first.messageId } });
    expect(opened.outcome).toMatchObject({ action: 'open', channel: '111', ts: first.messageId });
    expect(first.body).toMatch(/^\[info\]\[title\]checkout ［toall] FAILED\[\/title\]/);

    const thread = opened.thread!;
    const replied = await session.deliver(alert({ action: 'reply', reason: 'still failing', broadcast: false }, { ...incident, failures: 2, thread }, { channel: '999' }));
    // The reply goes to the first message's room, whatever the alert names now, and keeps the same thread.
    expect(replied.thread).toEqual(thread);
    expect(replied.outcome).toMatchObject({ channel: '111', threadTs: first.messageId });
    const recovered = await session.deliver(alert({ action: 'recover', reason: 'passed' }, { ...incident, failures: 2, thread }));
    expect(recovered.thread).toBeUndefined();
    expect(recovered.outcome.error).toBeUndefined();

    const texts = cw.messages.filter((m) => !m.file);
    expect(texts).toHaveLength(3);
    expect(texts[1]!.body.startsWith(`[rp aid=${cw.accountId} to=111-${first.messageId}]\n[info]`)).toBe(true);
    expect(texts[2]!.body).toContain(`[rp aid=${cw.accountId} to=111-${first.messageId}]\n[info][title]checkout ［toall] recovered`);
    expect(texts[2]!.body).toContain('Resolved: checkout ［toall] was failing for');
    // Each alert's picture right after it, as a PNG file whose caption replies to that alert's message.
    const files = cw.messages.filter((m) => m.file);
    expect(files).toHaveLength(3);
    expect(files[0]!.file).toMatchObject({ filename: 'checkout [toall]-02-add-to-cart-failure.png', contentType: 'image/png' });
    expect(files[0]!.file!.bytes.equals(PNG)).toBe(true);
    // (multipart form values carry their line break as CRLF)
    expect(files[0]!.body).toBe(`[rp aid=${cw.accountId} to=111-${first.messageId}]\r\nScreenshot: checkout ［toall] · add to cart ［To:123] · failed`);
    expect(cw.messages.map((m) => (m.file ? 'file' : 'text'))).toEqual(['text', 'file', 'text', 'file', 'text', 'file']);
    // The account id is looked up once for the notifier, not per message.
    expect(cw.requests.filter((r) => r.path === '/v2/me')).toHaveLength(1);
  });

  it('makes a reply without a thread of its own the first message, and never uses another notifier\'s ref', async () => {
    const session = await notifier().open(limits());
    const incident: Incident = { openedAt: new Date(NOW).toISOString(), openedRunId: 'r', failures: 2, thread: { notifier: 'slack', ref: { channel: 'C1', ts: '1.2' } } };
    const d = await session.deliver(alert({ action: 'reply', reason: 'still failing', broadcast: false }, incident));
    expect(d.thread).toEqual({ notifier: 'chatwork', ref: { room: '111', messageId: cw.messages[0]!.messageId } });
    expect(cw.messages[0]!.body.startsWith('[info]')).toBe(true);
  });

  it('posts to its default room when the alert names none, and a post outside incidents has no thread', async () => {
    const d = await (await notifier().open(limits())).deliver(alert({ action: 'post', reason: 'degraded' }, null, { channel: undefined }));
    expect(d.thread).toBeUndefined();
    expect(d.outcome).toMatchObject({ action: 'post', channel: '222' });
  });

  it('waits out a 429 until X-RateLimit-Reset, then sends', async () => {
    cw.rateLimitNext(1, Math.floor(Date.now() / 1000));
    const d = await (await notifier().open(limits())).deliver(alert({ action: 'post', reason: 'degraded' }, null));
    expect(d.outcome.error).toBeUndefined();
    expect(cw.requests.map((r) => r.status).slice(0, 2)).toEqual([429, 200]);
    expect(cw.messages.filter((m) => !m.file)).toHaveLength(1);
  });

  it('reports a 429 whose reset is past the deadline without waiting for it', async () => {
    cw.rateLimitNext(1, Math.floor(Date.now() / 1000) + 600);
    const d = await (await notifier().open(limits())).deliver(alert({ action: 'post', reason: 'degraded' }, null));
    expect(d.outcome.error).toMatchObject({ name: 'ChatworkError', message: expect.stringMatching(/rate-limited the token/) });
    expect(cw.requests).toHaveLength(1);
  });

  it('gives the screenshot up, not the alert, when only the upload is rate-limited', async () => {
    const session = await notifier().open(limits());
    await session.deliver(alert({ action: 'post', reason: 'warm up' }, null)); // the account id is known from here on
    cw.messages.length = 0;
    // The text goes; the upload is refused until a minute from now.
    cw.rateLimitNext(1, Math.floor(Date.now() / 1000) + 60, '/files');
    const d = await session.deliver(alert({ action: 'post', reason: 'degraded' }, null));
    expect(d.outcome.error).toBeUndefined();
    expect(d.outcome.imageSkipped).toMatch(/rate-limited.*the alerts went first/);
    expect(cw.messages.filter((m) => m.file)).toHaveLength(0);
  });

  it('retries a 5xx with backoff and sends once', async () => {
    cw.failNext(503, 1);
    const d = await (await notifier().open(limits())).deliver(alert({ action: 'post', reason: 'degraded' }, null));
    expect(d.outcome.error).toBeUndefined();
    expect(cw.requests.map((r) => r.status).slice(0, 2)).toEqual([503, 200]);
    expect(cw.messages.filter((m) => !m.file)).toHaveLength(1);
  });

  it('reports a 4xx at once, not retried: an unknown room says what to check', async () => {
    const d = await (await notifier().open(limits())).deliver(alert({ action: 'open', reason: 'failed' }, null, { channel: '404404' }));
    expect(d.outcome.error?.message).toMatch(/^Chatwork message failed: Chatwork room 404404 not found \(404\).*: Resource not found$/);
    expect(cw.requests).toHaveLength(1);
  });

  it('reports a rejected token without the token in it, and sends nothing more', async () => {
    const wrong = 'cw-wrong-token-9876543210';
    const d = await (await notifier({ token: wrong }).open(limits())).deliver(alert({ action: 'open', reason: 'failed' }, null));
    expect(d.outcome.error?.message).toMatch(/rejected the API token \(401\).*Invalid API token/);
    expect(JSON.stringify(d)).not.toContain(wrong);
    expect(cw.requests).toHaveLength(1);
    expect(cw.messages).toHaveLength(0);
  });

  it('starts nothing once the deadline has passed, or the run is stopped', async () => {
    const late = await (await notifier().open(limits({ deadline: Date.now() - 1 }))).deliver(alert({ action: 'open', reason: 'failed' }, null));
    expect(late.outcome.error?.message).toMatch(/not sent: the run's time for alerts is up/);
    const stop = new AbortController();
    stop.abort(new Error('the Lambda is about to time out'));
    const stopped = await (await notifier().open(limits({ signal: stop.signal }))).deliver(alert({ action: 'open', reason: 'failed' }, null));
    expect(stopped.outcome.error?.message).toBe('Chatwork message not sent: the Lambda is about to time out');
    expect(cw.requests).toHaveLength(0);
  });

  it('skips a screenshot over Chatwork\'s 5 MB limit and says so; the alert still goes', async () => {
    const a = alert({ action: 'post', reason: 'degraded' }, null);
    a.result.screenshots[0]!.bytes = Buffer.alloc(5 * 1024 * 1024 + 1);
    const d = await (await notifier().open(limits())).deliver(a);
    expect(d.outcome.error).toBeUndefined();
    expect(d.outcome.imageSkipped).toMatch(/over Chatwork's 5 MB file limit/);
    expect(cw.messages.filter((m) => m.file)).toHaveLength(0);
  });

  it('reports no room when neither the alert nor the notifier names one', async () => {
    const d = await (await new ChatworkNotifier({ token: cw.token, apiUrl: cw.url }).open(limits())).deliver(alert({ action: 'post', reason: 'x' }, null, { channel: undefined }));
    expect(d.outcome.error?.message).toMatch(/no Chatwork room/);
    expect(cw.requests).toHaveLength(0);
  });
});

describe('the fake Chatwork', () => {
  it('refuses what Chatwork refuses: a body that is not form-encoded or empty, a file over 5 MB, and past 300 requests', async () => {
    const headers = { 'x-chatworktoken': cw.token };
    const json = await fetch(`${cw.url}/rooms/111/messages`, { method: 'POST', headers: { ...headers, 'content-type': 'application/json' }, body: '{"body":"x"}' });
    expect(json.status).toBe(400);
    const empty = await fetch(`${cw.url}/rooms/111/messages`, { method: 'POST', headers, body: new URLSearchParams({ body: '' }) });
    expect(empty.status).toBe(400);
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(5 * 1024 * 1024 + 1)]), 'big.png');
    expect((await fetch(`${cw.url}/rooms/111/files`, { method: 'POST', headers, body: form })).status).toBe(400);
    const limited = await startFakeChatwork({ limit: 2 });
    try {
      const me = () => fetch(`${limited.url}/me`, { headers: { 'x-chatworktoken': limited.token } });
      expect([(await me()).status, (await me()).status]).toEqual([200, 200]);
      const third = await me();
      expect(third.status).toBe(429);
      expect(Number(third.headers.get('x-ratelimit-reset'))).toBeGreaterThan(0);
      expect(await third.json()).toEqual({ errors: ['Rate limit exceeded'] });
    } finally {
      await limited.close();
    }
  });
});
