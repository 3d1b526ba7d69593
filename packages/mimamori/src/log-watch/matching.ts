// Which lines of a delivery a watch posts: those its pattern matches (judged within a time budget: a pattern that
// backtracks catastrophically costs its lines, not the delivery), redacted, trimmed and cut; and which watch a
// delivery is for.
import type { ResolvedLogWatch } from '../check/watches.ts';
import type { Redactor } from '../result/redact.ts';
import { clip } from '../notify/log-watch-message.ts';
import { matchLines, MATCH_BUDGET, type MatchBudget } from './line-matcher.ts';
import type { LogEvent, LogsPayload } from './log-lines.ts';
import type { LogWatchLog } from './setup.ts';

/** A posted line is cut to this many characters: a stack trace or a dumped request is one log event. */
export const MAX_LINE_CHARS = 300;

/** One matching log event, as posted. */
export interface MatchedLine {
  id: string;
  timestamp: number;
  text: string;
}

/** Redacted first (a cut could leave half a secret the rules no longer recognise), then trimmed and cut. */
function postedLine(message: string, redactor: Redactor): string {
  return clip(redactor.text(message).trim(), MAX_LINE_CHARS);
}

/** A delivery's lines as the pattern judged them: those to post, and those it could not judge in time. */
export interface Matching {
  lines: MatchedLine[];
  /** Lines the pattern took longer than the budget's lineMs on, alone: a pattern that backtracks catastrophically. */
  tooSlow: LogEvent[];
  /** Lines not reached within the budget's deliveryMs. */
  unchecked: LogEvent[];
}

/** The events whose message matches `pattern` (tested on the line as logged, within `budget`), ready to post. */
export function matchingLines(events: LogEvent[], pattern: RegExp, redactor: Redactor, budget: MatchBudget = MATCH_BUDGET): Matching {
  const verdicts = matchLines(events.map((e) => e.message), pattern, budget);
  return {
    lines: verdicts.matched.map((i) => events[i]!).map((e) => ({ id: e.id, timestamp: e.timestamp, text: postedLine(e.message, redactor) })),
    tooSlow: verdicts.tooSlow.map((i) => events[i]!),
    unchecked: verdicts.unchecked.map((i) => events[i]!),
  };
}

/**
 * Lines the pattern could not judge are not posted (they may not match) but said once per delivery in the function's
 * log, with their ids — the delivery goes on with the other lines, where it used to time out and lose them all.
 */
export function reportUnjudged(watch: ResolvedLogWatch, m: Matching, budget: MatchBudget, log: LogWatchLog, where: Record<string, unknown>): void {
  if (!m.tooSlow.length && !m.unchecked.length) return;
  const slow = m.tooSlow.length ? `${String(watch.pattern)} took over ${budget.lineMs} ms on ${m.tooSlow.length} line(s) — it backtracks catastrophically: rewrite it (README: Log watches)` : '';
  const late = m.unchecked.length ? `${m.unchecked.length} line(s) were not reached within ${budget.deliveryMs} ms of matching` : '';
  log.warn(`log watch ${watch.name}: lines not checked, not posted: ${[slow, late].filter(Boolean).join('; ')}. The other lines were matched as usual`, {
    ...where, watch: watch.name, pattern: String(watch.pattern), tooSlow: m.tooSlow.map((e) => e.id).slice(0, 10), unchecked: m.unchecked.length,
  });
}

/** The watch of a delivery: by its subscription filter's name (`<stack>-<watch>`), else the first watching its log group. */
export function watchFor(p: Pick<LogsPayload, 'subscriptionFilters' | 'logGroup'>, watches: readonly ResolvedLogWatch[], stackName?: string): ResolvedLogWatch | undefined {
  if (stackName) {
    for (const filter of p.subscriptionFilters) {
      const named = watches.find((w) => `${stackName}-${w.name}` === filter);
      if (named) return named;
    }
  }
  return watches.find((w) => w.logGroups.includes(p.logGroup));
}
