// The container's worker process (with its Chromium): started on first use, kept while the container is warm, replaced
// when check code broke it. One per container, shared by a home run and a probe run.
import { fileURLToPath } from 'node:url';
import { WorkerPool } from '../runner/worker-pool.ts';
import { STOP_GRACE_MS } from '../runner/watchdog.ts';

const WORKER_SCRIPT = fileURLToPath(new URL('./worker.js', import.meta.url));

let pool: WorkerPool | undefined;

export function containerPool(reserveMs: number): WorkerPool {
  // Check code that does not stop when told gets half the reserve: the other half stores and alerts (one deadline).
  pool ??= new WorkerPool({ script: WORKER_SCRIPT, size: 1, watchdog: { stopGraceMs: Math.min(STOP_GRACE_MS, Math.round(reserveMs / 2)) } });
  return pool;
}
