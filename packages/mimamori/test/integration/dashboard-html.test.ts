// The dashboard file (renderDashboard): a hand-built history with known numbers, rendered and opened in real Chromium
// from disk — the numbers in the page, every chart drawn with the right points, times in the configured zone, names
// that are markup shown as text, nothing loaded from elsewhere; and 10 checks × 30 days of hourly points drawn whole.
// MIMAMORI_WRITE_DOCS=1 also writes docs/dashboard.png (the README's picture) from the large history.
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/cli.ts';
import { launchBrowser } from '../../src/runner/browser.ts';
import {
  formatDuration, renderDashboard, storeKeyUrl, type DashboardCheck, type DashboardData, type DashboardHour,
} from '../../src/render/dashboard-html.ts';

// vitest's default of 1 s is too short for Chromium to lay out, load and decode on a busy machine.
const POLL = { timeout: 30_000 };
import { formatUptime } from '../../src/render/uptime.ts';

const HOUR = 3_600_000;
const MIN = 60_000;
/** 2025-01-22 12:00 UTC = 21:00 in Tokyo. */
const NOW = Date.UTC(2025, 0, 22, 12, 0);
const EVIL = '<img src=x onerror=alert(1)>';
const EVIL_STEP = '</script><script>alert(5)</script><!--';

// The 48 hours before NOW, oldest first: checkout's journey p50 is 400, 410, … 870 ms.
const HOURS = Array.from({ length: 48 }, (_, i) => NOW - (48 - i) * HOUR);
const P50 = HOURS.map((_, i) => 400 + 10 * i);

function checkout(): DashboardCheck {
  const hourly: DashboardHour[] = HOURS.map((t, i) => ({
    t, p50: P50[i]!, p95: 900 + 10 * i,
    steps: { 'open home': { p50: 100 + i, p95: 150 + i }, 'log in': { p50: 200 + i, p95: 260 + i }, pay: { p50: 100 + 8 * i, p95: 200 + 8 * i } },
  }));
  return {
    name: 'checkout',
    status: 'failed',
    lastRunAt: NOW - 5 * MIN,
    uptime: { h24: 95.833333, d7: 99.404761, d30: 99.861111 },
    incidents: [
      { start: Date.UTC(2025, 0, 21, 0, 30), end: Date.UTC(2025, 0, 21, 1, 10), durationMs: 40 * MIN, failingStep: 'pay', error: 'Timeout 30000ms exceeded.', evidence: 'runs/checkout/2025/01/21/r1/result.json' },
      { start: Date.UTC(2025, 0, 22, 10, 30), failingStep: 'pay', error: 'HTTP 500 on POST /pay', evidence: 'https://example.invalid/presigned?X-Amz-Signature=abc' },
      { start: Date.UTC(2025, 0, 21, 6, 0), end: Date.UTC(2025, 0, 21, 6, 20), failingStep: 'log in', error: 'expected "Welcome"' },
    ],
    // Shuffled: drawn in time order all the same.
    hourly: [...hourly.slice(20), ...hourly.slice(0, 20)],
    budget: { degradedResponseTime: 3000, maxResponseTime: 5000 },
    usualMs: 520,
    spark: P50,
    latestShot: storeKeyUrl('shots/checkout latest.png'),
    strip: [0, 1, 2, 3].map((i) => ({ t: NOW - (4 - i) * 5 * MIN, status: i < 2 ? 'passed' : 'failed', url: storeKeyUrl(`shots/strip ${i}.png`) })),
  };
}

function home(): DashboardCheck {
  return {
    name: 'home',
    status: 'passed',
    lastRunAt: NOW - 2 * MIN,
    uptime: { h24: 100, d7: 100, d30: null },
    incidents: [],
    hourly: HOURS.map((t) => ({ t, p50: 250, p95: 300, steps: { 'open home': { p50: 250, p95: 300 } } })),
    budget: { maxResponseTime: 2000 },
    spark: HOURS.map(() => 250),
    strip: [],
  };
}

