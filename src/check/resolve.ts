// Layers defaults in one place: built-in < config `defaults` < the check's own options; BASE_URL env beats config.
import { devices } from 'playwright-core';
import type { CheckDefinition, CheckOptions, ProjectConfig, ResolvedCheck } from './types.ts';

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

/** `{ retries: undefined }` means "not set": without this, spreading it would wipe the default out. */
function defined<T extends object>(value: T | undefined): Partial<T> {
  return Object.fromEntries(Object.entries(value ?? {}).filter(([, v]) => v !== undefined)) as Partial<T>;
}

export function resolveCheck(check: CheckDefinition, file: string, config: ProjectConfig, baseURL: string): ResolvedCheck {
  const own = defined(check);
  const merged = { ...BUILT_IN_DEFAULTS, ...defined(config.defaults), ...own } as CheckOptions & CheckDefinition;
  // A device brings its own viewport, unless a viewport is set on the check itself.
  const deviceViewport = merged.device ? devices[merged.device]?.viewport : undefined;
  return {
    ...merged,
    viewport: own.viewport ?? deviceViewport ?? merged.viewport,
    // Alert settings merge field by field: a check may change only its channel.
    alerts: { ...DEFAULT_ALERTS, ...defined(config.defaults?.alerts), ...defined(check.alerts) },
    file,
    baseURL,
  } as ResolvedCheck;
}
