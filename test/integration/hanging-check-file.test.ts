// A check file whose top-level code awaits something that never comes is one bad check file: it is named, the other
// checks run — whether they are chosen by folder, by name or by tag — and a run by file never imports it at all.
// The real CLI and the fixture site; the import limit is set low through MIMAMORI_IMPORT_TIMEOUT so no run waits long.
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFixtureSite, type FixtureSite } from '../fixtures/site.ts';
import { ROOT, runCli } from '../helpers/cli.ts';
import type { RunResult } from '../../src/result/types.ts';

const HANGING = join(ROOT, 'test/fixtures/hanging-checks');

let site: FixtureSite;
let project: string;
beforeAll(async () => {
  site = await startFixtureSite();
  project = await mkdtemp(join(tmpdir(), 'mimamori-hanging-'));
  await writeFile(join(project, 'mimamori.config.ts'), `export default { checksDir: ${JSON.stringify(HANGING)} };\n`);
});
afterAll(() => site?.close());

let runs = 0;
async function check(args: string[]) {
  const json = join(project, `run-${++runs}.json`);
  const run = await runCli([...args, '--out', join(project, 'out'), '--json', json, '--no-slack'], {
    cwd: project,
    // The limit counts time spent waiting, not computing: a healthy file slow to load on a busy machine is not cut short.
    env: { BASE_URL: site.url, MIMAMORI_IMPORT_TIMEOUT: '2' },
  });
  const results = JSON.parse(await readFile(json, 'utf8').catch(() => '{"results":[]}')) as RunResult;
  return { ...run, ran: results.results.map((r) => [r.name, r.status]), diagnostics: results.diagnostics ?? [] };
}

describe('a check file whose top-level code never finishes', () => {
  it.each([
    ['every check in checksDir', []],
    ['a check by name', ['healthy']],
    ['checks by tag', ['--tag', 'smoke']],
  ])('is one bad check file when running %s: named with the limit, the others run, exit 2', async (_, args) => {
    const run = await check(args);
    expect(run.stderr).not.toContain('took over');
    expect(run.ran).toEqual([['healthy', 'passed']]);
    expect(run.stdout).toMatch(/awaits-forever\.check\.ts: top-level code did not finish within 2 s/);
    expect(run.diagnostics).toEqual([expect.objectContaining({ file: expect.stringMatching(/awaits-forever\.check\.ts$/) })]);
    expect(run.code).toBe(2);
  });

  it('is never imported by a run of another file', async () => {
    const run = await check([join(HANGING, 'healthy.check.ts')]);
    expect(run.ran).toEqual([['healthy', 'passed']]);
    expect(run.stdout).not.toContain('awaits-forever');
    expect(run.code).toBe(0);
  });
});
