// One redaction step for what the site and the check's code produce: declared secret values (and their encoded forms),
// URL userinfo, sensitive query parameters, credential headers and JSON keys become `***` before anything is printed,
// stored or sent. mimamori's own links (presigned S3 URLs it makes for the user) are not redacted: they are added after.
import type { CheckResult, ErrorInfo, Navigation, PageErrors, Screenshot, StepResult } from './types.ts';
import { MASK } from './mask.ts';
import { KNOWN_TOKEN, maskFreeText, maskKnownTokens } from './redact-free-text.ts';
import { QUERY, QUERY_ENCODED, USERINFO, urlCredentials } from './url-credentials.ts';

export { MASK };

/** A secret value shorter than this cannot be redacted without hiding ordinary text: a definition error. */
export const MIN_SECRET_LENGTH = 4;

/** The host's own credentials: never given to a worker, and redacted wherever their values appear. */
export const HOST_CREDENTIALS = ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'AWS_SECURITY_TOKEN', 'SLACK_BOT_TOKEN', 'CHATWORK_API_TOKEN'];

/**
 * Query parameters (and JSON keys) whose values are credentials on real sites: OAuth (`code`, `access_token`,
 * `id_token` in a fragment), API keys, sessions (`;jsessionid=`), S3 / GCS / Azure signed links (`X-Amz-Signature`,
 * `X-Amz-Credential`, `X-Amz-Security-Token`, `X-Goog-Signature`, `sig`). Compared ignoring case, `-`, `_` and `.`
 * (`apiKey`, `api-key` and `API_KEY` are one name); names ending in token, secret, password, passwd, signature,
 * credential or sessionid are sensitive too (`csrf_token`, `clientSecret`, `X-Goog-Signature`).
 */
export const DEFAULT_SENSITIVE_PARAMS: readonly string[] = [
  'token', 'access_token', 'refresh_token', 'id_token', 'key', 'api_key', 'apikey', 'secret', 'client_secret',
  'password', 'passwd', 'pwd', 'sig', 'signature', 'x-amz-signature', 'x-amz-credential', 'x-amz-security-token',
  'x-goog-signature', 'x-goog-credential', 'code', 'auth', 'session', 'sessionid', 'sid', 'jsessionid', 'phpsessid',
  'jwt', 'access_key', 'private_key', 'client_assertion', 'oauth_verifier', 'otp', 'ticket', 'samlresponse',
];

const SENSITIVE_SUFFIXES = ['token', 'secret', 'password', 'passwd', 'signature', 'credential', 'credentials', 'sessionid', 'accesskey', 'secretkey', 'privatekey'];

/** Headers whose values are credentials, when text shows them as `Name: value` (Playwright's call logs do). */
const SENSITIVE_HEADERS = [
  'authorization', 'proxy-authorization', 'cookie', 'set-cookie', 'x-api-key', 'api-key', 'x-auth-token',
  'x-access-token', 'private-token', 'x-amz-security-token', 'x-csrf-token', 'x-xsrf-token', 'ocp-apim-subscription-key',
];

export interface Redactor {
  /** Any text: messages, stacks, log lines, page error samples. */
  text(s: string): string;
  /** A URL field (a navigation, the base URL): the same rules as text. */
  url(u: string): string;
  /**
   * The credentials in `s` that cannot be redacted where they are (inside a trace's compressed entries): what kinds,
   * never their values — URL userinfo, a sensitive query parameter (by name), a declared secret's value.
   */
  find(s: string): string[];
}

const normalize = (name: string) => name.toLowerCase().replace(/[-_.\s]/g, '');

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/**
 * The forms a value takes in what mimamori sees: as is, percent-encoded (a query string, either hex case; a form's
 * `+` for spaces), JSON- and HTML-escaped, and base64 / base64url at each of the three byte alignments (so
 * `Basic base64(anyone:secret)` loses the secret's part whatever comes before it).
 */
