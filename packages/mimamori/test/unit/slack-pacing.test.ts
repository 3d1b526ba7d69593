// Pacing a Slack channel (one post a second, a pause after a 429) and what the next alert gets when time is short.
import { describe, expect, it } from 'vitest';
import { ChannelPacer } from '../../src/notify/channel-pacer.ts';
import { planNext } from '../../src/notify/slack-plan.ts';

/** A pacer on a clock the test moves. */
function pacer() {
  const clock = { now: 1_000_000 };
  return { clock, pacer: new ChannelPacer(1, 1, () => clock.now) };
}

describe('ChannelPacer', () => {
  it('lets one post go at once, then one a second counted from when Slack answered', () => {
    const { clock, pacer: p } = pacer();
    expect(p.nextAt()).toBe(clock.now);
    p.take();
    clock.now += 200; // Slack took 200 ms to answer
    p.answered();
    expect(p.nextAt()).toBe(clock.now + 1000);
    clock.now += 1000;
    expect(p.nextAt()).toBe(clock.now);
  });

  it('counts the posts that can still start before a time', () => {
    const { clock, pacer: p } = pacer();
    expect(p.slotsBefore(clock.now + 3_500)).toBe(4); // now, +1 s, +2 s, +3 s
    expect(p.slotsBefore(clock.now - 1)).toBe(0);
    p.take();
    expect(p.slotsBefore(clock.now + 3_500)).toBe(3);
  });

  it('pauses for Retry-After after a 429, then starts again with one post', () => {
    const { clock, pacer: p } = pacer();
    p.take();
    p.block(30);
    expect(p.nextAt()).toBe(clock.now + 30_000);
    expect(p.slotsBefore(clock.now + 29_000)).toBe(0);
    expect(p.slotsBefore(clock.now + 31_000)).toBe(2);
    expect(p.lastRetryAfter).toBe(30);
  });
});

describe('planNext', () => {
  it('sends everything with its screenshot when it all fits', () => {
    expect(planNext({ waiting: 3, slots: 10, screenshotsFit: true })).toBe('full');
  });

  it('gives up screenshots first, when every message still fits', () => {
    expect(planNext({ waiting: 3, slots: 3, screenshotsFit: false })).toBe('message');
  });

  it('sends the most important alone while a post stays free for the fold, then folds the rest', () => {
    expect(planNext({ waiting: 30, slots: 4, screenshotsFit: false })).toBe('message');
    expect(planNext({ waiting: 27, slots: 1, screenshotsFit: false })).toBe('fold');
    // A fold of one is just its message.
    expect(planNext({ waiting: 1, slots: 1, screenshotsFit: false })).toBe('message');
  });

  it('gives up only when not even one post fits', () => {
    expect(planNext({ waiting: 5, slots: 0, screenshotsFit: false })).toBe('none');
  });
});
