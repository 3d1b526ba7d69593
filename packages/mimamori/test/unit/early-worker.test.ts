// The launcher's early worker (src/runner/early-worker.ts): adopted by a ProcessHost when it was forked the way the
// pool would fork its first worker, discarded (killed, its folder removed) when not; a check run's commands only.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startEarlyWorker, takeEarlyWorker } from '../../src/runner/early-worker.ts';
import { ProcessHost } from '../../src/runner/process-host.ts';
import { removeWorkerTmp } from '../../src/runner/worker-env.ts';
import { NO_CHECK_COMMANDS, runsChecks } from '../../src/cli/early.ts';
import { COMMANDS } from '../../src/cli/args.ts';
import { ROOT } from '../helpers/cli.ts';

const ECHO = join(ROOT, 'test/fixtures/workers/echo-process.mjs');
const env = () => ({ ...process.env, EARLY_TEST: '1' });

const gone = (child: { exitCode: number | null; signalCode: string | null; once(e: 'exit', f: () => void): void }) =>
  child.exitCode !== null || child.signalCode !== null ? Promise.resolve() : new Promise<void>((resolve) => child.once('exit', resolve));

describe('the early worker', () => {
  it('is adopted by a host asking for the same script and environment, and answers it', async () => {
    startEarlyWorker(ECHO, env());
    const early = takeEarlyWorker(ECHO, env());
    expect(early).toBeDefined();
    const host = new ProcessHost({ script: ECHO, child: early!.child, env: early!.env });
    expect(await host.request('echo', 'hello')).toBe('hello');
    expect(takeEarlyWorker(ECHO, env())).toBeUndefined(); // once
    host.kill();
    await host.exited;
    expect(early!.tmp && existsSync(early!.tmp)).toBeTruthy(); // the folder is the adopter's to remove, as for any worker
    removeWorkerTmp(early!.tmp);
  });

  it('is killed with its folder when the host wants another environment or script', async () => {
    for (const [script, other] of [[ECHO, { ...env(), OTHER: 'x' }], [join(ROOT, 'test/fixtures/workers/scripted-worker.mjs'), env()]] as const) {
      const child = startEarlyWorker(ECHO, env())!;
      expect(takeEarlyWorker(script, other)).toBeUndefined();
      await gone(child);
      expect(child.signalCode).toBe('SIGKILL');
    }
  });

  it('is not adopted once it has exited (it crashed as it started)', async () => {
    const child = startEarlyWorker(ECHO, env())!;
    child.kill('SIGTERM');
    await gone(child);
    expect(takeEarlyWorker(ECHO, env())).toBeUndefined();
  });
});

describe('which commands start it', () => {
  it('every command but check runs no checks, and the list says so', () => {
    expect([...NO_CHECK_COMMANDS].sort()).toEqual(Object.keys(COMMANDS).filter((c) => c !== 'check').sort());
  });

  it('check and the bare form do, unless asking for help', () => {
    expect(runsChecks([])).toBe(true);
    expect(runsChecks(['check', '--workers', '1'])).toBe(true);
    expect(runsChecks(['checks/login.check.ts'])).toBe(true);
    expect(runsChecks(['check', '--help'])).toBe(false);
    expect(runsChecks(['-h'])).toBe(false);
    expect(runsChecks(['validate'])).toBe(false);
    expect(runsChecks(['deploy', '--dry-run'])).toBe(false);
  });
});
