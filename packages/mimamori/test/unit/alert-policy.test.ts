// The alert policy through its one entry point (evaluateRun): when to open an incident, reply in its thread, remind
// the channel, recover — and when to stay quiet. The state each run leaves is the next run's input, as in the pipeline.
import { describe, expect, it } from 'vitest';
import { policyResult } from '../helpers/check-result.ts';
import { evaluateRun } from '../../src/policy/evaluate.ts';
import { decide, PENDING_MS } from '../../src/policy/alert-policy.ts';
import type { CheckState } from '../../src/policy/check-state.ts';
import type { CheckResult, CheckStatus, FailureClass } from '../../src/result/types.ts';
import type { AlertOptions } from '../../src/check/types.ts';

const defaults = { notify: 'problems', alertAfter: 1, remindEvery: 5 } as const;
const T0 = Date.UTC(2026, 0, 1);

function result(status: CheckStatus, i: number, failureClass: FailureClass = 'assertion'): CheckResult {
  return policyResult(status, T0 + i * 300_000, { screenshots: [{ file: '01-final.png', kind: 'final', attempt: 1, width: 1, height: 1 }], failureClass });
}

/** Runs statuses through the policy as the pipeline does, returning the actions. */
function play(statuses: CheckStatus[], options: Partial<Required<Omit<AlertOptions, 'channel'>>> = {}, start?: CheckState): { actions: string[]; state?: CheckState } {
  let state = start;
  const actions = statuses.map((status, i) => {
    const e = evaluateRun(state, result(status, i), { runId: `r${i}`, folder: `f${i}/` }, { alerts: { ...defaults, ...options }, usual: false });
    state = e.state;
    return e.decision.action === 'reply' && e.decision.broadcast ? 'reply+broadcast' : e.decision.action;
  });
  return { actions, state };
}

describe('evaluateRun: incidents', () => {
  it('opens one incident, replies in its thread, and recovers once', () => {
    expect(play(['passed', 'failed', 'failed', 'failed', 'passed', 'passed']).actions).toEqual(['none', 'open', 'reply', 'reply', 'recover', 'none']);
  });

  it('waits for alertAfter failures in a row: one flaky failure is no alert', () => {
    expect(play(['failed', 'passed', 'failed', 'failed', 'failed', 'passed'], { alertAfter: 3 }).actions).toEqual(['none', 'none', 'none', 'none', 'open', 'recover']);
  });

  it('reminds the channel every remindEvery failures of an incident', () => {
    expect(play(Array<CheckStatus>(7).fill('failed'), { remindEvery: 3 }).actions).toEqual(['open', 'reply', 'reply+broadcast', 'reply', 'reply', 'reply+broadcast', 'reply']);
  });

  it('reports becoming degraded once, not every degraded run', () => {
    expect(play(['passed', 'degraded', 'degraded', 'passed', 'degraded']).actions).toEqual(['none', 'post', 'none', 'none', 'post']);
  });

  it('treats a degraded run as the end of a failure incident', () => {
    expect(play(['failed', 'degraded']).actions).toEqual(['open', 'recover']);
  });

  it("posts every run with notify: 'always', and still threads incidents", () => {
    expect(play(['passed', 'passed', 'failed', 'failed', 'passed'], { notify: 'always' }).actions).toEqual(['post', 'post', 'open', 'reply', 'recover']);
  });

  it("stays silent with notify: 'never'", () => {
    expect(play(['failed', 'failed', 'passed'], { notify: 'never' }).actions).toEqual(['none', 'none', 'none']);
  });

  it('keeps the incident it opened, with the failures that opened it, in the state', () => {
    const { state } = play(['passed', 'failed', 'failed', 'failed'], { alertAfter: 2 });
    expect(state!.incident).toEqual({ kind: 'site', openedAt: new Date(T0 + 2 * 300_000).toISOString(), openedRunId: 'r2', failures: 3 });
    expect(state!.consecutiveFailures).toBe(3);
    // The last good run's evidence is kept for the alerts' "before" picture.
    expect(state!.lastGood).toEqual({ runId: 'r0', at: new Date(T0).toISOString(), folder: 'f0/', screenshots: [{ file: '01-final.png', kind: 'final' }] });
  });

  it('says why it stays quiet', () => {
    const d = decide({ status: 'failed', consecutiveFailures: 1, incident: null, options: { ...defaults, alertAfter: 2 } });
    expect(d).toEqual({ action: 'none', reason: 'failed 1 of the 2 times in a row that open an incident' });
  });

  it('leaves an incident another run opened a moment ago to that run, until it has posted', () => {
    const opened = { kind: 'site' as const, openedAt: new Date(T0).toISOString(), openedRunId: 'other', failures: 2 };
    const input = { status: 'failed' as const, consecutiveFailures: 3, incident: opened, runId: 'me', options: defaults };
    // Its failure still counts in the incident (a resolved message says how many runs failed).
    expect(decide({ ...input, startedAt: T0 + 1_000 })).toEqual({ action: 'none', counted: true, reason: 'run other opened this incident a moment ago and is posting its first message: this run leaves it to that one' });
    expect(decide({ ...input, startedAt: T0 + PENDING_MS }).action).toBe('reply');
    expect(decide({ ...input, startedAt: T0 + 1_000, incident: { ...opened, thread: { notifier: 'slack', ref: { channel: 'C1', ts: '1.2' } } } }).action).toBe('reply');
    expect(decide({ ...input, startedAt: T0 + 1_000, incident: { ...opened, unposted: true } }).action).toBe('reply');
  });
});

