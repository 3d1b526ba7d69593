// A worker whose host is killed outright (SIGKILL) while check code blocks its event loop still ends, with its
// Chromium (a process group of its own) and its temporary folder (src/runner/orphan-watch.ts): by the shell watching
// the host pipe, or by the thread where there is no shell. A worker that ends on its own leaves no watcher behind.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/cli.ts';

let dir: string;
const bundle = (name: string) => join(dir, `${name}.mjs`);
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'mimamori-orphan-watch-'));
  // The fixtures import src/ (TypeScript): bundled once, packages left as imports.
  await build({
    entryPoints: ['watched-host', 'watched-worker'].map((n) => join(ROOT, `test/fixtures/workers/${n}.ts`)),
    bundle: true, platform: 'node', format: 'esm', outdir: dir, outExtension: { '.js': '.mjs' }, logLevel: 'error',
  });
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Report { how: string; worker: number; browser: number; watchers: number[]; pipeEnv: string | null }

/** Running, and not a zombie (nobody may reap an orphan here). */
function alive(pid: number): boolean {
  try {
    return readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.[0] !== 'Z';
  } catch {
    return false;
  }
}

/** Waits (up to 20 s) until none of `pids` runs; returns those still running. */
async function gone(pids: number[]): Promise<number[]> {
  for (let i = 0; i < 200 && pids.some(alive); i++) await new Promise((r) => setTimeout(r, 100));
  return pids.filter(alive);
}

function startHost(env: Record<string, string>): { host: ChildProcess; tmp: string; report: Promise<Report>; exited: Promise<unknown> } {
  const tmp = mkdtempSync(join(tmpdir(), 'mimamori-worker-'));
  const host = spawn(process.execPath, [bundle('watched-host'), bundle('watched-worker')], {
    env: { ...process.env, MIMAMORI_WORKER_TMP: tmp, ...env }, stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const report = new Promise<Report>((resolve) => host.on('message', (m: Report & { exited?: unknown }) => m.exited === undefined && resolve(m)));
  const exited = new Promise((resolve) => host.on('message', (m: { exited?: unknown }) => m.exited !== undefined && resolve(m.exited)));
  return { host, tmp, report, exited };
}

describe('a worker whose host is killed outright while its event loop is blocked', () => {
  it.runIf(process.platform !== 'win32')('is ended by a shell watching the host pipe, with its own process group and its folder', async () => {
    const { host, tmp, report } = startHost({});
    const r = await report;
    expect(r.how).toBe('shell');
    expect(r.pipeEnv).toBeNull(); // not passed on to Chromium or check code
    expect(r.watchers).toHaveLength(1);
    expect([r.worker, r.browser, ...r.watchers].every(alive)).toBe(true);
    host.kill('SIGKILL');
    expect(await gone([r.worker, r.browser, ...r.watchers])).toEqual([]);
    expect(existsSync(tmp)).toBe(false);
  });

  it('is ended by the watch thread where there is no shell', async () => {
    const { host, tmp, report } = startHost({ WATCH_SHELL: '/nonexistent/sh' });
    const r = await report;
    expect(r.how).toBe('thread');
    expect(r.watchers).toEqual([]);
    host.kill('SIGKILL');
    expect(await gone([r.worker, r.browser])).toEqual([]);
    expect(existsSync(tmp)).toBe(false);
  });
});

describe('a worker that ends on its own', () => {
  it.runIf(process.platform !== 'win32')('leaves no watcher behind while its host runs on', async () => {
    const { host, tmp, report, exited } = startHost({ WATCHED_WORKER: 'exit' });
    const r = await report;
    expect(r.how).toBe('shell');
    expect(await exited).toEqual({ code: 0, signal: null });
    expect(await gone(r.watchers)).toEqual([]);
    expect(alive(host.pid!)).toBe(true);
    // Its folder was the host's to remove (as the pool does): the watcher did not act for a worker that ended first.
    expect(existsSync(join(tmp, 'profile'))).toBe(true);
    host.kill('SIGKILL');
    rmSync(tmp, { recursive: true, force: true });
  });
});
