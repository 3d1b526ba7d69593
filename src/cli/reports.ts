// Writes the run's reports to the out folder: results.json, report.html (+ --json, --junit).
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import type { RunResult } from '../result/types.ts';
import { resultsJson } from '../result/serialize.ts';
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

/** The run's own files on top of the out folder: results.json, report.html and the optional --json and --junit. */
export async function writeReports(run: RunResult, options: { out: string; json?: string; junit?: string }): Promise<ArtifactPaths> {
  const out = resolve(options.out);
  const json = resultsJson(run);
  const paths: ArtifactPaths = { out, report: join(out, 'report.html'), results: join(out, 'results.json') };
  const files: [string, string][] = [[paths.results, json], [paths.report, renderHtmlReport(run, { out })]];
  if (options.json) files.push([(paths.json = resolve(options.json)), json]);
  if (options.junit) files.push([(paths.junit = resolve(options.junit)), renderJUnit(run)]);
  await Promise.all(files.map(([path, data]) => write(path, data)));
  return paths;
}
