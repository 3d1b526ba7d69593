// Quiet time where it shows: a run's line in its day of history keeps the window or mute it ran in (so the views show
// it after the mute has left the store), the dashboard shades consecutive quiet runs as one band and leaves paused
// time out of uptime (saying so), the digest says what was muted, and the HTML report says `muted` beside a status.
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LocalStore } from '../../src/store/local-store.ts';
import { appendRun, historyDayKey, historyRunOf, readDays, type HistoryDay, type HistoryRun } from '../../src/store/history-days.ts';
import { buildDashboard, type DashboardSource } from '../../src/history/dashboard-data.ts';
import { renderDashboard } from '../../src/render/dashboard-html.ts';
import { digestPicture } from '../../src/render/digest-page.ts';
import { renderHtmlReport } from '../../src/render/report-html.ts';
import type { CheckResult } from '../../src/result/types.ts';
import type { Quiet } from '../../src/maintenance/quiet.ts';
import { sampleRun } from './fixtures/run-result.ts';

const MIN = 60_000;
const HOUR = 60 * MIN;
const at = (iso: string) => Date.parse(iso);
const NOW = at('2026-12-06T10:00:00Z');
const MUTE: Quiet = { mode: 'silence', source: 'mute', name: 'checkout', by: 'aki', reason: 'DB restart', since: at('2026-12-06T00:10:00Z'), until: at('2026-12-06T00:40:00Z') };
const PAUSE: Quiet = { mode: 'pause', source: 'maintenance', name: 'deploy', since: at('2026-12-06T03:00:00Z'), until: at('2026-12-06T05:00:00Z') };

function result(startedAt: number, status: CheckResult['status'], quiet?: Quiet): CheckResult {
  const r = sampleRun().results[0]!;
  return { ...r, name: 'checkout', status, startedAt, durationMs: 800, steps: [], screenshots: [], ...(status === 'failed' ? { error: { class: 'assertion', message: 'boom' } } : { error: undefined }), ...(quiet && { quiet }) } as CheckResult;
}
const id = (t: number) => `${new Date(t).toISOString().replace(/[-:]|\.\d+/g, '')}-aaaaaa`;

/** Runs every 10 minutes from 00:00 to 10:00 UTC: muted 00:10–00:40 (failing), paused 03:00–05:00 (local runs), else passing. */
function runs(): HistoryRun[] {
  const out: HistoryRun[] = [];
  for (let t = at('2026-12-06T00:00:00Z'); t < NOW; t += 10 * MIN) {
    const muted = t >= MUTE.since && t < MUTE.until;
    const paused = t >= PAUSE.since && t < PAUSE.until;
    out.push(historyRunOf(result(t, muted ? 'failed' : 'passed', muted ? MUTE : paused ? PAUSE : undefined), id(t)));
  }
  return out;
}
const source = (list = runs()): DashboardSource => ({ name: 'checkout', days: [{ v: 1, check: 'checkout', day: '2026-12-06', steps: [], runs: list }] });
const dashboard = (list?: HistoryRun[]) => buildDashboard({ checks: [source(list)], now: NOW, timeZone: 'Asia/Tokyo', days: 1, links: (k) => k });

describe('a run\'s quiet time in its day of history', () => {
  it('is kept compactly, written and read back through the store, and an old day without it still reads', async () => {
    const store = new LocalStore(await mkdtemp(join(tmpdir(), 'mimamori-quiet-history-')));
    const t = at('2026-12-06T00:20:00Z');
    const run = historyRunOf(result(t, 'failed', MUTE), id(t));
    expect(run.q).toEqual({ m: 's', k: 'm', n: 'checkout', from: MUTE.since, to: MUTE.until, by: 'aki', r: 'DB restart' });
    await appendRun(store, { check: 'checkout', run, steps: [] });
    // A day written before quiet time existed: its runs have no q, and it reads as before.
    const old: HistoryDay = { v: 1, check: 'checkout', day: '2026-12-05', steps: [], runs: [{ t: at('2026-12-05T09:00:00Z'), id: 'old', s: 'p', ms: 700 }] };
    await store.put(historyDayKey('checkout', old.runs[0]!.t), JSON.stringify(old), { contentType: 'application/json' });
    const days = await readDays(store, 'checkout', '2026-12-05', '2026-12-06');
    expect(days.map((d) => d.runs)).toEqual([old.runs, [run]]);
    expect(historyRunOf(result(t, 'passed'), 'x').q).toBeUndefined();
  });

  it('leaves out a broken quiet mark (a hand edit) and keeps the run', async () => {
    const store = new LocalStore(await mkdtemp(join(tmpdir(), 'mimamori-quiet-history-')));
    const t = at('2026-12-06T00:20:00Z');
    await store.put(historyDayKey('checkout', t), JSON.stringify({ v: 1, check: 'checkout', day: '2026-12-06', steps: [], runs: [{ t, id: 'a', s: 'f', ms: 1, q: { m: 'x', n: 3 } }] }), { contentType: 'application/json' });
    const [day] = await readDays(store, 'checkout', t, t);
    expect(day!.runs).toEqual([{ t, id: 'a', s: 'f', ms: 1 }]);
  });
});

