// The `sam deploy` command `mimamori deploy` runs, composed from its flags, the config's deploy section and the
// environment — in that order of precedence — as an argv (what is spawned) and as one shell line (what --dry-run prints);
// with probe regions (confirmFrom), the `sam list stack-outputs` that reads the home bucket's name and the `sam deploy`
// of probe.yaml to each region. Pure: no file, no process.
import type { DeployConfig } from '../check/types.ts';
import { REGION, STACK_NAME } from '../check/deploy-config.ts';
import { probeStackName } from '../build/probe-regions.ts';

export interface DeployFlags {
  stackName?: string;
  region?: string;
  profile?: string;
  guided?: boolean;
}

export interface DeploySettings {
  stackName: string;
  region?: string;
  profile?: string;
  s3Bucket?: string;
  parameters: Record<string, string>;
  tags: Record<string, string>;
  guided: boolean;
}

/** Nested applications (the Watches stack) need CAPABILITY_AUTO_EXPAND; the functions' roles CAPABILITY_IAM. */
export const CAPABILITIES = ['CAPABILITY_IAM', 'CAPABILITY_AUTO_EXPAND'];

/**
 * Flags win over the config, the config over AWS_REGION / AWS_DEFAULT_REGION and AWS_PROFILE. A stack name is
 * required (from --stack-name or deploy.stackName); a bad flag value is refused here, as the config's are when loaded.
 */
export function deploySettings(flags: DeployFlags, config: DeployConfig = {}, env: NodeJS.ProcessEnv = {}): DeploySettings | { error: string } {
  if (flags.stackName !== undefined && !STACK_NAME.test(flags.stackName)) {
    return { error: `--stack-name must be a CloudFormation stack name (a letter, then letters, digits and -, at most 128 characters), got ${JSON.stringify(flags.stackName)}` };
  }
  if (flags.region !== undefined && !REGION.test(flags.region)) return { error: `--region must be an AWS region like 'ap-northeast-1', got ${JSON.stringify(flags.region)}` };
  if (flags.profile === '') return { error: '--profile needs a profile name' };
  const stackName = flags.stackName ?? config.stackName;
  if (!stackName) {
    return { error: 'No stack name: set deploy.stackName in the config (e.g. deploy: { stackName: \'mimamori-prod\' }) or pass --stack-name <name>.' };
  }
  return {
    stackName,
    region: flags.region ?? config.region ?? (env.AWS_REGION || env.AWS_DEFAULT_REGION || undefined),
    profile: flags.profile ?? config.profile ?? (env.AWS_PROFILE || undefined),
    s3Bucket: config.s3Bucket,
    parameters: Object.fromEntries(Object.entries(config.parameters ?? {}).map(([k, v]) => [k, String(v)])),
    tags: { ...config.tags },
    guided: flags.guided ?? false,
  };
}

/** `Key=Value` as SAM parses it: a value with a space, quote or backslash is double-quoted, its " and \ escaped. */
const pair = ([key, value]: [string, string]) => `${key}=${/[\s"'\\]/.test(value) || value === '' ? `"${value.replace(/["\\]/g, '\\$&')}"` : value}`;

/**
 * The arguments after `sam`: the built template, the stack, where it goes, what it may create, and the parameters and
 * tags. An unchanged stack is no failure (--no-fail-on-empty-changeset): a deploy is safe to repeat. `samconfigFile`:
 * where --guided saves its answers (and a later deploy reads them; flags given here still win).
 */
export function samDeployArgs(settings: DeploySettings, templateFile: string, samconfigFile?: string): string[] {
  const params = Object.entries(settings.parameters);
  const tags = Object.entries(settings.tags);
  return [
    'deploy',
    '--template-file', templateFile,
    '--stack-name', settings.stackName,
    ...(settings.region ? ['--region', settings.region] : []),
    ...(settings.profile ? ['--profile', settings.profile] : []),
    '--capabilities', ...CAPABILITIES,
    ...(settings.s3Bucket ? ['--s3-bucket', settings.s3Bucket] : ['--resolve-s3']),
    ...(params.length ? ['--parameter-overrides', ...params.map(pair)] : []),
    ...(tags.length ? ['--tags', ...tags.map(pair)] : []),
    '--no-fail-on-empty-changeset',
    ...(samconfigFile ? ['--config-file', samconfigFile] : []),
    ...(settings.guided ? ['--guided'] : []),
  ];
}

/**
 * The home template's parameters probe.yaml declares too (same constraints and defaults): the config's values for them
 * go to every probe stack, so a probe writes under the same prefix, reads the same secrets and runs as long.
 */
export const PROBE_SHARED_PARAMETERS = ['EvidencePrefix', 'SecretsPrefix', 'RunnerMemorySize', 'RunnerTimeoutSeconds', 'MaxConcurrentChecks', 'LogRetentionDays'] as const;

/**
 * The stack and region `sam deploy --guided` saved in its samconfig.toml (`[default.deploy.parameters]`): what was typed
 * at its prompts, which may not be what it was offered. The probe stacks follow the home stack sam really deployed.
 */
