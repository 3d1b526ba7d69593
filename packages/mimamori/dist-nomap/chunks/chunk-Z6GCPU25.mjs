import {
  isFatal,
  isNote,
  resolveLogWatches
} from "./chunk-TCTICCER.mjs";
import {
  plural
} from "./chunk-2I6LHTXW.mjs";
import {
  PACKAGE_ROOT,
  PACKAGE_TEMPLATE,
  deadManWarning,
  lambdaOptions
} from "./chunk-7MRTGN4J.mjs";
import {
  displayPath
} from "./chunk-PGIEQVW4.mjs";

// src/build/functions.ts
import { writeFile } from "node:fs/promises";
import { join } from "node:path";

// src/build/runner-timeout.ts
import { existsSync, readFileSync } from "node:fs";

// src/lambda/time-budget.ts
var REPORT_RESERVE_SHARE = 0.25;
var REPORT_RESERVE_MIN_MS = 15e3;
var REPORT_RESERVE_MAX_MS = 3e4;
function reportReserveMs(timeoutMs) {
  return Math.min(REPORT_RESERVE_MAX_MS, Math.max(REPORT_RESERVE_MIN_MS, Math.round(timeoutMs * REPORT_RESERVE_SHARE)));
}
function journeyBudgetMs(timeoutMs) {
  return Math.max(0, timeoutMs - reportReserveMs(timeoutMs));
}
var STALE_AFTER_MS = 10 * 6e4;

