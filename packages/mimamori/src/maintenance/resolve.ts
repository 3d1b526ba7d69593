// Maintenance windows: known quiet times from the config (`maintenance`), evaluated purely — which windows cover a
// check at an instant (quiet.ts), when a window is next open (next-windows.ts). This file: a window with its defaults
// applied, as the CLI evaluates it and the build compiles it into the dispatcher (plain JSON).
import type { MaintenanceWindow, ProjectConfig } from '../check/types.ts';
import { windowTimeZone } from '../check/maintenance-config.ts';

/** A window with its zone settled (see MaintenanceWindow.timeZone for the default). */
export type ResolvedMaintenanceWindow = MaintenanceWindow & { timeZone: string };

export function resolveMaintenance(config: Pick<ProjectConfig, 'maintenance' | 'scheduleTimeZone' | 'slack'>): ResolvedMaintenanceWindow[] {
  return (config.maintenance ?? []).map((w) => ({ ...w, timeZone: windowTimeZone(w, config) }));
}
