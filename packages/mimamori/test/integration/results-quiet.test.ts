// `mimamori results` through the built CLI: a run in quiet time says `muted` / `in maintenance` (with the name) beside
// its status, read from the run's result.json in the local out folder.
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LocalStore } from '../../src/store/local-store.ts';
import { RESULT_FILE, runFolder } from '../../src/store/layout.ts';
import type { CheckResult } from '../../src/result/types.ts';
import { runCli } from '../helpers/cli.ts';
import { sampleRun } from '../unit/fixtures/run-result.ts';

describe('mimamori results in quiet time', () => {
  it('says muted or in maintenance, with the name, beside the status', async () => {
    const scratch = await mkdtemp(join(tmpdir(), 'mimamori-results-quiet-'));
    const out = join(scratch, 'out');
    const store = new LocalStore(out);
    const put = async (r: CheckResult, runId: string) => store.put(runFolder(r.name, runId, r.startedAt) + RESULT_FILE, JSON.stringify(r), { contentType: 'application/json' });
    const base = sampleRun().results[0]!;
    const t = Date.parse('2026-12-06T00:20:00Z');
    await put({ ...base, name: 'checkout', status: 'failed', startedAt: t, screenshots: [], error: { name: 'Error', class: 'assertion', message: 'boom' },
      quiet: { mode: 'silence', source: 'mute', name: 'checkout', by: 'aki', reason: 'DB restart', since: t, until: t + 1 } }, '20261206T002000Z-aaaaaa');
    await put({ ...base, name: 'search', status: 'passed', startedAt: t + 1000, screenshots: [], error: undefined,
      quiet: { mode: 'pause', source: 'maintenance', name: 'deploy', since: t, until: t + 1 } }, '20261206T002001Z-bbbbbb');
    await put({ ...base, name: 'home', status: 'passed', startedAt: t + 2000, screenshots: [], error: undefined }, '20261206T002002Z-cccccc');
    const listed = await runCli(['results', '--out', out], { cwd: scratch });
    expect(listed.code).toBe(0);
    expect(listed.stdout).toMatch(/checkout {2}✗ failed \(muted \(checkout\) by aki: DB restart\) /);
    expect(listed.stdout).toMatch(/search {2}✓ passed \(in maintenance window "deploy" \(paused\)\) /);
    expect(listed.stdout).toMatch(/home {2}✓ passed {2}/);
  });
});
