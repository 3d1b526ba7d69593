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
 * `%ERROR|Unhandled%`): only lines holding one of them invoke the handler. It is CloudWatch's own regex form, which
 * like JavaScript's finds a word anywhere in the line (`%Error%` delivers `TypeError: …`; the term form `?"Error"`
 * matches whole terms and would not). Anything else gives '' — every line is delivered and the regular expression
 * alone decides — because CloudWatch's regex allows only letters, digits and `_ : # = @ / ; , -` besides its
 * operators (no spaces, no groups, no flags), and a filter narrower than the expression would silently drop lines.
 */
export function derivedFilterPattern(pattern: RegExp): string {
  if (pattern.flags.replace(/[gu]/g, '') !== '') return '';
  const words = pattern.source.split('|');
  // Each of these characters means itself in both syntaxes (CloudWatch's supported symbols, outside a class).
  if (!words.every((w) => /^[A-Za-z0-9_:#=@;,-]+$/.test(w))) return '';
  const filter = `%${pattern.source}%`;
  return filter.length <= 1024 ? filter : '';
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
