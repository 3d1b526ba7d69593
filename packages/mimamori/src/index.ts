// The public API for check authors: everything a check file imports comes from 'mimamori'.
import type { CheckDefinition, ProjectConfig } from './check/types.ts';

export { expect } from './expect.ts';
export type {
  CheckDefinition, CheckOptions, CheckContext, StepOptions, StepFn, ScreenshotPolicy, Viewport, ProjectConfig,
  WebServerConfig, MaintenanceWindow, MaintenanceWhen, WeeklyWhen, CronWhen, OnceWhen, Weekday, NotifyTarget, NotifyRoute,
} from './check/types.ts';
export type { CheckResult, StepResult, Navigation, RunResult, CheckStatus, FailureClass } from './result/types.ts';

/** Declares a check. Returns it unchanged: validation happens when the file is loaded, all problems at once. */
export function defineCheck(check: CheckDefinition): CheckDefinition {
  return check;
}

/** Declares the project config (`mimamori.config.ts`): base URL, web server, defaults for every check. */
export function defineConfig(config: ProjectConfig): ProjectConfig {
  return config;
}
