// The dashboard page's own script (plain ES2017, inlined after uPlot): draws every chart from the JSON block with
// uPlot. Charts near the viewport are drawn when they come near it (IntersectionObserver), the rest when the browser
// is idle, as many as its idle time allows, so no task draws them all at once. Each drawn chart is on
// `window.__charts[id]` (tests read its data); `<html data-charts="drawn">` when all are. Text never goes through
// innerHTML: uPlot sets labels as textContent. Kept free of backticks and dollar-brace, as it sits in a template literal.

export { UPLOT_PRELUDE } from './uplot-page.ts';

export const DASHBOARD_SCRIPT = String.raw`
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
  // Quiet time, shaded under the lines: a mute in amber, a maintenance window in grey-blue.
  var QUIET = { mute: 'rgba(191, 135, 0, 0.14)', maintenance: 'rgba(84, 110, 140, 0.14)' };
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
    var bands = spec.bands || [];
    if (bands.length) opts.hooks = { drawClear: [function (u) { shade(u, bands); }], setCursor: [function (u) { bandTitle(u, bands); }] };
    var values = spec.series.map(function (s) {
      return s.values || spec.x.map(function () { return s.level; });
    });
    return [opts, [spec.x].concat(values)];
  }

  // Each band of quiet time, at least 2 px wide (a single paused run still shows), drawn before the lines.
  function shade(u, bands) {
    var g = u.ctx, box = u.bbox;
    g.save();
    bands.forEach(function (b) {
      var l = Math.max(u.valToPos(b.from, 'x', true), box.left);
      var r = Math.min(u.valToPos(b.to, 'x', true), box.left + box.width);
      if (r < l) return;
      g.fillStyle = QUIET[b.kind] || QUIET.maintenance;
      g.fillRect(l, box.top, Math.max(r - l, 2), box.height);
    });
    g.restore();
  }
  // Hovering a band names it (the window, or the mute with who and why) as the plot's tooltip.
  function bandTitle(u, bands) {
    var left = u.cursor.left, title = '';
    if (left != null && left >= 0) {
      var x = u.posToVal(left, 'x');
      for (var i = 0; i < bands.length; i++) if (x >= bands[i].from && x <= bands[i].to) { title = bands[i].label; break; }
    }
    if (u.over.title !== title) u.over.title = title;
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
  // Within an idle period, charts are drawn while it has time left (a thousand sparklines are a thousand charts): at
  // least one, then more while 8 ms remain, so no task runs past the browser's idle deadline by much.
  function pump(deadline) {
    var drawn = 0;
    while (queue.length && (drawn === 0 || (deadline && deadline.timeRemaining() > 8))) {
      var el = queue.shift();
      if (el.__drawn) continue;
      if (near) near.unobserve(el);
      draw(el);
      drawn++;
    }
    if (queue.length) idle(pump, { timeout: 300 });
  }

  if (left === 0) document.documentElement.setAttribute('data-charts', 'drawn');
  if (near) places.forEach(function (el) { near.observe(el); });
  idle(pump, { timeout: 300 });
})();
`;
