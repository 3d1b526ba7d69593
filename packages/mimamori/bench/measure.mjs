// What the benches share: run a command and time it, with the peak memory (PSS) of its whole process tree; the demo
// site (examples/shop/demo/server.mjs) on a port of their own; medians and spreads.
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const DEMO_SERVER = fileURLToPath(new URL('../../../examples/shop/demo/server.mjs', import.meta.url));

/** Every process below `root` (its children, their children, …), found through /proc. */
export function descendants(root) {
  const parent = new Map();
  for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      parent.set(Number(pid), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
    } catch { /* gone */ }
  }
  const tree = new Set([root]);
  for (let grew = true; grew;) {
    grew = false;
    for (const [pid, ppid] of parent) if (tree.has(ppid) && !tree.has(pid)) { tree.add(pid); grew = true; }
  }
  return tree;
}

/** Proportional set size: shared pages (Chromium's processes share many) are split, so sums are honest. */
function pssKb(pid) {
  try {
    return Number(/^Pss:\s+(\d+)/m.exec(readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8'))?.[1] ?? 0);
  } catch {
    return 0;
  }
}

/** npm's own node process and the shell it starts: their memory is npm's, not the runner's. */
function isWrapper(pid) {
  try {
    const cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
    return /(^|\/)(sh|bash)$/.test(cmd[0]) || cmd.some((a) => /npm-cli\.js$|\/npm$/.test(a));
  } catch {
    return false;
  }
}

/**
 * Runs a command; resolves with its wall ms and the peak PSS (MB) of its process tree, sampled every 50 ms
 * (`skipWrappers`: npm's processes not counted). Rejects when it exits non-zero, with its output.
 */
export function measureRun(command, args, { cwd, env = {}, skipWrappers = false } = {}) {
  return new Promise((resolve, reject) => {
    const t0 = process.hrtime.bigint();
    const child = spawn(command, args, { cwd, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    let peak = 0;
    const sample = setInterval(() => {
      let tree = descendants(child.pid);
      if (skipWrappers) tree = new Set([...tree].filter((pid) => pid !== child.pid && !isWrapper(pid)));
      let total = 0;
      for (const pid of tree) total += pssKb(pid);
      peak = Math.max(peak, total);
    }, 50);
    child.on('error', reject);
    child.on('close', (code) => {
      clearInterval(sample);
      const ms = Number(process.hrtime.bigint() - t0) / 1e6;
      if (code !== 0) reject(new Error(`${command} ${args.join(' ')} exited ${code}\n${output}`));
      else resolve({ ms, peakMb: peak / 1024, output });
    });
  });
}

export const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** The demo site on `port`, answering once it is up; `.kill()` it when done. */
export async function startDemo(port) {
  const server = spawn(process.execPath, [DEMO_SERVER], { env: { ...process.env, PORT: String(port) }, stdio: 'ignore' });
  for (let i = 0; i < 200; i++) {
    if (await fetch(`http://127.0.0.1:${port}/api/health`).then((r) => r.ok, () => false)) return server;
    await new Promise((r) => setTimeout(r, 50));
  }
  server.kill();
  throw new Error(`the demo site (${DEMO_SERVER}) did not answer on port ${port}`);
}
