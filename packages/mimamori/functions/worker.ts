// Lambda: the worker process the runner forks. The checks are compiled in here, and only here: the runner process that
// stores and alerts never runs check code. It keeps its Chromium while the container is warm.
import { registry } from 'virtual:mimamori-checks';
import { startWorker } from '../src/runner/worker-main.ts';
import { registryChecks } from '../src/lambda/registry-source.ts';

/** With --single-process a finished check's context is left in place; a fresh browser after this many runs bounds memory. */
const BROWSER_RUNS = 25;

startWorker(registryChecks(registry), { browserRuns: BROWSER_RUNS });
