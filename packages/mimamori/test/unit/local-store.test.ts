// The local-folder store's conditional writes: versions, If-Match / If-None-Match, the per-object lock file (stale
// ones broken), and no lost update between concurrent writers — in one process and from two processes.
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, readdir, utimes, writeFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LocalStore, STALE_LOCK_MS } from '../../src/store/local-store.ts';
import { WriteConflict, type Store } from '../../src/store/store.ts';

const json = { contentType: 'application/json' };

/** Adds 1 to `{ count }` at `key` `times` times, reading again after each WriteConflict. (Also run in child processes.) */
const INCREMENT = `
async function increment(store, key, times, gate = async () => {}) {
  let conflicts = 0;
  for (let i = 0; i < times; i++) {
    for (let tries = 1; ; tries++) {
      const found = await store.getVersioned(key);
      const count = found ? JSON.parse(found.bytes.toString('utf8')).count : 0;
      if (i === 0 && tries === 1) await gate();
      try {
        await store.put(key, JSON.stringify({ count: count + 1 }), { contentType: 'application/json', ...(found ? { ifMatch: found.version } : { ifNoneMatch: '*' }) });
        break;
      } catch (error) {
        if (!(error instanceof WriteConflict) || tries >= 50) throw error;
        conflicts++;
        await new Promise((resolve) => setTimeout(resolve, Math.random() * 3));
      }
    }
  }
  return { conflicts };
}`;
const increment = new Function('WriteConflict', `${INCREMENT}; return increment;`)(WriteConflict) as (
  store: Store, key: string, times: number, gate?: () => Promise<void>,
) => Promise<{ conflicts: number }>;

function barrier(n: number): () => Promise<void> {
  let waiting = 0;
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return () => {
    if (++waiting === n) open();
    return opened;
  };
}

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

let folder: string;
let store: LocalStore;
beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), 'mimamori-local-store-'));
  store = new LocalStore(folder);
});
afterAll(async () => rm(folder, { recursive: true, force: true }));

