// A CloudFormation/SAM template read without `sam` or AWS, for the template tests (template.yaml, probe.yaml): parsed
// with CloudFormation's short-form tags (without them `!Ref X` silently parses as the string "X"), walked for dangling
// references and missing conditions, and read by resource, parameter, environment and policy statement.
import { parseDocument, type CollectionTag, type ScalarTag } from 'yaml';

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

// ---------------------------------------------------------------------------------------------------------------
// Parsing
// ---------------------------------------------------------------------------------------------------------------

/** Intrinsic functions whose short form `!X` becomes `{ 'Fn::X': value }`, in any node kind. */
export const FN_TAGS = ['Sub', 'If', 'Join', 'Select', 'Split', 'Equals', 'Not', 'And', 'Or', 'FindInMap', 'Base64', 'Cidr', 'ImportValue', 'GetAZs'];

export function collectionTags(tag: string, wrap: (value: unknown) => unknown): CollectionTag[] {
  return (['seq', 'map'] as const).map((collection) => ({ tag, collection, resolve: (node) => wrap(node.toJSON()) }));
}

export const CFN_TAGS: (ScalarTag | CollectionTag)[] = [
  { tag: '!Ref', resolve: (value) => ({ Ref: value }) },
  { tag: '!Condition', resolve: (value) => ({ Condition: value }) },
  {
    tag: '!GetAtt',
    // `!GetAtt A.B.C` is ['A', 'B.C']: the logical ID has no dots, attribute names may (Endpoint.Address).
    resolve: (value) => {
      const dot = value.indexOf('.');
      return { 'Fn::GetAtt': dot < 0 ? [value] : [value.slice(0, dot), value.slice(dot + 1)] };
    },
  },
  ...collectionTags('!GetAtt', (value) => ({ 'Fn::GetAtt': value })),
  ...FN_TAGS.flatMap((name): (ScalarTag | CollectionTag)[] => [
    { tag: `!${name}`, resolve: (value: string) => ({ [`Fn::${name}`]: value }) },
    ...collectionTags(`!${name}`, (value) => ({ [`Fn::${name}`]: value })),
  ]),
];

/** Parses a CloudFormation/SAM template; any YAML error or warning (an unknown `!Tag`, a duplicate key) throws. */
export function parseTemplate(text: string): JsonObject {
  const doc = parseDocument(text, { customTags: CFN_TAGS, uniqueKeys: true });
  const problems = [...doc.errors, ...doc.warnings].map((e) => e.message);
  if (problems.length > 0) throw new Error(`template.yaml does not parse cleanly:\n${problems.join('\n')}`);
  const template = doc.toJS() as Json;
  if (!isObject(template)) throw new Error('template.yaml is not a mapping');
  return template;
}

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function obj(value: Json | undefined, what: string): JsonObject {
  if (!isObject(value)) throw new Error(`${what} is not a mapping: ${JSON.stringify(value)}`);
  return value;
}

export function list(value: Json | undefined): Json[] {
  return value === undefined ? [] : Array.isArray(value) ? value : [value];
}

// ---------------------------------------------------------------------------------------------------------------
// Reference checking
// ---------------------------------------------------------------------------------------------------------------

export const PSEUDO_PARAMETERS = new Set([
  'AWS::AccountId', 'AWS::NotificationARNs', 'AWS::NoValue', 'AWS::Partition', 'AWS::Region', 'AWS::StackId',
  'AWS::StackName', 'AWS::URLSuffix',
]);

export interface Reference {
  kind: 'Ref' | 'Fn::GetAtt' | 'Fn::Sub';
  name: string;
  attribute?: string;
  path: string;
}

export function walk(value: Json, visit: (value: Json, path: string[]) => void, path: string[] = []): void {
  visit(value, path);
  if (Array.isArray(value)) value.forEach((item, i) => walk(item, visit, [...path, String(i)]));
  else if (isObject(value)) for (const [key, item] of Object.entries(value)) walk(item, visit, [...path, key]);
}

