// What a check sees of the secrets file on a local run (the real CLI, its worker processes): only the variables it
// declares, plus the environment that was there before the file was read — on the worker that loaded the checks (it
// read the file itself, to import them) as on those forked later, and from one check to the next on a warm worker.
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.ts';
import { declaredSecrets } from '../../src/check/secrets-file.ts';
import type { RunResult } from '../../src/result/types.ts';

/** A check that declares `secrets` and names, as a step, the ENVTEST_ (or other `seeing`) variables it sees as it runs. */
const check = (name: string, secrets: string[], seeing = /^ENVTEST_/) => `import { defineCheck } from 'mimamori';
export default defineCheck({
  name: '${name}', secrets: ${JSON.stringify(secrets)}, retries: 0,
  async run({ step }) {
    const seen = Object.keys(process.env).filter((k) => ${seeing}.test(k)).sort();
    await step('sees ' + (seen.join(' ') || 'nothing'), async () => {});
  },
});
`;

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mimamori-secrets-env-'));
  await mkdir(join(dir, 'checks'));
  await writeFile(join(dir, 'mimamori.config.ts'), 'export default {};\n');
  await writeFile(join(dir, '.env'), 'ENVTEST_A=value-a-1234\nENVTEST_B=value-b-5678\nENVTEST_UNDECLARED=value-u-9999\n');
  await writeFile(join(dir, 'checks/a.check.ts'), check('a', ['ENVTEST_A']));
  await writeFile(join(dir, 'checks/b.check.ts'), check('b', ['ENVTEST_B']));
  await writeFile(join(dir, 'checks/none.check.ts'), check('none', []));
});
afterAll(() => dir && rm(dir, { recursive: true, force: true }));

async function seen(workers: number): Promise<Record<string, string>> {
  const out = join(dir, `out-${workers}`);
  const run = await runCli(['--out', out, '--workers', String(workers)], {
    cwd: dir, env: { ENVTEST_ORDINARY: 'from-the-shell', BASE_URL: undefined, SLACK_BOT_TOKEN: undefined, MIMAMORI_S3_BUCKET: undefined },
  });
  expect(run.code, run.stdout + run.stderr).toBe(0);
  const results = (JSON.parse(await readFile(join(out, 'results.json'), 'utf8')) as RunResult).results;
  return Object.fromEntries(results.map((r) => [r.name, r.steps[0]!.name]));
}

describe('the secrets file, locally', () => {
  const expected = {
    a: 'sees ENVTEST_A ENVTEST_ORDINARY',
    b: 'sees ENVTEST_B ENVTEST_ORDINARY',
    none: 'sees ENVTEST_ORDINARY',
  };

  it('one warm worker (the one that read the file to load the checks): each check sees its own declared secrets only', async () => {
    expect(await seen(1)).toEqual(expected);
  }, 90_000);

  it('workers forked after the host read the file: the same', async () => {
    expect(await seen(3)).toEqual(expected);
  }, 90_000);
});

// The host's own credentials (its S3 access, its Slack token) are kept out of every worker; declaring one by name must
// not bring it back in.
describe("the host's own credentials", () => {
  const HOST = { SLACK_BOT_TOKEN: 'xoxb-host-token-0001', AWS_SECRET_ACCESS_KEY: 'host-aws-secret-0002', AWS_ACCESS_KEY_ID: 'host-aws-id-0003' };

  it('are refused as declared secrets: the check does not run, and the message names the file, the field and the name', async () => {
    const project = join(dir, 'host-credentials');
    await mkdir(join(project, 'checks'), { recursive: true });
    await writeFile(join(project, 'mimamori.config.ts'), 'export default {};\n');
    await writeFile(join(project, 'checks/wants-token.check.ts'), check('wants-token', ['SLACK_BOT_TOKEN', 'ENVTEST_A'], /^(SLACK_|AWS_|ENVTEST_)/));
    await writeFile(join(project, '.env'), 'ENVTEST_A=value-a-1234\n');
    const out = join(project, 'out');
    const run = await runCli(['--out', out, '--no-slack'], {
      cwd: project, env: { ...HOST, BASE_URL: undefined, MIMAMORI_S3_BUCKET: undefined, SLACK_CHANNEL: undefined },
    });
    const printed = run.stdout + run.stderr;
    expect(run.code, printed).toBe(2);
    expect(printed).toMatch(/checks\/wants-token\.check\.ts.*secrets.*SLACK_BOT_TOKEN/);
    expect(printed).not.toContain('sees');
    expect(printed).not.toContain(HOST.SLACK_BOT_TOKEN);
  }, 90_000);

  it('are never handed to an attempt, even when a check names them', () => {
    const env = { ...HOST, AWS_SESSION_TOKEN: 'host-session-0004', LOGIN_PASSWORD: 'login-pw-0005' };
    expect(declaredSecrets(['SLACK_BOT_TOKEN', 'AWS_SECRET_ACCESS_KEY', 'AWS_ACCESS_KEY_ID', 'AWS_SESSION_TOKEN', 'LOGIN_PASSWORD'], env))
      .toEqual({ LOGIN_PASSWORD: 'login-pw-0005' });
  });
});
