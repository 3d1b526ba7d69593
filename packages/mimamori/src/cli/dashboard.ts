// `npm run dashboard -- [--out file] [--days n] [--check name]…`: one self-contained HTML file of every check's uptime,
// incidents and response times, from the compact day history in whichever store is configured (S3, else the local
// out folder) — about one listing per check per month and one read per check-day, never every result.json; past
// --detail checks, every check's row from its summary (three reads a check) and only the first few read whole.
import { dirname, join, relative, resolve, sep } from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig } from '../check/load.ts';
import { stopCompiler } from '../check/import-ts.ts';
import { displayPath } from '../check/display-path.ts';
import { historyStore } from '../store/settings.ts';
import { writeAside } from '../store/write-aside.ts';
import { S3Store } from '../store/s3-store.ts';
import type { Store } from '../store/store.ts';
import { formatMs, plural } from '../result/format.ts';
import { buildDashboard, type DashboardData } from '../history/dashboard-data.ts';
import { readDashboard } from '../history/read-history.ts';
import { renderDashboard, storeKeyUrl } from '../render/dashboard-html.ts';

/** Checks a dashboard details by default: a small project's page is every check in full, as it always was. */
export const DEFAULT_DETAIL = 24;

export const DASHBOARD_USAGE = `Usage: mimamori dashboard [--out file] [--days n] [--check name]… [--tag tag]… [--detail n] [--results dir] [--config file]

Writes one self-contained HTML page of every check (or of each --check named): status now, uptime over 24 h, 7 days
and 30 days, incidents, response times per hour (p50 and p95, journey and steps) and the latest screenshots, from the
compact history in S3 when MIMAMORI_S3_BUCKET (or s3.bucket in the config) is set, else in the local results folder.
Times are shown in slack.timeZone from the config (default UTC).

With more checks than --detail, the overview lists every check — what is not passing first — from each check's
summary of its finished days, and only the first --detail checks get charts, incidents and screenshots: name the
others with --check or --tag to see theirs.

Options:
  --out <file>      where the page goes (default mimamori-results/dashboard.html)
  --days <n>        how many days back (default 30, at most 400)
  --check <name>    only this check (repeatable)
  --tag <tag>       only checks with this tag (repeatable: any of them)
  --detail <n>      checks shown in detail, at most (default ${DEFAULT_DETAIL}; 0: the overview alone)
  --results <dir>   the local results folder read when no bucket is set (default mimamori-results)
  --config <file>   config file (default: mimamori.config.ts)
  -h, --help        show this help

Screenshot links in the page are presigned when the history is in S3: they stop working when the links expire
(MIMAMORI_LINK_EXPIRY, at most 7 days, or earlier with temporary credentials). Locally they are paths relative to the page.`;


/** Requests made, by kind: S3 HTTP requests by API (retries and listing pages each count), or local store calls. */
export interface RequestCount {
  label: string;
  byKind: Map<string, number>;
}

export const total = (count: RequestCount) => [...count.byKind.values()].reduce((a, b) => a + b, 0);

/**
 * Counts what the dashboard costs: on S3 every HTTP request the client sends (a middleware placed just before the
 * request goes out, so each retry and each page of a listing counts, and presigning — local signing, no request — does
 * not); on a local folder, each store call.
 */
export function countRequests(store: Store): { store: Store; count: RequestCount } {
  const byKind = new Map<string, number>();
  const add = (kind: string) => byKind.set(kind, (byKind.get(kind) ?? 0) + 1);
  if (store instanceof S3Store) {
    store.client.middlewareStack.add(
      (next, context) => async (args) => {
        add(String(context.commandName ?? 'request').replace(/Command$/, ''));
        return next(args);
      },
      { step: 'deserialize', name: 'mimamoriRequestCount', override: true },
    );
    return { store, count: { label: 'S3 requests', byKind } };
  }
  const counted: Store = {
    kind: store.kind,
    location: store.location,
    put: (key, body, options) => (add('put'), store.put(key, body, options)),
    get: (key, options) => (add('get'), store.get(key, options)),
    getVersioned: (key, options) => (add('get'), store.getVersioned(key, options)),
    list: (prefix, options) => (add('list'), store.list(prefix, options)),
    link: (key, options) => store.link(key, options),
  };
  return { store: counted, count: { label: 'store reads', byKind } };
}

export const formatCount = (count: RequestCount) =>
  `${count.label}: ${total(count)}${count.byKind.size ? ` (${[...count.byKind].sort(([a], [b]) => a.localeCompare(b)).map(([k, n]) => `${k} ${n}`).join(', ')})` : ''}`;

