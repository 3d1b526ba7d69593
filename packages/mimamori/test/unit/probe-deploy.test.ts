// The deploy side of probe regions, pure: which regions a project needs (its checks' confirmFrom), what a deploy refuses
// about them, and the `sam` commands that read the home stack's bucket and deploy probe.yaml to each region.
import { describe, expect, it } from 'vitest';
import { probeQueueName, probeRegionProblems, probeRegions, probeStackName } from '../../src/build/probe-regions.ts';
import {
  HOME_BUCKET_PLACEHOLDER, homeBucketFromOutputs, PROBE_SHARED_PARAMETERS, samProbeDeployArgs, samStackOutputsArgs, type DeploySettings,
} from '../../src/cli/sam-deploy-command.ts';
import { packageTemplateParameters } from '../../src/check/package-template.ts';

const check = (name: string, confirmFrom: string[]) => ({ name, file: `checks/${name}.check.ts`, confirmFrom });
const HOME = { region: 'ap-northeast-1', stackName: 'shop-monitor', regionRequired: true, configFile: 'mimamori.config.ts' };

describe('probe regions', () => {
  it('are the union of the checks\' confirmFrom, each once, sorted; none when no check confirms', () => {
    expect(probeRegions([check('a', ['us-west-2', 'eu-west-1']), check('b', []), check('c', ['us-west-2'])])).toEqual(['eu-west-1', 'us-west-2']);
    expect(probeRegions([check('a', []), check('b', [])])).toEqual([]);
    expect(probeRegions([])).toEqual([]);
  });

  it('a deploy refuses the home region in a check\'s confirmFrom, naming the check file and field', () => {
    const problems = probeRegionProblems([check('a', ['us-west-2']), check('b', ['ap-northeast-1', 'us-west-2'])], HOME);
    expect(problems).toEqual([{ file: 'checks/b.check.ts', field: 'confirmFrom', message: expect.stringMatching(/^'ap-northeast-1' is the home region .*defaults\.confirmFrom$/) }]);
    expect(probeRegionProblems([check('a', ['us-west-2'])], HOME)).toEqual([]);
  });

  it('a deploy needs the home region once a check confirms; without probes it does not', () => {
    const unknown = { ...HOME, region: undefined };
    expect(probeRegionProblems([check('a', ['us-west-2'])], unknown)).toEqual([
      { file: 'mimamori.config.ts', field: 'deploy.region', message: expect.stringContaining('the checks confirm from us-west-2') },
    ]);
    expect(probeRegionProblems([check('a', [])], unknown)).toEqual([]);
    // validate does not know the deploy's --region: it says nothing then.
    expect(probeRegionProblems([check('a', ['us-west-2'])], { ...unknown, regionRequired: false })).toEqual([]);
  });

  it('a stack name too long for its probe queue\'s name (80 characters) is refused only with probes', () => {
    const long = 's'.repeat(70);
    expect(probeQueueName('s'.repeat(69))).toHaveLength(80);
    expect(probeRegionProblems([check('a', ['us-west-2'])], { ...HOME, stackName: 's'.repeat(69) })).toEqual([]);
    expect(probeRegionProblems([check('a', ['us-west-2'])], { ...HOME, stackName: long })).toEqual([
      { file: 'mimamori.config.ts', field: 'deploy.stackName', message: expect.stringContaining('at most 69 characters') },
    ]);
    expect(probeRegionProblems([check('a', [])], { ...HOME, stackName: long })).toEqual([]);
  });
});

const SETTINGS: DeploySettings & { region: string } = {
  stackName: 'shop-monitor', region: 'ap-northeast-1', parameters: {}, tags: {}, guided: false,
};

