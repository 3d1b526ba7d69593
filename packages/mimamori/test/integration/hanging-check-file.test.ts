// A check file whose top-level code awaits something that never comes is one bad check file: it is named, the other
// checks run — whether they are chosen by folder or by tag — a run by file never imports it at all, and a run by name
// stops waiting for it once the named checks are found (a note, not a problem).
// The real CLI and the fixture site; the import limit is set low through MIMAMORI_IMPORT_TIMEOUT so no run waits long,
// except where the point is that the run does not wait: there it is set to its maximum, so waiting would time out.
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { startFixtureSite, type FixtureSite } from '../fixtures/site.ts';
import { BIN, ROOT, startCli } from '../helpers/cli.ts';
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
async function check(args: string[], importTimeout = '2') {
  const json = join(project, `run-${++runs}.json`);
  const cli = startCli(process.execPath, [BIN, ...args, '--out', join(project, 'out'), '--json', json, '--no-slack'], {
    cwd: project,
    // The limit counts time spent waiting, not computing: a healthy file slow to load on a busy machine is not cut short.
    env: { BASE_URL: site.url, MIMAMORI_IMPORT_TIMEOUT: importTimeout },
  });
  // A run that waits (the bug) is ended with its test, not left waiting out a 600 s limit.
  onTestFinished(() => void cli.child.kill());
  const run = await cli.done;
  const results = JSON.parse(await readFile(json, 'utf8').catch(() => '{"results":[]}')) as RunResult;
  return { ...run, ran: results.results.map((r) => [r.name, r.status]), diagnostics: results.diagnostics ?? [] };
}

describe('a check file whose top-level code never finishes', () => {
  it.each([
    ['every check in checksDir', []],
    // It might hold a check with the tag: leaving it out would skip a check that was asked for, silently.
    ['checks by tag', ['--tag', 'smoke']],
    // Named on the command line: it is needed, whatever else the run asks for.
    ['a check by name beside the file itself', ['healthy', join(HANGING, 'awaits-forever.check.ts')]],
  ])('is one bad check file when running %s: named with the limit, the others run, exit 2', async (_, args) => {
    const run = await check(args);
    expect(run.stderr).not.toContain('took over');
    expect(run.ran).toEqual([['healthy', 'passed']]);
    expect(run.stdout).toMatch(/awaits-forever\.check\.ts: top-level code did not finish within 2 s/);
    expect(run.diagnostics).toEqual([expect.objectContaining({ file: expect.stringMatching(/awaits-forever\.check\.ts$/) })]);
    expect(run.code).toBe(2);
  });

  it('is not waited for by a run by name once the named check is found: named in a note, the run passes, exit 0', async () => {
    // The limit at its maximum (600 s): a run that waited for the file would time out this test.
    const run = await check(['healthy'], '600');
    expect(run.ran).toEqual([['healthy', 'passed']]);
    expect(run.diagnostics).toEqual([{
      file: expect.stringMatching(/awaits-forever\.check\.ts$/),
      message: expect.stringMatching(/^still loading when the checks asked for were found; not waited for .*not checked for duplicate names/),
      severity: 'note',
    }]);
    expect(run.stdout).toMatch(/Notes:\n.*awaits-forever\.check\.ts: still loading when the checks asked for were found/);
    expect(run.stdout).not.toMatch(/problems? in check files/);
    expect(run.code).toBe(0);
  });

  it('is never imported by a run of another file', async () => {
    const run = await check([join(HANGING, 'healthy.check.ts')]);
    expect(run.ran).toEqual([['healthy', 'passed']]);
    expect(run.stdout).not.toContain('awaits-forever');
    expect(run.code).toBe(0);
  });
});
