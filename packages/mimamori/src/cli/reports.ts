// Writes the run's reports to the out folder: results.json, report.html (+ --json, --junit). Each is written aside and
// renamed; one that cannot be written (a full disk) is reported, not thrown, and leaves the previous file whole.
import { join, resolve } from 'node:path';
import type { RunResult } from '../result/types.ts';
import { resultsJson } from '../result/serialize.ts';
import { renderHtmlReport } from '../render/report-html.ts';
import { renderJUnit } from './junit.ts';
import { writeAside, type WriteFs } from '../store/write-aside.ts';

export interface ArtifactPaths {
  out: string;
  report: string;
  results: string;
  json?: string;
  junit?: string;
}

export interface WrittenReports {
  paths: ArtifactPaths;
  /** The files not written (the previous ones are unchanged), with why. */
  failed: { path: string; error: Error }[];
}

/** The run's own files on top of the out folder: results.json, report.html and the optional --json and --junit. */
export async function writeReports(run: RunResult, options: { out: string; json?: string; junit?: string }, fs?: WriteFs): Promise<WrittenReports> {
  const out = resolve(options.out);
  const json = resultsJson(run);
  const paths: ArtifactPaths = { out, report: join(out, 'report.html'), results: join(out, 'results.json') };
  const files: [string, string][] = [[paths.results, json], [paths.report, renderHtmlReport(run, { out })]];
  if (options.json) files.push([(paths.json = resolve(options.json)), json]);
  if (options.junit) files.push([(paths.junit = resolve(options.junit)), renderJUnit(run)]);
  // Each on its own: a --junit file on another disk is still written when the out folder's disk is full.
  const settled = await Promise.allSettled(files.map(([path, data]) => writeAside(path, data, fs)));
  const failed = settled.flatMap((s, i) => (s.status === 'rejected' ? [{ path: files[i]![0], error: s.reason as Error }] : []));
  return { paths, failed };
}

/** One line per distinct error: "could not write a, b (ENOSPC: no space left on device, write) — …". */
export function reportsNotWritten(failed: WrittenReports['failed'], show: (path: string) => string): string[] {
  const byError = new Map<string, string[]>();
  for (const { path, error } of failed) byError.set(error.message, [...(byError.get(error.message) ?? []), show(path)]);
  return [...byError].map(([message, paths]) =>
    `mimamori: could not write ${paths.join(', ')} (${message}); any earlier ${paths.length === 1 ? 'copy is' : 'copies are'} left as ${paths.length === 1 ? 'it was' : 'they were'}`);
}
