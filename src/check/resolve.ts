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

export function resolveCheck(check: CheckDefinition, file: string, config: ProjectConfig, baseURL: string): ResolvedCheck {
  const merged: CheckOptions & CheckDefinition = { ...BUILT_IN_DEFAULTS, ...config.defaults, ...check };
  // A device brings its own viewport, unless a viewport is set on the check itself.
  const deviceViewport = merged.device ? devices[merged.device]?.viewport : undefined;
  return {
    ...BUILT_IN_DEFAULTS,
    ...merged,
    viewport: check.viewport ?? deviceViewport ?? merged.viewport ?? BUILT_IN_DEFAULTS.viewport,
    tags: merged.tags ?? [],
    // Alert settings merge field by field: a check may change only its channel.
    alerts: { ...DEFAULT_ALERTS, ...config.defaults?.alerts, ...check.alerts },
    file,
    baseURL,
  } as ResolvedCheck;
}
