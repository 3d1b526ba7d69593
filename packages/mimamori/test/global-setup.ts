// The run's own temporary folder, and the bundled Chromium inflated into it once before any test file runs.
// - Every temporary file of the run — test projects, builds, fresh Lambda /tmp folders with their 200 MB Chromium —
//   goes under one folder (TMPDIR, which the test workers and every process they start inherit), removed when the run
//   ends: without it each full run left about 3 GB behind in /tmp, and a machine running the suite often filled up.
// - dist/ (what the CLI, check files and the Lambda build run) is rebuilt when src/ changed, once, before any test.
// - On a fresh machine, test files (and the CLI processes they start) would otherwise race to inflate Chromium, and one
//   could launch a half-written binary.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findChromium } from '../src/runner/browser.ts';
// @ts-expect-error plain JavaScript module without types
import { ensureDist } from '../scripts/dist.mjs';

export default async function setup(): Promise<() => void> {
  const runTmp = mkdtempSync(join(tmpdir(), 'mimamori-test-run-'));
  process.env.TMPDIR = runTmp;
  await ensureDist();
  await findChromium();
  return () => rmSync(runTmp, { recursive: true, force: true });
}
