// The warm dispatcher's memory of the runs SQS accepted (SentRuns): skipped only while SQS would drop them anyway.
import { describe, expect, it } from 'vitest';
import { REMEMBER_MS, SentRuns } from '../../src/lambda/sent-runs.ts';

describe('SentRuns', () => {
  it('knows an accepted run past SQS\'s own 5 minutes (a late tick must not enqueue it again), and never renews it', () => {
    const sent = new SentRuns();
    sent.remember(['a'], 0);
    expect(sent.has('a', 60_000)).toBe(true);
    sent.remember(['a', 'b'], 120_000);
    // Forgotten from the first send: 'a' on its own schedule, 'b' on its.
    expect([sent.has('a', REMEMBER_MS - 1), sent.has('a', REMEMBER_MS)]).toEqual([true, false]);
    expect(sent.has('b', REMEMBER_MS)).toBe(true);
    // A tick delivered 6 minutes late still looks back 4 minutes: SQS would take the run again; the memory does not send it.
    expect(sent.has('b', 120_000 + 6 * 60_000)).toBe(true);
  });

  it('forgets what is old as it goes: a warm container does not grow', () => {
    const sent = new SentRuns();
    for (let minute = 0; minute < 600; minute++) sent.remember([`run ${minute}`], minute * 60_000);
    expect(sent.size).toBeLessThanOrEqual(REMEMBER_MS / 60_000);
  });
});
