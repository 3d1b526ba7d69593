// Probe regions (confirmFrom) in the policy and the verdict: what the answers mean (verdict.ts, pure) and what the
// policy does with them (evaluateRun, as the pipeline calls it): confirmed → the incident, saying from where; seen from
// home only → a note once (or the incident, or nothing, as alerts.homeOnly says); unanswered → as without probes.
import { describe, expect, it, vi } from 'vitest';
import { policyResult } from '../helpers/check-result.ts';
import { evaluateRun } from '../../src/policy/evaluate.ts';
import type { CheckState } from '../../src/policy/check-state.ts';
import type { CheckResult, CheckStatus, Confirmation, ProbeAnswer } from '../../src/result/types.ts';
import { confirmationOf } from '../../src/probe/verdict.ts';
import type { AlertOptions } from '../../src/check/types.ts';
import { mayConfirm } from '../../src/pipeline/after-run.ts';
import { afterRunBudget } from '../../src/pipeline/after-run-budget.ts';
import { headlineFacts } from '../../src/notify/alert-facts.ts';

const T0 = Date.UTC(2026, 11, 6, 3);
const HOME = 'ap-northeast-1';
const probe = (region: string, outcome: ProbeAnswer['outcome']): ProbeAnswer => ({ region, outcome });

describe('the verdict of the probe regions (confirmationOf)', () => {
  it('down there too: confirmed, naming every region it is down from', () => {
    expect(confirmationOf(HOME, [probe('us-west-2', 'failed')], 8_000)).toMatchObject({ verdict: 'confirmed', words: 'down from ap-northeast-1 and us-west-2' });
    expect(confirmationOf(HOME, [probe('us-west-2', 'failed'), probe('eu-west-1', 'failed')], 8_000).words).toBe('down from ap-northeast-1, us-west-2 and eu-west-1');
  });

  it('up from every probe region: home-only, saying who sees it up', () => {
    expect(confirmationOf(HOME, [probe('us-west-2', 'passed')], 8_000)).toMatchObject({ verdict: 'home-only', words: 'down from ap-northeast-1 only; us-west-2 sees it up' });
    expect(confirmationOf(HOME, [probe('us-west-2', 'passed'), probe('eu-west-1', 'degraded')], 8_000).words).toBe('down from ap-northeast-1 only; us-west-2 and eu-west-1 see it up');
  });

  it('a probe that did not answer, or could not be asked, is said and never guessed: unconfirmed', () => {
    expect(confirmationOf(HOME, [probe('us-west-2', 'no answer')], 60_000)).toMatchObject({ verdict: 'unconfirmed', words: 'down from ap-northeast-1; us-west-2 did not answer within 1 min' });
    // One region up and one silent is not "home only": the silent one might have seen it down.
    expect(confirmationOf(HOME, [probe('us-west-2', 'passed'), probe('eu-west-1', 'no answer')], 60_000)).toMatchObject({
      verdict: 'unconfirmed', words: 'down from ap-northeast-1; us-west-2 sees it up; eu-west-1 did not answer within 1 min',
    });
    expect(confirmationOf(HOME, [probe('us-west-2', 'not asked')], 0).words).toBe('down from ap-northeast-1; us-west-2 could not be asked');
    // Down from one probe is enough to confirm, whatever the others say.
    expect(confirmationOf(HOME, [probe('us-west-2', 'failed'), probe('eu-west-1', 'passed'), probe('sa-east-1', 'no answer')], 30_000)).toMatchObject({
      verdict: 'confirmed', words: 'down from ap-northeast-1 and us-west-2; eu-west-1 sees it up; sa-east-1 did not answer within 30 s',
    });
  });
});

function result(status: CheckStatus, i: number, confirmation?: Confirmation): CheckResult {
  return policyResult(status, T0 + i * 300_000, { name: 'checkout', ...(confirmation && { confirmation }) });
}

const UP = confirmationOf(HOME, [probe('us-west-2', 'passed')], 5_000);
const DOWN = confirmationOf(HOME, [probe('us-west-2', 'failed')], 5_000);
const SILENT = confirmationOf(HOME, [probe('us-west-2', 'no answer')], 60_000);

/** Runs through the policy as the pipeline does (alertAfter 1: every failure would alert). */
function play(runs: [CheckStatus, Confirmation?][], homeOnly?: AlertOptions['homeOnly'], start?: CheckState) {
  let state = start;
  return runs.map(([status, confirmation], i) => {
    const e = evaluateRun(state, result(status, i, confirmation), { runId: `r${i}`, folder: `f${i}/` }, { alerts: { notify: 'problems', alertAfter: 1, remindEvery: 5, ...(homeOnly && { homeOnly }) }, usual: false });
    state = e.state;
    return { action: e.decision.action, reason: e.decision.reason, state: e.state };
  });
}

