// probe.yaml (the probe stack `mimamori deploy` puts in each confirmFrom region) checked without `sam` or AWS, as
// template.yaml is: parsed with CloudFormation's tags, references resolved, and the contract's queue, function,
// environment and permissions asserted — and held to template.yaml where the two must agree: one runner bundle and
// layer folder for both stacks, the same parameter rules, the queue name the home runner sends to.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  danglingReferences, environment, functionIds, functionPolicies, getAtt, missingConditions, obj, parameter, parseTemplate, props, ref,
  resource, sub, type JsonObject,
} from '../helpers/cfn-template.ts';
import { PROBE_TEMPLATE_FILE, TEMPLATE_FILE, writeProbeTemplate, writeTemplate } from '../../src/build/stack-files.ts';
import { templateParameterNames } from '../../src/check/deploy-config.ts';
import { validateConfig } from '../../src/check/validate.ts';
import { probeQueueName } from '../../src/build/probe-regions.ts';
import { PROBE_SHARED_PARAMETERS } from '../../src/cli/sam-deploy-command.ts';

const PACKAGE = join(import.meta.dirname, '../..');
const TEXT = readFileSync(join(PACKAGE, PROBE_TEMPLATE_FILE), 'utf8');
const probe = parseTemplate(TEXT);
const home = parseTemplate(readFileSync(join(PACKAGE, TEMPLATE_FILE), 'utf8'));

const HOME_PARAMETERS = ['HomeStackName', 'HomeRegion', 'HomeBucket'];

describe('probe.yaml', () => {
  it('parses cleanly as a SAM template; every reference and condition resolves', () => {
    expect(probe.Transform).toBe('AWS::Serverless-2016-10-31');
    expect(danglingReferences(probe)).toEqual([]);
    expect(missingConditions(probe)).toEqual([]);
    // The check is not vacuous here either.
    expect(danglingReferences(parseTemplate(TEXT.replace('!Ref HomeBucket', '!Ref HomeBuckett')))).toHaveLength(1);
  });

  it('is a queue, a layer and one function with its log group: no dispatcher, no schedule, no state, no Slack, no alarms', () => {
    const types = Object.fromEntries(Object.entries(obj(probe.Resources, 'Resources')).map(([id, r]) => [id, obj(r, id).Type]));
    expect(types).toEqual({
      ProbeDeadLetterQueue: 'AWS::SQS::Queue', ProbeQueue: 'AWS::SQS::Queue', ChromiumLayer: 'AWS::Serverless::LayerVersion',
      ProbeFunction: 'AWS::Serverless::Function', ProbeLogGroup: 'AWS::Logs::LogGroup',
    });
    expect(TEXT).not.toMatch(/SLACK|Slack(Channel|Token)|EvidenceBucket:|Schedule/);
  });
});

describe('parameters', () => {
  it('takes the home stack, region and bucket, and the home template\'s runner settings', () => {
    expect(Object.keys(obj(probe.Parameters, 'Parameters'))).toEqual([...HOME_PARAMETERS, ...PROBE_SHARED_PARAMETERS]);
    // As the deploy passes them (the config's deploy.parameters are checked against template.yaml's names).
    expect(templateParameterNames(TEXT)).toEqual([...HOME_PARAMETERS, ...PROBE_SHARED_PARAMETERS]);
  });

  it('the shared ones have exactly the home template\'s type, default and limits (one value is valid for both stacks)', () => {
    const rules = (p: JsonObject) => Object.fromEntries(Object.entries(p).filter(([k]) => k !== 'Description'));
    for (const name of PROBE_SHARED_PARAMETERS) expect(rules(parameter(probe, name)), name).toEqual(rules(parameter(home, name)));
  });

  it('HomeStackName leaves room for the queue name within SQS\'s 80 characters; HomeRegion and HomeBucket are checked', () => {
    const pattern = (name: string) => new RegExp(String(parameter(probe, name).AllowedPattern));
    expect(pattern('HomeStackName').test('s'.repeat(69))).toBe(true);
    expect(probeQueueName('s'.repeat(69))).toHaveLength(80);
    expect(pattern('HomeStackName').test('s'.repeat(70))).toBe(false);
    expect(pattern('HomeStackName').test('9lives')).toBe(false);
    expect(pattern('HomeRegion').test('us-west-2')).toBe(true);
    expect(pattern('HomeRegion').test('tokyo')).toBe(false);
    expect(pattern('HomeBucket').test('shop-monitor-evidencebucket-1a2b3c')).toBe(true);
    expect(pattern('HomeBucket').test('Shop_Bucket')).toBe(false);
  });
});

