// Parses `mimamori mute <check|tag:NAME|all> --for 30m [--reason text] [--by name]`, `mimamori mute --list` and
// `mimamori unmute <check|tag:NAME|all> [--by name]` into options, or a usage error; and their help.
import { parseArgs } from 'node:util';
import { parseMuteDuration } from '../mute/duration.ts';
import { UsageError } from './args.ts';

const WHERE = `Where: the shared store — the S3 bucket when MIMAMORI_S3_BUCKET (or s3.bucket in the config) is set, so the
deployed monitor honours it on its next run, else the local results folder (--out), which local runs read.`;

const COMMON = `  --no-slack       announce nothing, even with SLACK_BOT_TOKEN set
  --out <dir>      the local results folder used when no bucket is set (default mimamori-results)
  --config <file>  config file (default: mimamori.config.ts)
  -h, --help       show this help`;

export const MUTE_USAGE = `Usage: mimamori mute <check | tag:NAME | all> --for <duration> [--reason text] [--by name]
       mimamori mute --list

Silences the alerts of a check, of every check with a tag, or of all checks, until the time is up: they still run
and are recorded, but open no incident and post nothing. The mute ends by itself. Muting a target again replaces its
mute. The channel is told when a mute starts and when it ends (who, why, until when), when SLACK_BOT_TOKEN is set.
${WHERE}

Options:
  --for <duration> how long: 30m, 2h, 1d, 1h30m (at most 7d; longer quiet times are maintenance windows)
  --reason <text>  why, for the channel ("DB restart")
  --by <name>      who mutes (default: git config user.name in the project, else the OS user)
  --list           the mutes in force, and until when
${COMMON}

Exit code: 0 done, 2 usage error or an unknown check or tag, 3 the store or Slack failed.`;

export const UNMUTE_USAGE = `Usage: mimamori unmute <check | tag:NAME | all> [--by name]

Ends a mute before its time: the one set on that check or tag, as it was typed (\`all\`: every mute). The channel is
told, when SLACK_BOT_TOKEN is set. Says so when nothing matched.
${WHERE}

Options:
  --by <name>      who unmutes (default: git config user.name in the project, else the OS user)
${COMMON}

Exit code: 0 done (nothing matching is said, not an error), 2 usage error, 3 the store or Slack failed.`;

interface Common {
  slack: boolean;
  out: string;
  config?: string;
  by?: string;
}
export type MuteOptions =
  | { help: true }
  | (Common & { help: false; list: true })
  | (Common & { help: false; list: false; target: string; durationMs: number; reason?: string });
export type UnmuteOptions = { help: true } | (Common & { help: false; target: string });

const options = {
  by: { type: 'string' }, 'no-slack': { type: 'boolean' }, out: { type: 'string' }, config: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

function parse<O extends Record<string, { type: 'string' | 'boolean'; short?: string }>>(argv: string[], more: O) {
  try {
    return parseArgs({ args: argv, allowPositionals: true, strict: true, options: { ...options, ...more } });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

function common(values: { by?: string; 'no-slack'?: boolean; out?: string; config?: string }): Common {
  for (const flag of ['out', 'config'] as const) if (values[flag] === '') throw new UsageError(`--${flag} needs a path`);
  if (values.by !== undefined && !values.by.trim()) throw new UsageError('--by needs a name');
  return { slack: !values['no-slack'], out: values.out ?? 'mimamori-results', config: values.config, by: values.by?.trim() };
}

function oneTarget(positionals: string[], command: string): string {
  if (positionals.length !== 1 || !positionals[0]) {
    throw new UsageError(positionals.length > 1 ? `Name one target (a check, tag:NAME or all), got ${positionals.length}: quote a name with spaces` : `Name what to ${command}: a check, tag:NAME or all`);
  }
  return positionals[0];
}

export function parseMute(argv: string[]): MuteOptions {
  const { values, positionals } = parse(argv, { for: { type: 'string' }, reason: { type: 'string' }, list: { type: 'boolean' } });
  if (values.help) return { help: true };
  const shared = common(values);
  if (values.list) {
    if (positionals.length || values.for !== undefined || values.reason !== undefined) throw new UsageError('--list takes no target, --for or --reason');
    return { help: false, list: true, ...shared };
  }
  const target = oneTarget(positionals, 'mute');
  if (values.for === undefined) throw new UsageError('--for is required: how long the mute lasts, like 30m, 2h or 1d');
  let durationMs: number;
  try {
    durationMs = parseMuteDuration(values.for);
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const reason = values.reason?.trim() || undefined;
  return { help: false, list: false, ...shared, target, durationMs, ...(reason && { reason }) };
}

export function parseUnmute(argv: string[]): UnmuteOptions {
  const { values, positionals } = parse(argv, {});
  if (values.help) return { help: true };
  return { help: false, ...common(values), target: oneTarget(positionals, 'unmute') };
}