export function guidedAnswers(toml: string): { stackName?: string; region?: string } {
  const answers: { stackName?: string; region?: string } = {};
  let section = '';
  for (const line of toml.split(/\r?\n/)) {
    const header = /^\s*\[([^\]]+)\]\s*$/.exec(line);
    if (header) section = header[1]!.trim();
    const pair = section === 'default.deploy.parameters' && /^\s*(stack_name|region)\s*=\s*"((?:[^"\\]|\\.)*)"/.exec(line);
    if (!pair) continue;
    const value = pair[2]!.replace(/\\(.)/g, '$1');
    if (pair[1] === 'stack_name') answers.stackName = value;
    else answers.region = value;
  }
  return answers;
}

/** The home stack's output a probe stack needs: where to write its answers. */
export const HOME_BUCKET_OUTPUT = 'EvidenceBucketName';

/** What a dry run prints for the bucket the home stack's outputs name (it is not known before the stack exists). */
export const HOME_BUCKET_PLACEHOLDER = `<${HOME_BUCKET_OUTPUT}>`;

/** `sam list stack-outputs` of the home stack, as JSON on stdout: [{ OutputKey, OutputValue, Description }]. */
export function samStackOutputsArgs(settings: DeploySettings): string[] {
  return [
    'list', 'stack-outputs',
    '--stack-name', settings.stackName,
    ...(settings.region ? ['--region', settings.region] : []),
    ...(settings.profile ? ['--profile', settings.profile] : []),
    '--output', 'json',
  ];
}

/** The home bucket's name from `sam list stack-outputs --output json`, or why it is not there. */
export function homeBucketFromOutputs(stdout: string): { bucket: string; shared: Record<string, string> } | { error: string } {
  let outputs: unknown;
  try {
    outputs = JSON.parse(stdout);
  } catch {
    return { error: `its output is not JSON: ${JSON.stringify(stdout.slice(0, 200))}` };
  }
  const value = (key: string) => {
    const found = Array.isArray(outputs) ? outputs.find((o) => o?.OutputKey === key) : undefined;
    return typeof found?.OutputValue === 'string' ? found.OutputValue : undefined;
  };
  const bucket = value(HOME_BUCKET_OUTPUT);
  if (!bucket) return { error: `the stack has no output ${HOME_BUCKET_OUTPUT}` };
  // The prefixes the home stack really runs with (ProbeParameters, `EvidencePrefix=prod/;SecretsPrefix=/m/`): they may
  // come from samconfig or an earlier deploy rather than the config, and a probe must write and read where home does.
  // A stack deployed before the output existed has none: the config's values are used, as before.
  const shared = Object.fromEntries((value(PROBE_PARAMETERS_OUTPUT) ?? '').split(';').flatMap((part: string): [string, string][] => {
    const at = part.indexOf('=');
    const name = part.slice(0, at);
    return at > 0 && (PROBE_SHARED_PARAMETERS as readonly string[]).includes(name) ? [[name, part.slice(at + 1)]] : [];
  }));
  return { bucket, shared };
}

/** The home stack's output of the parameters its probe stacks must share. */
export const PROBE_PARAMETERS_OUTPUT = 'ProbeParameters';

/**
 * The arguments after `sam` that deploy probe.yaml to `probeRegion` as <stack>-probe, told the home stack, region and
 * bucket. Its own S3 staging bucket (--resolve-s3: Lambda takes code only from a bucket in its region; deploy.s3Bucket
 * is the home region's), no nested stack (CAPABILITY_IAM alone), never --guided nor the home stack's samconfig.
 */
export function samProbeDeployArgs(settings: DeploySettings & { region: string }, probeRegion: string, templateFile: string, homeBucket: string, fromStack: Record<string, string> = {}): string[] {
  const parameters = { ...settings.parameters, ...fromStack };
  const shared = PROBE_SHARED_PARAMETERS.flatMap((name) => (name in parameters ? [[name, parameters[name]!] as [string, string]] : []));
  const tags = Object.entries(settings.tags);
  return [
    'deploy',
    '--template-file', templateFile,
    '--stack-name', probeStackName(settings.stackName),
    '--region', probeRegion,
    ...(settings.profile ? ['--profile', settings.profile] : []),
    '--capabilities', 'CAPABILITY_IAM',
    '--resolve-s3',
    '--parameter-overrides',
    ...([['HomeStackName', settings.stackName], ['HomeRegion', settings.region], ['HomeBucket', homeBucket], ...shared] as [string, string][]).map(pair),
    ...(tags.length ? ['--tags', ...tags.map(pair)] : []),
    '--no-fail-on-empty-changeset',
  ];
}

/** One argument as a POSIX shell reads it back: bare when it is safe, else single-quoted (' as '\''). */
export const shellQuote = (arg: string): string => (/^[A-Za-z0-9_@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`);

/** The command line to copy and paste. */
export const commandLine = (argv: string[]): string => argv.map(shellQuote).join(' ');
