// How init finds the package manager and TypeScript, and names the stack: precedence and the forms it prints.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { detectPackageManager, detectTypeScript, execCommand } from '../../src/cli/package-manager.ts';
import { stackNameFor } from '../../src/cli/init.ts';

const folder = (...files: string[]) => {
  const dir = mkdtempSync(join(tmpdir(), 'mimamori-pm-'));
  for (const f of files) writeFileSync(join(dir, f), '');
  return dir;
};

describe('detectPackageManager', () => {
  it('reads the lockfile, one per manager, and defaults to npm without one', () => {
    expect(detectPackageManager(folder('package-lock.json'), {})).toMatchObject({ name: 'npm', lockfile: 'package-lock.json' });
    expect(detectPackageManager(folder('pnpm-lock.yaml'), {})).toMatchObject({ name: 'pnpm', source: 'pnpm-lock.yaml' });
    expect(detectPackageManager(folder('yarn.lock'), {})).toMatchObject({ name: 'yarn' });
    expect(detectPackageManager(folder('bun.lock'), {}).name).toBe('bun');
    expect(detectPackageManager(folder('bun.lockb'), {}).name).toBe('bun');
    expect(detectPackageManager(folder(), {})).toEqual({ name: 'npm', source: 'default: no lockfile, no packageManager field' });
  });

  it('lets packageManager in package.json win over a lockfile, and ignores a name it does not know', () => {
    expect(detectPackageManager(folder('package-lock.json'), { packageManager: 'pnpm@9.12.0+sha512.abc' }))
      .toMatchObject({ name: 'pnpm', source: 'packageManager in package.json', version: '9.12.0', lockfile: undefined });
    expect(detectPackageManager(folder('yarn.lock'), { packageManager: 'deno@2.0.0' }).name).toBe('yarn');
  });
});

describe('detectTypeScript', () => {
  it('finds tsconfig.json or a typescript dependency, and nothing in a plain JavaScript repo', () => {
    expect(detectTypeScript(folder('tsconfig.json'), {})).toBe('tsconfig.json');
    expect(detectTypeScript(folder(), { devDependencies: { typescript: '5.9.3' } })).toBe('typescript in devDependencies');
    expect(detectTypeScript(folder('jsconfig.json'), { dependencies: { react: '19' } })).toBeUndefined();
  });
});

it('runs a local bin in each manager\'s own form', () => {
  expect(['npm', 'pnpm', 'yarn', 'bun'].map((pm) => execCommand(pm as 'npm', 'mimamori check')))
    .toEqual(['npx mimamori check', 'pnpm exec mimamori check', 'yarn mimamori check', 'bunx mimamori check']);
});

it('names the stack from the package name as CloudFormation allows: letters, digits, hyphens, at most 128', () => {
  expect(stackNameFor('@acme/Shop_Web.app')).toBe('mimamori-acme-shop-web-app');
  expect(stackNameFor('日本語')).toBe('mimamori-app');
  const long = stackNameFor('x'.repeat(200));
  expect(long).toHaveLength(128);
  expect(long).toMatch(/^[a-z][a-z0-9-]*[a-z0-9]$/);
});
