// Starts the config's webServer (like Playwright's) before the run, waits for its URL, and stops it after.
import { spawn } from 'node:child_process';
import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import type { WebServerConfig } from '../check/types.ts';

export class WebServerError extends Error {
  override name = 'WebServerError';
}

export interface RunningServer {
  /** False when an already running server was reused. */
  started: boolean;
  stop(): Promise<void>;
  /** Kills it at once, for a process that is about to exit. */
  kill(): void;
}

async function answers(url: string): Promise<boolean> {
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(1_000), redirect: 'manual' });
    await res.body?.cancel();
    return res.status < 500;
  } catch {
    return false;
  }
}

export async function startWebServer(config: WebServerConfig, cwd: string): Promise<RunningServer> {
  // As Playwright: a server already answering is used only when asked (reuseExistingServer: true); by default it is an
  // error, so a stale server left on the port is never tested by mistake.
  if (await answers(config.url)) {
    if (config.reuseExistingServer) return { started: false, stop: async () => {}, kill: () => {} };
    throw new WebServerError(`webServer: ${config.url} is already answering, before \`${config.command}\` was started: stop what runs there, or set webServer.reuseExistingServer: true to test it as it is`);
  }

  // Its own process group, so stopping it also stops whatever the command started (npm → node, …).
  // `cwd`: the config's folder; a relative webServer.cwd is taken from there, as every path in the config is.
  const dir = resolve(cwd, config.cwd ?? '.');
  // Without this, spawn's ENOENT for a missing folder would be an unhandled 'error' event: a crash with a stack.
  if (!statSync(dir, { throwIfNoEntry: false })?.isDirectory()) throw new WebServerError(`webServer.cwd: ${dir} is not a folder (a relative one is taken from the config's folder)`);
  const child = spawn(config.command, { cwd: dir, shell: true, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const keep = (chunk: Buffer) => (output = (output + chunk.toString()).slice(-2_000));
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  let exited: number | null | undefined;
  child.on('exit', (code) => (exited = code));

  const stop = async () => {
    if (exited !== undefined || child.pid === undefined) return;
    const gone = new Promise((r) => child.once('exit', r));
    try {
      process.kill(-child.pid, 'SIGTERM');
    } catch {
      return;
    }
    const killer = setTimeout(() => {
      try { process.kill(-child.pid!, 'SIGKILL'); } catch { /* already gone */ }
    }, 3_000);
    await gone;
    clearTimeout(killer);
  };

  const timeout = config.timeout ?? 30_000;
  const until = Date.now() + timeout;
  while (Date.now() < until) {
    if (exited !== undefined) {
      throw new WebServerError(`webServer command \`${config.command}\` exited with code ${exited} before ${config.url} answered.\n${output.trim()}`);
    }
    const kill = () => {
      try { process.kill(-child.pid!, 'SIGKILL'); } catch { /* already gone */ }
    };
    if (await answers(config.url)) return { started: true, stop, kill };
    await new Promise((r) => setTimeout(r, 50));
  }
  await stop();
  throw new WebServerError(`webServer: ${config.url} did not answer within ${timeout} ms after \`${config.command}\`.\n${output.trim()}`);
}
