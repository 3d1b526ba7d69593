// Runs the real CLI (`node bin/mimamori.js`, what `npm run check` runs) as a child process and captures its output.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const BIN = join(ROOT, 'bin/mimamori.js');
/** The repository (the workspace root above packages/mimamori): its package.json pins the repo's own tools. */
export const REPO_ROOT = join(ROOT, '../..');

/** Where an installed package is, as Node finds it from the package (nested first, then hoisted to the workspace root). */
export function installedPackage(name: string): string {
  for (let dir = ROOT; dirname(dir) !== dir; dir = dirname(dir)) {
    if (existsSync(join(dir, 'node_modules', name, 'package.json'))) return join(dir, 'node_modules', name);
  }
  throw new Error(`${name} is not installed: run npm ci at the repository root`);
}

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

export function runCli(args: string[], options: { cwd?: string; env?: Record<string, string | undefined> } = {}): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const env = { ...process.env, ...options.env };
    for (const [k, v] of Object.entries(env)) if (v === undefined) delete env[k];
    const child = spawn(process.execPath, [BIN, ...args], { cwd: options.cwd ?? ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

export interface RunningCli {
  child: ChildProcess;
  /** Resolves when stdout has printed `text` so far. */
  printed(text: string | RegExp): Promise<void>;
  done: Promise<CliRun>;
}

/** Starts a command (the CLI, or `npm run check`) and leaves it running, to be signalled. */
export function startCli(command: string, args: string[], options: { cwd?: string; env?: Record<string, string | undefined> } = {}): RunningCli {
  const env = { ...process.env, ...options.env };
  for (const [k, v] of Object.entries(env)) if (v === undefined) delete env[k];
  const child = spawn(command, args, { cwd: options.cwd ?? ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  const waiters: { text: string | RegExp; resolve(): void }[] = [];
  const seen = (text: string | RegExp) => (typeof text === 'string' ? stdout.includes(text) : text.test(stdout));
  child.stdout!.on('data', (d) => {
    stdout += d;
    for (const w of waiters.splice(0)) (seen(w.text) ? w.resolve() : waiters.push(w));
  });
  child.stderr!.on('data', (d) => (stderr += d));
  const done = new Promise<CliRun>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
  return {
    child,
    done,
    // Rejects if the process ends without printing it, so a test fails at once instead of at its timeout.
    printed: (text) => (seen(text) ? Promise.resolve() : new Promise((resolve, reject) => {
      waiters.push({ text, resolve });
      void done.then((run) => reject(new Error(`exited ${run.code} without printing ${text}\n${run.stdout}\n${run.stderr}`)));
    })),
  };
}

/** The environments of processes still alive that carry `MIMAMORI_TEST_TAG=<tag>`: a run's host, workers, Chromium. */
function taggedEnvironments(tag: string): { pid: number; env: string[] }[] {
  const found: { pid: number; env: string[] }[] = [];
  for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    try {
      const env = readFileSync(`/proc/${pid}/environ`, 'utf8').split('\0');
      if (env.includes(`MIMAMORI_TEST_TAG=${tag}`) && !/^Z/.test(state(pid))) found.push({ pid: Number(pid), env });
    } catch {
      // gone, or not ours to read
    }
  }
  return found;
}

export function taggedProcesses(tag: string): number[] {
  return taggedEnvironments(tag).map((p) => p.pid);
}

/** The temporary folders of a run's workers (each worker's MIMAMORI_WORKER_TMP), while they run. */
export function workerFolders(tag: string): string[] {
  const folders = taggedEnvironments(tag).flatMap((p) => p.env.filter((e) => e.startsWith('MIMAMORI_WORKER_TMP=')).map((e) => e.slice(20)));
  return [...new Set(folders)];
}

const state = (pid: string) => readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1] ?? '';
