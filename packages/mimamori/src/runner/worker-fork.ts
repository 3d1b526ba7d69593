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
 * execArgv []: the host's own flags (a test runner's loaders) are not the child's. Its output is piped, so it reaches
 * the host's only through the pool (its redactor); structured clone ('advanced') carries Buffers and Dates as they are.
 */
export function forkChild(script: string, env: NodeJS.ProcessEnv): ChildProcess {
  const watched = process.platform !== 'win32';
  const child = fork(script, [], {
    serialization: 'advanced',
    execArgv: [],
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
