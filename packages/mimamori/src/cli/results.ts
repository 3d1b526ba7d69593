// `npm run results -- [check] [--limit n]`: recent runs from whichever store is configured, with their links.
import { parseArgs } from 'node:util';
import { loadConfig } from '../check/load.ts';
import { stopCompiler } from '../check/import-ts.ts';
import { historyStore } from '../store/settings.ts';
import { recentRuns, type RunSummary } from '../store/history.ts';
import { displayPath } from '../check/display-path.ts';
import { formatMs, statusIcon } from './format.ts';
import { printable } from '../result/printable.ts';
import { quietLabel } from '../render/quiet-words.ts';

export const RESULTS_USAGE = `Usage: mimamori results [check name] [--limit n] [--out dir] [--json]

Recent runs, newest first, from S3 when MIMAMORI_S3_BUCKET (or s3.bucket in the config) is set, else from the
local out folder (default mimamori-results).`;

/** Local paths read better relative to where the user stands; URLs stay as they are. */
const show = (url: string) => (/^https?:/.test(url) ? url : displayPath(url));

function block(run: RunSummary): string {
  const when = run.startedAt ? new Date(run.startedAt).toISOString().replace('T', ' ').replace(/\.\d+Z$/, 'Z') : '?';
  // A run in quiet time says so beside its status: `✗ failed (muted (checkout) by aki: DB restart)`.
  const quiet = run.quiet ? ` (${quietLabel(run.quiet)})` : '';
  const status = run.status === 'unreadable' ? '? unreadable' : `${statusIcon(run.status)} ${run.status}${quiet}`;
  const lines = [`${when}  ${printable(run.check)}  ${status}  ${run.durationMs === undefined ? '' : formatMs(run.durationMs)}  ${run.runId}`];
  if (run.error) lines.push(`  error:      ${run.failingStep ? `in "${printable(run.failingStep)}": ` : ''}${printable(run.error)}`);
  lines.push(`  result:     ${show(run.result.url)}`);
  if (run.screenshot) lines.push(`  screenshot: ${show(run.screenshot.url)}`);
  if (run.result.consoleUrl) lines.push(`  console:    ${run.result.consoleUrl}`);
  return lines.join('\n');
}

export async function resultsMain(argv: string[]): Promise<number> {
  let values;
  let positionals;
  try {
    ({ values, positionals } = parseArgs({
      args: argv, allowPositionals: true, strict: true,
      options: { limit: { type: 'string' }, out: { type: 'string' }, json: { type: 'boolean' }, config: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
    }));
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n\n${RESULTS_USAGE}\n`);
    return 2;
  }
  if (values.help) return process.stdout.write(`${RESULTS_USAGE}\n`), 0;
  const limit = values.limit === undefined ? 10 : Number(values.limit);
  if (!Number.isInteger(limit) || limit < 1 || limit > 1000 || positionals.length > 1) {
    process.stderr.write(`${positionals.length > 1 ? 'Name one check at most' : `--limit must be a whole number from 1 to 1000, got '${values.limit}'`}\n\n${RESULTS_USAGE}\n`);
    return 2;
  }
  const { config, problems } = await loadConfig(process.cwd(), values.config);
  await stopCompiler();
  for (const p of problems) process.stderr.write(`${p.file}${p.field ? ` › ${p.field}` : ''}: ${p.message}\n`);
  try {
    const store = await historyStore(config, values.out ?? 'mimamori-results');
    const runs = await recentRuns(store, positionals[0], limit);
    if (values.json) process.stdout.write(`${JSON.stringify({ store: store.location, runs }, null, 2)}\n`);
    else if (runs.length === 0) process.stdout.write(`No runs${positionals[0] ? ` of "${positionals[0]}"` : ''} in ${store.location}\n`);
    else process.stdout.write(`Recent runs in ${store.location}\n\n${runs.map(block).join('\n\n')}\n`);
    return 0;
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n`);
    return 3;
  }
}
