// Layers defaults in one place: built-in < config `defaults` < the check's own options; BASE_URL env beats config.
import { devices } from 'playwright-core';
import type { CheckDefinition, CheckOptions, ProjectConfig, ResolvedCheck } from './types.ts';
import { BUILT_IN_DEFAULTS, DEFAULT_ALERTS, resolveSlowerThanUsual } from './defaults.ts';
import { checkName } from './name.ts';

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
    name: checkName(merged.name),
    viewport: own.viewport ?? deviceViewport ?? merged.viewport,
    // Alert settings merge field by field: a check may change only its channel.
    alerts: { ...DEFAULT_ALERTS, ...defined(config.defaults?.alerts), ...defined(check.alerts) },
    slowerThanUsual: resolveSlowerThanUsual(config.defaults?.slowerThanUsual, check.slowerThanUsual),
    // Secrets add up: a project-wide API key and the check's own password are both needed.
    secrets: [...new Set([...(config.defaults?.secrets ?? []), ...(check.secrets ?? [])])],
    ...(merged.expectedStatus === undefined ? {} : { expectedStatus: [merged.expectedStatus].flat() }),
    file,
    baseURL,
  } as ResolvedCheck;
}
