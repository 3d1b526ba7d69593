// Playwright's trace in real Chromium: kept for a failed attempt (the default), for every attempt with 'on', never with
// 'off'; refused for a check with secrets; stored as trace.zip next to the screenshots, locally and in S3 (through
// the CLI's worker processes), linked once uploaded.
import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFixtureSite, type FixtureSite } from '../fixtures/site.ts';
import { startFakeS3, type FakeS3 } from '../fixtures/s3.ts';
import { makeCheck } from '../helpers/check.ts';
import { ROOT, runCli } from '../helpers/cli.ts';
import { browserProvider, type BrowserProvider } from '../../src/runner/browser-provider.ts';
import { runCheck } from '../../src/runner/run-check.ts';
import { inProcess } from '../../src/runner/in-process.ts';
import { traceRefusal } from '../../src/runner/trace.ts';
import { zipEntries as unzip } from '../../src/runner/zip-entries.ts';
import { validateCheck } from '../../src/check/validate.ts';
import type { CheckDefinition } from '../../src/check/types.ts';
import type { RunResult } from '../../src/result/types.ts';

let site: FixtureSite;
let browsers: BrowserProvider;
beforeAll(async () => {
  site = await startFixtureSite();
  browsers = browserProvider();
});
afterAll(async () => {
  await browsers?.close();
  await site?.close();
});

const run = async (definition: CheckDefinition) => (await runCheck(inProcess(browsers), makeCheck(definition, site.url)))!;
const failing = (extra: Partial<CheckDefinition> = {}): CheckDefinition => ({
  name: 'trace-failing',
  async run({ page, step }) {
    await step('open home', () => page.goto('/'));
    await step('find the missing button', () => page.getByRole('button', { name: 'Does not exist' }).click({ timeout: 500 }));
  },
  ...extra,
});
const passing = (extra: Partial<CheckDefinition> = {}): CheckDefinition => ({
  name: 'trace-passing',
  async run({ page, step }) {
    await step('open home', () => page.goto('/'));
  },
  ...extra,
});

describe('the trace option', () => {
  it("is 'retain-on-failure' by default: a failed attempt keeps a valid trace.zip with Playwright's trace files", async () => {
    const result = await run(failing());
    expect(result.status).toBe('failed');
    const trace = result.trace!;
    expect(trace).toMatchObject({ file: 'trace.zip' });
    expect(trace.skipped).toBeUndefined();
    expect(trace.size).toBe(trace.bytes!.length);
    const entries = unzip(trace.bytes!);
    expect([...entries.keys()]).toEqual(expect.arrayContaining(['trace.trace', 'trace.network']));
    // The journey is in it: the navigation and the action that failed.
    const events = entries.get('trace.trace')!.toString('utf8');
    expect(events).toContain('Does not exist');
    expect(entries.get('trace.network')!.toString('utf8')).toContain(site.url);
    // No source files (sources: false): the check's code stays out of the trace.
    expect([...entries.keys()].filter((name) => name.startsWith('resources/src@'))).toEqual([]);
    // No screencast on failure only (its cost; the failure screenshot is stored anyway): DOM snapshots instead.
    expect([...entries.keys()].filter((name) => name.endsWith('.jpeg'))).toEqual([]);
    expect(events).toContain('"type":"frame-snapshot"');
  });

  it('a passing attempt keeps none by default', async () => {
    const result = await run(passing());
    expect(result.status).toBe('passed');
    expect(result.trace).toBeUndefined();
  });

  it("'on' keeps a passing attempt's trace too", async () => {
    const result = await run(passing({ trace: 'on' }));
    expect(result.status).toBe('passed');
    const names = [...unzip(result.trace!.bytes!).keys()];
    expect(names).toEqual(expect.arrayContaining(['trace.trace', 'trace.network']));
    // 'on' opted into the cost: the screencast's frames too.
    expect(names.some((name) => name.endsWith('.jpeg'))).toBe(true);
  });

  it("'off' never records one, failed or not", async () => {
    expect((await run(failing({ trace: 'off' }))).trace).toBeUndefined();
    expect((await run(passing({ trace: 'off' }))).trace).toBeUndefined();
  });

  it('the counted (last) attempt carries the trace after retries', async () => {
    const result = await run(failing({ retries: 1 }));
    expect(result.attempts).toBe(2);
    expect(unzip(result.trace!.bytes!).has('trace.trace')).toBe(true);
  });

  it('is validated: an unknown policy is a problem with the check', () => {
    const problems = validateCheck({ name: 'x', run() {}, trace: 'always' }, 'x.check.ts');
    expect(problems).toEqual([expect.objectContaining({ field: 'trace', message: expect.stringContaining("'retain-on-failure'") })]);
    expect(validateCheck({ name: 'x', run() {}, trace: 'on' }, 'x.check.ts')).toEqual([]);
  });
});

