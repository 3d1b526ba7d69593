// Process entry for the CLI bundle: `results`, `dashboard`, `digest`, `build` or the check run; source-mapped stacks.
// `results`, `dashboard`, `digest` and `build` are loaded only when asked for: they load the config or check files in
// this process, which the check run itself never does.
import { main } from './main.ts';

process.setSourceMapsEnabled(true);
const [command, ...rest] = process.argv.slice(2);
const commands: Record<string, (argv: string[]) => Promise<number>> = {
  results: async (argv) => (await import('./results.ts')).resultsMain(argv),
  dashboard: async (argv) => (await import('./dashboard.ts')).dashboardMain(argv),
  digest: async (argv) => (await import('./digest.ts')).digestMain(argv),
  build: async (argv) => (await import('../build/main.ts')).buildMain(argv),
};
(commands[command!] ? commands[command!]!(rest) : main(process.argv.slice(2))).then(
  (code) => {
    process.exitCode = code;
  },
  (error: Error) => {
    process.stderr.write(`mimamori: ${error.stack ?? error.message}\n`);
    process.exitCode = 2;
  },
);
