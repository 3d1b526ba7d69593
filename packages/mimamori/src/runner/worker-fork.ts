// How a worker process is forked: the one set of options, for the pool's workers and for the one the launcher starts
// early (early-worker.ts).
import { fork, type ChildProcess } from 'node:child_process';

/**
 * execArgv []: the host's own flags (a test runner's loaders) are not the child's. Its output is piped, so it reaches
 * the host's only through the pool (its redactor); structured clone ('advanced') carries Buffers and Dates as they are.
 */
export function forkChild(script: string, env: NodeJS.ProcessEnv): ChildProcess {
  return fork(script, [], { serialization: 'advanced', execArgv: [], env, stdio: ['ignore', 'pipe', 'pipe', 'ipc'] });
}
