// Bounded growth of the compile cache (node_modules/.cache/mimamori): entries unused for 14 days and the least
// recently used beyond the size cap go, outputs no entry names go after an hour; the CLI bundle's folder and files of
// other names stay. A hit marks its entry used; the first compile of a process prunes.
import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, readdir, stat, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CACHE_MAX_AGE_DAYS, importTs, manifestPath, pruneCompileCache } from '../../src/check/import-ts.ts';

const NOW = Date.now();
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

const scratch = () => mkdtemp(join(tmpdir(), 'mimamori-cache-'));
const hex = (n: number) => randomBytes(n).toString('hex').slice(0, n);

async function file(path: string, body: string, ageMs: number): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, body);
  const t = new Date(NOW - ageMs);
  await utimes(path, t, t);
}

/** A manifest and its output, as compile() writes them; returns their names. */
async function entry(dir: string, manifestAge: number, outputAge: number, outputBytes = 10): Promise<[string, string]> {
  const output = `${hex(12)}.mjs`;
  const manifest = `${hex(16)}.json`;
  await file(join(dir, output), 'x'.repeat(outputBytes), outputAge);
  await file(join(dir, manifest), JSON.stringify({ output: join(dir, output), inputs: {} }), manifestAge);
  return [manifest, output];
}

describe('pruneCompileCache', () => {
  it('removes entries unused for 14 days and unnamed outputs older than an hour, nothing else', async () => {
    const dir = await scratch();
    const used = await entry(dir, 1 * DAY, 20 * DAY); // used yesterday, compiled long ago: kept
    const unused = await entry(dir, (CACHE_MAX_AGE_DAYS + 1) * DAY, (CACHE_MAX_AGE_DAYS + 1) * DAY);
    const fresh = `${hex(12)}.mjs`; // another process's output, its entry not written yet
    await file(join(dir, fresh), 'x', 10 * 60_000);
    const orphan = `${hex(12)}.mjs`; // its source was edited: no entry names it
    await file(join(dir, orphan), 'x', 2 * HOUR);
    const brokenNew = `${hex(16)}.json`;
    await file(join(dir, brokenNew), '{', HOUR);
    const brokenOld = `${hex(16)}.json`;
    await file(join(dir, brokenOld), '{', 30 * DAY);
    // Not this module's: the CLI bundle, other names.
    const others = ['cli/cli.mjs', 'cli/chunks/chunk-ABC.mjs', 'notes.txt', 'abc.json', 'ABCDEF012345.mjs'];
    for (const o of others) await file(join(dir, o), 'x', 100 * DAY);

    const removed = await pruneCompileCache(dir, { now: NOW });

    expect(removed.sort()).toEqual([...unused, orphan, brokenOld].sort());
    const left = [...(await readdir(dir)), ...(await readdir(join(dir, 'cli'))).map((n) => `cli/${n}`)];
    expect(left.sort()).toEqual([...used, fresh, brokenNew, 'cli', 'cli/cli.mjs', 'cli/chunks', 'notes.txt', 'abc.json', 'ABCDEF012345.mjs'].sort());
  });

  it('removes the least recently used entries beyond the size cap', async () => {
    const dir = await scratch();
    const newest = await entry(dir, 1 * HOUR, 5 * HOUR, 1000);
    const middle = await entry(dir, 2 * HOUR, 5 * HOUR, 1000);
    const oldest = await entry(dir, 3 * HOUR, 5 * HOUR, 1000);
    const removed = await pruneCompileCache(dir, { now: NOW, maxBytes: 2500 });
    expect(removed.sort()).toEqual([...oldest].sort());
    expect((await readdir(dir)).sort()).toEqual([...newest, ...middle].sort());
  });

  it('copes with no cache folder', async () => {
    expect(await pruneCompileCache(join(await scratch(), 'missing'))).toEqual([]);
  });
});

describe('the compile cache in use', () => {
  it('prunes on the first compile, and a hit marks its entry used', async () => {
    const src = join(await scratch(), 'used.check.ts');
    await writeFile(src, `export default ${JSON.stringify(hex(8))};\n`);
    const cacheDir = dirname(manifestPath(src));
    const orphan = join(cacheDir, `${hex(12)}.mjs`);
    await file(orphan, '', 2 * HOUR);

    expect((await importTs(src)).problems).toEqual([]); // compiled: the orphan is gone
    await expect(stat(orphan)).rejects.toMatchObject({ code: 'ENOENT' });

    const longAgo = new Date(NOW - 3 * DAY);
    await utimes(manifestPath(src), longAgo, longAgo);
    expect((await importTs(src)).problems).toEqual([]); // served from the cache
    expect(Date.now() - (await stat(manifestPath(src))).mtimeMs).toBeLessThan(HOUR);
  });
});
