// The built-in defaults and the base URL's precedence, apart from resolve.ts so that the host process (which stores
// and alerts) can read them without loading Playwright.
import type { CheckOptions, ProjectConfig, ResolvedCheck } from './types.ts';

export const BUILT_IN_DEFAULTS = {
  tags: [] as string[],
  timeoutMs: 60_000,
  // Two retries with a short backoff: a request that fails one time in ten fails three attempts in a row one time in
  // a thousand (README: Alerts you can trust).
  retries: 2,
  screenshot: 'final',
  fullPage: false,
  mask: [] as string[],
  viewport: { width: 1280, height: 720 },
  locale: 'en-US',
  timezoneId: 'UTC',
  // No probe regions: a failure is judged from the home region alone.
  confirmFrom: [] as string[],
  confirmTimeoutMs: 60_000,
} satisfies CheckOptions;

/**
 * Alerts when nothing is set: failures, degradation and recovery; an incident after 2 failed runs in a row (each
 * already retried), so a hard-down site alerts on its second run and a flaky one stays quiet; a reminder every 5.
 */
export const DEFAULT_ALERTS: ResolvedCheck['alerts'] = { notify: 'problems', alertAfter: 2, remindEvery: 5, homeOnly: 'note' };

/** "Slower than usual" when nothing is set: see policy/usual.ts for the rule. */
export const DEFAULT_SLOWER_THAN_USUAL = { factor: 1.5, minDeltaMs: 50, window: 9, learnRuns: 20 } as const;

/** The rule from the option: `true`/unset is the default, `false` is off, an object overrides fields. */
export function resolveSlowerThanUsual(...layers: (CheckOptions['slowerThanUsual'])[]): ResolvedCheck['slowerThanUsual'] {
  let rule: ResolvedCheck['slowerThanUsual'] = { ...DEFAULT_SLOWER_THAN_USUAL };
  for (const layer of layers) {
    if (layer === undefined) continue;
    if (layer === false) rule = false;
    else if (layer === true) rule = rule || { ...DEFAULT_SLOWER_THAN_USUAL };
    else rule = { ...(rule || DEFAULT_SLOWER_THAN_USUAL), ...Object.fromEntries(Object.entries(layer).filter(([, v]) => v !== undefined)) };
  }
  return rule;
}

/** BASE_URL (environment) > config baseURL; empty when neither is set (checks then use absolute URLs). */
export function resolveBaseURL(config: ProjectConfig, env: NodeJS.ProcessEnv = process.env): string {
  return env.BASE_URL || config.baseURL || '';
}