describe('the policy with probe regions', () => {
  it('confirmed: the incident opens as without probes, its reason saying from where', () => {
    const [run] = play([['failed', DOWN]]);
    expect(run!.action).toBe('open');
    expect(run!.reason).toBe('failed, down from ap-northeast-1 and us-west-2');
    expect(run!.state.incident).not.toBeNull();
  });

  it("home only (default 'note'): one note and no incident; the note is not repeated while it lasts; a failure seen from a probe too then opens the incident", () => {
    const runs = play([['failed', UP], ['failed', UP], ['failed', DOWN], ['passed']]);
    expect(runs.map((r) => r.action)).toEqual(['post', 'none', 'open', 'recover']);
    expect(runs[0]!.reason).toMatch(/down from ap-northeast-1 only; us-west-2 sees it up: a note, no incident/);
    expect(runs[0]!.state.incident).toBeNull();
    expect(runs[0]!.state.homeOnlySince).toBe(new Date(T0).toISOString());
    expect(runs[1]!.reason).toMatch(/already noted, no incident/);
    expect(runs[2]!.state.homeOnlySince).toBeUndefined();
  });

  it('home only, then up: no incident ever, and the next home-only failure is noted again', () => {
    const runs = play([['failed', UP], ['passed'], ['failed', UP]]);
    expect(runs.map((r) => r.action)).toEqual(['post', 'none', 'post']);
    expect(runs[1]!.state.homeOnlySince).toBeUndefined();
  });

  it("alerts.homeOnly 'incident' opens the incident; 'none' sends nothing and opens none", () => {
    expect(play([['failed', UP]], 'incident')[0]!.action).toBe('open');
    const quiet = play([['failed', UP], ['failed', UP]], 'none');
    expect(quiet.map((r) => r.action)).toEqual(['none', 'none']);
    expect(quiet[1]!.state.incident).toBeNull();
  });

  it('a probe that never answered: the incident opens as it would without probes (a missing confirmation never silences)', () => {
    expect(play([['failed', SILENT]])[0]!.action).toBe('open');
  });

  it('an open incident stays open and is replied to whatever the probes say (they only add their words)', () => {
    const runs = play([['failed', DOWN], ['failed', UP], ['passed']]);
    expect(runs.map((r) => r.action)).toEqual(['open', 'reply', 'recover']);
  });
});

describe('when a run asks its probe regions, and for how long', () => {
  const judged = (status: CheckStatus, action: 'open' | 'reply' | 'none' | 'post', change: Partial<CheckResult> = {}) =>
    mayConfirm({ ...result(status, 0), ...change }, { decision: action === 'reply' ? { action, reason: '', broadcast: false } : { action, reason: '' }, state: {} as CheckState, status, incident: null });

  it('only a site failure the policy would tell someone of: not a pass, not a failure not yet alerted, not the monitor\'s own, not in quiet time', () => {
    expect(judged('failed', 'open')).toBe(true);
    expect(judged('failed', 'reply')).toBe(true);
    expect(judged('failed', 'post')).toBe(true);
    expect(judged('failed', 'none')).toBe(false);
    expect(judged('passed', 'post')).toBe(false);
    expect(judged('degraded', 'post')).toBe(false);
    expect(judged('failed', 'open', { error: { name: 'LaunchError', message: 'Chromium did not start', class: 'runner' } })).toBe(false);
    expect(judged('failed', 'open', { quiet: { mode: 'silence', source: 'mute', name: 'checkout', since: T0, until: T0 + 60_000 } })).toBe(false);
    // A visual change is judged against the home baseline, which a probe does not have: it would always "see it up".
    expect(judged('failed', 'open', { error: { name: 'VisualChange', message: '3.2 % of the picture changed', class: 'assertion' } })).toBe(false);
  });

  it('the wait takes at most 60 % of the after-run time, and storing gets its share after the wait it expects, not before', () => {
    vi.useFakeTimers({ now: T0 });
    try {
      const without = afterRunBudget({ deadline: T0 + 100_000 }, T0);
      const withProbes = afterRunBudget({ deadline: T0 + 100_000, confirmMs: 30_000 }, T0);
      expect(without.confirmDeadline).toBe(T0);
      expect(withProbes.confirmDeadline).toBe(T0 + 60_000);
      // Without probes S3 may use the first half (50 s); with a 30 s wait, half of what is left after it (30 + 35 s).
      vi.advanceTimersByTime(50_000);
      expect([without.s3.signal!.aborted, withProbes.s3.signal!.aborted]).toEqual([true, false]);
      vi.advanceTimersByTime(15_000);
      expect(withProbes.s3.signal!.aborted).toBe(true);
      // A run near its deadline (60 % of 20 s is under 15 s): no wait at all, storing keeps its usual share.
      const near = afterRunBudget({ deadline: Date.now() + 20_000, confirmMs: 30_000 });
      expect(near.confirmDeadline).toBe(Date.now());
      near.dispose();
      without.dispose();
      withProbes.dispose();
    } finally {
      vi.useRealTimers();
    }
  });

  it('a home-only note reads as a warning, not an outage; the incident it opens with homeOnly: \'incident\' still says FAILED', () => {
    const failed = result('failed', 0, UP);
    expect(headlineFacts(failed, { kind: 'report' })).toMatchObject({ tone: 'degraded', title: 'checkout failed from ap-northeast-1 only' });
    expect(headlineFacts(failed, { kind: 'alert' })).toMatchObject({ tone: 'failed', title: 'checkout FAILED' });
    expect(headlineFacts(result('failed', 0, DOWN), { kind: 'report' })).toMatchObject({ tone: 'failed' });
  });
});
