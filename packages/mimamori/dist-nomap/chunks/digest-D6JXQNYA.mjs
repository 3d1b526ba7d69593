import {
  esc,
  limitsUntil,
  openSlackSender,
  slackSettings
} from "./chunk-DHYSUP3K.mjs";
import {
  launchBrowser,
  renderPage
} from "./chunk-SCEAS2RA.mjs";
import "./chunk-3HTYQUIR.mjs";
import "./chunk-PU65TNXR.mjs";
import {
  buildDashboard,
  countRequests,
  formatCount,
  formatUptime,
  readHistory
} from "./chunk-PRZWGDPC.mjs";
import {
  clockTime,
  html,
  jsonBody,
  knownZone,
  localDate,
  longDateTime,
  raw,
  yesterdayOf
} from "./chunk-PUM52R76.mjs";
import {
  historyStore,
  writeAside
} from "./chunk-P4DNPQN3.mjs";
import {
  formatMs,
  plural
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

// src/cli/digest.ts
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";

// src/history/digest-source.ts
var DIGEST_DAYS = 3;
var MIME = { png: "image/png", jpg: "image/jpeg", jpeg: "image/jpeg", webp: "image/webp" };
async function embedShots(store, data, warn) {
  const shots = /* @__PURE__ */ new Map();
  await Promise.all(data.checks.map(async (c) => {
    if (!c.latestShot) return;
    try {
      const bytes = await store.get(c.latestShot);
      if (!bytes) return warn(`${c.latestShot} (the latest screenshot of "${c.name}") is not in ${store.location}`);
      const mime = MIME[c.latestShot.split(".").pop().toLowerCase()] ?? "image/png";
      shots.set(c.name, `data:${mime};base64,${bytes.toString("base64")}`);
    } catch (error) {
      warn(`${c.latestShot} left out: ${error.message}`);
    }
  }));
  return shots;
}
async function readDigest(store, o) {
  const sources = await readHistory(store, { now: o.now, days: DIGEST_DAYS, warn: o.warn });
  const data = buildDashboard({ checks: sources, now: o.now, timeZone: o.timeZone, days: DIGEST_DAYS, links: (key) => key, warn: o.warn });
  return { data, shots: await embedShots(store, data, o.warn) };
}

// src/render/digest-summary.ts
var MINUTE = 6e4;
function spokenDuration(ms) {
  const minutes = Math.round(ms / MINUTE);
  if (minutes < 1) return "under a minute";
  if (minutes < 60) return `${minutes} min`;
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return m ? `${h} h ${m} min` : `${h} h`;
}
function failingSince(check) {
  return check.incidents.find((i) => i.end === void 0)?.start ?? check.lastRunAt;
}
function incidentsYesterday(data) {
  const yesterday = yesterdayOf(data.generatedAt, data.timeZone);
  return data.checks.flatMap((c) => c.incidents.filter((i) => localDate(i.start, data.timeZone) === yesterday));
}
var MAX_NAMED = 3;
function digestSummary(data) {
  const { checks, generatedAt: now, timeZone } = data;
  if (checks.length === 0) return "No checks have run yet: nothing to show";
  const passing = checks.filter((c) => c.status === "passed").length;
  let head;
  if (passing === checks.length) {
    head = checks.length === 1 ? "1 check, passing" : `${checks.length} checks, all passing`;
  } else {
    const order = { failed: 0, degraded: 1, unknown: 2, passed: 3 };
    const problems = checks.filter((c) => c.status !== "passed").sort((a, b) => order[a.status] - order[b.status]);
    const said = problems.slice(0, MAX_NAMED).map((c) => {
      if (c.status === "failed") {
        const since = failingSince(c);
        return `${c.name} failing${since === void 0 ? "" : ` since ${clockTime(since, now, timeZone)}`}`;
      }
      return c.status === "degraded" ? `${c.name} degraded` : `${c.name} not run yet`;
    });
    if (problems.length > MAX_NAMED) said.push(`and ${problems.length - MAX_NAMED} more`);
    head = `${passing} of ${checks.length} passing: ${said.join(", ")}`;
  }
  const incidents = incidentsYesterday(data);
  const open = incidents.filter((i) => i.end === void 0).length;
  let tail;
  if (incidents.length === 0) tail = "no incidents yesterday";
  else if (incidents.length === 1) {
    const [i] = incidents;
    tail = `1 incident yesterday, ${i.end === void 0 ? "still open" : `resolved in ${spokenDuration(i.end - i.start)}`}`;
  } else if (open) tail = `${incidents.length} incidents yesterday, ${open} still open`;
  else tail = `${incidents.length} incidents yesterday, all resolved (longest ${spokenDuration(Math.max(...incidents.map((i) => i.end - i.start)))})`;
  return `${head}; ${tail}`;
}

// src/render/digest-page.ts
var DIGEST_WIDTH = 1200;
var PAD = 24;
var GAP = 16;
var HEADER = 92;
var CARD_INFO = 78;
var SHOT_ASPECT = 720 / 1280;
var STATUS_COLOURS = { passed: "#1a7f37", degraded: "#9a6700", failed: "#cf222e", unknown: "#818b98" };
var STATUS_WORDS = { passed: "passing", degraded: "degraded", failed: "failing", unknown: "no runs" };
var columnsFor = (n) => n >= 10 ? 4 : 3;
function digestLayout(n) {
  const columns = columnsFor(n);
  const cardWidth = Math.floor((DIGEST_WIDTH - 2 * PAD - (columns - 1) * GAP) / columns);
  const shotHeight = Math.round(cardWidth * SHOT_ASPECT);
  const cardHeight = shotHeight + CARD_INFO + 4;
  const rows = Math.max(1, Math.ceil(n / columns));
  return { columns, cardWidth, shotHeight, cardHeight, width: DIGEST_WIDTH, height: PAD + HEADER + rows * cardHeight + (rows - 1) * GAP + PAD };
}
var ZERO_WIDTH = /[\u200b-\u200d\u2060\ufeff]/g;
var shown = (text) => printable(text).replace(ZERO_WIDTH, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, "0")}`);
var DIGEST_SCRIPT = String.raw`
(function () {
  var data = JSON.parse(document.getElementById('digest-data').textContent);
  var ratio = window.devicePixelRatio || 1;
  data.sparks.forEach(function (s) {
    var canvas = document.getElementById(s.id);
    if (!canvas) return;
    var w = canvas.clientWidth, h = canvas.clientHeight;
    canvas.width = Math.round(w * ratio); canvas.height = Math.round(h * ratio);
    var g = canvas.getContext('2d');
    g.scale(ratio, ratio);
    var values = s.values, max = 0, n = values.length;
    values.forEach(function (v) { if (v != null && v > max) max = v; });
    if (!max || n === 0) return;
    var x = function (i) { return n === 1 ? w / 2 : 2 + (i * (w - 4)) / (n - 1); };
    var y = function (v) { return h - 3 - (v / (max * 1.1)) * (h - 6); };
    g.strokeStyle = s.colour; g.lineWidth = 2; g.lineJoin = 'round';
    g.beginPath();
    var down = false;
    values.forEach(function (v, i) {
      if (v == null) { down = false; return; }
      if (down) g.lineTo(x(i), y(v)); else g.moveTo(x(i), y(v));
      down = true;
    });
    g.stroke();
    g.globalAlpha = 0.12; g.fillStyle = s.colour;
    values.forEach(function (v, i) { if (v != null) g.fillRect(x(i) - 1, y(v), 2, h - y(v)); });
    canvas.dataset.points = String(values.filter(function (v) { return v != null; }).length);
  });
  var images = Array.prototype.slice.call(document.images);
  Promise.all(images.map(function (img) { return img.decode().catch(function () {}); })).then(function () {
    document.documentElement.dataset.ready = '1';
  });
})();
`;
function digestHtml(data, options) {
  const layout = digestLayout(data.checks.length);
  const { zone } = knownZone(data.timeZone);
  const sparks = [];
  const cards = data.checks.map((c, i) => {
    const colour = STATUS_COLOURS[c.status] ?? STATUS_COLOURS.unknown;
    const shot = options.shots.get(c.name);
    const values = (c.spark ?? []).slice(-24).map((v) => typeof v === "number" && Number.isFinite(v) ? Math.round(v) : null);
    if (values.some((v) => v !== null)) sparks.push({ id: `spark-${i}`, colour, values });
    const open = c.status === "failed" ? failingSince(c) : void 0;
    const statusLine = `${STATUS_WORDS[c.status] ?? c.status}${open === void 0 ? "" : ` since ${clockTime(open, data.generatedAt, zone)}`}`;
    return html`<div class="card" data-status="${c.status}" style="border-top-color:${colour}">
