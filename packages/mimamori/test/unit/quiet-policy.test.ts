// Quiet time in the alert policy (evaluateRun, as the pipeline calls it): a check in a maintenance window or muted is
// judged and counted, sends nothing and opens no incident; the first failing run after it opens the incident, saying
// the failures began during it; an open incident is counted silently and recovers after it.
import { describe, expect, it } from 'vitest';
import { policyResult } from '../helpers/check-result.ts';
import { evaluateRun } from '../../src/policy/evaluate.ts';
import type { CheckState } from '../../src/policy/check-state.ts';
import type { CheckResult, CheckStatus } from '../../src/result/types.ts';
import type { Quiet } from '../../src/maintenance/quiet.ts';

const T0 = Date.UTC(2026, 11, 5, 21);
const WINDOW: Quiet = { mode: 'silence', source: 'maintenance', name: 'nightly deploy', since: T0, until: T0 + 3 * 300_000 };
const MUTE: Quiet = { mode: 'silence', source: 'mute', name: 'checkout', by: 'aki', reason: 'DB restart', since: T0, until: T0 + 3 * 300_000 };

function result(status: CheckStatus, i: number, quiet?: Quiet): CheckResult {
  return policyResult(status, T0 + i * 300_000, { name: 'checkout', ...(quiet && { quiet }) });
}

/** Runs (status, quiet?) through the policy as the pipeline does. */
function play(runs: [CheckStatus, Quiet?][], start?: CheckState) {
  let state = start;
  return runs.map(([status, quiet], i) => {
    const e = evaluateRun(state, result(status, i, quiet), { runId: `r${i}`, folder: `f${i}/` }, { alerts: { notify: 'problems', alertAfter: 2, remindEvery: 5 }, usual: false });
    state = e.state;
    return { action: e.decision.action, reason: e.decision.reason, began: e.decision.action === 'open' ? e.decision.began : undefined, state: e.state };
  });
}

describe('quiet time in the policy', () => {
  it('a check failing through a silence window sends nothing, and opens its incident on the first run after it, saying it began in the window', () => {
    const runs = play([['failed', WINDOW], ['failed', WINDOW], ['failed', WINDOW], ['failed'], ['failed'], ['passed']]);
    expect(runs.map((r) => r.action)).toEqual(['none', 'none', 'none', 'open', 'reply', 'recover']);
    expect(runs[1]!.reason).toMatch(/in maintenance window "nightly deploy": no incident opens while it lasts/);
    expect(runs[2]!.state.incident).toBeNull();
    expect(runs[3]!.began).toEqual({ at: new Date(T0).toISOString(), during: 'in maintenance window "nightly deploy"' });
    expect(runs[3]!.reason).toMatch(/failed 4 times in a row, since 2026-12-05T21:00:00.000Z/);
    // The streak's start is forgotten once the incident it held back is open, and after the recovery.
    expect(runs[3]!.state.quietStart).toBeUndefined();
    expect(runs[5]!.state.quietStart).toBeUndefined();
  });

  it('a failure that ends inside the window leaves nothing behind', () => {
    const runs = play([['failed', WINDOW], ['passed', WINDOW], ['failed'], ['failed']]);
    expect(runs.map((r) => r.action)).toEqual(['none', 'none', 'none', 'open']);
    expect(runs[1]!.state.quietStart).toBeUndefined();
    expect(runs[3]!.began).toBeUndefined();
  });

  it('an open incident muted mid-way is counted silently, and recovers on the first run after the mute', () => {
    const runs = play([['failed'], ['failed'], ['failed', MUTE], ['passed', MUTE], ['passed']]);
    expect(runs.map((r) => r.action)).toEqual(['none', 'open', 'none', 'none', 'recover']);
    expect(runs[2]!.state.incident?.failures).toBe(3);
    expect(runs[2]!.reason).toMatch(/muted \(checkout\) by aki: DB restart: nothing is sent/);
    expect(runs[3]!.state.incident).not.toBeNull();
  });

  it('a run degraded in quiet time posts nothing; still degraded after it, it is news then (it was never reported)', () => {
    const runs = play([['degraded', MUTE], ['degraded', MUTE], ['degraded'], ['degraded']]);
    expect(runs.map((r) => r.action)).toEqual(['none', 'none', 'post', 'none']);
    expect(runs[2]!.reason).toBe('newly degraded');
  });
});
