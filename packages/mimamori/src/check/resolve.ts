// Layers defaults in one place: built-in < config `defaults` < the check's own options; BASE_URL env beats config.
import { devices } from 'playwright-core';
import type { CheckDefinition, CheckOptions, ProjectConfig, ResolvedCheck, ResolvedVisual } from './types.ts';
import { BUILT_IN_DEFAULTS, DEFAULT_ALERTS, resolveSlowerThanUsual } from './defaults.ts';
import { checkName } from './name.ts';

/** Playwright's trace, kept when the run failed: measured at a few % of a run's time (README: Trace on failure). */
export const DEFAULT_TRACE = 'retain-on-failure' as const;

/** `{ retries: undefined }` means "not set": without this, spreading it would wipe the default out. */
function defined<T extends object>(value: T | undefined): Partial<T> {
  return Object.fromEntries(Object.entries(value ?? {}).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/** The visual rule's defaults: pixelmatch's own threshold, 1 % of the pixels, degraded. */
export const DEFAULT_VISUAL: ResolvedVisual = { threshold: 0.1, maxDiffPixelRatio: 0.01, mask: [], onChange: 'degraded' };

/** Off unless set; `false` turns a default off; an object overrides the fields it sets (on the defaults' rule). */
export function resolveVisual(...layers: CheckOptions['visual'][]): ResolvedVisual | false {
  let rule: ResolvedVisual | false = false;
  for (const layer of layers) {
    if (layer === undefined) continue;
    rule = layer === false ? false : { ...(rule || DEFAULT_VISUAL), ...defined(layer) };
  }
  return rule;
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
    visual: resolveVisual(config.defaults?.visual, check.visual),
    // The check's own targets only: routes by tag sit between them and the defaults' (check/notify-route.ts).
    notify: check.notify,
    ...(merged.expectedStatus === undefined ? {} : { expectedStatus: [merged.expectedStatus].flat() }),
    trace: merged.trace ?? DEFAULT_TRACE,
    file,
    baseURL,
  } as ResolvedCheck;
}