<div class="shot">${shot ? html`<img src="${shot}" alt="">` : html`<span>no screenshot</span>`}</div>
<div class="info"><div class="name"><i style="background:${colour}"></i>${shown(c.name)}</div>
<div class="row"><span class="status" style="color:${colour}">${statusLine}</span><span class="uptime">24 h ${formatUptime(c.uptime?.h24 ?? null)}</span>
<canvas id="spark-${i}" class="spark"></canvas></div></div></div>`;
  });
  const empty = data.checks.length ? "" : html`<div class="none">No check has history yet: runs write it as they happen.</div>`;
  const css = `*{box-sizing:border-box}html,body{margin:0;background:#f6f8fa}
body{width:${layout.width}px;height:${layout.height}px;padding:${PAD}px;font:14px/1.35 "Noto Sans JP","Noto Sans",system-ui,sans-serif;color:#1f2328;overflow:hidden}
header{height:${HEADER}px}h1{margin:0 0 6px;font-size:22px}h1 small{font-weight:400;color:#59636e;font-size:15px;margin-left:10px}
.summary{font-size:16px;color:#1f2328}
.grid{display:grid;grid-template-columns:repeat(${layout.columns},${layout.cardWidth}px);gap:${GAP}px}
.card{height:${layout.cardHeight}px;background:#fff;border:1px solid #d1d9e0;border-top:6px solid;border-radius:8px;overflow:hidden}
.shot{height:${layout.shotHeight}px;background:#eaeef2;display:flex;align-items:center;justify-content:center;color:#818b98;border-bottom:1px solid #d1d9e0;overflow:hidden}
.shot img{width:100%;height:auto;align-self:flex-start}
.info{padding:8px 12px}.name{font-weight:600;font-size:15px;white-space:nowrap;overflow:hidden;text-overflow:ellipsis}
.name i{display:inline-block;width:10px;height:10px;border-radius:50%;margin-right:7px}
.row{display:flex;align-items:center;gap:10px;margin-top:8px}.status{font-weight:600;white-space:nowrap;overflow:hidden;text-overflow:ellipsis;max-width:45%}
.uptime{color:#59636e;white-space:nowrap}.spark{margin-left:auto;width:110px;height:30px}.none{color:#59636e;font-size:16px}`;
  return html`<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src data:; style-src 'unsafe-inline'; script-src 'unsafe-inline'">
<title>mimamori daily picture</title><style>${raw(css)}</style></head>
<body><header><h1>mimamori · daily picture<small>${longDateTime(data.generatedAt, zone)} (${zone})</small></h1><div class="summary">${shown(options.summary)}</div></header>
<div class="grid">${cards.map((card, i) => i ? [raw("\n"), card] : card)}</div>${empty}
<script type="application/json" id="digest-data">${raw(jsonBody({ sparks }))}</script>
<script>${raw(DIGEST_SCRIPT)}</script>
</body></html>`.markup;
}
function digestPicture(source) {
  const summary = digestSummary(source.data);
  const { width, height } = digestLayout(source.data.checks.length);
  return { summary, html: digestHtml(source.data, { shots: source.shots, summary }), size: { width, height } };
}

// src/notify/digest-post.ts
var DIGEST_POST_MS = 6e4;
var REQUEST_TIMEOUT_MS = 3e4;
var fileIdOf = (out) => out.files?.[0]?.files?.[0]?.id;
async function postDigest(settings, png, summary, o) {
  const channel = settings.channel;
  if (!channel) throw new Error("Slack has no channel for the digest: set SLACK_CHANNEL or slack.channel in the config");
  const limits = o.limits ?? limitsUntil(Date.now() + DIGEST_POST_MS, o.requestTimeoutMs ?? REQUEST_TIMEOUT_MS, `the digest's post took over ${DIGEST_POST_MS / 1e3} s`);
  const sender = await openSlackSender(settings, limits);
  const file = { file: png, filename: `mimamori-digest-${o.date}.png`, title: `mimamori \xB7 ${o.date}`, alt_text: summary.slice(0, 1e3) };
  const text = esc(summary);
  if (/^[CGDZ][A-Z0-9]+$/.test(channel)) {
    const out2 = await sender.upload(channel, { ...file, channel_id: channel, initial_comment: text }, { action: "upload of the digest" });
    return { channel, fileId: fileIdOf(out2) };
  }
  const posted = await sender.post(channel, { text }, { action: "message of the digest" });
  const out = await sender.upload(channel, { ...file, channel_id: posted.channel }, { action: "upload of the digest" });
  return { channel: posted.channel, ts: posted.ts, fileId: fileIdOf(out) };
}

// src/cli/digest.ts
var DIGEST_USAGE = `Usage: mimamori digest [--out file] [--no-slack] [--results dir] [--config file]

Renders the daily picture: a grid of every check's latest screenshot with its status, 24-h uptime and a sparkline of
its hourly response time, and a one-line summary ("12 checks, all passing; 1 incident yesterday, resolved in 14 min"),
from the history in S3 when MIMAMORI_S3_BUCKET (or s3.bucket in the config) is set, else in the local results folder.
Posts it to Slack when SLACK_BOT_TOKEN is set (channel: SLACK_CHANNEL or slack.channel). Times are shown in
digest.timeZone, else slack.timeZone (default UTC). Deployed, the stack posts it every day at digest.at.

Options:
  --out <file>      where the PNG goes (default mimamori-results/digest.png)
  --no-slack        render only, even with a Slack token
  --results <dir>   the local results folder read when no bucket is set (default mimamori-results)
  --config <file>   config file (default: mimamori.config.ts)
  -h, --help        show this help`;
var digestTimeZone = (config) => config.digest?.timeZone ?? config.slack?.timeZone ?? "UTC";
async function renderLocally(html2, size) {
  const browser = await launchBrowser();
  try {
    return await renderPage(browser, html2, size, { timeoutMs: 3e4, readyMs: 1e4 });
  } finally {
    await browser.close();
  }
}
async function digestMain(argv) {
  const started = Date.now();
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        out: { type: "string" },
        "no-slack": { type: "boolean" },
        results: { type: "string" },
        config: { type: "string" },
        help: { type: "boolean", short: "h" }
      }
    }));
  } catch (error) {
    process.stderr.write(`${error.message}

${DIGEST_USAGE}
`);
    return 2;
  }
  if (values.help) return process.stdout.write(`${DIGEST_USAGE}
`), 0;
  for (const flag of ["out", "results", "config"]) {
    if (values[flag] === "") return process.stderr.write(`--${flag} needs a path

${DIGEST_USAGE}
`), 2;
  }
  const resultsDir = values.results ?? "mimamori-results";
  const out = resolve(values.out ?? join(resultsDir, "digest.png"));
  const { config, problems } = await loadConfig(process.cwd(), values.config);
  await stopCompiler();
  for (const p of problems) process.stderr.write(`${p.file}${p.field ? ` \u203A ${p.field}` : ""}: ${p.message}
`);
  const timeZone = digestTimeZone(config);
  const warn = (message) => process.stderr.write(`${message}
`);
  try {
    const { store, count } = countRequests(await historyStore(config, resultsDir));
    const now = Date.now();
    const source = await readDigest(store, { now, timeZone, warn });
    const digest = { data: source.data, ...digestPicture(source) };
    const png = await renderLocally(digest.html, digest.size);
    await writeAside(out, png);
    process.stdout.write(
      `${digest.summary}
Daily picture of ${plural(digest.data.checks.length, "check")} from ${store.location}
  written to ${displayPath(out)} (${digest.size.width}\xD7${digest.size.height}, ${Math.round(png.length / 1024)} KB) in ${formatMs(Date.now() - started)}
  ${formatCount(count)}
`
    );
    const slack = values["no-slack"] ? void 0 : slackSettings(config);
    if (slack) {
      const posted = await postDigest(slack, png, digest.summary, { date: localDate(now, timeZone) });
      process.stdout.write(`  posted to Slack (${posted.channel})
`);
    }
    return 0;
  } catch (error) {
    process.stderr.write(`${error.message}
`);
    return 3;
  }
}
export {
  DIGEST_USAGE,
  digestMain,
  digestTimeZone,
  renderLocally
};
