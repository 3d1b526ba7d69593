// Teams end to end: the real TeamsNotifier (global fetch) against the fake Workflows webhook on 127.0.0.1 — an
// incident through the after-run pipeline (one card, replies and the recovery quoting it), the picture by its link,
// 429 / 5xx / 4xx, the deadline, sizes, and the URL (a credential) never shown.
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeTeams, type FakeTeams } from '../fixtures/fake-teams.ts';
import { startHangingServer } from '../fixtures/hanging-server.ts';
import { cartResult } from '../helpers/check-result.ts';
import { afterRun, type AfterRunOptions } from '../../src/pipeline/after-run.ts';
import { LocalStore } from '../../src/store/local-store.ts';
import { TeamsNotifier, type TeamsSettings } from '../../src/notify/teams-notifier.ts';
import { postToWorkflow } from '../../src/notify/teams-client.ts';
import { buildTeamsMessage } from '../../src/notify/teams-card.ts';
import { alertFacts } from '../../src/notify/alert-facts.ts';
import type { Alert, NotifyLimits } from '../../src/notify/notifier.ts';
import { shortStampWithZone } from '../../src/render/time.ts';
import type { CheckResult, CheckStatus, RunResult } from '../../src/result/types.ts';

const SECRET = 'TEAMS_URL_SECRET';
let teams: FakeTeams;
let scratch: string;
let urls: Record<string, string>;

beforeAll(async () => {
  teams = await startFakeTeams();
  scratch = await mkdtemp(join(tmpdir(), 'mimamori-teams-'));
  urls = { [SECRET]: teams.url, BAD_SIG: teams.badSigUrl, GONE: teams.goneUrl, RETIRED: 'https://contoso.webhook.office.com/webhookb2/x/IncomingWebhook/y/z' };
});
afterAll(() => teams?.close());

/** Waits recorded, not slept: retries are events the test reads, never wall time. */
function settings(extra: Partial<TeamsSettings> = {}): TeamsSettings & { waits: number[]; reads: string[] } {
  const waits: number[] = [];
  const reads: string[] = [];
  return {
    secret: async (name) => {
      reads.push(name);
      const url = urls[name];
      if (!url) throw new Error(`ParameterNotFound: ${name}`);
      return url;
    },
    channel: SECRET,
    wait: async (ms) => void waits.push(ms),
    waits,
    reads,
    ...extra,
  };
}

let clock = Date.UTC(2026, 10, 29, 7, 0, 0);
function result(name: string, status: CheckStatus, more: Partial<CheckResult> = {}): CheckResult {
  clock += 5 * 60_000;
  return cartResult(name, status, { startedAt: clock, ...more });
}

const limits = (over: Partial<NotifyLimits> = {}): NotifyLimits => ({ signal: new AbortController().signal, deadline: Date.now() + 60_000, requestTimeoutMs: 10_000, ...over });
const alertOf = (r: CheckResult, channel?: string): Alert => ({
  decision: { action: 'post', reason: 'failed' }, result: r, runId: 'r-1', timeZone: 'Asia/Tokyo', incident: null, ...(channel && { channel }),
});
const texts = (card: Record<string, unknown>): string => JSON.stringify(card);
const newCards = (n: number) => teams.cards.slice(n);

async function runOnce(r: CheckResult, options: AfterRunOptions): Promise<CheckResult> {
  const run: RunResult = { runId: `20261129T${String(r.startedAt).slice(-6)}Z-aaaaaa`, startedAt: r.startedAt, durationMs: 1, results: [r], diagnostics: [] };
  await afterRun(run, options);
  return r;
}

