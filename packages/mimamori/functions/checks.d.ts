// The modules the build (`mimamori build`) generates from checks/ and mimamori.config.ts at build time.
declare module 'virtual:mimamori-checks' {
  import type { Registry } from '../src/lambda/registry.ts';
  export const registry: Registry;
}
declare module 'virtual:mimamori-schedules' {
  import type { DigestSchedule, ScheduledCheck } from '../src/lambda/dispatch.ts';
  import type { ResolvedMaintenanceWindow } from '../src/maintenance/resolve.ts';
  export const schedules: ScheduledCheck[];
  export const timeZone: string;
  /** Every compiled-in check's name, scheduled or not: what a manual run may ask for. */
  export const checkNames: string[];
  /** The config's daily picture (`digest`), or null without one. */
  export const digest: DigestSchedule | null;
  /** The config's maintenance windows, each with its zone settled. */
  export const maintenance: ResolvedMaintenanceWindow[];
}
declare module 'virtual:mimamori-log-watches' {
  import type { ResolvedLogWatch } from '../src/check/watches.ts';
  /** The config's logWatches, defaults applied. */
  export const logWatches: ResolvedLogWatch[];
  /** The config's `redact` (more secret query-parameter names). */
  export const redact: { queryParams?: string[] };
  /** slack.timeZone, else UTC: times in the messages. */
  export const timeZone: string;
}
