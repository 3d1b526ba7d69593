// `mimamori deploy`, in-process with its cwd, environment, home, output, PATH lookup and spawn injected: the build into
// .mimamori/build/, the exact `sam deploy` command from the config and the flags (--dry-run prints it; a fake sam gets
// it), and the refusals when the SAM CLI or credentials are missing — with nothing built or sent. No AWS is needed.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { deployMain, type DeployIo, type Spawn } from '../../src/cli/deploy.ts';
import { watchStackText } from '../../src/build/watch-stack.ts';
import { commandLine } from '../../src/cli/sam-deploy-command.ts';
import { ROOT } from '../helpers/cli.ts';

const CONFIG = `export default {
  baseURL: 'http://127.0.0.1:9',
  logWatches: [{ name: 'api-errors', logGroups: ['/aws/lambda/api'], pattern: /ERROR|Unhandled/ }],
  deploy: {
    stackName: 'shop-monitor',
    region: 'ap-northeast-1',
    parameters: { SlackChannel: 'C0123456789', RunnerTimeoutSeconds: 180 },
    tags: { team: 'web shop' },
  },
};
`;
const WATCHES = { logWatches: [{ name: 'api-errors', logGroups: ['/aws/lambda/api'], pattern: /ERROR|Unhandled/ }] };
const CHECK = "import { defineCheck } from 'mimamori';\nexport default defineCheck({ name: 'home', schedule: 'rate(5 minutes)', async run({ page }) { await page.goto('/'); } });\n";
const KEYS = { AWS_ACCESS_KEY_ID: 'AKIAEXAMPLE', AWS_SECRET_ACCESS_KEY: 'not-a-real-secret' };

let project: string;
let home: string;

async function newProject(config: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'mimamori-deploy-'));
  await mkdir(join(dir, 'checks'));
  await writeFile(join(dir, 'checks/home.check.ts'), CHECK);
  await writeFile(join(dir, 'mimamori.config.ts'), config);
  return dir;
}

/** deployMain with captured output; spawning or looking for sam fails the test unless `io` allows it. */
async function deploy(argv: string[], io: DeployIo = {}) {
  let stdout = '';
  let stderr = '';
  const spawned: Parameters<Spawn>[] = [];
  const code = await deployMain(argv, {
    cwd: project, env: {}, home,
    which: () => { throw new Error('looked for sam'); },
    spawn: async (...args) => { spawned.push(args); throw new Error('spawned'); },
    ...io,
    stdout: { write: (t: string) => (stdout += t) }, stderr: { write: (t: string) => (stderr += t) },
  });
  return { code, stdout, stderr, spawned, lastLine: stdout.trimEnd().split('\n').at(-1)! };
}

const built = (file: string) => join(project, '.mimamori/build', file);

beforeAll(async () => {
  project = await newProject(CONFIG);
  home = await mkdtemp(join(tmpdir(), 'mimamori-home-'));
});

