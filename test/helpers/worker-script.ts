// The CLI bundle's worker entry (what `npm run check` forks), built if src/ changed: for tests that drive a WorkerPool.
import { dirname, join } from 'node:path';
// @ts-expect-error plain JavaScript module without types
import { ensureBundle } from '../../bin/bundle.mjs';

export async function workerScript(): Promise<string> {
  return join(dirname(await ensureBundle() as string), 'worker.mjs');
}
