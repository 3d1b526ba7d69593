// Who set a mute, as the channel is told: `--by`, else the git user of the project folder, else the OS user.
import { execFileSync } from 'node:child_process';
import { userInfo } from 'node:os';

export interface WhoSources {
  /** `git config user.name` in `cwd`, or undefined (no git, no name set). */
  gitUser?: (cwd: string) => string | undefined;
  osUser?: () => string | undefined;
}

export function gitUserName(cwd: string): string | undefined {
  try {
    return execFileSync('git', ['config', 'user.name'], { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], timeout: 5_000 }).trim() || undefined;
  } catch {
    return undefined;
  }
}

export function osUserName(): string | undefined {
  try {
    return userInfo().username || undefined;
  } catch {
    // No passwd entry (some containers): the environment may still say.
    return process.env.USER || process.env.USERNAME || undefined;
  }
}

/** `by` (trimmed) when given, else the git user in `cwd`, else the OS user, else `someone`. */
export function whoMutes(by: string | undefined, cwd: string, sources: WhoSources = {}): string {
  const { gitUser = gitUserName, osUser = osUserName } = sources;
  return by?.trim() || gitUser(cwd)?.trim() || osUser()?.trim() || 'someone';
}