/** A store key as a URL relative to the page: each path segment encoded (check folders hold `%` themselves). */
function relativeLink(page: string, storeFolder: string, key: string): string {
  return storeKeyUrl(relative(dirname(page), join(storeFolder, ...key.split('/'))).split(sep).join('/'));
}

/** The data with every link (built as the store key) replaced by its URL. */
function relink(data: DashboardData, url: Map<string, string>): DashboardData {
  const of = (key: string) => url.get(key) ?? key;
  for (const check of data.checks) {
    if (check.latestShot) check.latestShot = of(check.latestShot);
    for (const s of check.strip) s.url = of(s.url);
    for (const i of check.incidents) if (i.evidence) i.evidence = of(i.evidence);
  }
  return data;
}

export async function dashboardMain(argv: string[]): Promise<number> {
  const started = Date.now();
  let values;
  try {
    ({ values } = parseArgs({
      args: argv, strict: true, allowPositionals: false,
      options: {
        out: { type: 'string' }, days: { type: 'string' }, check: { type: 'string', multiple: true },
        tag: { type: 'string', multiple: true }, detail: { type: 'string' },
        results: { type: 'string' }, config: { type: 'string' }, help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n\n${DASHBOARD_USAGE}\n`);
    return 2;
  }
  if (values.help) return process.stdout.write(`${DASHBOARD_USAGE}\n`), 0;
  const days = values.days === undefined ? 30 : Number(values.days);
  const usage = (message: string) => (process.stderr.write(`${message}\n\n${DASHBOARD_USAGE}\n`), 2);
  if (!Number.isInteger(days) || days < 1 || days > 400) return usage(`--days must be a whole number from 1 to 400, got '${values.days}'`);
  for (const flag of ['out', 'results', 'config'] as const) if (values[flag] === '') return usage(`--${flag} needs a path`);
  if (values.check?.some((c) => c.trim() === '')) return usage('--check needs a check name');
  if (values.tag?.some((t) => t.trim() === '')) return usage('--tag needs a tag');
  const detail = values.detail === undefined ? DEFAULT_DETAIL : Number(values.detail);
  if (!/^\d+$/.test(values.detail ?? '0') || detail > 10_000) return usage(`--detail must be a whole number from 0 to 10000, got '${values.detail}'`);
  const resultsDir = values.results ?? 'mimamori-results';
  const out = resolve(values.out ?? join(resultsDir, 'dashboard.html'));

  const { config, problems } = await loadConfig(process.cwd(), values.config);
  await stopCompiler();
  for (const p of problems) process.stderr.write(`${p.file}${p.field ? ` › ${p.field}` : ''}: ${p.message}\n`);
  const timeZone = config.slack?.timeZone ?? 'UTC';
  const warn = (message: string) => process.stderr.write(`${message}\n`);
  try {
    const { store, count } = countRequests(await historyStore(config, resultsDir));
    const now = Date.now();
    const read = await readDashboard(store, { now, days, checks: values.check, tags: values.tag, detail, warn });
    const sources = read.detailed;

    // Links are built as store keys first, then made URLs: presigned in S3 (signing is local: no requests), relative
    // paths from the page locally.
    const data = buildDashboard({ checks: sources, overview: read.overview, filteredOut: read.filteredOut, now, timeZone, days, links: (key) => key, warn });
    const keys = new Set(data.checks.flatMap((c) => [...c.strip.map((s) => s.url), ...c.incidents.flatMap((i) => (i.evidence ? [i.evidence] : []))]));
    const urls = new Map<string, string>();
    await Promise.all([...keys].map(async (key) => {
      urls.set(key, store.kind === 's3' ? (await store.link(key)).url : relativeLink(out, store.location, key));
    }));
    const html = renderDashboard(relink(data, urls));
    // Written aside and renamed, so a browser reloading the page never reads half of it.
    await writeAside(out, html);
    const runs = sources.reduce((n, s) => n + s.days.reduce((m, d) => m + d.runs.length, 0), 0);
    const rowsOnly = read.overview.length;
    process.stdout.write(
      `Dashboard of ${plural(data.checks.length, 'check')} over ${plural(days, 'day')} (${runs} runs${rowsOnly ? ` of the ${sources.length} detailed; ${rowsOnly} in the overview only` : ''}) from ${store.location}\n` +
        `  written to ${displayPath(out)} (${Math.round(Buffer.byteLength(html) / 1024)} KB) in ${formatMs(Date.now() - started)}\n` +
        `  ${formatCount(count)}\n`,
    );
    if (data.checks.length === 0 && !data.filteredOut) warn(`No check has history in ${store.location} yet: runs write it as they happen.`);
    return 0;
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n`);
    return 3;
  }
}
