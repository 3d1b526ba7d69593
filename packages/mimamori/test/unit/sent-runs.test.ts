// The warm dispatcher's memory of the runs SQS accepted (SentRuns): skipped only while SQS would drop them anyway.
import { describe, expect, it } from 'vitest';
import { REMEMBER_MS, SentRuns } from '../../src/lambda/sent-runs.ts';

describe('SentRuns', () => {
  it('knows an accepted run until just before SQS forgets it, and never stretches that by a later send', () => {
    const sent = new SentRuns();
    sent.remember(['a'], 0);
    expect(sent.has('a', 60_000)).toBe(true);
    sent.remember(['a', 'b'], 120_000);
    // SQS's window runs from the first send: 'a' is forgotten on its own schedule, 'b' on its.
    expect([sent.has('a', REMEMBER_MS - 1), sent.has('a', REMEMBER_MS)]).toEqual([true, false]);
    expect(sent.has('b', REMEMBER_MS)).toBe(true);
    expect(REMEMBER_MS).toBeLessThan(5 * 60_000);
  });

  it('forgets what is old as it goes: a warm container does not grow', () => {
    const sent = new SentRuns();
    for (let minute = 0; minute < 600; minute++) sent.remember([`run ${minute}`], minute * 60_000);
    expect(sent.size).toBeLessThanOrEqual(5);
  });
});
