// How a worker process is forked: the one set of options, for the pool's workers and for the one the launcher starts
// early (early-worker.ts).
import { fork, type ChildProcess } from 'node:child_process';
import type { Socket } from 'node:net';

/**
 * The worker's end of the host pipe: a socket the host never writes and never closes while the worker runs, so it
 * reaches end-of-file exactly when the host is gone — however it died (orphan-watch.ts). Named to the worker in
 * HOST_PIPE_ENV. Not on Windows, where the worker watches its parent with a thread instead.
 */
export const HOST_PIPE_FD = 4;
export const HOST_PIPE_ENV = 'MIMAMORI_HOST_PIPE';

/**
 * The worker's own Node flags (the host's — a test runner's loaders — are not the child's). Young generation capped at
 * 8 MB semi-spaces, half of V8's default: the bare Playwright script's stays within that on the bench journeys, while
 * a worker's (check compile, IPC) grew to ≈ 21 MB, 5–6 MB of a `--workers 1` run's peak, for no time measurable.
 */
export const WORKER_EXEC_ARGV = ['--max-semi-space-size=8'];

/**
 * Its output is piped, so it reaches the host's only through the pool (its redactor); structured clone ('advanced')
 * carries Buffers and Dates as they are.
 */
export function forkChild(script: string, env: NodeJS.ProcessEnv): ChildProcess {
  const watched = process.platform !== 'win32';
  const child = fork(script, [], {
    serialization: 'advanced',
    execArgv: WORKER_EXEC_ARGV,
    env: watched ? { ...env, [HOST_PIPE_ENV]: String(HOST_PIPE_FD) } : env,
    // libuv makes a 'pipe' a socketpair whose host end is close-on-exec: no other process the host starts holds it.
    stdio: ['ignore', 'pipe', 'pipe', 'ipc', ...(watched ? ['pipe' as const] : [])],
  });
  const hostPipe = child.stdio[HOST_PIPE_FD] as Socket | null | undefined;
  if (hostPipe) {
    // It keeps no event loop alive; closed when the worker has exited, so its watcher leaves too.
    hostPipe.unref();
    hostPipe.on('error', () => {});
    child.once('exit', () => hostPipe.destroy());
  }
  return child;
}
