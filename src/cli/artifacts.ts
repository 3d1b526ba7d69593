// Writes a run's artifacts to the out folder: PNG screenshots per check, results.json, report.html (+ --json, --junit).
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import type { RunResult } from '../result/types.ts';
import { resultsJson } from '../result/serialize.ts';
import { slug } from '../runner/screenshots.ts';
import { renderHtmlReport } from './report-html.ts';
import { renderJUnit } from './junit.ts';

export interface ArtifactPaths {
  out: string;
  report: string;
  results: string;
  json?: string;
  junit?: string;
}

/** Only what a run writes is removed, never the folder itself: `--out .` must not wipe a project. */
export async function clearOut(out: string): Promise<void> {
  await Promise.all(['screenshots', 'report.html', 'results.json'].map((f) => rm(join(out, f), { recursive: true, force: true })));
}

/** A folder per check, named for humans; a `-2` suffix when two names make the same slug. */
function checkFolders(names: string[]): string[] {
  const used = new Set<string>();
  return names.map((name) => {
    let folder = slug(name, 60);
    for (let n = 2; used.has(folder); n++) folder = `${slug(name, 60)}-${n}`;
    used.add(folder);
    return folder;
  });
}

async function write(path: string, data: string | Buffer): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, data);
}

/** Sets each screenshot's `path` (relative to the out folder) and writes everything, screenshots concurrently. */
export async function writeArtifacts(run: RunResult, options: { out: string; json?: string; junit?: string }): Promise<ArtifactPaths> {
  const out = resolve(options.out);
  const folders = checkFolders(run.results.map((r) => r.name));
  const writes: Promise<void>[] = [];
  run.results.forEach((result, i) => {
    for (const shot of result.screenshots) {
      shot.path = `screenshots/${folders[i]}/${shot.file}`;
      if (shot.bytes) writes.push(write(join(out, shot.path), shot.bytes));
    }
  });
  await Promise.all(writes);

  const json = resultsJson(run);
  const paths: ArtifactPaths = { out, report: join(out, 'report.html'), results: join(out, 'results.json') };
  const files: [string, string][] = [[paths.results, json], [paths.report, renderHtmlReport(run)]];
  if (options.json) files.push([(paths.json = resolve(options.json)), json]);
  if (options.junit) files.push([(paths.junit = resolve(options.junit)), renderJUnit(run)]);
  await Promise.all(files.map(([path, data]) => write(path, data)));
  return paths;
}
