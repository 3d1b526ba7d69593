// `mimamori deploy`: builds the project into .mimamori/build/ (the bundles, the layer, the package's template and the
// watch stack from the config) and runs `sam deploy` on it, with the stack, region, capabilities, parameters and tags
// from the flags and the config's deploy section. --dry-run does all but the AWS part and prints the exact command.
// Nothing is built or sent while the SAM CLI or credentials are missing: one message says what to install or set.
import { spawn as spawnChild } from 'node:child_process';
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { isAbsolute, join, relative } from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig } from '../check/load.ts';
import { stopCompiler } from '../check/import-ts.ts';
import { DEFAULT_BUILD_DIR, runBuild } from '../build/main.ts';
import { problemsReport } from '../build/problems.ts';
import { TEMPLATE_FILE } from '../build/stack-files.ts';
import { findAwsCredentials, findOnPath, SAM_INSTALL_URL } from './deploy-prerequisites.ts';
import { commandLine, deploySettings, samDeployArgs } from './sam-deploy-command.ts';

export const DEPLOY_USAGE = `Usage: mimamori deploy [--dry-run] [--guided] [--stack-name name] [--region region] [--profile profile] [--config file]

Validates and builds the project into ${DEFAULT_BUILD_DIR}/ (the Lambda bundles, the Chromium layer, mimamori's SAM
template and the watch stack from the config), then runs \`sam deploy\` on it. The stack name, region, profile, S3
bucket, template parameters and tags come from the config's deploy section; the flags win over it, and it wins over
AWS_REGION and AWS_PROFILE.

Needs the AWS SAM CLI (\`sam\` on PATH: ${SAM_INSTALL_URL})
and AWS credentials (AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, a profile, SSO, a web identity or container credentials).
On Windows, run it in WSL (the SAM CLI's sam.cmd is not started from here).

Options:
  --dry-run            build and print the exact \`sam deploy\` command; talk to no AWS service (needs neither)
  --guided             let sam ask for every setting (the first deploy); its answers go to .mimamori/samconfig.toml,
                       which later deploys read (the flags and the config still win)
  --stack-name <name>  the CloudFormation stack (default: deploy.stackName)
  --region <region>    e.g. ap-northeast-1 (default: deploy.region, else AWS_REGION)
  --profile <profile>  an AWS profile (default: deploy.profile, else AWS_PROFILE)
  --config <file>      config file (default: mimamori.config.ts)
  -h, --help           show this help

Exit code: sam deploy's own; 2 a usage, config or build problem, or no SAM CLI or credentials (nothing sent).`;

interface Output {
  write(text: string): unknown;
}

/** Runs `command` with the terminal (sam may ask questions, and shows its progress), resolving its exit code. */
export type Spawn = (command: string, args: string[], options: { cwd: string; env: NodeJS.ProcessEnv }) => Promise<number>;

export interface DeployIo {
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  /** Where ~/.aws is looked for. */
  home?: string;
  stdout?: Output;
  stderr?: Output;
  /** Finds an executable on PATH (default: a PATH walk over `env`). */
  which?: (name: string) => string | undefined;
  spawn?: Spawn;
}

const spawnInherited: Spawn = (command, args, options) => new Promise((resolve) => {
  const child = spawnChild(command, args, { ...options, stdio: 'inherit' });
  child.on('error', (error) => {
    process.stderr.write(`mimamori: could not run ${command}: ${error.message}\n`);
    resolve(2);
  });
  child.on('exit', (code, signal) => resolve(code ?? (signal === 'SIGINT' ? 130 : 1)));
});

/** Where --guided saves sam's answers: under .mimamori/ (kept out of git), outside the build folder a build empties. */
export const SAMCONFIG_FILE = '.mimamori/samconfig.toml';

export async function deployMain(argv: string[], io: DeployIo = {}): Promise<number> {
  const { cwd = process.cwd(), env = process.env, home = homedir(), stdout = process.stdout, stderr = process.stderr } = io;
  const which = io.which ?? ((name: string) => findOnPath(name, env));
  let values;
  try {
    ({ values } = parseArgs({
      args: argv, strict: true,
      options: {
        'dry-run': { type: 'boolean' }, guided: { type: 'boolean' }, 'stack-name': { type: 'string' }, region: { type: 'string' },
        profile: { type: 'string' }, config: { type: 'string' }, help: { type: 'boolean', short: 'h' },
      },
    }));
    if (values.config === '') throw new Error('--config needs a path');
  } catch (error) {
    stderr.write(`${(error as Error).message}\n\n${DEPLOY_USAGE}\n`);
    return 2;
  }
  if (values.help) return stdout.write(`${DEPLOY_USAGE}\n`), 0;
  const dryRun = values['dry-run'] ?? false;

  // The config first: its deploy section says where to deploy, before anything is built.
  const { config, problems } = await loadConfig(cwd, values.config).finally(stopCompiler);
  if (problems.length) {
    stderr.write(`${problemsReport('Not deployed', problems)}\n`);
    return 2;
  }
  const settings = deploySettings({ stackName: values['stack-name'], region: values.region, profile: values.profile, guided: values.guided }, config.deploy, env);
  if ('error' in settings) {
    stderr.write(`Not deployed: ${settings.error}\n`);
    return 2;
  }

  // What a real deploy needs, all of it at once — and none of it for a dry run.
  let sam = 'sam';
  if (!dryRun) {
    const found = which('sam');
    const credentials = findAwsCredentials(settings.profile, env, home);
    const missing = [
      ...(found ? [] : [`the AWS SAM CLI: \`sam\` is not on PATH. Install it (${SAM_INSTALL_URL}) and run this again.`]),
      ...('missing' in credentials ? [`AWS credentials: ${credentials.missing}.`] : []),
    ];
    if (missing.length) {
      stderr.write(`Not deployed: mimamori deploy needs ${missing.length === 1 ? missing[0] : `\n${missing.map((m) => `  - ${m}`).join('\n')}`}\n`
        + 'Nothing was built or sent. `mimamori deploy --dry-run` builds and prints the sam deploy command without either.\n');
      return 2;
    }
    sam = found!;
    if ('found' in credentials) stdout.write(`AWS credentials: ${credentials.found}\n`);
  }

  const out = join(cwd, DEFAULT_BUILD_DIR);
  const built = await runBuild({ cwd, out, configPath: values.config, stdout, stderr });
  if (built !== 0) return built;

  const path = (file: string) => (relative(cwd, file).startsWith('..') || isAbsolute(relative(cwd, file)) ? file : relative(cwd, file));
  const samconfig = join(cwd, SAMCONFIG_FILE);
  const args = samDeployArgs(settings, path(join(out, TEMPLATE_FILE)), settings.guided || existsSync(samconfig) ? samconfig : undefined);
  if (dryRun) {
    stdout.write(`Dry run: built ${DEFAULT_BUILD_DIR}/ (template.yaml, watches.json, the bundles and the layer); nothing was sent to AWS. To deploy, run:\n`);
    stdout.write(`${commandLine(['sam', ...args])}\n`);
    return 0;
  }
  stdout.write(`Running: ${commandLine(['sam', ...args])}\n`);
  return (io.spawn ?? spawnInherited)(sam, args, { cwd, env });
}
