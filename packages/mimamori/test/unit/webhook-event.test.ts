// The webhook's event (pure): which event an alert is, the ids a receiver dedups by, how long each link works, the
// signature's form, the backoff — and that every kind of event is what the published JSON Schema says.
import { createHmac } from 'node:crypto';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { validate } from '../helpers/json-schema.ts';
import { codeBlocks } from '../helpers/markdown.ts';
import { checkResult } from '../helpers/check-result.ts';
import type { Alert } from '../../src/notify/notifier.ts';
import type { CheckResult } from '../../src/result/types.ts';
import { buildWebhookEvent, eventNameOf, incidentIdOf, type WebhookEvent } from '../../src/notify/webhook-event.ts';
import { signatureHeader } from '../../src/notify/webhook-signature.ts';
import { backoffMs } from '../../src/notify/webhook-client.ts';
import { retryAfterMs } from '../../src/notify/retry.ts';
import schema from '../../src/notify/webhook-schema.json' with { type: 'json' };

const NOW = Date.UTC(2026, 11, 6, 9, 0, 0);
const iso = (ms: number) => new Date(ms).toISOString();

function result(overrides: Partial<CheckResult> = {}): CheckResult {
  const startedAt = NOW - 60_000;
  return checkResult({
    name: 'checkout', tags: ['shop'], baseURL: 'https://shop.test', status: 'failed', startedAt, durationMs: 4200,
    budget: { degradedResponseTime: 3000 }, attempts: 2,
    navigations: [{ url: 'https://shop.test/cart', status: 500, startedAt }],
    steps: [
      { name: 'open cart', status: 'failed', durationMs: 4100, budget: {} },
      { name: 'pay', status: 'skipped', durationMs: 0, budget: {} },
    ],
    screenshots: [{
      file: '01-open-cart-failure.png', step: 'open cart', kind: 'failure', attempt: 2, width: 1280, height: 720,
      link: { url: 'https://b.s3.amazonaws.com/shot.png?X-Amz-Signature=1', expiresAt: iso(NOW + 7 * 86_400_000), consoleUrl: 'https://console.aws.amazon.com/s3/object/b?prefix=shot.png' },
    }],
    error: { name: 'HttpStatusError', message: '\u001b[31mGET https://shop.test/cart answered HTTP 500\u001b[39m\ncall log…', class: 'network', step: 'open cart' },
    storage: { s3: { result: { url: 'https://b.s3.amazonaws.com/result.json?X-Amz-Signature=2', expiresAt: iso(NOW + 3600_000), consoleUrl: 'https://console.aws.amazon.com/s3/object/b?prefix=result.json' } } } as CheckResult['storage'],
    ...overrides,
  });
}

const incident = { openedAt: iso(NOW - 11 * 60_000), openedRunId: 'run-1', failures: 3 };
function alert(o: Partial<Alert> = {}): Alert {
  return { decision: { action: 'open', reason: 'failed 1 time' }, result: result(), runId: 'run-1', timeZone: 'Asia/Tokyo', incident, ...o };
}
const build = (a: Alert, now = NOW) => JSON.parse(JSON.stringify(buildWebhookEvent(a, eventNameOf(a)!, now))) as WebhookEvent;

const CONFIRMED: NonNullable<CheckResult['confirmation']> = {
  home: 'ap-northeast-1', verdict: 'confirmed', words: 'down from ap-northeast-1 and us-west-2', waitedMs: 8_000,
  probes: [{ region: 'us-west-2', outcome: 'failed', durationMs: 1_900, error: { message: 'GET https://shop.test/cart answered HTTP 500', step: 'open cart' }, link: { url: 'https://b.s3.amazonaws.com/probes/us-west-2/screenshot.png?X-Amz-Signature=3', expiresAt: iso(NOW + 7 * 86_400_000) }, bytes: Buffer.from('png') }],
};