/** Markup everywhere a user writes text, and URLs that are scripts. Two hours with runs, an empty hour between. */
function evil(): DashboardCheck {
  return {
    name: EVIL,
    status: 'degraded',
    uptime: { h24: null, d7: 50, d30: 50 },
    incidents: [{ start: NOW - 3 * HOUR, end: NOW - 2 * HOUR, failingStep: EVIL_STEP, error: '<script>alert(2)</script>', evidence: 'javascript:alert(3)' }],
    hourly: [NOW - 3 * HOUR, NOW - HOUR].map((t) => ({ t, p50: 700, p95: 800, steps: { [EVIL_STEP]: { p50: 600, p95: 700 } } })),
    spark: [700, 700],
    latestShot: 'javascript:alert(4)',
    strip: [{ t: NOW - HOUR, status: '"><script>alert(6)</script>', url: 'data:text/html,<script>alert(7)</script>' }],
  };
}

const KNOWN: DashboardData = { generatedAt: NOW, timeZone: 'Asia/Tokyo', days: 30, checks: [checkout(), home(), evil()] };

/** A deterministic history like the store gives: `checks` checks, `days` × 24 hourly points, 5 steps each. */
function largeHistory(checks: number, days: number, shots: string[]): DashboardData {
  let seed = 42;
  const random = () => ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);
  const names = ['checkout', 'home', 'search', 'log in', 'account', 'blog', 'api health', 'pricing', 'sign up', 'docs', 'status', 'cart'];
  const steps = ['open page', 'fill form', 'submit', 'wait for result', 'check total'];
  const hours = Array.from({ length: days * 24 }, (_, i) => NOW - (days * 24 - i) * HOUR);
  return {
    generatedAt: NOW,
    timeZone: 'Asia/Tokyo',
    days,
    checks: Array.from({ length: checks }, (_, c): DashboardCheck => {
      const base = 300 + 150 * (c % 5);
      const hourly = hours.map((t, i) => {
        const daily = 1 + 0.25 * Math.sin((i / 24) * 2 * Math.PI);
        const spike = c === 0 && i > hours.length - 30 && i < hours.length - 20 ? 4 : 1;
        const p50 = Math.round(base * daily * spike * (0.9 + 0.2 * random()));
        const parts = steps.map((_, s) => Math.round((p50 / steps.length) * (0.6 + 0.8 * random())));
        return { t, p50, p95: Math.round(p50 * (1.4 + 0.4 * random())), steps: Object.fromEntries(steps.map((s, k) => [s, { p50: parts[k]!, p95: Math.round(parts[k]! * 1.5) }])) };
      });
      const status = c === 0 ? 'failed' : c === 6 ? 'degraded' : 'passed';
      const incidents = c === 0
        ? [{ start: NOW - 30 * HOUR, end: NOW - 20 * HOUR, failingStep: 'submit', error: 'Timeout 30000ms exceeded.', evidence: 'runs/x/result.json' },
          { start: NOW - 40 * MIN, failingStep: 'check total', error: 'expected "¥1,200" but got "¥0"', evidence: 'runs/y/result.json' }]
        : c === 6 ? [{ start: NOW - 9 * 24 * HOUR, end: NOW - 9 * 24 * HOUR + 25 * MIN, failingStep: 'open page', error: 'HTTP 503' }] : [];
      return {
        name: names[c % names.length]! + (c >= names.length ? ` ${c}` : ''),
        status,
        lastRunAt: NOW - 3 * MIN,
        uptime: c === 0 ? { h24: 58.33, d7: 94.05, d30: 98.61 } : c === 6 ? { h24: 100, d7: 99.7, d30: 99.93 } : { h24: 100, d7: 100, d30: 100 },
        incidents,
        hourly,
        budget: { degradedResponseTime: base * 3, maxResponseTime: base * 6 },
        usualMs: base,
        spark: hourly.slice(-48).map((h) => h.p50),
        latestShot: shots[c === 0 ? 1 : 0],
        strip: Array.from({ length: 12 }, (_, i) => {
          const failed = c === 0 && i >= 10;
          return { t: NOW - (12 - i) * 5 * MIN, status: failed ? 'failed' : 'passed', url: shots[failed ? 1 : 0]! };
        }),
      };
    }),
  };
}

interface Opened {
  page: Page;
  requests: string[];
  dialogs: string[];
  problems: string[];
}

let browser: Browser;
let scratch: string;

