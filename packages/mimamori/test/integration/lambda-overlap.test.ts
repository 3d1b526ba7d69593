// What the built runner overlaps, invoked as Lambda invokes it against s3rver: the check's state, the mutes and its day
// of history are read while the journey runs (not after it), and the state write and the evidence (here the final screenshot) go to S3 at once — while
// result.json, which carries the final verdict, still waits for the state write. Seen as the order in which the
// servers receive requests: the page and the state write are each held until what should overlap them has arrived
// (with a cap, so the build before fails instead of hanging), never by timing anything.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeS3, type FakeS3, type S3Request } from '../fixtures/s3.ts';
import { ROOT, runCli } from '../helpers/cli.ts';
import { invokeBuilt, queuedRun, runnerEnv, type Invocation } from '../helpers/lambda.ts';
import { historyDayKey, MUTES_KEY, RESULT_FILE, stateKey } from '../../src/store/layout.ts';

const CHECK = 'lambda home';
/**
 * How long a held request waits for what should overlap it: then it goes on, and the order shows the wait. The page
 * may wait long (its navigation timeout is 30 s); an S3 request must be let go within one try of the runner's S3
 * client (half its 3 s per request: run-one.ts, s3-store.ts), or the held write would be retried instead of showing
 * the order.
 */
const PAGE_CAP_MS = 15_000;
const S3_CAP_MS = 1_000;

/** Everything both servers received, in the order they received (or answered) it. */
const events: string[] = [];

/** Opened by `open()`; `wait()` resolves once it is open, or after the cap (then it says so in the events). */
function gate(name: string, capMs: number) {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  const wait = () => new Promise<void>((resolve) => {
    const timer = setTimeout(() => (events.push(`${name}: gave up waiting`), resolve()), capMs);
    void opened.then(() => (clearTimeout(timer), resolve()));
  });
  return { open, wait };
}
const stateRead = gate('page', PAGE_CAP_MS);
const mutesRead = gate('page', PAGE_CAP_MS);
const dayRead = gate('page', PAGE_CAP_MS);
const pictureArrived = gate('state write', S3_CAP_MS);

const isState = (r: S3Request) => r.key === stateKey(CHECK);
const isPicture = (r: S3Request) => r.method === 'PUT' && r.key.endsWith('/final.png');
/** The check's day of history: today's (a run at midnight UTC may read the day before; the test allows either). */
const isDay = (r: S3Request) => [historyDayKey(CHECK, Date.now()), historyDayKey(CHECK, Date.now() - 3_600_000)].includes(r.key);

let s3: FakeS3;
let site: Server;
let build: string;
let run: Invocation;

beforeAll(async () => {
  s3 = await startFakeS3('overlap', {
    async onRequest(r) {
      events.push(`${r.method} ${r.key}`);
      if (r.method === 'GET' && isState(r)) stateRead.open();
      if (r.method === 'GET' && r.key === MUTES_KEY) mutesRead.open();
      if (r.method === 'GET' && isDay(r)) dayRead.open();
      if (isPicture(r)) pictureArrived.open();
      // The state write is held until the final screenshot's upload has arrived: in sequence, it never would.
      if (r.method === 'PUT' && isState(r)) await pictureArrived.wait();
    },
    onAnswered: (r) => void events.push(`answered ${r.method} ${r.key}`),
  });
  for (const key of ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_REGION']) process.env[key] = s3.env[key];
  // The check's page is answered only once the state, the mutes and the day have been asked for: read after the
  // journey, never.
  site = createServer((req, res) => {
    void Promise.all([stateRead.wait(), mutesRead.wait(), dayRead.wait()]).then(() => {
      events.push(`page answered ${req.url}`);
      res.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><title>Fixture Shop</title><h1>Fixture Shop</h1>');
    });
  });
  await new Promise<void>((resolve) => site.listen(0, '127.0.0.1', resolve));
  const project = await mkdtemp(join(tmpdir(), 'mimamori-lambda-overlap-'));
  await writeFile(join(project, 'mimamori.config.ts'), `export default { checksDir: ${JSON.stringify(join(ROOT, 'test/fixtures/lambda-checks'))} };\n`);
  build = join(project, 'build');
  const built = await runCli(['build', '--out', build], { cwd: project });
  if (built.code !== 0) throw new Error(`build failed: ${built.stderr}${built.stdout}`);
  const env = await runnerEnv(build, { ...s3.env, BASE_URL: `http://127.0.0.1:${(site.address() as AddressInfo).port}`, SLACK_BOT_TOKEN: '' });
  [run] = (await invokeBuilt(join(build, 'runner/runner.js'), [{ event: queuedRun(CHECK, 'm-overlap'), timeoutMs: 90_000 }], env)) as Invocation[];
}, 240_000);
afterAll(async () => {
  await Promise.all([s3?.close(), new Promise((resolve) => (site ? site.close(resolve) : resolve(undefined)))]);
});

const at = (event: string) => {
  const i = events.indexOf(event);
  expect(i, `"${event}" in:\n${events.join('\n')}`).toBeGreaterThanOrEqual(0);
  return i;
};
const folderOf = () => events.find((e) => e.startsWith('PUT ') && e.endsWith('/final.png'))!.slice(4, -'final.png'.length);

describe('the built runner overlaps its waits', () => {
  it('runs the check to a stored pass', () => {
    expect(run.error, run.logs.join('\n')).toBeUndefined();
    expect(run.answer).toEqual({ batchItemFailures: [] });
    expect(events.filter((e) => e.includes('gave up waiting')), events.join('\n')).toEqual([]);
  });

  it('reads the state, the mutes and the day of history while the journey runs: all are asked for before the page is answered', () => {
    const page = at('page answered /');
    expect(at(`GET ${stateKey(CHECK)}`)).toBeLessThan(page);
    expect(at(`GET ${MUTES_KEY}`)).toBeLessThan(page);
    const day = events.find((e) => e.startsWith('GET history/'));
    expect(day, events.join('\n')).toBeDefined();
    expect(at(day!)).toBeLessThan(page);
    // Each read once: what was read ahead is what the run is judged on and added to, not read again after the journey.
    for (const read of [`GET ${stateKey(CHECK)}`, `GET ${MUTES_KEY}`, day!]) expect(events.filter((e) => e === read), read).toHaveLength(1);
    expect(events.filter((e) => e === `PUT ${day!.slice(4)}`)).toHaveLength(1);
  });

  it('uploads the screenshot beside the state write, and result.json only once the state is written', () => {
    const stateWritten = at(`answered PUT ${stateKey(CHECK)}`);
    const folder = folderOf();
    expect(at(`PUT ${folder}final.png`)).toBeLessThan(stateWritten);
    // The verdict result.json carries is the one the state write settled (it may judge again on a conflict).
    expect(at(`PUT ${folder}${RESULT_FILE}`)).toBeGreaterThan(stateWritten);
  });
});