/** Every Ref, GetAtt and `${…}` in a Sub string, anywhere in the template (pseudo parameters included). */
export function references(template: JsonObject): Reference[] {
  const found: Reference[] = [];
  walk(template, (value, pathParts) => {
    if (!isObject(value)) return;
    const path = pathParts.join('.');
    if ('Ref' in value) found.push({ kind: 'Ref', name: String(value.Ref), path });
    if ('Fn::GetAtt' in value) {
      const [name, attribute] = list(value['Fn::GetAtt']).map(String);
      found.push({ kind: 'Fn::GetAtt', name: name ?? '', attribute, path });
    }
    if ('Fn::Sub' in value) {
      const sub = value['Fn::Sub'];
      const [text, variables] = Array.isArray(sub) ? sub : [sub, {}];
      if (typeof text !== 'string') {
        found.push({ kind: 'Fn::Sub', name: `<Sub of a ${typeof text}, not a string>`, path });
        return;
      }
      const local = isObject(variables) ? Object.keys(variables) : [];
      for (const [, inner] of text.matchAll(/\$\{([^}]*)\}/g)) {
        if (inner.startsWith('!')) continue; // ${!Literal} is an escaped literal "${Literal}"
        const dot = inner.indexOf('.');
        const name = dot < 0 ? inner : inner.slice(0, dot);
        if (local.includes(name)) continue;
        found.push({ kind: 'Fn::Sub', name, attribute: dot < 0 ? undefined : inner.slice(dot + 1), path });
      }
    }
  });
  return found;
}

/** References that name nothing: not a parameter, resource or pseudo parameter (GetAtt/`${A.B}`: not a resource). */
export function danglingReferences(template: JsonObject): string[] {
  const parameters = new Set(Object.keys(obj(template.Parameters ?? {}, 'Parameters')));
  const resources = new Set(Object.keys(obj(template.Resources, 'Resources')));
  return references(template)
    .filter((ref) => {
      if (ref.attribute !== undefined || ref.kind === 'Fn::GetAtt') return !resources.has(ref.name) || !ref.attribute;
      if (ref.name.startsWith('AWS::')) return !PSEUDO_PARAMETERS.has(ref.name);
      return !parameters.has(ref.name) && !resources.has(ref.name);
    })
    .map((ref) => `${ref.path}: ${ref.kind} ${ref.name}${ref.attribute ? `.${ref.attribute}` : ''}`);
}

/** Conditions used (Fn::If's first item, `Condition: Name` on resources/outputs, `!Condition`) but not defined. */
export function missingConditions(template: JsonObject): string[] {
  const defined = new Set(Object.keys(obj(template.Conditions ?? {}, 'Conditions')));
  const missing: string[] = [];
  walk(template, (value, path) => {
    if (!isObject(value)) return;
    const used: string[] = [];
    if ('Fn::If' in value) used.push(String(list(value['Fn::If'])[0]));
    if (typeof value.Condition === 'string') used.push(value.Condition); // an IAM Condition is a mapping: skipped
    for (const name of used) if (!defined.has(name)) missing.push(`${path.join('.')}: condition ${name}`);
  });
  return missing;
}

// ---------------------------------------------------------------------------------------------------------------
// Template accessors and policy checks
// ---------------------------------------------------------------------------------------------------------------

export function resource(template: JsonObject, id: string): JsonObject {
  return obj(obj(template.Resources, 'Resources')[id], `Resources.${id}`);
}

export function props(template: JsonObject, id: string): JsonObject {
  return obj(resource(template, id).Properties, `Resources.${id}.Properties`);
}

export function parameter(template: JsonObject, id: string): JsonObject {
  return obj(obj(template.Parameters, 'Parameters')[id], `Parameters.${id}`);
}

export const ref = (name: string) => ({ Ref: name });
export const getAtt = (name: string, attribute: string) => ({ 'Fn::GetAtt': [name, attribute] });
export const sub = (text: string) => ({ 'Fn::Sub': text });

export interface Statement {
  Effect?: Json;
  Action?: Json;
  Resource?: Json;
  Condition?: Json;
}

/** The inline statements of a function's Policies, and its other entries (SAM policy templates, managed ARNs). */
export function functionPolicies(template: JsonObject, id: string): { statements: Statement[]; others: Json[] } {
  const statements: Statement[] = [];
  const others: Json[] = [];
  for (const policy of list(props(template, id).Policies)) {
    if (isObject(policy) && 'Statement' in policy) statements.push(...(list(policy.Statement) as Statement[]));
    else others.push(policy);
  }
  return { statements, others };
}

export function environment(template: JsonObject, id: string): JsonObject {
  return obj(obj(props(template, id).Environment, `${id}.Environment`).Variables, `${id}.Environment.Variables`);
}

export function functionIds(template: JsonObject): string[] {
  return Object.entries(obj(template.Resources, 'Resources'))
    .filter(([, r]) => isObject(r) && (r.Type === 'AWS::Serverless::Function' || r.Type === 'AWS::Lambda::Function'))
    .map(([id]) => id);
}
