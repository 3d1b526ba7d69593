// Validates EventBridge schedule expressions (`rate(...)`, `cron(...)`) the way AWS does, with messages that say how to
// fix them. A schedule is valid when the one parser (schedule/parse.ts) — the one the dispatcher evaluates — parses it.
import { parseSchedule } from '../schedule/parse.ts';

/** Returns undefined when `expr` is a valid EventBridge schedule expression, else a message saying what is wrong. */
export function validateSchedule(expr: string): string | undefined {
  return parseSchedule(expr).error;
}

/** Minutes between runs for a valid `rate(...)` expression; undefined for cron() or anything invalid. */
export function scheduleIntervalMinutes(expr: string): number | undefined {
  const { schedule } = parseSchedule(expr);
  return schedule?.kind === 'rate' ? schedule.periodMinutes : undefined;
}

/** The dead-man alarm's check of the schedules (schedule/dead-man.ts), for the build (cli/ reaches schedule/ through check/). */
export { deadManWarning } from '../schedule/dead-man.ts';