describe('ProbeQueue', () => {
  const queue = () => props(probe, 'ProbeQueue');

  it('is the FIFO queue the home runner sends to: <HomeStackName>-probe.fifo, where home says <stack>-probe.fifo', () => {
    expect(queue().QueueName).toEqual(sub('${HomeStackName}-probe.fifo'));
    const url = String(obj(environment(home, 'RunnerFunction').MIMAMORI_PROBE_QUEUE_URL, 'url')['Fn::Sub']);
    expect(url.split('/').at(-1)!.replace('${AWS::StackName}', '${HomeStackName}')).toBe(String(obj(queue().QueueName, 'QueueName')['Fn::Sub']));
    expect(probeQueueName('shop-monitor')).toBe('shop-monitor-probe.fifo');
  });

  it('takes the home runner\'s deduplication ids, hides a message for the longest runner timeout, and tries once', () => {
    expect(queue()).toMatchObject({ FifoQueue: true, ContentBasedDeduplication: false, SqsManagedSseEnabled: true });
    expect(Number(queue().VisibilityTimeout)).toBeGreaterThanOrEqual(Number(parameter(probe, 'RunnerTimeoutSeconds').MaxValue));
    expect(queue().RedrivePolicy).toEqual({ deadLetterTargetArn: getAtt('ProbeDeadLetterQueue', 'Arn'), maxReceiveCount: 1 });
    expect(props(probe, 'ProbeDeadLetterQueue')).toMatchObject({ FifoQueue: true, SqsManagedSseEnabled: true });
  });

  it('keeps a request exactly as long as the longest wait confirmTimeoutMs allows: no shorter (a waited-for request dropped), no longer', () => {
    const keptMs = Number(queue().MessageRetentionPeriod) * 1000;
    const problems = (confirmTimeoutMs: number) => validateConfig({ defaults: { confirmTimeoutMs } }, 'mimamori.config.ts');
    expect(problems(keptMs)).toEqual([]);
    expect(problems(keptMs + 1)).toEqual([expect.objectContaining({ message: expect.stringMatching(/^confirmTimeoutMs must be/) })]);
  });
});

