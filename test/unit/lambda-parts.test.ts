// Small Lambda parts: limit warnings, the Slack token (precedence, a hung SSM), finding a compiled-in check.
import { describe, expect, it } from 'vitest';
import { limitWarnings } from '../../src/runner/warnings.ts';
import { slackToken } from '../../src/lambda/slack-token.ts';
import { findCheck } from '../../src/lambda/registry.ts';
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
