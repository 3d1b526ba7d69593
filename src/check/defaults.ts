// The built-in defaults and the base URL's precedence, apart from resolve.ts so that the host process (which stores
// and alerts) can read them without loading Playwright.
import type { CheckOptions, ProjectConfig, ResolvedCheck } from './types.ts';

export const BUILT_IN_DEFAULTS = {
  tags: [] as string[],
  timeoutMs: 60_000,
  retries: 1,
  screenshot: 'final',
  fullPage: false,
  mask: [] as string[],
  viewport: { width: 1280, height: 720 },
  locale: 'en-US',
  timezoneId: 'UTC',
} satisfies CheckOptions;

/** Alerts when nothing is set: failures, degradation and recovery; an incident from the first failure; a reminder every 5. */
export const DEFAULT_ALERTS: ResolvedCheck['alerts'] = { notify: 'problems', alertAfter: 1, remindEvery: 5 };

/** BASE_URL (environment) > config baseURL; empty when neither is set (checks then use absolute URLs). */
export function resolveBaseURL(config: ProjectConfig, env: NodeJS.ProcessEnv = process.env): string {
  return env.BASE_URL || config.baseURL || '';
}
