// The config's deploy section and the options an upgrade dropped, as the config validation reports them: every problem
// with its field; and the `sam deploy` command composed from flags, config and environment (pure).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { validateConfig } from '../../src/check/validate.ts';
import { packageTemplateParameters } from '../../src/check/package-template.ts';
import { commandLine, deploySettings, samDeployArgs, type DeploySettings } from '../../src/cli/sam-deploy-command.ts';
import { findAwsCredentials, findOnPath } from '../../src/cli/deploy-prerequisites.ts';

const FILE = 'mimamori.config.ts';
const validate = (config: unknown) => validateConfig(config, FILE, { templateParameters: packageTemplateParameters() });

describe('the config\'s deploy section', () => {
  it('accepts a full section whose parameters the template declares', () => {
    expect(validate({ deploy: {
      stackName: 'mimamori-prod', region: 'ap-northeast-1', profile: 'monitor', s3Bucket: 'my-artifacts.example',
      parameters: { SlackChannel: 'C0123456789', RunnerTimeoutSeconds: 180, EvidencePrefix: 'prod/' }, tags: { team: 'web', 'cost-center': '42' },
    } })).toEqual([]);
  });

  it('refuses an unknown key naming it, a stack name and region AWS refuses, and bad values, each with its field', () => {
    const problems = validate({ deploy: { stackName: '1-prod', region: 'Tokyo', stackNme: 'x', s3Bucket: 'My_Bucket', tags: { team: 7 }, parameters: { MaxConcurrentChecks: [5] } } });
    expect(problems.map((p) => [p.field, p.message.split(' (')[0]])).toEqual([
      ['deploy.stackName', 'must be a CloudFormation stack name'],
      ['deploy.region', "must be an AWS region like 'ap-northeast-1', got \"Tokyo\""],
      ['deploy.stackNme', "unknown option 'stackNme'"],
      ['deploy.s3Bucket', 'must be an S3 bucket name'],
      ['deploy.parameters.MaxConcurrentChecks', 'must be a string, number or boolean, got an array'],
      ['deploy.tags.team', 'must be a string of at most 256 characters, got 7'],
    ]);
    expect(problems.every((p) => p.file === FILE)).toBe(true);
    expect(validate({ deploy: { stackName: `a${'b'.repeat(127)}` } })).toEqual([]);
    expect(validate({ deploy: { stackName: `a${'b'.repeat(128)}` } }).map((p) => p.field)).toEqual(['deploy.stackName']);
    expect(validate({ deploy: 'prod' })).toEqual([{ file: FILE, field: 'deploy', message: 'must be an object, got "prod"' }]);
  });

  it('refuses a parameter template.yaml does not declare, naming it and listing those it does', () => {
    const [problem, ...rest] = validate({ deploy: { stackName: 'm', parameters: { SlackChanel: 'C0123' } } });
    expect(rest).toEqual([]);
    expect(problem!.field).toBe('deploy.parameters.SlackChanel');
    expect(problem!.message).toMatch(/^is not a parameter of template\.yaml \(it declares EvidenceRetentionDays, RunnerMemorySize, RunnerTimeoutSeconds, .*SlackChannel, .*\)$/);
  });
});

describe('top-level options', () => {
  it('an unknown one is refused naming it and the known ones', () => {
    expect(validateConfig({ baseURL: 'https://example.com', deploi: {} }, FILE)).toEqual([
      { file: FILE, field: 'deploi', message: expect.stringMatching(/^unknown option 'deploi' \(known: baseURL, .*, deploy, maintenance\)$/) },
    ]);
  });

  it('one an upgrade renamed or removed names its replacement instead', () => {
    const renamed = { watches: 'use logWatches (renamed in 0.2: the same list of { name, logGroups, pattern })' };
    expect(validateConfig({ watches: [] }, FILE, { renamed })).toEqual([
      { file: FILE, field: 'watches', message: 'is no longer an option: use logWatches (renamed in 0.2: the same list of { name, logGroups, pattern })' },
    ]);
    // Only for an option the config no longer knows: a known key of the same name is checked as usual.
    expect(validateConfig({ digest: { at: '25:00' } }, FILE, { renamed: { digest: 'x' } })[0]!.message).toMatch(/^at must be a local time/);
  });
});

const SETTINGS: DeploySettings = { stackName: 'mimamori-prod', parameters: {}, tags: {}, guided: false };

