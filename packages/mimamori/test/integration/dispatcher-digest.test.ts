// The built dispatcher and the daily picture: with `digest: { at: '09:00', timeZone: 'Asia/Tokyo' }` in the config
// (compiled in, no template change), the ticks from 09:00 Tokyo (00:00 UTC) send ONE `{ digest: true, scheduledAt }`
// message per day in its own message group — the look-back's later ticks send it again under the same deduplication
// id `digest:<local date>`, which the FIFO queue drops — beside the checks' runs; other ticks send none.
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.ts';
import { startFakeSqs, type FakeSqs, type SqsEntry } from '../helpers/fake-sqs.ts';
import { invokeBuilt, type Invocation } from '../helpers/lambda.ts';
import { DIGEST_GROUP, messageGroupId } from '../../src/lambda/dispatch.ts';
import { dispatcherEnv, scheduledEvent } from '../helpers/dispatcher-lambda.ts';

let built: string;
let lambdaTmp: string;

async function buildProject(config: string): Promise<string> {
  const project = await mkdtemp(join(tmpdir(), 'mimamori-dispatcher-digest-'));
  const checks = join(project, 'checks');
  await mkdir(checks);
  await writeFile(join(checks, 'home.check.ts'), "import { defineCheck } from 'mimamori';\nexport default defineCheck({ name: 'home', schedule: 'cron(0/30 * * * ? *)', async run() {} });\n");
  await writeFile(join(project, 'mimamori.config.ts'), `export default { checksDir: ${JSON.stringify(checks)}, ${config} };\n`);
  const run = await runCli(['build', '--out', join(project, 'build')], { cwd: project });
  if (run.code !== 0) throw new Error(`build failed: ${run.stderr}${run.stdout}`);
  return join(project, 'build/dispatcher/dispatcher.js');
}

beforeAll(async () => {
  built = await buildProject("digest: { at: '09:00', timeZone: 'Asia/Tokyo' }");
  lambdaTmp = await mkdtemp(join(tmpdir(), 'lambda-tmp-'));
}, 120_000);

/** Ticks at `times`, one invocation each (a warm container, as Lambda keeps it), sending to `sqs`. */
async function ticks(dispatcher: string, sqs: FakeSqs, times: string[]): Promise<Invocation[]> {
  return invokeBuilt(dispatcher, times.map((time) => ({ event: scheduledEvent(time), timeoutMs: 30_000 })), dispatcherEnv(sqs, lambdaTmp));
}

const sent = (sqs: FakeSqs) => sqs.received.flatMap((c) => (c.input.Entries as SqsEntry[] | undefined) ?? []);
const isDigest = (e: { MessageBody: string }) => (JSON.parse(e.MessageBody) as { digest?: boolean }).digest === true;

describe('the built dispatcher with a digest in the config', () => {
  let sqs: FakeSqs;
  let results: Invocation[];
  // Two days of the minutes around 09:00 Tokyo, and a tick in the afternoon.
  const times = ['2026-11-28T23:58:00Z', '2026-11-28T23:59:00Z', '2026-11-29T00:00:00Z', '2026-11-29T00:01:00Z', '2026-11-29T00:02:00Z',
    '2026-11-29T00:03:00Z', '2026-11-29T00:04:00Z', '2026-11-29T06:00:00Z', '2026-11-30T00:00:00Z', '2026-11-30T00:01:00Z'];
  beforeAll(async () => {
    sqs = await startFakeSqs();
    results = await ticks(built, sqs, times);
  }, 60_000);
  afterAll(() => sqs?.close());

  it('sends the digest at 09:00 Tokyo and the look-back\'s three ticks after, never otherwise, and says so', () => {
    for (const r of results) expect(r.error).toBeUndefined();
    const answered = results.map((r, i) => [times[i], (r.answer as { digest?: string }).digest ?? null]);
    expect(answered).toEqual([
      ['2026-11-28T23:58:00Z', null], ['2026-11-28T23:59:00Z', null],
      ['2026-11-29T00:00:00Z', '2026-11-29T00:00:00.000Z'], ['2026-11-29T00:01:00Z', '2026-11-29T00:00:00.000Z'],
      ['2026-11-29T00:02:00Z', '2026-11-29T00:00:00.000Z'], ['2026-11-29T00:03:00Z', '2026-11-29T00:00:00.000Z'],
      ['2026-11-29T00:04:00Z', null], ['2026-11-29T06:00:00Z', null],
      ['2026-11-30T00:00:00Z', '2026-11-30T00:00:00.000Z'], ['2026-11-30T00:01:00Z', '2026-11-30T00:00:00.000Z'],
    ]);
    // The checks' runs are answered as before: the digest is not a check.
    expect((results[2]!.answer as { enqueued: string[] }).enqueued).toEqual(['home']);
  });

  it('enqueues one message a day, in its own group, as { digest: true, scheduledAt }', () => {
    const digests = sqs.queue.filter(isDigest);
    expect(digests.map((e) => ({ body: JSON.parse(e.MessageBody), group: e.MessageGroupId, dedup: e.MessageDeduplicationId }))).toEqual([
      { body: { digest: true, scheduledAt: '2026-11-29T00:00:00.000Z' }, group: DIGEST_GROUP, dedup: 'digest:2026-11-29' },
      { body: { digest: true, scheduledAt: '2026-11-30T00:00:00.000Z' }, group: DIGEST_GROUP, dedup: 'digest:2026-11-30' },
    ]);
    // Sent twice: the look-back's three ticks after each find it already sent by this warm container (sent-runs.ts), and
    // a cold one would send it again for SQS to drop as a duplicate.
    expect(sent(sqs).filter(isDigest)).toHaveLength(2);
    expect(sqs.deduplicated.filter(isDigest)).toHaveLength(0);
    // The check's runs keep their own group.
    expect(new Set(sqs.queue.filter((e) => !isDigest(e)).map((e) => e.MessageGroupId))).toEqual(new Set([messageGroupId('home')]));
  });
});

describe('the built dispatcher without a digest', () => {
  it('never sends one', async () => {
    const sqs = await startFakeSqs();
    try {
      const dispatcher = await buildProject("slack: { timeZone: 'Asia/Tokyo' }");
      const results = await ticks(dispatcher, sqs, ['2026-11-29T00:00:00Z', '2026-11-29T09:00:00Z']);
      for (const r of results) expect(r.error).toBeUndefined();
      expect(results.map((r) => r.answer)).toEqual([{ enqueued: ['home'] }, { enqueued: ['home'] }]);
      expect(sent(sqs).filter(isDigest)).toEqual([]);
    } finally {
      await sqs.close();
    }
  }, 120_000);
});
