// What `mimamori mute` needs of the project: the config (where the store is, the time zone, Slack) and each check's
// name and tags — loaded as `validate` loads them, in a worker process, so check code never runs in this one.
import { routeSecretNames } from '../check/notify-route.ts';
import { dirname } from 'node:path';
import type { ProjectConfig } from '../check/types.ts';
import { isNote } from '../result/types.ts';
import { redactorFor, structuralRedactor } from '../result/redact.ts';
import { WorkerPool } from '../runner/worker-pool.ts';
import { WORKER_LOAD_ONLY_ENV } from '../runner/worker-protocol.ts';

export interface MuteProject {
  config: ProjectConfig;
  /** The config's folder (else where the command runs): where `git config user.name` is asked. */
  folder: string;
  checks: { name: string; tags: string[] }[];
  /** What did not load, in words (redacted): said as warnings, since a mute of a check that loaded still works. */
  problems: string[];
}

export type LoadMuteProject = (cwd: string, configPath: string | undefined) => Promise<MuteProject>;

/** Thrown when the project could not be loaded at all (the worker failed or timed out). */
export class ProjectLoadError extends Error {
  override name = 'ProjectLoadError';
}

/**
 * Loads through the worker bundle at `workerScript` (the CLI's entry knows where it is: see load-project.ts, which only
 * the entry's side may import). `loadTimeoutMs` may throw on a bad MIMAMORI_IMPORT_TIMEOUT: a ProjectLoadError then.
 */
export function workerProjectLoader(workerScript: string, loadTimeoutMs: () => number): LoadMuteProject {
  return async (cwd, configPath) => {
    let timeoutMs: number;
    try {
      timeoutMs = loadTimeoutMs();
    } catch (error) {
      throw new ProjectLoadError((error as Error).message);
    }
    const pool = new WorkerPool({ script: workerScript, size: 1, holdOutput: true, env: { ...process.env, [WORKER_LOAD_ONLY_ENV]: '1' } });
    try {
      let loaded;
      try {
        loaded = await pool.load({ kind: 'files', cwd, configPath, targets: [] }, timeoutMs);
      } catch (error) {
        throw new ProjectLoadError(structuralRedactor().text((error as Error).message));
      }
      const { project } = loaded;
      const redact = redactorFor(project.checks, project.config, process.env, routeSecretNames(project.checks, project.config)).text;
      return {
        config: project.config,
        folder: project.configFile ? dirname(project.configFile) : cwd,
        checks: project.checks.map((c) => ({ name: c.name, tags: c.tags ?? [] })),
        problems: project.problems.filter((p) => !isNote(p)).map((p) => redact(`${p.file}${p.field ? ` › ${p.field}` : ''}: ${p.message}`)),
      };
    } finally {
      await pool.close(1_000);
    }
  };
}
