// `npm run dashboard` end to end: the real CLI process against s3rver (and a local folder) holding a small generated
// history — day objects made by the history writer's own `addRun`, the last run of each check added by `appendRun`
// as after-run adds it — and against history that real `npm run check` runs wrote. The page is written, opens in
// Chromium with its screenshots loaded (presigned from S3, relative paths locally), and the S3 request count is
// printed and within the bound for the history's size.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { PNG } from 'pngjs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeS3, type FakeS3, useS3Credentials } from '../fixtures/s3.ts';
import { startFixtureSite, type FixtureSite } from '../fixtures/site.ts';
import { runCli, ROOT, type CliRun } from '../helpers/cli.ts';
import { addRun, appendRun, type HistoryDay, type HistoryRun } from '../../src/store/history-days.ts';
import { historyDayKey, runFolder, stateKey, utcDay } from '../../src/store/layout.ts';
import { LocalStore } from '../../src/store/local-store.ts';
import { openS3Store } from '../../src/store/s3-store.ts';
import { s3Settings } from '../../src/store/settings.ts';
import type { Store } from '../../src/store/store.ts';
import { launchBrowser } from '../../src/runner/browser.ts';

const MIN = 60_000;
const DAY = 24 * 60 * MIN;
const DAYS = 3;

let s3: FakeS3;
let scratch: string;
let browser: Browser;

function png(seed: number): Buffer {
  const image = new PNG({ width: 64, height: 40 });
  for (let i = 0; i < image.data.length; i++) image.data[i] = i % 4 === 3 ? 255 : (i * seed) % 251;
  return PNG.sync.write(image);
}

interface Generated {
  name: string;
  days: HistoryDay[];
  last: { run: HistoryRun; steps: string[] };
  state: Record<string, unknown>;
  latestShot: string;
}

/**
 * `DAYS` days of 5-minute runs up to now; the broken check's last 4 runs fail (the first marked as opening an
 * incident, which the state has open).
 */
function generate(name: string, steps: string[], failingLast: number, now: number): Generated {
  const first = Math.ceil((now - DAYS * DAY) / (5 * MIN)) * 5 * MIN;
  const times: number[] = [];
  for (let t = first; t <= now - MIN; t += 5 * MIN) times.push(t);
  const runs = times.map((t, n): HistoryRun => {
    const id = `${new Date(t).toISOString().replace(/[-:]|\.\d+/g, '')}-${String(n).padStart(6, '0')}`;
    const st = steps.map((_, k) => 200 + ((n * 37 + k * 101) % 300));
    const run: HistoryRun = { t, id, s: 'p', ms: st.reduce((a, b) => a + b, 0) + 50, st, shot: `${runFolder(name, id, t)}01-final.png` };
    if (n >= times.length - failingLast) {
      Object.assign(run, { s: 'f', fs: steps[0], e: 'page.goto: net::ERR_HTTP_RESPONSE_CODE_FAILURE', c: 'network', shot: `${runFolder(name, id, t)}01-failure.png` });
      delete run.st;
      if (n === times.length - failingLast) run.i = 1;
    }
    return run;
  });
  const byDay = new Map<string, HistoryDay>();
  for (const run of runs.slice(0, -1)) byDay.set(utcDay(run.t), addRun(byDay.get(utcDay(run.t)), { check: name, run, steps, budget: { maxResponseTime: 2000 } }));
  const last = runs.at(-1)!;
  const opener = runs.find((r) => r.i === 1);
  return {
    name,
    days: [...byDay.values()],
    last: { run: last, steps },
    state: {
      check: name, lastStatus: last.s === 'f' ? 'failed' : 'passed', lastRunId: last.id, lastRunAt: new Date(last.t).toISOString(),
      incident: opener ? { kind: 'site', openedAt: new Date(opener.t).toISOString(), openedRunId: opener.id, failures: failingLast } : null,
    },
    latestShot: last.shot!,
  };
}

