// Writes a run's artifacts: each check's evidence through the stores, then results.json, report.html (+ --json, --junit).
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import type { RunResult } from '../result/types.ts';
import { resultsJson } from '../result/serialize.ts';
import { LocalStore } from '../store/local-store.ts';
import { saveCheckRun } from '../store/save-run.ts';
import type { Store } from '../store/store.ts';
import { renderHtmlReport } from './report-html.ts';
import { renderJUnit } from './junit.ts';

export interface ArtifactPaths {
  out: string;
  report: string;
  results: string;
  json?: string;
  junit?: string;
}

async function write(path: string, data: string): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, data);
}

/**
 * Stores every check's evidence (local copy, then S3 when configured) concurrently, then writes the run's
 * results.json, report.html and the optional --json and --junit files.
 */
export async function writeArtifacts(run: RunResult, options: { out: string; json?: string; junit?: string; remote?: Store }): Promise<ArtifactPaths> {
  const out = resolve(options.out);
  const stores = { local: new LocalStore(out), remote: options.remote };
  await Promise.all(run.results.map((result) => saveCheckRun(stores, result, run.runId)));

  const json = resultsJson(run);
  const paths: ArtifactPaths = { out, report: join(out, 'report.html'), results: join(out, 'results.json') };
  const files: [string, string][] = [[paths.results, json], [paths.report, renderHtmlReport(run)]];
  if (options.json) files.push([(paths.json = resolve(options.json)), json]);
  if (options.junit) files.push([(paths.junit = resolve(options.junit)), renderJUnit(run)]);
  await Promise.all(files.map(([path, data]) => write(path, data)));
  return paths;
}