describe('LocalStore conditional writes', () => {
  it('versions an object by the SHA-256 of its bytes', async () => {
    await store.put('state/v.json', 'one', json);
    expect(await store.getVersioned('state/v.json')).toEqual({ bytes: Buffer.from('one'), version: sha256('one') });
    expect(await store.getVersioned('state/none.json')).toBeUndefined();
  });

  it('ifNoneMatch "*" creates once; a second create is a WriteConflict and changes nothing', async () => {
    await store.put('state/create.json', 'first', { ...json, ifNoneMatch: '*' });
    const second = await store.put('state/create.json', 'second', { ...json, ifNoneMatch: '*' }).catch((e: unknown) => e);
    expect(second).toBeInstanceOf(WriteConflict);
    expect((second as Error).message).toBe(`write of state/create.json to ${folder} failed: it already exists: read it again and retry`);
    expect((await store.get('state/create.json'))!.toString()).toBe('first');
  });

  it('ifMatch with the version read succeeds; a stale version, or an object gone, is a WriteConflict', async () => {
    await store.put('state/match.json', 'v1', json);
    const v1 = (await store.getVersioned('state/match.json'))!;
    await store.put('state/match.json', 'v2', { ...json, ifMatch: v1.version });
    await expect(store.put('state/match.json', 'stale', { ...json, ifMatch: v1.version })).rejects.toThrow(/changed since it was read/);
    expect((await store.get('state/match.json'))!.toString()).toBe('v2');
    await expect(store.put('state/missing.json', 'x', { ...json, ifMatch: v1.version })).rejects.toBeInstanceOf(WriteConflict);
    expect(await store.get('state/missing.json')).toBeUndefined();
  });

  it('leaves no lock or temporary file behind, even after a conflict', async () => {
    expect((await readdir(join(folder, 'state'))).filter((f) => f.endsWith('.lock') || f.endsWith('.tmp'))).toEqual([]);
  });

  it('waits for a lock another writer holds, and writes once it is released', async () => {
    await mkdir(join(folder, 'state'), { recursive: true });
    await writeFile(join(folder, 'state/held.json.lock'), 'someone else');
    let done = false;
    const writing = store.put('state/held.json', 'mine', { ...json, ifNoneMatch: '*' }).then(() => (done = true));
    await sleep(200);
    expect(done).toBe(false);
    await rm(join(folder, 'state/held.json.lock'));
    await writing;
    expect((await store.get('state/held.json'))!.toString()).toBe('mine');
  });

  it(`breaks a lock older than ${STALE_LOCK_MS / 1000} s (its writer died)`, async () => {
    const lock = join(folder, 'state/stale.json.lock');
    await writeFile(lock, 'a writer that died');
    const old = new Date(Date.now() - STALE_LOCK_MS - 1_000);
    await utimes(lock, old, old);
    // Broken, not waited out: a writer that waited for a dead lock would never get it (the test would time out).
    await store.put('state/stale.json', 'written', { ...json, ifNoneMatch: '*' });
    expect(await store.get('state/stale.json')).toEqual(Buffer.from('written'));
    expect((await readdir(join(folder, 'state'))).filter((f) => f.startsWith('stale.json.'))).toEqual([]);
  });

  it('lists neither lock nor temporary files as keys', async () => {
    await writeFile(join(folder, 'state/listed.json.lock'), 'x');
    await writeFile(join(folder, 'state/listed.json.123-ab.tmp'), 'x');
    await writeFile(join(folder, 'state/listed.json'), 'x');
    const { keys } = await store.list('state/');
    expect(keys).toContain('state/listed.json');
    expect(keys.filter((k) => k.startsWith('state/listed.json.'))).toEqual([]);
    await rm(join(folder, 'state/listed.json.lock'));
  });

  it('two concurrent read-modify-write loops in one process (2×10 increments) lose no update', async () => {
    const gate = barrier(2);
    const runs = await Promise.all([increment(store, 'state/counter.json', 10, gate), increment(new LocalStore(folder), 'state/counter.json', 10, gate)]);
    expect(JSON.parse((await store.get('state/counter.json'))!.toString())).toEqual({ count: 20 });
    expect(runs[0].conflicts + runs[1].conflicts).toBeGreaterThan(0);
  });

  it('two processes writing the same folder (2×25 increments) lose no update', async () => {
    const script = join(folder, 'increment.mjs');
    await build({
      stdin: {
        contents: `import { LocalStore } from ${JSON.stringify(new URL('../../src/store/local-store.ts', import.meta.url).pathname)};
import { WriteConflict } from ${JSON.stringify(new URL('../../src/store/store.ts', import.meta.url).pathname)};
${INCREMENT}
const [folder, key, times] = process.argv.slice(2);
// Both processes start their loops at once, whatever each one's start-up took: on "go" from the test.
console.log('ready');
await new Promise((resolve) => process.stdin.once('data', resolve));
console.log(JSON.stringify(await increment(new LocalStore(folder), key, Number(times))));
process.stdin.destroy();`,
        resolveDir: folder,
        loader: 'ts',
      },
      bundle: true,
      platform: 'node',
      format: 'esm',
      outfile: script,
      logLevel: 'silent',
    });
    const children = [0, 1].map(() => {
      const child = spawn(process.execPath, [script, folder, 'state/processes.json', '25'], { stdio: ['pipe', 'pipe', 'inherit'] });
      let stdout = '';
      const ready = new Promise<void>((resolve) => child.stdout.on('data', (d) => (stdout += d).includes('ready') && resolve()));
      const exited = new Promise<string>((resolve, reject) => child.on('close', (code) => (code === 0 ? resolve(stdout) : reject(new Error(`child exited ${code}`)))));
      return { child, ready, exited };
    });
    await Promise.all(children.map((c) => c.ready));
    for (const { child } of children) child.stdin.write('go\n');
    const outputs = await Promise.all(children.map((c) => c.exited));
    expect(JSON.parse((await store.get('state/processes.json'))!.toString())).toEqual({ count: 50 });
    const conflicts = outputs.map((o) => (JSON.parse(o.split('\n')[1]) as { conflicts: number }).conflicts);
    expect(conflicts[0] + conflicts[1]).toBeGreaterThan(0);
  });
});
