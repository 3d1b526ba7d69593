// `npm run digest -- [--out file] [--no-slack]`: the daily picture, now — every check's latest screenshot, status, 24-h
// uptime and sparkline in one PNG, from the same store as the dashboard (S3 when configured, else the local folder),
// and the one-line summary; posted to Slack when SLACK_BOT_TOKEN is set. The deployed stack posts the same picture
// once a day at the config's `digest.at` (src/lambda/run-digest.ts).
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig } from '../check/load.ts';
import { stopCompiler } from '../check/import-ts.ts';
import { displayPath } from '../check/display-path.ts';
import { historyStore } from '../store/settings.ts';
import { writeAside } from '../store/write-aside.ts';
import { launchBrowser } from '../runner/browser.ts';
import { renderPage } from '../runner/render-page.ts';
import { formatMs, plural } from '../result/format.ts';
import { readDigest } from '../history/digest-source.ts';
import { digestPicture } from '../render/digest-page.ts';
import { shownChecks } from '../render/digest-board.ts';
import { localDate } from '../render/time.ts';
import { postDigest } from '../notify/digest-post.ts';
import { slackSettings } from '../notify/slack-client.ts';
import { countRequests, formatCount } from './dashboard.ts';

export const DIGEST_USAGE = `Usage: mimamori digest [--out file] [--no-slack] [--results dir] [--config file]

Renders the daily picture: a grid of every check's latest screenshot with its status, 24-h uptime and a sparkline of
its hourly response time, and a one-line summary ("12 checks, all passing; 1 incident yesterday, resolved in 14 min").
Above 24 checks: what is not passing first (at most 12 cards), then one tile per tag, worst first. Built
from the history in S3 when MIMAMORI_S3_BUCKET (or s3.bucket in the config) is set, else in the local results folder.
Posts it to Slack when SLACK_BOT_TOKEN is set (channel: SLACK_CHANNEL or slack.channel). Times are shown in
digest.timeZone, else slack.timeZone (default UTC). Deployed, the stack posts it every day at digest.at.

Options:
  --out <file>      where the PNG goes (default mimamori-results/digest.png)
  --no-slack        render only, even with a Slack token
  --results <dir>   the local results folder read when no bucket is set (default mimamori-results)
  --config <file>   config file (default: mimamori.config.ts)
  -h, --help        show this help`;

/** The zone the digest speaks in: its own, else Slack's, else UTC. */
export const digestTimeZone = (config: { digest?: { timeZone?: string }; slack?: { timeZone?: string } }) =>
  config.digest?.timeZone ?? config.slack?.timeZone ?? 'UTC';

/** A PNG of `html` at `size` from a Chromium of its own (launched for this one picture, closed after). */
export async function renderLocally(html: string, size: { width: number; height: number }): Promise<Buffer> {
  const browser = await launchBrowser();
  try {
    return await renderPage(browser, html, size, { timeoutMs: 30_000, readyMs: 10_000 });
  } finally {
    await browser.close();
  }
}

export async function digestMain(argv: string[]): Promise<number> {
  const started = Date.now();
  let values;
  try {
    ({ values } = parseArgs({
      args: argv, strict: true, allowPositionals: false,
      options: {
        out: { type: 'string' }, 'no-slack': { type: 'boolean' }, results: { type: 'string' }, config: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n\n${DIGEST_USAGE}\n`);
    return 2;
  }
  if (values.help) return process.stdout.write(`${DIGEST_USAGE}\n`), 0;
  for (const flag of ['out', 'results', 'config'] as const) {
    if (values[flag] === '') return process.stderr.write(`--${flag} needs a path\n\n${DIGEST_USAGE}\n`), 2;
  }
  const resultsDir = values.results ?? 'mimamori-results';
  const out = resolve(values.out ?? join(resultsDir, 'digest.png'));
  const { config, problems } = await loadConfig(process.cwd(), values.config);
  await stopCompiler();
  for (const p of problems) process.stderr.write(`${p.file}${p.field ? ` › ${p.field}` : ''}: ${p.message}\n`);
  const timeZone = digestTimeZone(config);
  const warn = (message: string) => process.stderr.write(`${message}\n`);
  try {
    const { store, count } = countRequests(await historyStore(config, resultsDir));
    const now = Date.now();
    const source = await readDigest(store, { now, timeZone, warn, shown: shownChecks });
    const digest = { data: source.data, ...digestPicture(source) };
    const png = await renderLocally(digest.html, digest.size);
    await writeAside(out, png);
    process.stdout.write(
      `${digest.summary}\n`
      + `Daily picture of ${plural(digest.data.checks.length, 'check')} from ${store.location}\n`
      + `  written to ${displayPath(out)} (${digest.size.width}×${digest.size.height}, ${Math.round(png.length / 1024)} KB) in ${formatMs(Date.now() - started)}\n`
      + `  ${formatCount(count)}\n`,
    );
    const slack = values['no-slack'] ? undefined : slackSettings(config);
    if (slack) {
      const posted = await postDigest(slack, png, digest.summary, { date: localDate(now, timeZone) });
      process.stdout.write(`  posted to Slack (${posted.channel})\n`);
    }
    return 0;
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n`);
    return 3;
  }
}
