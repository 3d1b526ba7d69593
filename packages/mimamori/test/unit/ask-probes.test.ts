// The home side of a confirmation (askProbes): one message per probe region, then the bucket is read for their
// answers until all are in or the wait ends. Driven with an injected clock and sleep: the order of events, not time.
import { describe, expect, it } from 'vitest';
import { askProbes, type AskProbes } from '../../src/probe/ask-probes.ts';
import { probeRequestOf, type ProbeAnswerFile } from '../../src/probe/probe-request.ts';

const FOLDER = 'runs/checkout/2026/12/06/20261206T030000Z-abc123/';
const T0 = Date.UTC(2026, 11, 6, 3);

/** A bucket (a map), a queue per region (what was sent), and a clock that moves only when the code sleeps. */
function world(options: { answerAfter?: Record<string, number>; answers?: Record<string, Partial<ProbeAnswerFile> | string>; refuse?: string[] } = {}) {
  let now = T0;
  const sent: { region: string; body: unknown; group: string; dedup: string }[] = [];
  const objects = new Map<string, Buffer>();
  const sleeps: number[] = [];
  const o: Omit<AskProbes, 'regions'> = {
    check: 'checkout', home: 'ap-northeast-1', runId: '20261206T030000Z-abc123', folder: FOLDER, deadline: T0 + 100_000, timeoutMs: 60_000,
    now: () => now,
    sleep: async (ms) => {
      sleeps.push(ms);
      now += ms;
      // A probe answers once its time has come (as its Lambda would, some seconds after the message).
      for (const [region, at] of Object.entries(options.answerAfter ?? {})) {
        if (now - T0 < at) continue;
        const answer = options.answers?.[region] ?? { status: 'failed', durationMs: 1200 };
        const json = typeof answer === 'string' ? answer : JSON.stringify({ region, check: 'checkout', runId: 'x', askedAt: new Date(T0).toISOString(), startedAt: T0, steps: [], ...answer });
        objects.set(`${FOLDER}probes/${region}/answer.json`, Buffer.from(json));
        objects.set(`${FOLDER}probes/${region}/screenshot.png`, Buffer.from(`png of ${region}`));
      }
    },
    send: async (region, message) => {
      if (options.refuse?.includes(region)) throw Object.assign(new Error('The specified queue does not exist.'), { name: 'QueueDoesNotExist' });
      sent.push({ region, body: JSON.parse(message.MessageBody), group: message.MessageGroupId, dedup: message.MessageDeduplicationId });
    },
    read: async (key) => objects.get(key),
  };
  return { o, sent, sleeps, at: () => now - T0 };
}