describe('buildWebhookEvent', () => {
  const passed = result({ status: 'passed', error: undefined, steps: [{ name: 'open cart', status: 'passed', durationMs: 800, budget: {} }] });
  const cases: [string, Alert][] = [
    ['an incident opened', alert()],
    ['a reminder', alert({ decision: { action: 'reply', reason: 'still failing', broadcast: true } })],
    ['a resolution', alert({ decision: { action: 'recover', reason: 'passed' }, result: passed })],
    ['a degraded report', alert({ decision: { action: 'post', reason: 'degraded' }, incident: null, result: result({ status: 'degraded', error: undefined }) })],
    ['the monitor broken', alert({ result: result({ error: { name: 'LaunchError', message: 'Chromium did not start', class: 'runner' } }), incident: { ...incident, kind: 'monitor' } })],
    ['a result with no screenshot, link or target', alert({ result: result({ screenshots: [], storage: undefined, navigations: [], baseURL: '' }) })],
    ['a failure confirmed from a probe region', alert({ result: result({ confirmation: CONFIRMED }) })],
  ];
  it.each(cases)('%s is what the published JSON Schema says', (_, a) => {
    expect(validate(schema, build(a))).toEqual([]);
  });

  it('maps the decision to the event, and an incident event without its incident to a report', () => {
    expect(cases.map(([, a]) => build(a).event)).toEqual(['incident.opened', 'incident.updated', 'incident.resolved', 'check.report', 'incident.opened', 'incident.opened', 'incident.opened']);
    expect(eventNameOf(alert({ decision: { action: 'none', reason: 'passed' } }))).toBeUndefined();
    expect(build(alert({ incident: null })).event).toBe('check.report');
  });

  it('carries the facts: headline, failing step, the error without colours, steps, severity, the resolution line', () => {
    const e = build(alert());
    expect(e).toMatchObject({
      schema: 'mimamori.alert/v1', headline: 'checkout FAILED', failingStep: 'open cart', severity: 'critical', kind: 'alert',
      error: { class: 'network', step: 'open cart', message: 'GET https://shop.test/cart answered HTTP 500\ncall log…' },
      check: { name: 'checkout', file: 'checks/checkout.check.ts', tags: ['shop'] }, target: { url: 'https://shop.test/cart', httpStatus: 500 },
      run: { id: 'run-1', status: 'failed', startedAt: iso(NOW - 60_000), durationMs: 4200, attempts: 2 }, resolution: null, note: null, sentAt: iso(NOW),
    });
    expect(e.steps.map((s) => [s.name, s.status, s.timing])).toEqual([['open cart', 'failed', '4.1 s'], ['pay', 'skipped', 'skipped']]);
    expect(build(cases[2]![1])).toMatchObject({ event: 'incident.resolved', severity: 'info', resolution: 'Resolved: checkout was failing for 10 min (3 failed runs)' });
    expect(build(cases[4]![1])).toMatchObject({ kind: 'monitor', severity: 'error', incident: { kind: 'monitor' } });
  });

  it('says what the probe regions saw (null when none were asked), each with its picture by link, never its bytes', () => {
    expect(build(alert()).confirmation).toBeNull();
    expect(build(alert({ result: result({ confirmation: CONFIRMED }) })).confirmation).toEqual({
      home: 'ap-northeast-1', verdict: 'confirmed', words: 'down from ap-northeast-1 and us-west-2',
      probes: [{ region: 'us-west-2', outcome: 'failed', durationMs: 1_900, error: { message: 'GET https://shop.test/cart answered HTTP 500', step: 'open cart' }, screenshotUrl: 'https://b.s3.amazonaws.com/probes/us-west-2/screenshot.png?X-Amz-Signature=3' }],
    });
  });

  it('gives the same event id on every build of one event (retries, a redelivered run) and another for another event', () => {
    const a = alert();
    expect(build(a, NOW).id).toBe(build(a, NOW + 60_000).id);
    expect(build(a).id).toMatch(/^evt_[0-9a-f]{32}$/);
    expect(build({ ...a, runId: 'run-2' }).id).not.toBe(build(a).id);
    expect(build({ ...a, decision: { action: 'recover', reason: 'passed' } }).id).not.toBe(build(a).id);
  });

  it('names the incident by the check and its opening run — or by the webhook\'s own stored ref, never another notifier\'s', () => {
    expect(build(alert()).incident!.id).toBe(incidentIdOf('checkout', 'run-1'));
    expect(build(alert({ incident: { ...incident, thread: { notifier: 'webhook', ref: { incidentId: 'inc_kept' } } } })).incident!.id).toBe('inc_kept');
    expect(build(alert({ incident: { ...incident, thread: { notifier: 'slack', ref: { channel: 'C1', ts: '1.2' } } } })).incident!.id).toBe(incidentIdOf('checkout', 'run-1'));
  });

  it('says until when each presigned link works; a link that will not last a day is its console page, with no expiry', () => {
    const e = build(alert());
    expect(e.screenshot).toEqual({ file: '01-open-cart-failure.png', kind: 'failure', step: 'open cart', width: 1280, height: 720, url: 'https://b.s3.amazonaws.com/shot.png?X-Amz-Signature=1', expiresAt: iso(NOW + 7 * 86_400_000) });
    const result = e.links.find((l) => l.kind === 'result')!;
    expect(result).toEqual({ kind: 'result', label: 'Result (S3 console)', url: 'https://console.aws.amazon.com/s3/object/b?prefix=result.json' });
  });
});

