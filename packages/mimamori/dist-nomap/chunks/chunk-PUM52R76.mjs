import {
  MalformedObject,
  StorageError,
  WriteConflict,
  firstLine,
  historyDayKey,
  historyMonthFolder,
  isRecord,
  parseJsonObject,
  readJsonObject,
  stateKey,
  storyScreenshot,
  utcDay
} from "./chunk-P4DNPQN3.mjs";
import {
  plural
} from "./chunk-2I6LHTXW.mjs";
import {
  stripAnsi
} from "./chunk-NJ6TXVNI.mjs";
import {
  printable
} from "./chunk-XH4PHW73.mjs";
import {
  wallClock
} from "./chunk-PGIEQVW4.mjs";

// src/render/time.ts
function knownZone(zone) {
  try {
    new Intl.DateTimeFormat("en", { timeZone: zone });
    return { zone };
  } catch {
    return { zone: "UTC", problem: `unknown time zone ${JSON.stringify(zone)}: times are in UTC` };
  }
}
var two = (n) => String(n).padStart(2, "0");
function localDate(t, timeZone) {
  const w = wallClock(t, knownZone(timeZone).zone);
  return `${w.year}-${two(w.month)}-${two(w.day)}`;
}
function yesterdayOf(now, timeZone) {
  const [y, m, d] = localDate(now, timeZone).split("-").map(Number);
  return new Date(Date.UTC(y, m - 1, d - 1)).toISOString().slice(0, 10);
}
function hourMinute(t, timeZone) {
  const w = wallClock(t, knownZone(timeZone).zone);
  return `${two(w.hour)}:${two(w.minute)}`;
}
function dateTime(t, timeZone, short = false) {
  if (!Number.isFinite(t)) return "\u2013";
  const w = wallClock(t, knownZone(timeZone).zone);
  return `${short ? "" : `${w.year}-`}${two(w.month)}-${two(w.day)} ${two(w.hour)}:${two(w.minute)}`;
}
function clockTime(t, now, timeZone) {
  const zone = knownZone(timeZone).zone;
  const hm = hourMinute(t, zone);
  if (localDate(t, zone) === localDate(now, zone)) return hm;
  return `${new Intl.DateTimeFormat("en-US", { timeZone: zone, month: "short", day: "numeric" }).format(new Date(t))} ${hm}`;
}
function stampWithZone(t, timeZone) {
  return new Intl.DateTimeFormat("en-GB", {
    timeZone: knownZone(timeZone).zone,
    year: "numeric",
    month: "short",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
    timeZoneName: "short"
  }).format(new Date(t));
}
function shortStampWithZone(t, timeZone) {
  return new Intl.DateTimeFormat("en-GB", { timeZone: knownZone(timeZone).zone, day: "numeric", month: "short", hour: "2-digit", minute: "2-digit", timeZoneName: "short" }).format(new Date(t));
}
function longDateTime(t, timeZone) {
  return new Intl.DateTimeFormat("en-US", {
    timeZone: knownZone(timeZone).zone,
    weekday: "short",
    year: "numeric",
    month: "short",
    day: "numeric",
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23"
  }).format(new Date(t));
}

// src/render/escape.ts
function cleanText(text) {
  return printable(stripAnsi(String(text)), { lines: true });
}
function xmlText(text) {
  return cleanText(text).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}
