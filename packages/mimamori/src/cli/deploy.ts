// `mimamori deploy`: builds the project into .mimamori/build/ (the bundles, the layer, the package's template and the
// watch stack from the config) and runs `sam deploy` on it, with the stack, region, capabilities, parameters and tags
// from the flags and the config's deploy section. --dry-run does all but the AWS part and prints the exact command.
// Nothing is built or sent while the SAM CLI or credentials are missing: one message says what to install or set.
// With probe regions (the checks' confirmFrom), the home stack's bucket is read from its outputs after it deploys, and
// probe.yaml is deployed to each region (docs/probes.md).
import { spawn as spawnChild } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { isAbsolute, join, relative } from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig } from '../check/load.ts';
import { stopCompiler } from '../check/import-ts.ts';
import { DEFAULT_BUILD_DIR, runBuild } from '../build/main.ts';
import { problemsReport } from '../build/problems.ts';
import { PROBE_TEMPLATE_FILE, TEMPLATE_FILE } from '../build/stack-files.ts';
import { probeRegionProblems, probeRegions, probeStackName } from '../build/probe-regions.ts';
import { displayPath } from '../check/display-path.ts';
import { findAwsCredentials, findOnPath, SAM_INSTALL_URL } from './deploy-prerequisites.ts';
import {
  commandLine, deploySettings, guidedAnswers, HOME_BUCKET_OUTPUT, HOME_BUCKET_PLACEHOLDER, homeBucketFromOutputs, samDeployArgs, samProbeDeployArgs,
  samStackOutputsArgs, type DeploySettings,
} from './sam-deploy-command.ts';

export const DEPLOY_USAGE = `Usage: mimamori deploy [--dry-run] [--guided] [--stack-name name] [--region region] [--profile profile] [--config file]

Validates and builds the project into ${DEFAULT_BUILD_DIR}/ (the Lambda bundles, the Chromium layer, mimamori's SAM
template and the watch stack from the config), then runs \`sam deploy\` on it. The stack name, region, profile, S3
bucket, template parameters and tags come from the config's deploy section; the flags win over it, and it wins over
AWS_REGION and AWS_PROFILE.

When the checks confirm failures from probe regions (confirmFrom), it then reads the stack's ${HOME_BUCKET_OUTPUT}
(\`sam list stack-outputs\`) and deploys the probe stack (${PROBE_TEMPLATE_FILE}, stack <stack name>-probe) to each of those
regions. A confirmFrom that names the home region is refused before anything is sent.

Needs the AWS SAM CLI (\`sam\` on PATH: ${SAM_INSTALL_URL})
and AWS credentials (AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, a profile, SSO, a web identity or container credentials).
On Windows, run it in WSL (the SAM CLI's sam.cmd is not started from here).

Options:
  --dry-run            build and print the exact \`sam\` commands; talk to no AWS service (needs neither)
  --guided             let sam ask for every setting (the first deploy); its answers go to .mimamori/samconfig.toml,
                       which later deploys read (the flags and the config still win)
  --stack-name <name>  the CloudFormation stack (default: deploy.stackName)
  --region <region>    e.g. ap-northeast-1 (default: deploy.region, else AWS_REGION)
  --profile <profile>  an AWS profile (default: deploy.profile, else AWS_PROFILE)
  --config <file>      config file (default: mimamori.config.ts)
  -h, --help           show this help

Exit code: sam deploy's own (the first that failed, probe stacks included); 2 a usage, config or build problem, or no
SAM CLI or credentials (nothing sent).`;

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
  /** Runs `command` with its stdout captured (sam list stack-outputs); stdin and stderr stay the terminal's. */
  capture?: Capture;
}

/** Runs `command` keeping its stdout, resolving its exit code and that output. */
export type Capture = (command: string, args: string[], options: { cwd: string; env: NodeJS.ProcessEnv }) => Promise<{ code: number; stdout: string }>;

