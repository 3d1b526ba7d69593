// Parses `mimamori check [files | folders | names…] [--grep re] [--tag t] …` (the bare `mimamori …` and `npm run check`
// are the same) into options, or a usage error; and the help of the `mimamori` command as a whole.
import { parseArgs } from 'node:util';

export interface CliOptions {
  targets: string[];
  grep?: RegExp;
  tags: string[];
  workers?: number;
  out: string;
  json?: string;
  junit?: string;
  config?: string;
  /** False with --no-slack: no message is sent even when SLACK_BOT_TOKEN is set. */
  slack: boolean;
  /** --shared-state: read and write the bucket's incident state even when this run sends no alert. */
  sharedState: boolean;
  /** --update-baselines: the visual checks' pictures of this run become their baselines (no visual verdict). */
  updateBaselines: boolean;
  help: boolean;
}

export class UsageError extends Error {
  override name = 'UsageError';
}

/** The commands of `mimamori`, with what each does: its help, and the hint for a first word that is none of them. */
export const COMMANDS = {
  init: 'set mimamori up in this repo: config, an example check, .gitignore lines, scripts (never overwrites)',
  check: 'run journey checks in Chromium (the default: `mimamori [files…]` is `mimamori check [files…]`)',
  validate: 'load the config and every check, and list everything a deploy refuses; runs nothing',
  results: 'recent runs, newest first, with their links',
  dashboard: "an HTML page of every check's status, uptime, incidents and response times",
  digest: 'the daily picture of every check, rendered (and posted to Slack with a token)',
  build: 'bundle the Lambda functions and the Chromium layer, with the SAM template, into .mimamori/build/',
  deploy: 'build, then sam deploy the stack (--dry-run: build and print the command, talk to no AWS service)',
  mute: 'silence the alerts of a check, tag:NAME or all for a while (--for 30m), announced in Slack; --list',
  unmute: 'end a mute before its time',
} as const;

export type Command = keyof typeof COMMANDS;

export const HELP = `Usage: mimamori <command> [arguments] [options]

Commands:
${Object.entries(COMMANDS).map(([name, what]) => `  ${name.padEnd(10)} ${what}`).join('\n')}

\`mimamori <command> --help\` shows a command's arguments and options. Without a command, \`mimamori [files | folders |
check names…] [options]\` runs checks as \`mimamori check\` does; a check, file or folder named like a command is run
with \`mimamori check <name>\`.`;

export const USAGE = `Usage: mimamori check [files | folders | check names…] [options]
       (\`mimamori [files…]\` is the same)

Runs journey checks in Chromium. With no arguments, runs every *.check.ts in checks/. \`mimamori validate\` checks the
config and every check (and what a deploy refuses) without running anything.

Options:
  --grep <regex>   only checks whose name matches
  --tag <tag>      only checks with this tag (repeatable: any of them)
  --workers <n>    checks run at once (default: one per core, at most 4)
  --out <dir>      where screenshots, results.json and report.html go (default: mimamori-results;
                   checked before anything runs)
  --json <file>    also write the results as JSON to this file
  --junit <file>   also write a JUnit XML report to this file
  --config <file>  config file (default: mimamori.config.ts)
  --no-slack       send nothing to Slack, even with SLACK_BOT_TOKEN set
  --shared-state   use the incident state in S3 even when this run sends no alert (a run that
                   alerts always does; without either, state stays in --out, so a try-out never
                   changes the deployed monitor's incidents)
  --update-baselines  record this run's pictures as the visual checks' baselines, on purpose
                   (no visual verdict this run; in S3 with --shared-state or Slack on)
  -h, --help       show this help

Environment:
  BASE_URL            the site under test (overrides baseURL in the config; skips the demo web server)
  MIMAMORI_CHROMIUM   path to a Chrome/Chromium binary to use (default: the Lambda build from
                      @sparticuz/chromium on Linux x64, else an installed Chrome, Chromium or Edge)
  MIMAMORI_S3_BUCKET  also store screenshots and results in this S3 bucket (MIMAMORI_S3_PREFIX, AWS_REGION, …)
  SLACK_BOT_TOKEN     post alerts with the screenshot to Slack (SLACK_CHANNEL, SLACK_API_URL)
  MIMAMORI_AFTER_RUN_TIMEOUT  seconds for storing and alerting after the checks (default 60)
  MIMAMORI_REQUEST_TIMEOUT    seconds for one S3 or Slack request, retries included (default 10)
  MIMAMORI_IMPORT_TIMEOUT     seconds a check or config file's top-level code may wait before it is
                              a bad file (default 20)

Exit code: 0 nothing failed (degraded is a warning), 1 a check failed, 2 usage or definition error,
3 storing (S3, the local copy, the reports in --out) or sending to Slack failed, 130/143 interrupted (SIGINT/SIGTERM).
Ctrl-C once stops the checks (what finished is still stored and alerted), twice stops storing and alerting too.`;

export function parseCli(argv: string[]): CliOptions {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        grep: { type: 'string' },
        tag: { type: 'string', multiple: true },
        workers: { type: 'string' },
        out: { type: 'string' },
        json: { type: 'string' },
        junit: { type: 'string' },
        config: { type: 'string' },
        'no-slack': { type: 'boolean' },
        'shared-state': { type: 'boolean' },
        'update-baselines': { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const { values, positionals } = parsed;
  let grep: RegExp | undefined;
  if (values.grep !== undefined) {
    try {
      grep = new RegExp(values.grep);
    } catch (error) {
      throw new UsageError(`--grep: ${(error as Error).message}`);
    }
  }
  let workers: number | undefined;
  if (values.workers !== undefined) {
    workers = Number(values.workers);
    if (!Number.isInteger(workers) || workers < 1 || workers > 64) throw new UsageError(`--workers must be a whole number from 1 to 64, got '${values.workers}'`);
  }
  for (const flag of ['out', 'json', 'junit', 'config'] as const) {
    if (values[flag] === '') throw new UsageError(`--${flag} needs a path`);
  }
  return {
    targets: positionals,
    grep,
    tags: values.tag ?? [],
    workers,
    out: values.out ?? 'mimamori-results',
    json: values.json,
    junit: values.junit,
    config: values.config,
    slack: !values['no-slack'],
    sharedState: values['shared-state'] ?? false,
    updateBaselines: values['update-baselines'] ?? false,
    help: values.help ?? false,
  };
}