function xmlAttr(text) {
  return xmlText(text).replace(/"/g, "&quot;").replace(/'/g, "&apos;").replace(/\t/g, "&#9;").replace(/\n/g, "&#10;").replace(/\r/g, "&#13;");
}
function escapeHtml(text) {
  if (text === void 0 || text === null) return "";
  return cleanText(String(text)).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#39;");
}
var Html = class {
  constructor(markup) {
    this.markup = markup;
  }
  markup;
  toString() {
    return this.markup;
  }
};
var raw = (markup) => new Html(markup);
function valueOf(v) {
  if (v instanceof Html) return v.markup;
  if (Array.isArray(v)) return v.map(valueOf).join("");
  if (v === false || v === true) return v ? "true" : "";
  return escapeHtml(v);
}
function html(strings, ...values) {
  let out = strings[0];
  values.forEach((v, i) => {
    out += valueOf(v) + strings[i + 1];
  });
  return new Html(out);
}
function safeUrl(url) {
  if (!url) return void 0;
  const probe = url.replace(/[\u0000-\u0020\u007f]/g, "");
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(probe);
  if (scheme) return /^https?$/i.test(scheme[1]) ? url : void 0;
  if (probe.startsWith("//") || probe.startsWith("\\")) return void 0;
  return url;
}

// src/store/conditional-update.ts
var CONDITIONAL_TRIES = 4;
async function conditionalUpdate(update, first, tries = CONDITIONAL_TRIES) {
  let loaded = first ?? await update.read();
  for (let tried = 1; ; tried++) {
    const next = update.change(loaded);
    const writing = update.write(next, loaded);
    if (!writing) return next;
    try {
      await writing;
      return next;
    } catch (error) {
      if (!(error instanceof WriteConflict) || tried >= tries) throw error;
    }
    loaded = await update.read();
  }
}
function unchangedSince(version) {
  return version === void 0 ? { ifNoneMatch: "*" } : { ifMatch: version };
}

// src/store/history-day-shape.ts
var DAY_FILE = /\/(\d{4})\/(\d{2})\/(\d{2})\.json$/;
var STATUS = /* @__PURE__ */ new Set(["p", "d", "f"]);
var finite = (v) => typeof v === "number" && Number.isFinite(v);
var OPTIONAL_STRINGS = ["fs", "e", "c", "shot"];
var NAMED = 3;
function runProblem(r) {
  if (!isRecord(r)) return `is ${r === null ? "null" : Array.isArray(r) ? "a list" : typeof r}`;
  if (!finite(r.t)) return "has no start time t";
  if (typeof r.id !== "string" || r.id === "") return "has no run id";
  if (typeof r.s !== "string" || !STATUS.has(r.s)) return "has no status p, d or f";
  if (!finite(r.ms)) return "has no duration ms";
  return void 0;
}
function cleanRun(r, steps) {
  const run = { ...r };
  if (run.st !== void 0 && !(Array.isArray(run.st) && run.st.length === steps && run.st.every(finite))) delete run.st;
  for (const field of OPTIONAL_STRINGS) if (run[field] !== void 0 && typeof run[field] !== "string") delete run[field];
  if (run.i !== void 0 && run.i !== 1 && run.i !== 2) delete run.i;
  return run;
}
function checkDay(json, key, check) {
  if (!isRecord(json)) throw new MalformedObject("not an object");
  if (json.v !== 1) {
    throw new StorageError(`history day ${key} is not a version 1 history day (v: ${JSON.stringify(json.v)}): it was written by another version of mimamori, and is left as it is`);
  }
  if (!Array.isArray(json.runs)) throw new MalformedObject("its runs are not a list");
  const repairs = [];
  const m = DAY_FILE.exec(key);
  const dayOfKey = m ? `${m[1]}-${m[2]}-${m[3]}` : void 0;
  const day = dayOfKey ?? (typeof json.day === "string" ? json.day : void 0);
  if (!day) throw new MalformedObject("no day");
  if (json.day !== day) repairs.push(`its day ${JSON.stringify(json.day) ?? "is missing"}: ${day} by its key`);
  let steps = json.steps;
  if (!(Array.isArray(steps) && steps.every((s) => typeof s === "string"))) {
    repairs.push("its step names are not a list of names: left out");
    steps = [];
  }
  const broken = [];
  const runs = [];
  json.runs.forEach((r, k) => {
    const problem = runProblem(r);
    if (problem) broken.push(`run ${k + 1} ${problem}`);
    else runs.push(cleanRun(r, steps.length));
  });
  if (broken.length) {
    const more = broken.length > NAMED ? `, and ${broken.length - NAMED} more` : "";
    repairs.push(`${plural(broken.length, "malformed run")} left out (${broken.slice(0, NAMED).join("; ")}${more})`);
  }
  const checked = { ...json, check: typeof json.check === "string" ? json.check : check, day, steps, runs };
  if (checked.budget !== void 0 && !isRecord(checked.budget)) delete checked.budget;
  if (checked.usualMs !== void 0 && !finite(checked.usualMs)) delete checked.usualMs;
  return { day: checked, repairs };
}

// src/store/history-days.ts
var ERROR_LINE_CHARS = 200;
var LETTER = { passed: "p", degraded: "d", failed: "f" };
function cut(text, max) {
  const chars = Array.from(text);
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join("")}\u2026`;
}
function historyRunOf(result, runId, action) {
  const run = { t: result.startedAt, id: runId, s: LETTER[result.status], ms: Math.round(result.durationMs) };
  if (result.steps.length > 0 && result.steps.every((s) => s.status !== "skipped")) run.st = result.steps.map((s) => Math.round(s.durationMs));
  if (result.status === "failed") {
    const step = result.error?.step ?? result.steps.find((s) => s.status === "failed")?.name;
    if (step !== void 0) run.fs = step;
    const line = result.error && firstLine(stripAnsi(result.error.message));
    if (line) run.e = cut(line, ERROR_LINE_CHARS);
    if (result.error) run.c = result.error.class;
  }
  const shot = storyScreenshot(result)?.path;
  if (shot) run.shot = shot;
  if (action === "open") run.i = 1;
  else if (action === "recover") run.i = 2;
  return run;
}
var sameNames = (a, b) => a.length === b.length && a.every((n, k) => n === b[k]);
var isStrictPrefix = (a, of) => a.length < of.length && a.every((n, k) => n === of[k]);
function compactBudget(budget) {
  const out = {};
  if (typeof budget.degradedResponseTime === "number") out.degradedResponseTime = budget.degradedResponseTime;
  if (typeof budget.maxResponseTime === "number") out.maxResponseTime = budget.maxResponseTime;
  return Object.keys(out).length ? out : void 0;
}
function addRun(day, entry) {
  const run = { ...entry.run };
  const earlier = day?.runs.find((r) => r.id === run.id);
  if (earlier?.i && !run.i) run.i = earlier.i;
  const next = day ? { ...day, runs: day.runs.filter((r) => r.id !== run.id) } : { v: 1, check: entry.check, day: utcDay(run.t), steps: [], runs: [] };
  next.check = entry.check.normalize("NFC");
  const names = entry.steps;
  if (names.length === 0 || isStrictPrefix(names, next.steps)) {
    delete run.st;
  } else if (!sameNames(names, next.steps)) {
    next.steps = [...names];
    next.runs = next.runs.map((r) => {
      if (!r.st || r.st.length === names.length) return r;
      const { st: _dropped, ...rest } = r;
      return rest;
    });
  }
  if (run.st && run.st.length !== next.steps.length) delete run.st;
  next.runs.push(run);
  next.runs.sort((a, b) => a.t - b.t || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  if (entry.budget) {
    const budget = compactBudget(entry.budget);
    if (budget) next.budget = budget;
    else delete next.budget;
  }
  if (typeof entry.usualMs === "number") next.usualMs = Math.round(entry.usualMs);
  return next;
}
async function readDay(store, key, check, said, options) {
  const { value, version } = await readJsonObject(store, key, (json) => checkDay(json, key, check), { ...options, onUnreadable: (message) => said.add(message) });
  if (value?.repairs.length) said.add(`${key}: ${value.repairs.join("; ")}: repaired by this run's write`);
  return { day: value?.day, version };
}
async function appendRun(store, entry, options = {}) {
  const { warn, ...call } = options;
  const key = historyDayKey(entry.check, entry.run.t);
  const said = /* @__PURE__ */ new Set();
  const written = await conditionalUpdate({
    read: () => readDay(store, key, entry.check, said, call),
    change: (loaded) => addRun(loaded.day, entry),
    write: (day, loaded) => store.put(key, JSON.stringify(day), {
      ...call,
      contentType: "application/json",
      metadata: { check: day.check, day: day.day },
      ...unchangedSince(loaded.version)
    })
  });
  for (const message of said) warn?.(message);
  return written;
}
function dayOf(bound) {
  if (typeof bound === "number") return utcDay(bound);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(bound) || Number.isNaN(Date.parse(`${bound}T00:00:00Z`))) throw new RangeError(`a day is YYYY-MM-DD, got '${bound}'`);
  return bound;
}
function monthsBetween(from, to) {
  const months = [];
  let year = Number(from.slice(0, 4));
  let month = Number(from.slice(5, 7));
  const lastYear = Number(to.slice(0, 4));
  const lastMonth = Number(to.slice(5, 7));
  while (year < lastYear || year === lastYear && month <= lastMonth) {
    months.push([year, month]);
    if (++month > 12) [year, month] = [year + 1, 1];
  }
  return months;
}
async function mapLimit(items, limit, fn) {
  const out = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const k = next++;
      out[k] = await fn(items[k]);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  return out;
}
var DAY_FILE2 = /\/(\d{4})\/(\d{2})\/(\d{2})\.json$/;
async function readDays(store, check, fromDay, toDay, options = {}) {
  const { concurrency = 16, onUnreadable, warn, ...call } = options;
  const from = dayOf(fromDay);
  const to = dayOf(toDay);
  if (from > to) return [];
  const listings = await Promise.all(monthsBetween(from, to).map(([year, month]) => store.list(historyMonthFolder(check, year, month), call)));
  const keys = listings.flatMap((l) => l.keys).filter((key) => {
    const m = DAY_FILE2.exec(key);
    const day = m && `${m[1]}-${m[2]}-${m[3]}`;
    return day !== null && day >= from && day <= to;
  });
  const days = await mapLimit(keys, concurrency, async (key) => {
    const bytes = await store.get(key, call);
    if (!bytes) return void 0;
    try {
      const parsed = parseJsonObject(bytes, key, (json) => checkDay(json, key, check));
      if ("unreadable" in parsed) throw new StorageError(`history day ${parsed.unreadable}`);
      if (parsed.value.repairs.length) warn?.(`${key}: ${parsed.value.repairs.join("; ")}`);
      return parsed.value.day;
    } catch (error) {
      if (!onUnreadable) throw error;
      onUnreadable(key, error);
      return void 0;
    }
  });
  return days.filter((d) => d !== void 0).sort((a, b) => a.day < b.day ? -1 : a.day > b.day ? 1 : 0);
}

