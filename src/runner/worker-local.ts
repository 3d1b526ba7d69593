// Entry of the worker process `npm run check` forks (bundled to node_modules/.cache/mimamori/worker.mjs).
import { localChecks } from './local-checks.ts';
import { startWorker } from './worker-main.ts';

startWorker(localChecks());
