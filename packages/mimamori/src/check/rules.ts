// Tiny validators that turn a user's object into a list of problems (field + message), never a throw.
import type { Diagnostic } from '../result/types.ts';

/** Returns a message when the value is wrong, undefined when it is fine. */
export type Rule = (value: unknown) => string | undefined;
export type Shape = Record<string, Rule>;

const show = (v: unknown): string => {
  if (typeof v === 'string') return JSON.stringify(v);
  if (typeof v === 'function') return 'a function';
  if (Array.isArray(v)) return 'an array';
  if (v === null) return 'null';
  return typeof v === 'object' ? 'an object' : String(v);
};

export const string: Rule = (v) => (typeof v === 'string' && v.trim() !== '' ? undefined : `must be a non-empty string, got ${show(v)}`);
/** A non-empty string that is valid Unicode: a lone surrogate cannot become UTF-8 (a key, a file name, a message). */
export const text: Rule = (v) =>
  string(v) ?? (/\p{Cs}/u.test(v as string) ? `must be valid Unicode text, got ${show(v)} (a lone surrogate)` : undefined);
export const boolean: Rule = (v) => (typeof v === 'boolean' ? undefined : `must be true or false, got ${show(v)}`);
export const fn: Rule = (v) => (typeof v === 'function' ? undefined : `must be a function, got ${show(v)}`);

export const positiveMs: Rule = (v) =>
  typeof v === 'number' && Number.isFinite(v) && v > 0 ? undefined : `must be a positive number of milliseconds, got ${show(v)}`;

export const intBetween = (min: number, max: number): Rule => (v) =>
  Number.isInteger(v) && (v as number) >= min && (v as number) <= max ? undefined : `must be a whole number from ${min} to ${max}, got ${show(v)}`;

export const numberBetween = (min: number, max: number): Rule => (v) =>
  typeof v === 'number' && v >= min && v <= max ? undefined : `must be a number from ${min} to ${max}, got ${show(v)}`;

export const oneOf = (values: readonly string[]): Rule => (v) =>
  typeof v === 'string' && values.includes(v) ? undefined : `must be one of ${values.map((x) => `'${x}'`).join(', ')}, got ${show(v)}`;

export const stringArray: Rule = (v) =>
  Array.isArray(v) && v.every((x) => typeof x === 'string' && x.trim() !== '') ? undefined : `must be an array of non-empty strings, got ${show(v)}`;

/** Names of environment variables, as shells write them: `LOGIN_PASSWORD`, `API_KEY_2`. */
export const ENV_NAME = /^[A-Z_][A-Z0-9_]*$/;
export const envNames: Rule = (v) => {
  if (!Array.isArray(v) || v.some((x) => typeof x !== 'string')) return `must be an array of environment variable names like 'LOGIN_PASSWORD', got ${show(v)}`;
  const bad = v.filter((x) => !ENV_NAME.test(x));
  return bad.length ? `${bad.map(show).join(', ')} ${bad.length === 1 ? 'is not an environment variable name' : 'are not environment variable names'} (capital letters, digits and _, not starting with a digit, like 'LOGIN_PASSWORD')` : undefined;
};

// RFC 9110 token characters: what a header name may be made of.
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
/** Header name → value; a value may not hold a line break (it would end the header). */
export const headers: Rule = (v) => {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return `must be an object of header names and string values, got ${show(v)}`;
  const problems = Object.entries(v).flatMap(([name, value]) => [
    ...(HEADER_NAME.test(name) ? [] : [`${show(name)} is not a header name`]),
    ...(typeof value !== 'string' ? [`${name} must be a string, got ${show(value)}`] : /[\r\n\0]/.test(value) ? [`${name} must not contain a line break`] : []),
  ]);
  return problems.length ? problems.join('; ') : undefined;
};

