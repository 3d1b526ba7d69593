// The built dispatcher, invoked the way Lambda invokes it on a scheduled tick (the project's own build, Lambda's Node
// major, no layer: the dispatcher has none), against an SQS stand-in on loopback that deduplicates as a FIFO queue
// does. A project of 12 checks every minute and 2 every ten minutes: more than one SendMessageBatch (10 entries at
// most), entries SQS refuses one by one, and an SQS that answers 500 to everything.
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.ts';
import { startFakeSqs, type FakeSqs, type SqsEntry } from '../helpers/fake-sqs.ts';
import { invokeBuilt, type Invocation } from '../helpers/lambda.ts';
import { messageGroupId } from '../../src/lambda/dispatch.ts';
import { dispatcherEnv, scheduledEvent } from '../helpers/dispatcher-lambda.ts';

/** Due at every tick. */
const EVERY_MINUTE = Array.from({ length: 12 }, (_, i) => `tick ${String(i + 1).padStart(2, '0')}`);
/** Due at :00, :10, … — and, with the 4-minute look-back, at the three ticks after: a missed send is sent again. */
const EVERY_TEN = ['every ten a', 'every ten b'];
let dispatcher: string;
let lambdaTmp: string;

beforeAll(async () => {
  const project = await mkdtemp(join(tmpdir(), 'mimamori-dispatcher-project-'));
  const checks = join(project, 'checks');
  await mkdir(checks);
  const file = (name: string, schedule?: string) => writeFile(join(checks, `${name.replaceAll(' ', '-')}.check.ts`),
    `import { defineCheck } from 'mimamori';\nexport default defineCheck({ name: ${JSON.stringify(name)},${schedule ? ` schedule: ${JSON.stringify(schedule)},` : ''} async run() {} });\n`);
  await Promise.all([...EVERY_MINUTE.map((n) => file(n, 'rate(1 minute)')), ...EVERY_TEN.map((n) => file(n, 'cron(0/10 * * * ? *)'))]);
  // Not scheduled: runnable by hand only, never in a tick's batches.
  await file('by hand');
  await writeFile(join(project, 'mimamori.config.ts'), `export default { checksDir: ${JSON.stringify(checks)} };\n`);
  const built = await runCli(['build', '--out', join(project, 'build')], { cwd: project });
  if (built.code !== 0) throw new Error(`build failed: ${built.stderr}${built.stdout}`);
  dispatcher = join(project, 'build/dispatcher/dispatcher.js');
  lambdaTmp = await mkdtemp(join(tmpdir(), 'lambda-tmp-'));
}, 120_000);

/**
 * One tick: the built dispatcher invoked with the scheduled event for `time`, in Lambda's environment (only what the
 * template and the runtime set, credentials as Lambda gives them), sending to `sqs`. Returns the invocation and the
 * SQS calls it made.
 */
async function tick(sqs: FakeSqs, time: string): Promise<{ result: Invocation; calls: FakeSqs['received'] }> {
  const before = sqs.received.length;
  const [result] = await invokeBuilt(dispatcher, [{ event: scheduledEvent(time), timeoutMs: 30_000 }], dispatcherEnv(sqs, lambdaTmp));
  return { result: result!, calls: sqs.received.slice(before) };
}

const entriesOf = (calls: FakeSqs['received']) => calls.map((c) => c.input.Entries as SqsEntry[]);
const body = (e: { MessageBody: string }) => JSON.parse(e.MessageBody) as { check: string; scheduledAt: string };
/** check → its entry's MessageDeduplicationId. */
const dedupIds = (entries: SqsEntry[]) => Object.fromEntries(entries.map((e) => [body(e).check, e.MessageDeduplicationId]));

