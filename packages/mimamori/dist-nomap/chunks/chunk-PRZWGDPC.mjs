import {
  UPLOT_PRELUDE,
  checkStateShape,
  dateTime,
  escapeHtml,
  jsonBody,
  knownZone,
  readDays,
  safeUrl,
  scriptBody,
  sha256,
  uplot
} from "./chunk-PUM52R76.mjs";
import {
  RESULT_FILE,
  S3Store,
  checkFromSegment,
  historyStore,
  keySegment,
  parseJsonObject,
  runFolder,
  writeAside
} from "./chunk-P4DNPQN3.mjs";
import {
  formatMs,
  plural
} from "./chunk-2I6LHTXW.mjs";
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
  displayPath,
  utcOffsetMinutes
} from "./chunk-PGIEQVW4.mjs";

// src/cli/dashboard.ts
import { dirname, join, relative, resolve, sep } from "node:path";
import { parseArgs } from "node:util";

// src/history/dashboard-data.ts
var HOUR = 36e5;
var DAY = 24 * HOUR;
var SPARK_HOURS = 48;
var STRIP_SHOTS = 12;
var FUTURE_SLACK_MS = 5 * 6e4;
function percentile(sorted, p) {
  return sorted[Math.max(0, Math.ceil(p / 100 * sorted.length) - 1)];
}
var STATUS = { p: "passed", d: "degraded", f: "failed" };
function hourOf(timeZone) {
  return (t) => {
    const off = utcOffsetMinutes(t, timeZone) * 6e4;
    return Math.floor((t + off) / HOUR) * HOUR - off;
  };
}
function runsOf(days, from, now, future) {
  const byId = /* @__PURE__ */ new Map();
  for (const day of [...days].sort((a, b) => a.day.localeCompare(b.day))) {
    for (const run of day.runs) {
      if (run.t > now + FUTURE_SLACK_MS) future.push(run);
      else if (run.t >= from) byId.set(run.id, { ...run, t: Math.min(run.t, now), steps: day.steps, check: day.check });
    }
  }
  return [...byId.values()].sort((a, b) => a.t - b.t || a.id.localeCompare(b.id));
}
var iso = (t) => Number.isFinite(t) ? new Date(t).toISOString() : String(t);
function uptime(runs, now, windowMs, readMs) {
  if (windowMs > readMs) return null;
  let counted = 0;
  let up = 0;
  for (const r of runs) {
    if (r.t < now - windowMs || r.s === "f" && r.c === "runner") continue;
    counted++;
    if (r.s !== "f") up++;
  }
  return counted ? up / counted * 100 : null;
}
var evidenceKey = (r) => r.shot ?? runFolder(r.check, r.id, r.t) + RESULT_FILE;
function incidentsOf(runs, state, now, links) {
  const found = [];
  let open;
  const begin = (run, start = run.t) => {
    open = run ? { start, run } : { start };
    found.push(open);
  };
  const marked = runs.some((r) => r.i !== void 0);
  let seenMark = false;
  let prevFailed = false;
  for (const r of runs) {
    const failed = r.s === "f";
    if (marked) {
      if (r.i === 1) {
        if (open) open.end = r.t;
        begin(r);
      } else if (r.i === 2) {
        if (!open && !seenMark && runs[0] !== r) begin(runs[0]);
        if (open) open.end = r.t;
        open = void 0;
      }
      if (r.i !== void 0) seenMark = true;
    } else if (failed && !prevFailed) begin(r);
    else if (!failed && open) {
      open.end = r.t;
      open = void 0;
    }
    prevFailed = failed;
  }
  const openedAt = state?.incident ? Date.parse(state.incident.openedAt) : NaN;
  if (state && state.incident === null && open) {
    const start = open.start;
    const lastRunAt = state.lastRunAt ? Date.parse(state.lastRunAt) : NaN;
    open.end = runs.find((r) => r.t > start && r.s !== "f")?.t ?? (Number.isNaN(lastRunAt) ? void 0 : lastRunAt);
  } else if (state?.incident && !open) {
    const opener = runs.find((r) => r.id === state.incident.openedRunId);
    if (opener) begin(opener);
    else if (!Number.isNaN(openedAt)) begin(void 0, openedAt);
  } else if (open && open.run === runs[0] && openedAt < open.start) {
    open.start = openedAt;
  }
  return found.reverse().map(({ start, run, end }) => {
    const incident = { start, durationMs: (end ?? now) - start };
    if (end !== void 0) incident.end = end;
    if (run) {
      if (run.fs !== void 0) incident.failingStep = run.fs;
      if (run.e !== void 0) incident.error = run.e;
      incident.evidence = links(evidenceKey(run));
    }
    return incident;
  });
}
function hourlyOf(runs, hourStart) {
  const hours = /* @__PURE__ */ new Map();
  for (const r of runs) {
    if (r.s === "f") continue;
    const t = hourStart(r.t);
    let hour = hours.get(t);
    if (!hour) hours.set(t, hour = { ms: [], steps: /* @__PURE__ */ new Map() });
    hour.ms.push(r.ms);
    if (r.st && r.st.length === r.steps.length) {
      r.st.forEach((ms, i) => {
        const name2 = r.steps[i];
        const list = hour.steps.get(name2);
        if (list) list.push(ms);
        else hour.steps.set(name2, [ms]);
      });
    }
  }
  const ascending = (a, b) => a - b;
  return [...hours.entries()].sort(([a], [b]) => a - b).map(([t, hour]) => {
    const ms = hour.ms.sort(ascending);
    const steps = {};
    for (const [name2, list] of hour.steps) {
      list.sort(ascending);
      steps[name2] = { p50: percentile(list, 50), p95: percentile(list, 95) };
    }
    return { t, p50: percentile(ms, 50), p95: percentile(ms, 95), steps };
  });
}
function checkOf(source, input, hourStart) {
  const { now, links } = input;
  const readMs = input.days * DAY;
  const future = [];
  const runs = runsOf(source.days, now - readMs, now, future);
  if (future.length) {
    const latest = Math.max(...future.map((r) => r.t));
    input.warn?.(`${source.name}: ${plural(future.length, "run")} dated in the future left out (the latest at ${iso(latest)}, now is ${iso(now)}): a clock was wrong or the history was edited`);
  }
  const last = runs.at(-1);
  const state = source.state;
  let stateRunAt = state?.lastRunAt ? Date.parse(state.lastRunAt) : NaN;
  if (stateRunAt > now + FUTURE_SLACK_MS) {
    input.warn?.(`${source.name}: its state's last run time ${state.lastRunAt} is in the future: left out`);
    stateRunAt = NaN;
  } else stateRunAt = Math.min(stateRunAt, now);
  const lastRunAt = Math.max(Number.isNaN(stateRunAt) ? -Infinity : stateRunAt, last?.t ?? -Infinity);
  const status = state?.lastStatus ?? (last ? STATUS[last.s] : "unknown");
  const hourly = hourlyOf(runs, hourStart);
  const strip = [];
  for (let i = runs.length - 1; i >= 0 && strip.length < STRIP_SHOTS; i--) {
    const r = runs[i];
    if (r.shot) strip.push({ t: r.t, status: STATUS[r.s], url: links(r.shot) });
  }
  strip.reverse();
  const latestDay = [...source.days].filter((d) => d.runs.length).sort((a, b) => a.day.localeCompare(b.day)).at(-1);
  const check = {
    name: source.name,
    status,
    uptime: { h24: uptime(runs, now, DAY, readMs), d7: uptime(runs, now, 7 * DAY, readMs), d30: uptime(runs, now, 30 * DAY, readMs) },
    incidents: incidentsOf(runs, state, now, links),
    hourly,
    spark: hourly.slice(-SPARK_HOURS).map((h) => h.p50),
    strip
  };
  if (Number.isFinite(lastRunAt)) check.lastRunAt = lastRunAt;
  if (latestDay?.budget) check.budget = latestDay.budget;
  if (latestDay?.usualMs !== void 0) check.usualMs = latestDay.usualMs;
  if (strip.length) check.latestShot = strip.at(-1).url;
  return check;
}
function buildDashboard(input) {
  const hourStart = hourOf(input.timeZone);
  const checks = input.checks.map((c) => checkOf(c, input, hourStart)).sort((a, b) => a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
  return { generatedAt: input.now, timeZone: input.timeZone, days: input.days, checks };
}

// src/history/read-history.ts
var DAY2 = 864e5;
async function checkSegments(store, named) {
  const segments = /* @__PURE__ */ new Map();
  if (named.length) {
    for (const name2 of named) segments.set(keySegment(name2), name2);
    return segments;
  }
  const [states, history] = await Promise.all([store.list("state/"), store.list("history/")]);
  for (const key of states.keys) if (key.endsWith(".json")) segments.set(key.slice("state/".length, -".json".length), void 0);
  for (const folder of history.folders) segments.set(folder.slice("history/".length, -1), void 0);
  return segments;
}
async function readState(store, segment, warn) {
  const bytes = await store.get(`state/${segment}.json`);
  if (!bytes) return void 0;
  const parsed = parseJsonObject(bytes, `state/${segment}.json`, checkStateShape);
  if ("value" in parsed) return parsed.value;
  warn(`${parsed.unreadable}: its status now is left out`);
  return void 0;
}
async function readHistory(store, o) {
  const named = (o.checks ?? []).map((c) => c.normalize("NFC"));
  const segments = await checkSegments(store, named);
  const sources = await Promise.all([...segments].map(async ([segment, given]) => {
    const state = await readState(store, segment, o.warn);
    const name2 = given ?? state?.check ?? checkFromSegment(segment);
    const days = await readDays(store, name2, o.now - o.days * DAY2, o.now, {
      onUnreadable: (key, error) => o.warn(`${key} left out: ${error.message}`),
      warn: o.warn
    });
    if (!state && days.length === 0) {
      if (named.length) o.warn(`No history or state of "${printable(name2)}" in ${store.location}`);
      return void 0;
    }
    return { name: days.at(-1)?.check ?? name2, days, state };
  }));
  return sources.filter((s) => s !== void 0);
}

// src/render/dashboard-script.ts
var DASHBOARD_SCRIPT = String.raw`
(function () {
  'use strict';
  var data = JSON.parse(document.getElementById('dashboard-data').textContent);
  var tz = data.timeZone;
  var charts = window.__charts = {};
  var errors = window.__chartErrors = [];
  var specs = {};
  data.charts.forEach(function (c) { specs[c.id] = c; });

  var STATUS = { passed: '#1a7f37', degraded: '#9a6700', failed: '#cf222e', unknown: '#818b98' };
  var LINES = {
    p50: { stroke: '#0969da', width: 2, points: { size: 4 } },
    p95: { stroke: '#8250df', width: 1.5, fill: 'rgba(130, 80, 223, 0.06)', points: { size: 3 } },
    degraded: { stroke: '#9a6700', width: 1.5, dash: [6, 4], points: { show: false } },
    max: { stroke: '#cf222e', width: 1.5, dash: [6, 4], points: { show: false } },
    usual: { stroke: '#59636e', width: 1.5, dash: [2, 3], points: { show: false } }
  };
  var STEPS = ['#1a7f37', '#bc4c00', '#0a7ea4', '#bf3989', '#6639ba', '#953800', '#116329', '#57606a'];
  var HEIGHT = 260;

  function fmtMs(v) {
    if (v == null || !isFinite(v)) return '–';
    if (Math.round(v) < 1000) return Math.round(v) + ' ms';
    if (v < 9950) return (v / 1000).toFixed(1).replace(/\.0$/, '') + ' s';
    var s = Math.round(v / 1000);
    if (s < 60) return s + ' s';
    var m = Math.floor(s / 60), rest = s % 60;
    return rest ? m + ' min ' + rest + ' s' : m + ' min';
  }
  function fromZero(u, min, max) { return [0, max > 0 ? max * 1.08 : 1]; }
  // The response times fill the chart; a budget or the usual line joins them when it is within 3 times their highest
  // (else it would flatten them: its value still shows in the legend). Hidden lines count for nothing.
  var LEVEL = { degraded: true, max: true, usual: true };
  function responseRange(u) {
    var top = 0, levels = [];
    for (var i = 1; i < u.series.length; i++) {
      if (!u.series[i].show) continue;
      var values = u.data[i];
      if (LEVEL[u.series[i]._kind]) { levels.push(values[0]); continue; }
      for (var j = 0; j < values.length; j++) if (values[j] > top) top = values[j];
    }
    var highest = top;
    levels.forEach(function (v) { if (v <= highest * 3 || highest === 0) top = Math.max(top, v); });
    return [0, top > 0 ? top * 1.08 : 1];
  }
  // x is in seconds; every date on the axis and in the legend is read in the dashboard's time zone.
  function tzDate(ts) { return uPlot.tzDate(new Date(ts * 1e3), tz); }
  var D = 86400, H = 3600;
  var TIME_AXIS = [
    // tick step, label, then the label added where the year, month, day … rolls over; 1: added after the label
    [D * 28, '{MMM}', '\n{YYYY}', null, null, null, null, null, 1],
    [D, '{M}/{D}', '\n{YYYY}', null, null, null, null, null, 1],
    [H, '{HH}:{mm}', '\n{M}/{D}', null, '\n{M}/{D}', null, null, null, 1],
    [60, '{HH}:{mm}', '\n{M}/{D}', null, '\n{M}/{D}', null, null, null, 1]
  ];

  function sparkChart(spec) {
    var color = STATUS[spec.status] || STATUS.unknown;
    var opts = {
      width: 160, height: 36, pxAlign: false,
      cursor: { show: false }, select: { show: false }, legend: { show: false },
      scales: { x: { time: false }, y: { range: fromZero } },
      axes: [{ show: false }, { show: false }],
      series: [{}, { stroke: color, width: 1.5, fill: color + '22', points: { show: false }, spanGaps: true }]
    };
    return [opts, [spec.values.map(function (v, i) { return i; }), spec.values]];
  }

  function timeChart(spec, width) {
    var step = 0;
    var series = spec.series.map(function (s) {
      var line = LINES[s.kind] || { stroke: STEPS[step++ % STEPS.length], width: 1, points: { size: 3 } };
      var out = { label: s.label, _kind: s.kind, value: function (u, v) { return fmtMs(v); }, spanGaps: false };
      for (var k in line) out[k] = line[k];
      return out;
    });
    var opts = {
      width: width, height: HEIGHT, tzDate: tzDate,
      // The whole data (first draw, a double-click reset) shows the chart's window; a zoom shows what was dragged.
      scales: { x: { time: true, range: function (u, min, max) { return min <= spec.x[0] && max >= spec.x[spec.x.length - 1] ? spec.range.slice() : [min, max]; } }, y: { range: responseRange } },
      axes: [{ values: TIME_AXIS }, { values: function (u, splits) { return splits.map(fmtMs); }, size: 64 }],
      series: [{ label: 'Hour', value: '{YYYY}-{MM}-{DD} {HH}:{mm}' }].concat(series)
    };
    var values = spec.series.map(function (s) {
      return s.values || spec.x.map(function () { return s.level; });
    });
    return [opts, [spec.x].concat(values)];
  }

  var places = Array.prototype.slice.call(document.querySelectorAll('[data-chart]'));
  var left = places.length;
  function done() { if (--left === 0) document.documentElement.setAttribute('data-charts', 'drawn'); }

  function draw(el) {
    var id = el.getAttribute('data-chart');
    if (el.__drawn) return;
    el.__drawn = true;
    try {
      var spec = specs[id];
      var made = spec.kind === 'spark' ? sparkChart(spec) : timeChart(spec, el.clientWidth || 600);
      el.textContent = '';
      var u = new uPlot(made[0], made[1], el);
      charts[id] = u;
      if (spec.kind === 'time' && resizes) resizes.observe(el);
    } catch (e) {
      errors.push(id + ': ' + (e && e.message));
      el.textContent = 'This chart could not be drawn.';
    }
    done();
  }

  var resizes = 'ResizeObserver' in window ? new ResizeObserver(function (entries) {
    entries.forEach(function (entry) {
      var u = charts[entry.target.getAttribute('data-chart')];
      var w = entry.target.clientWidth;
      if (u && w > 0 && Math.abs(w - u.width) > 1) u.setSize({ width: w, height: HEIGHT });
    });
  }) : null;

  // Charts near the viewport go first, one per task; the rest one per idle period. Either way no task draws more
  // than one chart (a response-time chart of 30 days is a few milliseconds; all of them at once would not be).
  var queue = places.slice();
  var soon = [];
  var idle = window.requestIdleCallback || function (fn) {
    return setTimeout(function () { fn({ didTimeout: true, timeRemaining: function () { return 0; } }); }, 16);
  };
  var ticking = false;
  function tick() {
    ticking = false;
    var el = soon.shift();
    if (el) draw(el);
    if (soon.length) later();
  }
  function later() {
    if (!ticking) { ticking = true; setTimeout(tick, 0); }
  }
  var near = 'IntersectionObserver' in window ? new IntersectionObserver(function (entries) {
    entries.forEach(function (entry) {
      if (!entry.isIntersecting) return;
      near.unobserve(entry.target);
      soon.push(entry.target);
    });
    later();
  }, { rootMargin: '400px 0px' }) : null;
  function pump() {
    while (queue.length) {
      var el = queue.shift();
      if (el.__drawn) continue;
      if (near) near.unobserve(el);
      draw(el);
      break;
    }
    if (queue.length) idle(pump, { timeout: 300 });
  }

  if (left === 0) document.documentElement.setAttribute('data-charts', 'drawn');
  if (near) places.forEach(function (el) { near.observe(el); });
  idle(pump, { timeout: 300 });
})();
`;

// src/render/dashboard-charts.ts
var HOUR2 = 36e5;
var round = (v) => typeof v === "number" && Number.isFinite(v) ? Math.round(v) : null;
function timeChart(check, id) {
  const hours = check.hourly.filter((h) => Number.isFinite(h.t)).sort((a, b) => a.t - b.t);
  if (hours.length === 0) return void 0;
  const steps = [];
  for (const h of hours) for (const s of Object.keys(h.steps ?? {})) if (!steps.includes(s)) steps.push(s);
  const rows = [];
  const x = [];
  hours.forEach((h, i) => {
    if (i > 0 && h.t - hours[i - 1].t > HOUR2 * 1.5) {
      x.push((hours[i - 1].t + HOUR2) / 1e3);
      rows.push(void 0);
    }
    x.push(h.t / 1e3);
    rows.push(h);
  });
  const series = [
    { label: "journey p50", kind: "p50", values: rows.map((h) => round(h?.p50)) },
    { label: "journey p95", kind: "p95", values: rows.map((h) => round(h?.p95)) },
    ...steps.map((s) => ({ label: `${printable(s)} p50`, kind: "step", values: rows.map((h) => round(h?.steps?.[s]?.p50)) }))
  ];
  const level = (label, kind, v) => {
    if (v !== void 0 && v !== null && Number.isFinite(v)) series.push({ label, kind, level: Math.round(v) });
  };
  level("degraded budget", "degraded", check.budget?.degradedResponseTime);
  level("max budget", "max", check.budget?.maxResponseTime);
  level("usual", "usual", check.usualMs);
  const range = [(hours[0].t - HOUR2 / 2) / 1e3, (hours.at(-1).t + HOUR2 / 2) / 1e3];
  return { id, kind: "time", x, range, series };
}
function sparkChart(check, status, id) {
  const values = (check.spark ?? []).map(round);
  return values.some((v) => v !== null) ? { id, kind: "spark", status, values } : void 0;
}
function pageAssets(timeZone, charts) {
  const lib = uplot();
  const uplotJs = scriptBody(`${UPLOT_PRELUDE}
${lib.js}`);
  const pageJs = scriptBody(DASHBOARD_SCRIPT);
  const csp = `default-src 'none'; script-src ${sha256(uplotJs)} ${sha256(pageJs)}; style-src 'unsafe-inline'; img-src * data: blob: file:; base-uri 'none'; form-action 'none'`;
  return {
    csp,
    css: lib.css.replace(/<\/style/gi, "<\\/style"),
    scripts: [
      `<script type="application/json" id="dashboard-data">${jsonBody({ timeZone, charts })}</script>`,
      `<script>${uplotJs}</script>`,
      `<script>${pageJs}</script>`
    ].join("\n")
  };
}

// src/render/dashboard-style.ts
var DASHBOARD_CSS = `
:root { --pass: #1a7f37; --warn: #9a6700; --fail: #cf222e; --unknown: #818b98; --muted: #59636e; --line: #d1d9e0; --bg: #f6f8fa; color-scheme: light; }
* { box-sizing: border-box; }
body { margin: 0; font: 14px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Hiragino Sans", "Noto Sans JP", sans-serif; color: #1f2328; background: #fff; }
main { max-width: 1200px; margin: 0 auto; padding: 24px 16px 64px; }
h1 { font-size: 22px; margin: 0 0 4px; }
h2 { font-size: 18px; margin: 0; overflow-wrap: anywhere; }
h3 { font-size: 13px; margin: 20px 0 6px; color: var(--muted); text-transform: uppercase; letter-spacing: .04em; }
a { color: #0969da; }
.meta, .muted { color: var(--muted); }
.meta { margin: 0; }
.meta span + span::before { content: " \xB7 "; }
.counts { display: flex; gap: 8px; flex-wrap: wrap; margin: 12px 0 20px; }
.count { border: 1px solid var(--line); border-radius: 6px; padding: 4px 10px; background: var(--bg); }
.count b { font-size: 16px; }
.count.passed b, .st-passed, .up-good { color: var(--pass); }
.count.degraded b, .st-degraded, .up-fair { color: var(--warn); }
.count.failed b, .st-failed, .up-poor { color: var(--fail); }
.count.unknown b, .st-unknown, .up-none { color: var(--muted); }
.badge { display: inline-block; border-radius: 999px; padding: 1px 10px; font-size: 12px; font-weight: 600; color: #fff; white-space: nowrap; vertical-align: middle; }
.badge.passed { background: var(--pass); } .badge.degraded { background: var(--warn); } .badge.failed { background: var(--fail); } .badge.unknown { background: var(--unknown); }
.scroll { overflow-x: auto; }
table { border-collapse: collapse; width: 100%; margin: 4px 0; }
th, td { text-align: left; padding: 5px 8px; border-bottom: 1px solid var(--line); vertical-align: middle; overflow-wrap: anywhere; }
th { background: var(--bg); font-weight: 600; font-size: 12px; color: var(--muted); }
td.num, th.num { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
.overview { margin-bottom: 28px; }
.overview td:first-child { max-width: 320px; }
.overview td:first-child a { text-decoration: none; font-weight: 600; }
.spark-cell { width: 172px; padding: 2px 8px; }
.spark { width: 160px; height: 36px; }
.check { border: 1px solid var(--line); border-left-width: 6px; border-radius: 8px; margin: 0 0 20px; padding: 16px; }
.check[data-status=passed] { border-left-color: var(--pass); }
.check[data-status=degraded] { border-left-color: var(--warn); }
.check[data-status=failed] { border-left-color: var(--fail); }
.check[data-status=unknown] { border-left-color: var(--unknown); }
.check > header { display: flex; align-items: center; gap: 10px; flex-wrap: wrap; }
.facts { display: grid; grid-template-columns: max-content 1fr; gap: 2px 16px; margin: 12px 0 0; }
.facts dt { color: var(--muted); } .facts dd { margin: 0; overflow-wrap: anywhere; }
.chart { min-height: 300px; width: 100%; }
.chart-wait { height: 300px; display: flex; align-items: center; justify-content: center; color: var(--muted); background: var(--bg); border-radius: 6px; }
.chart .u-legend { font-size: 12px; text-align: left; }
.chart .u-legend .u-series { padding: 0 6px; }
.incidents tr.open td { background: #fff8f8; }
.error-text { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 12px; }
figure.shot { margin: 0; border: 1px solid var(--line); border-radius: 6px; overflow: hidden; background: var(--bg); }
figure.shot img { display: block; width: 100%; height: auto; }
figure.shot figcaption { padding: 2px 6px; font-size: 12px; color: var(--muted); white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
.latest-shot { max-width: 480px; }
.latest-shot figure { max-height: 520px; overflow: auto; }
.strip { display: grid; grid-auto-flow: column; grid-auto-columns: 160px; gap: 8px; overflow-x: auto; padding-bottom: 6px; }
.strip figure.shot { border-top-width: 3px; }
.st-border-passed { border-top-color: var(--pass) !important; } .st-border-degraded { border-top-color: var(--warn) !important; }
.st-border-failed { border-top-color: var(--fail) !important; } .st-border-unknown { border-top-color: var(--unknown) !important; }
.frame.empty { padding: 24px 8px; text-align: center; color: var(--muted); font-size: 12px; }
.empty { color: var(--muted); }
table.incidents { min-width: 720px; }
@media (max-width: 720px) {
  main { padding: 12px 8px 40px; } .check { padding: 10px; } .facts { grid-template-columns: 1fr; }
  /* The top view as cards: name and status, the three uptimes, the open incident, the sparkline. */
  .overview thead { display: none; }
  .overview, .overview tbody { display: block; }
  .overview tr { display: grid; grid-template-columns: repeat(3, minmax(0, 1fr)); gap: 2px 8px; padding: 8px 0; border-bottom: 1px solid var(--line); }
  .overview td { border: 0; padding: 0 4px; text-align: left !important; }
  .overview td:first-child { grid-column: 1 / 3; max-width: none; }
  .overview td.uptime::before { content: attr(data-label) " "; color: var(--muted); }
  .overview td.open-incident, .overview td.spark-cell { grid-column: 1 / -1; width: auto; }
}
@media print { .check { break-inside: avoid; } }
`;

// src/render/uptime.ts
function formatUptime(value) {
  if (value === null || value === void 0 || !Number.isFinite(value)) return "\u2013";
  if (value >= 100) return "100%";
  return `${(Math.floor(value * 100) / 100).toFixed(2)}%`;
}
var uptimeClass = (v) => v === null || !Number.isFinite(v) ? "none" : v >= 99.9 ? "good" : v >= 99 ? "fair" : "poor";

// src/render/dashboard-html.ts
function storeKeyUrl(key) {
  return key.split("/").map(encodeURIComponent).join("/");
}
function clock(zone) {
  return (ms, short = false) => {
    if (!Number.isFinite(ms)) return "\u2013";
    return `<time datetime="${escapeHtml(new Date(ms).toISOString())}">${escapeHtml(dateTime(ms, zone, short))}</time>`;
  };
}
function formatDuration(ms) {
  if (!Number.isFinite(ms) || ms < 0) return "\u2013";
  if (ms < 6e4) return formatMs(ms);
  const min = Math.round(ms / 6e4);
  if (min < 60) return `${min} min`;
  const h = Math.floor(min / 60);
  if (h < 24) return min % 60 ? `${h} h ${min % 60} min` : `${h} h`;
  const d = Math.floor(h / 24);
  return h % 24 ? `${d} d ${h % 24} h` : `${d} d`;
}
var STATUSES = /* @__PURE__ */ new Set(["passed", "degraded", "failed", "unknown"]);
var statusOf = (s) => STATUSES.has(s) ? s : "unknown";
var ICONS = { passed: "\u2713", degraded: "!", failed: "\u2717", unknown: "?" };
function badge(status) {
  return `<span class="badge ${status}">${ICONS[status]} ${status}</span>`;
}
var name = (text) => escapeHtml(printable(text));
function checkIds(checks) {
  const seen = /* @__PURE__ */ new Map();
  return checks.map((c, i) => {
    const slug = c.name.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "").slice(0, 60);
    const base = `check-${slug || i + 1}`;
    const n = (seen.get(base) ?? 0) + 1;
    seen.set(base, n);
    return n === 1 ? base : `${base}-${n}`;
  });
}
function overview(data, ids, when, sparks) {
  if (data.checks.length === 0) return '<p class="empty">No checks have history yet.</p>';
  const rows = data.checks.map((c, i) => {
    const status = statusOf(c.status);
    const open = c.incidents.find((x) => x.end == null);
    const openText = open ? `<span class="st-failed">open since ${when(open.start, true)}</span>${open.failingStep ? `<br><small>step \u201C${name(open.failingStep)}\u201D</small>` : ""}` : '<span class="muted">\u2013</span>';
    const up = (v, window, label) => `<td class="num uptime up-${uptimeClass(v)}" data-window="${window}" data-label="${label}" data-uptime="${escapeHtml(v ?? "")}">${escapeHtml(formatUptime(v))}</td>`;
    const spark = sparks[i] ? `<div class="spark" data-chart="${sparks[i].id}" role="img" aria-label="journey p50, last hours"></div>` : '<span class="muted">no runs</span>';
    return `<tr class="check-row" data-status="${status}"><td><a href="#${escapeHtml(ids[i])}">${name(c.name)}</a>${c.lastRunAt != null ? `<br><small class="muted">last run ${when(c.lastRunAt, true)}</small>` : ""}</td><td>${badge(status)}</td>${up(c.uptime.h24, "h24", "24 h")}${up(c.uptime.d7, "d7", "7 d")}${up(c.uptime.d30, "d30", "30 d")}<td class="open-incident">${openText}</td><td class="spark-cell">${spark}</td></tr>`;
  });
  return `<div class="scroll"><table class="overview"><thead><tr><th>Check</th><th>Now</th><th class="num">24 h</th><th class="num">7 d</th><th class="num">30 d</th><th>Open incident</th><th>Journey p50</th></tr></thead><tbody>${rows.join("")}</tbody></table></div>`;
}
function counts(checks) {
  const n = (s) => checks.filter((c) => statusOf(c.status) === s).length;
  const boxes = ["passed", "degraded", "failed", "unknown"].filter((s) => s !== "unknown" || n(s) > 0).map((s) => `<span class="count ${s}"><b>${n(s)}</b> ${s}</span>`);
  return `<div class="counts"><span class="count"><b>${checks.length}</b> checks</span>${boxes.join("")}</div>`;
}
var MAX_INCIDENT_ROWS = 200;
function incidentsTable(check, data, when) {
  const list = [...check.incidents].sort((a, b) => b.start - a.start);
  const head = `<h3>Incidents <span class="muted">(${list.length} in ${escapeHtml(data.days)} days)</span></h3>`;
  if (list.length === 0) return `${head}<p class="muted">None.</p>`;
  const rows = list.slice(0, MAX_INCIDENT_ROWS).map((x) => {
    const open = x.end == null;
    const took = x.durationMs ?? (open ? data.generatedAt - x.start : x.end - x.start);
    const link = safeUrl(x.evidence);
    return `<tr class="incident${open ? " open" : ""}"><td>${when(x.start)}</td><td>${open ? '<span class="st-failed">open</span>' : when(x.end)}</td><td class="num">${escapeHtml(formatDuration(took))}${open ? " so far" : ""}</td><td>${x.failingStep == null ? "\u2013" : name(x.failingStep)}</td><td class="error-text">${escapeHtml(x.error ?? "")}</td><td>${link ? `<a href="${escapeHtml(link)}">evidence</a>` : "\u2013"}</td></tr>`;
  });
  const more = list.length > MAX_INCIDENT_ROWS ? `<p class="muted">${list.length - MAX_INCIDENT_ROWS} older incidents not shown.</p>` : "";
  return `${head}<div class="scroll"><table class="incidents"><thead><tr><th>Start</th><th>End</th><th class="num">Duration</th><th>Failing step</th><th>Error</th><th>Evidence</th></tr></thead><tbody>${rows.join("")}</tbody></table></div>${more}`;
}
function latestHour(check, when) {
  const last = check.hourly.reduce((a, h) => !a || h.t > a.t ? h : a, void 0);
  if (!last) return "";
  return `<span class="latest" data-p50="${escapeHtml(round(last.p50) ?? "")}" data-p95="${escapeHtml(round(last.p95) ?? "")}">hour of ${when(last.t, true)}: p50 <b>${escapeHtml(formatMs(last.p50))}</b> \xB7 p95 <b>${escapeHtml(formatMs(last.p95))}</b></span>`;
}
function facts(check, when) {
  const { degradedResponseTime: degraded, maxResponseTime: max } = check.budget ?? {};
  const rows = [
    ["Uptime", `24 h ${escapeHtml(formatUptime(check.uptime.h24))} \xB7 7 d ${escapeHtml(formatUptime(check.uptime.d7))} \xB7 30 d ${escapeHtml(formatUptime(check.uptime.d30))}`]
  ];
  const latest = latestHour(check, when);
  if (latest) rows.push(["Response time", latest]);
  if (degraded !== void 0 || max !== void 0) {
    rows.push(["Budgets", `degraded ${degraded === void 0 ? "\u2013" : escapeHtml(formatMs(degraded))} \xB7 max ${max === void 0 ? "\u2013" : escapeHtml(formatMs(max))}`]);
  }
  if (check.usualMs != null) rows.push(["Usual", escapeHtml(formatMs(check.usualMs))]);
  return `<dl class="facts">${rows.map(([k, v]) => `<dt>${k}</dt><dd>${v}</dd>`).join("")}</dl>`;
}
function picture(url, alt, caption, status) {
  const src = safeUrl(url);
  const cls = status ? ` class="shot st-border-${status}"` : ' class="shot"';
  const img = src ? `<a href="${escapeHtml(src)}"><img src="${escapeHtml(src)}" alt="${escapeHtml(alt)}" loading="lazy" decoding="async"></a>` : '<div class="frame empty">(image not available)</div>';
  return `<figure${cls}>${img}<figcaption>${caption}</figcaption></figure>`;
}
function screenshots(check, when) {
  const latest = check.latestShot ? `<h3>Latest screenshot</h3><div class="latest-shot">${picture(check.latestShot, `latest screenshot of ${printable(check.name)}`, "latest run")}</div>` : "";
  const strip = [...check.strip].sort((a, b) => a.t - b.t);
  const pictures = strip.map((s) => {
    const status = statusOf(s.status);
    return picture(s.url, `${status} run, ${new Date(s.t).toISOString()}`, `${when(s.t, true)} <span class="st-${status}">${ICONS[status]} ${status}</span>`, status);
  });
  return latest + (strip.length ? `<h3>Last screenshots</h3><div class="strip">${pictures.join("")}</div>` : "");
}
function section(check, i, id, data, when, chart) {
  const status = statusOf(check.status);
  const last = check.lastRunAt != null ? `<span class="muted">last run ${when(check.lastRunAt)}</span>` : "";
  const plot = chart ? `<div class="chart" data-chart="${chart.id}" role="img" aria-label="response time per hour"><div class="chart-wait">drawing\u2026</div></div>` : `<p class="muted">No runs in the last ${escapeHtml(data.days)} days.</p>`;
  return `<section class="check" id="${escapeHtml(id)}" data-status="${status}" data-check="${i}"><header><h2>${name(check.name)}</h2>${badge(status)}${last}</header>` + facts(check, when) + `<h3>Response time per hour</h3>${plot}` + incidentsTable(check, data, when) + screenshots(check, when) + "</section>";
}
function renderDashboard(data) {
  const { zone, problem } = knownZone(data.timeZone);
  const when = clock(zone);
  const ids = checkIds(data.checks);
  const timeCharts = data.checks.map((c, i) => timeChart(c, `time-${i}`));
  const sparks = data.checks.map((c, i) => sparkChart(c, statusOf(c.status), `spark-${i}`));
  const charts = [...sparks, ...timeCharts].filter((c) => c !== void 0);
  const assets = pageAssets(zone, charts);
  return [
    "<!doctype html>",
    '<html lang="en">',
    "<head>",
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${escapeHtml(assets.csp)}">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<meta name="referrer" content="no-referrer">',
    "<title>mimamori dashboard</title>",
    `<style>${assets.css}</style>`,
    `<style>${DASHBOARD_CSS}</style>`,
    "</head>",
    "<body><main>",
    '<header class="page"><h1>mimamori dashboard</h1>',
    `<p class="meta"><span>generated ${when(data.generatedAt)}</span><span>last ${escapeHtml(data.days)} days</span><span>times in ${escapeHtml(zone)}</span></p>${problem ? `<p class="st-degraded">${escapeHtml(problem)}</p>` : ""}`,
    counts(data.checks),
    "</header>",
    overview(data, ids, when, sparks),
    ...data.checks.map((c, i) => section(c, i, ids[i], data, when, timeCharts[i])),
    "</main>",
    assets.scripts,
    "</body>",
    "</html>",
    ""
  ].join("\n");
}