/** An HTTP status (100–599), or a non-empty list of them. */
export const statuses: Rule = (v) => {
  const ok = (x: unknown) => Number.isInteger(x) && (x as number) >= 100 && (x as number) <= 599;
  if (ok(v) || (Array.isArray(v) && v.length > 0 && v.every(ok))) return undefined;
  return `must be an HTTP status from 100 to 599, or a non-empty array of them, got ${Array.isArray(v) ? JSON.stringify(v) : show(v)}`;
};

/** `scheme://host[:port]`, nothing after it: what a browser compares credentials' origin with. */
export const origin: Rule = (v) => {
  const problem = httpUrl(v);
  if (problem) return problem;
  const url = new URL(v as string);
  return url.origin === (v as string).replace(/\/$/, '') ? undefined : `must be an origin like '${url.origin}' (no path, query or user), got ${show(v)}`;
};

export const httpUrl: Rule = (v) => {
  if (typeof v !== 'string') return `must be an http(s) URL string, got ${show(v)}`;
  try {
    const url = new URL(v);
    return url.protocol === 'http:' || url.protocol === 'https:' ? undefined : `must be an http(s) URL, got ${show(v)}`;
  } catch {
    return `must be an absolute URL like 'https://example.com', got ${show(v)}`;
  }
};

export const locale: Rule = (v) => {
  if (typeof v !== 'string') return `must be a locale string like 'ja-JP', got ${show(v)}`;
  try {
    Intl.getCanonicalLocales(v);
    return undefined;
  } catch {
    return `is not a valid locale (BCP 47, like 'en-US' or 'ja-JP'): ${show(v)}`;
  }
};

export const timeZone: Rule = (v) => {
  if (typeof v !== 'string') return `must be an IANA time zone like 'Asia/Tokyo', got ${show(v)}`;
  try {
    new Intl.DateTimeFormat('en', { timeZone: v });
    return undefined;
  } catch {
    return `is not a known IANA time zone (like 'Asia/Tokyo' or 'UTC'): ${show(v)}`;
  }
};

/** Checks every known key with its rule and names every unknown key, so all problems show at once. */
export function validateShape(value: unknown, shape: Shape, file: string, prefix = ''): Diagnostic[] {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return [{ file, field: prefix || undefined, message: `must be an object, got ${show(value)}` }];
  }
  const problems: Diagnostic[] = [];
  for (const [key, v] of Object.entries(value)) {
    const field = prefix ? `${prefix}.${key}` : key;
    const rule = shape[key];
    if (!rule) {
      problems.push({ file, field, message: `unknown option '${key}' (known: ${Object.keys(shape).join(', ')})` });
    } else if (v !== undefined) {
      const message = rule(v);
      if (message) problems.push({ file, field, message });
    }
  }
  return problems;
}

/**
 * Each item of a list checked against `shape`, with its required keys (key → the message when missing), as
 * `<prefix>[i].field message`: every problem of every item at once.
 */
export function itemProblems(items: unknown[], shape: Shape, prefix: string, required: Record<string, string>): string[] {
  return items.flatMap((item, i) => {
    const at = `${prefix}[${i}]`;
    const found = validateShape(item, shape, '', at);
    if (typeof item === 'object' && item !== null) {
      for (const [key, message] of Object.entries(required)) if ((item as Record<string, unknown>)[key] === undefined) found.push({ file: '', field: `${at}.${key}`, message });
    }
    return found.map((p) => `${p.field ?? at} ${p.message}`);
  });
}

/** The strings that occur more than once, each once. */
export const repeated = (values: unknown[]): string[] =>
  [...new Set(values.filter((v, i): v is string => typeof v === 'string' && values.indexOf(v) !== i))];

/** A rule for a nested object (with its required keys): problems inside it come back as one message. */
export const nested = (shape: Shape, required: string[] = []): Rule => (v) => {
  const problems = validateShape(v, shape, '');
  if (typeof v === 'object' && v !== null) {
    for (const key of required) if ((v as Record<string, unknown>)[key] === undefined) problems.push({ file: '', field: key, message: 'is required' });
  }
  return problems.length ? problems.map((p) => (p.field ? `${p.field} ${p.message}` : p.message)).join('; ') : undefined;
};
