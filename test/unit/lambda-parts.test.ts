// Small Lambda parts: limit warnings, the Slack token (precedence, a hung SSM), finding a compiled-in check, the run
// queue message of a run asked for by hand.
import { describe, expect, it } from 'vitest';
import { limitWarnings } from '../../src/runner/warnings.ts';
import { slackToken } from '../../src/lambda/slack-token.ts';
import { findCheck } from '../../src/lambda/registry.ts';
import { dueEntries, manualEntry, manualRequest } from '../../src/lambda/dispatch.ts';
import { startHangingServer } from '../fixtures/hanging-server.ts';

describe('limitWarnings', () => {
  const step = (durationMs: number, maxResponseTime?: number) => ({ name: 'pay', status: 'passed' as const, durationMs, budget: { maxResponseTime } });
  it('warns past 80 % of the timeout or a maxResponseTime, not before and not once failed', () => {
    expect(limitWarnings({ durationMs: 49_000, status: 'passed', steps: [] }, { timeoutMs: 60_000 })).toEqual(['used 82 % of its timeout (49 s of 1 min)']);
    expect(limitWarnings({ durationMs: 47_000, status: 'passed', steps: [] }, { timeoutMs: 60_000 })).toEqual([]);
    expect(limitWarnings({ durationMs: 900, status: 'degraded', steps: [step(900, 1000)] }, { timeoutMs: 60_000, maxResponseTime: 1000 }))
      .toEqual(['used 90 % of its maxResponseTime (900 ms of 1 s)', 'used 90 % of its step "pay" maxResponseTime (900 ms of 1 s)']);
    expect(limitWarnings({ durationMs: 59_000, status: 'failed', steps: [] }, { timeoutMs: 60_000 })).toEqual([]);
  });
});

describe('slackToken', () => {
  it('prefers SLACK_BOT_TOKEN, and is off without a parameter name', async () => {
    expect(await slackToken({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_TOKEN_PARAMETER: '/x' })).toBe('xoxb-1');
    expect(await slackToken({})).toBeUndefined();
  });

  it('gives up on an SSM endpoint that never answers, within its bound, and says so', async () => {
    const hanging = await startHangingServer();
    Object.assign(process.env, { AWS_REGION: 'us-east-1', AWS_ACCESS_KEY_ID: 'test', AWS_SECRET_ACCESS_KEY: 'test' });
    try {
      const env = { SLACK_TOKEN_PARAMETER: '/mimamori/slack-bot-token', AWS_ENDPOINT_URL_SSM: hanging.url };
      await expect(slackToken(env, 300)).rejects.toThrow('Could not read the Slack token from SSM parameter /mimamori/slack-bot-token: SSM did not answer within 0.3 s');
      expect(hanging.requests).toBeGreaterThan(0);
    } finally {
      await hanging.close();
    }
  });
});

describe('findCheck', () => {
  const registry = { config: { baseURL: 'https://config', defaults: { retries: 2 } }, checks: [{ file: 'checks/a.check.ts', definition: { name: 'a', run() {} } }] };
  it('resolves a compiled-in check with the config defaults and BASE_URL', () => {
    expect(findCheck(registry, 'a', {})).toMatchObject({ name: 'a', retries: 2, baseURL: 'https://config' });
    expect(findCheck(registry, 'a', { BASE_URL: 'https://env' }).baseURL).toBe('https://env');
  });
  it('names the checks it knows when asked for another', () => {
    expect(() => findCheck(registry, 'b', {})).toThrow('No check named "b" in this deployment (known: a)');
  });
});

describe('a manual run (the dispatcher\'s {"run": "<check>"})', () => {
  const known = ['homepage', 'checkout', 'café'];
  const at = (iso: string) => Date.parse(iso);

  it('goes to the check\'s own message group, the one its scheduled runs use: it never overlaps them', () => {
    const scheduled = dueEntries([{ name: 'homepage', schedule: 'rate(1 minute)' }], at('2026-11-29T10:21:30Z'))[0]!;
    const manual = manualEntry('homepage', known, at('2026-11-29T10:21:40Z'));
    expect(manual.MessageGroupId).toBe(scheduled.MessageGroupId);
    expect(manualEntry('checkout', known, at('2026-11-29T10:21:40Z')).MessageGroupId).not.toBe(manual.MessageGroupId);
    // …but it is a run of its own: not deduplicated against the scheduled run of the same minute.
    expect(manual.MessageDeduplicationId).not.toBe(scheduled.MessageDeduplicationId);
    expect(JSON.parse(manual.MessageBody)).toEqual({ check: 'homepage', scheduledAt: '2026-11-29T10:21:00.000Z', manual: true });
  });

  it('is one run within the minute (a retried invoke enqueues it once), another in the next minute or with another id', () => {
    const first = manualEntry('homepage', known, at('2026-11-29T10:21:00.000Z'));
    expect(manualEntry('homepage', known, at('2026-11-29T10:21:59.999Z'))).toEqual(first);
    expect(manualEntry('homepage', known, at('2026-11-29T10:22:00.000Z')).MessageDeduplicationId).not.toBe(first.MessageDeduplicationId);
    expect(manualEntry('checkout', known, at('2026-11-29T10:21:00.000Z')).MessageDeduplicationId).not.toBe(first.MessageDeduplicationId);
    // The caller's id: the same id is one run whatever the minute; another id is another run.
    const byId = manualEntry('homepage', known, at('2026-11-29T10:21:00Z'), 'deploy-42');
    expect(manualEntry('homepage', known, at('2026-11-29T10:24:30Z'), 'deploy-42').MessageDeduplicationId).toBe(byId.MessageDeduplicationId);
    expect(manualEntry('homepage', known, at('2026-11-29T10:21:00Z'), 'deploy-43').MessageDeduplicationId).not.toBe(byId.MessageDeduplicationId);
    expect(byId.MessageDeduplicationId).not.toBe(first.MessageDeduplicationId);
    for (const e of [first, byId]) expect(e.MessageDeduplicationId.length).toBeLessThanOrEqual(128);
  });

  it('refuses a name it does not know, listing the known ones; any spelling of an accent is the same check', () => {
    expect(() => manualEntry('home', known, 0)).toThrow('No check named "home" in this deployment (known: homepage, checkout, café)');
    expect(() => manualEntry('home', [], 0)).toThrow('(known: none)');
    const decomposed = manualEntry('cafe\u0301', known, 0);
    expect(JSON.parse(decomposed.MessageBody).check).toBe('café');
    expect(decomposed.MessageGroupId).toBe(manualEntry('café', known, 0).MessageGroupId);
  });

  it('reads {"run"} (or {"check"}) with an optional id, ignores the schedule\'s event, and says what a request looks like', () => {
    expect(manualRequest({ run: 'homepage' })).toEqual({ check: 'homepage', id: undefined });
    expect(manualRequest({ check: 'homepage', id: 'x' })).toEqual({ check: 'homepage', id: 'x' });
    expect(manualRequest({ run: 'homepage', check: 'homepage' })).toEqual({ check: 'homepage', id: undefined });
    expect(manualRequest({ time: '2026-11-29T10:21:00Z', source: 'aws.events' })).toBeUndefined();
    expect(manualRequest(null)).toBeUndefined();
    expect(() => manualRequest({ run: '' })).toThrow('a manual run is {"run":"<check name>"}');
    expect(() => manualRequest({ run: 7 })).toThrow('No check name in {"run":7}');
    expect(() => manualRequest({ run: 'a', check: 'b' })).toThrow('Give the check once');
    expect(() => manualRequest({ run: 'a', id: 3 })).toThrow('"id" must be a non-empty string');
  });
});