describe('a tick with more due checks than one SendMessageBatch takes', () => {
  let sqs: FakeSqs;
  let first: Awaited<ReturnType<typeof tick>>;
  beforeAll(async () => {
    sqs = await startFakeSqs();
    first = await tick(sqs, '2026-11-29T10:25:00Z'); // the every-ten checks were due at 10:20: out of the look-back
  }, 60_000);
  afterAll(() => sqs?.close());

  it('sends the 12 due checks in two batches, 10 then 2, each check once, and answers with them', () => {
    expect(first.result.error).toBeUndefined();
    expect(first.calls.map((c) => c.action)).toEqual(['SendMessageBatch', 'SendMessageBatch']);
    for (const call of first.calls) expect(call.input.QueueUrl).toBe(sqs.queueUrl);
    const batches = entriesOf(first.calls);
    expect(batches.map((b) => b.length)).toEqual([10, 2]);
    for (const batch of batches) expect(new Set(batch.map((e) => e.Id)).size).toBe(batch.length); // ids unique per batch
    const entries = batches.flat();
    expect(entries.map((e) => body(e).check).sort()).toEqual(EVERY_MINUTE);
    for (const e of entries) expect(body(e)).toEqual({ check: body(e).check, scheduledAt: '2026-11-29T10:25:00.000Z' });
    expect([...(first.result.answer.enqueued as string[])].sort()).toEqual(EVERY_MINUTE);
    expect(sqs.queue).toHaveLength(12);
  });

  it('puts each run in its check\'s message group, one group per check', () => {
    const entries = entriesOf(first.calls).flat();
    for (const e of entries) expect(e.MessageGroupId, body(e).check).toBe(messageGroupId(body(e).check));
    expect(new Set(entries.map((e) => e.MessageGroupId)).size).toBe(12);
  });

  it('gives a run the same deduplication id at every tick of its minute, and the next minute\'s run another', async () => {
    const ids = dedupIds(entriesOf(first.calls).flat());
    expect(new Set(Object.values(ids)).size).toBe(12);
    for (const id of Object.values(ids)) expect(id).toMatch(/^[0-9a-f]{1,128}$/);
    // A late copy of the same tick (EventBridge delivering it again within the minute): the same runs, which SQS drops.
    const late = await tick(sqs, '2026-11-29T10:25:40Z');
    expect(late.result.error).toBeUndefined();
    expect(dedupIds(entriesOf(late.calls).flat())).toEqual(ids);
    expect(sqs.queue).toHaveLength(12);
    expect(sqs.deduplicated).toHaveLength(12);
    // The next minute: every check is due again, a new run each.
    const next = await tick(sqs, '2026-11-29T10:26:05Z');
    expect(next.result.error).toBeUndefined();
    const nextIds = dedupIds(entriesOf(next.calls).flat());
    expect(Object.keys(nextIds).sort()).toEqual(EVERY_MINUTE);
    for (const check of EVERY_MINUTE) expect(nextIds[check], check).not.toBe(ids[check]);
    expect(sqs.queue).toHaveLength(24);
  }, 60_000);
});

describe('a tick whose batch SQS answers with Failed entries', () => {
  let sqs: FakeSqs;
  let first: Awaited<ReturnType<typeof tick>>;
  let second: Awaited<ReturnType<typeof tick>>;
  /** The queue after the first tick, before the second. */
  let queuedByFirst: string[];
  const REFUSED = ['tick 03', 'every ten b'];
  const ALL = [...EVERY_MINUTE, ...EVERY_TEN].sort();
  beforeAll(async () => {
    sqs = await startFakeSqs();
    // As SQS answers an entry it could not take: the batch call succeeds, the entry is listed in Failed.
    sqs.refuse = (entry) => (REFUSED.includes(body(entry).check)
      ? { Code: 'InternalError', Message: `We encountered an internal error (${body(entry).check}). Please try again.`, SenderFault: false }
      : undefined);
    first = await tick(sqs, '2026-11-29T10:30:00Z');
    queuedByFirst = sqs.queue.map((m) => `${body(m).check} ${body(m).scheduledAt}`);
    sqs.refuse = undefined;
    second = await tick(sqs, '2026-11-29T10:31:00Z'); // the every-ten checks are still due (10:30, in the look-back)
  }, 60_000);
  afterAll(() => sqs?.close());

  it('fails the invocation (Lambda counts an error, the alarm sees it), naming how many runs and which SQS refused', () => {
    expect(first.result.answer).toBeUndefined();
    expect(first.result.error).toBeDefined();
    const message = first.result.error!.errorMessage;
    expect(message).toMatch(/^SQS refused 2 of 14 run requests \(the other 12 were sent\): /);
    for (const check of REFUSED) {
      expect(message).toContain(`"${check}"`);
      expect(message).toContain(`We encountered an internal error (${check}). Please try again.`);
    }
    expect(message).toContain('InternalError');
  });

  it('still sends every other run of the tick, in the batches after the one with the refusals too', () => {
    const batches = entriesOf(first.calls);
    expect(batches.map((b) => b.length)).toEqual([10, 4]);
    expect(batches[0]!.map((e) => body(e).check)).toContain('tick 03'); // refused in the first batch, then the second sent
    expect(queuedByFirst.sort()).toEqual(ALL.filter((c) => !REFUSED.includes(c)).map((c) => `${c} 2026-11-29T10:30:00.000Z`));
  });

  it('re-sends a refused run at the next tick under the same deduplication id, so the runs already sent are not run twice', () => {
    expect(second.result.error).toBeUndefined();
    expect([...(second.result.answer.enqueued as string[])].sort()).toEqual(ALL);
    const [before, after] = [dedupIds(entriesOf(first.calls).flat()), dedupIds(entriesOf(second.calls).flat())];
    for (const check of EVERY_TEN) {
      expect(after[check], check).toBe(before[check]);
      expect(body(entriesOf(second.calls).flat().find((e) => body(e).check === check)!).scheduledAt).toBe('2026-11-29T10:30:00.000Z');
    }
    // The one sent at 10:30 was sent again and dropped by SQS; the refused one is now on the queue: each once.
    expect(sqs.deduplicated.map((e) => body(e).check)).toEqual(['every ten a']);
    for (const check of EVERY_TEN) expect(sqs.queue.filter((m) => body(m).check === check), check).toHaveLength(1);
  });

  it('does not re-send a refused every-minute run: the next minute\'s run takes its place (only the latest due minute is sent)', () => {
    const runs = (check: string) => sqs.queue.filter((m) => body(m).check === check).map((m) => body(m).scheduledAt);
    expect(runs('tick 03')).toEqual(['2026-11-29T10:31:00.000Z']);
    expect(runs('tick 04')).toEqual(['2026-11-29T10:30:00.000Z', '2026-11-29T10:31:00.000Z']);
    expect(sqs.queue).toHaveLength(12 + 11 + 2);
  });
});

