// Keeps the shape: each folder of src/ imports only the folders src/boundaries.ts allows.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MAY_IMPORT } from '../../src/boundaries.ts';

const SRC = join(import.meta.dirname, '../../src');
const FUNCTIONS = join(import.meta.dirname, '../../functions');

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

  it('lets no folder of src/ import cli/: the commands are wiring, nothing is built on them', () => {
    expect(Object.entries(MAY_IMPORT).filter(([, allowed]) => allowed.includes('cli')).map(([folder]) => folder)).toEqual([]);
  });

  it('keeps functions/ (the Lambda handlers) off src/cli/: they import what they need directly', () => {
    const bad = files(FUNCTIONS).flatMap((file) => [...readFileSync(file, 'utf8').matchAll(/(?:from|import\()\s*'([^']+)'/g)]
      .map(([, spec]) => spec!).filter((spec) => spec.startsWith('.') && relative(SRC, join(dirname(file), spec)).split(sep)[0] === 'cli')
      .map((spec) => `${relative(FUNCTIONS, file)} → ${spec}`));
    expect(bad).toEqual([]);
  });

  // pipeline/outside-systems.ts chooses the notifier (Slack when a token is given): the one place the core names it.
  it.each(['policy', 'pipeline', 'store', 'episode'])("keeps Slack's threads out of %s/: the thread ref is the notifier's, opaque here", (folder) => {
    const bad = all.filter((f) => relative(SRC, f).startsWith(`${folder}/`) && relative(SRC, f) !== 'pipeline/outside-systems.ts')
      .filter((f) => /(?:from|import\()\s*'(?:@slack\/|\.\.\/notify\/slack-)|reply_broadcast|threadTs/.test(readFileSync(f, 'utf8')))
      .map((f) => relative(SRC, f));
    expect(bad).toEqual([]);
  });

  it.each(['lambda', 'alarms', 'log-watch'])('keeps every file of %s/ under 200 lines (no god files where the handlers are)', (folder) => {
    const long = all.filter((f) => relative(SRC, f).startsWith(`${folder}/`))
      .map((f) => ({ file: relative(SRC, f), lines: readFileSync(f, 'utf8').split('\n').length })).filter((f) => f.lines > 200);
    expect(long).toEqual([]);
  });

  it.each(['history', 'render', 'episode', 'policy'])('keeps %s/ free of AWS and Slack packages', (folder) => {
    const bad = all.filter((f) => relative(SRC, f).startsWith(`${folder}/`))
      .filter((f) => /(?:from|import\()\s*'(?:@aws-sdk\/|@slack\/|aws-lambda)/.test(readFileSync(f, 'utf8')))
      .map((f) => relative(SRC, f));
    expect(bad).toEqual([]);
  });
});
