// What a worker process is started with: the host's environment without its credentials, and a temporary folder of
// its own for Chromium's profile (removed when the worker ends, killed or not).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HOST_CREDENTIALS } from '../result/redact.ts';
import { WORKER_TMP_ENV } from './worker-protocol.ts';

export interface WorkerEnv {
  env: NodeJS.ProcessEnv;
  /** The worker's own temporary folder (Chromium's profile), removed when it ends. */
  tmp?: string;
}

export function workerEnv(env: NodeJS.ProcessEnv = process.env): WorkerEnv {
  let tmp: string | undefined;
  try {
    tmp = mkdtempSync(join(tmpdir(), 'mimamori-worker-'));
  } catch {
    // No temporary folder of its own (a full disk?): Chromium's profile goes to the system's, as Playwright does.
  }
  const own = withoutHostCredentials(env);
  return { env: tmp ? { ...own, [WORKER_TMP_ENV]: tmp } : own, tmp };
}

/**
 * The host's own credentials (S3, the Slack token) are not the check's: a journey never needs them, and check code that
 * prints its environment must not find them. Declared secrets reach the worker on their own (.env, or per attempt).
 */
function withoutHostCredentials(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const own = { ...env };
  for (const name of HOST_CREDENTIALS) delete own[name];
  return own;
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
