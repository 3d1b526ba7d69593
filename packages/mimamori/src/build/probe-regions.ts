// The probe regions a project needs (the union of its checks' confirmFrom, the config's defaults included), and what a
// deploy refuses about them: a probe in the home region (no second vantage point — and its queue's name would be the
// home stack's to take), a home region nobody named (the probes need it to find the bucket), a stack name too long for
// the probe queue's. Pure: `mimamori deploy` and `mimamori validate` ask with what they know.
import type { Diagnostic } from '../result/types.ts';
import type { ResolvedCheck } from '../check/types.ts';

/** `<stack>-probe.fifo` (probe.yaml's ProbeQueue, template.yaml's MIMAMORI_PROBE_QUEUE_URL): SQS allows 80 characters. */
export const probeQueueName = (stackName: string): string => `${stackName}-probe.fifo`;
const MAX_QUEUE_NAME = 80;

/** The probe stack in each region: one name for all (the regions keep them apart). */
export const probeStackName = (stackName: string): string => `${stackName}-probe`;

type Confirming = Pick<ResolvedCheck, 'name' | 'file' | 'confirmFrom'>;

/** Every region some check confirms from, each once, in order (sorted: the same config gives the same deploy). */
export function probeRegions(checks: readonly Confirming[]): string[] {
  return [...new Set(checks.flatMap((c) => c.confirmFrom ?? []))].sort();
}

export interface ProbeHome {
  /** The home stack's region, when known (--region, deploy.region, AWS_REGION). */
  region?: string;
  stackName?: string;
  /** A deploy needs the region (a probe stack is told it); validate does not know the deploy's flags. */
  regionRequired: boolean;
  /** Where the deploy settings are (the config file, as problems name it). */
  configFile: string;
}

/** What a deploy of these checks to `home` refuses about their probe regions; nothing when no check has any. */
export function probeRegionProblems(checks: readonly Confirming[], home: ProbeHome): Diagnostic[] {
  const regions = probeRegions(checks);
  if (regions.length === 0) return [];
  const problems: Diagnostic[] = [];
  if (home.region) {
    for (const check of checks) {
      if (!check.confirmFrom?.includes(home.region)) continue;
      problems.push({
        file: check.file, field: 'confirmFrom',
        message: `'${home.region}' is the home region (the stack deploys there): a probe must be another region, or it confirms nothing — take it out of the check's confirmFrom or the config's defaults.confirmFrom`,
      });
    }
  } else if (home.regionRequired) {
    problems.push({
      file: home.configFile, field: 'deploy.region',
      message: `the checks confirm from ${regions.join(', ')}, and their probe stacks must be told the home region: set deploy.region, pass --region, or set AWS_REGION`,
    });
  }
  if (home.stackName && probeQueueName(home.stackName).length > MAX_QUEUE_NAME) {
    problems.push({
      file: home.configFile, field: 'deploy.stackName',
      message: `with probe regions (confirmFrom) the stack name may have at most ${MAX_QUEUE_NAME - probeQueueName('').length} characters (its probe queue is ${probeQueueName('<stack>')}, and SQS allows ${MAX_QUEUE_NAME}); ${JSON.stringify(home.stackName)} has ${home.stackName.length}`,
    });
  }
  return problems;
}