describe('the validator itself', () => {
  it('refuses a payload without an id, with a field the schema does not define, or with an unknown event', () => {
    const good = build(alert());
    const { id: _id, ...noId } = good;
    expect(validate(schema, noId)).toEqual(['$: lacks id']);
    expect(validate(schema, { ...good, extra: 1 })).toEqual(['$: has extra, which the schema does not define']);
    expect(validate(schema, { ...good, event: 'incident.closed' })[0]).toMatch(/^\$\.event: "incident\.closed" is not one of/);
    expect(validate(schema, { ...good, incident: { ...good.incident, failures: 1.5 } })[0]).toMatch(/^\$\.incident: matches 0 of oneOf/);
  });
});

describe('signature and retries', () => {
  it('signs `<unix seconds>.<body>` with HMAC-SHA256, as receivers verify it', () => {
    const body = '{"id":"evt_1"}';
    const header = signatureHeader(body, 'key', NOW + 999);
    const t = Math.floor(NOW / 1000);
    expect(header).toBe(`t=${t},v1=${createHmac('sha256', 'key').update(`${t}.${body}`).digest('hex')}`);
  });

  it('backs off doubling up to a cap, half of each wait random', () => {
    expect([1, 2, 3, 4, 5, 6].map((n) => backoffMs(n, () => 1))).toEqual([500, 1000, 2000, 4000, 8000, 8000]);
    expect(backoffMs(2, () => 0)).toBe(500);
  });

  it('reads Retry-After as seconds or an HTTP date', () => {
    expect(retryAfterMs('3', NOW)).toBe(3000);
    expect(retryAfterMs(new Date(NOW + 5000).toUTCString(), NOW)).toBe(5000);
    expect(retryAfterMs('soon', NOW)).toBeUndefined();
    expect(retryAfterMs(null, NOW)).toBeUndefined();
  });
});

describe('docs/webhooks.md', () => {
  it('its verification snippet accepts what the notifier signs, and refuses another body, another key and an old timestamp', async () => {
    const doc = join(import.meta.dirname, '../../../../docs/webhooks.md');
    const block = codeBlocks(doc, readFileSync(doc, 'utf8')).find((b) => b.lang === 'ts' && b.text.includes('export function verifyMimamori'));
    const file = join(await mkdtemp(join(tmpdir(), 'mimamori-verify-')), 'verify.mjs');
    await writeFile(file, block!.text);
    const { verifyMimamori } = await import(pathToFileURL(file).href) as { verifyMimamori: (body: string | Buffer, header: string | undefined, key: string, toleranceS?: number, nowS?: number) => boolean };
    const body = JSON.stringify(build(alert()));
    const header = signatureHeader(body, 'k3y-of-the-team', NOW);
    expect(verifyMimamori(body, header, 'k3y-of-the-team', 300, NOW / 1000 + 60)).toBe(true);
    expect(verifyMimamori(Buffer.from(body), header, 'k3y-of-the-team', 300, NOW / 1000)).toBe(true);
    expect(verifyMimamori(body.replace('FAILED', 'passed'), header, 'k3y-of-the-team', 300, NOW / 1000)).toBe(false);
    expect(verifyMimamori(body, header, 'another-key', 300, NOW / 1000)).toBe(false);
    expect(verifyMimamori(body, header, 'k3y-of-the-team', 300, NOW / 1000 + 301)).toBe(false);
    expect(verifyMimamori(body, undefined, 'k3y-of-the-team')).toBe(false);
  });
});
