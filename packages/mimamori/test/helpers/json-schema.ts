// A small JSON Schema (2020-12) validator for the keywords the webhook's schema uses — type, const, enum, properties,
// required, additionalProperties, items, oneOf, pattern, minLength/maxLength, minimum, format date-time/uri — so a test
// can hold payloads to the published schema without a validator dependency. A keyword it does not know fails loudly:
// the schema must not say more than this checks.
type Schema = Record<string, unknown>;

const KNOWN = new Set(['$schema', '$id', 'title', 'description', 'type', 'const', 'enum', 'properties', 'required', 'additionalProperties', 'items', 'oneOf', 'pattern', 'minLength', 'maxLength', 'minimum', 'format']);
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

function typeOf(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'number') return Number.isInteger(v) ? 'integer' : 'number';
  return typeof v;
}

const isType = (v: unknown, t: string) => typeOf(v) === t || (t === 'number' && typeOf(v) === 'integer');

/** Every way `value` breaks `schema`, each as `path: problem`; none when it conforms. */
export function validate(schema: Schema, value: unknown, path = '$'): string[] {
  const unknown = Object.keys(schema).filter((k) => !KNOWN.has(k));
  if (unknown.length) throw new Error(`${path}: the validator does not know ${unknown.join(', ')}`);
  const errors: string[] = [];
  const fail = (problem: string) => errors.push(`${path}: ${problem}`);
  if (schema.type !== undefined) {
    const types = ([] as string[]).concat(schema.type as string | string[]);
    if (!types.some((t) => isType(value, t))) return [`${path}: is ${typeOf(value)}, not ${types.join(' or ')}`];
  }
  if ('const' in schema && value !== schema.const) fail(`is ${JSON.stringify(value)}, not ${JSON.stringify(schema.const)}`);
  if (schema.enum && !(schema.enum as unknown[]).includes(value)) fail(`${JSON.stringify(value)} is not one of ${JSON.stringify(schema.enum)}`);
  if (schema.oneOf) {
    const matching = (schema.oneOf as Schema[]).filter((s) => validate(s, value, path).length === 0).length;
    if (matching !== 1) fail(`matches ${matching} of oneOf, not exactly 1 (${(schema.oneOf as Schema[]).flatMap((s) => validate(s, value, path)).join('; ')})`);
  }
  if (typeof value === 'string') {
    const length = [...value].length;
    if (typeof schema.minLength === 'number' && length < schema.minLength) fail(`shorter than ${schema.minLength}`);
    if (typeof schema.maxLength === 'number' && length > schema.maxLength) fail(`longer than ${schema.maxLength}`);
    if (typeof schema.pattern === 'string' && !new RegExp(schema.pattern, 'u').test(value)) fail(`does not match ${schema.pattern}`);
    if (schema.format === 'date-time' && !(DATE_TIME.test(value) && Number.isFinite(Date.parse(value)))) fail('is not a date-time');
    if (schema.format === 'uri' && !URL.canParse(value)) fail('is not a URI');
  }
  if (typeof value === 'number' && typeof schema.minimum === 'number' && value < schema.minimum) fail(`less than ${schema.minimum}`);
  if (Array.isArray(value) && schema.items) value.forEach((v, i) => errors.push(...validate(schema.items as Schema, v, `${path}[${i}]`)));
  if (typeOf(value) === 'object') {
    const obj = value as Record<string, unknown>;
    const props = (schema.properties ?? {}) as Record<string, Schema>;
    for (const k of (schema.required ?? []) as string[]) if (!(k in obj)) fail(`lacks ${k}`);
    for (const [k, v] of Object.entries(obj)) {
      if (props[k]) errors.push(...validate(props[k], v, `${path}.${k}`));
      else if (schema.additionalProperties === false) fail(`has ${k}, which the schema does not define`);
    }
  }
  return errors;
}
