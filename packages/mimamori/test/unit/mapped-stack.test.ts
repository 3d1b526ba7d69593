// mapStack: a reported stack's frames point at the source lines, from a file's inline map (a compiled check, the CLI's
// bundles) or the map file beside it (the Lambda bundle: worker.js and worker.js.map, without the sources' text).
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { mapStack } from '../../src/runner/mapped-stack.ts';

const SOURCE = "// a check\nexport function run(): void {\n  const sku: string = 'tea';\n  throw new Error(`out of ${sku}`);\n}\n";

/** Compiles SOURCE as `options` say; returns the source's path and the generated place of `throw` (1-based, as V8 prints). */
async function compiled(options: { format: 'esm' | 'cjs'; sourcemap: true | 'inline'; sourcesContent?: boolean; outName: string }) {
  const dir = await mkdtemp(join(tmpdir(), 'mimamori-mapped-stack-'));
  await writeFile(join(dir, 'stock.check.ts'), SOURCE);
  const out = join(dir, 'out', options.outName);
  await build({ entryPoints: [join(dir, 'stock.check.ts')], bundle: true, platform: 'node', outfile: out, format: options.format, sourcemap: options.sourcemap, sourcesContent: options.sourcesContent });
  const code = await readFile(out, 'utf8');
  const lines = code.split('\n');
  const line = lines.findIndex((l) => l.includes('throw new Error'));
  return { source: join(dir, 'stock.check.ts'), out, line: line + 1, column: lines[line]!.indexOf('throw') + 1 };
}

describe('mapStack', () => {
  it('maps a frame of a file with an inline source map to the source file and line, as a path', async () => {
    const c = await compiled({ format: 'esm', sourcemap: 'inline', outName: 'abc123.mjs' });
    const stack = `Error: out of tea\n    at run (${pathToFileURL(c.out).href}:${c.line}:${c.column})\n    at file:///nowhere/else.mjs:1:1`;
    expect(mapStack(stack)).toBe(`Error: out of tea\n    at run (${c.source}:4:3)\n    at file:///nowhere/else.mjs:1:1`);
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
});