describe('one incident in Teams', () => {
  it('fail → fail → pass through the after-run pipeline: one card opens it, the reply and the recovery quote it, the thread ref is Teams\' own', async () => {
    const before = teams.cards.length;
    const options: AfterRunOptions = {
      stores: { local: new LocalStore(join(scratch, 'incident')) },
      policies: new Map([['checkout', { alerts: { notify: 'problems', alertAfter: 1, remindEvery: 5 }, usual: false }]]),
      notifier: new TeamsNotifier(settings()),
      timeZone: 'Asia/Tokyo',
    };
    const runs = [];
    for (const status of ['failed', 'failed', 'passed'] as const) runs.push(await runOnce(result('checkout', status), options));
    const opened = runs[0]!;

    expect(runs.map((r) => r.notification!.action)).toEqual(['open', 'reply', 'recover']);
    expect(runs.map((r) => r.notification!.error)).toEqual([undefined, undefined, undefined]);
    expect(teams.failedRuns).toEqual([]);
    const [first, reply, recovery] = newCards(before).map(texts);
    expect(newCards(before)).toHaveLength(3);
    expect(first).toContain('🔴 checkout FAILED');
    expect(first).not.toContain('Re: ');
    const quote = `Re: checkout FAILED — opened ${shortStampWithZone(opened.startedAt, 'Asia/Tokyo')}`;
    expect(reply).toContain(quote);
    expect(recovery).toContain(quote);
    expect(recovery).toContain('✅ checkout recovered after 10 min down');
    expect(recovery).toContain('Resolved: checkout was failing for 10 min (2 failed runs)');
    // The stored incident kept Teams' ref while it was open; the recovery closed it.
    expect(runs[1]!.notification!.reason).toContain('quoting the incident\'s first card');
    const state = JSON.parse(await readFile(join(scratch, 'incident/state/checkout.json'), 'utf8'));
    expect(state).toMatchObject({ lastStatus: 'passed', incident: null });
    // No outcome carries the webhook URL or its signature.
    expect(JSON.stringify(runs.map((r) => r.notification))).not.toContain(teams.sig);
  });

  it('returns its own thread ref for the first card: when the incident opened and the headline, plain text', async () => {
    const session = await new TeamsNotifier(settings()).open(limits());
    const r = result('search', 'failed');
    const incident = { openedAt: new Date(r.startedAt).toISOString(), openedRunId: 'r-1', failures: 1 };
    const delivered = await session.deliver({ ...alertOf(r), decision: { action: 'open', reason: 'opened' }, incident });
    expect(delivered.thread).toEqual({ notifier: 'teams', ref: { openedAt: incident.openedAt, title: 'search FAILED' } });
    // Another notifier's ref is not ours to quote: the reply then stands on its own and becomes the first card.
    const before = teams.cards.length;
    const slackRef = { notifier: 'slack', ref: { channel: 'C1', ts: '1.2' } };
    const reply = await session.deliver({ ...alertOf(result('search', 'failed')), decision: { action: 'reply', reason: 'again', broadcast: false }, incident: { ...incident, failures: 2, thread: slackRef } });
    expect(texts(newCards(before)[0]!)).not.toContain('Re: ');
    expect(reply.thread).toMatchObject({ notifier: 'teams' });
  });
});

describe('the picture', () => {
  it('shows the screenshot by its presigned link, says until when, and the facts stay text', async () => {
    const expiresAt = new Date(Date.now() + 6 * 24 * 3600_000).toISOString();
    const shot = { file: '01-open-cart-failure.png', step: 'open cart', kind: 'failure' as const, attempt: 1, width: 64, height: 48, link: { url: 'https://bucket.s3.amazonaws.com/shot.png?X-Amz-Signature=abc&X-Amz-Expires=518400', expiresAt } };
    const before = teams.cards.length;
    const session = await new TeamsNotifier(settings()).open(limits());
    const { outcome } = await session.deliver(alertOf(result('checkout', 'failed', { screenshots: [shot] })));
    expect(outcome.error).toBeUndefined();
    const card = newCards(before)[0]!;
    const body = card.body as Record<string, unknown>[];
    expect(body).toContainEqual(expect.objectContaining({ type: 'Image', url: shot.link.url, altText: 'Screenshot at open cart (failure)' }));
    expect(texts(card)).toContain(`The picture shows until ${shortStampWithZone(Date.parse(expiresAt), 'Asia/Tokyo')}, when its link expires`);
    expect(texts(card)).toContain('**network error** in **open cart**');
  });

  it('leaves the picture out once its link has expired, and says so', async () => {
    const shot = { file: 'f.png', kind: 'failure' as const, attempt: 1, width: 1, height: 1, link: { url: 'https://bucket.s3.amazonaws.com/old.png?X-Amz-Signature=x', expiresAt: new Date(Date.now() - 60_000).toISOString() } };
    const before = teams.cards.length;
    await (await new TeamsNotifier(settings()).open(limits())).deliver(alertOf(result('checkout', 'failed', { screenshots: [shot] })));
    const card = newCards(before)[0]!;
    expect((card.body as { type: string }[]).some((e) => e.type === 'Image')).toBe(false);
    expect(texts(card)).toContain('link has expired');
  });
});

