// A worker whose host was killed outright (SIGKILL, the OOM killer) while check code blocks the worker's event loop
// never sees 'disconnect'. Something outside that event loop must then end it: kill its children (Chromium, in a
// process group of its own), remove its temporary folder, then kill the worker.
//
// Where a POSIX shell is at hand, that is a `/bin/sh` child blocked reading the host pipe (worker-fork.ts): only the
// host holds the pipe's other end, so end-of-file means the host is gone. Until then the shell sleeps in read():
// 0.2–0.3 MB of PSS (measured), no CPU, no polling. Elsewhere (Windows; no /bin/sh) a thread polls the parent's pid
// every second — a second V8 isolate, ≈ 8 MB of the worker's memory.
import { spawn } from 'node:child_process';
import { closeSync, existsSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import { HOST_PIPE_ENV } from './worker-fork.ts';

/**
 * $1: the worker's temporary folder ('' for none). The worker is $PPID at start; once the pipe ends it acts only while
 * it is still this shell's parent — a worker that ended first (the host closes the pipe when it sees that) reparented
 * the shell, and its pid may be someone else's by now. Ctrl-C reaches the whole process group: the host decides what
 * stops, so the shell ignores it. /proc where there is one (Linux, Lambda), `ps` elsewhere (macOS).
 */
export const WATCH_SH = `trap '' INT TERM HUP
while read -r _; do :; done
w=$PPID
parent() { if [ -r /proc/$$/stat ]; then read -r s < /proc/$$/stat; set -- \${s##*) }; echo "$2"; else set -- $(ps -o ppid= -p $$); echo "$1"; fi; }
children() { if [ -d /proc/$w/task ]; then cat /proc/$w/task/*/children; else ps -A -o pid= -o ppid= | while read -r p q; do [ "$q" = "$w" ] && echo "$p"; done; fi; }
[ "$(parent)" = "$w" ] || exit 0
for p in $(children 2>/dev/null); do
  [ "$p" = "$$" ] && continue
  kill -KILL -"$p" 2>/dev/null || kill -KILL "$p" 2>/dev/null
done
sleep 0.3
[ -n "$1" ] && rm -rf "$1"
[ "$(parent)" = "$w" ] && kill -KILL "$w"
exit 0`;

// The fallback: the same steps from a thread that polls the parent's pid.
const WATCH_THREAD = `const { workerData } = require('node:worker_threads');
const fs = require('node:fs');
setInterval(() => {
  if (process.ppid === workerData.parent) return;
  try {
    for (const tid of fs.readdirSync('/proc/self/task')) {
      for (const pid of fs.readFileSync('/proc/self/task/' + tid + '/children', 'utf8').split(/\\s+/).filter(Boolean)) {
        try { process.kill(-pid, 'SIGKILL'); } catch { try { process.kill(Number(pid), 'SIGKILL'); } catch {} }
      }
    }
  } catch {}
  // Chromium's processes take a moment to go; removing their folder under them would leave it half there.
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 300);
  if (workerData.tmp) try { fs.rmSync(workerData.tmp, { recursive: true, force: true, maxRetries: 5 }); } catch {}
  process.kill(process.pid, 'SIGKILL');
}, 1000);`;

/** How the host is watched: 'shell' (the host pipe) or 'thread' (the fallback). */
export type HostWatch = 'shell' | 'thread';

/**
 * Starts watching for the host's death. Call it first, before this process starts any other child: the host pipe is
 * then closed here, so the shell holds the only copy of it. `shell`: where the POSIX shell is (tests point it nowhere).
 */
export function watchHost(tmp: string | undefined, shell = '/bin/sh'): HostWatch {
  const fd = Number(process.env[HOST_PIPE_ENV]);
  // Not for Chromium or check code: the pipe ends here.
  delete process.env[HOST_PIPE_ENV];
  const hasPipe = Number.isInteger(fd) && fd > 2;
  let started = false;
  if (hasPipe && process.platform !== 'win32' && existsSync(shell)) {
    try {
      const watcher = spawn(shell, ['-c', WATCH_SH, 'mimamori-host-watch', tmp ?? ''], { stdio: [fd, 'ignore', 'ignore'] });
      watcher.on('error', () => {});
      watcher.unref();
      started = watcher.pid !== undefined;
    } catch {
      // No shell after all: the thread below.
    }
  }
  if (hasPipe) {
    try {
      closeSync(fd);
    } catch {
      // Not open (a host that named a pipe it did not give): nothing to close.
    }
  }
  if (started) return 'shell';
  new Worker(WATCH_THREAD, { eval: true, workerData: { parent: process.ppid, tmp } }).unref();
  return 'thread';
}
