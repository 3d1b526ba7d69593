// A check's state that is valid JSON but malformed in parts (a hand edit, a bad copy), read through the real reader
// (readState on the local store): a part the code relies on that is not of its type is left out with a warning naming
// the key — or, where the state means nothing without it, the whole object is read as none — and never reaches the
// policy, which would throw on it on every run.
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_ALERTS } from '../../src/check/defaults.ts';
import { evaluateRun } from '../../src/policy/evaluate.ts';
import { DEFAULT_USUAL_RULE } from '../../src/policy/usual.ts';
import { LocalStore } from '../../src/store/local-store.ts';
import { readState } from '../../src/store/state.ts';
import { sampleRun } from './fixtures/run-result.ts';

const GOOD = { check: 'shop', lastStatus: 'passed', lastRunId: 'r0', lastRunAt: '2026-12-01T00:00:00.000Z', consecutiveFailures: 0, incident: null };
const SAMPLE = { at: 1, ms: 100, steps: { open: 100 } };
const BASELINE = { learnedAt: '2026-12-01T00:00:00.000Z', runs: 5, journeyMs: 100, steps: { open: 100 } };
const INCIDENT = { openedAt: '2026-12-01T00:00:00.000Z', openedRunId: 'r0', failures: 2, thread: { notifier: 'slack', ref: { channel: 'C0ALERTS', ts: '1.2' } } };
const LAST_GOOD = { runId: 'r0', at: '2026-12-01T00:00:00.000Z', folder: 'runs/shop/', screenshots: [{ file: 'final.png', kind: 'final' }] };

let store: LocalStore;
beforeEach(async () => {
  store = new LocalStore(await mkdtemp(join(tmpdir(), 'mimamori-state-shape-')));
});
const stored = async (fields: Record<string, unknown>) => {
  await store.put('state/shop.json', JSON.stringify({ ...GOOD, ...fields }), { contentType: 'application/json' });
  return readState(store, 'shop');
};