describe('the dashboard in quiet time', () => {
  it('makes one band of consecutive quiet runs, named, reaching from when the quiet began to when it ended', () => {
    const [check] = dashboard().checks;
    expect(check!.quiet).toEqual([
      { mode: 'silence', source: 'mute', name: 'checkout', by: 'aki', reason: 'DB restart', start: MUTE.since, end: MUTE.until },
      { mode: 'pause', source: 'maintenance', name: 'deploy', start: PAUSE.since, end: PAUSE.until },
    ]);
  });

  it('ends a band at the next run outside it when the mute ended early (unmuted)', () => {
    const list = runs().filter((r) => r.t < at('2026-12-06T00:30:00Z') || !r.q || r.q.k !== 'm');
    const [check] = dashboard(list).checks;
    expect(check!.quiet![0]).toMatchObject({ start: MUTE.since, end: at('2026-12-06T00:40:00Z') });
    const cut = runs().map((r) => (r.t === at('2026-12-06T00:30:00Z') ? { ...r, q: undefined, s: 'p' as const } : r));
    expect(dashboard(cut).checks[0]!.quiet![0]).toMatchObject({ start: MUTE.since, end: at('2026-12-06T00:30:00Z') });
  });

  it('leaves paused runs out of uptime and says how long, and counts failures while muted as down', () => {
    const [check] = dashboard().checks;
    // 60 runs: 12 paused left out; of the 48 counted, the 3 muted failures are down (the site was down).
    expect(check!.uptime.h24).toBeCloseTo((45 / 48) * 100, 6);
    expect(check!.paused).toEqual({ h24: 2 * HOUR, d7: 0, d30: 0 });
    const page = renderDashboard(dashboard());
    expect(page).toContain('93.75%<br><small class="muted paused">(paused 2 h excluded)</small>');
    expect(page).toContain('Failures while muted or in a silence window count as down');
  });

  it('shades the bands on the chart and lists them with their names; an incident in quiet time says so', () => {
    const data = dashboard();
    data.checks[0]!.incidents = [{ start: at('2026-12-06T00:05:00Z'), end: at('2026-12-06T00:50:00Z') }];
    const page = renderDashboard(data);
    const block = JSON.parse(/<script type="application\/json" id="dashboard-data">(.*?)<\/script>/s.exec(page)![1]!);
    const chart = block.charts.find((c: { kind: string }) => c.kind === 'time');
    expect(chart.bands).toEqual([
      { from: MUTE.since / 1000, to: MUTE.until / 1000, kind: 'mute', label: 'muted (checkout) by aki: DB restart' },
      { from: PAUSE.since / 1000, to: PAUSE.until / 1000, kind: 'maintenance', label: 'in maintenance window "deploy" (paused)' },
    ]);
    expect(page).toMatch(/<li class="quiet-band mute" data-mode="silence"><i><\/i>muted \(checkout\) by aki: DB restart · <time[^>]*>12-06 09:10<\/time> – <time[^>]*>12-06 09:40<\/time><\/li>/);
    expect(page).toContain('<small class="quiet-note">muted (checkout) by aki: DB restart during it</small>');
  });

  it('leaves a check without quiet time as it was: no bands, no note', () => {
    const plain = runs().map(({ q: _q, ...r }) => ({ ...r, s: 'p' as const }));
    const [check] = dashboard(plain).checks;
    expect(check!.quiet).toBeUndefined();
    expect(check!.paused).toBeUndefined();
    expect(check!.uptime.h24).toBe(100);
  });
});

describe('the digest in quiet time', () => {
  it('says what was muted or in maintenance in the last 24 hours, one line per mute or window, under the summary', () => {
    const data = dashboard();
    const other = { ...data.checks[0]!, name: 'search', quiet: [data.checks[0]!.quiet![1]!] };
    const picture = digestPicture({ data: { ...data, checks: [...data.checks, other] }, shots: new Map() });
    const [, ...lines] = picture.summary.split('\n');
    expect(lines).toEqual([
      'checkout: muted 09:10–09:40 by aki (DB restart)',
      'checkout, search: in maintenance window "deploy" 12:00–14:00 (paused)',
    ]);
    expect(picture.html).toContain('<div class="quiet">checkout: muted 09:10–09:40 by aki (DB restart)</div>');
    const quietFree = digestPicture({ data: { ...data, checks: [{ ...data.checks[0]!, quiet: undefined }] }, shots: new Map() });
    expect(quietFree.summary).not.toContain('\n');
    expect(picture.size.height).toBeGreaterThan(quietFree.size.height);
  });
});

describe('the HTML report in quiet time', () => {
  it('says muted / in maintenance with the name beside the status', () => {
    const run = sampleRun();
    run.results[0]!.quiet = MUTE;
    run.results[1]!.quiet = PAUSE;
    const page = renderHtmlReport(run);
    expect(page).toContain('<span class="quiet" data-quiet="mute" title="muted (checkout) by aki: DB restart">muted (checkout) by aki: DB restart</span>');
    expect(page).toContain('in maintenance window &quot;deploy&quot; (paused)</span>');
    expect(page.match(/class="quiet"/g)).toHaveLength(4); // the overview row and the section header of each
  });
});
