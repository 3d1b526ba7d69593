// The modules the build (`npm run build`) generates from checks/ and mimamori.config.ts at build time.
declare module 'virtual:mimamori-checks' {
  import type { Registry } from '../src/lambda/registry.ts';
  export const registry: Registry;
}
declare module 'virtual:mimamori-schedules' {
  import type { DigestSchedule, ScheduledCheck } from '../src/lambda/dispatch.ts';
  export const schedules: ScheduledCheck[];
  export const timeZone: string;
  /** Every compiled-in check's name, scheduled or not: what a manual run may ask for. */
  export const checkNames: string[];
  /** The config's daily picture (`digest`), or null without one. */
  export const digest: DigestSchedule | null;
}
