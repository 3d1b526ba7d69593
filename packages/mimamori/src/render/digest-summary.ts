// The daily picture's words (pure): from the dashboard's data of every check, the one-line summary posted with the
// picture ("12 checks, all passing; 1 incident yesterday, resolved in 14 min"). digest-page.ts draws the picture.
import { clockTime, localDate, yesterdayOf } from './time.ts';

export type DigestStatus = 'passed' | 'degraded' | 'failed' | 'unknown';

/** The parts of the dashboard's check (src/history/dashboard-model.ts, DashboardCheck) the digest shows. */
export interface DigestCheck {
  name: string;
  status: DigestStatus;
  lastRunAt?: number;
  uptime: { h24: number | null };
  /** newest first; an open one has no `end` */
  incidents: { start: number; end?: number; durationMs?: number; failingStep?: string }[];
  /** hourly journey p50s, oldest first */
  spark: (number | null)[];
  /** the latest screenshot's store key (read by src/history/digest-source.ts, which embeds its bytes) */
  latestShot?: string;
  /** the check's tags (its last run's): the large digest's tiles (digest-board.ts) */
  tags?: string[];
  /** quiet time (muted, in maintenance), oldest first: told under the summary (digest-quiet.ts) */
  quiet?: { start: number; end: number; mode: 'pause' | 'silence'; source: 'maintenance' | 'mute'; name: string; by?: string; reason?: string }[];
}

export interface DigestData {
  /** epoch ms */
  generatedAt: number;
  /** IANA zone every time is shown in */
  timeZone: string;
  checks: DigestCheck[];
}

const MINUTE = 60_000;

/** A duration as people say it: `14 min`, `2 h 5 min`, `under a minute`. */
export function spokenDuration(ms: number): string {
  const minutes = Math.round(ms / MINUTE);
  if (minutes < 1) return 'under a minute';
  if (minutes < 60) return `${minutes} min`;
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return m ? `${h} h ${m} min` : `${h} h`;
}

/** When a failing check started failing: its open incident's start, else its last run. */
export function failingSince(check: DigestCheck): number | undefined {
  return check.incidents.find((i) => i.end === undefined)?.start ?? check.lastRunAt;
}

/** The incidents that started on the local day before `now`'s, over every check. */
export function incidentsYesterday(data: DigestData): DigestCheck['incidents'] {
  const yesterday = yesterdayOf(data.generatedAt, data.timeZone);
  return data.checks.flatMap((c) => c.incidents.filter((i) => localDate(i.start, data.timeZone) === yesterday));
}

const MAX_NAMED = 3;

/**
 * More checks than this get the large digest (digest-board.ts). 24 cards are 6 rows of 4 (≈ 1,640 px tall): about the
 * most a Slack preview or a phone shows as one picture; the next rows would be a scroll, not a glance.
 */
export const LARGE_DIGEST = 24;

/**
 * The one line posted with the picture:
 * - `12 checks, all passing; 1 incident yesterday, resolved in 14 min`
 * - `11 of 12 passing: checkout failing since 08:20; no incidents yesterday`
 * - `10 of 12 passing: checkout failing since Nov 28 23:50, search degraded; 3 incidents yesterday, 1 still open`
 * - `990 of 1000 passing (7 failing, 3 degraded): a failing since 08:20, b failing since 09:00, c failing, and 7 more; …`
 *   (more than LARGE_DIGEST checks: the counts too)
 * Passing means the last run passed; a degraded or failing check is named (at most three, then "and N more"), with
 * when a failing one started failing (its open incident, else its last run). Incidents count those that started on
 * the local calendar day before the digest's.
 */
export function digestSummary(data: DigestData): string {
  const { checks, generatedAt: now, timeZone } = data;
  if (checks.length === 0) return 'No checks have run yet: nothing to show';
  const passing = checks.filter((c) => c.status === 'passed').length;
  let head: string;
  if (passing === checks.length) {
    head = checks.length === 1 ? '1 check, passing' : `${checks.length} checks, all passing`;
  } else {
    const order: Record<DigestStatus, number> = { failed: 0, degraded: 1, unknown: 2, passed: 3 };
    const problems = checks.filter((c) => c.status !== 'passed').sort((a, b) => order[a.status] - order[b.status]);
    const said = problems.slice(0, MAX_NAMED).map((c) => {
      if (c.status === 'failed') {
        const since = failingSince(c);
        return `${c.name} failing${since === undefined ? '' : ` since ${clockTime(since, now, timeZone)}`}`;
      }
      return c.status === 'degraded' ? `${c.name} degraded` : `${c.name} not run yet`;
    });
    if (problems.length > MAX_NAMED) said.push(`and ${problems.length - MAX_NAMED} more`);
    // A large project's line counts what is not passing too: its names stop at three.
    const count = (status: DigestStatus, word: string) => { const n = problems.filter((c) => c.status === status).length; return n ? `${n} ${word}` : ''; };
    const counts = checks.length > LARGE_DIGEST ? [count('failed', 'failing'), count('degraded', 'degraded'), count('unknown', 'not run yet')].filter(Boolean).join(', ') : '';
    head = `${passing} of ${checks.length} passing${counts ? ` (${counts})` : ''}: ${said.join(', ')}`;
  }
  const incidents = incidentsYesterday(data);
  const open = incidents.filter((i) => i.end === undefined).length;
  let tail: string;
  if (incidents.length === 0) tail = 'no incidents yesterday';
  else if (incidents.length === 1) {
    const [i] = incidents;
    tail = `1 incident yesterday, ${i!.end === undefined ? 'still open' : `resolved in ${spokenDuration(i!.end - i!.start)}`}`;
  } else if (open) tail = `${incidents.length} incidents yesterday, ${open} still open`;
  else tail = `${incidents.length} incidents yesterday, all resolved (longest ${spokenDuration(Math.max(...incidents.map((i) => i.end! - i.start)))})`;
  return `${head}; ${tail}`;
}
