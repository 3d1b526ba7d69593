// infra/watches.json (the nested stack of log watches and limit alarms) follows the config: `npm run watches` (build
// --only watches) writes it; `sam build` — a project with template.yaml, building one part through the Makefile, in a
// copy of the project, after reading the nested template — cannot, so it refuses to build while the file is stale.
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
  it('sam build (one part, in a project with template.yaml) refuses a stale file and writes nothing; npm run watches writes it; then it builds', async () => {
    const dir = await project(CONFIG, true);
    const refused = await runCli(['build', '--only', 'alarms', '--out', join(dir, 'out')], { cwd: dir });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('Not built: infra/watches.json');
    expect(refused.stderr).toContain('Run `npm run watches`');
    // sam build runs this in a copy of the project: a file written here would never reach the deploy.
    expect(existsSync(join(dir, 'infra/watches.json'))).toBe(false);
    expect(existsSync(join(dir, 'out/alarms.js'))).toBe(false);

    const watches = await runCli(['build', '--only', 'watches'], { cwd: dir });
    expect(watches.code).toBe(0);
    expect(watches.stdout).toContain('infra/watches.json: written from the config');
    expect(readFileSync(join(dir, 'infra/watches.json'), 'utf8')).toBe(watchStackText(WATCHES));
    expect(existsSync(join(dir, 'build'))).toBe(false); // just the file: no bundle

    const built = await runCli(['build', '--only', 'alarms', '--out', join(dir, 'out')], { cwd: dir });
    expect(built.stderr).toBe('');
    expect(built.code).toBe(0);
    expect(existsSync(join(dir, 'out/alarms.js'))).toBe(true);
    // A config change makes it stale again.
    await writeFile(join(dir, 'mimamori.config.ts'), CONFIG.replace('timeoutSeconds: 30', 'timeoutSeconds: 60'));
    expect((await runCli(['build', '--only', 'alarms', '--out', join(dir, 'out')], { cwd: dir })).code).toBe(2);
  }, 120_000);

  it('a project without template.yaml (nothing is deployed from it) is neither checked nor written', async () => {
    const plain = await project(CONFIG, false);
    const built = await runCli(['build', '--only', 'dispatcher', '--out', join(plain, 'out')], { cwd: plain });
    expect(built.code).toBe(0);
    expect(existsSync(join(plain, 'infra'))).toBe(false);
  }, 120_000);

  it('a broken watch is a config problem: nothing built, nothing written, the field named', async () => {
    const dir = await project(`export default { logWatches: [{ name: 'api errors', logGroups: ['/aws/lambda/api'], pattern: 'ERROR' }] };\n`, true);
    for (const only of ['alarms', 'watches']) {
      const built = await runCli(['build', '--only', only, '--out', join(dir, 'out')], { cwd: dir });
      expect(built.code).toBe(2);
      expect(built.stderr).toContain('mimamori.config.ts › logWatches: [0].name must be 1 to 64 letters');
      expect(built.stderr).toContain('[0].pattern must be a regular expression');
    }
    expect(existsSync(join(dir, 'infra/watches.json'))).toBe(false);
  }, 120_000);
});
