// The config's log watches and limit watches, resolved (defaults applied) for the build, which turns them into the
// watch stack (src/build/watch-stack.ts), and for the log-watch handler, which gets them compiled in.
import type { LimitWatchConfig, LogWatchConfig, ProjectConfig } from './types.ts';

/** One log watch as the stack and the handler use it. */
export interface ResolvedLogWatch {
  name: string;
  logGroups: string[];
  /** Applied to each delivered line: the lines posted. */
  pattern: RegExp;
  /** CloudWatch Logs filter pattern: the lines delivered at all ('' = every line). */
  filterPattern: string;
  /** Minutes one Slack message collects matches; later matches reply in its thread. */
  windowMinutes: number;
}

export const DEFAULT_LOG_WINDOW_MINUTES = 5;
export const DEFAULT_LIMIT_THRESHOLD = 0.8;

/**
 * The CloudWatch Logs filter pattern for a regular expression made of plain words joined by `|` (/ERROR|Unhandled/ →
 * `?"ERROR" ?"Unhandled"`): only lines holding one of them invoke the handler. Anything else (a flag, a character
 * class, a quantifier) gives '' — every line is delivered and the regular expression alone decides — because
 * CloudWatch's own syntax cannot say the same thing, and a pattern narrower than the regular expression would
 * silently drop lines it should post.
 */
export function derivedFilterPattern(pattern: RegExp): string {
  if (pattern.flags.replace(/[gu]/g, '') !== '') return '';
  const words = pattern.source.split('|');
  // Letters, digits, _, space, : and - mean themselves in both syntaxes; anything else may not.
  if (!words.every((w) => /^[A-Za-z0-9_][A-Za-z0-9_ :-]*$/.test(w))) return '';
  return words.map((w) => `?"${w}"`).join(' ');
}

export function resolveLogWatches(config: Pick<ProjectConfig, 'logWatches'>): ResolvedLogWatch[] {
  return (config.logWatches ?? []).map((w: LogWatchConfig) => ({
    name: w.name,
    logGroups: [...w.logGroups],
    pattern: w.pattern,
    filterPattern: w.filterPattern ?? derivedFilterPattern(w.pattern),
    windowMinutes: w.windowMinutes ?? DEFAULT_LOG_WINDOW_MINUTES,
  }));
}

export interface ResolvedLimitWatches {
  functions: { name: string; timeoutSeconds: number }[];
  tables: string[];
  threshold: number;
}

export function resolveLimitWatches(config: Pick<ProjectConfig, 'limitWatches'>): ResolvedLimitWatches {
  const l: LimitWatchConfig = config.limitWatches ?? {};
  return { functions: (l.functions ?? []).map((f) => ({ ...f })), tables: [...(l.tables ?? [])], threshold: l.threshold ?? DEFAULT_LIMIT_THRESHOLD };
}
