// What a check sees of the secrets file on a local run (the real CLI, its worker processes): only the variables it
// declares, plus the environment that was there before the file was read — on the worker that loaded the checks (it
// read the file itself, to import them) as on those forked later, and from one check to the next on a warm worker.
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.ts';
import type { RunResult } from '../../src/result/types.ts';

/** A check that declares `secrets` and names, as a step, the ENVTEST_ variables it sees as it runs. */
const check = (name: string, secrets: string[]) => `import { defineCheck } from 'mimamori';
export default defineCheck({
  name: '${name}', secrets: ${JSON.stringify(secrets)}, retries: 0,
  async run({ step }) {
    const seen = Object.keys(process.env).filter((k) => k.startsWith('ENVTEST_')).sort();
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