describe('evaluateRun: a run delivered twice', () => {
  it('changes nothing and sends nothing the second time (Lambda stopped after alerting; the queue redelivered)', () => {
    const policy = { alerts: defaults, usual: false as const };
    const first = evaluateRun(undefined, result('failed', 0), { runId: 'r0', folder: 'f0/' }, policy);
    expect(first.decision.action).toBe('open');
    const again = evaluateRun(first.state, result('failed', 0), { runId: 'r0', folder: 'f0/' }, policy);
    expect(again).toMatchObject({ repeated: true, state: first.state, decision: { action: 'none', reason: "run r0 is already recorded in the check's state (a repeated delivery): nothing is sent twice" } });
    // Still recognised after later runs.
    const later = evaluateRun(first.state, result('failed', 1), { runId: 'r1', folder: 'f1/' }, policy);
    expect(evaluateRun(later.state, result('failed', 0), { runId: 'r0', folder: 'f0/' }, policy).repeated).toBe(true);
    expect(later.state.recentRuns).toEqual(['r0', 'r1']);
  });
});

describe('evaluateRun: a broken monitor is not a broken site', () => {
  const runs = (classes: (FailureClass | 'passed')[], options = {}) => {
    let state: CheckState | undefined;
    return classes.map((c, i) => {
      const e = evaluateRun(state, result(c === 'passed' ? 'passed' : 'failed', i, c === 'passed' ? undefined : c), { runId: `r${i}`, folder: '' }, { alerts: { ...defaults, alertAfter: 2, ...options }, usual: false });
      state = e.state;
      return `${e.decision.action}${e.incident ? `:${e.incident.kind}` : ''}`;
    });
  };

  it('opens a monitor incident after runner failures in a row, and closes it when the check runs again', () => {
    expect(runs(['runner', 'runner', 'runner', 'passed'])).toEqual(['none', 'open:monitor', 'reply:monitor', 'recover:monitor']);
  });

  it('neither counts runner failures as site failures nor lets them end a streak', () => {
    expect(runs(['assertion', 'runner', 'assertion'])).toEqual(['none', 'none', 'open:site']);
  });

  it('keeps a site incident open through a runner failure, without a message', () => {
    expect(runs(['network', 'network', 'runner', 'network', 'passed'])).toEqual(['none', 'open:site', 'none:site', 'reply:site', 'recover:site']);
  });
});

describe('evaluateRun when the state could not be read', () => {
  const blind = (statuses: CheckStatus[], options: Partial<Required<Omit<AlertOptions, 'channel'>>> = {}) =>
    statuses.map((status, i) => evaluateRun(undefined, result(status, i), { runId: `r${i}`, folder: '' }, { alerts: { ...defaults, ...options }, usual: false }, true).decision);

  it('alerts every failure at once, whatever alertAfter says: a duplicate beats silence', () => {
    const decisions = blind(['failed', 'failed', 'failed'], { alertAfter: 2 });
    expect(decisions.map((d) => d.action)).toEqual(['post', 'post', 'post']);
    expect(decisions[0]!.reason).toBe("failed — the check's state could not be read, so it is alerted at once (this may repeat an alert)");
  });

  it('reports a degraded run each time, as it cannot know it already did', () => {
    expect(blind(['degraded', 'degraded']).map((d) => d.action)).toEqual(['post', 'post']);
  });

  it('stays quiet about a passed run: the recovery waits for the first run that can read the state', () => {
    expect(blind(['passed'])[0]).toEqual({
      action: 'none',
      reason: "passed — the check's state could not be read; an open incident is recovered by the first run that can read it",
    });
    expect(blind(['passed'], { notify: 'always' }).map((d) => d.action)).toEqual(['post']);
  });

  it("stays silent with notify: 'never'", () => {
    expect(blind(['failed', 'degraded'], { notify: 'never' }).map((d) => d.action)).toEqual(['none', 'none']);
  });
});
