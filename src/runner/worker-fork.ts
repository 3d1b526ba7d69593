// Forks a worker process, with a temporary folder of its own for Chromium's profile.
import { fork, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WORKER_TMP_ENV } from './worker-protocol.ts';

export interface ForkedWorker {
  child: ChildProcess;
  /** The worker's own temporary folder (Chromium's profile), removed when it ends. */
  tmp?: string;
}

export function forkWorker(script: string, env: NodeJS.ProcessEnv = process.env): ForkedWorker {
  let tmp: string | undefined;
  try {
    tmp = mkdtempSync(join(tmpdir(), 'mimamori-worker-'));
  } catch {
    // No temporary folder of its own (a full disk?): Chromium's profile goes to the system's, as Playwright does.
  }
  // execArgv [] : the host's own flags (a test runner's loaders) are not the worker's. Its stdout and stderr are piped:
  // check code's console.log reaches the host's output only through the host's redactor (see WorkerHost).
  const child = fork(script, [], {
    serialization: 'advanced', execArgv: [], env: tmp ? { ...env, [WORKER_TMP_ENV]: tmp } : env, stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  return { child, tmp };
}

/**
 * Removes a worker's temporary folder — the host when the worker ends, the worker itself when its host is gone.
 * Never throws (a Chromium helper may still be writing into it).
 */
export function removeWorkerTmp(tmp: string | undefined): void {
  if (!tmp) return;
  try {
    rmSync(tmp, { recursive: true, force: true, maxRetries: 3 });
  } catch {
    // Left in the system's temporary folder; harmless, and better than failing the run.
  }
}
