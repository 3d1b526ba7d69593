// The watch stack (the nested stack of log watches and limit alarms) follows the config on every build: the build
// writes it as watches.json beside template.yaml, whose Watches resource names it — nothing committed, nothing to go
// stale. The real CLI, in projects of their own.
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.ts';
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

async function project(config: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'mimamori-watch-build-'));
  await mkdir(join(dir, 'checks'));
  await writeFile(join(dir, 'checks/home.check.ts'), `import { defineCheck } from 'mimamori';\nexport default defineCheck({ name: 'home', schedule: 'rate(5 minutes)', async run() {} });\n`);
  await writeFile(join(dir, 'mimamori.config.ts'), config);
  return dir;
}

describe('the build and the watch stack', () => {
  it('--only watches writes watches.json from the config, and again after the config changes', async () => {
    const dir = await project(CONFIG);
    const out = join(dir, 'out');
    const written = await runCli(['build', '--only', 'watches', '--out', out], { cwd: dir });
    expect(written.stderr).toBe('');
    expect(written.code).toBe(0);
    expect(written.stdout).toContain('watches: out/watches.json (from the config\'s logWatches and limitWatches)');
    expect(readFileSync(join(out, 'watches.json'), 'utf8')).toBe(watchStackText(WATCHES));
    expect(existsSync(join(out, 'runner'))).toBe(false); // just the file: no bundle

    await writeFile(join(dir, 'mimamori.config.ts'), CONFIG.replace('timeoutSeconds: 30', 'timeoutSeconds: 60'));
    expect((await runCli(['build', '--only', 'watches', '--out', out], { cwd: dir })).code).toBe(0);
    expect(readFileSync(join(out, 'watches.json'), 'utf8')).toBe(watchStackText({ ...WATCHES, limitWatches: { functions: [{ name: 'api', timeoutSeconds: 60 }] } }));
  }, 120_000);

  it('a broken watch is a config problem: nothing built, nothing written, the field named', async () => {
    const dir = await project(`export default { logWatches: [{ name: 'api errors', logGroups: ['/aws/lambda/api'], pattern: 'ERROR' }] };\n`);
    for (const only of ['alarms', 'watches']) {
      const built = await runCli(['build', '--only', only, '--out', join(dir, 'out')], { cwd: dir });
      expect(built.code).toBe(2);
      expect(built.stderr).toContain('mimamori.config.ts › logWatches: [0].name must be 1 to 64 letters');
      expect(built.stderr).toContain('[0].pattern must be a regular expression');
    }
    expect(existsSync(join(dir, 'out'))).toBe(false);
  }, 120_000);
});
