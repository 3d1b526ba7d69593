// Ctrl-C, SIGTERM and a vanished parent during `npm run check`, in three steps as a user expects: the first stops the
// checks (what finished is still stored, reported and alerted), the second stops storing and alerting too, the third
// leaves at once. A check cut short is no result: it is never recorded as a site failure or alerted.

export interface Interruptions {
  /** Aborted by the first signal: running checks stop, no new one starts. */
  readonly checks: AbortSignal;
  /** Aborted by the second: S3 and Slack calls stop. */
  readonly outside: AbortSignal;
  /** The first signal received, if any. */
  readonly received?: NodeJS.Signals;
  /** 128 + the signal's number, as shells report it: 130 after SIGINT, 143 after SIGTERM, 129 after SIGHUP. */
  readonly exitCode?: number;
  dispose(): void;
}

const CODES = { SIGINT: 130, SIGTERM: 143, SIGHUP: 129 } as const;
type Handled = keyof typeof CODES;
/** Ctrl-C reaches every process of the terminal's group, npm included, which passes it on: one press, two signals. */
const SAME_SIGNAL_MS = 1_000;
const PARENT_CHECK_MS = 500;

export function watchInterruptions(actions: { stopChecks(): void; stopNow(): void }, write: (line: string) => void): Interruptions {
  const checks = new AbortController();
  const outside = new AbortController();
  let received: Handled | undefined;
  let count = 0;
  const last = new Map<Handled, number>();
  const onSignal = (signal: Handled) => {
    const now = Date.now();
    if (now - (last.get(signal) ?? -Infinity) < SAME_SIGNAL_MS) return;
    last.set(signal, now);
    count++;
    received ??= signal;
    if (count === 1) {
      write(`\n${signal}: stopping the checks; what finished is still stored and alerted (send it again to stop that too)\n`);
      checks.abort(new Error(`interrupted (${signal})`));
      actions.stopChecks();
    } else if (count === 2) {
      write(`\n${signal}: not storing or alerting any further; writing the local results\n`);
      outside.abort(new Error(`interrupted (${signal})`));
    } else {
      actions.stopNow();
      process.exit(CODES[received]);
    }
  };
  const handlers = Object.fromEntries((Object.keys(CODES) as Handled[]).map((s) => [s, () => onSignal(s)])) as Record<Handled, () => void>;
  for (const [s, handler] of Object.entries(handlers)) process.on(s, handler);
  // npm killed without passing a signal on (`kill -9`, or a shell between them) re-parents this process: that is a hang-up.
  const parent = process.ppid;
  const orphaned = setInterval(() => {
    if (process.ppid === parent) return;
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
      for (const [s, handler] of Object.entries(handlers)) process.off(s, handler);
    },
  };
}
