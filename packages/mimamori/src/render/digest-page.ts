// The daily picture (pure): the page a browser renders to the PNG — a grid of cards, each the check's latest
// screenshot (whole: the card's picture has the default viewport's shape and is never cropped sideways), status,
// 24-h uptime and a sparkline of its hourly p50 — under the one-line summary (digest-summary.ts). No store, no clock,
// no browser: src/history/digest-source.ts reads the store, the CLI (src/cli/digest.ts) and the runner
// (src/lambda/run-digest.ts) render.
import { printable } from '../result/printable.ts';
import { html, raw, type Html } from './escape.ts';
import { digestSummary, failingSince, type DigestCheck, type DigestData, type DigestStatus } from './digest-summary.ts';
import { quietLines } from './digest-quiet.ts';
// A cycle, used only inside functions: the board page draws its cards with this file's card.
import { boardHtml } from './digest-board-page.ts';
import { LARGE_DIGEST } from './digest-board.ts';
import { clockTime, knownZone, longDateTime } from './time.ts';
import { jsonBody } from './uplot-page.ts';
import { formatUptime } from './uptime.ts';

export const DIGEST_WIDTH = 1200;
export const PAD = 24;
export const GAP = 16;
export const HEADER = 92;
const CARD_INFO = 78;
/** Each line about quiet time under the summary (digest-quiet.ts) makes the header this much taller. */
export const QUIET_LINE = 20;
/**
 * The card's picture is as wide as the card and has the shape of the default viewport (1280 × 720): a story screenshot
 * fills it whole. Another shape is shown full width from its top (a full-page one is cut at the bottom, never the sides).
 */
const SHOT_ASPECT = 720 / 1280;
export const STATUS_COLOURS: Record<DigestStatus, string> = { passed: '#1a7f37', degraded: '#9a6700', failed: '#cf222e', unknown: '#818b98' };
const STATUS_WORDS: Record<DigestStatus, string> = { passed: 'passing', degraded: 'degraded', failed: 'failing', unknown: 'no runs' };

/** Columns of the grid: three, four from ten checks on. */
const columnsFor = (n: number) => (n >= 10 ? 4 : 3);

/** The page's layout for `n` checks (and `quiet` lines of quiet time): card size and the whole picture's size (CSS px). */
export function digestLayout(n: number, quiet = 0): { columns: number; cardWidth: number; shotHeight: number; cardHeight: number; header: number; width: number; height: number } {
  const columns = columnsFor(n);
  const cardWidth = Math.floor((DIGEST_WIDTH - 2 * PAD - (columns - 1) * GAP) / columns);
  const shotHeight = Math.round(cardWidth * SHOT_ASPECT);
  const cardHeight = shotHeight + CARD_INFO + 4;
  const rows = Math.max(1, Math.ceil(n / columns));
  const header = HEADER + quiet * QUIET_LINE;
  return { columns, cardWidth, shotHeight, cardHeight, header, width: DIGEST_WIDTH, height: PAD + header + rows * cardHeight + (rows - 1) * GAP + PAD };
}

// Zero-width characters (printable() leaves them: emoji sequences join with U+200D) would let one check's name pass
// for another's in the picture, where nothing else tells them apart.
const ZERO_WIDTH = /[\u200b-\u200d\u2060\ufeff]/g;

