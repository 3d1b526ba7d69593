import {
  BUILT_IN_DEFAULTS,
  CREDENTIAL_HEADER,
  DEFAULT_ALERTS,
  HOST_CREDENTIALS,
  MIN_SECRET_LENGTH,
  checkName,
  printable,
  resolveBaseURL,
  resolveSlowerThanUsual
} from "./chunk-XH4PHW73.mjs";
import {
  boolean,
  deployConfigProblems,
  envNames,
  fn,
  headers,
  httpUrl,
  importTs,
  intBetween,
  itemProblems,
  locale,
  nested,
  numberBetween,
  oneOf,
  origin,
  packageTemplateParameters,
  positiveMs,
  repeated,
  statuses,
  string,
  stringArray,
  text,
  timeZone,
  validateSchedule,
  validateShape
} from "./chunk-7MRTGN4J.mjs";
import {
  displayPath,
  withinWaiting
} from "./chunk-PGIEQVW4.mjs";

// src/check/load.ts
import { existsSync } from "node:fs";
import { join, resolve } from "node:path";

// src/check/validate.ts
import { devices } from "playwright-core";

// src/check/nested-repetition.ts
function quantifierAt(source, i) {
  const c = source[i];
  let q;
  if (c === "*") q = { min: 0, max: Infinity, length: 1 };
  else if (c === "+") q = { min: 1, max: Infinity, length: 1 };
  else if (c === "?") q = { min: 0, max: 1, length: 1 };
  else if (c === "{") {
    const m = /^\{(\d+)(,(\d*))?\}/.exec(source.slice(i));
    if (m) q = { min: Number(m[1]), max: m[2] === void 0 ? Number(m[1]) : m[3] === "" ? Infinity : Number(m[3]), length: m[0].length };
  }
  if (q && source[i + q.length] === "?") q.length += 1;
  return q;
}
var varies = (q) => q.max >= 2 && q.max > q.min;
function escapeEnd(source, i) {
  const next = source[i + 1];
  const closer = (next === "p" || next === "P" || next === "u") && source[i + 2] === "{" ? "}" : next === "k" && source[i + 2] === "<" ? ">" : void 0;
  if (closer) {
    const end = source.indexOf(closer, i + 3);
    if (end > 0) return end + 1;
  }
  return i + 2;
}
function classEnd(source, i, nests) {
  let depth = 0;
  for (let j = i; j < source.length; j++) {
    const c = source[j];
    if (c === "\\") j++;
    else if (c === "[" && (j === i || nests)) depth++;
    else if (c === "]" && --depth === 0) return j + 1;
  }
  return source.length;
}
function groupOpenEnd(source, i) {
  if (source[i + 1] !== "?") return i + 1;
  const after = source[i + 2];
  if (after === ":" || after === "=" || after === "!") return i + 3;
  if (after === "<" && (source[i + 3] === "=" || source[i + 3] === "!")) return i + 4;
  const close = source.indexOf(after === "<" ? ">" : ":", i + 2);
  return close > 0 ? close + 1 : i + 2;
}
function nestedRepetition(pattern) {
  const source = pattern.source;
  const nests = pattern.flags.includes("v");
  const groups = [{ start: 0 }];
  let atom;
  for (let i = 0; i < source.length; ) {
    const c = source[i];
    const q = atom && quantifierAt(source, i);
    if (q && atom) {
      const end = i + q.length;
      if (q.max >= 2 && atom.group?.inner) return { outer: source.slice(atom.start, end), inner: atom.group.inner };
      if (varies(q)) groups.at(-1).inner ??= source.slice(atom.start, end);
      atom = void 0;
      i = end;
    } else if (c === "(") {
      groups.push({ start: i });
      atom = void 0;
      i = groupOpenEnd(source, i);
    } else if (c === ")" && groups.length > 1) {
      const group = groups.pop();
      const enclosing = groups.at(-1);
      if (group.inner) enclosing.inner ??= group.inner;
      atom = { start: group.start, group };
      i += 1;
    } else {
      const end = c === "\\" ? escapeEnd(source, i) : c === "[" ? classEnd(source, i, nests) : i + 1;
      atom = c === "|" || c === "^" || c === "$" ? void 0 : { start: i };
      i = end;
    }
  }
  return void 0;
}

// src/check/renamed-options.ts
var RENAMED_OPTIONS = {};

