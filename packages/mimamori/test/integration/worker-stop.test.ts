// A stop that reaches the real worker while its attempt still waits behind a render (a trend chart or the digest
// picture being drawn): the stop names its attempt and is kept for it. Dropped, as it once was, the attempt ran on
// until its own timeout or the stop grace — here set far off, so only a kept stop lets this test finish at all.
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { WorkerHost } from '../../src/runner/worker-host.ts';
import { workerScript } from '../helpers/worker-script.ts';

let host: WorkerHost | undefined;
afterAll(async () => {
  await host?.close(0);
});

it('stops an attempt whose stop arrived while it waited behind a render', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'mimamori-worker-stop-'));
  await writeFile(join(dir, 'waits.check.ts'), `export default {
  name: 'waits', retries: 0, timeoutMs: 600_000,
  async run({ step }) { await step('wait for ever', () => new Promise(() => {})); },
};\n`);
  host = new WorkerHost({ script: await workerScript(), watchdog: { stopGraceMs: 600_000, blockedMs: 600_000 }, output: () => {} });
  const { project } = await host.load({ kind: 'files', cwd: dir, targets: ['waits.check.ts'] });
  expect(project.problems).toEqual([]);
  // A page that never says it has drawn holds the render (and so the worker) for its ready wait.
  const render = host.render('<!doctype html><p>never ready</p>', { width: 10, height: 10 }).catch((e: Error) => e);
  const stop = new AbortController();
  stop.abort();
  const result = await host.attempt(project.checks[0]!, 1, stop.signal);
  expect(result.status).toBe('failed');
  expect(result.error?.message).toMatch(/stop|deadline/i);
  expect(await render).toBeInstanceOf(Error);
});
