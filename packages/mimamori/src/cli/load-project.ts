// What the check run and `validate` share to load a project the run's way — in a worker process, never in this one: the
// worker bundle's path and how long the load may take. Imported statically from bin.ts's side only: `import.meta.url`
// is the host entry's (cli.mjs) only while this file is bundled into it, not into a chunk loaded later.
import { fileURLToPath } from 'node:url';
import { importTimeoutMs } from '../check/import-timeout.ts';
import { LOAD_TIMEOUT_MS } from '../runner/worker-host.ts';

/** The worker bundle, built beside this one by bin/mimamori.js. */
export const WORKER_SCRIPT = fileURLToPath(new URL('./worker.mjs', import.meta.url));

/**
 * The worker applies the import limit (MIMAMORI_IMPORT_TIMEOUT) to each file; the load as a whole gets room for the
 * config and the checks. A bad MIMAMORI_IMPORT_TIMEOUT is a RangeError naming it.
 */
export function projectLoadTimeoutMs(env: NodeJS.ProcessEnv = process.env): number {
  return Math.max(LOAD_TIMEOUT_MS, 2 * importTimeoutMs(env) + 20_000);
}
