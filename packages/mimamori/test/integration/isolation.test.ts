// Check code that misbehaves, and signals mid-run, against the real CLI: real Chromium and the fixture site, s3rver and
// the fake Slack. The process that stores and alerts must survive all of it and leave no process behind.
import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ListObjectsV2Command } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFixtureSite, type FixtureSite } from '../fixtures/site.ts';
import { startFakeS3, type FakeS3, useS3Credentials } from '../fixtures/s3.ts';
import { startFakeSlack, type FakeSlack } from '../fixtures/fake-slack.ts';
import { BIN, ROOT, runCli, startCli, taggedProcesses, workerFolders } from '../helpers/cli.ts';
import { openS3Store } from '../../src/store/s3-store.ts';
import { s3Settings } from '../../src/store/settings.ts';
import type { RunResult } from '../../src/result/types.ts';

const MISBEHAVING = join(ROOT, 'test/fixtures/misbehaving');
const BROKEN = join(ROOT, 'test/fixtures/checks/broken-site.check.ts');
const HOME = join(ROOT, 'test/fixtures/checks/home.check.ts');
const TOKEN = 'xoxb-isolation-token';

let site: FixtureSite;
let s3: FakeS3;
let slack: FakeSlack;
let scratch: string;
beforeAll(async () => {
  [site, s3, slack] = await Promise.all([startFixtureSite(), startFakeS3(), startFakeSlack({ token: TOKEN })]);
  scratch = await mkdtemp(join(tmpdir(), 'mimamori-isolation-'));
  // These runs alert on a check's first failure (the default waits for a second): the tests read those alerts.
  await writeFile(join(scratch, 'mimamori.config.ts'), 'export default { defaults: { alerts: { alertAfter: 1 } } };\n');
  // The test's own S3 client (listing what the runs stored) reads its credentials from the environment.
  useS3Credentials(s3);
});
afterAll(() => Promise.all([site?.close(), s3?.close(), slack?.close(), scratch && rm(scratch, { recursive: true, force: true })]));

/** A run of its own: its out folder, S3 prefix and process tag. */
function setup(name: string) {
  const tag = randomBytes(6).toString('hex');
  const out = join(scratch, name);
  const env = {
    BASE_URL: site.url, ...s3.env, MIMAMORI_S3_PREFIX: `${name}/`, SLACK_BOT_TOKEN: TOKEN, SLACK_API_URL: slack.url, SLACK_CHANNEL: 'C0ALERTS',
    MIMAMORI_TEST_TAG: tag,
  };
  return { tag, out, env, results: async () => JSON.parse(await readFile(join(out, 'results.json'), 'utf8')) as RunResult };
}

async function s3Keys(prefix: string): Promise<string[]> {
  const store = await openS3Store(s3Settings({}, s3.env)!);
  const listed = await store.client.send(new ListObjectsV2Command({ Bucket: s3.bucket, Prefix: prefix }));
  return (listed.Contents ?? []).map((o) => o.Key!);
}

/** A port nothing listens on now (the webServer takes it). */
function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/**
 * The run's processes still alive, once killed ones have been torn down (a SIGKILL is not instant, and after the host's
 * own SIGKILL a worker's watch thread notices within a second or so). They are not our children, so there is no exit
 * event to wait on: polled until none is left, for as long as a loaded machine may need — a leak still fails, later.
 */
async function leftBehind(tag: string): Promise<number[]> {
  for (let i = 0; i < 200 && taggedProcesses(tag).length > 0; i++) await new Promise((r) => setTimeout(r, 100));
  return taggedProcesses(tag);
}

const commandLine = (pid: number) => readProc(pid, 'cmdline').split('\0');
const threadNames = (pid: number) => readdirSync(`/proc/${pid}/task`).map((tid) => readProc(pid, `task/${tid}/comm`).trim());
const childPids = (pid: number) =>
  readdirSync(`/proc/${pid}/task`).flatMap((tid) => readProc(pid, `task/${tid}/children`).split(/\s+/).filter(Boolean).map(Number));
function readProc(pid: number, file: string): string {
  try {
    return readFileSync(`/proc/${pid}/${file}`, 'utf8');
  } catch {
    return '';
  }
}

const alertsFor = (name: string) => slack.messages.filter((m) => m.text?.includes(name));