// src/build/runner-timeout.ts
var RUNNER_TIMEOUT_ENV = "MIMAMORI_RUNNER_TIMEOUT_SECONDS";
var CONFIG_FIELD = "deploy.parameters.RunnerTimeoutSeconds";
function templateRunnerTimeout(templateText) {
  const block = /^ {2}RunnerTimeoutSeconds:[^\n]*\n((?: {4,}[^\n]*\n)*)/m.exec(templateText)?.[1];
  const value = block && /^ {4}Default:\s*(\d+)\s*(?:#.*)?$/m.exec(block)?.[1];
  return value ? Number(value) : void 0;
}
var seconds = (given, from) => {
  const text = String(given).trim();
  if (!/^\d+$/.test(text) || Number(text) < 1 || Number(text) > 900) {
    return { error: `must be the runner's timeout in whole seconds (1 to 900, as RunnerTimeoutSeconds), got ${JSON.stringify(given)}`, from };
  }
  return { seconds: Number(text), from };
};
function runnerTimeout(env = process.env, config) {
  const given = env[RUNNER_TIMEOUT_ENV];
  if (given !== void 0 && given !== "") return seconds(given, RUNNER_TIMEOUT_ENV);
  const configured = config?.deploy?.parameters?.RunnerTimeoutSeconds;
  if (configured !== void 0) return seconds(configured, CONFIG_FIELD);
  if (!existsSync(PACKAGE_TEMPLATE)) return void 0;
  const fromTemplate = templateRunnerTimeout(readFileSync(PACKAGE_TEMPLATE, "utf8"));
  return fromTemplate === void 0 ? void 0 : { seconds: fromTemplate, from: `RunnerTimeoutSeconds's default in ${displayPath(PACKAGE_TEMPLATE)}` };
}
var secs = (ms) => `${Math.round(ms / 100) / 10} s`;
function timeoutMisfits(checks, timeoutSeconds) {
  const timeoutMs = timeoutSeconds * 1e3;
  const budgetMs = journeyBudgetMs(timeoutMs);
  return checks.filter((c) => c.timeoutMs > budgetMs).map((c) => ({ name: c.name, file: c.file, timeoutMs: c.timeoutMs, timeoutSeconds, budgetMs, reserveMs: reportReserveMs(timeoutMs) }));
}
var leaves = (m, from) => `a runner timeout of ${m.timeoutSeconds} s${from ? ` (${from})` : ""} leaves ${m.budgetMs} ms (${secs(m.budgetMs)}) once ${secs(m.reserveMs)} are kept back to stop, store and alert`;
var FIX = `Lower the check's timeoutMs, or deploy with a longer RunnerTimeoutSeconds (${CONFIG_FIELD} in the config) (the reserve is 25 % of the timeout, between 15 and 30 s).`;
function runnerTimeoutProblems(checks, env = process.env, config, configFile = "the config") {
  const timeout = runnerTimeout(env, config);
  if (!timeout) return [];
  if ("error" in timeout) {
    return [timeout.from === RUNNER_TIMEOUT_ENV ? { file: `${RUNNER_TIMEOUT_ENV} (environment)`, message: timeout.error } : { file: configFile, field: CONFIG_FIELD, message: timeout.error }];
  }
  return timeoutMisfits(checks, timeout.seconds).map((m) => ({
    file: m.file,
    field: "timeoutMs",
    message: `${m.timeoutMs} (${secs(m.timeoutMs)}) does not fit: ${leaves(m, timeout.from)}. ${FIX}`
  }));
}
var BuildRefusedError = class extends Error {
  name = "BuildRefusedError";
  constructor(message) {
    super(message);
    this.stack = message;
  }
};
function refuseImpossibleTimeouts(checks, env = process.env, config) {
  const timeout = runnerTimeout(env, config);
  if (!timeout) return;
  if ("error" in timeout) throw new BuildRefusedError(`Not built: ${timeout.from} ${timeout.error}`);
  const misfits = timeoutMisfits(checks, timeout.seconds);
  if (!misfits.length) return;
  throw new BuildRefusedError([
    `Not built: ${misfits.length === 1 ? "a check does" : `${misfits.length} checks do`} not fit in the runner's timeout (${timeout.seconds} s, from ${timeout.from}):`,
    ...misfits.map((m) => `  check "${m.name}" (${m.file}) has timeoutMs ${m.timeoutMs} (${secs(m.timeoutMs)}), but ${leaves(m)}`),
    FIX
  ].join("\n"));
}

// src/build/functions.ts
function digestSchedule(config) {
  if (!config.digest?.at) return null;
  const { s3, slack } = config;
  return { at: config.digest.at, timeZone: config.digest.timeZone ?? slack?.timeZone ?? "UTC", config: { ...s3 && { s3 }, ...slack && { slack } } };
}
function virtualModules(input) {
  const registry = [
    input.configFile ? `import config from ${JSON.stringify(input.configFile)};` : "const config = {};",
    ...input.checkFiles.map((file, i) => `import check${i} from ${JSON.stringify(file)};`),
    `export const registry = { config, checks: [${input.checks.map((c, i) => `{ file: ${JSON.stringify(c.file)}, definition: check${i} }`).join(", ")}] };`
  ].join("\n");
  const schedules = [
    `export const schedules = ${JSON.stringify(input.checks.filter((c) => c.schedule).map((c) => ({ name: c.name, schedule: c.schedule })))};`,
    `export const timeZone = ${JSON.stringify(input.config.scheduleTimeZone ?? "UTC")};`,
    // Every check, scheduled or not: the dispatcher enqueues a manual run of any of them.
    `export const checkNames = ${JSON.stringify(input.checks.map((c) => c.name))};`,
    // The daily picture: when (the dispatcher) and what the runner reads the store and Slack with; null without one.
    `export const digest = ${JSON.stringify(digestSchedule(input.config))};`
  ].join("\n");
  const logWatches = [
    `export const logWatches = [${resolveLogWatches(input.config).map((w) => `{ name: ${JSON.stringify(w.name)}, logGroups: ${JSON.stringify(w.logGroups)}, pattern: new RegExp(${JSON.stringify(w.pattern.source)}, ${JSON.stringify(w.pattern.flags)}), filterPattern: ${JSON.stringify(w.filterPattern)}, windowMinutes: ${w.windowMinutes} }`).join(", ")}];`,
    `export const redact = ${JSON.stringify(input.config.redact ?? {})};`,
    `export const timeZone = ${JSON.stringify(input.config.slack?.timeZone ?? "UTC")};`
  ].join("\n");
  const contents = { "virtual:mimamori-checks": registry, "virtual:mimamori-schedules": schedules, "virtual:mimamori-log-watches": logWatches };
  return {
    name: "mimamori-virtual",
    setup(b) {
      b.onResolve({ filter: /^virtual:mimamori-/ }, (args) => ({ path: args.path, namespace: "mimamori-virtual" }));
      b.onLoad({ filter: /.*/, namespace: "mimamori-virtual" }, (args) => ({ contents: contents[args.path], loader: "ts", resolveDir: PACKAGE_ROOT }));
    }
  };
}
function scheduleWarning(input, now = Date.now()) {
  const scheduled = input.checks.flatMap((c) => c.schedule ? [{ name: c.name, schedule: c.schedule }] : []);
  return deadManWarning(scheduled, input.config.scheduleTimeZone ?? "UTC", { from: now });
}
async function bundleFunction(name, outDir, input) {
  if (name === "runner") refuseImpossibleTimeouts(input.checks, process.env, input.config);
  const { build } = await import("esbuild");
  const outfile = join(outDir, `${name}.js`);
  const warning = name === "dispatcher" ? scheduleWarning(input) : void 0;
  if (warning) process.stderr.write(`Warning: ${warning}
`);
  await build(lambdaOptions({ entry: join(PACKAGE_ROOT, "dist/functions", `${name}.mjs`), outfile, packageRoot: PACKAGE_ROOT, plugins: [virtualModules(input)] }));
  await writeFile(join(outDir, "package.json"), '{ "type": "commonjs" }\n');
  return displayPath(outfile);
}

// src/build/problems.ts
function deployProblems(project, options = {}) {
  const { env = process.env, now = Date.now() } = options;
  const configKnown = !project.problems.some(isFatal);
  const deployOnly = runnerTimeoutProblems(project.checks, env, configKnown ? project.config : void 0, options.configFile);
  const warning = configKnown ? scheduleWarning({ config: project.config, checks: project.checks }, now) : void 0;
  return { deployOnly, warnings: warning ? [warning] : [] };
}
var problemLine = (p) => `  ${p.file}${p.field ? ` \u203A ${p.field}` : ""}: ${p.message}`;
function problemsReport(title, loading, deployOnly = []) {
  const fatal = loading.filter(isFatal);
  const errors = loading.filter((p) => !isFatal(p) && !isNote(p));
  return [
    `${title}: ${plural(fatal.length + errors.length + deployOnly.length, "problem")}.`,
    ...fatal.length ? [`${plural(fatal.length, "fatal problem")} in the config (a local run stops too):`, ...fatal.map(problemLine)] : [],
    ...errors.length ? [`${plural(errors.length, "problem")} in check files (a local run skips just those checks; a deploy cannot leave them out):`, ...errors.map(problemLine)] : [],
    ...deployOnly.length ? [`${plural(deployOnly.length, "problem")} a deploy refuses (a local run is not affected):`, ...deployOnly.map(problemLine)] : []
  ].join("\n");
}

export {
  bundleFunction,
  deployProblems,
  problemLine,
  problemsReport
};
