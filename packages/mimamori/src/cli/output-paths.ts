// The run's output paths (--out, --json, --junit), checked before anything runs: a run must not find out after its
// checks, with nothing to show for them, that it cannot write where it was told to.
import { accessSync, constants, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { displayPath } from '../check/display-path.ts';

/** `path` or its nearest ancestor that exists, and whether it is a folder. */
function nearestExisting(path: string): { path: string; folder: boolean } {
  for (let p = path; ; p = dirname(p)) {
    const info = statSync(p, { throwIfNoEntry: false });
    if (info) return { path: p, folder: info.isDirectory() };
    if (p === dirname(p)) return { path: p, folder: true };
  }
}

function writable(path: string): boolean {
  try {
    accessSync(path, constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * What stops a path from being written (`kind`: the out folder, or a file): it is the wrong kind of thing, or the
 * folder it needs cannot be made under what exists. Nothing is created here.
 */
function problem(flag: string, given: string, kind: 'folder' | 'file', cwd: string): string | undefined {
  const path = resolve(cwd, given);
  const existing = nearestExisting(path);
  const show = (p: string) => displayPath(p, cwd);
  if (existing.path === path) {
    if (existing.folder !== (kind === 'folder')) return `--${flag} ${given}: is a ${existing.folder ? 'folder' : 'file'}, not a ${kind}`;
    const folder = kind === 'folder' ? path : dirname(path);
    return writable(folder) ? undefined : `--${flag} ${given}: ${show(folder)} is not writable`;
  }
  if (!existing.folder) return `--${flag} ${given}: cannot be made: ${show(existing.path)} is a file`;
  return writable(existing.path) ? undefined : `--${flag} ${given}: cannot be made: ${show(existing.path)} is not writable`;
}

/** One line per unusable path, naming the option; empty when every output can be written. */
export function outputPathProblems(options: { out: string; json?: string; junit?: string }, cwd: string): string[] {
  return [
    problem('out', options.out, 'folder', cwd),
    options.json === undefined ? undefined : problem('json', options.json, 'file', cwd),
    options.junit === undefined ? undefined : problem('junit', options.junit, 'file', cwd),
  ].filter((p): p is string => p !== undefined);
}