describe('ticks of a warm container (Lambda keeps it between ticks)', () => {
  it('do not send again what SQS already took within its deduplication window; a refused run is sent again', async () => {
    const sqs = await startFakeSqs();
    try {
      let refusals = 0;
      // SQS refuses "every ten b" once, at the first tick.
      sqs.refuse = (entry) => (body(entry).check === 'every ten b' && refusals++ === 0 ? { Code: 'InternalError', Message: 'try again', SenderFault: false } : undefined);
      const times = ['2026-11-29T10:30:00Z', '2026-11-29T10:31:00Z', '2026-11-29T10:32:00Z'];
      const results = await invokeBuilt(dispatcher, times.map((time) => ({ event: scheduledEvent(time), timeoutMs: 30_000 })), dispatcherEnv(sqs, lambdaTmp));
      // Each batch holds some every-minute runs, whose minute is the tick's: the runs each tick sent, by its minute.
      const sentAt = new Map<string, string[]>();
      for (const call of sqs.received) {
        const entries = call.input.Entries as SqsEntry[];
        const minute = body(entries.find((e) => EVERY_MINUTE.includes(body(e).check))!).scheduledAt.slice(11, 16);
        sentAt.set(minute, [...(sentAt.get(minute) ?? []), ...entries.map((e) => `${body(e).check} ${body(e).scheduledAt.slice(11, 16)}`)]);
      }
      const perTick = ['10:30', '10:31', '10:32'].map((m) => sentAt.get(m) ?? []);
      expect(results[0]!.error?.errorMessage).toMatch(/^SQS refused 1 of 14 run requests/);
      // 10:31: the every-minute runs, and the refused run of 10:30 again; not "every ten a", which SQS already has.
      expect(perTick[1]!.filter((e) => e.startsWith('every ten'))).toEqual(['every ten b 10:30']);
      expect(perTick[2]!.filter((e) => e.startsWith('every ten'))).toEqual([]);
      expect([results[1]!.error, results[2]!.error]).toEqual([undefined, undefined]);
      // Each run on the queue once, and nothing sent for SQS to drop.
      for (const check of EVERY_TEN) expect(sqs.queue.filter((m) => body(m).check === check), check).toHaveLength(1);
      expect(sqs.deduplicated).toEqual([]);
      // The answer still names every run due at the tick: they are on the queue.
      expect([...(results[1]!.answer.enqueued as string[])].sort()).toEqual([...EVERY_MINUTE, ...EVERY_TEN].sort());
      // …and how many of them it had queued at an earlier tick: "every ten a" at 10:31, both every-ten runs at 10:32.
      expect([results[1]!.answer.alreadyQueued, results[2]!.answer.alreadyQueued]).toEqual([1, 2]);
    } finally {
      await sqs.close();
    }
  }, 60_000);
});

describe('a tick when SQS answers 500 to every call', () => {
  let sqs: FakeSqs;
  let down: Awaited<ReturnType<typeof tick>>;
  beforeAll(async () => {
    sqs = await startFakeSqs();
    sqs.callError = { status: 500, code: 'InternalError', message: 'We encountered an internal error. Please try again.' };
    down = await tick(sqs, '2026-11-29T10:25:00Z');
  }, 60_000);
  afterAll(() => sqs?.close());

  it('fails the invocation after the SDK\'s retries: no silent success, nothing enqueued', () => {
    expect(down.result.answer).toBeUndefined();
    const message = down.result.error!.errorMessage;
    expect(message).toMatch(/^SQS refused 12 of 12 run requests \(none was sent\): /);
    expect(message).toContain('We encountered an internal error. Please try again.');
    for (const check of EVERY_MINUTE) expect(message).toContain(`"${check}"`);
    expect(sqs.queue).toEqual([]);
  });

  it('tries each batch (retried by the SDK), not only the first', () => {
    const attempts = entriesOf(down.calls).map((b) => b.map((e) => body(e).check).join());
    const batches = [...new Set(attempts)];
    expect(batches).toHaveLength(2);
    for (const batch of batches) expect(attempts.filter((a) => a === batch).length, batch).toBeGreaterThan(1);
  });
});
