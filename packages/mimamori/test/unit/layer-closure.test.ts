// The layer's packages are found as Node finds them, through pnpm's links too: a package's dependencies sit beside its
// real folder (node_modules/.pnpm/<name>@<version>/node_modules/), not beside the link the project sees.
import { mkdir, mkdtemp, realpath, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { closure } from '../../src/build/layer.ts';

async function pkg(dir: string, name: string, dependencies: Record<string, string> = {}): Promise<void> {
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, 'package.json'), JSON.stringify({ name, version: '1.0.0', dependencies }));
}

describe('the layer packages', () => {
  it("follow pnpm's links: a dependency only beside the real folder is found", async () => {
    const root = await realpath(await mkdtemp(join(tmpdir(), 'mimamori-pnpm-')));
    const store = join(root, 'node_modules/.pnpm');
    await pkg(join(store, 'browser@1.0.0/node_modules/browser'), 'browser', { inflate: '1.0.0' });
    await pkg(join(store, 'inflate@1.0.0/node_modules/inflate'), 'inflate');
    // pnpm: the dependency is linked beside the real package, and only the direct dependency is linked for the project.
    await symlink(join(store, 'inflate@1.0.0/node_modules/inflate'), join(store, 'browser@1.0.0/node_modules/inflate'));
    await mkdir(join(root, 'app/node_modules'), { recursive: true });
    await symlink(join(store, 'browser@1.0.0/node_modules/browser'), join(root, 'app/node_modules/browser'));
    const found = await closure(['browser'], join(root, 'app'));
    expect([...found]).toEqual([
      ['browser', join(store, 'browser@1.0.0/node_modules/browser')],
      ['inflate', join(store, 'inflate@1.0.0/node_modules/inflate')],
    ]);
  });
});