describe('a check state malformed in parts', () => {
  it.each([
    { what: 'null and broken history entries', fields: { history: [null, SAMPLE, { at: 2, ms: '9', steps: {} }, { at: 3, ms: 9, steps: { open: 'x' } }] }, kept: { history: [SAMPLE] },
      said: '3 malformed history entries left out (entry 1 is null; entry 3 has no duration ms; entry 4 has a step open that is not a duration)' },
    { what: 'a history that is not a list', fields: { history: 'x' }, kept: { history: undefined }, said: 'its history is not a list: left out' },
    { what: 'a baseline with no steps', fields: { history: [SAMPLE], baseline: { journeyMs: 100 } }, kept: { history: [SAMPLE], baseline: undefined },
      said: 'its baseline has no steps: left out, the usual is learned again' },
    { what: 'a baseline with no journeyMs', fields: { baseline: { ...BASELINE, journeyMs: null } }, kept: { baseline: undefined }, said: 'its baseline has no journeyMs: left out, the usual is learned again' },
    { what: 'a baseline step that is not a duration', fields: { baseline: { ...BASELINE, steps: { open: '100' } } }, kept: { baseline: undefined }, said: 'its baseline has a step open that is not a duration: left out, the usual is learned again' },
    { what: 'recent run ids that are not ids', fields: { recentRuns: ['r1', 7, null, 'r2'] }, kept: { recentRuns: ['r1', 'r2'] }, said: '2 recent run ids that are not ids left out' },
    { what: 'slowerSince that is not a time', fields: { slowerSince: 5 }, kept: { slowerSince: undefined }, said: 'its slowerSince is not a time: left out' },
    { what: 'an incident ts that is not a ts', fields: { incident: { ...INCIDENT, ts: 12 } }, kept: { incident: { ...INCIDENT, ts: undefined } }, said: "its incident's ts is not text: left out" },
    { what: 'an incident thread that is no thread ref', fields: { incident: { ...INCIDENT, thread: { notifier: 'slack', ref: { ts: 12 } } } }, kept: { incident: { ...INCIDENT, thread: undefined } }, said: "its incident's thread is not a thread: left out" },
    { what: 'an incident of an unknown kind', fields: { incident: { ...INCIDENT, kind: 'x' } }, kept: { incident: INCIDENT }, said: "its incident's kind is not site or monitor: left out" },
    { what: 'a lastGood with no screenshots', fields: { lastGood: { runId: 'r0', at: 'x', folder: 'f/' } }, kept: { lastGood: undefined }, said: 'its lastGood has no screenshots: left out' },
    { what: 'a lastGood screenshot with no file', fields: { lastGood: { ...LAST_GOOD, screenshots: [{ kind: 'final' }] } }, kept: { lastGood: undefined }, said: 'its lastGood has a screenshot with no file: left out' },
    { what: 'consecutiveRunnerFailures that is not a number', fields: { consecutiveRunnerFailures: '2' }, kept: { consecutiveRunnerFailures: undefined }, said: 'its consecutiveRunnerFailures is not a number: left out' },
  ])('$what: left out, with a warning naming the key; the rest is kept', async ({ fields, kept, said }) => {
    const loaded = await stored({ lastGood: LAST_GOOD, ...fields });
    expect(loaded.unreadable).toBeUndefined();
    expect(loaded.version).toBeDefined();
    const { incident: _, ...rest } = GOOD;
    expect(loaded.state).toMatchObject(rest);
    for (const [field, value] of Object.entries(kept)) expect(loaded.state![field]).toEqual(value);
    expect(loaded.repaired).toBe(`state/shop.json: ${said} in ${store.location}: repaired by this run's write`);
  });

  it.each([
    { what: 'an incident with no failure count', fields: { incident: { ...INCIDENT, failures: 'two' } }, said: 'its incident has no failure count' },
    { what: 'consecutiveFailures that is not a number', fields: { consecutiveFailures: null }, said: 'consecutiveFailures is not a number' },
  ])('$what: the whole object is read as none (the incident and the counts are what the state is for)', async ({ fields, said }) => {
    const loaded = await stored(fields);
    expect(loaded.state).toBeUndefined();
    expect(loaded.version).toBeDefined();
    expect(loaded.unreadable).toBe(`state/shop.json is malformed (${said}) in ${store.location}: read as none, the next write replaces it`);
  });

  it("an incident written by an earlier version (Slack's channel and ts beside its fields) is read with Slack's thread ref, nothing said", async () => {
    const { thread: _thread, ...fields } = INCIDENT;
    const loaded = await stored({ incident: { ...fields, channel: 'C0ALERTS', ts: '1.2' } });
    expect(loaded.state!.incident).toEqual(INCIDENT);
    expect(loaded.repaired).toBeUndefined();
  });

  it('a whole state is read as it is, with nothing said', async () => {
    const whole = { history: [SAMPLE], baseline: BASELINE, recentRuns: ['r0'], incident: INCIDENT, lastGood: LAST_GOOD, consecutiveRunnerFailures: 0, slowerSince: '2026-12-01T00:00:00.000Z' };
    const loaded = await stored(whole);
    expect(loaded.state).toEqual({ ...GOOD, ...whole });
    expect(loaded.repaired).toBeUndefined();
  });

  it('the policy judges a passing run on what was kept (it threw on a null history entry and on a baseline with no steps)', async () => {
    const loaded = await stored({ history: [null, SAMPLE], baseline: { journeyMs: 100 } });
    const result = { ...sampleRun().results[0]!, name: 'shop', status: 'passed' as const };
    const evaluation = evaluateRun(loaded.state, result, { runId: 'r1', folder: 'runs/shop/r1/' }, { alerts: DEFAULT_ALERTS, usual: DEFAULT_USUAL_RULE });
    expect(evaluation.usual).toMatchObject({ state: 'learning', runs: 1 });
    expect(evaluation.state.history).toHaveLength(2);
  });
});