describe('ProbeFunction', () => {
  const fn = () => props(probe, 'ProbeFunction');
  const globals = (t: JsonObject) => obj(obj(t.Globals, 'Globals').Function, 'Globals.Function');

  it('is the home RunnerFunction\'s bundle, handler, runtime, architecture, memory, timeout and /tmp (one bundle, two stacks)', () => {
    const runner = props(home, 'RunnerFunction');
    for (const key of ['CodeUri', 'Handler', 'MemorySize', 'Timeout', 'EphemeralStorage', 'Layers']) expect(fn()[key], key).toEqual(runner[key]);
    for (const key of ['Runtime', 'Architectures', 'Tracing']) expect(fn()[key] ?? globals(probe)[key], key).toEqual(runner[key] ?? globals(home)[key]);
    // Its own layer (layers are regional) from the same folder of the build.
    expect(fn().Layers).toEqual([ref('ChromiumLayer')]);
    expect(props(probe, 'ChromiumLayer')).toEqual({ ...props(home, 'ChromiumLayer'), Description: expect.any(String) });
    expect(resource(probe, 'ProbeFunction').Metadata).toBeUndefined();
    expect(functionIds(probe)).toEqual(['ProbeFunction']);
  });

  it('takes one probe request at a time from ProbeQueue, at most MaxConcurrentChecks at once, reporting item failures', () => {
    expect(obj(fn().Events, 'Events')).toEqual({
      ProbeRequests: {
        Type: 'SQS',
        Properties: {
          Queue: getAtt('ProbeQueue', 'Arn'), BatchSize: 1, ScalingConfig: { MaximumConcurrency: ref('MaxConcurrentChecks') },
          FunctionResponseTypes: ['ReportBatchItemFailures'],
        },
      },
    });
  });

  it('stores into the home bucket and reads secrets in the home region; knows it is a probe by MIMAMORI_HOME_REGION', () => {
    expect(environment(probe, 'ProbeFunction')).toEqual({
      MIMAMORI_S3_BUCKET: ref('HomeBucket'),
      MIMAMORI_S3_PREFIX: ref('EvidencePrefix'),
      MIMAMORI_S3_REGION: ref('HomeRegion'),
      MIMAMORI_SECRETS_PREFIX: ref('SecretsPrefix'),
      MIMAMORI_SECRETS_REGION: ref('HomeRegion'),
      MIMAMORI_HOME_REGION: ref('HomeRegion'),
      POWERTOOLS_SERVICE_NAME: environment(home, 'RunnerFunction').POWERTOOLS_SERVICE_NAME,
      POWERTOOLS_METRICS_NAMESPACE: environment(home, 'RunnerFunction').POWERTOOLS_METRICS_NAMESPACE,
      NODE_OPTIONS: '--enable-source-maps',
      MIMAMORI_STACK_NAME: ref('AWS::StackName'),
    });
  });

  it('may put/get objects under <HomeBucket>/<prefix>* and list only there, read the secrets under SecretsPrefix in the home region, decrypted through its SSM only', () => {
    const { statements, others } = functionPolicies(probe, 'ProbeFunction');
    expect(others).toEqual([]);
    expect(statements).toEqual([
      { Sid: 'EvidenceObjects', Effect: 'Allow', Action: ['s3:PutObject', 's3:GetObject'], Resource: sub('arn:${AWS::Partition}:s3:::${HomeBucket}/${EvidencePrefix}*') },
      {
        Sid: 'EvidenceListing', Effect: 'Allow', Action: 's3:ListBucket', Resource: sub('arn:${AWS::Partition}:s3:::${HomeBucket}'),
        Condition: { StringLike: { 's3:prefix': sub('${EvidencePrefix}*') } },
      },
      {
        Sid: 'SecretParameters', Effect: 'Allow', Action: ['ssm:GetParameter', 'ssm:GetParameters'],
        Resource: sub('arn:${AWS::Partition}:ssm:${HomeRegion}:${AWS::AccountId}:parameter${SecretsPrefix}*'),
      },
      {
        Sid: 'SecretParametersDecrypt', Effect: 'Allow', Action: 'kms:Decrypt', Resource: sub('arn:${AWS::Partition}:kms:${HomeRegion}:${AWS::AccountId}:key/*'),
        Condition: { StringEquals: { 'kms:ViaService': sub('ssm.${HomeRegion}.amazonaws.com') } },
      },
    ]);
  });

  it('keeps its logs for LogRetentionDays', () => {
    expect(props(probe, 'ProbeLogGroup')).toEqual({ LogGroupName: sub('/aws/lambda/${ProbeFunction}'), RetentionInDays: ref('LogRetentionDays') });
  });
});

describe('outputs', () => {
  it('name the probe queue and function', () => {
    const outputs = obj(probe.Outputs, 'Outputs');
    expect(obj(outputs.ProbeQueueUrl, 'ProbeQueueUrl').Value).toEqual(ref('ProbeQueue'));
    expect(obj(outputs.ProbeFunctionName, 'ProbeFunctionName').Value).toEqual(ref('ProbeFunction'));
  });
});

// cfn-lint (with the SAM translator) is on the development machine image; where it is missing this is skipped.
const hasCfnLint = spawnSync('cfn-lint', ['--version']).status === 0;
describe.skipIf(!hasCfnLint)('cfn-lint', () => {
  it('passes probe.yaml as the build writes it, beside template.yaml; a broken copy does not pass', async () => {
    const built = mkdtempSync(join(tmpdir(), 'mimamori-probe-template-'));
    await writeTemplate(built);
    const file = await writeProbeTemplate(built);
    expect(file).toBe(join(built, 'probe.yaml'));
    expect(readFileSync(file, 'utf8')).toBe(TEXT);
    const lint = spawnSync('cfn-lint', ['--', file], { encoding: 'utf8' });
    expect(lint.stdout + lint.stderr).toBe('');
    expect(lint.status).toBe(0);
    const broken = join(built, 'broken.yaml');
    writeFileSync(broken, TEXT.replace('BatchSize: 1', 'BatchSize: 1\n            MaximumBatchingWindow: 1'));
    const brokenLint = spawnSync('cfn-lint', ['--', broken], { encoding: 'utf8' });
    expect(brokenLint.status).not.toBe(0);
    expect(brokenLint.stdout).toContain('ProbeFunction');
  }, 120_000);
});