// src/episode/thread-ref.ts
function isThreadRef(v) {
  return isRecord(v) && typeof v.notifier === "string" && isRecord(v.ref) && Object.values(v.ref).every((x) => typeof x === "string");
}
function migrateLegacyThread(record) {
  if (!("channel" in record) && !("ts" in record)) return record;
  const { channel, ts, ...rest } = record;
  if (rest.thread !== void 0 || typeof ts !== "string") return rest;
  const ref = { ts };
  if (typeof channel === "string") ref.channel = channel;
  return { ...rest, thread: { notifier: "slack", ref } };
}

// src/store/state-shape.ts
var STATUSES = ["passed", "degraded", "failed"];
var KINDS = ["site", "monitor"];
var NAMED2 = 3;
var finite2 = (v) => typeof v === "number" && Number.isFinite(v);
var what = (v) => v === null ? "null" : Array.isArray(v) ? "a list" : typeof v;
function stepsProblem(steps) {
  if (!isRecord(steps)) return "has no steps";
  const bad = Object.keys(steps).find((name) => !finite2(steps[name]));
  return bad === void 0 ? void 0 : `has a step ${bad} that is not a duration`;
}
function sampleProblem(s) {
  if (!isRecord(s)) return `is ${what(s)}`;
  if (!finite2(s.at)) return "has no time at";
  if (!finite2(s.ms)) return "has no duration ms";
  return stepsProblem(s.steps);
}
function baselineProblem(b) {
  if (!isRecord(b)) return `is ${what(b)}`;
  if (!finite2(b.journeyMs)) return "has no journeyMs";
  return stepsProblem(b.steps) ?? (typeof b.learnedAt !== "string" ? "has no learnedAt" : !finite2(b.runs) ? "has no runs count" : void 0);
}
function lastGoodProblem(g) {
  if (!isRecord(g)) return `is ${what(g)}`;
  for (const field of ["runId", "at", "folder"]) if (typeof g[field] !== "string") return `has no ${field}`;
  if (!Array.isArray(g.screenshots)) return "has no screenshots";
  if (!g.screenshots.every((s) => isRecord(s) && typeof s.file === "string")) return "has a screenshot with no file";
  return void 0;
}
function checkIncident(incident, repairs) {
  if (incident == null) return null;
  if (!(isRecord(incident) && typeof incident.openedAt === "string" && typeof incident.openedRunId === "string")) {
    throw new MalformedObject("its incident has no openedAt or openedRunId");
  }
  if (!finite2(incident.failures)) throw new MalformedObject("its incident has no failure count");
  const legacy = { ...incident };
  for (const field of ["channel", "ts"]) {
    if (legacy[field] !== void 0 && typeof legacy[field] !== "string") {
      delete legacy[field];
      repairs.push(`its incident's ${field} is not text: left out`);
    }
  }
  const kept = migrateLegacyThread(legacy);
  if (kept.thread !== void 0 && !isThreadRef(kept.thread)) {
    delete kept.thread;
    repairs.push("its incident's thread is not a thread: left out");
  }
  if (kept.kind !== void 0 && !KINDS.includes(kept.kind)) {
    delete kept.kind;
    repairs.push("its incident's kind is not site or monitor: left out");
  }
  if (kept.unposted !== void 0 && typeof kept.unposted !== "boolean") {
    delete kept.unposted;
    repairs.push("its incident's unposted is not true or false: left out");
  }
  return kept;
}
function keepEntries(list, problem, noun, repairs) {
  const broken = [];
  const kept = list.filter((entry, k) => {
    const p = problem(entry);
    if (p) broken.push(`entry ${k + 1} ${p}`);
    return !p;
  });
  if (broken.length) {
    const more = broken.length > NAMED2 ? `, and ${broken.length - NAMED2} more` : "";
    repairs.push(`${broken.length} ${noun[broken.length === 1 ? 0 : 1]} left out (${broken.slice(0, NAMED2).join("; ")}${more})`);
  }
  return kept;
}
function checkStateShape(json, repairs = []) {
  if (!isRecord(json)) throw new MalformedObject("not an object");
  if (typeof json.check !== "string") throw new MalformedObject("no check name");
  if (json.lastStatus !== void 0 && !STATUSES.includes(json.lastStatus)) throw new MalformedObject("lastStatus is not passed, degraded or failed");
  if (json.lastRunAt !== void 0 && typeof json.lastRunAt !== "string") throw new MalformedObject("lastRunAt is not a time");
  if (json.consecutiveFailures !== void 0 && !finite2(json.consecutiveFailures)) throw new MalformedObject("consecutiveFailures is not a number");
  const state = { ...json };
  if (json.incident !== void 0) state.incident = checkIncident(json.incident, repairs);
  const drop = (field, why, then = "left out") => {
    delete state[field];
    repairs.push(`its ${field} ${why}: ${then}`);
  };
  if (state.history !== void 0) {
    if (!Array.isArray(state.history)) drop("history", "is not a list");
    else state.history = keepEntries(state.history, sampleProblem, ["malformed history entry", "malformed history entries"], repairs);
  }
  if (state.recentRuns !== void 0) {
    if (!Array.isArray(state.recentRuns)) drop("recentRuns", "is not a list");
    else {
      const ids = state.recentRuns.filter((id) => typeof id === "string" && id !== "");
      const bad = state.recentRuns.length - ids.length;
      if (bad) repairs.push(`${bad} recent run id${bad === 1 ? " that is not an id" : "s that are not ids"} left out`);
      state.recentRuns = ids;
    }
  }
  const baseline = state.baseline === void 0 ? void 0 : baselineProblem(state.baseline);
  if (baseline) drop("baseline", baseline, "left out, the usual is learned again");
  const lastGood = state.lastGood === void 0 ? void 0 : lastGoodProblem(state.lastGood);
  if (lastGood) drop("lastGood", lastGood);
  for (const field of ["slowerSince", "fasterSince"]) if (state[field] !== void 0 && typeof state[field] !== "string") drop(field, "is not a time");
  if (state.consecutiveRunnerFailures !== void 0 && !finite2(state.consecutiveRunnerFailures)) drop("consecutiveRunnerFailures", "is not a number");
  return state;
}