/** Writes the history as after-run would have left it: day objects, the last run appended, the state, the last picture. */
async function store(target: Store, checks: Generated[]): Promise<void> {
  for (const [n, c] of checks.entries()) {
    for (const day of c.days) await target.put(historyDayKey(c.name, Date.parse(`${day.day}T12:00:00Z`)), JSON.stringify(day), { contentType: 'application/json' });
    await appendRun(target, { check: c.name, run: c.last.run, steps: c.last.steps, budget: { maxResponseTime: 2000 } });
    await target.put(stateKey(c.name), JSON.stringify(c.state), { contentType: 'application/json' });
    await target.put(c.latestShot, png(n + 3), { contentType: 'image/png' });
  }
}

/** The request count line: total and by kind. */
function requests(run: CliRun): { total: number; kinds: Record<string, number> } {
  const m = /S3 requests: (\d+) \(([^)]*)\)/.exec(run.stdout);
  expect(m, run.stdout + run.stderr).not.toBeNull();
  return { total: Number(m![1]), kinds: Object.fromEntries(m![2]!.split(', ').map((k) => [k.split(' ')[0], Number(k.split(' ')[1])])) };
}

/** Months the window's days fall in (1 or 2 for 3 days): one listing each per check. */
const monthsOf = (now: number) => new Set([utcDay(now - DAYS * DAY).slice(0, 7), utcDay(now).slice(0, 7)]).size;

/** Opens the page in Chromium: its text, the pictures that loaded, the page's errors. */
async function open(file: string): Promise<{ text: string; loaded: string[]; broken: string[]; errors: string[]; canvases: number }> {
  const page = await browser.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  try {
    await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
    // Pictures load lazily: have every one load now, and wait until each has loaded or failed.
    await page.$$eval('img', (imgs) => Promise.all(imgs.map((img) => {
      img.loading = 'eager';
      return img.complete ? undefined : new Promise((settled) => {
        img.addEventListener('load', settled, { once: true });
        img.addEventListener('error', settled, { once: true });
      });
    })));
    const images = await page.$$eval('img', (imgs) => imgs.map((img) => ({ src: img.currentSrc || img.src, ok: img.complete && img.naturalWidth > 0 })));
    return {
      text: await page.locator('body').innerText(),
      loaded: images.filter((i) => i.ok).map((i) => i.src),
      broken: images.filter((i) => !i.ok).map((i) => i.src),
      errors,
      canvases: await page.locator('canvas').count(),
    };
  } finally {
    await page.close();
  }
}

const CHECKS = [
  { name: 'checkout', steps: ['open', 'pay'], failingLast: 0 },
  { name: 'ログイン / search', steps: ['ログイン', 'search'], failingLast: 0 },
  { name: 'broken site', steps: ['open error page'], failingLast: 4 },
];

const savedEnv = { ...process.env };
beforeAll(async () => {
  s3 = await startFakeS3();
  // This process writes the history with the SDK, which reads credentials and region from the environment.
  useS3Credentials(s3);
  scratch = await mkdtemp(join(tmpdir(), 'mimamori-dashboard-'));
  // The page's times are in the configured Slack time zone.
  await writeFile(join(scratch, 'mimamori.config.ts'), "export default { slack: { timeZone: 'Asia/Tokyo' } };\n");
  browser = await launchBrowser();
});
afterAll(async () => {
  for (const key of ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_REGION']) {
    if (savedEnv[key] === undefined) delete process.env[key];
    else process.env[key] = savedEnv[key];
  }
  await browser?.close();
  await s3?.close();
  if (scratch) await rm(scratch, { recursive: true, force: true });
});

