// Routing end to end: a check's alerts fanned out to Slack, Chatwork, Teams and a webhook by the notifiers
// outside-systems wires from the config and the environment (tokens, secrets by name), through the real after-run
// pipeline, each real client (global fetch, Slack's SDK) against its fake on 127.0.0.1. One incident: each channel
// its own thread or equivalent and one recovery; one channel failing while the others deliver, reported by name; an
// incident opened before routes existed (a plain Slack thread) going on in the same thread after they are added.
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeSlack, type FakeSlack } from '../fixtures/fake-slack.ts';
import { startFakeChatwork, type FakeChatwork } from '../fixtures/fake-chatwork.ts';
import { startFakeTeams, type FakeTeams } from '../fixtures/fake-teams.ts';
import { startFakeWebhook, type FakeWebhook } from '../fixtures/fake-webhook.ts';
import { cartResult } from '../helpers/check-result.ts';
import { afterRun } from '../../src/pipeline/after-run.ts';
import { outsideSystems } from '../../src/pipeline/outside-systems.ts';
import { outsideFailed, outsideSummary } from '../../src/cli/outside-summary.ts';
import type { NotifyTarget, ProjectConfig } from '../../src/check/types.ts';
import type { CheckResult, CheckStatus, RunResult } from '../../src/result/types.ts';

const KEY = 'whsec-routes-signing-key-0123';
let slack: FakeSlack;
let chatwork: FakeChatwork;
let teams: FakeTeams;
let hook: FakeWebhook;
let scratch: string;

beforeAll(async () => {
  [slack, chatwork, teams, hook] = await Promise.all([startFakeSlack(), startFakeChatwork(), startFakeTeams(), startFakeWebhook({ signingKey: KEY })]);
  scratch = await mkdtemp(join(tmpdir(), 'mimamori-routes-'));
});
afterAll(async () => {
  await Promise.all([slack?.close(), chatwork?.close(), teams?.close(), hook?.close()]);
});

