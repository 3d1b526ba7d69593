// Entry of the worker process `npm run check` forks (built to dist/worker.mjs).
import { localChecks } from './local-checks.ts';
import { startWorker } from './worker-main.ts';

startWorker(localChecks());