describe('npm run dashboard on a generated history', () => {
  const now = Date.now();
  const checks = CHECKS.map((c) => generate(c.name, c.steps, c.failingLast, now));
  const runs = checks.reduce((n, c) => n + c.days.reduce((m, d) => m + d.runs.length, 0) + 1, 0);
  const dayObjects = (c: Generated) => new Set([...c.days.map((d) => d.day), utcDay(c.last.run.t)]).size;

  it('writes the page from S3 within the request bound, with presigned screenshots that load', async () => {
    const env = { ...s3.env, MIMAMORI_S3_PREFIX: 'dash/' };
    await store(await openS3Store(s3Settings({}, env)!), checks);

    const run = await runCli(['dashboard', '--days', String(DAYS)], { cwd: scratch, env });
    expect(run.code, run.stderr).toBe(0);
    const file = join(scratch, 'mimamori-results/dashboard.html');
    expect(run.stdout).toContain(`Dashboard of 3 checks over ${DAYS} days (${runs} runs) from s3://${s3.bucket}/dash/`);
    expect(run.stdout).toContain(`written to ${join('mimamori-results', 'dashboard.html')}`);
    // Two listings (state/, history/), then per check: its state, one listing per month, one GET per day object.
    const { total, kinds } = requests(run);
    const months = monthsOf(now);
    const bound = 2 + checks.reduce((n, c) => n + 1 + months + dayObjects(c), 0);
    expect(total).toBeLessThanOrEqual(bound);
    expect(kinds.ListObjectsV2).toBeLessThanOrEqual(2 + checks.length * months);
    expect(kinds.GetObject).toBe(checks.reduce((n, c) => n + 1 + dayObjects(c), 0));
    expect(Object.keys(kinds).sort()).toEqual(['GetObject', 'ListObjectsV2']);

    const html = await readFile(file, 'utf8');
    expect(html).toMatch(/^<!doctype html>/i);
    expect(html).toContain('Asia/Tokyo');
    const page = await open(file);
    expect(page.errors).toEqual([]);
    for (const c of checks) expect(page.text).toContain(c.name);
    expect(page.canvases).toBeGreaterThan(0);
    // Every check's latest picture is the one stored, through a presigned link; the others in the strips are not stored.
    for (const c of checks) {
      const loaded = page.loaded.filter((src) => src.startsWith(`${s3.endpoint}/${s3.bucket}/dash/${c.latestShot.split('/').map(encodeURIComponent).join('/')}?`));
      expect(loaded.length, `${c.name}: ${page.loaded.join('\n')}`).toBeGreaterThan(0);
      expect(new URL(loaded[0]!).searchParams.get('X-Amz-Signature')).toMatch(/^[0-9a-f]{64}$/);
    }
  });

  it('reads only the named check with --check: no listing of every check', async () => {
    const env = { ...s3.env, MIMAMORI_S3_PREFIX: 'dash/' };
    const out = join(scratch, 'one/broken.html');
    const run = await runCli(['dashboard', '--days', String(DAYS), '--check', 'broken site', '--out', out], { cwd: scratch, env });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain(`Dashboard of 1 check over ${DAYS} days`);
    const broken = checks.find((c) => c.name === 'broken site')!;
    expect(requests(run).total).toBeLessThanOrEqual(1 + monthsOf(now) + dayObjects(broken));
    const page = await open(out);
    expect(page.text).toContain('broken site');
    expect(page.text).not.toContain('checkout');
  });

  it('writes the page from a local folder with screenshot paths relative to the page', async () => {
    const results = join(scratch, 'local-results');
    await store(new LocalStore(results), checks);
    const out = join(scratch, 'pages/dash.html');
    const run = await runCli(['dashboard', '--days', String(DAYS), '--results', results, '--out', out], { cwd: scratch, env: { MIMAMORI_S3_BUCKET: undefined } });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain(`Dashboard of 3 checks over ${DAYS} days (${runs} runs) from ${results}`);
    expect(run.stdout).toMatch(/store reads: \d+ \(get \d+, list \d+\)/);
    const html = await readFile(out, 'utf8');
    expect(html).not.toContain(results); // no absolute paths: the folder can be moved with its page
    const page = await open(out);
    expect(page.errors).toEqual([]);
    for (const c of checks) {
      expect(page.loaded).toContain(pathToFileURL(join(results, c.latestShot)).href);
    }
  });

  it('says what is wrong with its arguments', async () => {
    const bad = await runCli(['dashboard', '--days', '0'], { cwd: scratch });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("--days must be a whole number from 1 to 400, got '0'");
    expect(bad.stderr).toContain('Usage: mimamori dashboard');
    const help = await runCli(['dashboard', '--help'], { cwd: scratch });
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('--check <name>');
  });
});