/** Writes the HTML beside the pictures, opens it from disk with every request watched, waits for all charts. */
async function open(data: DashboardData, file: string, viewport = { width: 1280, height: 900 }): Promise<Opened> {
  const path = join(scratch, file);
  await writeFile(path, renderDashboard(data));
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  const opened: Opened = { page, requests: [], dialogs: [], problems: [] };
  // Nothing may leave the page: anything not from the file system or inline is recorded and refused.
  await context.route('**/*', (route) => {
    const url = route.request().url();
    return /^(file|data):/.test(url) ? route.continue() : route.abort();
  });
  page.on('request', (r) => opened.requests.push(r.url()));
  page.on('dialog', (d) => {
    opened.dialogs.push(d.message());
    void d.dismiss();
  });
  page.on('pageerror', (e) => opened.problems.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') opened.problems.push(`console ${m.type()}: ${m.text()}`);
  });
  await page.goto(pathToFileURL(path).href);
  await page.waitForSelector('html[data-charts="drawn"]', { timeout: 30_000 });
  return opened;
}

/** Pixels of the chart's canvas that are drawn (alpha > 0), and those near a colour (the p50 line's). */
async function inked(page: Page, id: string, color?: [number, number, number]): Promise<number> {
  return page.evaluate(([id, color]) => {
    const u = (window as unknown as { __charts: Record<string, { ctx: CanvasRenderingContext2D }> }).__charts[id]!;
    const { width, height } = u.ctx.canvas;
    const copy = Object.assign(document.createElement('canvas'), { width, height }).getContext('2d', { willReadFrequently: true })!;
    copy.drawImage(u.ctx.canvas, 0, 0);
    const px = copy.getImageData(0, 0, width, height).data;
    let n = 0;
    for (let i = 0; i < px.length; i += 4) {
      if (px[i + 3] === 0) continue;
      if (!color || (Math.abs(px[i]! - color[0]) < 40 && Math.abs(px[i + 1]! - color[1]) < 40 && Math.abs(px[i + 2]! - color[2]) < 40)) n++;
    }
    return n;
  }, [id, color] as const);
}

type ChartData = { points: number; series: (number | null)[][]; labels: string[] };
async function chartData(page: Page, id: string): Promise<ChartData> {
  return page.evaluate((id) => {
    const u = (window as unknown as { __charts: Record<string, { data: (number | null)[][]; series: { label?: string }[] }> }).__charts[id]!;
    return { points: u.data[0]!.length, series: u.data.slice(1).map((s) => Array.from(s)), labels: u.series.slice(1).map((s) => String(s.label)) };
  }, id);
}

beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'mimamori-dashboard-'));
  browser = await launchBrowser();
  // Screenshots to show: two small pages rendered by the same Chromium, written where the data's relative URLs point.
  await mkdir(join(scratch, 'shots'));
  const page = await browser.newPage({ viewport: { width: 640, height: 400 } });
  const shop = (title: string, colour: string, text: string) => page.setContent(
    `<body style="margin:0;font:20px sans-serif"><div style="background:${colour};color:#fff;padding:16px">Example shop</div>`
    + `<h1 style="margin:24px">${title}</h1><p style="margin:24px">${text}</p></body>`,
  );
  await shop('Your order', '#0969da', 'Total ¥1,200 · Pay now');
  const good = await page.screenshot();
  await shop('500 Internal Server Error', '#cf222e', 'Something went wrong.');
  const bad = await page.screenshot();
  await page.close();
  await writeFile(join(scratch, 'shots/checkout latest.png'), bad);
  for (const [i, bytes] of [good, good, bad, bad].entries()) await writeFile(join(scratch, `shots/strip ${i}.png`), bytes);
  await writeFile(join(scratch, 'shots/good.png'), good);
  await writeFile(join(scratch, 'shots/bad.png'), bad);
});
afterAll(() => browser?.close());

