// A full disk under --out: the summary still prints, the error is one line (no stack), the exit code is the README's
// (3, or 1 when a check failed), and the last good results.json, report and JUnit file are left whole — each file is
// written aside and renamed, so CI never parses half of one. The real CLI; the full disk is test/helpers/full-disk.mjs.
import { mkdtemp, readdir, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFixtureSite, type FixtureSite } from '../fixtures/site.ts';
import { ROOT, runCli } from '../helpers/cli.ts';

const HOME = join(ROOT, 'test/fixtures/checks/home.check.ts');
const BROKEN = join(ROOT, 'test/fixtures/checks/broken-site.check.ts');
const FULL_DISK = join(ROOT, 'test/helpers/full-disk.mjs');

let site: FixtureSite;
let scratch: string;
beforeAll(async () => {
  site = await startFixtureSite();
  scratch = await mkdtemp(join(tmpdir(), 'mimamori-full-disk-'));
});
afterAll(() => site?.close());

const files = (dir: string) => ({ results: join(dir, 'out/results.json'), report: join(dir, 'out/report.html'), junit: join(dir, 'ci/junit.xml') });
const contents = async (dir: string) => Object.fromEntries(await Promise.all(Object.entries(files(dir)).map(async ([k, p]) => [k, await readFile(p, 'utf8')])));

function check(dir: string, args: string[], fullDisk: boolean) {
  return runCli([...args, '--out', join(dir, 'out'), '--junit', files(dir).junit, '--no-slack'], {
    cwd: scratch,
    env: { BASE_URL: site.url, ...(fullDisk ? { NODE_OPTIONS: `--import ${FULL_DISK}`, MIMAMORI_TEST_FULL_DISK: dir } : {}) },
  });
}

describe('a full disk under --out', () => {
  it.each([
    { when: 'every check passed', checks: [HOME], code: 3 },
    { when: 'a check failed', checks: [HOME, BROKEN], code: 1 },
  ])('when $when: keeps the last good files whole, prints the summary and one line, exits $code', async ({ checks, code }) => {
    const dir = await mkdtemp(join(scratch, 'run-'));
    const good = await check(dir, checks, false);
    expect(good.code).toBe(code === 3 ? 0 : code);
    const before = await contents(dir);
    expect(JSON.parse(before.results).results).toHaveLength(checks.length);

    const run = await check(dir, checks, true);
    expect(run.stdout).toMatch(/home\s+✓ passed/);
    expect(run.stdout).toMatch(/\d+ checks?: \d+ passed/);
    const diskLines = run.stderr.split('\n').filter((l) => /no space left on device/.test(l));
    expect(diskLines).toHaveLength(1);
    expect(diskLines[0]).toMatch(/results\.json.*report\.html.*junit\.xml|previous/);
    expect(run.stderr).not.toMatch(/^\s+at /m);
    expect(run.code).toBe(code);
    // The last good run's files, whole; nothing half-written left beside them.
    expect(await contents(dir)).toEqual(before);
    // Every folder below (the run's evidence under out/runs/ too: the local store writes aside as well).
    for (const folder of [join(dir, 'out'), join(dir, 'ci')]) expect((await readdir(folder, { recursive: true })).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });
});