describe('npm run dashboard on a history broken by hand', () => {
  it('leaves out the malformed runs and the runs dated in the future, saying which object, and shows everything else', async () => {
    const now = Date.now();
    const checks = CHECKS.map((c) => generate(c.name, c.steps, c.failingLast, now));
    const env = { ...s3.env, MIMAMORI_S3_PREFIX: 'dash-broken/' };
    const target = await openS3Store(s3Settings({}, env)!);
    await store(target, checks);
    // checkout's first day: valid JSON, but a null run, a numeric id and no `day`.
    const first = checks[0]!.days[0]!;
    const key = historyDayKey('checkout', Date.parse(`${first.day}T12:00:00Z`));
    const { day: _day, ...noDay } = first;
    await target.put(key, JSON.stringify({ ...noDay, runs: [null, { ...first.runs[0], id: 42 }, ...first.runs.slice(1)] }), { contentType: 'application/json' });
    // broken site's last day: one run dated tomorrow (a wrong clock).
    const today = historyDayKey('broken site', checks[2]!.last.run.t);
    const day = JSON.parse((await target.get(today))!.toString('utf8')) as HistoryDay;
    const future = { ...day.runs.at(-1)!, id: 'from-the-future', t: now + DAY, s: 'p' as const };
    await target.put(today, JSON.stringify({ ...day, runs: [...day.runs, future] }), { contentType: 'application/json' });

    // A state edited by hand: its status now is left out, the check's history still shown.
    await target.put(stateKey('ログイン / search'), JSON.stringify({ check: 'ログイン / search', lastStatus: { ok: true } }), { contentType: 'application/json' });

    const out = join(scratch, 'broken.html');
    const run = await runCli(['dashboard', '--days', String(DAYS), '--out', out], { cwd: scratch, env });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toContain(`${key}: its day is missing: ${first.day} by its key; 2 malformed runs left out (run 1 is null; run 2 has no run id)`);
    expect(run.stderr).toMatch(/broken site: 1 run dated in the future left out \(the latest at .+, now is .+\)/);
    expect(run.stderr).toContain(`${stateKey('ログイン / search')} is malformed (lastStatus is not passed, degraded or failed): its status now is left out`);
    expect(run.stdout).toContain(`Dashboard of 3 checks over ${DAYS} days`);
    const page = await open(out);
    expect(page.errors).toEqual([]);
    for (const c of checks) expect(page.text).toContain(c.name);
  });
});

describe('npm run dashboard on the history real runs wrote', () => {
  let site: FixtureSite;
  beforeAll(async () => { site = await startFixtureSite(); });
  afterAll(() => site?.close());

  it('shows each check that `npm run check` ran, with its stored screenshot', async () => {
    const env = { ...s3.env, MIMAMORI_S3_PREFIX: 'real/', BASE_URL: site.url };
    const files = ['home', 'broken-site'].map((f) => join(ROOT, `test/fixtures/checks/${f}.check.ts`));
    for (let k = 0; k < 2; k++) {
      const checked = await runCli([...files, '--out', join(scratch, 'real-out'), '--shared-state', '--no-slack'], { cwd: scratch, env });
      expect(checked.code, checked.stdout + checked.stderr).toBe(1);
    }
    const out = join(scratch, 'real.html');
    const run = await runCli(['dashboard', '--out', out], { cwd: scratch, env });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain(`Dashboard of 2 checks over 30 days (4 runs) from s3://${s3.bucket}/real/`);
    const page = await open(out);
    expect(page.errors).toEqual([]);
    expect(page.text).toContain('home');
    expect(page.text).toContain('broken site');
    // Both checks' pictures load: the history names keys that exist, and the links to them work.
    expect(page.loaded.filter((src) => src.includes('/real/runs/home/')).length).toBeGreaterThan(0);
    expect(page.loaded.filter((src) => src.includes('/real/runs/broken%2520site/')).length).toBeGreaterThan(0);
    expect(page.broken).toEqual([]);
  });
});