// src/episode/episode-store.ts
function episodeStore(store, kind) {
  const read = async (options) => {
    const repairs = [];
    const { value, version, unreadable } = await readJsonObject(store, kind.key, (json) => kind.shape(json, repairs), { ...options, onUnreadable: kind.onUnreadable });
    return unreadable ? { version, unreadable, repairs: [] } : { value, version, repairs };
  };
  const write = (value, version, options) => store.put(kind.key, `${JSON.stringify(value, null, kind.indent)}
`, {
    ...options,
    contentType: "application/json",
    ...kind.metadata && { metadata: kind.metadata(value) },
    ...unchangedSince(version)
  });
  return {
    read,
    write,
    // The first read without the pause: it is only for writers that collided.
    update: async (change, options, first) => conditionalUpdate({
      read: async () => {
        await kind.beforeReread?.();
        return read(options);
      },
      change,
      write: (next, loaded) => next.value === void 0 ? void 0 : write(next.value, loaded.version, options)
    }, first ?? await read(options), kind.tries ?? CONDITIONAL_TRIES)
  };
}

// src/store/state.ts
var STATE_TRIES = CONDITIONAL_TRIES;
function checkStates(store, check) {
  return episodeStore(store, {
    key: stateKey(check),
    shape: checkStateShape,
    metadata: (state) => ({ check: state.check, status: state.lastStatus }),
    indent: 2,
    tries: STATE_TRIES
  });
}
async function readState(store, check, options) {
  const { value, version, unreadable, repairs } = await checkStates(store, check).read(options);
  if (unreadable) return { version, unreadable };
  return { state: value, version, ...repairs.length && { repaired: `${stateKey(check)}: ${repairs.join("; ")} in ${store.location}: repaired by this run's write` } };
}
async function writeState(store, state, version, options) {
  await checkStates(store, state.check).write(state, version, options);
}
async function updateState(store, check, change, options, first) {
  const loaded = first ?? await readState(store, check, options);
  return conditionalUpdate({ read: () => readState(store, check, options), change, write: (next, l) => next.state ? writeState(store, next.state, l.version, options) : void 0 }, loaded, STATE_TRIES);
}