describe('secrets and traces', () => {
  const SECRET = 'hunter2-trace-secret';
  beforeAll(() => {
    process.env.TRACE_TEST_PASSWORD = SECRET;
  });
  afterAll(() => {
    delete process.env.TRACE_TEST_PASSWORD;
  });

  it('a check with declared secrets records no trace: a failed run says why, with no bytes', async () => {
    const result = await run(failing({
      secrets: ['TRACE_TEST_PASSWORD'],
      async run({ page, step }) {
        await step('type the password', async () => {
          await page.goto('/');
          await page.evaluate(() => document.body.insertAdjacentHTML('beforeend', '<input id="pw" value="">'));
          await page.fill('#pw', process.env.TRACE_TEST_PASSWORD!);
        });
        await step('fail', () => page.getByRole('button', { name: 'Does not exist' }).click({ timeout: 500 }));
      },
    }));
    expect(result.status).toBe('failed');
    expect(result.trace).toEqual({ file: 'trace.zip', size: 0, skipped: expect.stringContaining('declares secrets (TRACE_TEST_PASSWORD)') });
    expect(JSON.stringify(result)).not.toContain(SECRET);
  });

  it('without the rule, the secret would be in the trace: what the check types is recorded', async () => {
    // The same journey, the secret not declared: the trace holds the typed value — why the rule exists.
    const result = await run(failing({
      async run({ page, step }) {
        await step('type the password', async () => {
          await page.goto('/');
          await page.evaluate(() => document.body.insertAdjacentHTML('beforeend', '<input id="pw" value="">'));
          await page.fill('#pw', process.env.TRACE_TEST_PASSWORD!);
        });
        await step('fail', () => page.getByRole('button', { name: 'Does not exist' }).click({ timeout: 500 }));
      },
    }));
    expect(unzip(result.trace!.bytes!).get('trace.trace')!.toString('utf8')).toContain(SECRET);
  });

  it('credentials in options refuse the trace too; plain headers do not', () => {
    expect(traceRefusal({ secrets: [] })).toBeUndefined();
    expect(traceRefusal({ secrets: [], httpCredentials: { username: 'u', password: 'pass-word' } })).toContain('httpCredentials');
    expect(traceRefusal({ secrets: [], extraHTTPHeaders: { Authorization: 'Bearer abcdefgh' } })).toContain('Authorization');
    expect(traceRefusal({ secrets: [], extraHTTPHeaders: { 'X-Env': 'prod' } })).toBeUndefined();
  });

  it('a passing check with secrets has no trace field at all', async () => {
    expect((await run(passing({ secrets: ['TRACE_TEST_PASSWORD'] }))).trace).toBeUndefined();
  });
});

describe('stored through the CLI (worker processes), locally and in S3', () => {
  let s3: FakeS3;
  let scratch: string;
  beforeAll(async () => {
    s3 = await startFakeS3('traces');
    scratch = await mkdtemp(join(tmpdir(), 'mimamori-trace-'));
    await writeFile(join(scratch, 'mimamori.config.ts'), 'export default {};\n');
  });
  afterAll(() => Promise.all([s3?.close(), scratch && rm(scratch, { recursive: true, force: true })]));

  it('a failed check stores trace.zip beside its screenshots, linked after upload; a passing one stores none; /tmp holds no trace', async () => {
    const out = join(scratch, 'out');
    const tag = randomBytes(6).toString('hex');
    const cli = await runCli([join(ROOT, 'test/fixtures/checks/broken-site.check.ts'), join(ROOT, 'test/fixtures/checks/home.check.ts'), '--out', out], {
      cwd: scratch, env: { BASE_URL: site.url, ...s3.env, MIMAMORI_S3_PREFIX: 'traces/', MIMAMORI_TEST_TAG: tag, SLACK_BOT_TOKEN: undefined },
    });
    expect(cli.code, cli.stderr).toBe(1);
    const results = JSON.parse(await readFile(join(out, 'results.json'), 'utf8')) as RunResult;
    const broken = results.results.find((r) => r.name === 'broken site')!;
    const home = results.results.find((r) => r.name === 'home')!;
    expect(home.trace).toBeUndefined();
    const trace = broken.trace!;
    expect(trace.bytes).toBeUndefined();
    expect(trace.path).toBe(`${broken.storage!.folder}trace.zip`);
    // Beside the screenshots, in the same folder.
    expect(broken.screenshots[0]!.path!.replace(/[^/]+$/, '')).toBe(broken.storage!.folder);
    const local = await readFile(join(out, trace.path!));
    expect(local.length).toBe(trace.size);
    expect([...unzip(local).keys()]).toEqual(expect.arrayContaining(['trace.trace', 'trace.network']));
    // In S3 under the same key layout, and its link serves the same bytes.
    expect(trace.link!.url).toContain(`/traces/${broken.storage!.folder.split('/').map(encodeURIComponent).join('/')}trace.zip`);
    const fetched = Buffer.from(await (await fetch(trace.link!.url)).arrayBuffer());
    expect(fetched.equals(local)).toBe(true);
    // The local result.json says the same (bytes never serialised).
    const stored = JSON.parse(await readFile(join(out, broken.storage!.folder, 'result.json'), 'utf8'));
    expect(stored.trace).toMatchObject({ file: 'trace.zip', size: trace.size, path: trace.path });
    expect(stored.trace.bytes).toBeUndefined();
    // The worker's temporary trace folder is gone (the worker's own folder is removed with it).
    const left = readdirSync(tmpdir()).filter((name) => name.startsWith('mimamori-trace-') && existsSync(join(tmpdir(), name, 'trace.zip')));
    expect(left).toEqual([]);
  }, 90_000);
});
