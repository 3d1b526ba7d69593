// The daily picture (pure): from the dashboard's data of every check, the one-line summary posted with it ("12 checks,
// all passing; 1 incident yesterday, resolved in 14 min") and the page rendered to the PNG — a grid of cards, each the
// check's latest screenshot, status, 24-h uptime and a sparkline of its hourly p50. No store, no clock, no browser:
// digest-source.ts reads the store, the CLI (src/cli/digest.ts) and the runner (src/lambda/run-digest.ts) render.
import { jsonBody } from './uplot-page.ts';
import { printable } from '../result/printable.ts';

export type DigestStatus = 'passed' | 'degraded' | 'failed' | 'unknown';

/** The parts of the dashboard's check (src/cli/dashboard-data.ts, DashboardCheck) the digest shows. */
export interface DigestCheck {
  name: string;
  status: DigestStatus;
  lastRunAt?: number;
  uptime: { h24: number | null };
  /** newest first; an open one has no `end` */
  incidents: { start: number; end?: number; durationMs?: number; failingStep?: string }[];
  /** hourly journey p50s, oldest first */
  spark: (number | null)[];
  /** the latest screenshot's store key (read by digest-source.ts, which embeds its bytes) */
  latestShot?: string;
}

export interface DigestData {
  /** epoch ms */
  generatedAt: number;
  /** IANA zone every time is shown in */
  timeZone: string;
  checks: DigestCheck[];
}

const MINUTE = 60_000;

/** A duration as people say it: `14 min`, `2 h 5 min`, `under a minute`. */
export function spokenDuration(ms: number): string {
  const minutes = Math.round(ms / MINUTE);
  if (minutes < 1) return 'under a minute';
  if (minutes < 60) return `${minutes} min`;
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return m ? `${h} h ${m} min` : `${h} h`;
}

/** The zone as given when Intl knows it, else UTC. */
function zoneOrUtc(timeZone: string): string {
  try {
    new Intl.DateTimeFormat('en', { timeZone });
    return timeZone;
  } catch {
    return 'UTC';
  }
}

/** 'YYYY-MM-DD' of `t` in `timeZone`. */
export function localDate(t: number, timeZone: string): string {
  const p = Object.fromEntries(new Intl.DateTimeFormat('en-US', { timeZone: zoneOrUtc(timeZone), year: 'numeric', month: '2-digit', day: '2-digit' })
    .formatToParts(new Date(t)).map((x) => [x.type, x.value]));
  return `${p.year}-${p.month}-${p.day}`;
}

/** The local calendar day before `now`'s, as 'YYYY-MM-DD'. */
export function yesterdayOf(now: number, timeZone: string): string {
  const [y, m, d] = localDate(now, timeZone).split('-').map(Number);
  return new Date(Date.UTC(y!, m! - 1, d! - 1)).toISOString().slice(0, 10);
}

