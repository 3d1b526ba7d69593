// One decoded delivery of a log watch: skipped when it carries nothing to post (a control message, the function's own
// log group, no watch for it, no match, Slack off), else its matching lines posted in the watch's window (window.ts).
import type { LogsPayload } from './log-lines.ts';
import { MATCH_BUDGET } from './line-matcher.ts';
import { matchingLines, reportUnjudged, watchFor } from './matching.ts';
import type { LogWatchDeps, LogWatchLog, LogWatchOutcome, LogWatchSetup } from './setup.ts';
import { postMatches } from './window.ts';

/**
 * One decoded delivery: CONTROL_MESSAGE and lines no watch claims are logged and skipped, as is everything while Slack
 * is off; `connect` opens the store and Slack only when there is something to post.
 */
export async function handleLogPayload(p: LogsPayload, setup: LogWatchSetup, connect: () => Promise<LogWatchDeps>, log: LogWatchLog): Promise<LogWatchOutcome> {
  const where = { logGroup: p.logGroup, logStream: p.logStream, subscriptionFilters: p.subscriptionFilters, events: p.logEvents.length };
  if (p.messageType === 'CONTROL_MESSAGE') {
    log.info('CloudWatch Logs control message: nothing to post', where);
    return { action: 'ignored', why: 'a CONTROL_MESSAGE (CloudWatch checking the subscription) carries no log lines' };
  }
  // Its own log group, watched by mistake: skipped without a log line, which would be delivered again.
  if (setup.ownLogGroup && p.logGroup === setup.ownLogGroup) return { action: 'ignored', why: 'the log-watch function\'s own log group' };
  const watch = watchFor(p, setup.watches, setup.stackName);
  if (!watch) {
    log.warn('log lines skipped: no log watch for them', { ...where, watches: setup.watches.map((w) => w.name) });
    return { action: 'ignored', why: `no log watch for ${p.logGroup} (filters ${p.subscriptionFilters.join(', ') || 'none'})` };
  }
  if (p.skipped?.length) {
    log.warn(`log watch ${watch.name}: ${p.skipped.length} event(s) of the delivery skipped, not CloudWatch's shape: ${p.skipped.slice(0, 5).map((e) => `#${e.index} ${e.why}`).join('; ')}`, { ...where, skipped: p.skipped.slice(0, 10) });
  }
  const budget = setup.matchBudget ?? MATCH_BUDGET;
  const matching = matchingLines(p.logEvents, watch.pattern, setup.redactor, budget);
  reportUnjudged(watch, matching, budget, log, where);
  const matched = matching.lines;
  if (!matched.length) {
    log.info(`log watch ${watch.name}: no line matched ${String(watch.pattern)}`, where);
    return { action: 'ignored', watch: watch.name, why: `no line matched ${String(watch.pattern)}` };
  }
  if (!setup.channel) {
    log.info(`log watch ${watch.name}: ${matched.length} matching lines not posted: Slack is off (SlackChannel is empty)`, where);
    return { action: 'ignored', watch: watch.name, why: 'Slack is off' };
  }
  const outcome = await postMatches(watch, p, matched, { ...setup, channel: setup.channel }, { log, ...(await connect()) });
  log.info(`log watch ${watch.name}: ${outcome.action}`, { ...where, ...outcome });
  return outcome;
}
