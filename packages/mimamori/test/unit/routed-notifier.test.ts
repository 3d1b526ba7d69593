// The fan-out's own bookkeeping, with recording notifiers: what each session is told (expect/skip — Slack's paces on
// them), a session that throws or cannot open failing only its targets, and the one composite thread.
import { describe, expect, it } from 'vitest';
import { RoutedNotifier } from '../../src/notify/routed-notifier.ts';
import type { Alert, Delivered, Notifier, NotifierSession } from '../../src/notify/notifier.ts';
import type { RouteTarget } from '../../src/check/notify-route.ts';
import type { ThreadRef } from '../../src/episode/thread-ref.ts';
import type { CheckResult } from '../../src/result/types.ts';

/** A notifier that records what its session hears and threads by the channel it was given. */
function recording(kind: string, behaviour: { throws?: boolean; openFails?: boolean } = {}) {
  const log: string[] = [];
  const given: (ThreadRef | undefined)[] = [];
  const notifier: Notifier = {
    name: kind,
    async open() {
      if (behaviour.openFails) throw Object.assign(new Error(`${kind} could not open`), { name: 'OpenError' });
      const session: NotifierSession = {
        expect: (n) => void log.push(`expect ${n}`),
        skip: () => void log.push('skip'),
        async deliver(alert: Alert): Promise<Delivered> {
          log.push(`deliver ${alert.result.name} → ${alert.channel}`);
          given.push(alert.incident?.thread);
          if (behaviour.throws) throw new Error('a bug');
          return { outcome: { action: alert.decision.action, reason: 'sent', channel: alert.channel }, thread: alert.incident?.thread ?? { notifier: kind, ref: { to: alert.channel ?? '' } } };
        },
      };
      return session;
    },
  };
  return { notifier, log, given };
}

const limits = { signal: new AbortController().signal, deadline: Date.now() + 60_000, requestTimeoutMs: 1_000 };
const alertOf = (name: string, thread?: ThreadRef): Alert => ({
  decision: thread ? { action: 'reply', reason: 'failed', broadcast: false } : { action: 'open', reason: 'failed' }, result: { name } as CheckResult, runId: 'r', timeZone: 'UTC',
  incident: { openedAt: '2026-12-06T00:00:00.000Z', openedRunId: 'r0', failures: 2, ...(thread && { thread }) },
});

describe('RoutedNotifier', () => {
  it('forwards expect to every session, skips the sessions an alert does not reach, expects more of one it reaches twice', async () => {
    const slack = recording('slack');
    const teams = recording('teams');
    const routes = new Map<string, RouteTarget[]>([
      ['a', [{ kind: 'slack', to: 'C1' }, { kind: 'slack', to: 'C2' }]],
      ['b', [{ kind: 'teams', to: 'T' }]],
    ]);
    const session = await new RoutedNotifier({ notifiers: { slack: slack.notifier, teams: teams.notifier }, routes }).open(limits);
    session.expect(2);
    await session.deliver(alertOf('a'));
    await session.deliver(alertOf('b'));
    expect(slack.log).toEqual(['expect 2', 'expect 1', 'deliver a → C1', 'deliver a → C2', 'skip']);
    expect(teams.log).toEqual(['expect 2', 'skip', 'deliver b → T']);
  });

  it('never throws: a session that throws, one that could not open and a kind with no notifier each fail their own target', async () => {
    const slack = recording('slack');
    const routes = new Map<string, RouteTarget[]>([['a', [{ kind: 'slack', to: 'C1' }, { kind: 'teams', to: 'T' }, { kind: 'webhook', to: 'H' }, { kind: 'chatwork', to: '1' }]]]);
    const session = await new RoutedNotifier({
      notifiers: { slack: slack.notifier, teams: recording('teams', { throws: true }).notifier, webhook: recording('webhook', { openFails: true }).notifier }, routes,
    }).open(limits);
    const { outcome, thread } = await session.deliver(alertOf('a'));
    expect(outcome.error).toBeUndefined();
    expect(outcome.targets!.map((t) => [t.notifier, t.error?.message])).toEqual([
      ['slack', undefined], ['teams', 'a bug'], ['webhook', 'webhook could not open'], ['chatwork', expect.stringContaining('Chatwork is not configured')],
    ]);
    // Only the target that posted is in the thread.
    expect(thread).toEqual({ notifier: 'routes', ref: { 'slack:C1': JSON.stringify({ notifier: 'slack', ref: { to: 'C1' } }) } });
  });

  it('hands each notifier its own part of the composite thread, and a legacy plain ref to its kind\'s target', async () => {
    const slack = recording('slack');
    const teams = recording('teams');
    const routes = new Map<string, RouteTarget[]>([['a', [{ kind: 'slack', to: 'C1' }, { kind: 'teams', to: 'T' }]]]);
    const session = await new RoutedNotifier({ notifiers: { slack: slack.notifier, teams: teams.notifier }, routes }).open(limits);
    const legacy: ThreadRef = { notifier: 'slack', ref: { channel: 'C1', ts: '1.2' } };
    const { thread } = await session.deliver(alertOf('a', legacy));
    expect(slack.given).toEqual([legacy]);
    expect(teams.given).toEqual([undefined]);
    await session.deliver(alertOf('a', thread));
    expect(slack.given[1]).toEqual(legacy);
    expect(teams.given[1]).toEqual({ notifier: 'teams', ref: { to: 'T' } });
  });

  it('with one target, returns that target\'s outcome and ref unchanged (what incidents stored before routing)', async () => {
    const slack = recording('slack');
    const session = await new RoutedNotifier({ notifiers: { slack: slack.notifier }, routes: new Map([['a', [{ kind: 'slack' as const, to: 'C1' }]]]) }).open(limits);
    expect(await session.deliver(alertOf('a'))).toEqual({ outcome: { action: 'open', reason: 'sent', channel: 'C1' }, thread: { notifier: 'slack', ref: { to: 'C1' } } });
  });
});
