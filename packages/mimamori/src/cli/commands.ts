// Each `mimamori <command>` and the function that runs it (see COMMANDS in args.ts for what each does). `results`,
// `dashboard`, `digest`, `build` and `deploy` are loaded only when asked for: they load the config or check files in
// this process, which the check run and `validate` never do (both load them in a worker process). `mute` and `unmute`
// are loaded when asked for too (the store and Slack clients), and load the project in a worker as `validate` does.
import { main } from './main.ts';
import { validateMain } from './validate.ts';
import type { Command } from './args.ts';
import { projectLoadTimeoutMs, WORKER_SCRIPT } from './load-project.ts';

/** `mute` and `unmute` load the checks in a worker, as `validate` does: the worker bundle's path is known only here. */
const muteDeps = async () => ({ loadProject: (await import('./mute-project.ts')).workerProjectLoader(WORKER_SCRIPT, () => projectLoadTimeoutMs()) });

export const COMMAND_MAINS: Record<Command, (argv: string[]) => Promise<number>> = {
  init: async (argv) => (await import('./init.ts')).initMain(argv),
  check: (argv) => main(argv),
  validate: (argv) => validateMain(argv),
  results: async (argv) => (await import('./results.ts')).resultsMain(argv),
  dashboard: async (argv) => (await import('./dashboard.ts')).dashboardMain(argv),
  digest: async (argv) => (await import('./digest.ts')).digestMain(argv),
  build: async (argv) => (await import('../build/main.ts')).buildMain(argv),
  deploy: async (argv) => (await import('./deploy.ts')).deployMain(argv),
  mute: async (argv) => (await import('./mute.ts')).muteMain(argv, await muteDeps()),
  unmute: async (argv) => (await import('./mute.ts')).unmuteMain(argv, await muteDeps()),
};

export const isCommand = (word: string | undefined): word is Command => word !== undefined && Object.hasOwn(COMMAND_MAINS, word);
