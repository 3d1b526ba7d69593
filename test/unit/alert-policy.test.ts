// The alert policy: when to open an incident, reply in its thread, remind the channel, recover — and when to stay quiet.
import { describe, expect, it } from 'vitest';
import { decide, nextIncident, type PolicyInput } from '../../src/policy/alert-policy.ts';
import type { CheckStatus } from '../../src/result/types.ts';
import type { Incident } from '../../src/store/state.ts';

const defaults = { notify: 'problems', alertAfter: 1, remindEvery: 5 } as const;

/** Runs a sequence of statuses through the policy as the pipeline would, returning the actions. */
function play(statuses: CheckStatus[], options: Partial<PolicyInput['options']> = {}): string[] {
  let incident: Incident | null = null;
  let consecutive = 0;
  let previous: CheckStatus | undefined;
  return statuses.map((status, i) => {
    consecutive = status === 'failed' ? consecutive + 1 : 0;
    const decision = decide({ status, previousStatus: previous, consecutiveFailures: consecutive, incident, options: { ...defaults, ...options } });
    incident = nextIncident(decision, incident, { runId: `r${i}`, startedAt: i * 60_000, consecutiveFailures: consecutive });
    previous = status;
    return decision.action === 'reply' && decision.broadcast ? 'reply+broadcast' : decision.action;
  });
}

describe('decide', () => {
  it('opens one incident, replies in its thread, and recovers once', () => {
    expect(play(['passed', 'failed', 'failed', 'failed', 'passed', 'passed'])).toEqual(['none', 'open', 'reply', 'reply', 'recover', 'none']);
  });

  it('waits for alertAfter failures in a row: one flaky failure is no alert', () => {
    expect(play(['failed', 'passed', 'failed', 'failed', 'failed', 'passed'], { alertAfter: 3 })).toEqual(['none', 'none', 'none', 'none', 'open', 'recover']);
  });

  it('reminds the channel every remindEvery failures of an incident', () => {
    expect(play(Array<CheckStatus>(7).fill('failed'), { remindEvery: 3 })).toEqual(['open', 'reply', 'reply+broadcast', 'reply', 'reply', 'reply+broadcast', 'reply']);
  });

  it('reports becoming degraded once, not every degraded run', () => {
    expect(play(['passed', 'degraded', 'degraded', 'passed', 'degraded'])).toEqual(['none', 'post', 'none', 'none', 'post']);
  });

  it('treats a degraded run as the end of a failure incident', () => {
    expect(play(['failed', 'degraded'])).toEqual(['open', 'recover']);
  });

  it("posts every run with notify: 'always', and still threads incidents", () => {
    expect(play(['passed', 'passed', 'failed', 'failed', 'passed'], { notify: 'always' })).toEqual(['post', 'post', 'open', 'reply', 'recover']);
  });

  it("stays silent with notify: 'never'", () => {
    expect(play(['failed', 'failed', 'passed'], { notify: 'never' })).toEqual(['none', 'none', 'none']);
  });

  it('says why it stays quiet', () => {
    const d = decide({ status: 'failed', consecutiveFailures: 1, incident: null, options: { ...defaults, alertAfter: 2 } });
    expect(d).toEqual({ action: 'none', reason: 'failed 1 of the 2 times in a row that open an incident' });
  });
});

describe('decide when the state could not be read', () => {
  /** Runs a sequence of statuses as the pipeline does when no run can read (or write) the check's state. */
  const blind = (statuses: CheckStatus[], options: Partial<PolicyInput['options']> = {}) =>
    statuses.map((status) => decide({ status, consecutiveFailures: status === 'failed' ? 1 : 0, incident: null, stateUnknown: true, options: { ...defaults, ...options } }));

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

describe('nextIncident', () => {
  it('counts the failures that opened it and keeps its thread', () => {
    const opened = nextIncident({ action: 'open', reason: '' }, null, { runId: 'r1', startedAt: Date.UTC(2026, 0, 1), consecutiveFailures: 3 });
    expect(opened).toEqual({ openedAt: '2026-01-01T00:00:00.000Z', openedRunId: 'r1', failures: 3 });
    const withThread = { ...opened!, ts: '1.2', channel: 'C1' };
    expect(nextIncident({ action: 'reply', reason: '', broadcast: false }, withThread, { runId: 'r2', startedAt: 0, consecutiveFailures: 4 })).toEqual({ ...withThread, failures: 4 });
    expect(nextIncident({ action: 'recover', reason: '' }, withThread, { runId: 'r3', startedAt: 0, consecutiveFailures: 0 })).toBeNull();
  });
});
