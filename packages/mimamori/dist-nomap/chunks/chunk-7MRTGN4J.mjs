import {
  DEFAULT_IMPORT_TIMEOUT_MS,
  IMPORT_TIMEOUT_ENV,
  TIMED_OUT,
  displayPath,
  dueMinutes,
  parseSchedule,
  seconds,
  utcOffsetMinutes,
  wallClock,
  withinWaiting
} from "./chunk-PGIEQVW4.mjs";

// src/check/import-ts.ts
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { mkdir, readdir, readFile, rm, stat, utimes, writeFile } from "node:fs/promises";
import { basename, dirname, join as join2, resolve } from "node:path";
import { fileURLToPath, pathToFileURL as pathToFileURL2 } from "node:url";

// bin/esbuild-options.mjs
import { isBuiltin } from "node:module";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
var TARGETS = { local: "node22", lambda: "node24" };
var LAYER_PACKAGES = ["playwright-core", "playwright", "@sparticuz/chromium", "uplot"];
var BASE = { bundle: true, platform: "node" };
var LOCAL = { ...BASE, format: "esm", target: TARGETS.local, packages: "external", sourcemap: "inline" };
var API_FILE = "dist/index.mjs";
function mimamoriSpecifier(packageRoot2) {
  const api = join(packageRoot2, API_FILE);
  return {
    name: "mimamori-specifier",
    setup(b) {
      b.onResolve({ filter: /^mimamori$/ }, () => ({ path: api }));
    }
  };
}
function packagesFromImporter() {
  return {
    name: "packages-from-importer",
    setup(b) {
      b.onResolve({ filter: /^[^./]/ }, async (args) => {
        if (args.pluginData?.resolving || isBuiltin(args.path) || /^[A-Za-z]:[\\/]/.test(args.path)) return void 0;
        const found = await b.resolve(args.path, { kind: args.kind, importer: args.importer, resolveDir: args.resolveDir, pluginData: { resolving: true } });
        if (found.errors.length > 0) return { errors: found.errors };
        return { path: found.external ? found.path : pathToFileURL(found.path).href, external: true };
      });
    }
  };
}
function checkFileOptions({ file, packageRoot: packageRoot2 }) {
  const { packages: _resolvedHere, ...local } = LOCAL;
  return {
    ...local,
    entryPoints: [file],
    write: false,
    metafile: true,
    logLevel: "silent",
    plugins: [mimamoriSpecifier(packageRoot2), packagesFromImporter()]
  };
}
function lambdaOptions({ entry, outfile, packageRoot: packageRoot2, plugins = [] }) {
  return {
    ...BASE,
    entryPoints: [entry],
    outfile,
    format: "cjs",
    target: TARGETS.lambda,
    external: LAYER_PACKAGES.flatMap((p) => [p, `${p}/*`]),
    define: { "import.meta.url": "__mimamori_import_meta_url" },
    banner: { js: "const __mimamori_import_meta_url = require('node:url').pathToFileURL(__filename).href;" },
    sourcemap: true,
    sourcesContent: false,
    logLevel: "silent",
    plugins: [...plugins, mimamoriSpecifier(packageRoot2)]
  };
}

