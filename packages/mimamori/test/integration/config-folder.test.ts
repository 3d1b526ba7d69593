// `--config` pointing into another folder: every relative path in the config is taken from the config's folder —
// checksDir (default `checks`), secretsFile, webServer.cwd — not from where the command runs. The real CLI.
import { copyFile, mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, runCli } from '../helpers/cli.ts';
import type { RunResult } from '../../src/result/types.ts';

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

// The server answers 'ok' (a copy of test/fixtures/tiny-server.mjs); the check reads a secret from the .env beside the config.
const CHECK = `import { defineCheck, expect } from 'mimamori';
export default defineCheck({
  name: 'beside the config',
  secrets: ['FOLDER_TOKEN'],
  retries: 0,
  async run({ page, step }) {
    await step('open', () => page.goto('/'));
    await step('see ok', () => expect(page.locator('body')).toHaveText('ok'));
    await step('read the secret', () => { if (process.env.FOLDER_TOKEN !== 'from-conf-env') throw new Error('wrong secret'); });
  },
});
`;

describe('a config in another folder', () => {
  it('finds checksDir, secretsFile and webServer.cwd beside the config, not in the current folder', async () => {
    const project = await mkdtemp(join(tmpdir(), 'mimamori-config-folder-'));
    const conf = join(project, 'monitoring');
    await mkdir(join(conf, 'journeys'), { recursive: true });
    await writeFile(join(conf, 'journeys/here.check.ts'), CHECK);
    await writeFile(join(conf, 'secrets.env'), 'FOLDER_TOKEN=from-conf-env\n');
    await mkdir(join(conf, 'site'));
    await copyFile(join(ROOT, 'test/fixtures/tiny-server.mjs'), join(conf, 'site/server.mjs'));
    const port = await freePort();
    await writeFile(join(conf, 'mimamori.config.ts'), `export default ${JSON.stringify({
      baseURL: `http://127.0.0.1:${port}`,
      checksDir: 'journeys',
      secretsFile: 'secrets.env',
      webServer: { command: 'node server.mjs', cwd: 'site', url: `http://127.0.0.1:${port}/` },
    })};\n`);
    const json = join(project, 'run.json');
    const run = await runCli(['--config', 'monitoring/mimamori.config.ts', '--out', join(project, 'out'), '--json', json, '--no-slack'], {
      cwd: project,
      env: { BASE_URL: undefined, PORT: String(port), FOLDER_TOKEN: undefined },
    });
    expect(run.stderr).toBe('');
    const results = (JSON.parse(await readFile(json, 'utf8')) as RunResult).results;
    expect(results.map((r) => [r.name, r.status])).toEqual([['beside the config', 'passed']]);
    expect(run.code).toBe(0);
  });
});