describe('the sam deploy command', () => {
  it('takes flags over the config, and the config over AWS_REGION and AWS_PROFILE', () => {
    const config = { stackName: 'from-config', region: 'eu-west-1', profile: 'config-profile' };
    const env = { AWS_REGION: 'us-east-1', AWS_PROFILE: 'env-profile' };
    expect(deploySettings({}, config, env)).toMatchObject({ stackName: 'from-config', region: 'eu-west-1', profile: 'config-profile' });
    expect(deploySettings({ stackName: 'from-flag', region: 'ap-northeast-1', profile: 'flag-profile' }, config, env))
      .toMatchObject({ stackName: 'from-flag', region: 'ap-northeast-1', profile: 'flag-profile' });
    expect(deploySettings({}, { stackName: 's' }, env)).toMatchObject({ region: 'us-east-1', profile: 'env-profile' });
    expect(deploySettings({}, { stackName: 's' }, { AWS_DEFAULT_REGION: 'eu-central-1' })).toMatchObject({ region: 'eu-central-1', profile: undefined });
  });

  it('needs a stack name, and says where to set it', () => {
    expect(deploySettings({}, {}, {})).toEqual({ error: expect.stringContaining('set deploy.stackName in the config') });
    expect(deploySettings({}, {}, {})).toEqual({ error: expect.stringContaining('--stack-name <name>') });
    expect(deploySettings({ stackName: 'bad name' }, {}, {})).toEqual({ error: expect.stringMatching(/^--stack-name must be a CloudFormation stack name/) });
    expect(deploySettings({ region: 'tokyo' }, { stackName: 's' }, {})).toEqual({ error: expect.stringMatching(/^--region must be an AWS region/) });
  });

  it('deploys the built template with both capabilities, a managed bucket unless one is named, and every parameter and tag', () => {
    expect(samDeployArgs(SETTINGS, '.mimamori/build/template.yaml')).toEqual([
      'deploy', '--template-file', '.mimamori/build/template.yaml', '--stack-name', 'mimamori-prod',
      '--capabilities', 'CAPABILITY_IAM', 'CAPABILITY_AUTO_EXPAND', '--resolve-s3', '--no-fail-on-empty-changeset',
    ]);
    const settings = deploySettings({ guided: true }, {
      stackName: 's', region: 'ap-northeast-1', profile: 'p', s3Bucket: 'artifacts',
      parameters: { SlackChannel: 'C01', RunnerTimeoutSeconds: 180, AlarmTopicArn: '' }, tags: { team: 'web shop' },
    }) as DeploySettings;
    const args = samDeployArgs(settings, 't.yaml', '/p/.mimamori/samconfig.toml');
    expect(args).toEqual([
      'deploy', '--template-file', 't.yaml', '--stack-name', 's', '--region', 'ap-northeast-1', '--profile', 'p',
      '--capabilities', 'CAPABILITY_IAM', 'CAPABILITY_AUTO_EXPAND', '--s3-bucket', 'artifacts',
      '--parameter-overrides', 'SlackChannel=C01', 'RunnerTimeoutSeconds=180', 'AlarmTopicArn=""',
      '--tags', 'team="web shop"', '--no-fail-on-empty-changeset', '--config-file', '/p/.mimamori/samconfig.toml', '--guided',
    ]);
    // Copy-pasteable: a shell splits the line back into exactly these arguments.
    const tricky = [...args, "it's", 'a $HOME `x`', '*'];
    const split = spawnSync('sh', ['-c', `printf '%s\\n' ${commandLine(tricky)}`], { encoding: 'utf8' });
    expect(split.stdout).toBe(`${tricky.join('\n')}\n`);
    expect(commandLine(['sam', ...args.slice(0, 5)])).toBe('sam deploy --template-file t.yaml --stack-name s');
  });
});

describe('what a deploy needs', () => {
  it('finds an executable on PATH, not a plain file or a folder of that name', () => {
    const root = mkdtempSync(join(tmpdir(), 'mimamori-path-'));
    for (const dir of ['a', 'b', 'c']) mkdirSync(join(root, dir));
    mkdirSync(join(root, 'a/sam'));
    writeFileSync(join(root, 'b/sam'), 'not executable', { mode: 0o644 });
    writeFileSync(join(root, 'c/sam'), '#!/bin/sh\n', { mode: 0o755 });
    const PATH = ['a', 'b', 'c'].map((d) => join(root, d)).join(':');
    expect(findOnPath('sam', { PATH }, 'linux')).toBe(join(root, 'c/sam'));
    expect(findOnPath('sam', { PATH: join(root, 'a') }, 'linux')).toBeUndefined();
    expect(findOnPath('sam', {}, 'linux')).toBeUndefined();
  });

  it('finds credentials in the environment, a web identity, a container, or a profile in ~/.aws — and says what is missing', () => {
    const home = mkdtempSync(join(tmpdir(), 'mimamori-home-'));
    expect(findAwsCredentials(undefined, {}, home)).toEqual({ missing: expect.stringMatching(/^none found: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or configure a profile/) });
    expect(findAwsCredentials(undefined, { AWS_ACCESS_KEY_ID: 'AKIA', AWS_SECRET_ACCESS_KEY: 's' }, home)).toEqual({ found: 'AWS_ACCESS_KEY_ID in the environment' });
    expect(findAwsCredentials(undefined, { AWS_ACCESS_KEY_ID: 'AKIA' }, home)).toHaveProperty('missing');
    expect(findAwsCredentials(undefined, { AWS_WEB_IDENTITY_TOKEN_FILE: '/t', AWS_ROLE_ARN: 'arn:aws:iam::1:role/deploy' }, home)).toEqual({ found: 'the web identity token for arn:aws:iam::1:role/deploy' });
    expect(findAwsCredentials(undefined, { AWS_CONTAINER_CREDENTIALS_RELATIVE_URI: '/v2/credentials' }, home)).toEqual({ found: 'the container credentials' });

    mkdirSync(join(home, '.aws'));
    writeFileSync(join(home, '.aws/config'), '[default]\nregion = ap-northeast-1\n\n[profile monitor]\nsso_session = corp\n');
    expect(findAwsCredentials(undefined, {}, home)).toEqual({ found: `the default profile (${join(home, '.aws/config')})` });
    expect(findAwsCredentials('monitor', {}, home)).toEqual({ found: `profile monitor (${join(home, '.aws/config')})` });
    // A named profile is what sam uses, even beside keys in the environment: it must exist.
    expect(findAwsCredentials('prod', { AWS_ACCESS_KEY_ID: 'AKIA', AWS_SECRET_ACCESS_KEY: 's' }, home)).toEqual({ missing: expect.stringContaining("the profile 'prod' is in neither") });
    writeFileSync(join(home, 'creds'), '[prod]\naws_access_key_id = AKIA\n');
    expect(findAwsCredentials('prod', { AWS_SHARED_CREDENTIALS_FILE: join(home, 'creds') }, home)).toEqual({ found: `profile prod (${join(home, 'creds')})` });
  });
});