describe('the probe commands', () => {
  it('read the home stack\'s outputs as JSON, in its region and profile', () => {
    expect(samStackOutputsArgs(SETTINGS)).toEqual(['list', 'stack-outputs', '--stack-name', 'shop-monitor', '--region', 'ap-northeast-1', '--output', 'json']);
    expect(samStackOutputsArgs({ ...SETTINGS, profile: 'prod' })).toContain('--profile');
  });

  it('take EvidenceBucketName from sam\'s JSON outputs; say what is wrong otherwise', () => {
    const outputs = JSON.stringify([
      { OutputKey: 'RunnerFunctionName', OutputValue: 'shop-monitor-RunnerFunction-x', Description: 'The runner' },
      { OutputKey: 'EvidenceBucketName', OutputValue: 'shop-monitor-evidencebucket-1a2b', Description: 'S3 bucket' },
    ]);
    expect(homeBucketFromOutputs(outputs)).toEqual({ bucket: 'shop-monitor-evidencebucket-1a2b', shared: {} });
    // The prefixes the home stack really runs with (they may come from samconfig or an earlier deploy, not the config).
    const withPrefixes = JSON.stringify([...JSON.parse(outputs), { OutputKey: 'ProbeParameters', OutputValue: 'EvidencePrefix=;SecretsPrefix=/shop/secrets/' }]);
    expect(homeBucketFromOutputs(withPrefixes)).toEqual({ bucket: 'shop-monitor-evidencebucket-1a2b', shared: { EvidencePrefix: '', SecretsPrefix: '/shop/secrets/' } });
    expect(homeBucketFromOutputs('[]')).toEqual({ error: 'the stack has no output EvidenceBucketName' });
    expect(homeBucketFromOutputs('Error: Stack does not exist')).toEqual({ error: expect.stringMatching(/^its output is not JSON/) });
  });

  it('deploy probe.yaml as <stack>-probe to the region, told the home stack, region and bucket, and the shared parameters', () => {
    const settings = {
      ...SETTINGS, profile: 'prod', s3Bucket: 'home-region-artifacts', guided: true, tags: { team: 'web shop' },
      parameters: { SlackChannel: 'C01', RunnerTimeoutSeconds: '180', EvidencePrefix: 'prod/', MaxConcurrentChecks: '10', PerCheckMetrics: 'true' },
    };
    expect(samProbeDeployArgs(settings, 'us-west-2', '.mimamori/build/probe.yaml', 'shop-bucket')).toEqual([
      'deploy', '--template-file', '.mimamori/build/probe.yaml', '--stack-name', 'shop-monitor-probe', '--region', 'us-west-2', '--profile', 'prod',
      // Its own staging bucket in that region (deploy.s3Bucket is the home region's); never --guided nor the home samconfig.
      '--capabilities', 'CAPABILITY_IAM', '--resolve-s3',
      '--parameter-overrides', 'HomeStackName=shop-monitor', 'HomeRegion=ap-northeast-1', 'HomeBucket=shop-bucket',
      'EvidencePrefix=prod/', 'RunnerTimeoutSeconds=180', 'MaxConcurrentChecks=10',
      '--tags', 'team="web shop"', '--no-fail-on-empty-changeset',
    ]);
    expect(probeStackName('shop-monitor')).toBe('shop-monitor-probe');
    expect(samProbeDeployArgs(SETTINGS, 'eu-west-1', 'p.yaml', HOME_BUCKET_PLACEHOLDER)).toContain('HomeBucket=<EvidenceBucketName>');
    // What the home stack's outputs say wins over the config: the probe writes and reads where home does.
    expect(samProbeDeployArgs(settings, 'us-west-2', 'p.yaml', 'b', { EvidencePrefix: '', SecretsPrefix: '/shop/secrets/' })).toEqual(expect.arrayContaining(['EvidencePrefix=""', 'SecretsPrefix=/shop/secrets/']));
  });

  it('pass only parameters both templates declare (the config\'s are checked against template.yaml\'s)', () => {
    for (const name of PROBE_SHARED_PARAMETERS) expect(packageTemplateParameters(), name).toContain(name);
  });
});
