// Process entry for the CLI bundle: `results` or the check run; source-mapped stacks (errors point at .check.ts lines).
import { main } from './main.ts';
import { resultsMain } from './results.ts';
import { buildMain } from './build.ts';

process.setSourceMapsEnabled(true);
const [command, ...rest] = process.argv.slice(2);
const commands: Record<string, (argv: string[]) => Promise<number>> = { results: resultsMain, build: buildMain };
(commands[command] ? commands[command](rest) : main(process.argv.slice(2))).then(
  (code) => {
    process.exitCode = code;
  },
  (error: Error) => {
    process.stderr.write(`mimamori: ${error.stack ?? error.message}\n`);
    process.exitCode = 2;
  },
);
