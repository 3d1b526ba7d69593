// The generic webhook end to end: the real notifier (global fetch) against a fake receiver on 127.0.0.1 that verifies
// the signature as docs/webhooks.md tells receivers to — an incident through the after-run pipeline, then retries
// (429, 5xx, no answer), refusals, the deadline and secrecy one delivery at a time. Every event the receiver takes is
// held to the published JSON Schema. Waits between attempts are recorded, never slept.
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeWebhook, type FakeWebhook } from '../fixtures/fake-webhook.ts';
import { validate } from '../helpers/json-schema.ts';
import { cartResult, cartScreenshot } from '../helpers/check-result.ts';
import { afterRun } from '../../src/pipeline/after-run.ts';
import { LocalStore } from '../../src/store/local-store.ts';
import type { Alert, NotifyLimits } from '../../src/notify/notifier.ts';
import { WebhookNotifier, type WebhookSettings } from '../../src/notify/webhook-notifier.ts';
import type { CheckResult, CheckStatus, RunResult } from '../../src/result/types.ts';
import schema from '../../src/notify/webhook-schema.json' with { type: 'json' };

const KEY = 'whsec-0000-signing-key-do-not-leak';
let hook: FakeWebhook;
let scratch: string;

beforeAll(async () => {
  hook = await startFakeWebhook({ signingKey: KEY });
  scratch = await mkdtemp(join(tmpdir(), 'mimamori-webhook-'));
});
afterAll(() => hook?.close());

let clock = Date.UTC(2026, 10, 29, 7, 0, 0);
function result(name: string, status: CheckStatus): CheckResult {
  clock += 5 * 60_000;
  const week = new Date(Date.now() + 7 * 86_400_000).toISOString();
  const link = { url: `https://bucket.s3.amazonaws.com/${clock}.png?X-Amz-Signature=abc`, expiresAt: week, consoleUrl: 'https://console.aws.amazon.com/s3/object/bucket?prefix=x' };
  return cartResult(name, status, { startedAt: clock, tags: ['shop'], attempts: 1, screenshots: [cartScreenshot(status, { link })] });
}

/** The secrets as a store would hold them: the URL under its name, the key under `<NAME>_SIGNING_KEY`. */
function secrets(values: Record<string, string> = { HOOK: hook.url, HOOK_SIGNING_KEY: KEY }) {
  const read: string[] = [];
  const secret = async (name: string) => {
    read.push(name);
    if (!(name in values)) throw Object.assign(new Error(`no secret named ${name}`), { name: 'MissingSecretError' });
    return values[name]!;
  };
  return { secret, read };
}

/** A notifier whose waits are recorded (and skipped) and whose jitter is fixed at its top. */
function notifier(o: Partial<WebhookSettings> = {}) {
  const waits: number[] = [];
  const n = new WebhookNotifier({ ...secrets(), channel: 'HOOK', sleep: async (ms) => void waits.push(ms), random: () => 1, ...o });
  return { n, waits };
}

const limits = (o: Partial<NotifyLimits> = {}): NotifyLimits => ({ signal: new AbortController().signal, deadline: Date.now() + 60_000, requestTimeoutMs: 5_000, ...o });

function opening(r = result('checkout', 'failed')): Alert {
  const runId = `r-${r.startedAt}`;
  return { decision: { action: 'open', reason: 'failed 1 time in a row' }, result: r, runId, timeZone: 'Asia/Tokyo', incident: { openedAt: new Date(r.startedAt).toISOString(), openedRunId: runId, failures: 1 } };
}

async function deliver(alert: Alert, o: { settings?: Partial<WebhookSettings>; limits?: Partial<NotifyLimits> } = {}) {
  const { n, waits } = notifier(o.settings);
  const before = hook.requests.length;
  const delivered = await (await n.open(limits(o.limits))).deliver(alert);
  return { delivered, waits, requests: hook.requests.slice(before) };
}