/** Text from checks (names, the summary) as the picture shows it: controls, bidi and zero-width marks as escapes. */
export const shown = (text: string) => printable(text).replace(ZERO_WIDTH, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`);

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
  /** Lines about quiet time, under the summary (digest-quiet.ts's). */
  quiet?: string[];
}

/** One check's card: its screenshot, name, status (since when, failing), 24-h uptime and a sparkline canvas `spark-<i>`. */
export function digestCard(c: DigestCheck, i: number, shot: string | undefined, data: DigestData, sparks: Spark[]): Html {
  const { zone } = knownZone(data.timeZone);
  const colour = STATUS_COLOURS[c.status] ?? STATUS_COLOURS.unknown;
  const values = (c.spark ?? []).slice(-24).map((v) => (typeof v === 'number' && Number.isFinite(v) ? Math.round(v) : null));
  if (values.some((v) => v !== null)) sparks.push({ id: `spark-${i}`, colour, values });
  const open = c.status === 'failed' ? failingSince(c) : undefined;
  const statusLine = `${STATUS_WORDS[c.status] ?? c.status}${open === undefined ? '' : ` since ${clockTime(open, data.generatedAt, zone)}`}`;
  return html`<div class="card" data-status="${c.status}" style="border-top-color:${colour}">
<div class="shot">${shot ? html`<img src="${shot}" alt="">` : html`<span>no screenshot</span>`}</div>
<div class="info"><div class="name"><i style="background:${colour}"></i>${shown(c.name)}</div>
<div class="row"><span class="status" style="color:${colour}">${statusLine}</span><span class="uptime">24 h ${formatUptime(c.uptime?.h24 ?? null)}</span>
<canvas id="spark-${i}" class="spark"></canvas></div></div></div>`;
}

export interface Spark { id: string; colour: string; values: (number | null)[] }

/** The CSS of the page and its cards, for a page `size` with a `header` that tall and cards as `layout` says. */
export function digestCss(layout: { width: number; height: number; header: number; columns: number; cardWidth: number; cardHeight: number; shotHeight: number }): string {
  return `*{box-sizing:border-box}html,body{margin:0;background:#f6f8fa}
body{width:${layout.width}px;height:${layout.height}px;padding:${PAD}px;font:14px/1.35 "Noto Sans JP","Noto Sans",system-ui,sans-serif;color:#1f2328;overflow:hidden}
header{height:${layout.header}px}h1{margin:0 0 6px;font-size:22px}h1 small{font-weight:400;color:#59636e;font-size:15px;margin-left:10px}
.summary{font-size:16px;color:#1f2328}.quiet{font-size:14px;line-height:${QUIET_LINE}px;color:#7d4e00;white-space:nowrap;overflow:hidden;text-overflow:ellipsis}
.grid{display:grid;grid-template-columns:repeat(${layout.columns},${layout.cardWidth}px);gap:${GAP}px}
.card{height:${layout.cardHeight}px;background:#fff;border:1px solid #d1d9e0;border-top:6px solid;border-radius:8px;overflow:hidden}
.shot{height:${layout.shotHeight}px;background:#eaeef2;display:flex;align-items:center;justify-content:center;color:#818b98;border-bottom:1px solid #d1d9e0;overflow:hidden}
.shot img{width:100%;height:auto;align-self:flex-start}
.info{padding:8px 12px}.name{font-weight:600;font-size:15px;white-space:nowrap;overflow:hidden;text-overflow:ellipsis}
.name i{display:inline-block;width:10px;height:10px;border-radius:50%;margin-right:7px}
.row{display:flex;align-items:center;gap:10px;margin-top:8px}.status{font-weight:600;white-space:nowrap;overflow:hidden;text-overflow:ellipsis;max-width:45%}
.uptime{color:#59636e;white-space:nowrap}.spark{margin-left:auto;width:110px;height:30px}.none{color:#59636e;font-size:16px}`;
}

/** The whole page around `body`: the header (title, summary, quiet lines), then `body`, then the sparklines' script. */
export function digestDocument(data: DigestData, o: { css: string; summary: string; quiet: string[]; body: Html; sparks: Spark[] }): string {
  const { zone } = knownZone(data.timeZone);
  return html`<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src data:; style-src 'unsafe-inline'; script-src 'unsafe-inline'">
<title>mimamori daily picture</title><style>${raw(o.css)}</style></head>
<body><header><h1>mimamori · daily picture<small>${longDateTime(data.generatedAt, zone)} (${zone})</small></h1><div class="summary">${shown(o.summary)}</div>${o.quiet.map((q) => html`<div class="quiet">${shown(q)}</div>`)}</header>
${o.body}
<script type="application/json" id="digest-data">${raw(jsonBody({ sparks: o.sparks }))}</script>
<script>${raw(DIGEST_SCRIPT)}</script>
</body></html>`.markup;
}

/** The page rendered to the picture: DIGEST_WIDTH wide, digestLayout's height; `data-ready="1"` once drawn. */
export function digestHtml(data: DigestData, options: DigestPageOptions): string {
  const quiet = options.quiet ?? [];
  const layout = digestLayout(data.checks.length, quiet.length);
  const sparks: Spark[] = [];
  const cards = data.checks.map((c, i) => digestCard(c, i, options.shots.get(c.name), data, sparks));
  const empty = data.checks.length ? '' : html`<div class="none">No check has history yet: runs write it as they happen.</div>`;
  const body = html`<div class="grid">${cards.map((card, i) => (i ? [raw('\n'), card] : card))}</div>${empty}`;
  return digestDocument(data, { css: digestCss(layout), summary: options.summary, quiet, body, sparks });
}

/**
 * The picture of `source` (src/history/digest-source.ts's): its page and size, and the text posted with it — the
 * summary line, then a line for each mute or window of the last 24 hours. More than LARGE_DIGEST checks get the board
 * (digest-board-page.ts): what is not passing first, then a tile per tag.
 */
export function digestPicture(source: { data: DigestData; shots: Map<string, string> }): { summary: string; html: string; size: { width: number; height: number } } {
  const line = digestSummary(source.data);
  const quiet = quietLines(source.data);
  const summary = [line, ...quiet].join('\n');
  if (source.data.checks.length > LARGE_DIGEST) return { summary, ...boardHtml(source.data, { shots: source.shots, summary: line, quiet }) };
  const { width, height } = digestLayout(source.data.checks.length, quiet.length);
  return { summary, html: digestHtml(source.data, { shots: source.shots, summary: line, quiet }), size: { width, height } };
}