describe('a known history, opened in Chromium', () => {
  let opened: Opened;
  let page: Page;
  beforeAll(async () => {
    opened = await open(KNOWN, 'known.html');
    page = opened.page;
  });

  it('shows each check’s status and uptime in the top view', async () => {
    const rows = page.locator('tr.check-row');
    expect(await rows.count()).toBe(3);
    const uptime = (row: number) => rows.nth(row).locator('td.uptime').allTextContents();
    expect(await uptime(0)).toEqual(['95.83%', '99.40%', '99.86%']);
    expect(await uptime(1)).toEqual(['100%', '100%', '–']);
    expect(await rows.nth(0).getAttribute('data-status')).toBe('failed');
    expect(await rows.nth(0).locator('.badge').textContent()).toBe('✗ failed');
    expect(await rows.nth(1).locator('.badge').textContent()).toBe('✓ passed');
    // The open incident, in Tokyo time: 10:30 UTC is 19:30.
    expect(await rows.nth(0).locator('.open-incident').textContent()).toBe('open since 01-22 19:30step “pay”');
    expect(await rows.nth(1).locator('.open-incident').textContent()).toBe('–');
    expect(await page.locator('.counts').textContent()).toBe('3 checks1 passed1 degraded1 failed');
  });

  it('lists every incident, newest first, in the configured time zone', async () => {
    const rows = page.locator('#check-checkout tr.incident');
    expect(await rows.count()).toBe(3);
    expect(await page.locator('#check-checkout tr.incident.open').count()).toBe(1);
    const cells = await rows.evaluateAll((trs) => trs.map((tr) => Array.from(tr.querySelectorAll('td'), (td) => td.textContent)));
    expect(cells).toEqual([
      ['2025-01-22 19:30', 'open', '1 h 30 min so far', 'pay', 'HTTP 500 on POST /pay', 'evidence'],
      ['2025-01-21 15:00', '2025-01-21 15:20', '20 min', 'log in', 'expected "Welcome"', '–'],
      ['2025-01-21 09:30', '2025-01-21 10:10', '40 min', 'pay', 'Timeout 30000ms exceeded.', 'evidence'],
    ]);
    expect(await rows.locator('a').evaluateAll((as) => as.map((a) => a.getAttribute('href')))).toEqual([
      'https://example.invalid/presigned?X-Amz-Signature=abc', 'runs/checkout/2025/01/21/r1/result.json',
    ]);
    expect(await page.locator('#check-home h3', { hasText: 'Incidents' }).textContent()).toBe('Incidents (0 in 30 days)');
  });

  it('draws the response times per hour: journey p50 and p95, each step, the budgets and the usual', async () => {
    const chart = await chartData(page, 'time-0');
    expect(chart.points).toBe(48);
    expect(chart.labels).toEqual(['journey p50', 'journey p95', 'open home p50', 'log in p50', 'pay p50', 'degraded budget', 'max budget', 'usual']);
    expect(chart.series[0]).toEqual(P50);
    expect(chart.series[4]).toEqual(HOURS.map((_, i) => 100 + 8 * i));
    expect(chart.series[5]).toEqual(HOURS.map(() => 3000));
    expect(chart.series[7]).toEqual(HOURS.map(() => 520));
    expect(await page.locator('#check-checkout .latest').getAttribute('data-p50')).toBe('870');
    expect(await page.locator('#check-checkout .latest').textContent()).toBe('hour of 01-22 20:00: p50 870 ms · p95 1.4 s');
    // The legend at the last hour: its time in Tokyo, the p50 as the page formats it.
    const legend = await page.evaluate(() => {
      const u = (window as unknown as { __charts: Record<string, { setLegend(o: { idx: number }): void; root: HTMLElement }> }).__charts['time-0']!;
      u.setLegend({ idx: 47 });
      return Array.from(u.root.querySelectorAll('.u-legend .u-series'), (s) => s.textContent);
    });
    expect(legend.slice(0, 3)).toEqual(['Hour2025-01-22 20:00', 'journey p50870 ms', 'journey p951.4 s']);
    // The home check has only a maximum budget: no degraded line.
    expect((await chartData(page, 'time-1')).labels).toEqual(['journey p50', 'journey p95', 'open home p50', 'max budget']);
  });

  it('fits the scale to the response times and the budgets near them; a line hidden from the legend leaves the scale', async () => {
    const top = () => page.evaluate(() => (window as unknown as { __charts: Record<string, { scales: { y: { max: number } } }> }).__charts['time-0']!.scales.y.max);
    // p95 peaks at 1.37 s: the 3 s degraded budget is within 3 times that and shows; the 5 s maximum is left above.
    expect(await top()).toBeCloseTo(3000 * 1.08);
    const legend = page.locator('#check-checkout .u-legend .u-series', { hasText: 'degraded budget' });
    await legend.click();
    expect(await legend.getAttribute('class')).toContain('u-off');
    await expect.poll(top, POLL).toBeCloseTo(1370 * 1.08);
    await legend.click();
    await expect.poll(top, POLL).toBeCloseTo(3000 * 1.08);
  });

  it('breaks the lines where hours without runs lie between', async () => {
    const chart = await chartData(page, 'time-2');
    expect(chart.points).toBe(3);
    expect(chart.series[0]).toEqual([700, null, 700]);
  });

  it('draws every chart: a sparkline per check and a response-time chart, none blank', async () => {
    const ids = await page.evaluate(() => Object.keys((window as unknown as { __charts: object }).__charts).sort());
    expect(ids).toEqual(['spark-0', 'spark-1', 'spark-2', 'time-0', 'time-1', 'time-2']);
    expect((await chartData(page, 'spark-0')).series[0]).toEqual(P50);
    for (const id of ids) expect(await inked(page, id), id).toBeGreaterThan(100);
    // The p50 line itself (#0969da), not just axes and grid.
    for (const id of ['time-0', 'time-1']) expect(await inked(page, id, [0x09, 0x69, 0xda]), id).toBeGreaterThan(200);
    expect(await page.evaluate(() => (window as unknown as { __chartErrors: string[] }).__chartErrors)).toEqual([]);
  });

  it('shows the latest screenshot and the strip from their relative paths', async () => {
    const latest = page.locator('#check-checkout .latest-shot img');
    await latest.scrollIntoViewIfNeeded();
    await expect.poll(() => latest.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth), POLL).toBe(640);
    expect(await latest.getAttribute('src')).toBe('shots/checkout%20latest.png');
    const strip = page.locator('#check-checkout .strip img');
    expect(await strip.count()).toBe(4);
    expect(await strip.first().getAttribute('loading')).toBe('lazy');
    await strip.first().scrollIntoViewIfNeeded();
    await expect.poll(() => strip.evaluateAll((imgs) => imgs.map((i) => (i as HTMLImageElement).naturalWidth)), POLL).toEqual([640, 640, 640, 640]);
    expect(await page.locator('#check-checkout .strip figure').evaluateAll((fs) => fs.map((f) => f.className))).toEqual([
      'shot st-border-passed', 'shot st-border-passed', 'shot st-border-failed', 'shot st-border-failed',
    ]);
  });

  it('shows names and errors that are markup as text, and runs no script from them', async () => {
    const section = page.locator('section.check[data-check="2"]');
    expect(await section.locator('h2').textContent()).toBe(EVIL);
    expect(await page.locator('tr.check-row').nth(2).locator('a').textContent()).toBe(EVIL);
    expect(await section.locator('tr.incident td').nth(3).textContent()).toBe(EVIL_STEP);
    expect(await section.locator('tr.incident td').nth(4).textContent()).toBe('<script>alert(2)</script>');
    expect((await chartData(page, 'time-2')).labels[2]).toBe(`${EVIL_STEP} p50`);
    // Script URLs are dropped: no link, no picture, an unknown status is 'unknown'.
    expect(await section.locator('tr.incident td').nth(5).textContent()).toBe('–');
    expect(await section.locator('img').count()).toBe(0);
    expect(await section.locator('.frame.empty').count()).toBe(2);
    expect(await section.locator('.strip figure').getAttribute('class')).toBe('shot st-border-unknown');
    expect(await page.evaluate(() => document.querySelectorAll('img[src="x"], [href^="javascript"], [src^="javascript"], [src^="data"]').length)).toBe(0);
    expect(await page.evaluate(() => document.scripts.length)).toBe(3);
    expect(opened.dialogs).toEqual([]);
  });

  it('loads nothing from elsewhere and logs no error (the page’s scripts pass its own CSP)', async () => {
    await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
    await page.waitForLoadState('networkidle');
    expect(opened.requests.length).toBeGreaterThan(1);
    expect(opened.requests.filter((url) => !/^(file|data):/.test(url))).toEqual([]);
    expect(opened.problems).toEqual([]);
  });
});