describe('an incident through the after-run pipeline', () => {
  it('fail → fail → pass: opened, updated, resolved — one incident id on all three, each signed, one resolution', async () => {
    const before = hook.events.length;
    const options = {
      stores: { local: new LocalStore(join(scratch, 'incident')) },
      policies: new Map([['checkout', { alerts: { notify: 'problems', alertAfter: 1, remindEvery: 5 } as const, usual: false as const }]]),
      notifier: notifier().n, timeZone: 'Asia/Tokyo',
    };
    const runs: CheckResult[] = [];
    for (const status of ['failed', 'failed', 'passed'] as const) {
      const r = result('checkout', status);
      const run: RunResult = { runId: `run-${r.startedAt}`, startedAt: r.startedAt, durationMs: 1, results: [r], diagnostics: [] };
      await afterRun(run, options);
      runs.push(r);
      // The ref the pipeline keeps after the first event is the incident's id: the "thread" of a channel without threads.
      if (runs.length === 1) {
        const opened = JSON.parse(await readFile(join(scratch, 'incident/state/checkout.json'), 'utf8'));
        expect(opened.incident.thread).toEqual({ notifier: 'webhook', ref: { incidentId: (hook.events.at(-1) as { incident: { id: string } }).incident.id } });
      }
    }
    expect(runs.map((r) => [r.notification!.action, r.notification!.error])).toEqual([['open', undefined], ['reply', undefined], ['recover', undefined]]);
    const events = hook.events.slice(before) as { event: string; incident: { id: string; failures: number }; resolution: string | null; screenshot: { url?: string; expiresAt?: string } }[];
    expect(events.map((e) => e.event)).toEqual(['incident.opened', 'incident.updated', 'incident.resolved']);
    expect(new Set(events.map((e) => e.incident.id)).size).toBe(1);
    expect(events.map((e) => e.incident.failures)).toEqual([1, 2, 2]);
    expect(events[2]!.resolution).toMatch(/^Resolved: checkout was failing for 10 min \(2 failed runs\)$/);
    expect(events[0]!.screenshot).toEqual(expect.objectContaining({ url: expect.stringContaining('X-Amz-Signature'), expiresAt: expect.any(String) }));
    const state = JSON.parse(await readFile(join(scratch, 'incident/state/checkout.json'), 'utf8'));
    expect(state.incident).toBeNull();
    expect(hook.headers.get((hook.events[before] as { id: string }).id)).toMatchObject({ 'x-mimamori-event': 'incident.opened', 'content-type': 'application/json' });
  });
});

