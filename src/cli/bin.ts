// Process entry for the CLI bundle: source-mapped stacks (so errors point at .check.ts lines) and the exit code.
import { main } from './main.ts';

process.setSourceMapsEnabled(true);
main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: Error) => {
    process.stderr.write(`mimamori: ${error.stack ?? error.message}\n`);
    process.exitCode = 2;
  },
);
