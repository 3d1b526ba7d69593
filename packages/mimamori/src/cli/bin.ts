// Process entry for the CLI bundle: `mimamori <command>` — init, check, validate, results, dashboard, digest, build,
// deploy (see COMMANDS in args.ts, and commands.ts for what runs each) — or, without a command, the check run
// (`mimamori [files…]`); source-mapped stacks.
import { main } from './main.ts';
import { COMMAND_MAINS, isCommand } from './commands.ts';

process.setSourceMapsEnabled(true);
const [command, ...rest] = process.argv.slice(2);
(isCommand(command) ? COMMAND_MAINS[command](rest) : main(process.argv.slice(2), { bare: true })).then(
  (code) => {
    process.exitCode = code;
  },
  (error: Error) => {
    process.stderr.write(`mimamori: ${error.stack ?? error.message}\n`);
    process.exitCode = 2;
  },
);