// src/check/validate.ts
var device = (v) => typeof v === "string" && v in devices ? void 0 : `is not a Playwright device name (like 'iPhone 15' or 'Desktop Chrome'): ${JSON.stringify(v)}`;
var slowerRule = nested({ factor: numberBetween(1.1, 100), minDeltaMs: intBetween(0, 6e5), window: intBetween(1, 20), learnRuns: intBetween(5, 40) });
var slowerThanUsual = (v) => typeof v === "boolean" ? void 0 : typeof v === "object" && v !== null ? slowerRule(v) : "must be true, false or an object { factor, minDeltaMs, window, learnRuns }";
var digestTime = (v) => typeof v === "string" && /^([01]\d|2[0-3]):[0-5]\d$/.test(v) ? void 0 : `must be a local time 'HH:MM' from 00:00 to 23:59 (like '09:00'), got ${JSON.stringify(v)}`;
var visualRule = nested({
  threshold: numberBetween(0, 1),
  maxDiffPixelRatio: numberBetween(0, 1),
  mask: stringArray,
  onChange: oneOf(["degraded", "failed"])
});
var visual = (v) => v === false ? void 0 : typeof v === "object" && v !== null && !Array.isArray(v) ? visualRule(v) : "must be false or an object { threshold, maxDiffPixelRatio, mask, onChange }";
var secrets = (v) => {
  const bad = envNames(v);
  if (bad) return bad;
  const host = v.filter((name) => HOST_CREDENTIALS.includes(name));
  if (host.length === 0) return void 0;
  return `${host.join(", ")} ${host.length === 1 ? "is mimamori's own credential" : "are mimamori's own credentials"} (its AWS access or its Slack token), never given to a check: keep the check's secret under a name of its own, like 'SHOP_API_TOKEN'`;
};
var schedule = (v) => typeof v === "string" ? validateSchedule(v) : string(v);
var optionShape = {
  description: string,
  tags: stringArray,
  timeoutMs: positiveMs,
  retries: intBetween(0, 5),
  degradedResponseTime: positiveMs,
  maxResponseTime: positiveMs,
  screenshot: oneOf(["final", "every-step", "only-on-failure", "off"]),
  fullPage: boolean,
  mask: stringArray,
  trace: oneOf(["off", "retain-on-failure", "on"]),
  viewport: nested({ width: intBetween(100, 1e4), height: intBetween(100, 1e4) }, ["width", "height"]),
  device,
  locale,
  timezoneId: timeZone,
  schedule,
  alerts: nested({
    notify: oneOf(["problems", "always", "never"]),
    alertAfter: intBetween(1, 100),
    remindEvery: intBetween(1, 1e3),
    channel: string
  }),
  slowerThanUsual,
  secrets,
  httpCredentials: nested({ username: string, password: string, origin }, ["username", "password"]),
  extraHTTPHeaders: headers,
  ignoreHTTPSErrors: boolean,
  expectedStatus: statuses,
  visual
};
var stepOptionShape = {
  degradedResponseTime: positiveMs,
  maxResponseTime: positiveMs,
  timeout: positiveMs
};
var checkShape = { ...optionShape, name: text, run: fn };
var MAX_WATCHED_LOG_GROUPS = 50;
var WATCH_NAME = /^[A-Za-z0-9_-]{1,64}$/;
var watchName = (v) => typeof v === "string" && WATCH_NAME.test(v) ? void 0 : `must be 1 to 64 letters, digits, - or _, like 'api-errors', got ${JSON.stringify(v)}`;
var logGroupNames = (v) => {
  if (!Array.isArray(v) || v.length === 0) return `must be a non-empty array of log group names like '/aws/lambda/api', got ${JSON.stringify(v)}`;
  const bad = v.filter((g) => typeof g !== "string" || !/^[A-Za-z0-9_\-/.#]{1,512}$/.test(g));
  return bad.length ? `${bad.map((g) => JSON.stringify(g)).join(", ")} ${bad.length === 1 ? "is not a log group name" : "are not log group names"} (letters, digits, _ - / . #)` : void 0;
};
var regExp = (v) => v instanceof RegExp ? void 0 : `must be a regular expression like /ERROR|Unhandled/, got ${typeof v === "string" ? `the string ${JSON.stringify(v)} (write /\u2026/ without quotes)` : JSON.stringify(v)}`;
var filterPattern = (v) => typeof v === "string" && v.length <= 1024 ? void 0 : `must be a CloudWatch Logs filter pattern of at most 1024 characters ('' for every line), got ${JSON.stringify(v)}`;
var logWatchShape = { name: watchName, logGroups: logGroupNames, pattern: regExp, filterPattern, windowMinutes: intBetween(1, 60) };
function backtrackingPatterns(watches) {
  return watches.flatMap((w, i) => {
    const { name, pattern } = w ?? {};
    const nested2 = pattern instanceof RegExp ? nestedRepetition(pattern) : void 0;
    if (!nested2) return [];
    return [`[${i}].pattern ${String(pattern)}${typeof name === "string" ? ` (watch '${name}')` : ""} repeats a group that holds a repetition of its own (${nested2.outer} holds ${nested2.inner}): on a line that almost matches, the matcher tries every way to split it (catastrophic backtracking: minutes for 61 characters). Write it without a repetition inside a repetition, e.g. /ERROR$/ for /^(\\w+\\s?)*ERROR$/, or one class like [\\w\\s]*`];
  });
}
var logWatchList = (v) => {
  if (!Array.isArray(v)) return `must be an array of { name, logGroups, pattern }, got ${typeof v}`;
  const problems = itemProblems(v, logWatchShape, "", { name: "is required", logGroups: "is required", pattern: "is required" });
  for (const name of repeated(v.map((w) => w?.name))) problems.push(`name '${name}' is used by more than one watch; names must be unique`);
  problems.push(...backtrackingPatterns(v));
  const perGroup = /* @__PURE__ */ new Map();
  for (const w of v) for (const g of Array.isArray(w?.logGroups) ? w.logGroups : []) perGroup.set(g, (perGroup.get(g) ?? 0) + 1);
  for (const [group, n] of perGroup) if (n > 2) problems.push(`log group '${group}' is in ${n} watches; CloudWatch Logs allows 2 subscription filters per log group`);
  if (perGroup.size > MAX_WATCHED_LOG_GROUPS) problems.push(`${perGroup.size} log groups are watched; at most ${MAX_WATCHED_LOG_GROUPS} (each adds a statement to the log-watch function's resource policy, which Lambda caps at 20 KB)`);
  for (const group of perGroup.keys()) if (/LogWatchFunction/.test(group)) problems.push(`log group '${group}' is the log-watch function's own: each delivery would write lines that are delivered again, endlessly`);
  return problems.length ? problems.join("; ") : void 0;
};
var FUNCTION_NAME = /^[A-Za-z0-9_-]{1,64}$/;
var limitFunctionShape = {
  name: (n) => typeof n === "string" && FUNCTION_NAME.test(n) ? void 0 : `must be a Lambda function name (1 to 64 letters, digits, - or _), got ${JSON.stringify(n)}`,
  timeoutSeconds: intBetween(1, 900)
};
function limitFunctionProblems(v) {
  if (!Array.isArray(v)) return [`functions must be an array of { name, timeoutSeconds }, got ${typeof v}`];
  const problems = itemProblems(v, limitFunctionShape, "functions", {
    name: "is required",
    timeoutSeconds: "is required: CloudWatch has no metric of a function's timeout, so give it (the same as the function's)"
  });
  for (const name of repeated(v.map((f) => f?.name))) problems.push(`functions: '${name}' is listed twice`);
  return problems;
}
var tableNames = (v) => {
  if (!Array.isArray(v)) return `must be an array of DynamoDB table names, got ${typeof v}`;
  const bad = v.filter((t) => typeof t !== "string" || !/^[A-Za-z0-9_.-]{3,255}$/.test(t));
  const twice = [...new Set(v.filter((t, i) => v.indexOf(t) !== i))];
  const problems = [
    ...bad.length ? [`${bad.map((t) => JSON.stringify(t)).join(", ")} ${bad.length === 1 ? "is not a DynamoDB table name" : "are not DynamoDB table names"} (3 to 255 letters, digits, _ . -)`] : [],
    ...twice.length ? [`${twice.map((t) => `'${t}'`).join(", ")} listed twice`] : []
  ];
  return problems.length ? problems.join("; ") : void 0;
};
var configShape = {
  baseURL: httpUrl,
  checksDir: string,
  webServer: nested({ command: string, url: httpUrl, timeout: positiveMs, reuseExistingServer: boolean, cwd: string }, ["command", "url"]),
  defaults: (v) => nested(optionShape)(v),
  scheduleTimeZone: timeZone,
  slack: nested({ channel: string, apiUrl: httpUrl, timeZone }),
  s3: nested({ bucket: string, prefix: (v) => typeof v === "string" ? void 0 : string(v), linkExpirySeconds: intBetween(1, 604800) }),
  secretsFile: string,
  redact: nested({ queryParams: stringArray }),
  digest: nested({ at: digestTime, timeZone }, ["at"]),
  logWatches: logWatchList,
  limitWatches: (v) => {
    const problems = validateShape(v, { functions: () => void 0, tables: tableNames, threshold: numberBetween(0.05, 1) }, "").map((p) => `${p.field ?? ""} ${p.message}`.trim());
    if (typeof v === "object" && v !== null && v.functions !== void 0) problems.unshift(...limitFunctionProblems(v.functions));
    return problems.length ? problems.join("; ") : void 0;
  },
  // Checked field by field in validateConfig (deploy-config.ts), against the template's parameters.
  deploy: () => void 0
};
function budgetOrder(value, file, prefix = "") {
  const { degradedResponseTime: degraded, maxResponseTime: max } = value;
  if (typeof degraded === "number" && typeof max === "number" && degraded > max) {
    return [{ file, field: `${prefix}degradedResponseTime`, message: `(${degraded} ms) must not be larger than maxResponseTime (${max} ms)` }];
  }
  return [];
}
function validateCheck(value, file) {
  if (value === void 0) {
    return [{ file, message: "has no default export: end the file with `export default defineCheck({ name, run })`" }];
  }
  const problems = validateShape(value, checkShape, file);
  if (typeof value === "object" && value !== null) {
    const check = value;
    if (check.name === void 0) problems.push({ file, field: "name", message: "is required" });
    if (check.run === void 0) problems.push({ file, field: "run", message: "is required: async run({ page, step }) { \u2026 }" });
    problems.push(...budgetOrder(check, file));
    problems.push(...shortCredentials(check, file));
    problems.push(...visualWithoutPicture(check, file));
  }
  return problems.map(credentialHint);
}
function visualWithoutPicture(check, file) {
  if (!check.visual || check.screenshot !== "off" && check.screenshot !== "only-on-failure") return [];
  return [{ file, field: "visual", message: `needs screenshot: 'final' or 'every-step' (it compares those pictures), not '${check.screenshot}'` }];
}
function shortCredentials(check, file) {
  const short = (v) => typeof v === "string" && v.length > 0 && v.length < MIN_SECRET_LENGTH;
  const problems = [];
  if (short(check.httpCredentials?.password)) problems.push({ file, field: "httpCredentials.password", message: `is shorter than ${MIN_SECRET_LENGTH} characters: too short to be redacted safely` });
  for (const [name, value] of Object.entries(check.extraHTTPHeaders ?? {})) {
    if (CREDENTIAL_HEADER.test(name) && short(value)) problems.push({ file, field: `extraHTTPHeaders.${name}`, message: `is shorter than ${MIN_SECRET_LENGTH} characters: too short to be redacted safely` });
  }
  return problems;
}
function credentialHint(d) {
  if (!/^(httpCredentials|extraHTTPHeaders)/.test(d.field ?? "") || !/is required|got undefined/.test(d.message)) return d;
  return { ...d, message: `${d.message} \u2014 a credential from a secret is set inside run(), where process.env has it everywhere: await context.setHTTPCredentials({ username, password: process.env.NAME! }) or context.setExtraHTTPHeaders({ \u2026 }) (README: Secrets)` };
}
function validateConfig(value, file, options = {}) {
  const renamed = options.renamed ?? RENAMED_OPTIONS;
  const problems = validateShape(value, configShape, file).map((p) => p.field && Object.hasOwn(renamed, p.field) && p.message.startsWith("unknown option") ? { ...p, message: `is no longer an option: ${renamed[p.field]}` } : p);
  const config = value;
  if (config?.defaults) problems.push(...budgetOrder(config.defaults, file, "defaults."));
  if (config?.deploy !== void 0) problems.push(...deployConfigProblems(config.deploy, file, options.templateParameters));
  return problems;
}
function duplicateNames(checks) {
  const files = /* @__PURE__ */ new Map();
  for (const { name, file } of checks) files.set(name, [...files.get(name) ?? [], file]);
  return [...files].flatMap(([name, all]) => all.length < 2 ? [] : all.map((file) => ({
    file,
    field: "name",
    message: `'${printable(name)}' is also used by ${all.filter((f) => f !== file).join(", ")}; check names must be unique`
  })));
}

// src/check/resolve.ts
import { devices as devices2 } from "playwright-core";
var DEFAULT_TRACE = "retain-on-failure";
function defined(value) {
  return Object.fromEntries(Object.entries(value ?? {}).filter(([, v]) => v !== void 0));
}
var DEFAULT_VISUAL = { threshold: 0.1, maxDiffPixelRatio: 0.01, mask: [], onChange: "degraded" };
function resolveVisual(...layers) {
  let rule = false;
  for (const layer of layers) {
    if (layer === void 0) continue;
    rule = layer === false ? false : { ...rule || DEFAULT_VISUAL, ...defined(layer) };
  }
  return rule;
}
function resolveCheck(check, file, config, baseURL) {
  const own = defined(check);
  const merged = { ...BUILT_IN_DEFAULTS, ...defined(config.defaults), ...own };
  const deviceViewport = merged.device ? devices2[merged.device]?.viewport : void 0;
  return {
    ...merged,
    name: checkName(merged.name),
    viewport: own.viewport ?? deviceViewport ?? merged.viewport,
    // Alert settings merge field by field: a check may change only its channel.
    alerts: { ...DEFAULT_ALERTS, ...defined(config.defaults?.alerts), ...defined(check.alerts) },
    slowerThanUsual: resolveSlowerThanUsual(config.defaults?.slowerThanUsual, check.slowerThanUsual),
    // Secrets add up: a project-wide API key and the check's own password are both needed.
    secrets: [.../* @__PURE__ */ new Set([...config.defaults?.secrets ?? [], ...check.secrets ?? []])],
    visual: resolveVisual(config.defaults?.visual, check.visual),
    ...merged.expectedStatus === void 0 ? {} : { expectedStatus: [merged.expectedStatus].flat() },
    trace: merged.trace ?? DEFAULT_TRACE,
    file,
    baseURL
  };
}

// src/check/until-found.ts
var SELECTION_GRACE_MS = 2e3;
var waitGrace = (ms = SELECTION_GRACE_MS) => () => withinWaiting(new Promise(() => {
}), ms);
function allFound(wanted, settled) {
  if (!wanted || wanted.names.length === 0) return false;
  const files = new Set(settled.map((s) => s.file));
  const names = new Set(settled.flatMap((s) => s.name === void 0 ? [] : [s.name]));
  return wanted.files.every((f) => files.has(f)) && wanted.names.every((n) => names.has(checkName(n)));
}
async function untilFound(loads, found, grace) {
  const all = Promise.all(loads);
  const enough = new Promise((resolve2) => {
    for (const load of loads) load.then(() => found() && resolve2(), () => {
    });
  });
  await Promise.race([all, enough.then(() => Promise.race([all, grace()]))]);
}
function notWaitedFor(label) {
  return {
    file: label,
    message: "still loading when the checks asked for were found; not waited for (still compiling, or its top-level code still running), so it was not checked for duplicate names",
    severity: "note"
  };
}

// src/check/load.ts
var CONFIG_FILES = ["mimamori.config.ts", "mimamori.config.mts", "mimamori.config.js", "mimamori.config.mjs"];
async function loadConfig(dir, explicit, options = {}) {
  const file = explicit ? resolve(dir, explicit) : CONFIG_FILES.map((f) => join(dir, f)).find((f) => existsSync(f));
  if (!file) return { config: {}, problems: [] };
  const label = displayPath(file, dir);
  const fatal = (problems2) => problems2.map((p) => ({ ...p, severity: "fatal" }));
  if (!existsSync(file)) return { config: {}, file, problems: fatal([{ file: label, message: "config file not found" }]) };
  const { module, problems } = await importTs(file, label, options);
  if (!module) return { config: {}, file, problems: fatal(problems) };
  const config = module.default;
  const configProblems = validateConfig(config, label, { templateParameters: packageTemplateParameters() });
  return { config: configProblems.length ? {} : config, file, problems: fatal(configProblems) };
}
async function loadChecks(files, config, cwd = process.cwd(), options = {}) {
  const baseURL = resolveBaseURL(config);
  const settled = /* @__PURE__ */ new Map();
  const loads = files.map(async (file) => {
    const label = displayPath(file, cwd);
    const { module, problems: problems2 } = await importTs(file, label, options);
    const fileProblems = module ? validateCheck(module.default, label) : problems2;
    const check = module && !fileProblems.length ? resolveCheck(module.default, label, config, baseURL) : void 0;
    settled.set(file, { file, label, problems: fileProblems, check });
  });
  const found = () => allFound(options.wanted, [...settled.values()].map((l) => ({ file: l.file, name: l.check?.name })));
  await untilFound(loads, found, options.grace ?? waitGrace());
  const loaded = files.map((file) => settled.get(file) ?? { file, label: displayPath(file, cwd), pending: true });
  const problems = [];
  const resolved = [];
  for (const l of loaded) {
    if ("pending" in l) problems.push(notWaitedFor(l.label));
    else {
      problems.push(...l.problems);
      if (l.check) resolved.push(l.check);
    }
  }
  const duplicates = duplicateNames(resolved);
  problems.push(...duplicates);
  const rejected = new Set(duplicates.map((d) => d.file));
  return { checks: resolved.filter((c) => !rejected.has(c.file)), problems };
}

export {
  stepOptionShape,
  CONFIG_FILES,
  loadConfig,
  loadChecks
};
