// The process that stores results and sends alerts never loads Playwright or check code: both live in worker processes.
// Checked on the bundles themselves, the CLI's (dist/, scripts/dist.mjs) and the Lambda runner's (`mimamori build`).
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build, type Metafile } from 'esbuild';
import { describe, expect, it } from 'vitest';
// @ts-expect-error plain JavaScript module without types
import { BUILD_OPTIONS } from '../../scripts/dist.mjs';
import { bundleFunction } from '../../src/build/functions.ts';

/** Every module path a bundle output loads at start-up: its static imports, followed through chunks. */
function staticImports(meta: Metafile, output: string, seen = new Set<string>()): Set<string> {
  for (const imported of meta.outputs[output]?.imports ?? []) {
    if (imported.kind === 'dynamic-import' || seen.has(imported.path)) continue;
    seen.add(imported.path);
    if (!imported.external) staticImports(meta, imported.path, seen);
  }
  return seen;
}

describe('the host process loads no Playwright', () => {
  it('the CLI host bundle imports no Playwright at start-up; the worker bundle does', async () => {
    const metafile = (await build({ ...BUILD_OPTIONS, metafile: true, write: false })).metafile!;
    const outputs = Object.keys(metafile.outputs);
    const host = outputs.find((o) => o.endsWith('/cli.mjs'))!;
    const worker = outputs.find((o) => o.endsWith('/worker.mjs'))!;
    const playwright = (paths: Set<string>) => [...paths].filter((p) => /^playwright(-core)?(\/|$)/.test(p));
    expect(playwright(staticImports(metafile, host))).toEqual([]);
    expect(playwright(staticImports(metafile, worker))).toContain('playwright-core');
  });

  it('the Lambda runner bundle requires no Playwright; its worker bundle does', async () => {
    const out = await mkdtemp(join(tmpdir(), 'mimamori-host-bundle-'));
    const input = { config: {}, checks: [], checkFiles: [] };
    await bundleFunction('runner', out, input);
    await bundleFunction('worker', out, input);
    expect(await readFile(join(out, 'runner.js'), 'utf8')).not.toMatch(/require\("playwright/);
    expect(await readFile(join(out, 'worker.js'), 'utf8')).toMatch(/require\("playwright-core"\)/);
  });
});

describe('what the host loads at start-up', () => {
  it('the picture comparison (pngjs, pixelmatch) only when a run compares pictures', async () => {
    const metafile = (await build({ ...BUILD_OPTIONS, metafile: true, write: false })).metafile!;
    const host = Object.keys(metafile.outputs).find((o) => o.endsWith('/cli.mjs'))!;
    expect([...staticImports(metafile, host)].filter((p) => /^(pngjs|pixelmatch)(\/|$)/.test(p))).toEqual([]);
  });
});