describe('askProbes', () => {
  it('asks each region once, with the run and the time it waits until, and stops waiting when all have answered', async () => {
    const w = world({ answerAfter: { 'us-west-2': 3_000, 'eu-west-1': 5_000 }, answers: { 'us-west-2': { status: 'failed', durationMs: 1200, error: { message: 'Timeout', step: 'open home' }, screenshot: 'screenshot.png' }, 'eu-west-1': { status: 'passed', durationMs: 900, screenshot: 'screenshot.png' } } });
    const c = await askProbes({ ...w.o, regions: ['us-west-2', 'eu-west-1'] });
    expect(w.sent.map((s) => s.region)).toEqual(['us-west-2', 'eu-west-1']);
    // The body is what the probe's runner reads back.
    expect(probeRequestOf(w.sent[0]!.body)).toEqual({ check: 'checkout', runId: '20261206T030000Z-abc123', folder: FOLDER, home: 'ap-northeast-1', askedAt: new Date(T0).toISOString(), answerBy: new Date(T0 + 60_000).toISOString() });
    expect(w.sent[0]!.dedup).not.toBe(w.sent[1]!.dedup);
    expect(w.sent[0]!.group).toBe(w.sent[1]!.group);
    expect(w.at()).toBe(5_000);
    expect(c).toMatchObject({ verdict: 'confirmed', words: 'down from ap-northeast-1 and us-west-2; eu-west-1 sees it up', waitedMs: 5_000 });
    expect(c.probes[0]).toMatchObject({ region: 'us-west-2', outcome: 'failed', durationMs: 1200, error: { message: 'Timeout', step: 'open home' }, screenshotKey: `${FOLDER}probes/us-west-2/screenshot.png` });
    expect(c.probes.map((p) => p.bytes?.toString())).toEqual(['png of us-west-2', 'png of eu-west-1']);
  });

  it('a region that never answers is "no answer" when the wait (confirmTimeoutMs) ends; the others still count', async () => {
    const w = world({ answerAfter: { 'us-west-2': 2_000 }, answers: { 'us-west-2': { status: 'passed', durationMs: 800 } } });
    const c = await askProbes({ ...w.o, regions: ['us-west-2', 'eu-west-1'], timeoutMs: 10_000 });
    expect(w.at()).toBe(10_000);
    expect(c.probes.map((p) => p.outcome)).toEqual(['passed', 'no answer']);
    expect(c.verdict).toBe('unconfirmed');
  });

  it("never waits past the run's deadline, even when confirmTimeoutMs is longer", async () => {
    const w = world();
    const c = await askProbes({ ...w.o, regions: ['us-west-2'], deadline: T0 + 7_500 });
    expect(w.at()).toBe(7_500);
    expect(w.sleeps.every((ms) => ms <= 1_000)).toBe(true);
    expect(c.words).toBe('down from ap-northeast-1; us-west-2 did not answer within 7.5 s');
  });

  it('a queue that refuses the request is "not asked", with why; nothing is waited for it', async () => {
    const w = world({ refuse: ['us-west-2'] });
    const c = await askProbes({ ...w.o, regions: ['us-west-2'] });
    expect(w.at()).toBe(0);
    expect(c.probes[0]).toMatchObject({ outcome: 'not asked', error: { message: 'QueueDoesNotExist: The specified queue does not exist.' } });
    expect(c.verdict).toBe('unconfirmed');
  });

  it('an answer that is not one (broken JSON, no status) is never read as up or down: no answer, saying why', async () => {
    const w = world({ answerAfter: { 'us-west-2': 1_000, 'eu-west-1': 1_000 }, answers: { 'us-west-2': '{"status": "pass', 'eu-west-1': { status: 'maybe' as never, durationMs: 1 } } });
    const c = await askProbes({ ...w.o, regions: ['us-west-2', 'eu-west-1'], timeoutMs: 6_000 });
    expect(c.probes.map((p) => [p.outcome, p.error?.message])).toEqual([['no answer', 'the answer is not JSON'], ['no answer', 'the answer\'s status is "maybe"']]);
    expect(c.verdict).toBe('unconfirmed');
  });

  it('a probe that could not run the check (its own failure, or a journey cut short) is "not run": no verdict on the site', async () => {
    const w = world({ answerAfter: { 'us-west-2': 1_000, 'eu-west-1': 1_000 }, answers: {
      'us-west-2': { status: 'failed', durationMs: 5, class: 'runner', error: { message: 'MissingSecretError: LOGIN_PASSWORD is not in SSM' } },
      'eu-west-1': { status: 'failed', durationMs: 9000, class: 'timeout', incomplete: "it had 9 s of the check's 1 min timeout before the home run stopped waiting, and timed out" },
    } });
    const c = await askProbes({ ...w.o, regions: ['us-west-2', 'eu-west-1'] });
    expect(c.probes.map((p) => [p.outcome, p.error?.message])).toEqual([
      ['not run', 'MissingSecretError: LOGIN_PASSWORD is not in SSM'],
      ['not run', "it had 9 s of the check's 1 min timeout before the home run stopped waiting, and timed out"],
    ]);
    expect(c).toMatchObject({ verdict: 'unconfirmed', words: 'down from ap-northeast-1; us-west-2 and eu-west-1 could not run the check' });
  });

  it('an answer to an earlier asking of the same run (its home run delivered again) is not this one\'s', async () => {
    const w = world({ answerAfter: { 'us-west-2': 0 }, answers: { 'us-west-2': { status: 'passed', durationMs: 800, askedAt: new Date(T0 - 960_000).toISOString() } } });
    const c = await askProbes({ ...w.o, regions: ['us-west-2'], timeoutMs: 5_000 });
    expect(c.probes[0]!.outcome).toBe('no answer');
  });

  it('with less than 5 s left to wait, no region is asked, and the alert says why', async () => {
    const w = world();
    const c = await askProbes({ ...w.o, regions: ['us-west-2'], deadline: T0 + 4_000 });
    expect(w.sent).toEqual([]);
    expect(c.probes[0]).toMatchObject({ outcome: 'not asked', error: { message: "only 4 s of the run's time was left to wait: too little for a probe region to answer" } });
  });
});