// src/render/uplot-page.ts
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
var UPLOT_PRELUDE = String.raw`
(function () {
  try { new Intl.NumberFormat(navigator.language); } catch (e) {
    try { Object.defineProperty(navigator, 'language', { value: 'en-US', configurable: true }); } catch (ignored) { /* keep it */ }
  }
})();
`;
var uplotFiles;
function uplot() {
  if (uplotFiles) return uplotFiles;
  const base = typeof import.meta.url === "string" ? import.meta.url : pathToFileURL(join(process.cwd(), "index.js")).href;
  const require2 = createRequire(base);
  const read = (file) => readFileSync(require2.resolve(`uplot/dist/${file}`), "utf8");
  uplotFiles = { js: read("uPlot.iife.min.js"), css: read("uPlot.min.css") };
  return uplotFiles;
}
function scriptBody(code) {
  return code.replace(/<\/(script)/gi, "<\\/$1").replace(/<!--/g, "<\\!--");
}
function jsonBody(value) {
  return JSON.stringify(value).replace(/</g, "\\u003c").replace(/>/g, "\\u003e").replace(/&/g, "\\u0026").replace(/\u2028/g, "\\u2028").replace(/\u2029/g, "\\u2029");
}
var sha256 = (text) => `'sha256-${createHash("sha256").update(text, "utf8").digest("base64")}'`;

export {
  cleanText,
  xmlText,
  xmlAttr,
  escapeHtml,
  raw,
  html,
  safeUrl,
  historyRunOf,
  appendRun,
  readDays,
  checkStateShape,
  readState,
  updateState,
  knownZone,
  localDate,
  yesterdayOf,
  dateTime,
  clockTime,
  stampWithZone,
  shortStampWithZone,
  longDateTime,
  UPLOT_PRELUDE,
  uplot,
  scriptBody,
  jsonBody,
  sha256
};
