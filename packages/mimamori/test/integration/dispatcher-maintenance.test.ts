// The built dispatcher and maintenance windows (compiled in from the config): a check a `pause` window covers is not
// enqueued at the ticks inside the window — it costs nothing, and the function's log and answer say which check was
// skipped, by which window, until when — while the checks it does not cover, and those under a `silence` window, are
// enqueued as ever; a run asked for by hand still runs. Ticks are the scheduled events' own times (the clock injected).
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.ts';
import { startFakeSqs, type FakeSqs } from '../helpers/fake-sqs.ts';
import { invokeBuilt, type Invocation } from '../helpers/lambda.ts';
import { dispatcherEnv, scheduledEvent } from '../helpers/dispatcher-lambda.ts';

let dispatcher: string;
let lambdaTmp: string;

const CONFIG = `slack: { timeZone: 'Asia/Tokyo' },
  maintenance: [
    { name: 'shop deploy', when: { days: ['FRI'], from: '22:00', to: '06:00' }, mode: 'pause', tags: ['shop'] },
    { name: 'holidays', calendar: 'jp-holidays', mode: 'pause', checks: ['blog'] },
    { name: 'watched quietly', when: { from: '00:00', to: '24:00' }, mode: 'silence', checks: ['home'] },
    { name: 'retired', when: { from: '00:00', to: '24:00' }, mode: 'pause', checks: ['legacy'] },
  ]`;

beforeAll(async () => {
  const project = await mkdtemp(join(tmpdir(), 'mimamori-dispatcher-maintenance-'));
  const checks = join(project, 'checks');
  await mkdir(checks);
  const file = (name: string, tags: string[] = []) => writeFile(join(checks, `${name}.check.ts`),
    `import { defineCheck } from 'mimamori';\nexport default defineCheck({ name: ${JSON.stringify(name)}, tags: ${JSON.stringify(tags)}, schedule: 'rate(1 minute)', async run() {} });\n`);
  await Promise.all([file('checkout', ['shop']), file('home'), file('blog', ['blog']), file('legacy')]);
  await writeFile(join(project, 'mimamori.config.ts'), `export default { checksDir: ${JSON.stringify(checks)}, ${CONFIG} };\n`);
  const built = await runCli(['build', '--out', join(project, 'build')], { cwd: project });
  if (built.code !== 0) throw new Error(`build failed: ${built.stderr}${built.stdout}`);
  dispatcher = join(project, 'build/dispatcher/dispatcher.js');
  lambdaTmp = await mkdtemp(join(tmpdir(), 'lambda-tmp-'));
}, 120_000);

async function invoke(sqs: FakeSqs, events: unknown[]): Promise<Invocation[] & { logs: string }> {
  return invokeBuilt(dispatcher, events.map((event) => ({ event, timeoutMs: 30_000 })), dispatcherEnv(sqs, lambdaTmp));
}

const checksOf = (entries: { MessageBody: string }[]) => entries.map((e) => (JSON.parse(e.MessageBody) as { check: string }).check).sort();

describe('the built dispatcher with maintenance windows in the config', () => {
  let sqs: FakeSqs;
  let results: Invocation[] & { logs: string };
  // Friday 4 December 2026 21:30 and 22:30 in Tokyo; New Year's Day 2027 (a Friday) at noon there.
  const times = ['2026-12-04T12:30:00Z', '2026-12-04T13:30:00Z', '2027-01-01T03:00:00Z'];
  beforeAll(async () => {
    sqs = await startFakeSqs();
    results = await invoke(sqs, [...times.map(scheduledEvent), { run: 'legacy' }]);
  }, 60_000);
  afterAll(() => sqs?.close());

  it('enqueues no run of a paused check, and answers which window paused it until when', () => {
    for (const r of results) expect(r.error).toBeUndefined();
    expect(results.slice(0, 3).map((r) => r.answer)).toEqual([
      { enqueued: ['checkout', 'home', 'blog'].sort(), paused: [{ check: 'legacy', window: 'retired', until: expect.any(String) }] },
      {
        enqueued: ['blog', 'home'],
        paused: [{ check: 'checkout', window: 'shop deploy', until: '2026-12-04T21:00:00.000Z' }, { check: 'legacy', window: 'retired', until: expect.any(String) }],
      },
      {
        enqueued: ['checkout', 'home'],
        paused: [{ check: 'blog', window: 'holidays', until: '2027-01-01T15:00:00.000Z' }, { check: 'legacy', window: 'retired', until: expect.any(String) }],
      },
    ].map((a) => ({ ...a, enqueued: expect.arrayContaining(a.enqueued) })));
    expect(results.slice(0, 3).map((r) => (r.answer.enqueued as string[]).length)).toEqual([3, 2, 2]);
    // Only what was enqueued reached SQS: a paused check costs no message and no run.
    expect(checksOf(sqs.queue.filter((e) => !(JSON.parse(e.MessageBody) as { manual?: boolean }).manual))).toEqual(['blog', 'blog', 'checkout', 'checkout', 'home', 'home', 'home']);
  });

  it('logs one line per skipped run, saying why', () => {
    expect(results.logs).toContain('skipped \\"checkout\\": paused by maintenance window \\"shop deploy\\" until 2026-12-04T21:00:00.000Z');
    expect(results.logs).toContain('skipped \\"blog\\": paused by maintenance window \\"holidays\\" until 2027-01-01T15:00:00.000Z');
    expect(results.logs.match(/skipped \\"legacy\\"/g)).toHaveLength(3);
  });

  it('still runs a paused check asked for by hand', () => {
    expect(results[3]!.answer).toMatchObject({ enqueued: ['legacy'], manual: true });
    expect(sqs.queue.filter((e) => (JSON.parse(e.MessageBody) as { manual?: boolean }).manual).map((e) => JSON.parse(e.MessageBody).check)).toEqual(['legacy']);
  });
});
