// The CLI's worker entry (what `mimamori check` forks), from dist/ (test/global-setup.ts built it): for tests that drive a WorkerPool.
import { join } from 'node:path';
import { ROOT } from './cli.ts';

export async function workerScript(): Promise<string> {
  return join(ROOT, 'dist/worker.mjs');
}