describe('renderDashboard, as text', () => {
  const text = renderDashboard(KNOWN);

  it('is one file: uPlot, its stylesheet and the data inline, no external script or stylesheet', () => {
    expect(text).toContain('uPlot');
    expect(text).toContain('.u-legend');
    expect(text).not.toMatch(/<script[^>]+src=|<link /);
    // Only the three script elements close: the step name that is markup stays inside the JSON.
    expect(text.match(/<\/script>/g)).toHaveLength(3);
    expect(text).not.toContain('<!--');
    const json = /<script type="application\/json" id="dashboard-data">(.*?)<\/script>/s.exec(text)![1]!;
    const data = JSON.parse(json) as { timeZone: string; charts: { id: string; series?: { label: string }[] }[] };
    expect(data.timeZone).toBe('Asia/Tokyo');
    expect(data.charts.find((c) => c.id === 'time-2')!.series![2]!.label).toBe(`${EVIL_STEP} p50`);
  });

  it('falls back to UTC for an unknown time zone, and says so', () => {
    const utc = renderDashboard({ ...KNOWN, timeZone: 'Mars/Olympus' });
    expect(utc).toContain('unknown time zone &quot;Mars/Olympus&quot;: times are in UTC');
    expect(utc).toContain('>2025-01-22 10:30</time>');
  });

  it('renders an empty dashboard', () => {
    expect(renderDashboard({ generatedAt: NOW, timeZone: 'UTC', days: 7, checks: [] })).toContain('No checks have history yet.');
  });

  it('formats uptime (never rounded up to 100%), durations and stored keys', () => {
    expect([100, 99.999, 99.5, 0, null].map(formatUptime)).toEqual(['100%', '99.99%', '99.50%', '0.00%', '–']);
    expect([45_000, 12 * MIN, 185 * MIN, 52 * HOUR].map(formatDuration)).toEqual(['45 s', '12 min', '3 h 5 min', '2 d 4 h']);
    expect(storeKeyUrl('runs/broken%20site/2025/01/22/r/final.png')).toBe('runs/broken%2520site/2025/01/22/r/final.png');
  });
});

