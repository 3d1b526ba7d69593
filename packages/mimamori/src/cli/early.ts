// The launcher's first step (bin/mimamori.js imports this small bundle before the CLI's): for a command that runs
// checks, fork the first worker now, so its start overlaps the host's (src/runner/early-worker.ts). Loads nothing else.
import { fileURLToPath } from 'node:url';
import { startEarlyWorker } from '../runner/early-worker.ts';

/** The commands that run no checks (COMMANDS in args.ts but `check`; a test keeps the two lists in step). */
export const NO_CHECK_COMMANDS = ['init', 'validate', 'results', 'dashboard', 'digest', 'build', 'deploy', 'mute', 'unmute'];

/** Whether `mimamori <argv>` runs checks: `check`, or the bare form, without --help. */
export function runsChecks(argv: readonly string[]): boolean {
  const first = argv[0];
  if (first !== undefined && NO_CHECK_COMMANDS.includes(first)) return false;
  return !argv.some((a) => a === '--help' || a === '-h');
}

/** Starts the first worker when `argv` runs checks. The worker bundle sits beside this one (dist/worker.mjs). */
export function startEarly(argv: readonly string[]): void {
  if (runsChecks(argv)) startEarlyWorker(fileURLToPath(new URL('./worker.mjs', import.meta.url)));
}