// src/cli/dashboard.ts
var DASHBOARD_USAGE = `Usage: mimamori dashboard [--out file] [--days n] [--check name]\u2026 [--results dir] [--config file]

Writes one self-contained HTML page of every check (or of each --check named): status now, uptime over 24 h, 7 days
and 30 days, incidents, response times per hour (p50 and p95, journey and steps) and the latest screenshots, from the
compact history in S3 when MIMAMORI_S3_BUCKET (or s3.bucket in the config) is set, else in the local results folder.
Times are shown in slack.timeZone from the config (default UTC).

Options:
  --out <file>      where the page goes (default mimamori-results/dashboard.html)
  --days <n>        how many days back (default 30, at most 400)
  --check <name>    only this check (repeatable)
  --results <dir>   the local results folder read when no bucket is set (default mimamori-results)
  --config <file>   config file (default: mimamori.config.ts)
  -h, --help        show this help

Screenshot links in the page are presigned when the history is in S3: they stop working when the links expire
(MIMAMORI_LINK_EXPIRY, at most 7 days, or earlier with temporary credentials). Locally they are paths relative to the page.`;
var total = (count) => [...count.byKind.values()].reduce((a, b) => a + b, 0);
function countRequests(store) {
  const byKind = /* @__PURE__ */ new Map();
  const add = (kind) => byKind.set(kind, (byKind.get(kind) ?? 0) + 1);
  if (store instanceof S3Store) {
    store.client.middlewareStack.add(
      (next, context) => async (args) => {
        add(String(context.commandName ?? "request").replace(/Command$/, ""));
        return next(args);
      },
      { step: "deserialize", name: "mimamoriRequestCount", override: true }
    );
    return { store, count: { label: "S3 requests", byKind } };
  }
  const counted = {
    kind: store.kind,
    location: store.location,
    put: (key, body, options) => (add("put"), store.put(key, body, options)),
    get: (key, options) => (add("get"), store.get(key, options)),
    getVersioned: (key, options) => (add("get"), store.getVersioned(key, options)),
    list: (prefix, options) => (add("list"), store.list(prefix, options)),
    link: (key, options) => store.link(key, options)
  };
  return { store: counted, count: { label: "store reads", byKind } };
}
var formatCount = (count) => `${count.label}: ${total(count)}${count.byKind.size ? ` (${[...count.byKind].sort(([a], [b]) => a.localeCompare(b)).map(([k, n]) => `${k} ${n}`).join(", ")})` : ""}`;
function relativeLink(page, storeFolder, key) {
  return storeKeyUrl(relative(dirname(page), join(storeFolder, ...key.split("/"))).split(sep).join("/"));
}
function relink(data, url) {
  const of = (key) => url.get(key) ?? key;
  for (const check of data.checks) {
    if (check.latestShot) check.latestShot = of(check.latestShot);
    for (const s of check.strip) s.url = of(s.url);
    for (const i of check.incidents) if (i.evidence) i.evidence = of(i.evidence);
  }
  return data;
}
async function dashboardMain(argv) {
  const started = Date.now();
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        out: { type: "string" },
        days: { type: "string" },
        check: { type: "string", multiple: true },
        results: { type: "string" },
        config: { type: "string" },
        help: { type: "boolean", short: "h" }
      }
    }));
  } catch (error) {
    process.stderr.write(`${error.message}

${DASHBOARD_USAGE}
`);
    return 2;
  }
  if (values.help) return process.stdout.write(`${DASHBOARD_USAGE}
`), 0;
  const days = values.days === void 0 ? 30 : Number(values.days);
  const usage = (message) => (process.stderr.write(`${message}

${DASHBOARD_USAGE}
`), 2);
  if (!Number.isInteger(days) || days < 1 || days > 400) return usage(`--days must be a whole number from 1 to 400, got '${values.days}'`);
  for (const flag of ["out", "results", "config"]) if (values[flag] === "") return usage(`--${flag} needs a path`);
  if (values.check?.some((c) => c.trim() === "")) return usage("--check needs a check name");
  const resultsDir = values.results ?? "mimamori-results";
  const out = resolve(values.out ?? join(resultsDir, "dashboard.html"));
  const { config, problems } = await loadConfig(process.cwd(), values.config);
  await stopCompiler();
  for (const p of problems) process.stderr.write(`${p.file}${p.field ? ` \u203A ${p.field}` : ""}: ${p.message}
`);
  const timeZone = config.slack?.timeZone ?? "UTC";
  const warn = (message) => process.stderr.write(`${message}
`);
  try {
    const { store, count } = countRequests(await historyStore(config, resultsDir));
    const now = Date.now();
    const sources = await readHistory(store, { now, days, checks: values.check, warn });
    const data = buildDashboard({ checks: sources, now, timeZone, days, links: (key) => key, warn });
    const keys = new Set(data.checks.flatMap((c) => [...c.strip.map((s) => s.url), ...c.incidents.flatMap((i) => i.evidence ? [i.evidence] : [])]));
    const urls = /* @__PURE__ */ new Map();
    await Promise.all([...keys].map(async (key) => {
      urls.set(key, store.kind === "s3" ? (await store.link(key)).url : relativeLink(out, store.location, key));
    }));
    const html = renderDashboard(relink(data, urls));
    await writeAside(out, html);
    const runs = sources.reduce((n, s) => n + s.days.reduce((m, d) => m + d.runs.length, 0), 0);
    process.stdout.write(
      `Dashboard of ${plural(data.checks.length, "check")} over ${plural(days, "day")} (${runs} runs) from ${store.location}
  written to ${displayPath(out)} (${Math.round(Buffer.byteLength(html) / 1024)} KB) in ${formatMs(Date.now() - started)}
  ${formatCount(count)}
`
    );
    if (data.checks.length === 0) warn(`No check has history in ${store.location} yet: runs write it as they happen.`);
    return 0;
  } catch (error) {
    process.stderr.write(`${error.message}
`);
    return 3;
  }
}

export {
  buildDashboard,
  readHistory,
  formatUptime,
  DASHBOARD_USAGE,
  total,
  countRequests,
  formatCount,
  dashboardMain
};