describe('delivery within limits', () => {
  it('429 then success: waits what Retry-After says, and one card is posted', async () => {
    const s = settings();
    const before = teams.requests.length;
    teams.rateLimitNext(3);
    const { outcome } = await (await new TeamsNotifier(s).open(limits())).deliver(alertOf(result('checkout', 'failed')));
    expect(outcome.error).toBeUndefined();
    expect(s.waits).toEqual([3000]);
    expect(teams.requests.slice(before).map((q) => q.status)).toEqual([429, 202]);
  });

  it('a 5xx is retried with backoff, then the card is posted', async () => {
    const s = settings();
    const before = teams.requests.length;
    teams.failNext(502);
    teams.failNext(503);
    const { outcome } = await (await new TeamsNotifier(s).open(limits())).deliver(alertOf(result('checkout', 'failed')));
    expect(outcome.error).toBeUndefined();
    expect(s.waits).toEqual([1000, 2000]);
    expect(teams.requests.slice(before).map((q) => q.status)).toEqual([502, 503, 202]);
  });

  it('a 429 whose wait the deadline does not allow is reported, not waited for', async () => {
    const s = settings();
    teams.rateLimitNext(120);
    const { outcome } = await (await new TeamsNotifier(s).open(limits({ deadline: Date.now() + 30_000 }))).deliver(alertOf(result('checkout', 'failed')));
    expect(s.waits).toEqual([]);
    expect(outcome.error).toMatchObject({ name: 'TeamsError', message: expect.stringContaining('rate-limited the card (retry after 2 min') });
  });

  it('a refused signature (401) is reported once, not retried, naming the secret and never the URL or its sig', async () => {
    const s = settings();
    const before = teams.requests.length;
    const { outcome } = await (await new TeamsNotifier(s).open(limits())).deliver(alertOf(result('checkout', 'failed'), 'BAD_SIG'));
    expect(teams.requests.length - before).toBe(1);
    expect(s.waits).toEqual([]);
    expect(outcome).toMatchObject({ channel: 'BAD_SIG', error: { name: 'TeamsError', message: expect.stringContaining('HTTP 401: DirectApiInvalidAuthorizationSignature') } });
    expect(JSON.stringify(outcome)).not.toContain('not-the-signature');
    expect(JSON.stringify(outcome)).not.toContain('127.0.0.1');
  });

  it('a deleted workflow (404) is reported, not retried', async () => {
    const before = teams.requests.length;
    const { outcome } = await (await new TeamsNotifier(settings()).open(limits())).deliver(alertOf(result('checkout', 'failed'), 'GONE'));
    expect(teams.requests.length - before).toBe(1);
    expect(outcome.error!.message).toContain('HTTP 404: WorkflowNotFound');
    expect(outcome.error!.message).not.toContain(teams.sig);
  });

  it('a deadline that has passed, or a stopped run, starts nothing: no secret read, no request', async () => {
    const before = teams.requests.length;
    const s = settings();
    const late = await (await new TeamsNotifier(s).open(limits({ deadline: Date.now() - 1 }))).deliver(alertOf(result('checkout', 'failed')));
    const stop = new AbortController();
    stop.abort(new Error('the Lambda is about to time out'));
    const stopped = await (await new TeamsNotifier(s).open(limits({ signal: stop.signal }))).deliver(alertOf(result('checkout', 'failed')));
    expect(teams.requests.length).toBe(before);
    expect(s.reads).toEqual([]);
    expect(late.outcome.error!.message).toContain('time for alerts had run out');
    expect(stopped.outcome.error!.message).toContain('the Lambda is about to time out');
  });

  it('a webhook that does not answer is given up after requestTimeoutMs, not retried (the card may have been posted)', async () => {
    const hung = await startHangingServer();
    try {
      urls.HUNG = `${hung.url}/workflows/x/triggers/manual/paths/invoke?sig=hung-secret-sig`;
      const s = settings();
      // 3 s: the request must reach the server before the bound ends it, on a busy machine too.
      const { outcome } = await (await new TeamsNotifier(s).open(limits({ requestTimeoutMs: 3_000 }))).deliver(alertOf(result('checkout', 'failed'), 'HUNG'));
      expect(hung.requests).toBe(1);
      expect(s.waits).toEqual([]);
      expect(outcome.error!.message).toBe('Teams did not answer within 3 s (not retried: the card may have been posted)');
    } finally {
      await hung.close();
    }
  });

  it('a retired Office 365 connector URL or an unreadable secret is reported with directions, nothing sent', async () => {
    const before = teams.requests.length;
    const session = await new TeamsNotifier(settings()).open(limits());
    const retired = await session.deliver(alertOf(result('checkout', 'failed'), 'RETIRED'));
    const missing = await session.deliver(alertOf(result('checkout', 'failed'), 'NO_SUCH_SECRET'));
    expect(teams.requests.length).toBe(before);
    expect(retired.outcome.error!.message).toMatch(/connector URL: those are retired; create a webhook with the channel's Workflows/);
    expect(retired.outcome.error!.message).not.toContain('webhook.office.com');
    expect(missing.outcome.error!.message).toBe('could not read the secret NO_SUCH_SECRET (the Teams webhook URL): ParameterNotFound: NO_SUCH_SECRET');
  });
});

describe('size', () => {
  const huge = () => result('checkout', 'failed', {
    steps: Array.from({ length: 400 }, (_, i) => ({ name: `step ${i} ${'x'.repeat(80)}`, status: i === 390 ? 'failed' as const : 'passed' as const, durationMs: 10, budget: {} })),
    error: { name: 'Error', message: `boom\n${'y'.repeat(5000)}`, class: 'assertion', step: 'step 390' },
  });

  it('the fake drops a card too large as Teams does: 202 to the sender, a failed run, no card', async () => {
    const r = huge();
    const facts = alertFacts(r, { kind: 'alert', runId: 'r', timeZone: 'UTC' });
    const { message, bytes } = buildTeamsMessage({ facts, kind: 'alert', timeZone: 'UTC', now: Date.now() }, Infinity);
    expect(bytes).toBeGreaterThan(24_000);
    const cards = teams.cards.length;
    const failed = teams.failedRuns.length;
    expect(await postToWorkflow(teams.url, JSON.stringify(message), limits())).toBe(202);
    expect(teams.cards.length).toBe(cards);
    expect(teams.failedRuns.slice(failed)).toEqual([expect.objectContaining({ error: expect.stringContaining('MessageSizeExceeded') })]);
    teams.failedRuns.splice(failed);
  });

  it('the notifier shortens such a card to fit, keeps the failing step, says so, and it is posted', async () => {
    const before = teams.cards.length;
    const { outcome } = await (await new TeamsNotifier(settings()).open(limits())).deliver(alertOf(huge()));
    expect(outcome.reason).toContain('shortened to fit');
    expect(teams.failedRuns).toEqual([]);
    const card = texts(newCards(before)[0]!);
    expect(card).toContain('✗ step 390');
    expect(card).toMatch(/Shortened to fit a Teams message: the full error, 3\d\d of 400 steps are in the result/);
  });
});

describe('the fake checks what a Workflows webhook checks', () => {
  const post = (body: unknown, contentType = 'application/json', method = 'POST') =>
    fetch(teams.url, { method, headers: { 'content-type': contentType }, ...(method === 'POST' && { body: typeof body === 'string' ? body : JSON.stringify(body) }) });
  const card = (content: Record<string, unknown>, contentType = 'application/vnd.microsoft.card.adaptive') => ({ type: 'message', attachments: [{ contentType, content }] });
  const ok = { type: 'AdaptiveCard', version: '1.4', body: [{ type: 'TextBlock', text: 'hi' }] };

  it('answers 202 with no body, and a run fails (no card) on a body Teams cannot post', async () => {
    const cards = teams.cards.length;
    const failed = teams.failedRuns.length;
    const answers = [
      await post(card(ok), 'text/plain'),
      await post(card(ok, 'application/vnd.microsoft.teams.card.o365connector')),
      await post(card({ ...ok, type: 'MessageCard' })),
      await post(card({ ...ok, version: '1.6' })),
      await post(card({ ...ok, body: [] })),
      await post({ text: 'hello' }),
    ];
    expect(answers.map((a) => a.status)).toEqual([202, 202, 202, 202, 202, 202]);
    expect(await answers[0]!.text()).toBe('');
    expect(teams.cards.length).toBe(cards);
    expect(teams.failedRuns.slice(failed).map((r) => r.error!.split(':')[0])).toEqual(['InvalidTemplate', 'BadRequest', 'BadRequest', 'BadRequest', 'BadRequest', 'InvalidTemplate']);
    teams.failedRuns.splice(failed);
    expect((await post(card(ok))).status).toBe(202);
    expect(teams.cards.slice(cards)).toEqual([ok]);
  });

  it('refuses another method than POST before the flow starts', async () => {
    const res = await post(undefined, 'application/json', 'GET');
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: { code: 'TriggerRequestMethodNotValid' } });
  });
});
