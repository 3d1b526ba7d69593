// S3 down with `alertAfter: 2`: no run can read the check's state, so none can count failures in a row. The policy
// errs towards alerting — every failing run alerts, and says the state could not be read — rather than staying silent.
// A corrupt state object (S3 up) is another matter: it is read as none, said, and replaced by the run's write.
import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeSlack, type FakeSlack } from '../fixtures/fake-slack.ts';
import { startFakeS3, type FakeS3, useS3Credentials } from '../fixtures/s3.ts';
import { startFixtureSite, type FixtureSite } from '../fixtures/site.ts';
import { runCli, ROOT } from '../helpers/cli.ts';
import type { RunResult } from '../../src/result/types.ts';
import { openS3Store } from '../../src/store/s3-store.ts';
import { s3Settings } from '../../src/store/settings.ts';

const TOKEN = 'xoxb-state-test';
let slack: FakeSlack;
let s3: FakeS3;
let site: FixtureSite;
let scratch: string;
let refused: string;
const savedEnv = { ...process.env };

/** An endpoint nothing listens on: connections are refused at once. */
async function closedPort(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}`;
}

beforeAll(async () => {
  [slack, s3, site, scratch, refused] = await Promise.all([startFakeSlack({ token: TOKEN }), startFakeS3(), startFixtureSite(), mkdtemp(join(tmpdir(), 'mimamori-state-')), closedPort()]);
  // The test's own S3 client finds its credentials the standard way, through the environment.
  useS3Credentials(s3);
});
afterAll(async () => {
  process.env = savedEnv;
  await Promise.all([slack?.close(), s3?.close(), site?.close()]);
});

describe('npm run check when the state cannot be read', () => {
  it('alerts each of three failing runs with alertAfter: 2, and each alert says the state could not be read', async () => {
    const config = join(scratch, 'mimamori.config.ts');
    await writeFile(config, "export default { defaults: { retries: 0, alerts: { alertAfter: 2 } } };\n");
    const env = {
      AWS_ENDPOINT_URL_S3: refused, AWS_ACCESS_KEY_ID: 'AKIDTEST', AWS_SECRET_ACCESS_KEY: 'secret', AWS_REGION: 'us-east-1', MIMAMORI_S3_BUCKET: 'evidence',
      BASE_URL: site.url, SLACK_BOT_TOKEN: TOKEN, SLACK_CHANNEL: 'C0ALERTS', SLACK_API_URL: slack.url,
    };
    const before = slack.messages.length;
    for (const n of [1, 2, 3]) {
      const out = join(scratch, `run-${n}`);
      const run = await runCli([join(ROOT, 'test/fixtures/checks/broken-site.check.ts'), '--out', out, '--config', config], { cwd: scratch, env });
      expect(run.code).toBe(1);
      expect(run.stdout).toMatch(/broken site: post \(failed — the check's state could not be read, so it is alerted at once \(this may repeat an alert\)\)/);
      expect(run.stdout).toMatch(/state: S3 download of state\/broken%20site\.json failed: http:\/\/127\.0\.0\.1:\d+ is unreachable \(ECONNREFUSED\)/);
      const [result] = (JSON.parse(await readFile(join(out, 'results.json'), 'utf8')) as RunResult).results;
      expect(result!.notification).toMatchObject({ action: 'post', stateError: { name: 'StorageError' } });
      expect(result!.notification!.error).toBeUndefined();
    }
    // Three alerts in the channel, none threaded (there is no incident to thread under), each with the warning.
    const alerts = slack.messages.slice(before).filter((m) => m.text);
    expect(alerts.map((m) => m.text!.split(':').slice(0, 3).join(':'))).toEqual(Array(3).fill(':red_circle: broken site FAILED'));
    expect(alerts.every((m) => !m.thread_ts)).toBe(true);
    for (const m of alerts) expect(JSON.stringify(m.attachments)).toContain("The check's state could not be read (S3 download of state/broken%20site.json failed");
  });
});

describe('npm run check when the state object is corrupt (a truncated write)', () => {
  it('reads it as none with a warning naming the key, counts alertAfter afresh, and its write replaces the object', async () => {
    const config = join(scratch, 'mimamori.config.ts');
    await writeFile(config, "export default { defaults: { retries: 0, alerts: { alertAfter: 2 } } };\n");
    const store = await openS3Store(s3Settings({}, { ...s3.env, MIMAMORI_S3_PREFIX: 'corrupt/' })!);
    const key = 'state/broken%20site.json';
    await store.put(key, '{"check":"broken site","lastStatus":"failed","consecutiveFail', { contentType: 'application/json' });
    const env = { ...s3.env, MIMAMORI_S3_PREFIX: 'corrupt/', BASE_URL: site.url, SLACK_BOT_TOKEN: TOKEN, SLACK_CHANNEL: 'C0ALERTS', SLACK_API_URL: slack.url };
    const before = slack.messages.length;
    const runs: RunResult['results'][number][] = [];
    for (const n of [1, 2]) {
      const out = join(scratch, `corrupt-${n}`);
      const run = await runCli([join(ROOT, 'test/fixtures/checks/broken-site.check.ts'), '--out', out, '--config', config], { cwd: scratch, env });
      // A failed check, not an outside failure (3): the store answered, only the object was bad.
      expect(run.code, run.stdout + run.stderr).toBe(1);
      runs.push((JSON.parse(await readFile(join(out, 'results.json'), 'utf8')) as RunResult).results[0]!);
      if (n === 1) expect(run.stdout).toMatch(/broken site: state\/broken%20site\.json is not JSON \(.+\) in s3:\/\/.+: read as none, the next write replaces it/);
      else expect(run.stdout).not.toContain('read as none');
    }
    // alertAfter: 2 holds — the first failure after the reset is counted, the second opens the incident, threaded.
    expect(runs.map((r) => r.notification!.action)).toEqual(['none', 'open']);
    expect(runs.map((r) => r.notification!.stateError)).toEqual([undefined, undefined]);
    expect(runs[0]!.notification!.stateWarning).toMatch(/^state\/broken%20site\.json is not JSON/);
    const state = JSON.parse((await store.get(key))!.toString('utf8')) as { consecutiveFailures: number; incident: { thread?: { ref: { ts?: string } } } };
    expect(state.consecutiveFailures).toBe(2);
    expect(state.incident?.thread?.ref.ts).toBe(runs[1]!.notification!.ts);
    expect(slack.messages.slice(before).filter((m) => m.text && !m.thread_ts)).toHaveLength(1);
  });
});

describe('npm run check when the state object is valid JSON but malformed in parts', () => {
  // Each of these used to throw in the policy on every passing run (judgeUsual): the run exited 3, for good.
  it.each([
    { what: 'a null history entry', stored: { history: [null] }, said: /1 malformed history entry left out \(entry 1 is null\)/ },
    { what: 'a baseline with no steps', stored: { baseline: { journeyMs: 100 } }, said: /its baseline has no steps: left out, the usual is learned again/ },
  ])('with $what: the run passes, the part is left out with a warning naming the key, and the write repairs it', async ({ stored, said }) => {
    const out = await mkdtemp(join(scratch, 'malformed-'));
    await mkdir(join(out, 'state'), { recursive: true });
    await writeFile(join(out, 'state/home.json'), JSON.stringify({ check: 'home', lastStatus: 'passed', consecutiveFailures: 0, incident: null, ...stored }));
    const run = await runCli([join(ROOT, 'test/fixtures/checks/home.check.ts'), '--out', out, '--no-slack'], { cwd: scratch, env: { BASE_URL: site.url } });
    expect(run.code, run.stdout + run.stderr).toBe(0);
    expect(run.stdout).toMatch(new RegExp(`home: state/home\\.json: ${said.source} in .+: repaired by this run's write`));
    const [result] = (JSON.parse(await readFile(join(out, 'results.json'), 'utf8')) as RunResult).results;
    expect(result!.status).toBe('passed');
    expect(result!.usual).toMatchObject({ state: 'learning', runs: 1 });
    const state = JSON.parse(await readFile(join(out, 'state/home.json'), 'utf8')) as { history: unknown[]; baseline?: unknown };
    expect(state.history).toHaveLength(1);
    expect(state.baseline).toBeUndefined();
  });
});
