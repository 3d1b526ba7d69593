// A failing check's stack points at the line to fix in its .ts file — through the real CLI and its worker process,
// which maps stacks only when it reports an error (not on each of Playwright's calls).
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFixtureSite, type FixtureSite } from '../fixtures/site.ts';
import { ROOT, runCli } from '../helpers/cli.ts';
import { zipEntries as unzip } from '../../src/runner/zip-entries.ts';
import { ProcessHost } from '../../src/runner/process-host.ts';
import { RequestError } from '../../src/runner/process-errors.ts';
import { WORKER_LOAD_ONLY_ENV } from '../../src/runner/worker-protocol.ts';
import type { RunResult } from '../../src/result/types.ts';

const CHECKS = join(ROOT, 'test/fixtures/stack-checks');
const FAILS = join(CHECKS, 'fails-expect.check.ts');
const THROWS = join(CHECKS, 'throws.check.ts');

let site: FixtureSite;
let scratch: string;
beforeAll(async () => {
  site = await startFixtureSite();
  scratch = await mkdtemp(join(tmpdir(), 'mimamori-stack-'));
});
afterAll(() => Promise.all([site?.close(), scratch && rm(scratch, { recursive: true, force: true })]));

describe("a failing check's stack", () => {
  it('names the check file and the line of the failing expect, and of a throw', async () => {
    const out = join(scratch, 'out');
    const run = await runCli([FAILS, THROWS, '--workers', '1', '--out', out, '--no-slack'], { cwd: scratch, env: { BASE_URL: site.url } });
    expect(run.code).toBe(1);
    const { results } = JSON.parse(await readFile(join(out, 'results.json'), 'utf8')) as RunResult;
    const stackOf = (name: string) => results.find((r) => r.name === name)!.error!.stack!;
    // A frame `at <the check file>:<line>:<column>` (in parentheses after a function's name): the file where it is, not
    // the compiled copy the worker imported.
    const frame = (file: string, line: number) => new RegExp(`^\\s+at (.+ \\()?${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:${line}:\\d+\\)?$`, 'm');
    expect(stackOf('fails an expect')).toMatch(frame(FAILS, 10));
    expect(stackOf('throws an error')).toMatch(frame(THROWS, 8));
    for (const name of ['fails an expect', 'throws an error']) expect(stackOf(name)).not.toContain('.cache/mimamori');
    // The failing step's error, and the attempt's in the history, are mapped too (they were the compiled copy's lines).
    const stepStackOf = (name: string) => results.find((r) => r.name === name)!.steps.find((s) => s.error)!.error!.stack!;
    expect(stepStackOf('fails an expect')).toMatch(frame(FAILS, 10));
    expect(stepStackOf('throws an error')).toMatch(frame(THROWS, 8));
    for (const result of results) {
      const stacks = [result.error, ...result.steps.map((s) => s.error), ...result.attemptHistory.map((a) => a.error)].flatMap((e) => (e?.stack ? [e.stack] : []));
      expect(stacks.length).toBeGreaterThanOrEqual(2);
      for (const stack of stacks) {
        expect(stack).not.toContain('.cache/mimamori');
        expect(stack).not.toMatch(/dist\/worker\.mjs/);
      }
    }
    // The kept trace's stacks (what the trace viewer shows beside each action) name the .ts file and line too.
    const failing = results.find((r) => r.name === 'fails an expect')!;
    const { files, stacks } = JSON.parse(unzip(await readFile(join(out, failing.trace!.path!))).get('trace.stacks')!.toString('utf8')) as {
      files: string[]; stacks: [number, [number, number, number, string][]][];
    };
    const frames = stacks.flatMap(([, f]) => f).map(([file, line]) => `${files[file]}:${line}`);
    expect(frames).toContain(`${FAILS}:10`);
    expect(frames).toContain(`${FAILS}:8`);
    expect(files.filter((f) => f.includes('.cache/mimamori') || f.endsWith('worker.mjs'))).toEqual([]);
    // The worker ran the check with Node's process-wide source maps off (they would map every stack Playwright takes).
    expect(results.find((r) => r.name === 'throws an error')!.error!.message).toContain('source maps: off');
  });

  it("names mimamori's source line when the worker fails a request (a load or render that fails), not its bundle's", async () => {
    // A load-only worker starts no Chromium; a request it does not know is failed like a load or a render that throws.
    const host = new ProcessHost({ script: join(ROOT, 'dist/worker.mjs'), env: { ...process.env, [WORKER_LOAD_ONLY_ENV]: '1' }, output: () => {} });
    try {
      const error = await host.request('no such request', {}).then(() => undefined, (e: unknown) => e);
      expect(error).toBeInstanceOf(RequestError);
      const { stack } = (error as RequestError).remote;
      expect(stack).toMatch(/^\s+at .*src\/runner\/worker-main\.ts:\d+:\d+\)?$/m);
      expect(stack).not.toContain('dist/worker.mjs');
    } finally {
      host.kill();
      await host.exited;
    }
  });
});
