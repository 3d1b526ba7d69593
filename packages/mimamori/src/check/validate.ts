// Validation of check definitions and the project config into diagnostics: every problem, with file and field.
import { devices } from 'playwright-core';
import type { Diagnostic } from '../result/types.ts';
import type { CheckDefinition, LogWatchConfig, ProjectConfig } from './types.ts';
import { validateSchedule } from './schedule.ts';
import * as r from './rules.ts';
import { printable } from '../result/printable.ts';
import { CREDENTIAL_HEADER, HOST_CREDENTIALS, MIN_SECRET_LENGTH } from '../result/redact.ts';
import { nestedRepetition } from './nested-repetition.ts';
import { deployConfigProblems } from './deploy-config.ts';
import { maintenanceProblems } from './maintenance-config.ts';
import { RENAMED_OPTIONS, type RenamedOptions } from './renamed-options.ts';
import { notifyRoutes, notifyTargets } from './notify-rules.ts';

const device: r.Rule = (v) =>
  typeof v === 'string' && v in devices ? undefined : `is not a Playwright device name (like 'iPhone 15' or 'Desktop Chrome'): ${JSON.stringify(v)}`;

const slowerRule = r.nested({ factor: r.numberBetween(1.1, 100), minDeltaMs: r.intBetween(0, 600_000), window: r.intBetween(1, 20), learnRuns: r.intBetween(5, 40) });
const slowerThanUsual: r.Rule = (v) => (typeof v === 'boolean' ? undefined : typeof v === 'object' && v !== null ? slowerRule(v) : 'must be true, false or an object { factor, minDeltaMs, window, learnRuns }');

/** The digest's local time: 'HH:MM' from 00:00 to 23:59. */
const digestTime: r.Rule = (v) =>
  typeof v === 'string' && /^([01]\d|2[0-3]):[0-5]\d$/.test(v) ? undefined : `must be a local time 'HH:MM' from 00:00 to 23:59 (like '09:00'), got ${JSON.stringify(v)}`;

const visualRule = r.nested({
  threshold: r.numberBetween(0, 1), maxDiffPixelRatio: r.numberBetween(0, 1), mask: r.stringArray, onChange: r.oneOf(['degraded', 'failed']),
});
const visual: r.Rule = (v) =>
  v === false ? undefined : typeof v === 'object' && v !== null && !Array.isArray(v) ? visualRule(v) : 'must be false or an object { threshold, maxDiffPixelRatio, mask, onChange }';

/**
 * Names of environment variables, but not mimamori's own credentials: the workers never get those (a check that prints
 * its environment must not find the host's S3 keys or Slack token), so a check cannot ask for them by name either.
 */
const secrets: r.Rule = (v) => {
  const bad = r.envNames(v);
  if (bad) return bad;
  const host = (v as string[]).filter((name) => HOST_CREDENTIALS.includes(name));
  if (host.length === 0) return undefined;
  return `${host.join(', ')} ${host.length === 1 ? "is mimamori's own credential" : "are mimamori's own credentials"} (its AWS access or its Slack token), never given to a check: keep the check's secret under a name of its own, like 'SHOP_API_TOKEN'`;
};

