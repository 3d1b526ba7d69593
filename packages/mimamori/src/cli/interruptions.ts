// Ctrl-C, SIGTERM, a hang-up or a vanished npm during `npm run check`, in three steps as a user expects: the first
// stops the checks (what finished is still stored, reported and alerted, for at most a few seconds), the second stops
// storing and alerting too, the third leaves at once. A check cut short is no result: never a site failure, no alert.
import { readFileSync } from 'node:fs';

export interface Interruptions {
  /** Aborted by the first signal: running checks stop, no new one starts. */
  readonly checks: AbortSignal;
  /** Aborted OUTSIDE_GRACE_MS after the first signal, or by the second: S3 and Slack calls stop. */
  readonly outside: AbortSignal;
  /** The first signal received, if any. */
  readonly received?: NodeJS.Signals;
  /** 128 + the signal's number, as shells report it: 130 after SIGINT, 143 after SIGTERM, 129 after SIGHUP. */
  readonly exitCode?: number;
  dispose(): void;
}

const CODES = { SIGINT: 130, SIGTERM: 143, SIGHUP: 129 } as const;
type Handled = keyof typeof CODES;
/** After the first signal, what finished gets this long to be stored and alerted. */
export const OUTSIDE_GRACE_MS = 5_000;
/** Ctrl-C reaches every process of the terminal's group, npm included, which passes it on: one press, two signals. */
const SAME_SIGNAL_MS = 1_000;
const PARENT_CHECK_MS = 500;

/** Run under `nohup`: SIGHUP was ignored when this process started (Linux: the SigIgn mask; bit 0 is SIGHUP). */
function hangUpIgnored(): boolean {
  try {
    const mask = /^SigIgn:\s*([0-9a-f]+)$/m.exec(readFileSync('/proc/self/status', 'utf8'))?.[1];
    return mask !== undefined && (BigInt(`0x${mask}`) & 1n) === 1n;
  } catch {
    return false;
  }
}

/** Started by npm: if npm dies without passing a signal on (`kill -9 <npm>`), this process is re-parented. */
function parentIsNpm(): boolean {
  try {
    return /npm/.test(readFileSync(`/proc/${process.ppid}/cmdline`, 'utf8'));
  } catch {
    return false;
  }
}

export function watchInterruptions(actions: { stopChecks(): void; stopNow(): void }, write: (line: string) => void): Interruptions {
  const checks = new AbortController();
  const outside = new AbortController();
  let received: Handled | undefined;
  let count = 0;
  let grace: ReturnType<typeof setTimeout> | undefined;
  const last = new Map<Handled, number>();
  const onSignal = (signal: Handled) => {
    const now = Date.now();
    if (now - (last.get(signal) ?? -Infinity) < SAME_SIGNAL_MS) return;
    last.set(signal, now);
    count++;
    received ??= signal;
    const reason = new Error(`interrupted (${signal})`);
    if (count === 1) {
      write(`\n${signal}: stopping the checks; what finished is still stored and alerted (send it again to stop that too)\n`);
      checks.abort(reason);
      actions.stopChecks();
      grace = setTimeout(() => outside.abort(reason), OUTSIDE_GRACE_MS).unref();
    } else if (count === 2) {
      write(`\n${signal}: not storing or alerting any further; writing the local results\n`);
      outside.abort(reason);
    } else {
      actions.stopNow();
      process.exit(CODES[received]);
    }
  };
  const signals: Handled[] = hangUpIgnored() ? ['SIGINT', 'SIGTERM'] : ['SIGINT', 'SIGTERM', 'SIGHUP'];
  const handlers = new Map(signals.map((s) => [s, () => onSignal(s)]));
  for (const [s, handler] of handlers) process.on(s, handler);
  const npm = parentIsNpm() ? process.ppid : undefined;
  const orphaned = setInterval(() => {
    if (npm === undefined || process.ppid === npm) return;
    clearInterval(orphaned);
    onSignal('SIGHUP');
  }, PARENT_CHECK_MS).unref();
  return {
    checks: checks.signal,
    outside: outside.signal,
    get received() {
      return received;
    },
    get exitCode() {
      return received && CODES[received];
    },
    dispose() {
      clearInterval(orphaned);
      clearTimeout(grace);
      for (const [s, handler] of handlers) process.off(s, handler);
    },
  };
}