/** `08:20` when `t` is on `now`'s local day, else `Nov 28 08:20`. */
export function clockTime(t: number, now: number, timeZone: string): string {
  const zone = zoneOrUtc(timeZone);
  const hm = new Intl.DateTimeFormat('en-GB', { timeZone: zone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(new Date(t));
  if (localDate(t, zone) === localDate(now, zone)) return hm;
  return `${new Intl.DateTimeFormat('en-US', { timeZone: zone, month: 'short', day: 'numeric' }).format(new Date(t))} ${hm}`;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** When a failing check started failing: its open incident's start, else its last run. */
function failingSince(check: DigestCheck): number | undefined {
  return check.incidents.find((i) => i.end === undefined)?.start ?? check.lastRunAt;
}

/** The incidents that started on the local day before `now`'s, over every check. */
export function incidentsYesterday(data: DigestData): DigestCheck['incidents'] {
  const yesterday = yesterdayOf(data.generatedAt, data.timeZone);
  return data.checks.flatMap((c) => c.incidents.filter((i) => localDate(i.start, data.timeZone) === yesterday));
}

const MAX_NAMED = 3;

/**
 * The one line posted with the picture:
 * - `12 checks, all passing; 1 incident yesterday, resolved in 14 min`
 * - `11 of 12 passing: checkout failing since 08:20; no incidents yesterday`
 * - `10 of 12 passing: checkout failing since Nov 28 23:50, search degraded; 3 incidents yesterday, 1 still open`
 * Passing means the last run passed; a degraded or failing check is named (at most three, then "and N more"), with
 * when a failing one started failing (its open incident, else its last run). Incidents count those that started on
 * the local calendar day before the digest's.
 */
export function digestSummary(data: DigestData): string {
  const { checks, generatedAt: now, timeZone } = data;
  if (checks.length === 0) return 'No checks have run yet: nothing to show';
  const passing = checks.filter((c) => c.status === 'passed').length;
  let head: string;
  if (passing === checks.length) {
    head = checks.length === 1 ? '1 check, passing' : `${checks.length} checks, all passing`;
  } else {
    const order: Record<DigestStatus, number> = { failed: 0, degraded: 1, unknown: 2, passed: 3 };
    const problems = checks.filter((c) => c.status !== 'passed').sort((a, b) => order[a.status] - order[b.status]);
    const said = problems.slice(0, MAX_NAMED).map((c) => {
      if (c.status === 'failed') {
        const since = failingSince(c);
        return `${c.name} failing${since === undefined ? '' : ` since ${clockTime(since, now, timeZone)}`}`;
      }
      return c.status === 'degraded' ? `${c.name} degraded` : `${c.name} not run yet`;
    });
    if (problems.length > MAX_NAMED) said.push(`and ${problems.length - MAX_NAMED} more`);
    head = `${passing} of ${checks.length} passing: ${said.join(', ')}`;
  }
  const incidents = incidentsYesterday(data);
  const open = incidents.filter((i) => i.end === undefined).length;
  let tail: string;
  if (incidents.length === 0) tail = 'no incidents yesterday';
  else if (incidents.length === 1) {
    const [i] = incidents;
    tail = `1 incident yesterday, ${i!.end === undefined ? 'still open' : `resolved in ${spokenDuration(i!.end - i!.start)}`}`;
  } else if (open) tail = `${incidents.length} incidents yesterday, ${open} still open`;
  else tail = `${incidents.length} incidents yesterday, all resolved (longest ${spokenDuration(Math.max(...incidents.map((i) => i.end! - i.start)))})`;
  return `${head}; ${tail}`;
}

// ——— the picture ———

export const DIGEST_WIDTH = 1200;
const PAD = 24;
const GAP = 16;
const HEADER = 92;
const CARD_INFO = 78;
export const STATUS_COLOURS: Record<DigestStatus, string> = { passed: '#1a7f37', degraded: '#9a6700', failed: '#cf222e', unknown: '#818b98' };
const STATUS_WORDS: Record<DigestStatus, string> = { passed: 'passing', degraded: 'degraded', failed: 'failing', unknown: 'no runs' };

/** Columns of the grid: three, four from ten checks on. */
const columnsFor = (n: number) => (n >= 10 ? 4 : 3);

/** The page's layout for `n` checks: card size and the whole picture's size (what is rendered, in CSS pixels). */
export function digestLayout(n: number): { columns: number; cardWidth: number; shotHeight: number; cardHeight: number; width: number; height: number } {
  const columns = columnsFor(n);
  const cardWidth = Math.floor((DIGEST_WIDTH - 2 * PAD - (columns - 1) * GAP) / columns);
  const shotHeight = Math.round(cardWidth * 0.625);
  const cardHeight = shotHeight + CARD_INFO + 4;
  const rows = Math.max(1, Math.ceil(n / columns));
  return { columns, cardWidth, shotHeight, cardHeight, width: DIGEST_WIDTH, height: PAD + HEADER + rows * cardHeight + (rows - 1) * GAP + PAD };
}

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

// Zero-width characters (printable() leaves them: emoji sequences join with U+200D) would let one check's name pass
// for another's in the picture, where nothing else tells them apart.
const ZERO_WIDTH = /[\u200b-\u200d\u2060\ufeff]/g;

/** Text from checks (names, the summary) as the picture shows it: controls, bidi and zero-width marks as escapes. */
const shown = (text: string) =>
  escapeHtml(printable(text).replace(ZERO_WIDTH, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`));

// Cut, never rounded up (as the dashboard): 99.999 % is not 100 %.
const uptimeText = (v: number | null) => (v === null ? '–' : `${(Math.floor(v * 100) / 100).toFixed(2).replace(/\.?0+$/, '')} %`);

/** Draws every sparkline (plain canvas 2D, device-pixel sharp), then marks the page ready once its images decoded. */
const DIGEST_SCRIPT = String.raw`
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

export interface DigestPageOptions {
  /** The latest screenshot of each check, by name, as a URL (a data: URL keeps the page self-contained). */
  shots: Map<string, string>;
  /** The summary line shown at the top (digestSummary's). */
  summary: string;
}

/** The page rendered to the picture: DIGEST_WIDTH wide, digestLayout's height; `data-ready="1"` once drawn. */
export function digestHtml(data: DigestData, options: DigestPageOptions): string {
  const layout = digestLayout(data.checks.length);
  const zone = zoneOrUtc(data.timeZone);
  const when = new Intl.DateTimeFormat('en-US', { timeZone: zone, weekday: 'short', year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
    .format(new Date(data.generatedAt));
  const sparks: { id: string; colour: string; values: (number | null)[] }[] = [];
  const cards = data.checks.map((c, i) => {
    const colour = STATUS_COLOURS[c.status] ?? STATUS_COLOURS.unknown;
    const shot = options.shots.get(c.name);
    const values = (c.spark ?? []).slice(-24).map((v) => (typeof v === 'number' && Number.isFinite(v) ? Math.round(v) : null));
    if (values.some((v) => v !== null)) sparks.push({ id: `spark-${i}`, colour, values });
    const open = c.status === 'failed' ? failingSince(c) : undefined;
    const statusLine = `${STATUS_WORDS[c.status] ?? c.status}${open === undefined ? '' : ` since ${clockTime(open, data.generatedAt, zone)}`}`;
    return `<div class="card" data-status="${c.status}" style="border-top-color:${colour}">
<div class="shot">${shot ? `<img src="${escapeHtml(shot)}" alt="">` : '<span>no screenshot</span>'}</div>
<div class="info"><div class="name"><i style="background:${colour}"></i>${shown(c.name)}</div>
<div class="row"><span class="status" style="color:${colour}">${escapeHtml(statusLine)}</span><span class="uptime">24 h ${uptimeText(c.uptime?.h24 ?? null)}</span>
<canvas id="spark-${i}" class="spark"></canvas></div></div></div>`;
  });
  const empty = data.checks.length ? '' : '<div class="none">No check has history yet: runs write it as they happen.</div>';
  const css = `*{box-sizing:border-box}html,body{margin:0;background:#f6f8fa}
body{width:${layout.width}px;height:${layout.height}px;padding:${PAD}px;font:14px/1.35 "Noto Sans JP","Noto Sans",system-ui,sans-serif;color:#1f2328;overflow:hidden}
header{height:${HEADER}px}h1{margin:0 0 6px;font-size:22px}h1 small{font-weight:400;color:#59636e;font-size:15px;margin-left:10px}
.summary{font-size:16px;color:#1f2328}
.grid{display:grid;grid-template-columns:repeat(${layout.columns},${layout.cardWidth}px);gap:${GAP}px}
.card{height:${layout.cardHeight}px;background:#fff;border:1px solid #d1d9e0;border-top:6px solid;border-radius:8px;overflow:hidden}
.shot{height:${layout.shotHeight}px;background:#eaeef2;display:flex;align-items:center;justify-content:center;color:#818b98;border-bottom:1px solid #d1d9e0}
.shot img{width:100%;height:100%;object-fit:cover;object-position:top}
.info{padding:8px 12px}.name{font-weight:600;font-size:15px;white-space:nowrap;overflow:hidden;text-overflow:ellipsis}
.name i{display:inline-block;width:10px;height:10px;border-radius:50%;margin-right:7px}
.row{display:flex;align-items:center;gap:10px;margin-top:8px}.status{font-weight:600;white-space:nowrap;overflow:hidden;text-overflow:ellipsis;max-width:45%}
.uptime{color:#59636e;white-space:nowrap}.spark{margin-left:auto;width:110px;height:30px}.none{color:#59636e;font-size:16px}`;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src data:; style-src 'unsafe-inline'; script-src 'unsafe-inline'">
<title>mimamori daily picture</title><style>${css}</style></head>
<body><header><h1>mimamori · daily picture<small>${escapeHtml(when)} (${escapeHtml(zone)})</small></h1><div class="summary">${shown(options.summary)}</div></header>
<div class="grid">${cards.join('\n')}</div>${empty}
<script type="application/json" id="digest-data">${jsonBody({ sparks })}</script>
<script>${DIGEST_SCRIPT}</script>
</body></html>`;
}

/** How many days of history the digest reads: enough for the 24 h uptime and for yesterday in any zone (±14 h). */
export const DIGEST_DAYS = 3;
