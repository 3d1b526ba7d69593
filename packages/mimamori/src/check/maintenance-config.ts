// The config's `maintenance` windows, checked as strictly as the rest of the config: every problem of every window at
// once, each under its field (`maintenance[1].when.to`), unknown keys refused, so a typo fails here and not by a
// window that silently never opens. The pieces parse with the code that evaluates them (schedule/window-parse.ts).
import type { Diagnostic } from '../result/types.ts';
import type { ProjectConfig } from './types.ts';
import { parseSchedule, DAYS } from '../schedule/parse.ts';
import { parseClock, parseDateTime, parseDuration, parseWeekday } from '../schedule/window-parse.ts';
import * as r from './rules.ts';

export const CALENDARS = ['jp-holidays'] as const;
export const MODES = ['pause', 'silence'] as const;
/** A cron window longer than this would be evaluated over weeks of starts; a long one-off outage is `{ start, end }`. */
export const MAX_DURATION_MINUTES = 31 * 24 * 60;

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

const windowShape: r.Shape = {
  name: r.text, when: () => undefined, timeZone: r.timeZone, calendar: r.oneOf(CALENDARS), mode: r.oneOf(MODES), checks: r.stringArray, tags: r.stringArray,
};

const WHEN_KINDS = [
  { keys: ['days', 'from', 'to'], example: "{ days: ['SAT', 'SUN'], from: '22:00', to: '06:00' }" },
  { keys: ['cron', 'duration'], example: "{ cron: 'cron(0 3 ? * SUN *)', duration: '2h' }" },
  { keys: ['start', 'end'], example: "{ start: '2026-12-24T22:00', end: '2026-12-25T06:00' }" },
];
const WHEN_HELP = `one of ${WHEN_KINDS.map((k) => k.example).join(', ')}`;

/** The default zone of a window: the one `resolveMaintenance` (maintenance/resolve.ts) gives it. */
export function windowTimeZone(w: { timeZone?: string; calendar?: string }, config: Pick<ProjectConfig, 'scheduleTimeZone' | 'slack'>): string {
  return w.timeZone ?? (w.calendar === 'jp-holidays' ? 'Asia/Tokyo' : config.scheduleTimeZone ?? config.slack?.timeZone ?? 'UTC');
}

function whenProblems(when: unknown, timeZone: string | undefined): [string, string][] {
  if (!isRecord(when)) return [['when', `must be ${WHEN_HELP}`]];
  const keys = Object.keys(when);
  const kind = WHEN_KINDS.find((k) => keys.some((key) => k.keys.includes(key)));
  if (!kind) return [['when', `must be ${WHEN_HELP}, got keys ${keys.map((k) => `'${k}'`).join(', ') || 'none'}`]];
  const out: [string, string][] = keys.filter((k) => !kind.keys.includes(k))
    .map((k) => [`when.${k}`, `unknown option '${k}' for a window ${kind.example} (known: ${kind.keys.join(', ')})`]);
  const missing = (k: string) => when[k] === undefined && out.push([`when.${k}`, 'is required']);
  if (kind.keys[0] === 'days') {
    const { days, from, to } = when;
    if (days !== undefined && (!Array.isArray(days) || days.length === 0 || days.some((d) => parseWeekday(d) === undefined))) {
      out.push(['when.days', `must be a non-empty array of ${DAYS.map((d) => `'${d}'`).join(', ')}, got ${JSON.stringify(days)}`]);
    }
    if (!missing('from') && parseClock(from) === undefined) out.push(['when.from', `must be a local time 'HH:MM' from 00:00 to 23:59, got ${JSON.stringify(from)}`]);
    if (!missing('to') && parseClock(to, true) === undefined) out.push(['when.to', `must be a local time 'HH:MM' from 00:00 to 24:00, got ${JSON.stringify(to)}`]);
    if (from !== undefined && from === to) out.push(['when.to', `is the same as from (${JSON.stringify(from)}): the window would be empty — for whole days write from '00:00' to '24:00'`]);
  } else if (kind.keys[0] === 'cron') {
    if (!missing('cron')) {
      const parsed = parseSchedule(when.cron as string);
      if (parsed.error) out.push(['when.cron', parsed.error]);
      else if (parsed.schedule?.kind !== 'cron') out.push(['when.cron', 'must be a cron(...) expression: a window starts at a time of day, which rate() does not have']);
    }
    const minutes = parseDuration(when.duration);
    if (!missing('duration') && (minutes === undefined || minutes > MAX_DURATION_MINUTES)) {
      out.push(['when.duration', `must be a duration like '30m', '2h', '1h30m' or '1d', at most 31d (a longer outage is { start, end }), got ${JSON.stringify(when.duration)}`]);
    }
  } else {
    const zone = timeZone && !r.timeZone(timeZone) ? timeZone : 'UTC';
    const start = parseDateTime(when.start, zone);
    const end = parseDateTime(when.end, zone, 'last');
    const iso = (v: unknown) => `must be an ISO date-time like '2026-12-24T22:00' (local, in the window's timeZone) or '2026-12-24T13:00Z', got ${JSON.stringify(v)}`;
    if (!missing('start') && start === undefined) out.push(['when.start', iso(when.start)]);
    if (!missing('end') && end === undefined) out.push(['when.end', iso(when.end)]);
    if (start !== undefined && end !== undefined && end <= start) out.push(['when.end', `(${String(when.end)}) must be after start (${String(when.start)})`]);
  }
  return out;
}

/** Every problem of `maintenance`, each with its field (`maintenance[0].when.from`). */
export function maintenanceProblems(value: unknown, file: string, config: Pick<ProjectConfig, 'scheduleTimeZone' | 'slack'> = {}): Diagnostic[] {
  if (!Array.isArray(value)) return [{ file, field: 'maintenance', message: `must be an array of { name, when, mode }, got ${JSON.stringify(value)}` }];
  const problems: Diagnostic[] = [];
  value.forEach((w, i) => {
    const at = `maintenance[${i}]`;
    problems.push(...r.validateShape(w, windowShape, file, at));
    if (!isRecord(w)) return;
    if (w.name === undefined) problems.push({ file, field: `${at}.name`, message: 'is required' });
    if (w.mode === undefined) problems.push({ file, field: `${at}.mode`, message: "is required: 'pause' (the deployed monitor does not run the checks) or 'silence' (they run; no alert)" });
    if (w.when === undefined && w.calendar === undefined) problems.push({ file, field: `${at}.when`, message: `is required (unless calendar gives the days): ${WHEN_HELP}` });
    // A zone that is itself wrong is reported on its own field; local times are then read in UTC.
    const zone = windowTimeZone({ timeZone: w.timeZone as string | undefined, calendar: w.calendar as string | undefined }, config);
    if (w.when !== undefined) for (const [field, message] of whenProblems(w.when, zone)) problems.push({ file, field: `${at}.${field}`, message });
  });
  for (const name of r.repeated(value.map((w) => (isRecord(w) ? w.name : undefined)))) {
    problems.push({ file, field: 'maintenance', message: `name '${name}' is used by more than one window; names must be unique` });
  }
  return problems;
}