/** AWS region names (`us-west-2`, `ap-northeast-1`, `us-gov-west-1`), each once, at most 5. */
const REGION = /^[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-\d$/;
const regions: r.Rule = (v) => {
  if (!Array.isArray(v)) return `must be an array of AWS region names like ['us-west-2'], got ${JSON.stringify(v)}`;
  const bad = v.filter((x) => typeof x !== 'string' || !REGION.test(x));
  if (bad.length) return `${bad.map((x) => JSON.stringify(x)).join(', ')} ${bad.length === 1 ? 'is not an AWS region name' : 'are not AWS region names'} (like 'us-west-2')`;
  const twice = r.repeated(v);
  if (twice.length) return `${twice.map((x) => `'${x}'`).join(', ')} listed twice`;
  return v.length > 5 ? `names ${v.length} regions; at most 5 (each is a probe stack, and a failing run waits for all of them)` : undefined;
};

const schedule: r.Rule = (v) => (typeof v === 'string' ? validateSchedule(v) : r.string(v));

/** Options a check may set and the config may default. */
export const optionShape: r.Shape = {
  description: r.string,
  tags: r.stringArray,
  timeoutMs: r.positiveMs,
  retries: r.intBetween(0, 5),
  degradedResponseTime: r.positiveMs,
  maxResponseTime: r.positiveMs,
  screenshot: r.oneOf(['final', 'every-step', 'only-on-failure', 'off']),
  fullPage: r.boolean,
  mask: r.stringArray,
  trace: r.oneOf(['off', 'retain-on-failure', 'on']),
  viewport: r.nested({ width: r.intBetween(100, 10_000), height: r.intBetween(100, 10_000) }, ['width', 'height']),
  device,
  locale: r.locale,
  timezoneId: r.timeZone,
  schedule,
  alerts: r.nested({
    notify: r.oneOf(['problems', 'always', 'never']), alertAfter: r.intBetween(1, 100), remindEvery: r.intBetween(1, 1000), channel: r.string,
    homeOnly: r.oneOf(['note', 'incident', 'none']),
  }),
  notify: notifyTargets,
  slowerThanUsual,
  secrets,
  httpCredentials: r.nested({ username: r.string, password: r.string, origin: r.origin }, ['username', 'password']),
  extraHTTPHeaders: r.headers,
  ignoreHTTPSErrors: r.boolean,
  expectedStatus: r.statuses,
  visual,
  confirmFrom: regions,
  // A probe's cold start (Chromium) and its journey both fit in it; the run's own deadline still bounds the wait.
  confirmTimeoutMs: r.intBetween(5_000, 600_000),
};

export const stepOptionShape: r.Shape = {
  degradedResponseTime: r.positiveMs,
  maxResponseTime: r.positiveMs,
  timeout: r.positiveMs,
};

const checkShape: r.Shape = { ...optionShape, name: r.text, run: r.fn };

// ---------------------------------------------------------------------------------------------------------------
// logWatches and limitWatches: what the build turns into subscription filters and alarms (src/build/watch-stack.ts).
// ---------------------------------------------------------------------------------------------------------------

const MAX_WATCHED_LOG_GROUPS = 50;
/** A watch names its subscription filters (`<stack>-<name>`, at most 512), its S3 state and its Slack message. */
const WATCH_NAME = /^[A-Za-z0-9_-]{1,64}$/;
const watchName: r.Rule = (v) => (typeof v === 'string' && WATCH_NAME.test(v) ? undefined : `must be 1 to 64 letters, digits, - or _, like 'api-errors', got ${JSON.stringify(v)}`);
/** CloudWatch Logs' own rule for log group names. */
const logGroupNames: r.Rule = (v) => {
  if (!Array.isArray(v) || v.length === 0) return `must be a non-empty array of log group names like '/aws/lambda/api', got ${JSON.stringify(v)}`;
  const bad = v.filter((g) => typeof g !== 'string' || !/^[A-Za-z0-9_\-/.#]{1,512}$/.test(g));
  return bad.length ? `${bad.map((g) => JSON.stringify(g)).join(', ')} ${bad.length === 1 ? 'is not a log group name' : 'are not log group names'} (letters, digits, _ - / . #)` : undefined;
};
const regExp: r.Rule = (v) => (v instanceof RegExp ? undefined : `must be a regular expression like /ERROR|Unhandled/, got ${typeof v === 'string' ? `the string ${JSON.stringify(v)} (write /…/ without quotes)` : JSON.stringify(v)}`);
const filterPattern: r.Rule = (v) => (typeof v === 'string' && v.length <= 1024 ? undefined : `must be a CloudWatch Logs filter pattern of at most 1024 characters ('' for every line), got ${JSON.stringify(v)}`);
const logWatchShape: r.Shape = { name: watchName, logGroups: logGroupNames, pattern: regExp, filterPattern, windowMinutes: r.intBetween(1, 60) };

/**
 * A pattern repeating a group that holds a repetition of its own backtracks catastrophically on a line that almost
 * matches (minutes for 61 characters): refused, naming the watch and the parts, with the usual rewrite.
 */
function backtrackingPatterns(watches: unknown[]): string[] {
  return watches.flatMap((w, i) => {
    const { name, pattern } = (w ?? {}) as Partial<LogWatchConfig>;
    const nested = pattern instanceof RegExp ? nestedRepetition(pattern) : undefined;
    if (!nested) return [];
    return [`[${i}].pattern ${String(pattern)}${typeof name === 'string' ? ` (watch '${name}')` : ''} repeats a group that holds a repetition of its own (${nested.outer} holds ${nested.inner}): `
      + 'on a line that almost matches, the matcher tries every way to split it (catastrophic backtracking: minutes for 61 characters). '
      + 'Write it without a repetition inside a repetition, e.g. /ERROR$/ for /^(\\w+\\s?)*ERROR$/, or one class like [\\w\\s]*'];
  });
}

/** Each watch's problems under `logWatches[i].field`; names unique; at most two watches per log group (CloudWatch Logs allows two subscription filters per group). */
const logWatchList: r.Rule = (v) => {
  if (!Array.isArray(v)) return `must be an array of { name, logGroups, pattern }, got ${typeof v}`;
  const problems = r.itemProblems(v, logWatchShape, '', { name: 'is required', logGroups: 'is required', pattern: 'is required' });
  for (const name of r.repeated(v.map((w) => (w as LogWatchConfig)?.name))) problems.push(`name '${name}' is used by more than one watch; names must be unique`);
  problems.push(...backtrackingPatterns(v));
  const perGroup = new Map<string, number>();
  for (const w of v) for (const g of Array.isArray((w as LogWatchConfig)?.logGroups) ? (w as LogWatchConfig).logGroups : []) perGroup.set(g, (perGroup.get(g) ?? 0) + 1);
  for (const [group, n] of perGroup) if (n > 2) problems.push(`log group '${group}' is in ${n} watches; CloudWatch Logs allows 2 subscription filters per log group`);
  // Each log group adds a statement to the log-watch function's resource policy, which Lambda caps at 20 KB.
  if (perGroup.size > MAX_WATCHED_LOG_GROUPS) problems.push(`${perGroup.size} log groups are watched; at most ${MAX_WATCHED_LOG_GROUPS} (each adds a statement to the log-watch function's resource policy, which Lambda caps at 20 KB)`);
  // Every invocation of the log-watch function writes lines to its own group: watching it would invoke it forever.
  for (const group of perGroup.keys()) if (/LogWatchFunction/.test(group)) problems.push(`log group '${group}' is the log-watch function's own: each delivery would write lines that are delivered again, endlessly`);
  return problems.length ? problems.join('; ') : undefined;
};

const FUNCTION_NAME = /^[A-Za-z0-9_-]{1,64}$/;
const limitFunctionShape: r.Shape = {
  name: (n) => (typeof n === 'string' && FUNCTION_NAME.test(n) ? undefined : `must be a Lambda function name (1 to 64 letters, digits, - or _), got ${JSON.stringify(n)}`),
  timeoutSeconds: r.intBetween(1, 900),
};
/** Each listed function's problems, as `functions[i].field message`. */
function limitFunctionProblems(v: unknown): string[] {
  if (!Array.isArray(v)) return [`functions must be an array of { name, timeoutSeconds }, got ${typeof v}`];
  const problems = r.itemProblems(v, limitFunctionShape, 'functions', {
    name: 'is required',
    timeoutSeconds: "is required: CloudWatch has no metric of a function's timeout, so give it (the same as the function's)",
  });
  for (const name of r.repeated(v.map((f) => (f as { name?: unknown })?.name))) problems.push(`functions: '${name}' is listed twice`);
  return problems;
}
const tableNames: r.Rule = (v) => {
  if (!Array.isArray(v)) return `must be an array of DynamoDB table names, got ${typeof v}`;
  const bad = v.filter((t) => typeof t !== 'string' || !/^[A-Za-z0-9_.-]{3,255}$/.test(t));
  const twice = [...new Set(v.filter((t, i) => v.indexOf(t) !== i))];
  const problems = [
    ...(bad.length ? [`${bad.map((t) => JSON.stringify(t)).join(', ')} ${bad.length === 1 ? 'is not a DynamoDB table name' : 'are not DynamoDB table names'} (3 to 255 letters, digits, _ . -)`] : []),
    ...(twice.length ? [`${twice.map((t) => `'${t}'`).join(', ')} listed twice`] : []),
  ];
  return problems.length ? problems.join('; ') : undefined;
};

const configShape: r.Shape = {
  baseURL: r.httpUrl,
  checksDir: r.string,
  webServer: r.nested({ command: r.string, url: r.httpUrl, timeout: r.positiveMs, reuseExistingServer: r.boolean, cwd: r.string }, ['command', 'url']),
  defaults: (v) => r.nested(optionShape)(v),
  scheduleTimeZone: r.timeZone,
  slack: r.nested({ channel: r.string, apiUrl: r.httpUrl, timeZone: r.timeZone }),
  routes: notifyRoutes,
  s3: r.nested({ bucket: r.string, prefix: (v) => (typeof v === 'string' ? undefined : r.string(v)), linkExpirySeconds: r.intBetween(1, 604_800) }),
  secretsFile: r.string,
  redact: r.nested({ queryParams: r.stringArray }),
  digest: r.nested({ at: digestTime, timeZone: r.timeZone }, ['at']),
  logWatches: logWatchList,
  limitWatches: (v) => {
    const problems = r.validateShape(v, { functions: () => undefined, tables: tableNames, threshold: r.numberBetween(0.05, 1) }, '').map((p) => `${p.field ?? ''} ${p.message}`.trim());
    if (typeof v === 'object' && v !== null && (v as Record<string, unknown>).functions !== undefined) problems.unshift(...limitFunctionProblems((v as Record<string, unknown>).functions));
    return problems.length ? problems.join('; ') : undefined;
  },
  // Checked field by field in validateConfig (deploy-config.ts), against the template's parameters.
  deploy: () => undefined,
  // Checked window by window in validateConfig (maintenance-config.ts), each problem under its own field.
  maintenance: () => undefined,
};

/** Budgets only make sense when the degraded line sits below the failure line. */
function budgetOrder(value: { degradedResponseTime?: unknown; maxResponseTime?: unknown }, file: string, prefix = ''): Diagnostic[] {
  const { degradedResponseTime: degraded, maxResponseTime: max } = value;
  if (typeof degraded === 'number' && typeof max === 'number' && degraded > max) {
    return [{ file, field: `${prefix}degradedResponseTime`, message: `(${degraded} ms) must not be larger than maxResponseTime (${max} ms)` }];
  }
  return [];
}

export function validateCheck(value: unknown, file: string): Diagnostic[] {
  if (value === undefined) {
    return [{ file, message: "has no default export: end the file with `export default defineCheck({ name, run })`" }];
  }
  const problems = r.validateShape(value, checkShape, file);
  if (typeof value === 'object' && value !== null) {
    const check = value as Partial<CheckDefinition>;
    if (check.name === undefined) problems.push({ file, field: 'name', message: 'is required' });
    if (check.run === undefined) problems.push({ file, field: 'run', message: 'is required: async run({ page, step }) { … }' });
    problems.push(...budgetOrder(check, file));
    problems.push(...shortCredentials(check, file));
    problems.push(...visualWithoutPicture(check, file));
  }
  return problems.map(credentialHint);
}

/** A visual comparison needs the final view (or every step's): it has nothing to compare without. */
function visualWithoutPicture(check: Partial<CheckDefinition>, file: string): Diagnostic[] {
  if (!check.visual || (check.screenshot !== 'off' && check.screenshot !== 'only-on-failure')) return [];
  return [{ file, field: 'visual', message: `needs screenshot: 'final' or 'every-step' (it compares those pictures), not '${check.screenshot}'` }];
}

/** A credential too short to be redacted without mangling other text is refused, as a short secret is. */
function shortCredentials(check: Partial<CheckDefinition>, file: string): Diagnostic[] {
  const short = (v: unknown) => typeof v === 'string' && v.length > 0 && v.length < MIN_SECRET_LENGTH;
  const problems: Diagnostic[] = [];
  if (short(check.httpCredentials?.password)) problems.push({ file, field: 'httpCredentials.password', message: `is shorter than ${MIN_SECRET_LENGTH} characters: too short to be redacted safely` });
  for (const [name, value] of Object.entries(check.extraHTTPHeaders ?? {})) {
    if (CREDENTIAL_HEADER.test(name) && short(value)) problems.push({ file, field: `extraHTTPHeaders.${name}`, message: `is shorter than ${MIN_SECRET_LENGTH} characters: too short to be redacted safely` });
  }
  return problems;
}

/**
 * Options are read when the check file loads — on Lambda before the run's secrets arrive (and at build time, where
 * there are none): a credential from a secret belongs inside `run`.
 */
function credentialHint(d: Diagnostic): Diagnostic {
  // An unset variable: a required field missing, or a value that is `undefined`.
  if (!/^(httpCredentials|extraHTTPHeaders)/.test(d.field ?? '') || !/is required|got undefined/.test(d.message)) return d;
  return { ...d, message: `${d.message} — a credential from a secret is set inside run(), where process.env has it everywhere: await context.setHTTPCredentials({ username, password: process.env.NAME! }) or context.setExtraHTTPHeaders({ … }) (README: Secrets)` };
}

export interface ConfigValidation {
  /** The parameters template.yaml declares: `deploy.parameters` may set only these (unchecked when absent). */
  templateParameters?: readonly string[];
  /** Options that were renamed or removed, with their replacement (default: renamed-options.ts). */
  renamed?: RenamedOptions;
}

export function validateConfig(value: unknown, file: string, options: ConfigValidation = {}): Diagnostic[] {
  const renamed = options.renamed ?? RENAMED_OPTIONS;
  // An option an upgrade dropped names its replacement, not just the options there are.
  const problems = r.validateShape(value, configShape, file).map((p) =>
    p.field && Object.hasOwn(renamed, p.field) && p.message.startsWith('unknown option') ? { ...p, message: `is no longer an option: ${renamed[p.field]}` } : p);
  const config = value as ProjectConfig | undefined;
  if (config?.defaults) problems.push(...budgetOrder(config.defaults, file, 'defaults.'));
  if (config?.deploy !== undefined) problems.push(...deployConfigProblems(config.deploy, file, options.templateParameters));
  if (config?.maintenance !== undefined) problems.push(...maintenanceProblems(config.maintenance, file, config));
  return problems;
}

/**
 * Names must be unique: they name files, S3 keys and Slack messages. Every file sharing a name is rejected —
 * which of them is the real one is the author's call, and running either would mix their histories.
 */
export function duplicateNames(checks: { name: string; file: string }[]): Diagnostic[] {
  const files = new Map<string, string[]>();
  for (const { name, file } of checks) files.set(name, [...(files.get(name) ?? []), file]);
  return [...files].flatMap(([name, all]) =>
    all.length < 2 ? [] : all.map((file) => ({
      file, field: 'name', message: `'${printable(name)}' is also used by ${all.filter((f) => f !== file).join(', ')}; check names must be unique`,
    })));
}