// src/check/import-ts.ts
function packageRoot(from) {
  for (let dir = from; dir !== dirname(dir); dir = dirname(dir)) {
    try {
      if (JSON.parse(readFileSync(join2(dir, "package.json"), "utf8")).name === "mimamori") return dir;
    } catch {
    }
  }
  throw new Error(`mimamori's package.json not found above ${from}`);
}
var PACKAGE_ROOT = packageRoot(dirname(fileURLToPath(import.meta.url)));
var CACHE_DIR = join2(PACKAGE_ROOT, "node_modules/.cache/mimamori");
function describe(message, file) {
  const loc = message.location;
  const where = loc ? `${displayPath(loc.file)}:${loc.line}:${loc.column + 1}` : file;
  return { file, message: `does not compile: ${message.text} (at ${where}${loc?.lineText ? `: ${loc.lineText.trim()}` : ""})` };
}
var stamp = async (path) => {
  const info = await stat(path);
  return `${info.mtimeMs}:${info.size}`;
};
async function cached(file) {
  try {
    const manifest = manifestPath(file);
    const entry = JSON.parse(await readFile(manifest, "utf8"));
    const stamps = await Promise.all(Object.entries(entry.inputs).map(async ([path, was]) => await stamp(path) === was));
    if (stamps.every(Boolean) && await stat(entry.output)) {
      await markUsed(manifest);
      return entry.output;
    }
  } catch {
  }
  return void 0;
}
var manifestPath = (file) => join2(CACHE_DIR, `${createHash("sha1").update(file).digest("hex").slice(0, 16)}.json`);
var CACHE_MAX_AGE_DAYS = 14;
var CACHE_MAX_BYTES = 200 * 1024 * 1024;
var ORPHAN_GRACE_MS = 36e5;
var MARK_USED_AFTER_MS = 864e5;
var MANIFEST = /^[0-9a-f]{16}\.json$/;
var OUTPUT = /^[0-9a-f]{12}\.mjs$/;
async function markUsed(manifest) {
  try {
    if (Date.now() - (await stat(manifest)).mtimeMs > MARK_USED_AFTER_MS) {
      const now = /* @__PURE__ */ new Date();
      await utimes(manifest, now, now);
    }
  } catch {
  }
}
async function pruneCompileCache(dir, options = {}) {
  const { maxAgeDays = CACHE_MAX_AGE_DAYS, maxBytes = CACHE_MAX_BYTES, now = Date.now() } = options;
  const removed = [];
  try {
    const names2 = (await readdir(dir, { withFileTypes: true })).filter((e) => e.isFile()).map((e) => e.name);
    const files = async (pattern) => (await Promise.all(names2.filter((n) => pattern.test(n)).map(async (name) => {
      const s = await stat(join2(dir, name)).catch(() => void 0);
      return s ? [{ name, mtimeMs: s.mtimeMs, size: s.size }] : [];
    }))).flat();
    const outputs = new Map((await files(OUTPUT)).map((o) => [o.name, o]));
    const manifests = (await files(MANIFEST)).sort((a, b) => b.mtimeMs - a.mtimeMs);
    const named = /* @__PURE__ */ new Set();
    let bytes = 0;
    const remove = async (name) => {
      await rm(join2(dir, name), { force: true });
      removed.push(name);
    };
    for (const m of manifests) {
      let output;
      try {
        const entry = JSON.parse(await readFile(join2(dir, m.name), "utf8"));
        if (typeof entry.output === "string" && resolve(entry.output) === resolve(dir, basename(entry.output))) output = basename(entry.output);
      } catch {
      }
      bytes += m.size + (output && !named.has(output) && outputs.get(output)?.size || 0);
      if (now - m.mtimeMs > maxAgeDays * 864e5 || bytes > maxBytes) await remove(m.name);
      else if (output) named.add(output);
    }
    for (const o of outputs.values()) {
      if (!named.has(o.name) && now - o.mtimeMs > ORPHAN_GRACE_MS) await remove(o.name);
    }
  } catch {
  }
  return removed;
}
var pruned = false;
var compiled = false;
async function compile(file) {
  const { build } = await import("esbuild");
  compiled = true;
  const out = await build(checkFileOptions({ file, packageRoot: PACKAGE_ROOT }));
  const code = out.outputFiles[0].text;
  const output = join2(CACHE_DIR, `${createHash("sha1").update(file).update(code).digest("hex").slice(0, 12)}.mjs`);
  const inputs = {};
  for (const input of Object.keys(out.metafile.inputs)) {
    const path = resolve(input);
    inputs[path] = await stamp(path);
  }
  await mkdir(CACHE_DIR, { recursive: true });
  await writeFile(output, code);
  await writeFile(manifestPath(file), JSON.stringify({ output, inputs }));
  if (!pruned) {
    pruned = true;
    await pruneCompileCache(CACHE_DIR);
  }
  return output;
}
async function importTs(file, label = file, options = {}) {
  let output;
  try {
    output = await cached(file) ?? await compile(file);
  } catch (error) {
    const messages = error.errors;
    if (messages?.length) return { problems: messages.map((m) => describe(m, label)) };
    return { problems: [{ file: label, message: `does not compile: ${error.message}` }] };
  }
  try {
    const timeoutMs = options.timeoutMs ?? DEFAULT_IMPORT_TIMEOUT_MS;
    const module = await withinWaiting(import(pathToFileURL2(output).href), timeoutMs);
    if (module === TIMED_OUT) {
      return { problems: [{ file: label, message: `top-level code did not finish within ${seconds(timeoutMs)} (does it await something that never comes? ${IMPORT_TIMEOUT_ENV} sets the limit)` }] };
    }
    return { module, problems: [] };
  } catch (error) {
    const e = error;
    return { problems: [{ file: label, message: `failed to import: ${e.name}: ${e.message}` }] };
  }
}
async function stopCompiler() {
  if (compiled) await (await import("esbuild")).stop();
}

