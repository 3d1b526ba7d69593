// The build keeps infra/watches.json (the nested stack of log watches and limit alarms) in step with the config. Under
// `sam build` — a project with template.yaml, building one part through the Makefile — a change is written and the
// build refused, since sam build read the nested template before running the Makefile: the next sam build deploys it.
import { copyFileSync, existsSync, readFileSync } from 'node:fs';
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, runCli } from '../helpers/cli.ts';
import { watchStackText } from '../../src/build/watch-stack.ts';

const WATCHES = {
  logWatches: [{ name: 'api-errors', logGroups: ['/aws/lambda/api'], pattern: /ERROR|Unhandled/ }],
  limitWatches: { functions: [{ name: 'api', timeoutSeconds: 30 }] },
};
const CONFIG = `export default {
  logWatches: [{ name: 'api-errors', logGroups: ['/aws/lambda/api'], pattern: /ERROR|Unhandled/ }],
  limitWatches: { functions: [{ name: 'api', timeoutSeconds: 30 }] },
};
`;

async function project(config: string, withTemplate: boolean): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'mimamori-watch-build-'));
  await mkdir(join(dir, 'checks'));
  await writeFile(join(dir, 'checks/home.check.ts'), `import { defineCheck } from 'mimamori';\nexport default defineCheck({ name: 'home', schedule: 'rate(5 minutes)', async run() {} });\n`);
  await writeFile(join(dir, 'mimamori.config.ts'), config);
  if (withTemplate) copyFileSync(join(ROOT, 'template.yaml'), join(dir, 'template.yaml'));
  return dir;
}

describe('the build and infra/watches.json', () => {
  it('under sam build a changed watch stack is written, and the build refused until run again', async () => {
    const dir = await project(CONFIG, true);
    const first = await runCli(['build', '--only', 'alarms', '--out', join(dir, 'out')], { cwd: dir });
    expect(first.code).toBe(2);
    expect(first.stderr).toContain('Not built: infra/watches.json');
    expect(first.stderr).toContain('run sam build again');
    expect(readFileSync(join(dir, 'infra/watches.json'), 'utf8')).toBe(watchStackText(WATCHES));
    expect(existsSync(join(dir, 'out/alarms.js'))).toBe(false);

    const second = await runCli(['build', '--only', 'alarms', '--out', join(dir, 'out')], { cwd: dir });
    expect(second.stderr).toBe('');
    expect(second.code).toBe(0);
    expect(existsSync(join(dir, 'out/alarms.js'))).toBe(true);
  }, 120_000);

  it('a project without template.yaml (nothing is deployed from it) gets the file, and the build goes on', async () => {
    const plain = await project(CONFIG, false);
    const whole = await runCli(['build', '--only', 'dispatcher', '--out', join(plain, 'out')], { cwd: plain });
    expect(whole.code).toBe(0);
    expect(whole.stdout).toContain('infra/watches.json: written');
    expect(readFileSync(join(plain, 'infra/watches.json'), 'utf8')).toBe(watchStackText(WATCHES));
  }, 120_000);

  it('a broken watch is a config problem: nothing built, nothing written, the field named', async () => {
    const dir = await project(`export default { logWatches: [{ name: 'api errors', logGroups: ['/aws/lambda/api'], pattern: 'ERROR' }] };\n`, true);
    const built = await runCli(['build', '--only', 'alarms', '--out', join(dir, 'out')], { cwd: dir });
    expect(built.code).toBe(2);
    expect(built.stderr).toContain('mimamori.config.ts › logWatches: [0].name must be 1 to 64 letters');
    expect(built.stderr).toContain('[0].pattern must be a regular expression');
    expect(existsSync(join(dir, 'infra/watches.json'))).toBe(false);
  }, 120_000);
});