/** Runs `command` with the terminal's stdin and stderr; its stdout the terminal's too, or kept and given back. */
const run = (command: string, args: string[], options: { cwd: string; env: NodeJS.ProcessEnv }, keep: boolean) => new Promise<{ code: number; stdout: string }>((resolve) => {
  const child = spawnChild(command, args, { ...options, stdio: ['inherit', keep ? 'pipe' : 'inherit', 'inherit'] });
  let stdout = '';
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.on('error', (error) => {
    process.stderr.write(`mimamori: could not run ${command}: ${error.message}\n`);
    resolve({ code: 2, stdout });
  });
  // 'close': a kept stdout has been read to its end.
  child.on('close', (code, signal) => resolve({ code: code ?? (signal === 'SIGINT' ? 130 : 1), stdout }));
});
const spawnInherited: Spawn = async (command, args, options) => (await run(command, args, options, false)).code;
const spawnCaptured: Capture = (command, args, options) => run(command, args, options, true);

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
  const { config, file: configPath, problems } = await loadConfig(cwd, values.config).finally(stopCompiler);
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
  // The probe regions are the loaded checks' (the config's defaults resolved into each): known once the build loads them.
  let regions: string[] = [];
  const configFile = configPath ? displayPath(configPath, cwd) : 'the config';
  const refuse = (checks: Parameters<typeof probeRegions>[0]) => {
    regions = probeRegions(checks);
    return probeRegionProblems(checks, { region: settings.region, stackName: settings.stackName, regionRequired: true, configFile });
  };
  const built = await runBuild({ cwd, out, configPath: values.config, stdout, stderr, refuse });
  if (built !== 0) return built;

  const path = (file: string) => (relative(cwd, file).startsWith('..') || isAbsolute(relative(cwd, file)) ? file : relative(cwd, file));
  const samconfig = join(cwd, SAMCONFIG_FILE);
  const args = samDeployArgs(settings, path(join(out, TEMPLATE_FILE)), settings.guided || existsSync(samconfig) ? samconfig : undefined);
  const probes = regions.length ? { regions, settings: settings as DeploySettings & { region: string }, templateFile: path(join(out, PROBE_TEMPLATE_FILE)) } : undefined;
  if (dryRun) {
    stdout.write(`Dry run: built ${DEFAULT_BUILD_DIR}/ (template.yaml, ${probes ? 'probe.yaml, ' : ''}watches.json, the bundles and the layer); nothing was sent to AWS. To deploy, run:\n`);
    stdout.write(`${commandLine(['sam', ...args])}\n`);
    if (probes) {
      stdout.write(`# then the probe stacks (confirmFrom), ${HOME_BUCKET_PLACEHOLDER} being the stack's output that prints:\n`);
      stdout.write(`${commandLine(['sam', ...samStackOutputsArgs(settings)])}\n`);
      for (const region of regions) stdout.write(`${commandLine(['sam', ...samProbeDeployArgs(probes.settings, region, probes.templateFile, HOME_BUCKET_PLACEHOLDER)])}\n`);
    }
    return 0;
  }
  const spawn = io.spawn ?? spawnInherited;
  stdout.write(`Running: ${commandLine(['sam', ...args])}\n`);
  const deployed = await spawn(sam, args, { cwd, env });
  if (deployed !== 0 || !probes) return deployed;
  if (settings.guided && existsSync(samconfig)) {
    // A stack name or region typed at sam's prompts: the probe stacks follow the home stack sam deployed.
    const answered = guidedAnswers(readFileSync(samconfig, 'utf8'));
    const home = { stackName: answered.stackName ?? probes.settings.stackName, region: answered.region ?? probes.settings.region };
    if (home.stackName !== probes.settings.stackName || home.region !== probes.settings.region) {
      stdout.write(`sam deployed ${home.stackName} in ${home.region} (your answers): the probe stacks follow it.\n`);
      if (probes.regions.includes(home.region)) {
        stderr.write(`Probe stacks not deployed: confirmFrom names ${home.region}, the home region you chose. Drop it from confirmFrom and run mimamori deploy again.\n`);
        return 2;
      }
      probes.settings = { ...probes.settings, ...home };
    }
  }
  return deployProbes(probes, { sam, cwd, env, stdout, stderr, spawn, capture: io.capture ?? spawnCaptured });
}

interface ProbeDeploy {
  regions: string[];
  settings: DeploySettings & { region: string };
  templateFile: string;
}

/**
 * After the home stack: its bucket's name from its outputs, then probe.yaml to each region in turn (sam's progress stays
 * readable). A region that fails does not stop the others; the exit code is the first failure's, and the regions are
 * named. The deploy is safe to repeat: an unchanged probe stack is no failure.
 */
async function deployProbes(
  probes: ProbeDeploy,
  io: { sam: string; cwd: string; env: NodeJS.ProcessEnv; stdout: Output; stderr: Output; spawn: Spawn; capture: Capture },
): Promise<number> {
  const { sam, cwd, env, stdout, stderr } = io;
  const list = samStackOutputsArgs(probes.settings);
  stdout.write(`Running: ${commandLine(['sam', ...list])}\n`);
  const outputs = await io.capture(sam, list, { cwd, env });
  const read = outputs.code === 0 ? homeBucketFromOutputs(outputs.stdout) : { error: `it exited ${outputs.code}` };
  if ('error' in read) {
    stderr.write(`Probe stacks not deployed (${probes.regions.join(', ')}): reading the stack's ${HOME_BUCKET_OUTPUT} failed: ${read.error}. `
      + 'The home stack is deployed; run mimamori deploy again.\n');
    return outputs.code || 1;
  }
  const failed: { region: string; code: number }[] = [];
  for (const region of probes.regions) {
    const args = samProbeDeployArgs(probes.settings, region, probes.templateFile, read.bucket, read.shared);
    stdout.write(`Running: ${commandLine(['sam', ...args])}\n`);
    const code = await io.spawn(sam, args, { cwd, env });
    if (code !== 0) failed.push({ region, code });
  }
  if (failed.length) {
    const deployed = probes.regions.filter((r) => !failed.some((f) => f.region === r));
    stderr.write(`Probe stack not deployed in ${failed.map((f) => `${f.region} (sam deploy exited ${f.code})`).join(', ')}`
      + `${deployed.length ? `; deployed in ${deployed.join(', ')}` : ''}. Until it is, a failure there is "did not answer" (never a guess); run mimamori deploy again.\n`);
    return failed[0]!.code;
  }
  stdout.write(`Probe stacks deployed: ${probes.regions.map((r) => `${probeStackName(probes.settings.stackName)} in ${r}`).join(', ')}\n`);
  return 0;
}