// src/schedule/dead-man.ts
var DEAD_MAN_MINUTES = 15;
var MINUTE = 6e4;
var HOUR = 60 * MINUTE;
var DAY = 24 * HOUR;
var WEEK = 7 * DAY;
var WEEKDAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
var MONTH_NAMES = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
function deadManGaps(checks, timeZone2 = "UTC", options = {}) {
  const limit = options.limitMinutes ?? DEAD_MAN_MINUTES;
  const start = Math.floor((options.from ?? Date.now()) / MINUTE) * MINUTE;
  const gaps = gapsIn(checks, start - WEEK, start + 2 * WEEK, timeZone2, limit).filter((g) => (g.after ?? -Infinity) < start + WEEK && (g.before ?? Infinity) > start);
  const crons = checks.some((c) => (typeof c.schedule === "string" ? parseSchedule(c.schedule).schedule : c.schedule)?.kind === "cron");
  if (!crons) return gaps;
  const contains = (g, t) => (g.after ?? -Infinity) < t && t <= (g.before ?? Infinity);
  for (const change of clockChanges(start, start + 365 * DAY, timeZone2)) {
    for (const g of gaps) if (contains(g, change)) g.clockChange ??= change;
    const everyDay = new Set(gaps.filter((g) => g.clockChange === void 0).map((g) => localSpan(g, timeZone2)));
    for (const g of gapsIn(checks, change - DAY, change + DAY, timeZone2, limit)) {
      if (g.after === void 0 || g.before === void 0 || !contains(g, change)) continue;
      if (gaps.some((x) => x.after === g.after && x.before === g.before) || everyDay.has(localSpan(g, timeZone2))) continue;
      gaps.push({ ...g, clockChange: change });
    }
  }
  return gaps;
}
function gapsIn(checks, from, to, timeZone2, limit) {
  const due = dueMinutes(checks, from, to, timeZone2);
  if (due.length === 0) return [{ minutes: (to - from) / MINUTE }];
  const gaps = [];
  const minutes = (a, b) => (b - a) / MINUTE;
  if (minutes(from, due[0]) > limit) gaps.push({ before: due[0], minutes: minutes(from, due[0]) });
  for (let i = 1; i < due.length; i++) {
    if (minutes(due[i - 1], due[i]) > limit) gaps.push({ after: due[i - 1], before: due[i], minutes: minutes(due[i - 1], due[i]) });
  }
  const last = due[due.length - 1];
  if (minutes(last, to) > limit) gaps.push({ after: last, minutes: minutes(last, to) });
  return gaps;
}
function clockChanges(from, to, timeZone2) {
  const out = [];
  const step = 3 * HOUR;
  let previous = utcOffsetMinutes(from, timeZone2);
  for (let t = Math.floor(from / HOUR) * HOUR + step; t < to + step; t += step) {
    const offset = utcOffsetMinutes(t, timeZone2);
    if (offset === previous) continue;
    let [lo, hi] = [t - step, t];
    while (hi - lo > MINUTE) {
      const mid = lo + Math.floor((hi - lo) / 2 / MINUTE) * MINUTE;
      if (utcOffsetMinutes(mid, timeZone2) === previous) lo = mid;
      else hi = mid;
    }
    if (hi >= from && hi < to) out.push(hi);
    previous = offset;
  }
  return out;
}
var two = (n) => String(n).padStart(2, "0");
var hhmm = (t, timeZone2) => {
  const w = wallClock(t, timeZone2);
  return `${two(w.hour)}:${two(w.minute)}`;
};
var weekday = (t, timeZone2) => WEEKDAYS[wallClock(t, timeZone2).weekday - 1];
var localSpan = (g, timeZone2) => `${g.after === void 0 ? "" : hhmm(g.after, timeZone2)}-${g.before === void 0 ? "" : hhmm(g.before, timeZone2)}`;
function duration(minutes) {
  if (minutes < 120) return `${minutes} min`;
  const h = Math.floor(minutes / 60);
  return minutes % 60 && h < 48 ? `${h} h ${minutes % 60} min` : `${h} h`;
}
function list(items) {
  return items.length <= 1 ? items.join("") : `${items.slice(0, -1).join(", ")} and ${items[items.length - 1]}`;
}
function describeGaps(gaps, timeZone2) {
  const zone = timeZone2 === "UTC" ? "UTC" : `${timeZone2} time`;
  const daily = /* @__PURE__ */ new Map();
  const out = [];
  const seen = /* @__PURE__ */ new Set();
  const once = (text2) => {
    if (!seen.has(text2)) out.push(text2);
    seen.add(text2);
  };
  for (const g of gaps) {
    if (g.after === void 0 && g.before === void 0) {
      once("at all, for a week or more");
    } else if (g.after === void 0 || g.before === void 0) {
      once(g.after === void 0 ? `until ${weekday(g.before, timeZone2)} ${hhmm(g.before, timeZone2)} ${zone}, and not in the week before` : `after ${weekday(g.after, timeZone2)} ${hhmm(g.after, timeZone2)} ${zone}, and not in the week after`);
    } else if (g.clockChange !== void 0) {
      const w = wallClock(g.clockChange, timeZone2);
      const direction = utcOffsetMinutes(g.clockChange, timeZone2) < utcOffsetMinutes(g.clockChange - HOUR, timeZone2) ? "back" : "forward";
      once(`on ${WEEKDAYS[w.weekday - 1]} ${w.day} ${MONTH_NAMES[w.month - 1]} ${w.year}, when the clocks go ${direction}, between ${hhmm(g.after, timeZone2)} and ${hhmm(g.before, timeZone2)} ${zone} (${duration(g.minutes)})`);
    } else if (g.minutes >= 24 * 60) {
      const later = g.minutes >= 7 * 24 * 60 ? " a week later" : "";
      once(`from ${weekday(g.after, timeZone2)} ${hhmm(g.after, timeZone2)} to ${weekday(g.before, timeZone2)} ${hhmm(g.before, timeZone2)}${later} ${zone} (${duration(g.minutes)})`);
    } else {
      const key = `${localSpan(g, timeZone2)} ${g.minutes}`;
      const entry = daily.get(key);
      if (entry) entry.days.add(weekday(g.after, timeZone2));
      else {
        daily.set(key, { gap: g, days: /* @__PURE__ */ new Set([weekday(g.after, timeZone2)]) });
        out.push({ daily: key });
      }
    }
  }
  const timesOfDay = /* @__PURE__ */ new Map();
  for (const [key, { gap }] of daily) timesOfDay.set(gap.minutes, [...timesOfDay.get(gap.minutes) ?? [], key]);
  const order = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
  const between = (g) => `between ${hhmm(g.after, timeZone2)} and ${hhmm(g.before, timeZone2)} ${zone}`;
  return out.flatMap((item) => {
    if (typeof item === "string") return [item];
    const { gap, days } = daily.get(item.daily);
    const same = timesOfDay.get(gap.minutes);
    if (same.length > 3) {
      return same[0] === item.daily ? [`for ${duration(gap.minutes)} at a time, at ${same.length} times of day (like ${between(gap)})`] : [];
    }
    const when = days.size >= 7 ? "every day" : `on ${list([...days].sort((x, y) => order.indexOf(x) - order.indexOf(y)))}`;
    return [`${between(gap)} ${when} (${duration(gap.minutes)})`];
  });
}
function deadManWarning(checks, timeZone2 = "UTC", options = {}) {
  const limit = options.limitMinutes ?? DEAD_MAN_MINUTES;
  const head = `the dead-man alarm (NoResultsAlarm) assumes a check result at least every ${limit} minutes`;
  const advice = `add a check that runs at least every ${limit} minutes (for example schedule: 'rate(5 minutes)')`;
  if (checks.length === 0) return `${head}, but no check has a schedule: it will be in alarm from the start; ${advice}.`;
  const gaps = deadManGaps(checks, timeZone2, options);
  if (gaps.length === 0) return void 0;
  const clauses = describeGaps(gaps, timeZone2);
  const shown = clauses.length > 6 ? [...clauses.slice(0, 6), `and ${clauses.length - 6} more`] : clauses;
  return `${head}, but no check is due ${shown.join("; ")}. It will go off then although nothing is wrong: ${advice}, or expect the alarm at those times.`;
}

