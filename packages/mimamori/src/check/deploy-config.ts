// The config's `deploy` section: what `mimamori deploy` hands `sam deploy` (src/cli/deploy.ts). Checked as strictly as
// the rest of the config — an unknown key, a stack name CloudFormation refuses, a parameter template.yaml does not
// declare — so a typo fails here, naming the field, and not minutes into a deploy.
import type { Diagnostic } from '../result/types.ts';
import * as r from './rules.ts';

/** CloudFormation's rule for stack names. */
export const STACK_NAME = /^[A-Za-z][A-Za-z0-9-]{0,127}$/;
/** us-east-1, ap-northeast-1, us-gov-west-1, cn-north-1, eu-central-2… */
export const REGION = /^[a-z]{2}(-[a-z]+)+-\d{1,2}$/;

export const stackName: r.Rule = (v) =>
  typeof v === 'string' && STACK_NAME.test(v) ? undefined : `must be a CloudFormation stack name (a letter, then letters, digits and -, at most 128 characters, like 'mimamori-prod'), got ${JSON.stringify(v)}`;
export const region: r.Rule = (v) => (typeof v === 'string' && REGION.test(v) ? undefined : `must be an AWS region like 'ap-northeast-1', got ${JSON.stringify(v)}`);
const bucket: r.Rule = (v) =>
  typeof v === 'string' && /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(v) ? undefined : `must be an S3 bucket name (3 to 63 lower-case letters, digits, . and -), got ${JSON.stringify(v)}`;

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The keys of `deploy` (the rules of the two maps are checked key by key below). */
const shape: r.Shape = { stackName, region, profile: r.string, s3Bucket: bucket, parameters: () => undefined, tags: () => undefined };

/**
 * Every problem of `deploy`, each with its field (`deploy.parameters.SlackChanel`). `templateParameters`: the names
 * template.yaml declares; a parameter not among them is refused (CloudFormation would refuse the whole deploy).
 */
export function deployConfigProblems(value: unknown, file: string, templateParameters?: readonly string[]): Diagnostic[] {
  const problems = r.validateShape(value, shape, file, 'deploy');
  if (!isRecord(value)) return problems;
  const at = (field: string, message: string) => problems.push({ file, field: `deploy.${field}`, message });
  const { parameters, tags } = value;
  if (parameters !== undefined && !isRecord(parameters)) at('parameters', 'must be an object of template parameters and their values, like { SlackChannel: \'C0123456789\' }');
  if (isRecord(parameters)) {
    for (const [name, v] of Object.entries(parameters)) {
      if (templateParameters && !templateParameters.includes(name)) {
        at(`parameters.${name}`, `is not a parameter of template.yaml (it declares ${templateParameters.join(', ')})`);
      } else if (!['string', 'number', 'boolean'].includes(typeof v) || (typeof v === 'number' && !Number.isFinite(v))) {
        at(`parameters.${name}`, `must be a string, number or boolean, got ${Array.isArray(v) ? 'an array' : v === null ? 'null' : typeof v}`);
      }
    }
  }
  if (tags !== undefined && !isRecord(tags)) at('tags', "must be an object of tag names and string values, like { team: 'web' }");
  if (isRecord(tags)) {
    for (const [name, v] of Object.entries(tags)) {
      if (name.length > 128 || name.startsWith('aws:')) at(`tags.${name}`, 'is not a tag name AWS allows (at most 128 characters, not starting with aws:)');
      else if (typeof v !== 'string' || v.length > 256) at(`tags.${name}`, `must be a string of at most 256 characters, got ${JSON.stringify(v)}`);
    }
  }
  return problems;
}

/**
 * The parameter names a SAM template declares: the keys of its top-level `Parameters:` block, read as text (its `!Ref`
 * tags need no parser, and this runs where the config is validated).
 */
export function templateParameterNames(templateText: string): string[] {
  const lines = templateText.split(/\r?\n/);
  const start = lines.findIndex((l) => /^Parameters:\s*$/.test(l));
  if (start < 0) return [];
  const names: string[] = [];
  for (const line of lines.slice(start + 1)) {
    if (/^[^\s#]/.test(line)) break; // the next top-level key
    const name = /^ {2}([A-Za-z0-9]+):/.exec(line)?.[1];
    if (name) names.push(name);
  }
  return names;
}