/** The environment a deployed or local run has: tokens, API bases of the fakes, and the secrets by name. */
const env = (more: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv => ({
  SLACK_BOT_TOKEN: slack.token, SLACK_API_URL: slack.url, CHATWORK_API_TOKEN: chatwork.token, CHATWORK_API_URL: chatwork.url,
  TEAMS_URL: teams.url, TEAMS_GONE: teams.goneUrl, HOOK: hook.url, HOOK_SIGNING_KEY: KEY, ...more,
});

const ALL: NotifyTarget[] = [{ slack: 'C0ALERTS' }, { chatwork: '111' }, { teams: 'TEAMS_URL' }, { webhook: 'HOOK' }];

let clock = Date.UTC(2026, 10, 29, 7, 0, 0);
function result(name: string, status: CheckStatus): CheckResult {
  clock += 5 * 60_000;
  return cartResult(name, status, { startedAt: clock, tags: ['shop'], attempts: 1 });
}

/** One run of `name` as the CLI and Lambda do it: outside systems from the config and environment, then after-run. */
async function runOnce(name: string, status: CheckStatus, folder: string, config: ProjectConfig, e: NodeJS.ProcessEnv = env()): Promise<{ r: CheckResult; run: RunResult; slackOn: boolean }> {
  const r = result(name, status);
  const outside = await outsideSystems({
    config, env: e, alerting: true, local: join(scratch, folder), requestTimeoutMs: 5_000,
    checks: [{ name, tags: ['shop'], alerts: { notify: 'problems', alertAfter: 1, remindEvery: 5 }, slowerThanUsual: false }],
  });
  const run: RunResult = { runId: `20261129T${String(r.startedAt).slice(-6)}Z-aaaaaa`, startedAt: r.startedAt, durationMs: 1, results: [r], diagnostics: [] };
  await afterRun(run, outside);
  return { r, run, slackOn: outside.slackOn };
}

const stateOf = async (folder: string, check: string) => JSON.parse(await readFile(join(scratch, folder, `state/${check}.json`), 'utf8'));
const targetOf = (r: CheckResult, notifier: string) => r.notification!.targets!.find((t) => t.notifier === notifier)!;

describe('an incident routed by tag to Slack, Chatwork, Teams and a webhook', () => {
  it('open → reply → recover: each channel keeps its own thread or equivalent and gets one recovery', async () => {
    const config: ProjectConfig = { routes: [{ tags: ['shop'], notify: ALL }] };
    const seen = { slack: slack.messages.length, chatwork: chatwork.messages.length, teams: teams.cards.length, hook: hook.events.length };
    const runs = [];
    for (const status of ['failed', 'failed', 'passed'] as const) runs.push((await runOnce('checkout', status, 'all', config)).r);

    expect(runs.map((r) => r.notification!.action)).toEqual(['open', 'reply', 'recover']);
    for (const r of runs) {
      expect(r.notification!.targets!.map((t) => `${t.notifier}:${t.to}`)).toEqual(['slack:C0ALERTS', 'chatwork:111', 'teams:TEAMS_URL', 'webhook:HOOK']);
      expect(r.notification!.targets!.map((t) => t.error)).toEqual([undefined, undefined, undefined, undefined]);
    }
    // Slack: one parent, the reply and the recovery in its thread, the parent marked resolved once.
    const posted = slack.messages.slice(seen.slack).filter((m) => m.channel === 'C0ALERTS');
    expect(posted).toHaveLength(3);
    const parent = posted[0]!;
    expect(parent.thread_ts).toBeUndefined();
    expect(posted.slice(1).map((m) => m.thread_ts)).toEqual([parent.ts, parent.ts]);
    expect(slack.updates.filter((u) => u.ts === parent.ts)).toHaveLength(1);
    // Chatwork: the first message, then two that reply to it with [rp].
    const rooms = chatwork.messages.slice(seen.chatwork);
    expect(rooms.map((m) => m.room)).toEqual(['111', '111', '111']);
    const rp = `to=111-${rooms[0]!.messageId}]`;
    expect(rooms.map((m) => m.body.includes(rp))).toEqual([false, true, true]);
    // Teams: one card, the reply and the recovery quoting it.
    const cards = teams.cards.slice(seen.teams).map((c) => JSON.stringify(c));
    expect(cards.map((c) => c.includes('Re: checkout FAILED'))).toEqual([false, true, true]);
    // The webhook: three events of one incident, one resolution.
    const events = hook.events.slice(seen.hook) as { event: string; incident: { id: string } }[];
    expect(events.map((e) => e.event)).toEqual(['incident.opened', 'incident.updated', 'incident.resolved']);
    expect(new Set(events.map((e) => e.incident.id)).size).toBe(1);
    // The recovery closed the incident (its composite thread with it).
    expect(await stateOf('all', 'checkout')).toMatchObject({ incident: null });
  });

  it('keeps ONE thread on the incident: a composite of each channel\'s own ref', async () => {
    const config: ProjectConfig = { defaults: { notify: ALL } };
    await runOnce('search', 'failed', 'composite', config);
    const { incident } = await stateOf('composite', 'search');
    expect(incident.thread.notifier).toBe('routes');
    expect(Object.keys(incident.thread.ref)).toEqual(['slack:C0ALERTS', 'chatwork:111', 'teams:TEAMS_URL', 'webhook:HOOK']);
    expect(JSON.parse(incident.thread.ref['chatwork:111'])).toMatchObject({ notifier: 'chatwork', ref: { room: '111' } });
  });
});

describe('one channel failing', () => {
  it('Teams answering 404 stops none of the others; the run reports it by name, and a later reply opens Teams\' own thread', async () => {
    const config: ProjectConfig = { routes: [{ tags: ['shop'], notify: [{ slack: 'C0ALERTS' }, { chatwork: '111' }, { teams: 'TEAMS_GONE' }, { webhook: 'HOOK' }] }] };
    const before = teams.cards.length;
    const { r, run } = await runOnce('cart', 'failed', 'failing', config);
    expect(r.notification!.action).toBe('open');
    expect(r.notification!.error).toBeUndefined(); // the first target's (Slack's) outcome
    expect(['slack', 'chatwork', 'webhook'].map((n) => targetOf(r, n).error)).toEqual([undefined, undefined, undefined]);
    expect(targetOf(r, 'teams').error!.message).toMatch(/404/);
    expect(JSON.stringify(r.notification)).not.toContain(teams.sig);
    // Counted as a failure to send (exit code 3) and named in the summary.
    expect(outsideFailed(run)).toBe(true);
    expect(outsideSummary(run, undefined, true)).toMatch(/Teams TEAMS_GONE: message failed: .*404/);
    // The thread keeps the three that posted.
    expect(Object.keys((await stateOf('failing', 'cart')).incident.thread.ref)).toEqual(['slack:C0ALERTS', 'chatwork:111', 'webhook:HOOK']);

    // The webhook is fixed (the secret now names a live one): the next reply is Teams' first card, and its thread from then on.
    const next = await runOnce('cart', 'failed', 'failing', config, env({ TEAMS_GONE: teams.url }));
    expect(next.r.notification!.action).toBe('reply');
    expect(targetOf(next.r, 'teams').error).toBeUndefined();
    expect(teams.cards.slice(before).map((c) => JSON.stringify(c).includes('Re: cart FAILED'))).toEqual([false]);
    expect(Object.keys((await stateOf('failing', 'cart')).incident.thread.ref)).toEqual(['slack:C0ALERTS', 'chatwork:111', 'teams:TEAMS_GONE', 'webhook:HOOK']);
    const recovered = await runOnce('cart', 'passed', 'failing', config, env({ TEAMS_GONE: teams.url }));
    expect(targetOf(recovered.r, 'teams').error).toBeUndefined();
    expect(JSON.stringify(teams.cards.at(-1))).toContain('Re: cart FAILED');
  });

  it('a channel with no token (Chatwork) is that target\'s failure, not a crash: Slack still delivers', async () => {
    const config: ProjectConfig = { defaults: { notify: [{ slack: 'C0ALERTS' }, { chatwork: '111' }] } };
    const { r, run } = await runOnce('login', 'failed', 'no-token', config, env({ CHATWORK_API_TOKEN: '' }));
    expect(targetOf(r, 'slack').error).toBeUndefined();
    expect(targetOf(r, 'slack').ts).toBeTruthy();
    expect(targetOf(r, 'chatwork').error!.message).toMatch(/Chatwork is not configured: set CHATWORK_API_TOKEN/);
    expect(outsideFailed(run)).toBe(true);
  });
});

describe('an incident opened before routes were added', () => {
  it('goes on in its Slack thread; the new channel starts its own, and the recovery reaches both', async () => {
    const before = { slack: slack.messages.length, chatwork: chatwork.messages.length };
    // No routes: today's behaviour, Slack to the default channel (SLACK_CHANNEL); the thread is Slack's own, plain.
    const opened = await runOnce('payments', 'failed', 'legacy', {}, env({ SLACK_CHANNEL: 'C0ALERTS' }));
    expect(opened.r.notification!.targets).toBeUndefined();
    const legacy = (await stateOf('legacy', 'payments')).incident.thread;
    expect(legacy).toMatchObject({ notifier: 'slack', ref: { channel: 'C0ALERTS' } });

    const routed: ProjectConfig = { routes: [{ tags: ['shop'], notify: [{ slack: 'C0ALERTS' }, { chatwork: '222' }] }] };
    const reply = await runOnce('payments', 'failed', 'legacy', routed);
    expect(reply.r.notification!.action).toBe('reply');
    const thread = (await stateOf('legacy', 'payments')).incident.thread;
    expect(thread.notifier).toBe('routes');
    expect(JSON.parse(thread.ref['slack:C0ALERTS'])).toEqual(legacy);
    await runOnce('payments', 'passed', 'legacy', routed);

    const posted = slack.messages.slice(before.slack).filter((m) => m.channel === 'C0ALERTS');
    expect(posted.map((m) => m.thread_ts)).toEqual([undefined, legacy.ref.ts, legacy.ref.ts]);
    const rooms = chatwork.messages.slice(before.chatwork);
    expect(rooms.map((m) => m.room)).toEqual(['222', '222']);
    expect(rooms[1]!.body).toContain(`to=222-${rooms[0]!.messageId}]`);
  });
});
