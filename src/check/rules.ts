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

/** A rule for a nested object (with its required keys): problems inside it come back as one message. */
export const nested = (shape: Shape, required: string[] = []): Rule => (v) => {
  const problems = validateShape(v, shape, '');
  if (typeof v === 'object' && v !== null) {
    for (const key of required) if ((v as Record<string, unknown>)[key] === undefined) problems.push({ file: '', field: key, message: 'is required' });
  }
  return problems.length ? problems.map((p) => (p.field ? `${p.field} ${p.message}` : p.message)).join('; ') : undefined;
};
