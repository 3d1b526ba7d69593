// mapStack: a reported stack's frames point at the source lines, from a file's inline map (a compiled check, the CLI's
// bundles) or the map file beside it (the Lambda bundle: worker.js and worker.js.map, without the sources' text).
import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { mapResultStacks, mapStack, sourcePlace } from '../../src/runner/mapped-stack.ts';

const SOURCE = "// a check\nexport function run(): void {\n  const sku: string = 'tea';\n  throw new Error(`out of ${sku}`);\n}\n";

/** Compiles SOURCE as `options` say; returns the source's path and the generated place of `throw` (1-based, as V8 prints). */
async function compiled(options: { format: 'esm' | 'cjs'; sourcemap: true | 'inline'; sourcesContent?: boolean; outName: string; folder?: string }) {
  const dir = await mkdtemp(join(tmpdir(), 'mimamori-mapped-stack-'));
  // The source in `folder` (the map names it relative to out/: `../<folder>/stock.check.ts`).
  const source = join(dir, options.folder ?? '', 'stock.check.ts');
  await mkdir(dirname(source), { recursive: true });
  await writeFile(source, SOURCE);
  const out = join(dir, 'out', options.outName);
  await build({ entryPoints: [source], bundle: true, platform: 'node', outfile: out, format: options.format, sourcemap: options.sourcemap, sourcesContent: options.sourcesContent });
  const code = await readFile(out, 'utf8');
  const lines = code.split('\n');
  const line = lines.findIndex((l) => l.includes('throw new Error'));
  return { source, out, line: line + 1, column: lines[line]!.indexOf('throw') + 1 };
}

describe('mapStack', () => {
  it('maps a frame of a file with an inline source map to the source file and line, as a path', async () => {
    const c = await compiled({ format: 'esm', sourcemap: 'inline', outName: 'abc123.mjs' });
    const stack = `Error: out of tea\n    at run (${pathToFileURL(c.out).href}:${c.line}:${c.column})\n    at file:///nowhere/else.mjs:1:1`;
    expect(mapStack(stack)).toBe(`Error: out of tea\n    at run (${c.source}:4:3)\n    at file:///nowhere/else.mjs:1:1`);
  });

  it('maps an anonymous async frame (`at async place`), as Node prints an awaited arrow function', async () => {
    const c = await compiled({ format: 'esm', sourcemap: 'inline', outName: 'def456.mjs' });
    expect(mapStack(`Error: out of tea\n    at async ${pathToFileURL(c.out).href}:${c.line}:${c.column}`)).toBe(`Error: out of tea\n    at async ${c.source}:4:3`);
  });

  it('maps a frame of a file whose map is a file beside it (sourceMappingURL), without the sources in it', async () => {
    const c = await compiled({ format: 'cjs', sourcemap: true, sourcesContent: false, outName: 'worker.js' });
    expect(mapStack(`Error: out of tea\n    at ${c.out}:${c.line}:${c.column}`)).toBe(`Error: out of tea\n    at ${c.source}:4:3`);
  });

  it('leaves lines that are not frames, frames of files without a map, and frames of files that are gone as they were', async () => {
    const plain = await mkdtemp(join(tmpdir(), 'mimamori-mapped-stack-'));
    await writeFile(join(plain, 'lib.js'), 'module.exports = 1;\n');
    const stack = [
      'Error: out of tea', 'Call log:', '  - waiting for getByRole(\'heading\')',
      `    at f (${join(plain, 'lib.js')}:1:1)`, `    at ${join(plain, 'gone.js')}:3:4`, '    at new Promise (<anonymous>)', '    at async Promise.all (index 0)',
    ].join('\n');
    expect(mapStack(stack)).toBe(stack);
  });

  it('reads a file\'s map once, whether a frame names it by file: URL or by path', async () => {
    const c = await compiled({ format: 'esm', sourcemap: 'inline', outName: 'once.mjs' });
    expect(mapStack(`    at ${pathToFileURL(c.out).href}:${c.line}:${c.column}`)).toBe(`    at ${c.source}:4:3`);
    // The file loses its map: a second read would find none, the map read first still maps the path's frame.
    await writeFile(c.out, (await readFile(c.out, 'utf8')).replace(/\/\/# sourceMappingURL=.*/, ''));
    expect(mapStack(`    at ${c.out}:${c.line}:${c.column}`)).toBe(`    at ${c.source}:4:3`);
  });

  it('maps into sources whose folder names hold #, ? and % (paths, not URLs)', async () => {
    const c = await compiled({ format: 'cjs', sourcemap: true, sourcesContent: false, outName: 'worker.js', folder: 'shop #2 ?a=1 100%' });
    expect(mapStack(`    at ${c.out}:${c.line}:${c.column}`)).toBe(`    at ${c.source}:4:3`);
  });

  it('reads an absolute source as a path (POSIX, Windows `D:/`), never as a URL; a relative one as a URL reference', () => {
    const base = pathToFileURL('/srv/app/dist/worker.js.map').href;
    expect(sourcePlace('D:/work/checks/cart.check.ts', undefined, base)).toBe('D:/work/checks/cart.check.ts');
    expect(sourcePlace('D:\\work\\checks\\cart.check.ts', undefined, base)).toBe('D:\\work\\checks\\cart.check.ts');
    expect(sourcePlace('/work/checks/a#1 ?x 100%.check.ts', undefined, base)).toBe('/work/checks/a#1 ?x 100%.check.ts');
    // Relative sources are URL references: esbuild writes a name's #, ? and % encoded (the case above).
    expect(sourcePlace('../checks/a%23b%3Fc%2520.check.ts', undefined, base)).toBe('/srv/app/checks/a#b?c%20.check.ts');
    expect(sourcePlace('cart.check.ts', 'C:/work/checks', base)).toBe('C:/work/checks/cart.check.ts');
    expect(sourcePlace('cart.check.ts', '../src', base)).toBe('/srv/app/src/cart.check.ts');
    expect(sourcePlace('file:///work/checks/a%231.check.ts', undefined, base)).toBe('/work/checks/a#1.check.ts');
    expect(sourcePlace('webpack:///checks/a.ts', undefined, base)).toBe('webpack:///checks/a.ts');
  });

  it("maps every error of an attempt's result, the attempt's and its steps', and leaves mapped frames as they are", async () => {
    const c = await compiled({ format: 'esm', sourcemap: 'inline', outName: 'result.mjs' });
    const stack = `Error: out of tea\n    at run (${pathToFileURL(c.out).href}:${c.line}:${c.column})`;
    const want = `Error: out of tea\n    at run (${c.source}:4:3)`;
    const result = {
      status: 'failed',
      error: { name: 'Error', message: 'out of tea', stack },
      steps: [{ name: 'open' }, { name: 'buy', error: { name: 'Error', message: 'out of tea', stack } }],
    };
    const mapped = mapResultStacks(result);
    expect(mapped).toStrictEqual({ ...result, error: { ...result.error, stack: want }, steps: [{ name: 'open' }, { name: 'buy', error: { ...result.steps[1]!.error, stack: want } }] });
    expect(result.error.stack).toBe(stack);
    expect(mapResultStacks(mapped)).toStrictEqual(mapped);
    expect(mapResultStacks({ steps: [] })).toStrictEqual({ steps: [] });
  });
});