describe('a check with a single hour of runs (a new user after four runs)', () => {
  it('spans the time axis over the hour shown, with its point inside, not over years', async () => {
    const hour = NOW - HOUR;
    const fresh: DashboardCheck = { ...home(), name: 'fresh', hourly: [{ t: hour, p50: 250, p95: 300, steps: {} }], spark: [250] };
    const { page, problems } = await open({ generatedAt: NOW, timeZone: 'Asia/Tokyo', days: 30, checks: [fresh] }, 'one-hour.html');
    const x = await page.evaluate(() => {
      const u = (window as unknown as { __charts: Record<string, { scales: { x: { min: number; max: number } }; valToPos(v: number, s: string): number; bbox: { width: number } }> }).__charts['time-0']!;
      return { min: u.scales.x.min * 1000, max: u.scales.x.max * 1000, at: u.valToPos(u.scales.x.min, 'x'), width: u.bbox.width };
    });
    expect(problems).toEqual([]);
    // Half an hour either side of the hour's point: the axis spans the hour shown, the point sits in its middle.
    expect(x.min).toBe(hour - HOUR / 2);
    expect(x.max).toBe(hour + HOUR / 2);
    const ticks = await page.locator('#check-fresh .u-axis').first().textContent();
    expect(ticks).not.toMatch(/20(2[6-9]|3\d)/);
  });
});

describe('a check with quiet time (a mute, a paused window)', () => {
  it('shades each band under the lines, names it on hover and in the list under the chart, and notes the paused time by the uptime', async () => {
    const hours = [NOW - 6 * HOUR, NOW - 5 * HOUR, NOW - 2 * HOUR, NOW - HOUR];
    const quiet: DashboardCheck = {
      ...home(), name: 'quiet', hourly: hours.map((t) => ({ t, p50: 250, p95: 300, steps: {} })), spark: [250, 250, 250, 250],
      uptime: { h24: 99.9, d7: 99.9, d30: null }, paused: { h24: 2 * HOUR, d7: 2 * HOUR, d30: 0 },
      quiet: [
        { mode: 'silence', source: 'mute', name: 'quiet', by: 'aki', reason: 'DB restart', start: NOW - 5 * HOUR - 20 * MIN, end: NOW - 5 * HOUR + 10 * MIN },
        { mode: 'pause', source: 'maintenance', name: 'deploy', start: NOW - 4 * HOUR, end: NOW - 2 * HOUR - 30 * MIN },
      ],
    };
    const plain: DashboardCheck = { ...quiet, name: 'plain', quiet: undefined, paused: undefined };
    const { page, problems } = await open({ generatedAt: NOW, timeZone: 'Asia/Tokyo', days: 30, checks: [plain, quiet] }, 'quiet.html');
    expect(problems).toEqual([]);
    // The mute's amber under the lines: the quiet check's chart has it, the same chart without quiet time has none.
    expect(await inked(page, 'time-1', [191, 135, 0])).toBeGreaterThan(100);
    expect(await inked(page, 'time-0', [191, 135, 0])).toBe(0);
    const hover = await page.evaluate(() => {
      const u = (window as unknown as { __charts: Record<string, { valToPos(v: number, s: string): number; setCursor(c: { left: number; top: number }): void; over: HTMLElement }> }).__charts['time-1']!;
      const spot = (t: number) => { u.setCursor({ left: u.valToPos(t / 1000, 'x'), top: 10 }); return u.over.title; };
      return [spot(Date.UTC(2025, 0, 22, 7, 0)), spot(Date.UTC(2025, 0, 22, 9, 0)), spot(Date.UTC(2025, 0, 22, 11, 0))];
    }, undefined);
    expect(hover).toEqual(['muted (quiet) by aki: DB restart', 'in maintenance window "deploy" (paused)', '']);
    await expect.poll(() => page.locator('#check-quiet .quiet-bands li').allTextContents(), POLL).toEqual([
      'in maintenance window "deploy" (paused) · 01-22 17:00 – 01-22 18:30',
      'muted (quiet) by aki: DB restart · 01-22 15:40 – 01-22 16:10',
    ]);
    expect(await page.locator('.overview td.uptime[data-window="h24"]').nth(1).textContent()).toBe('99.90%(paused 2 h excluded)');
  });
});

