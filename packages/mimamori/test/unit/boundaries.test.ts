// Keeps the shape: each folder of src/ imports only the folders src/boundaries.ts allows.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MAY_IMPORT } from '../../src/boundaries.ts';

const SRC = join(import.meta.dirname, '../../src');

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : []));
}

describe('folder boundaries', () => {
  const all = files(SRC);
  it('knows every folder of src/', () => {
    const folders = new Set(all.map((f) => relative(SRC, f).split('/')).filter((p) => p.length > 1).map((p) => p[0]));
    expect([...folders].sort()).toEqual(Object.keys(MAY_IMPORT).sort());
  });

  it.each(Object.entries(MAY_IMPORT))('%s imports only %j', (folder, allowed) => {
    const bad: string[] = [];
    for (const file of all.filter((f) => relative(SRC, f).startsWith(`${folder}/`))) {
      for (const [, spec] of readFileSync(file, 'utf8').matchAll(/(?:from|import\()\s*'(\.\.\/[^']+)'/g)) {
        // What it names, from src/: a folder of src/, or a path outside it (`../bin/esbuild-options.mjs`).
        const resolved = relative(SRC, join(dirname(file), spec)).split(sep);
        const target = resolved[0] === '..' ? resolved.slice(0, 3).join('/') : resolved[0]!;
        if (target !== folder && !allowed.includes(target) && !target.endsWith('.ts')) bad.push(`${relative(SRC, file)} → ${spec}`);
      }
    }
    expect(bad).toEqual([]);
  });
});
