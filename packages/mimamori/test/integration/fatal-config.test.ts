// A config problem makes the whole run meaningless (a typo drops every check's base URL and defaults): nothing runs,
// is stored or alerted, and the CLI exits 2 naming every problem. A problem in one check file only skips that check.
// The real CLI, the fake Slack and s3rver: nothing may reach either.
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ListObjectsV2Command } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeSlack, type FakeSlack } from '../fixtures/fake-slack.ts';
import { startFakeS3, type FakeS3, useS3Credentials } from '../fixtures/s3.ts';
import { startFixtureSite, type FixtureSite } from '../fixtures/site.ts';
import { ROOT, runCli } from '../helpers/cli.ts';
import { openS3Store } from '../../src/store/s3-store.ts';
import { s3Settings } from '../../src/store/settings.ts';

const TOKEN = 'xoxb-fatal-config';
const BROKEN = join(ROOT, 'test/fixtures/checks/broken-site.check.ts');
const HOME = join(ROOT, 'test/fixtures/checks/home.check.ts');
let slack: FakeSlack;
let s3: FakeS3;
let site: FixtureSite;
let scratch: string;

beforeAll(async () => {
  [slack, s3, site] = await Promise.all([startFakeSlack({ token: TOKEN }), startFakeS3(), startFixtureSite()]);
  scratch = await mkdtemp(join(tmpdir(), 'mimamori-fatal-'));
  // The test's own S3 client (listing the bucket) reads its credentials from the environment.
  useS3Credentials(s3);
});
afterAll(() => Promise.all([slack?.close(), s3?.close(), site?.close()]));

async function project(name: string, config: string): Promise<string> {
  const dir = join(scratch, name);
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, 'mimamori.config.ts'), config);
  return dir;
}

const outsideEnv = () => ({ ...s3.env, MIMAMORI_S3_PREFIX: 'fatal/', SLACK_BOT_TOKEN: TOKEN, SLACK_CHANNEL: 'alerts', SLACK_API_URL: slack.url, BASE_URL: undefined });

async function bucketKeys(): Promise<string[]> {
  const store = await openS3Store(s3Settings({}, s3.env)!);
  const listed = await store.client.send(new ListObjectsV2Command({ Bucket: s3.bucket, Prefix: 'fatal/' }));
  return (listed.Contents ?? []).map((o) => o.Key!);
}

describe('a config with typos', () => {
  it('stops before anything runs, stores or alerts, exits 2 and names every problem', async () => {
    const cwd = await project('typos', `export default { baseURL: '${site.url}', webServr: { command: 'x', url: 'http://x' }, defualts: { retries: 1 } };\n`);
    const out = join(cwd, 'out');
    const run = await runCli([BROKEN, HOME, '--out', out], { cwd, env: outsideEnv() });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('Not run: 2 problems in the config make every check meaningless — nothing was run, stored or sent:');
    expect(run.stderr).toContain("mimamori.config.ts › webServr: unknown option 'webServr'");
    expect(run.stderr).toContain("mimamori.config.ts › defualts: unknown option 'defualts'");
    expect(run.stdout).not.toContain('Running');
    expect(existsSync(join(out, 'results.json'))).toBe(false);
    expect(existsSync(join(out, 'runs'))).toBe(false);
    expect(slack.calls).toEqual([]);
    expect(await bucketKeys()).toEqual([]);
  });

  it('stops on a config that does not compile, too', async () => {
    const cwd = await project('syntax', 'export default { baseURL: ;\n');
    const run = await runCli([HOME, '--out', join(cwd, 'out')], { cwd, env: outsideEnv() });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^Not run: 1 problem in the config/);
    expect(slack.calls).toEqual([]);
  });

  it('still runs the other checks when only one check file is broken', async () => {
    const cwd = await project('one-bad-check', `export default { baseURL: '${site.url}' };\n`);
    await writeFile(join(cwd, 'bad.check.ts'), "export default { name: 'bad', retries: 'twice', run() {} };\n");
    const run = await runCli([HOME, join(cwd, 'bad.check.ts'), '--out', join(cwd, 'out'), '--no-slack'], { cwd, env: { BASE_URL: undefined } });
    expect(run.code).toBe(2);
    expect(run.stdout).toMatch(/home\s+✓ passed/);
    expect(run.stdout).toContain('bad.check.ts › retries: must be a whole number from 0 to 5');
  });
});

describe('webServer.reuseExistingServer', () => {
  let stale: Server;
  let url: string;
  beforeAll(async () => {
    stale = createServer((_req, res) => res.end('a stale server')).listen(0, '127.0.0.1');
    await new Promise((resolve) => stale.once('listening', resolve));
    url = `http://127.0.0.1:${(stale.address() as AddressInfo).port}/`;
  });
  afterAll(() => new Promise((resolve) => stale.close(resolve)));

  it('refuses a server already answering on the port by default (as Playwright), and tests nothing', async () => {
    const cwd = await project('stale', `export default { baseURL: '${url}', webServer: { command: 'node -e "setTimeout(() => {}, 60000)"', url: '${url}' } };\n`);
    const run = await runCli([HOME, '--out', join(cwd, 'out'), '--no-slack'], { cwd, env: { BASE_URL: undefined } });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`webServer: ${url} is already answering, before \`node -e "setTimeout(() => {}, 60000)"\` was started: stop what runs there, or set webServer.reuseExistingServer: true`);
    expect(run.stdout).not.toContain('Running');
  });

  it('uses it when reuseExistingServer: true says so', async () => {
    const cwd = await project('reuse', `export default { baseURL: '${site.url}', webServer: { command: 'node -e "process.exit(1)"', url: '${url}', reuseExistingServer: true } };\n`);
    const run = await runCli([HOME, '--out', join(cwd, 'out'), '--no-slack'], { cwd, env: { BASE_URL: undefined } });
    expect(run.stdout).toMatch(/home\s+✓ passed/);
    expect(run.code).toBe(0);
  });
});