describe('10 checks × 30 days of hourly points, 5 steps each', () => {
  it('draws every chart whole and stays responsive', async () => {
    const data = largeHistory(10, 30, ['shots/good.png', 'shots/bad.png']);
    const html = renderDashboard(data);
    expect(html.length).toBeLessThan(2_000_000);
    const opened = await open(data, 'large.html', { width: 1280, height: 1400 });
    const { page } = opened;
    const points = await page.evaluate(() => {
      const charts = (window as unknown as { __charts: Record<string, { data: unknown[][] }> }).__charts;
      return Object.fromEntries(Object.entries(charts).map(([id, u]) => [id, [u.data[0]!.length, u.data.length - 1]]));
    });
    for (let i = 0; i < 10; i++) {
      expect(points[`time-${i}`]).toEqual([720, 2 + 5 + 3]);
      expect(points[`spark-${i}`]).toEqual([48, 1]);
    }
    for (const id of ['time-0', 'time-9', 'spark-3']) expect(await inked(page, id), id).toBeGreaterThan(100);
    expect(opened.problems).toEqual([]);
    if (process.env.MIMAMORI_WRITE_DOCS === '1') {
      await mkdir(join(ROOT, 'docs'), { recursive: true });
      await page.evaluate(() => window.scrollTo(0, 0));
      await page.screenshot({ path: join(ROOT, 'docs/dashboard.png') });
    }
  });
});

describe('1,000 checks: 24 detailed, 976 in the overview only', () => {
  it('lists every check with its sparkline, details 24, says how to see the others, and draws it all', async () => {
    const detailed = largeHistory(24, 30, ['shots/good.png', 'shots/bad.png']);
    const rowsOnly = Array.from({ length: 976 }, (_, c): DashboardCheck => ({
      name: `row only ${String(c).padStart(3, '0')}`, status: 'passed', lastRunAt: NOW - 4 * MIN, uptime: { h24: 100, d7: 99.9, d30: 99.95 },
      incidents: [], hourly: [], spark: HOURS.map((_, i) => 300 + (i % 7) * 10), strip: [], overviewOnly: true,
    }));
    const data: DashboardData = { ...detailed, checks: [...detailed.checks, ...rowsOnly] };
    const html = renderDashboard(data);
    // About 1 KB a row and 70 KB a detailed check: 2.5 MB, where 1,000 detailed checks would be 70 MB.
    expect(html.length).toBeLessThan(3_000_000);
    const { page, problems } = await open(data, 'thousand.html', { width: 1280, height: 1400 });
    expect(await page.locator('tr.check-row').count()).toBe(1000);
    expect(await page.locator('section.check').count()).toBe(24);
    expect(await page.locator('tr.row-only a').count()).toBe(0);
    expect(await page.locator('tr.row-only .row-only').first().getAttribute('title')).toBe('not detailed here: mimamori dashboard --check "row only 000"');
    expect(await page.locator('p.more').textContent()).toContain('the other 976 are in this table only');
    const sparks = await page.evaluate(() => Object.keys((window as unknown as { __charts: Record<string, unknown> }).__charts).filter((id) => id.startsWith('spark-')).length);
    expect(sparks).toBe(1000);
    expect(problems).toEqual([]);
  }, 120_000);
});