// src/check/schedule.ts
function validateSchedule(expr) {
  return parseSchedule(expr).error;
}

// src/check/rules.ts
var show = (v) => {
  if (typeof v === "string") return JSON.stringify(v);
  if (typeof v === "function") return "a function";
  if (Array.isArray(v)) return "an array";
  if (v === null) return "null";
  return typeof v === "object" ? "an object" : String(v);
};
var string = (v) => typeof v === "string" && v.trim() !== "" ? void 0 : `must be a non-empty string, got ${show(v)}`;
var text = (v) => string(v) ?? (new RegExp("\\p{Cs}", "u").test(v) ? `must be valid Unicode text, got ${show(v)} (a lone surrogate)` : void 0);
var boolean = (v) => typeof v === "boolean" ? void 0 : `must be true or false, got ${show(v)}`;
var fn = (v) => typeof v === "function" ? void 0 : `must be a function, got ${show(v)}`;
var positiveMs = (v) => typeof v === "number" && Number.isFinite(v) && v > 0 ? void 0 : `must be a positive number of milliseconds, got ${show(v)}`;
var intBetween = (min, max) => (v) => Number.isInteger(v) && v >= min && v <= max ? void 0 : `must be a whole number from ${min} to ${max}, got ${show(v)}`;
var numberBetween = (min, max) => (v) => typeof v === "number" && v >= min && v <= max ? void 0 : `must be a number from ${min} to ${max}, got ${show(v)}`;
var oneOf = (values) => (v) => typeof v === "string" && values.includes(v) ? void 0 : `must be one of ${values.map((x) => `'${x}'`).join(", ")}, got ${show(v)}`;
var stringArray = (v) => Array.isArray(v) && v.every((x) => typeof x === "string" && x.trim() !== "") ? void 0 : `must be an array of non-empty strings, got ${show(v)}`;
var ENV_NAME = /^[A-Z_][A-Z0-9_]*$/;
var envNames = (v) => {
  if (!Array.isArray(v) || v.some((x) => typeof x !== "string")) return `must be an array of environment variable names like 'LOGIN_PASSWORD', got ${show(v)}`;
  const bad = v.filter((x) => !ENV_NAME.test(x));
  return bad.length ? `${bad.map(show).join(", ")} ${bad.length === 1 ? "is not an environment variable name" : "are not environment variable names"} (capital letters, digits and _, not starting with a digit, like 'LOGIN_PASSWORD')` : void 0;
};
var HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
var headers = (v) => {
  if (typeof v !== "object" || v === null || Array.isArray(v)) return `must be an object of header names and string values, got ${show(v)}`;
  const problems = Object.entries(v).flatMap(([name, value]) => [
    ...HEADER_NAME.test(name) ? [] : [`${show(name)} is not a header name`],
    ...typeof value !== "string" ? [`${name} must be a string, got ${show(value)}`] : /[\r\n\0]/.test(value) ? [`${name} must not contain a line break`] : []
  ]);
  return problems.length ? problems.join("; ") : void 0;
};
var statuses = (v) => {
  const ok = (x) => Number.isInteger(x) && x >= 100 && x <= 599;
  if (ok(v) || Array.isArray(v) && v.length > 0 && v.every(ok)) return void 0;
  return `must be an HTTP status from 100 to 599, or a non-empty array of them, got ${Array.isArray(v) ? JSON.stringify(v) : show(v)}`;
};
var origin = (v) => {
  const problem = httpUrl(v);
  if (problem) return problem;
  const url = new URL(v);
  return url.origin === v.replace(/\/$/, "") ? void 0 : `must be an origin like '${url.origin}' (no path, query or user), got ${show(v)}`;
};
var httpUrl = (v) => {
  if (typeof v !== "string") return `must be an http(s) URL string, got ${show(v)}`;
  try {
    const url = new URL(v);
    return url.protocol === "http:" || url.protocol === "https:" ? void 0 : `must be an http(s) URL, got ${show(v)}`;
  } catch {
    return `must be an absolute URL like 'https://example.com', got ${show(v)}`;
  }
};
var locale = (v) => {
  if (typeof v !== "string") return `must be a locale string like 'ja-JP', got ${show(v)}`;
  try {
    Intl.getCanonicalLocales(v);
    return void 0;
  } catch {
    return `is not a valid locale (BCP 47, like 'en-US' or 'ja-JP'): ${show(v)}`;
  }
};
var timeZone = (v) => {
  if (typeof v !== "string") return `must be an IANA time zone like 'Asia/Tokyo', got ${show(v)}`;
  try {
    new Intl.DateTimeFormat("en", { timeZone: v });
    return void 0;
  } catch {
    return `is not a known IANA time zone (like 'Asia/Tokyo' or 'UTC'): ${show(v)}`;
  }
};
function validateShape(value, shape2, file, prefix = "") {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    return [{ file, field: prefix || void 0, message: `must be an object, got ${show(value)}` }];
  }
  const problems = [];
  for (const [key, v] of Object.entries(value)) {
    const field = prefix ? `${prefix}.${key}` : key;
    const rule = shape2[key];
    if (!rule) {
      problems.push({ file, field, message: `unknown option '${key}' (known: ${Object.keys(shape2).join(", ")})` });
    } else if (v !== void 0) {
      const message = rule(v);
      if (message) problems.push({ file, field, message });
    }
  }
  return problems;
}
function itemProblems(items, shape2, prefix, required) {
  return items.flatMap((item, i) => {
    const at = `${prefix}[${i}]`;
    const found = validateShape(item, shape2, "", at);
    if (typeof item === "object" && item !== null) {
      for (const [key, message] of Object.entries(required)) if (item[key] === void 0) found.push({ file: "", field: `${at}.${key}`, message });
    }
    return found.map((p) => `${p.field ?? at} ${p.message}`);
  });
}
var repeated = (values) => [...new Set(values.filter((v, i) => typeof v === "string" && values.indexOf(v) !== i))];
var nested = (shape2, required = []) => (v) => {
  const problems = validateShape(v, shape2, "");
  if (typeof v === "object" && v !== null) {
    for (const key of required) if (v[key] === void 0) problems.push({ file: "", field: key, message: "is required" });
  }
  return problems.length ? problems.map((p) => p.field ? `${p.field} ${p.message}` : p.message).join("; ") : void 0;
};

