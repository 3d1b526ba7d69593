// loadChecks with a run's selection: once the checks asked for by name are found, a file still loading is a note and
// not waited for; a file that finishes within the grace is checked as ever. Real files, compiled and imported; the
// grace is injected, and the import limit is large wherever waiting for it would be the bug (the test would time out).
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadChecks } from '../../src/check/load.ts';
import { allFound } from '../../src/check/until-found.ts';

const NEVER = 'await new Promise(() => {});\n';
const check = (name: string, before = '') => `import { defineCheck } from 'mimamori';\n${before}export default defineCheck({ name: ${JSON.stringify(name)}, async run() {} });\n`;

async function project(files: Record<string, string>): Promise<{ dir: string; paths: string[] }> {
  const dir = await mkdtemp(join(tmpdir(), 'mimamori-selected-'));
  const paths = await Promise.all(Object.entries(files).map(async ([name, text]) => {
    await writeFile(join(dir, name), text);
    return join(dir, name);
  }));
  return { dir, paths: paths.sort() };
}

const LONG = { timeoutMs: 600_000 };
const noGrace = async () => {};

describe('loadChecks for a run by name', () => {
  it('does not wait for a file still loading once the named checks are found: a note names it', async () => {
    const { dir, paths } = await project({ 'home.check.ts': check('home'), 'hangs.check.ts': check('hangs', NEVER) });
    const { checks, problems } = await loadChecks(paths, {}, dir, { ...LONG, wanted: { names: ['home'], files: [] }, grace: noGrace });
    expect(checks.map((c) => c.name)).toEqual(['home']);
    expect(problems).toEqual([{ file: 'hangs.check.ts', severity: 'note', message: expect.stringMatching(/^still loading when the checks asked for were found; not waited for .*not checked for duplicate names$/) }]);
  });

  it('waits for a file that finishes within the grace, and still rejects a duplicate name in it', async () => {
    const g = globalThis as { releaseSlow?: () => void; slow?: Promise<void> };
    g.slow = new Promise((resolve) => (g.releaseSlow = resolve));
    const { dir, paths } = await project({ 'home.check.ts': check('home'), 'slow.check.ts': check('home', 'await (globalThis as any).slow;\n') });
    // The grace lets the slow file finish (and then never ends itself): the load ends because every file has settled.
    const grace = () => (g.releaseSlow!(), new Promise(() => {}));
    const { checks, problems } = await loadChecks(paths, {}, dir, { ...LONG, wanted: { names: ['home'], files: [] }, grace });
    expect(checks).toEqual([]);
    expect(problems.map((p) => [p.file, p.field, p.severity])).toEqual([['home.check.ts', 'name', undefined], ['slow.check.ts', 'name', undefined]]);
  });

  // The bound counts while the healthy file loads too: 2 s leaves it room on a busy machine.
  it('waits for a file the run names, however many names are found', async () => {
    const { dir, paths } = await project({ 'home.check.ts': check('home'), 'hangs.check.ts': check('hangs', NEVER) });
    const hangs = paths.find((p) => p.endsWith('hangs.check.ts'))!;
    const { checks, problems } = await loadChecks(paths, {}, dir, { timeoutMs: 2_000, wanted: { names: ['home'], files: [hangs] }, grace: noGrace });
    expect(checks.map((c) => c.name)).toEqual(['home']);
    expect(problems).toEqual([{ file: 'hangs.check.ts', message: expect.stringMatching(/^top-level code did not finish within 2 s/) }]);
  });

  it('waits for every file while a name is not found yet (it may be in the file still loading)', async () => {
    const { dir, paths } = await project({ 'home.check.ts': check('home'), 'hangs.check.ts': check('hangs', NEVER) });
    const { problems } = await loadChecks(paths, {}, dir, { timeoutMs: 2_000, wanted: { names: ['home', 'hangs'], files: [] }, grace: noGrace });
    expect(problems).toEqual([{ file: 'hangs.check.ts', message: expect.stringMatching(/^top-level code did not finish/) }]);
  });
});

describe('allFound', () => {
  const settled = [{ file: '/c/a.check.ts', name: 'café' }, { file: '/c/b.check.ts' }];
  it.each([
    ['never with no selection (every check, by tag or --grep alone)', undefined, false],
    ['never without names', { names: [], files: [] }, false],
    ['once every name is found', { names: ['café'], files: [] }, true],
    ['for a name typed decomposed', { names: ['cafe\u0301'], files: [] }, true],
    ['not while a name is not found', { names: ['café', 'home'], files: [] }, false],
    ['once the files named have settled', { names: ['café'], files: ['/c/b.check.ts'] }, true],
    ['not while a file named is still loading', { names: ['café'], files: ['/c/c.check.ts'] }, false],
  ])('is true %s', (_, wanted, expected) => {
    expect(allFound(wanted, settled)).toBe(expected);
  });
});