describe('one delivery', () => {
  it('returns the incident id as its thread ref on the first event, and uses a stored ref on the next', async () => {
    const first = opening();
    const { delivered } = await deliver(first);
    expect(delivered.thread).toEqual({ notifier: 'webhook', ref: { incidentId: expect.stringMatching(/^inc_[0-9a-f]{32}$/) } });
    const reply: Alert = { ...first, decision: { action: 'reply', reason: 'still failing', broadcast: false }, runId: 'r-next', incident: { ...first.incident!, failures: 2, thread: { notifier: 'webhook', ref: { incidentId: 'inc_kept' } } } };
    const next = await deliver(reply);
    expect(next.delivered).toEqual({ outcome: { action: 'reply', reason: 'still failing', channel: 'HOOK' } });
    expect(hook.events.at(-1)).toMatchObject({ event: 'incident.updated', incident: { id: 'inc_kept', failures: 2 } });
  });

  it('waits out a 429 for its Retry-After, then sends the same event id again', async () => {
    hook.answerNext(429, { retryAfter: '2' });
    const { delivered, waits, requests } = await deliver(opening());
    expect(delivered.outcome.error).toBeUndefined();
    expect(waits).toEqual([2000]);
    expect(requests.map((r) => [r.status, r.attempt])).toEqual([[429, '1'], [202, '2']]);
    expect(requests[0]!.eventId).toBe(requests[1]!.eventId);
  });

  it('retries 5xx with growing waits (jitter injected) and is taken once', async () => {
    hook.answerNext(503);
    hook.answerNext(502);
    const before = hook.events.length;
    const { delivered, waits, requests } = await deliver(opening());
    expect(delivered.outcome.error).toBeUndefined();
    expect(waits).toEqual([500, 1000]);
    expect(requests.map((r) => r.status)).toEqual([503, 502, 202]);
    expect(hook.events.length - before).toBe(1);
  });

  it('reports a 4xx without retrying it, and hides the URL a receiver echoes', async () => {
    hook.answerNext(400, { body: `{"error":"bad event for ${new URL(hook.url).pathname}"}` });
    const { delivered, waits, requests } = await deliver(opening());
    expect(requests).toHaveLength(1);
    expect(waits).toEqual([]);
    expect(delivered.outcome.error).toEqual({ name: 'WebhookError', message: expect.stringMatching(/^webhook HOOK: incident\.opened evt_\w+ refused: the receiver answered HTTP 400: .*\[secret\].*; not retried$/) });
    expect(JSON.stringify(delivered)).not.toContain(new URL(hook.url).pathname);
  });

  it('gives up on 5xx after the attempts allowed, saying how many', async () => {
    for (let i = 0; i < 3; i++) hook.answerNext(500);
    const { delivered, requests } = await deliver(opening(), { settings: { maxAttempts: 3 } });
    expect(requests.map((r) => r.status)).toEqual([500, 500, 500]);
    expect(delivered.outcome.error!.message).toMatch(/not delivered after 3 attempts: the receiver answered HTTP 500/);
  });

  it('does not retry past the deadline: a Retry-After beyond it ends the delivery at once', async () => {
    hook.answerNext(429, { retryAfter: '120' });
    const { delivered, waits, requests } = await deliver(opening(), { limits: { deadline: Date.now() + 30_000 } });
    expect(requests).toHaveLength(1);
    expect(waits).toEqual([]);
    expect(delivered.outcome.error!.message).toMatch(/HTTP 429.*the next try \(in 2 min\) would be past the run's deadline/);
  });

  it('starts nothing once the deadline has passed: no secret read, no request', async () => {
    const { secret, read } = secrets();
    const { delivered, requests } = await deliver(opening(), { settings: { secret }, limits: { deadline: Date.now() - 1 } });
    expect(read).toEqual([]);
    expect(requests).toEqual([]);
    expect(delivered.outcome).toMatchObject({ action: 'open', error: { message: "webhook HOOK: incident.opened not sent: the run's deadline had passed" } });
    expect(delivered.thread).toBeUndefined();
  });

  it('reports a signature the receiver refuses (the wrong key) with neither key nor URL in it', async () => {
    const { secret } = secrets({ HOOK: hook.url, HOOK_SIGNING_KEY: 'whsec-wrong-key-also-secret' });
    const { delivered, requests } = await deliver(opening(), { settings: { secret } });
    expect(requests.map((r) => [r.status, r.refused])).toEqual([[401, 'signature']]);
    expect(delivered.outcome.error!.message).toMatch(/HTTP 401: \{"error":"signature does not match"\}; not retried/);
    for (const s of [hook.url, new URL(hook.url).pathname, 'whsec-wrong-key-also-secret', KEY]) expect(JSON.stringify(delivered)).not.toContain(s);
  });

  it('is refused as a replay when its clock is far behind the receiver\'s', async () => {
    const { delivered, requests } = await deliver(opening(), { settings: { now: () => Date.now() - 10 * 60_000 } });
    expect(requests.map((r) => r.refused)).toEqual(['signature']);
    expect(delivered.outcome.error!.message).toContain('timestamp outside the tolerance');
  });

  it('sends nothing without its signing key, naming the secret it looked for', async () => {
    const { secret } = secrets({ HOOK: hook.url });
    const { delivered, requests } = await deliver(opening(), { settings: { secret } });
    expect(requests).toEqual([]);
    expect(delivered.outcome.error!.message).toBe("webhook HOOK: incident.opened not sent: could not read the secret HOOK_SIGNING_KEY (the webhook's signing key): MissingSecretError: no secret named HOOK_SIGNING_KEY");
  });

  it('retries a receiver that does not answer, then says so without its address', async () => {
    const gone = await startFakeWebhook({ signingKey: KEY });
    await gone.close();
    const { secret } = secrets({ HOOK: gone.url, HOOK_SIGNING_KEY: KEY });
    const { delivered, waits } = await deliver(opening(), { settings: { secret, maxAttempts: 3 } });
    expect(waits).toEqual([500, 1000]);
    expect(delivered.outcome.error!.message).toMatch(/not delivered after 3 attempts: the request did not reach the receiver \(ECONNREFUSED\)$/);
    expect(JSON.stringify(delivered)).not.toContain(new URL(gone.url).host);
  });

  it('retries a receiver that takes the request and never answers, each attempt bounded by the request timeout', async () => {
    hook.answerNext('hang');
    // The timeout bounds the answered retry too: long enough for its round trip on a busy machine.
    const { delivered, waits, requests } = await deliver(opening(), { limits: { requestTimeoutMs: 3_000 } });
    expect(delivered.outcome.error).toBeUndefined();
    expect(requests.map((r) => r.status)).toEqual([0, 202]);
    expect(waits).toEqual([500]);
  });

  it('refuses a URL with a user and password in it without sending, and without the URL in the error', async () => {
    const withCredentials = hook.url.replace('http://', 'http://ops:pa55word@');
    const { secret } = secrets({ HOOK: withCredentials, HOOK_SIGNING_KEY: KEY });
    const { delivered, requests } = await deliver(opening(), { settings: { secret } });
    expect(requests).toEqual([]);
    expect(delivered.outcome.error!.message).toBe('webhook HOOK: incident.opened not sent: the secret HOOK is a URL with a user name or password in it, which fetch refuses: put them in the path or a query parameter');
  });

  it('says which secret to set when the alert names no webhook', async () => {
    const { delivered, requests } = await deliver(opening(), { settings: { channel: undefined } });
    expect(requests).toEqual([]);
    expect(delivered.outcome.error!.message).toMatch(/^no webhook: name the secret that holds its URL/);
  });
});

// Last: the events every test above made the receiver take.
it('sent only events the published JSON Schema accepts', () => {
  expect(hook.events.length).toBeGreaterThan(5);
  for (const event of hook.events) expect(validate(schema, event)).toEqual([]);
});