describe('check code that misbehaves costs its worker, not the run', () => {
  it('a loop that never yields fails as a timeout in its step, and the run still stores and alerts the others', async () => {
    const run = setup('blocks');
    const cli = await runCli([join(MISBEHAVING, 'blocks.check.ts'), BROKEN, '--out', run.out], { cwd: scratch, env: run.env });
    expect(cli.code).toBe(1);
    const { results } = await run.results();
    const blocked = results.find((r) => r.name === 'blocks the event loop')!;
    expect(blocked.status).toBe('failed');
    expect(blocked.error).toMatchObject({ class: 'timeout', name: 'CheckBlockedError', step: 'spin forever' });
    expect(blocked.error!.message).toMatch(/blocked its worker process .* while \(true\)/);
    expect(blocked.steps.map((s) => [s.name, s.status])).toEqual([['open', 'passed'], ['spin forever', 'failed']]);
    expect(results.find((r) => r.name === 'broken site')!.error!.class).toBe('network');
    for (const name of ['blocks the event loop', 'broken site']) expect(alertsFor(name).length).toBeGreaterThan(0);
    expect((await s3Keys('blocks/')).filter((k) => k.endsWith('result.json'))).toHaveLength(2);
    expect(await leftBehind(run.tag)).toEqual([]);
  });

  it('process.exit(0) in a step fails that check as the monitor broken, and the other check still fails the run', async () => {
    const run = setup('exits');
    const cli = await runCli([join(MISBEHAVING, 'exits.check.ts'), BROKEN, '--out', run.out], { cwd: scratch, env: run.env });
    expect(cli.code).toBe(1);
    const { results } = await run.results();
    const exited = results.find((r) => r.name === 'calls process.exit')!;
    expect(exited.error).toMatchObject({ class: 'runner', name: 'WorkerExitError', step: 'exit' });
    expect(exited.error!.message).toContain('exited with code 0 — check code must not call process.exit()');
    expect(alertsFor('broken site').length).toBeGreaterThan(0);
    expect((await s3Keys('exits/')).filter((k) => k.endsWith('result.json'))).toHaveLength(2);
    expect(existsSync(join(run.out, 'report.html'))).toBe(true);
    expect(await leftBehind(run.tag)).toEqual([]);
  });

  it('an expect without await and a throw from a timer fail their own checks with their errors; the rest of the run is untouched', async () => {
    const run = setup('uncaught');
    const cli = await runCli([join(MISBEHAVING, 'unawaited-expect.check.ts'), join(MISBEHAVING, 'timer-throws.check.ts'), HOME, '--out', run.out], { cwd: scratch, env: run.env });
    expect(cli.code).toBe(1);
    expect(cli.stderr).not.toMatch(/^\s+at /m); // no raw stack on the terminal
    const { results } = await run.results();
    const byName = Object.fromEntries(results.map((r) => [r.name, r]));
    expect(byName['unawaited expect']!.error).toMatchObject({ class: 'assertion', name: 'UnhandledRejection', step: 'look for a sale' });
    expect(byName['unawaited expect']!.error!.message).toMatch(/without await.*toBeVisible/s);
    expect(byName['unawaited expect']!.screenshots.map((s) => s.kind)).toEqual(['failure']);
    expect(byName['timer throws']!.error).toMatchObject({ name: 'UncaughtException', step: 'schedule a throw' });
    expect(byName['timer throws']!.error!.message).toContain('thrown from a timer');
    expect(byName['timer throws']!.error!.stack).toContain('timer-throws.check.ts');
    expect(byName.home!.status).toBe('passed');
    expect(await leftBehind(run.tag)).toEqual([]);
  });

  it('an expect nobody awaits fails its check even when the journey ends first; a handled one does not, nor does the next check', async () => {
    const run = setup('forgotten');
    const files = ['forgotten-expect.check.ts', 'handled-expect.check.ts'].map((f) => join(MISBEHAVING, f));
    const cli = await runCli([HOME, ...files, '--workers', '1', '--out', run.out], { cwd: scratch, env: run.env });
    expect(cli.code).toBe(1);
    const byName = Object.fromEntries((await run.results()).results.map((r) => [r.name, r]));
    expect(byName['forgotten expect']!.status).toBe('failed');
    expect(byName['forgotten expect']!.error).toMatchObject({ class: 'assertion', name: 'UnhandledRejection' });
    expect(byName['forgotten expect']!.error!.message).toMatch(/without await.*toBeVisible/s);
    expect(byName['handled expect']!.error).toBeUndefined();
    expect(byName['handled expect']!.status).toBe('passed');
    expect(byName.home!.status).toBe('passed');
    expect(await leftBehind(run.tag)).toEqual([]);
  });
});

/** A run with two workers: `home` has passed, and the other worker's check code is spinning without end. */
async function blockedBesideHome(run: ReturnType<typeof setup>) {
  const cli = startCli(process.execPath, [BIN, join(MISBEHAVING, 'blocks-long.check.ts'), HOME, '--workers', '2', '--out', run.out], { cwd: scratch, env: run.env });
  await cli.printed('✓ home');
  await cli.printed('blocks-long: spinning now');
  return cli;
}

