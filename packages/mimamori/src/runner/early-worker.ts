// The first worker of a check run, forked by the launcher before the CLI bundle is even loaded: its Node start, its
// Playwright import and its Chromium launch overlap the host's own start (≈ 0.1 s of a run; docs/performance.md). The
// pool adopts it as its first worker when it would have started the same process (same script, same environment);
// otherwise, or when the run ends without needing it, it is killed with its temporary folder. Until adopted it holds
// nothing open: a run that stops at a usage error exits at once.
import type { ChildProcess } from 'node:child_process';
import { forkChild } from './worker-fork.ts';
import { killTree } from './process-host.ts';
import { removeWorkerTmp, workerEnv } from './worker-env.ts';

interface Early {
  child: ChildProcess;
  script: string;
  /** The environment the pool must ask for to get this worker (the host's when it was forked). */
  from: NodeJS.ProcessEnv;
  env: NodeJS.ProcessEnv;
  tmp?: string;
}

let early: Early | undefined;

/** Handles the early child holds in this process (its IPC channel, its pipes), referenced or not. */
function handles(child: ChildProcess): { ref(): void; unref(): void }[] {
  const channel = (child as ChildProcess & { channel?: { ref(): void; unref(): void } }).channel;
  return [child, ...(channel ? [channel] : []), ...[child.stdout, child.stderr].filter((s) => s !== null).map((s) => s as unknown as { ref(): void; unref(): void })];
}

/** Killed with its Chromium (which it launches as it starts), then its folder removed. */
function discard(e: Early): void {
  killTree(e.child);
  removeWorkerTmp(e.tmp);
}

/**
 * Forks the first worker now (once) and returns it. Never throws: without it, the pool forks its first worker as it
 * always did.
 */
export function startEarlyWorker(script: string, from: NodeJS.ProcessEnv = process.env): ChildProcess | undefined {
  if (early) return early.child;
  try {
    const snapshot = { ...from };
    const { env, tmp } = workerEnv(snapshot);
    const child = forkChild(script, env);
    child.on('error', () => {}); // a fork that failed is noticed when the pool looks (exitCode), not as a crash here
    for (const h of handles(child)) h.unref();
    early = { child, script, from: snapshot, env, tmp };
    process.once('exit', () => {
      if (early) discard(early);
    });
    return child;
  } catch {
    early = undefined;
    return undefined;
  }
}

const sameEnv = (a: NodeJS.ProcessEnv, b: NodeJS.ProcessEnv) => {
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((k) => a[k] === b[k]);
};

/**
 * The early worker, for a pool about to fork `script` with `from` — once, and only while it still runs and was forked
 * the same way; referenced again, like any worker. Undefined otherwise (a mismatch discards it).
 */
export function takeEarlyWorker(script: string, from: NodeJS.ProcessEnv): { child: ChildProcess; env: NodeJS.ProcessEnv; tmp?: string } | undefined {
  const e = early;
  if (!e) return undefined;
  early = undefined;
  const running = e.child.pid !== undefined && e.child.exitCode === null && e.child.signalCode === null;
  if (!running || e.script !== script || !sameEnv(e.from, from)) {
    discard(e);
    return undefined;
  }
  for (const h of handles(e.child)) h.ref();
  return { child: e.child, env: e.env, ...(e.tmp && { tmp: e.tmp }) };
}