function variants(value: string): string[] {
  const forms = new Set<string>();
  // The page may show a value re-cased (CSS `text-transform`): innerText and error messages then carry that form.
  // `capitalize` changes a one-word value's first letter only.
  const cased = new Set([value, value.toUpperCase(), value.toLowerCase(), value.charAt(0).toUpperCase() + value.slice(1)]);
  for (const v of cased) {
    forms.add(v);
    const percent = encodeURIComponent(v);
    forms.add(percent);
    forms.add(percent.replace(/%[0-9A-F]{2}/g, (h) => h.toLowerCase()));
    forms.add(new URLSearchParams({ v }).toString().slice(2));
    forms.add(encodeURI(v));
    forms.add(JSON.stringify(v).slice(1, -1));
    forms.add(v.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!));
    forms.add(v.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`));
  }
  // base64 of the value as typed only: a re-cased value is shown, not encoded.
  const bytes = Buffer.from(value, 'utf8');
  for (let k = 0; k < 3; k++) {
    const encoded = Buffer.concat([Buffer.alloc(k), bytes]).toString('base64');
    // Only the characters made of the value's own bits: the first ones carry the k bytes before it, the last ones padding.
    const core = encoded.slice(Math.ceil((8 * k) / 6), Math.floor((8 * (k + bytes.length)) / 6));
    // Short base64 fragments occur by chance in any base64 text.
    if (core.length >= 6) {
      forms.add(core);
      forms.add(core.replace(/\+/g, '-').replace(/\//g, '_'));
    }
  }
  return [...forms].filter((f) => f.length >= MIN_SECRET_LENGTH);
}

/** Every occurrence of every form, overlapping ones merged: `abcdef` and `defghi` in `abcdefghi` leave nothing. */
function maskValues(s: string, forms: string[]): string {
  if (forms.length === 0) return s;
  const spans: [number, number][] = [];
  for (const form of forms) {
    for (let at = s.indexOf(form); at >= 0; at = s.indexOf(form, at + 1)) spans.push([at, at + form.length]);
  }
  if (spans.length === 0) return s;
  spans.sort((a, b) => a[0] - b[0] || b[1] - a[1]);
  let out = '';
  let pos = 0;
  let i = 0;
  while (i < spans.length) {
    const start = spans[i]![0];
    let end = spans[i]![1];
    // Touching spans are one: `secret1secret2` becomes `***`, not `******` telling where one ends.
    while (++i < spans.length && spans[i]![0] <= end) end = Math.max(end, spans[i]![1]);
    out += s.slice(pos, start) + MASK;
    pos = end;
  }
  return out + s.slice(pos);
}

const HEADER_LINE = new RegExp(`\\b(${SENSITIVE_HEADERS.map((h) => h.replace(/-/g, '\\-')).join('|')})([ \\t]*:[ \\t]*)(?![ \\t'"])([^\\r\\n]+)`, 'gi');
const KEY_VALUE = /(["']?)([A-Za-z_$][\w$.-]{0,100})\1([ \t]*:[ \t]*)(["'])((?:(?!\4)[^\\\r\n]|\\.)*)\4/g;
const KEY_VALUE_ESCAPED = /\\"([A-Za-z_$][\w$.-]{0,100})\\"([ \t]*:[ \t]*)\\"((?:(?!\\").)*)\\"/g;
const BEARER = /\b(Bearer)([ \t]+)[A-Za-z0-9._~+/-]{8,}=*/g;
const BASIC = /\b(Basic)([ \t]+)([A-Za-z0-9+/]{6,}={0,2})/g;
const JWT = /\beyJ[A-Za-z0-9_-]{4,}\.eyJ[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]*/g;
const AMBIGUOUS_KEYS = new Set(['code', 'key']);
// Prose says `Session: 3 active`, `Auth: failed`, `Ticket: #12`: as `name: value` these are not credentials.
const PROSE_KEYS = new Set(['auth', 'session', 'sid', 'ticket', 'otp', 'sig', 'signature']);

/** `Basic dXNlcjpwdw==`: base64 of printable `user:password` (not the word "Basic" before ordinary text). */
function isUserPassword(token: string): boolean {
  const decoded = Buffer.from(token, 'base64').toString('utf8');
  return decoded.includes(':') && !/[\u0000-\u001f\u007f\ufffd]/.test(decoded);
}

const PRIVATE_KEY = /-----BEGIN [A-Z ]*PRIVATE KEY-----[\s\S]*?(?:-----END [A-Z ]*PRIVATE KEY-----|$)/g;

export function makeRedactor(o: { values: string[]; queryParams?: string[] }): Redactor {
  const forms = [...new Set(o.values.filter((v) => typeof v === 'string' && v.length >= MIN_SECRET_LENGTH).flatMap(variants))];
  const names = new Set([...DEFAULT_SENSITIVE_PARAMS, ...(o.queryParams ?? [])].map(normalize));
  const headers = new Set(SENSITIVE_HEADERS.map(normalize));
  const sensitive = (name: string) => {
    const n = normalize(safeDecode(name));
    return names.has(n) || headers.has(n) || SENSITIVE_SUFFIXES.some((s) => n.endsWith(s));
  };
  // `code: 'ERR_…'` and `key: 'Enter'` are what errors and key events print: in a URL they are credentials, as keys not.
  const sensitiveKey = (name: string) => !AMBIGUOUS_KEYS.has(normalize(name)) && sensitive(name);
  const freeName = (name: string, colon: boolean) => (!colon || !PROSE_KEYS.has(normalize(name))) && sensitiveKey(name);
  const text = (input: string): string => {
    if (typeof input !== 'string' || input === '') return input;
    let s = maskValues(input, forms);
    s = s.replace(PRIVATE_KEY, MASK);
    s = s.replace(JWT, MASK);
    s = maskKnownTokens(s);
    s = s.replace(USERINFO, (_, info: string) => (info.includes(':') ? `//${MASK}:${MASK}@` : `//${MASK}@`));
    s = s.replace(QUERY, (all, sep: string, name: string, value: string) => (value && sensitive(name) ? `${sep}${name}=${MASK}` : all));
    s = s.replace(QUERY_ENCODED, (all, sep: string, name: string, eq: string, value: string) => (value && sensitive(name) ? `${sep}${name}${eq}${MASK}` : all));
    s = s.replace(KEY_VALUE, (all, q: string, name: string, colon: string, vq: string, value: string) =>
      (value && sensitiveKey(name) ? `${q}${name}${q}${colon}${vq}${MASK}${vq}` : all));
    s = s.replace(KEY_VALUE_ESCAPED, (all, name: string, colon: string, value: string) =>
      (value && sensitiveKey(name) ? `\\"${name}\\"${colon}\\"${MASK}\\"` : all));
    s = s.replace(HEADER_LINE, (_, name: string, colon: string) => `${name}${colon}${MASK}`);
    s = s.replace(BEARER, (_, word: string, space: string) => `${word}${space}${MASK}`);
    s = s.replace(BASIC, (all, word: string, space: string, token: string) => (isUserPassword(token) ? `${word}${space}${MASK}` : all));
    // Last: a `token: Bearer …` line has had its credential masked by the rules above already.
    s = maskFreeText(s, freeName);
    return s;
  };
  const find = (input: string): string[] => {
    const found: string[] = [];
    if (forms.some((form) => input.includes(form))) found.push("a declared secret's value");
    const { userinfo, params } = urlCredentials(input, sensitive);
    if (userinfo) found.push('URL userinfo');
    // Names only (a name is not a value), a few, short: enough to say which URL did it.
    const named = [...params].slice(0, 5).map((name) => safeDecode(name).slice(0, 40));
    if (named.length) found.push(`sensitive URL parameters (${named.join(', ')}${params.size > named.length ? ', …' : ''})`);
    if (new RegExp(KNOWN_TOKEN.source).test(input)) found.push('a well-known token (AWS key id, Slack, GitHub, Stripe, npm)');
    return found;
  };
  return { text, url: text, find };
}

/** Header names whose values are credentials (Authorization, Cookie, X-Api-Key, X-Auth-Token, …). */
export const CREDENTIAL_HEADER = /auth|cookie|token|secret|key|session|password|signature|credential/i;

/** What of a check holds credentials (a CheckData fits; result/ imports nothing of check/). */
export interface RedactionSources {
  secrets?: readonly string[];
  httpCredentials?: { username: string; password: string };
  extraHTTPHeaders?: Record<string, string>;
}

/**
 * The host's redactor for a run of `checks`: their declared secrets' values read from `env` (the host's environment:
 * `.env` loaded locally, the SSM parameters on Lambda), their httpCredentials passwords (and `user:password` as its
 * Basic header carries it), the values of their extraHTTPHeaders that carry credentials (by the header's name; and the
 * credential after a scheme word such as `Bearer`),
 * and the config's extra sensitive query parameter names. The CLI and Lambda build it here, the same way.
 */
export function redactorFor(checks: readonly RedactionSources[], config: { redact?: { queryParams?: string[] } } | undefined, env: NodeJS.ProcessEnv, secretNames: readonly string[] = []): Redactor {
  // The host's credentials, and secrets the host reads by name (the routes' Teams and webhook URLs, signing keys).
  const values: string[] = [...HOST_CREDENTIALS, ...secretNames].map((name) => env[name]).filter((v): v is string => Boolean(v));
  for (const check of checks) {
    for (const name of check.secrets ?? []) {
      const value = env[name];
      if (value) values.push(value);
    }
    const credentials = check.httpCredentials;
    if (credentials?.password) {
      values.push(credentials.password, Buffer.from(`${credentials.username}:${credentials.password}`).toString('base64'));
    }
    for (const [header, value] of Object.entries(check.extraHTTPHeaders ?? {})) {
      // A header that carries a credential, by its name: `X-Env: prod` must not turn "product" into "***uct".
      if (typeof value !== 'string' || !CREDENTIAL_HEADER.test(header)) continue;
      values.push(value);
      const credential = /^[A-Za-z-]+\s+(\S.*)$/.exec(value)?.[1];
      if (credential) values.push(credential);
    }
  }
  return makeRedactor({ values, queryParams: config?.redact?.queryParams });
}

/** Redacts nothing but the structural rules (userinfo, sensitive parameters, headers): before the secrets are known. */
export const structuralRedactor = (): Redactor => makeRedactor({ values: [] });

function redactError(error: ErrorInfo | undefined, r: Redactor): void {
  if (!error) return;
  error.name = r.text(error.name);
  error.message = r.text(error.message);
  if (error.stack !== undefined) error.stack = r.text(error.stack);
  if (error.step !== undefined) error.step = r.text(error.step);
}

function redactSteps(steps: StepResult[], r: Redactor): void {
  for (const step of steps) {
    step.name = r.text(step.name);
    redactError(step.error, r);
  }
}

function redactNavigations(navigations: Navigation[], r: Redactor): void {
  for (const navigation of navigations) {
    navigation.url = r.url(navigation.url);
    if (navigation.step !== undefined) navigation.step = r.text(navigation.step);
  }
}

/**
 * A screenshot's step, and its file name when that was made from the step (`03-<slug of the step>.png` becomes
 * `03-redacted.png`). Its bytes show what the page showed (use `mask`); its `link` and `path` are mimamori's own.
 */
function redactScreenshots(screenshots: Screenshot[], r: Redactor): void {
  for (const shot of screenshots) {
    if (shot.step === undefined) continue;
    const step = r.text(shot.step);
    if (step === shot.step) continue;
    shot.step = step;
    shot.file = shot.file.replace(/^((?:attempt\d+-)?\d+-).*?((?:-failure)?\.png)$/, '$1redacted$2');
  }
}

function redactPageErrors(pageErrors: PageErrors | undefined, r: Redactor): void {
  if (pageErrors) pageErrors.samples = pageErrors.samples.map((s) => r.text(s));
}

/** One attempt's result as it comes from a worker, in place (progress lines print it before the check's result exists). */
export function redactAttempt(attempt: { steps: StepResult[]; navigations: Navigation[]; screenshots: Screenshot[]; pageErrors: PageErrors; error?: ErrorInfo }, r: Redactor): void {
  redactSteps(attempt.steps, r);
  redactNavigations(attempt.navigations, r);
  redactScreenshots(attempt.screenshots, r);
  redactPageErrors(attempt.pageErrors, r);
  redactError(attempt.error, r);
}

/**
 * Every string in the result that came from the site or the check (error message/stack, steps, navigations,
 * warnings, page error samples, base URL, description, attempt history, the usual verdict's sentences), in place.
 * Left alone: the check's name, file and tags (its identity: the store's keys and the incident state are made of
 * them, and they are source code, not secrets); screenshots' bytes; and what mimamori adds itself after the run —
 * `storage`, `notification`, `lastGood` and screenshots' `link`/`path` (its own presigned S3 links carry
 * X-Amz-Signature and X-Amz-Security-Token: redacting them would break the links it makes for the user).
 */
export function redactResult(result: CheckResult, r: Redactor): void {
  if (result.description !== undefined) result.description = r.text(result.description);
  result.baseURL = r.url(result.baseURL);
  redactAttempt(result, r);
  for (const attempt of result.attemptHistory) redactError(attempt.error, r);
  if (result.warnings) result.warnings = result.warnings.map((w) => r.text(w));
  const usual = result.usual;
  if (usual) {
    usual.sentence = r.text(usual.sentence);
    if (usual.state !== 'learning') {
      usual.rule = r.text(usual.rule);
      if (usual.step) usual.step.name = r.text(usual.step.name);
    }
  }
}