describe('mimamori deploy', () => {
  let dryRunCommand: string;

  it('--dry-run builds everything a deploy needs into .mimamori/build/ and prints the exact sam deploy command from the config, needing neither sam nor credentials', async () => {
    const run = await deploy(['--dry-run']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    for (const file of ['runner/runner.js', 'runner/worker.js', 'dispatcher/dispatcher.js', 'alarms/alarms.js', 'log-watch/log-watch.js', 'layer/nodejs/node_modules/playwright-core/package.json', 'layer/fonts']) {
      expect(existsSync(built(file)), file).toBe(true);
    }
    // The package's template, and the watch stack generated from this config.
    expect(readFileSync(built('template.yaml'), 'utf8')).toBe(readFileSync(join(ROOT, 'template.yaml'), 'utf8'));
    expect(readFileSync(built('watches.json'), 'utf8')).toBe(watchStackText(WATCHES));
    expect(run.lastLine).toBe("sam deploy --template-file .mimamori/build/template.yaml --stack-name shop-monitor --region ap-northeast-1 "
      + "--capabilities CAPABILITY_IAM CAPABILITY_AUTO_EXPAND --resolve-s3 --parameter-overrides SlackChannel=C0123456789 RunnerTimeoutSeconds=180 "
      + `--tags 'team="web shop"' --no-fail-on-empty-changeset`);
    expect(run.stdout).toContain('nothing was sent to AWS');
    expect(run.spawned).toEqual([]);
    dryRunCommand = run.lastLine;
  }, 120_000);

  // cfn-lint (with the SAM translator) is on the development machine image; elsewhere this is skipped.
  const hasCfnLint = spawnSync('cfn-lint', ['--version']).status === 0;
  it.skipIf(!hasCfnLint)('writes a template that passes cfn-lint with its watch stack beside it', () => {
    const lint = spawnSync('cfn-lint', ['--', built('template.yaml')], { encoding: 'utf8' });
    expect(lint.stdout + lint.stderr).toBe('');
    expect(lint.status).toBe(0);
  }, 120_000);

  it('with a SAM CLI and credentials, runs sam with exactly the dry run\'s arguments in the project, and returns its exit code', async () => {
    const calls: Parameters<Spawn>[] = [];
    const run = await deploy([], { env: KEYS, which: (name) => (name === 'sam' ? '/opt/sam/bin/sam' : undefined), spawn: async (...args) => (calls.push(args), 7) });
    expect(run.code).toBe(7);
    expect(calls).toHaveLength(1);
    const [command, args, options] = calls[0]!;
    expect(command).toBe('/opt/sam/bin/sam');
    expect(commandLine(['sam', ...args])).toBe(dryRunCommand);
    expect(options.cwd).toBe(project);
    expect(options.env).toBe(KEYS);
    expect(run.stdout).toContain('AWS credentials: AWS_ACCESS_KEY_ID in the environment');
    expect(run.stdout).toContain(`Running: ${dryRunCommand}`);
  }, 120_000);

  it('takes --stack-name, --region and --profile over the config; --guided keeps sam\'s answers in .mimamori/samconfig.toml', async () => {
    const run = await deploy(['--dry-run', '--guided', '--stack-name', 'shop-monitor-staging', '--region', 'eu-west-1', '--profile', 'staging']);
    expect(run.code).toBe(0);
    expect(run.lastLine).toBe("sam deploy --template-file .mimamori/build/template.yaml --stack-name shop-monitor-staging --region eu-west-1 --profile staging "
      + "--capabilities CAPABILITY_IAM CAPABILITY_AUTO_EXPAND --resolve-s3 --parameter-overrides SlackChannel=C0123456789 RunnerTimeoutSeconds=180 "
      + `--tags 'team="web shop"' --no-fail-on-empty-changeset --config-file ${join(project, '.mimamori/samconfig.toml')} --guided`);
  }, 120_000);

  it('without the SAM CLI says what to install, and builds and sends nothing', async () => {
    project = await newProject(CONFIG);
    const run = await deploy([], { env: KEYS, which: () => undefined });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('Not deployed: mimamori deploy needs the AWS SAM CLI: `sam` is not on PATH. Install it (https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/install-sam-cli.html)');
    expect(run.stderr).toContain('Nothing was built or sent. `mimamori deploy --dry-run`');
    expect(run.spawned).toEqual([]);
    expect(existsSync(join(project, '.mimamori'))).toBe(false);
  });

  it('without credentials says what to set, and builds and sends nothing; a profile that is not configured is named', async () => {
    const run = await deploy([], { which: () => '/opt/sam/bin/sam' });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('Not deployed: mimamori deploy needs AWS credentials: none found: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or configure a profile');
    expect(run.spawned).toEqual([]);
    const profile = await deploy(['--profile', 'prod'], { env: KEYS, which: () => '/opt/sam/bin/sam' });
    expect(profile.code).toBe(2);
    expect(profile.stderr).toContain("AWS credentials: the profile 'prod' is in neither");
    expect(existsSync(join(project, '.mimamori'))).toBe(false);
  });

  it('without a stack name names deploy.stackName and --stack-name; a bad deploy section is a config problem', async () => {
    project = await newProject("export default { baseURL: 'http://127.0.0.1:9' };\n");
    const run = await deploy(['--dry-run']);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe("Not deployed: No stack name: set deploy.stackName in the config (e.g. deploy: { stackName: 'mimamori-prod' }) or pass --stack-name <name>.\n");
    project = await newProject("export default { deploy: { stackName: 'shop', parameters: { SlackChanel: 'C01' } } };\n");
    const typo = await deploy(['--dry-run']);
    expect(typo.code).toBe(2);
    expect(typo.stderr).toContain('mimamori.config.ts › deploy.parameters.SlackChanel: is not a parameter of template.yaml');
    expect(existsSync(join(project, '.mimamori'))).toBe(false);
  });
});

// A project whose failures are confirmed from two probe regions: the config's default and one check's own.
const PROBED_CONFIG = `export default {
  baseURL: 'http://127.0.0.1:9',
  defaults: { confirmFrom: ['us-west-2'] },
  deploy: {
    stackName: 'shop-monitor',
    region: 'ap-northeast-1',
    parameters: { SlackChannel: 'C0123456789', RunnerTimeoutSeconds: 180, EvidencePrefix: 'prod/' },
  },
};
`;
const PROBED_CHECK = "import { defineCheck } from 'mimamori';\nexport default defineCheck({ name: 'cart', confirmFrom: ['eu-west-1', 'us-west-2'], async run({ page }) { await page.goto('/cart'); } });\n";
const OUTPUTS = JSON.stringify([
  { OutputKey: 'RunnerFunctionName', OutputValue: 'shop-monitor-RunnerFunction-AbC', Description: 'The runner Lambda function' },
  { OutputKey: 'EvidenceBucketName', OutputValue: 'shop-monitor-evidencebucket-1a2b3c', Description: 'S3 bucket' },
]);
const HOME_DEPLOY = 'sam deploy --template-file .mimamori/build/template.yaml --stack-name shop-monitor --region ap-northeast-1 '
  + '--capabilities CAPABILITY_IAM CAPABILITY_AUTO_EXPAND --resolve-s3 --parameter-overrides SlackChannel=C0123456789 RunnerTimeoutSeconds=180 '
  + 'EvidencePrefix=prod/ --no-fail-on-empty-changeset';
const LIST_OUTPUTS = 'sam list stack-outputs --stack-name shop-monitor --region ap-northeast-1 --output json';
const probeDeploy = (region: string, bucket: string) => 'sam deploy --template-file .mimamori/build/probe.yaml --stack-name shop-monitor-probe '
  + `--region ${region} --capabilities CAPABILITY_IAM --resolve-s3 --parameter-overrides HomeStackName=shop-monitor HomeRegion=ap-northeast-1 `
  + `${bucket} EvidencePrefix=prod/ RunnerTimeoutSeconds=180 --no-fail-on-empty-changeset`;

describe('mimamori deploy with probe regions (confirmFrom)', () => {
  const SAM = '/opt/sam/bin/sam';
  /** A fake sam: each `sam deploy` exits with the code given for its region (0 unless named), outputs as given. */
  function fakeSam(codes: Record<string, number> = {}, outputs = { code: 0, stdout: OUTPUTS }) {
    const calls: string[] = [];
    const io: DeployIo = {
      env: KEYS, which: (name) => (name === 'sam' ? SAM : undefined),
      spawn: async (command, args) => {
        expect(command).toBe(SAM);
        calls.push(commandLine(['sam', ...args]));
        return codes[args[args.indexOf('--region') + 1]!] ?? 0;
      },
      capture: async (command, args) => {
        expect(command).toBe(SAM);
        calls.push(commandLine(['sam', ...args]));
        return outputs;
      },
    };
    return { calls, io };
  }

  beforeAll(async () => {
    project = await newProject(PROBED_CONFIG);
    await writeFile(join(project, 'checks/cart.check.ts'), PROBED_CHECK);
  });

  it('--dry-run builds probe.yaml beside template.yaml and prints every command: the home deploy, its outputs, a probe stack per region', async () => {
    const run = await deploy(['--dry-run']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(readFileSync(built('probe.yaml'), 'utf8')).toBe(readFileSync(join(ROOT, 'probe.yaml'), 'utf8'));
    const lines = run.stdout.trimEnd().split('\n');
    const from = lines.indexOf(HOME_DEPLOY);
    expect(from).toBeGreaterThan(0);
    expect(lines.slice(from)).toEqual([
      HOME_DEPLOY,
      '# then the probe stacks (confirmFrom), <EvidenceBucketName> being the stack\'s output that prints:',
      LIST_OUTPUTS,
      probeDeploy('eu-west-1', "'HomeBucket=<EvidenceBucketName>'"),
      probeDeploy('us-west-2', "'HomeBucket=<EvidenceBucketName>'"),
    ]);
    expect(run.spawned).toEqual([]);
  }, 120_000);

  it('deploys home, reads its EvidenceBucketName, then deploys the probe stack to each region with it, in that order', async () => {
    const sam = fakeSam();
    const run = await deploy([], sam.io);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const bucket = 'HomeBucket=shop-monitor-evidencebucket-1a2b3c';
    expect(sam.calls).toEqual([HOME_DEPLOY, LIST_OUTPUTS, probeDeploy('eu-west-1', bucket), probeDeploy('us-west-2', bucket)]);
    for (const call of sam.calls) expect(run.stdout).toContain(`Running: ${call}\n`);
    expect(run.lastLine).toBe('Probe stacks deployed: shop-monitor-probe in eu-west-1, shop-monitor-probe in us-west-2');
  }, 120_000);

  it('a region whose deploy fails is named, the others still deploy, and the exit code is its sam\'s', async () => {
    const sam = fakeSam({ 'eu-west-1': 1 });
    const run = await deploy([], sam.io);
    expect(run.code).toBe(1);
    expect(sam.calls).toHaveLength(4);
    expect(run.stderr).toBe('Probe stack not deployed in eu-west-1 (sam deploy exited 1); deployed in us-west-2. '
      + 'Until it is, a failure there is "did not answer" (never a guess); run mimamori deploy again.\n');
  }, 120_000);

  it('a failed home deploy deploys no probe; outputs that cannot be read deploy no probe and say why', async () => {
    const home = fakeSam({ 'ap-northeast-1': 3 });
    const failed = await deploy([], home.io);
    expect(failed.code).toBe(3);
    expect(home.calls).toEqual([HOME_DEPLOY]);
    const noOutputs = fakeSam({}, { code: 255, stdout: '' });
    const unread = await deploy([], noOutputs.io);
    expect(unread.code).toBe(255);
    expect(noOutputs.calls).toEqual([HOME_DEPLOY, LIST_OUTPUTS]);
    expect(unread.stderr).toContain("Probe stacks not deployed (eu-west-1, us-west-2): reading the stack's EvidenceBucketName failed: it exited 255.");
    const noBucket = fakeSam({}, { code: 0, stdout: '[]' });
    expect((await deploy([], noBucket.io)).code).toBe(1);
    expect(noBucket.calls).toEqual([HOME_DEPLOY, LIST_OUTPUTS]);
  }, 120_000);

  it('runs a real sam from PATH: the deploys with the terminal\'s output, the outputs read from its stdout, its exit codes kept', async () => {
    const bin = await mkdtemp(join(tmpdir(), 'mimamori-fake-sam-'));
    const log = join(bin, 'calls.log');
    await writeFile(join(bin, 'sam'), `#!/bin/sh
echo "sam $*" >> '${log}'
case "$*" in
  "list stack-outputs"*) printf '%s' '${OUTPUTS}' ;;
  *"--region eu-west-1"*) exit 4 ;;
esac
`, { mode: 0o755 });
    const run = await deploy([], { env: { ...KEYS, PATH: bin }, which: undefined, spawn: undefined, capture: undefined });
    expect(run.code).toBe(4);
    const bucket = 'HomeBucket=shop-monitor-evidencebucket-1a2b3c';
    // The log has the words as sam got them: the quoting the printed command adds is the shell's, not sam's.
    expect(readFileSync(log, 'utf8').trimEnd().split('\n')).toEqual([HOME_DEPLOY, LIST_OUTPUTS, probeDeploy('eu-west-1', bucket), probeDeploy('us-west-2', bucket)]);
    expect(run.stderr).toContain('Probe stack not deployed in eu-west-1 (sam deploy exited 4); deployed in us-west-2.');
  }, 120_000);

  it('--guided: the probe stacks follow the stack name and region typed at sam\'s prompts (its samconfig.toml), not the config\'s', async () => {
    const sam = fakeSam();
    const guidedDeploy = sam.io.spawn!;
    const io: DeployIo = {
      ...sam.io,
      spawn: async (command, args, options) => {
        // sam --guided saves the answers where it was told to (--config-file).
        if (args.includes('--guided')) {
          await writeFile(args[args.indexOf('--config-file') + 1]!, 'version = 0.1\n[default.global.parameters]\nstack_name = "not-this"\n'
            + '[default.deploy.parameters]\nstack_name = "shop-typed"\nregion = "eu-central-1"\nconfirm_changeset = true\n');
        }
        return guidedDeploy(command, args, options);
      },
    };
    try {
      const run = await deploy(['--guided'], io);
      expect(run.stderr).toBe('');
      expect(run.code).toBe(0);
      expect(run.stdout).toContain('sam deployed shop-typed in eu-central-1 (your answers): the probe stacks follow it.\n');
      const bucket = 'HomeBucket=shop-monitor-evidencebucket-1a2b3c';
      const typed = (call: string) => call.replace('shop-monitor --region ap-northeast-1', 'shop-typed --region eu-central-1')
        .replace('--stack-name shop-monitor-probe', '--stack-name shop-typed-probe').replace('HomeStackName=shop-monitor HomeRegion=ap-northeast-1', 'HomeStackName=shop-typed HomeRegion=eu-central-1');
      expect(sam.calls.slice(1)).toEqual([LIST_OUTPUTS, probeDeploy('eu-west-1', bucket), probeDeploy('us-west-2', bucket)].map(typed));
      expect(sam.calls[2]).toContain('--stack-name shop-typed-probe --region eu-west-1');
      expect(sam.calls[2]).toContain('HomeStackName=shop-typed HomeRegion=eu-central-1');
    } finally {
      await rm(join(project, '.mimamori/samconfig.toml'), { force: true });
    }
  }, 120_000);

  it('refuses a confirmFrom that names the home region (exit 2), naming the check, and sends nothing', async () => {
    const sam = fakeSam();
    const run = await deploy(['--region', 'eu-west-1'], sam.io);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("checks/cart.check.ts › confirmFrom: 'eu-west-1' is the home region");
    expect(sam.calls).toEqual([]);
    const dry = await deploy(['--dry-run', '--region', 'us-west-2']);
    expect(dry.code).toBe(2);
    // Both checks: one by the config's default.
    expect(dry.stderr).toContain("checks/home.check.ts › confirmFrom: 'us-west-2' is the home region");
    expect(dry.stderr).toContain("checks/cart.check.ts › confirmFrom: 'us-west-2' is the home region");
  }, 120_000);
});
