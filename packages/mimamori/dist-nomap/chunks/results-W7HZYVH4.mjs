import "./chunk-JYK4XQ36.mjs";
import {
  MalformedObject,
  RESULT_FILE,
  checkFromSegment,
  firstLine,
  historyStore,
  isRecord,
  keySegment,
  parseJsonObject,
  storyScreenshot
} from "./chunk-P4DNPQN3.mjs";
import {
  formatMs,
  statusIcon
} from "./chunk-2I6LHTXW.mjs";
import "./chunk-NJ6TXVNI.mjs";
import {
  loadConfig
} from "./chunk-Q5KG2DBG.mjs";
import {
  printable
} from "./chunk-XH4PHW73.mjs";
import {
  stopCompiler
} from "./chunk-7MRTGN4J.mjs";
import {
  displayPath
} from "./chunk-PGIEQVW4.mjs";

// src/cli/results.ts
import { parseArgs } from "node:util";

// src/store/history.ts
var lastSegment = (folder) => folder.split("/").filter(Boolean).pop();
function resultShape(json) {
  if (!isRecord(json)) throw new MalformedObject("not an object");
  if (typeof json.name !== "string" || typeof json.status !== "string") throw new MalformedObject("no name or status");
  if (!Array.isArray(json.screenshots) || !json.screenshots.every((s) => isRecord(s) && typeof s.file === "string")) throw new MalformedObject("screenshots is not a list of pictures");
  if (json.error != null && !(isRecord(json.error) && typeof json.error.message === "string")) throw new MalformedObject("error has no message");
  return json;
}
async function recentFolders(store, segment, limit) {
  const found = [];
  const walk = async (prefix, depth) => {
    const { folders } = await store.list(prefix);
    for (const folder of folders.sort().reverse()) {
      if (found.length >= limit) return;
      if (depth === 3) found.push(folder);
      else await walk(folder, depth + 1);
    }
  };
  await walk(`runs/${segment}/`, 0);
  return found;
}
async function summarise(store, folder, name) {
  const check = name ?? checkFromSegment(folder.split("/")[1]);
  const runId = lastSegment(folder);
  const result = await store.link(folder + RESULT_FILE);
  const bytes = await store.get(folder + RESULT_FILE);
  if (!bytes) return { check, runId, folder, status: "unreadable", result };
  const parsed = parseJsonObject(bytes, folder + RESULT_FILE, resultShape);
  if ("unreadable" in parsed) return { check, runId, folder, status: "unreadable", error: parsed.unreadable, result };
  const r = parsed.value;
  const shot = storyScreenshot(r);
  return {
    check: r.name,
    runId,
    folder,
    status: r.status,
    startedAt: r.startedAt,
    durationMs: r.durationMs,
    failingStep: r.error?.step,
    error: r.error && firstLine(r.error.message),
    result,
    screenshot: shot && { file: shot.file, ...await store.link(folder + shot.file) }
  };
}
async function recentRuns(store, check, limit) {
  const segments = check !== void 0 ? [keySegment(check)] : (await store.list("runs/")).folders.map((f) => f.split("/")[1]);
  const perCheck = await Promise.all(segments.map((s) => recentFolders(store, s, limit)));
  const newest = perCheck.flat().sort((a, b) => lastSegment(b).localeCompare(lastSegment(a))).slice(0, limit);
  return Promise.all(newest.map((folder) => summarise(store, folder, check?.normalize("NFC"))));
}

// src/cli/results.ts
var RESULTS_USAGE = `Usage: mimamori results [check name] [--limit n] [--out dir] [--json]

Recent runs, newest first, from S3 when MIMAMORI_S3_BUCKET (or s3.bucket in the config) is set, else from the
local out folder (default mimamori-results).`;
var show = (url) => /^https?:/.test(url) ? url : displayPath(url);
function block(run) {
  const when = run.startedAt ? new Date(run.startedAt).toISOString().replace("T", " ").replace(/\.\d+Z$/, "Z") : "?";
  const status = run.status === "unreadable" ? "? unreadable" : `${statusIcon(run.status)} ${run.status}`;
  const lines = [`${when}  ${printable(run.check)}  ${status}  ${run.durationMs === void 0 ? "" : formatMs(run.durationMs)}  ${run.runId}`];
  if (run.error) lines.push(`  error:      ${run.failingStep ? `in "${printable(run.failingStep)}": ` : ""}${printable(run.error)}`);
  lines.push(`  result:     ${show(run.result.url)}`);
  if (run.screenshot) lines.push(`  screenshot: ${show(run.screenshot.url)}`);
  if (run.result.consoleUrl) lines.push(`  console:    ${run.result.consoleUrl}`);
  return lines.join("\n");
}
async function resultsMain(argv) {
  let values;
  let positionals;
  try {
    ({ values, positionals } = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: { limit: { type: "string" }, out: { type: "string" }, json: { type: "boolean" }, config: { type: "string" }, help: { type: "boolean", short: "h" } }
    }));
  } catch (error) {
    process.stderr.write(`${error.message}

${RESULTS_USAGE}
`);
    return 2;
  }
  if (values.help) return process.stdout.write(`${RESULTS_USAGE}
`), 0;
  const limit = values.limit === void 0 ? 10 : Number(values.limit);
  if (!Number.isInteger(limit) || limit < 1 || limit > 1e3 || positionals.length > 1) {
    process.stderr.write(`${positionals.length > 1 ? "Name one check at most" : `--limit must be a whole number from 1 to 1000, got '${values.limit}'`}

${RESULTS_USAGE}
`);
    return 2;
  }
  const { config, problems } = await loadConfig(process.cwd(), values.config);
  await stopCompiler();
  for (const p of problems) process.stderr.write(`${p.file}${p.field ? ` \u203A ${p.field}` : ""}: ${p.message}
`);
  try {
    const store = await historyStore(config, values.out ?? "mimamori-results");
    const runs = await recentRuns(store, positionals[0], limit);
    if (values.json) process.stdout.write(`${JSON.stringify({ store: store.location, runs }, null, 2)}
`);
    else if (runs.length === 0) process.stdout.write(`No runs${positionals[0] ? ` of "${positionals[0]}"` : ""} in ${store.location}
`);
    else process.stdout.write(`Recent runs in ${store.location}

${runs.map(block).join("\n\n")}
`);
    return 0;
  } catch (error) {
    process.stderr.write(`${error.message}
`);
    return 3;
  }
}
export {
  RESULTS_USAGE,
  resultsMain
};
