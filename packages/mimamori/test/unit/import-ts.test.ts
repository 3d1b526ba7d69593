// Compiling check files: the 'mimamori' import resolves anywhere, edits are picked up, errors name the file and line.
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importTs } from '../../src/check/import-ts.ts';
import { TIMED_OUT, withinWaiting } from '../../src/check/import-timeout.ts';

const scratch = () => mkdtemp(join(tmpdir(), 'mimamori-import-'));

describe('importTs', () => {
  it("resolves 'mimamori' from a file outside the project", async () => {
    const file = join(await scratch(), 'outside.check.ts');
    await writeFile(file, "import { defineCheck, expect } from 'mimamori';\nexport default defineCheck({ name: 'x', run() {} });\nexport const hasExpect = typeof expect;\n");
    const { module, problems } = await importTs(file);
    expect(problems).toEqual([]);
    expect((module!.default as { name: string }).name).toBe('x');
    expect(module!.hasExpect).toBe('function');
  });

  it("imports the project's own packages from where the check file is, not from where mimamori is installed", async () => {
    // A monorepo's app folder: a package installed only beside the checks (mimamori itself hoisted elsewhere).
    const app = await scratch();
    await mkdir(join(app, 'node_modules/only-in-app'), { recursive: true });
    await writeFile(join(app, 'node_modules/only-in-app/package.json'), '{ "name": "only-in-app", "type": "module", "exports": "./index.js" }\n');
    await writeFile(join(app, 'node_modules/only-in-app/index.js'), "export const where = 'app';\n");
    const file = join(app, 'uses-app-package.check.ts');
    await writeFile(file, "import { where } from 'only-in-app';\nexport default where;\n");
    const { module, problems } = await importTs(file);
    expect(problems).toEqual([]);
    expect(module!.default).toBe('app');
  });

  it('names a package the check file imports that is not installed, as a problem of that file', async () => {
    const file = join(await scratch(), 'missing-package.check.ts');
    await writeFile(file, "import { x } from 'no-such-package-anywhere';\nexport default x;\n");
    const { module, problems } = await importTs(file, 'checks/missing-package.check.ts');
    expect(module).toBeUndefined();
    expect(problems[0]).toMatchObject({ file: 'checks/missing-package.check.ts' });
    expect(problems[0].message).toContain('no-such-package-anywhere');
  });

  it('picks up an edit to the file and to a file it imports', async () => {
    const dir = await scratch();
    const file = join(dir, 'edit.check.ts');
    const helper = join(dir, 'helper.ts');
    await writeFile(helper, 'export const who = "first";\n');
    await writeFile(file, "import { who } from './helper.ts';\nexport default who;\n");
    expect((await importTs(file)).module!.default).toBe('first');
    expect((await importTs(file)).module!.default).toBe('first'); // served from the cache
    await writeFile(helper, 'export const who = "second, longer";\n');
    expect((await importTs(file)).module!.default).toBe('second, longer');
    await writeFile(file, "import { who } from './helper.ts';\nexport default who + '!';\n");
    expect((await importTs(file)).module!.default).toBe('second, longer!');
  });

  it('reports a compile error with the label, line and source text', async () => {
    const file = join(await scratch(), 'broken.check.ts');
    await writeFile(file, 'export default {\n  name: "b",\n  run() { return (1 + ; }\n};\n');
    const { module, problems } = await importTs(file, 'checks/broken.check.ts');
    expect(module).toBeUndefined();
    expect(problems).toHaveLength(1);
    expect(problems[0].file).toBe('checks/broken.check.ts');
    expect(problems[0].message).toMatch(/^does not compile: .*broken\.check\.ts:3:\d+: run\(\) \{ return \(1 \+ ; \}\)$/);
  });

  it('reports a file that throws while importing', async () => {
    const file = join(await scratch(), 'throws.check.ts');
    await writeFile(file, "throw new TypeError('no config');\n");
    const { problems } = await importTs(file, 'throws.check.ts');
    expect(problems).toEqual([{ file: 'throws.check.ts', message: 'failed to import: TypeError: no config' }]);
  });

  it('gives up on a file whose top-level code never finishes, naming it and the limit', async () => {
    const file = join(await scratch(), 'hangs.check.ts');
    await writeFile(file, 'await new Promise(() => {});\nexport default 1;\n');
    const { module, problems } = await importTs(file, 'checks/hangs.check.ts', { timeoutMs: 200 });
    expect(module).toBeUndefined();
    expect(problems).toEqual([{ file: 'checks/hangs.check.ts', message: expect.stringMatching(/^top-level code did not finish within 0\.2 s \(.*MIMAMORI_IMPORT_TIMEOUT/) }]);
  });
});

// The import limit counts time spent waiting, so a file slow to load on a busy machine is never mistaken for a hang.
describe('withinWaiting', () => {
  const later = <T>(value: T) => new Promise<T>((resolve) => setTimeout(() => resolve(value), 100));

  it('never gives up while the loop is busy (computing), however long that takes', async () => {
    expect(await withinWaiting(later('module'), 10, () => 0)).toBe('module');
  });

  it('gives up once the loop has waited the limit', async () => {
    let waited = 0;
    expect(await withinWaiting(new Promise(() => {}), 10, () => (waited += 5))).toBe(TIMED_OUT);
  });

  it('keeps what settles first', async () => {
    await expect(withinWaiting(Promise.reject(new Error('thrown at the top level')), 10, () => 0)).rejects.toThrow('thrown at the top level');
  });
});
