// Process entry for the CLI bundle: `mimamori <command>` — init, check, validate, results, dashboard, digest, build,
// deploy (see COMMANDS in args.ts) — or, without a command, the check run (`mimamori [files…]`); source-mapped stacks.
// `results`, `dashboard`, `digest`, `build` and `deploy` are loaded only when asked for: they load the config or check files in
// this process, which the check run and `validate` never do (both load them in a worker process).
import { main } from './main.ts';
import { validateMain } from './validate.ts';
import type { Command } from './args.ts';

process.setSourceMapsEnabled(true);
const [command, ...rest] = process.argv.slice(2);
const commands: Record<Command, (argv: string[]) => Promise<number>> = {
  init: async (argv) => (await import('./init.ts')).initMain(argv),
  check: (argv) => main(argv),
  validate: (argv) => validateMain(argv),
  results: async (argv) => (await import('./results.ts')).resultsMain(argv),
  dashboard: async (argv) => (await import('./dashboard.ts')).dashboardMain(argv),
  digest: async (argv) => (await import('./digest.ts')).digestMain(argv),
  build: async (argv) => (await import('../build/main.ts')).buildMain(argv),
  deploy: async (argv) => (await import('./deploy.ts')).deployMain(argv),
};
const isCommand = (word: string | undefined): word is Command => word !== undefined && Object.hasOwn(commands, word);
(isCommand(command) ? commands[command](rest) : main(process.argv.slice(2), { bare: true })).then(
  (code) => {
    process.exitCode = code;
  },
  (error: Error) => {
    process.stderr.write(`mimamori: ${error.stack ?? error.message}\n`);
    process.exitCode = 2;
  },
);