// src/check/deploy-config.ts
var STACK_NAME = /^[A-Za-z][A-Za-z0-9-]{0,127}$/;
var REGION = /^[a-z]{2}(-[a-z]+)+-\d{1,2}$/;
var stackName = (v) => typeof v === "string" && STACK_NAME.test(v) ? void 0 : `must be a CloudFormation stack name (a letter, then letters, digits and -, at most 128 characters, like 'mimamori-prod'), got ${JSON.stringify(v)}`;
var region = (v) => typeof v === "string" && REGION.test(v) ? void 0 : `must be an AWS region like 'ap-northeast-1', got ${JSON.stringify(v)}`;
var bucket = (v) => typeof v === "string" && /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(v) ? void 0 : `must be an S3 bucket name (3 to 63 lower-case letters, digits, . and -), got ${JSON.stringify(v)}`;
var isRecord = (v) => typeof v === "object" && v !== null && !Array.isArray(v);
var shape = { stackName, region, profile: string, s3Bucket: bucket, parameters: () => void 0, tags: () => void 0 };
function deployConfigProblems(value, file, templateParameters) {
  const problems = validateShape(value, shape, file, "deploy");
  if (!isRecord(value)) return problems;
  const at = (field, message) => problems.push({ file, field: `deploy.${field}`, message });
  const { parameters, tags } = value;
  if (parameters !== void 0 && !isRecord(parameters)) at("parameters", "must be an object of template parameters and their values, like { SlackChannel: 'C0123456789' }");
  if (isRecord(parameters)) {
    for (const [name, v] of Object.entries(parameters)) {
      if (templateParameters && !templateParameters.includes(name)) {
        at(`parameters.${name}`, `is not a parameter of template.yaml (it declares ${templateParameters.join(", ")})`);
      } else if (!["string", "number", "boolean"].includes(typeof v) || typeof v === "number" && !Number.isFinite(v)) {
        at(`parameters.${name}`, `must be a string, number or boolean, got ${Array.isArray(v) ? "an array" : v === null ? "null" : typeof v}`);
      }
    }
  }
  if (tags !== void 0 && !isRecord(tags)) at("tags", "must be an object of tag names and string values, like { team: 'web' }");
  if (isRecord(tags)) {
    for (const [name, v] of Object.entries(tags)) {
      if (name.length > 128 || name.startsWith("aws:")) at(`tags.${name}`, "is not a tag name AWS allows (at most 128 characters, not starting with aws:)");
      else if (typeof v !== "string" || v.length > 256) at(`tags.${name}`, `must be a string of at most 256 characters, got ${JSON.stringify(v)}`);
    }
  }
  return problems;
}
function templateParameterNames(templateText) {
  const lines = templateText.split(/\r?\n/);
  const start = lines.findIndex((l) => /^Parameters:\s*$/.test(l));
  if (start < 0) return [];
  const names2 = [];
  for (const line of lines.slice(start + 1)) {
    if (/^[^\s#]/.test(line)) break;
    const name = /^ {2}([A-Za-z0-9]+):/.exec(line)?.[1];
    if (name) names2.push(name);
  }
  return names2;
}

// src/check/package-template.ts
import { existsSync, readFileSync as readFileSync2 } from "node:fs";
import { join as join3 } from "node:path";
var PACKAGE_TEMPLATE = join3(PACKAGE_ROOT, "template.yaml");
var names;
function packageTemplateParameters() {
  if (!names && existsSync(PACKAGE_TEMPLATE)) names = templateParameterNames(readFileSync2(PACKAGE_TEMPLATE, "utf8"));
  return names;
}

export {
  LAYER_PACKAGES,
  lambdaOptions,
  PACKAGE_ROOT,
  importTs,
  stopCompiler,
  deadManWarning,
  validateSchedule,
  string,
  text,
  boolean,
  fn,
  positiveMs,
  intBetween,
  numberBetween,
  oneOf,
  stringArray,
  envNames,
  headers,
  statuses,
  origin,
  httpUrl,
  locale,
  timeZone,
  validateShape,
  itemProblems,
  repeated,
  nested,
  STACK_NAME,
  REGION,
  deployConfigProblems,
  PACKAGE_TEMPLATE,
  packageTemplateParameters
};