describe('signals', () => {
  it('SIGTERM while check code blocks its worker stops the run at once, with nothing left running', async () => {
    const run = setup('sigterm-blocked');
    const cli = await blockedBesideHome(run);
    cli.child.kill('SIGTERM');
    const done = await cli.done;
    expect(done.code).toBe(143);
    const result = await run.results();
    expect(result.results.map((r) => r.name)).toEqual(['home']);
    expect(result.interrupted).toEqual([{ name: 'blocks for long', file: expect.stringContaining('blocks-long.check.ts'), signal: 'SIGTERM' }]);
    expect(done.stdout).toContain('Interrupted (SIGTERM): blocks for long did not finish');
    expect(await leftBehind(run.tag)).toEqual([]);
  });

  it('the host killed outright (SIGKILL): a worker blocked by check code, every Chromium and their folders go with it', async () => {
    const run = setup('sigkill-host');
    const cli = await blockedBesideHome(run);
    expect(taggedProcesses(run.tag).length).toBeGreaterThan(2);
    const folders = workerFolders(run.tag);
    expect(folders.length).toBeGreaterThan(0);
    // Each worker is watched by a shell blocked on the host pipe, not by a second V8 isolate of its own.
    const workers = taggedProcesses(run.tag).filter((pid) => commandLine(pid).some((a) => a.endsWith('worker.mjs')));
    expect(workers.length).toBeGreaterThan(0);
    for (const worker of workers) {
      expect(threadNames(worker)).not.toContain('WorkerThread');
      expect(childPids(worker).filter((pid) => commandLine(pid).includes('mimamori-host-watch'))).toHaveLength(1);
    }
    cli.child.kill('SIGKILL');
    await cli.done;
    // Nothing can clean up after a SIGKILL: each worker's watcher sees the host pipe end, and ends Chromium and the worker.
    expect(await leftBehind(run.tag)).toEqual([]);
    expect(folders.filter(existsSync)).toEqual([]);
  });

  it('a third signal leaves at once, and still leaves nothing behind: workers, Chromium, their folders, the webServer', async () => {
    const run = setup('third-signal');
    const port = await freePort();
    const project = await mkdtemp(join(scratch, 'third-'));
    await writeFile(join(project, 'mimamori.config.ts'), `export default ${JSON.stringify({
      baseURL: site.url, webServer: { command: `node ${join(ROOT, 'test/fixtures/tiny-server.mjs')}`, url: `http://127.0.0.1:${port}/` },
    })};\n`);
    // No BASE_URL (vitest sets one, '/'), so the config's webServer starts.
    const env = { ...run.env, BASE_URL: undefined, PORT: String(port) };
    const cli = startCli(process.execPath, [BIN, join(MISBEHAVING, 'blocks-long.check.ts'), '--out', run.out], { cwd: project, env });
    await cli.printed('blocks-long: spinning now');
    const folders = workerFolders(run.tag);
    for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) cli.child.kill(signal);
    const done = await cli.done;
    // 128 + whichever of the three Node handled first.
    expect([130, 143, 129]).toContain(done.code);
    expect(await leftBehind(run.tag)).toEqual([]);
    expect(folders.length).toBeGreaterThan(0);
    expect(folders.filter(existsSync)).toEqual([]);
  });

  it('Ctrl-C mid-run: the interrupted healthy check is no failure — no state, no alert — and what finished is stored and alerted', async () => {
    const run = setup('ctrl-c');
    const cli = startCli(process.execPath, [BIN, join(MISBEHAVING, 'slow-healthy.check.ts'), BROKEN, '--workers', '2', '--out', run.out], { cwd: scratch, env: run.env });
    await cli.printed('✗ broken site');
    await cli.printed('slow-healthy: loading the slow page');
    cli.child.kill('SIGINT');
    const done = await cli.done;
    expect(done.code).toBe(130);
    const result = await run.results();
    expect(result.results.map((r) => r.name)).toEqual(['broken site']);
    expect(result.interrupted?.map((c) => c.name)).toEqual(['slow but healthy']);
    const keys = await s3Keys('ctrl-c/');
    expect(keys).toContain('ctrl-c/state/broken%20site.json');
    expect(keys.filter((k) => k.includes('slow%20but%20healthy'))).toEqual([]);
    expect(existsSync(join(run.out, 'state', 'slow%20but%20healthy.json'))).toBe(false);
    expect(alertsFor('slow but healthy')).toEqual([]);
    expect(alertsFor('broken site').length).toBeGreaterThan(0);
    expect(await leftBehind(run.tag)).toEqual([]);
  });

  it('SIGINT then SIGTERM to `npm run check`: the CLI stops, sends nothing more, and leaves no Chromium behind', async () => {
    const run = setup('npm-signals');
    const before = slack.messages.length;
    const cli = startCli('npm', ['run', 'check', '--', join(MISBEHAVING, 'slow-healthy.check.ts'), '--out', run.out], { cwd: ROOT, env: run.env });
    await cli.printed('slow-healthy: loading the slow page');
    cli.child.kill('SIGINT');
    await new Promise((r) => setTimeout(r, 100));
    cli.child.kill('SIGTERM');
    await cli.done;
    // npm waits for its script: once it is gone, so must everything the run started.
    expect(await leftBehind(run.tag)).toEqual([]);
    expect((await run.results()).interrupted?.map((c) => c.name)).toEqual(['slow but healthy']);
    expect(slack.messages.slice(before).filter((m) => m.text?.includes('slow but healthy'))).toEqual([]);
  });
});
