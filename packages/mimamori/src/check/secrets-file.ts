// Declared secrets on a local run: the secrets file (`.env`, or the config's `secretsFile`) fills in variables the
// environment does not set, and a declared secret that is still missing or too short is a problem with its check.
// Both the worker that loads the checks (their files may read process.env as they are imported; the values leave its
// environment once they are) and the host (redaction and the secret checks read the values from it) read the same file
// this way. No check sees the whole file as it runs: only its own declared secrets (`declaredSecrets`).
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { HOST_CREDENTIALS } from '../result/redact.ts';
import type { Diagnostic } from '../result/types.ts';
import type { ProjectConfig } from './types.ts';

export const DEFAULT_SECRETS_FILE = '.env';
/** A shorter value could not be redacted without mangling everything else that contains it. */
export const MIN_SECRET_LENGTH = 4;

/** The secrets file: the config's `secretsFile` (default `.env`), relative to the config's folder. */
export function secretsFilePath(config: ProjectConfig, configFile: string | undefined, cwd: string): string {
  return resolve(configFile ? dirname(configFile) : cwd, config.secretsFile ?? DEFAULT_SECRETS_FILE);
}

// One assignment: `KEY=value`, `export KEY=value`, a quoted value (which may span lines), a trailing `# comment`.
// dotenv's grammar (and Node's own `util.parseEnv`, which only exists from Node 20.12).
const LINE = /^\s*(?:export\s+)?([\w.-]+)(?:\s*=\s*?|:\s+?)(\s*'(?:\\'|[^'])*'|\s*"(?:\\"|[^"])*"|\s*`(?:\\`|[^`])*`|[^#\r\n]+)?\s*(?:#.*)?$/gm;

/**
 * KEY=VALUE lines into a map. `#` starts a comment (quote a value that contains one); quotes are removed; in double
 * quotes `\n` is a line break. Lines that are not assignments are ignored; a later assignment wins.
 */
export function parseEnvFile(text: string): Record<string, string> {
  const values: Record<string, string> = {};
  const source = text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  for (const [, key, raw = ''] of source.matchAll(LINE)) {
    let value = raw.trim();
    const quote = value[0];
    if ((quote === '"' || quote === "'" || quote === '`') && value.endsWith(quote) && value.length > 1) {
      value = value.slice(1, -1);
      if (quote === '"') value = value.replace(/\\n/g, '\n').replace(/\\r/g, '\r');
    }
    values[key!] = value;
  }
  return values;
}

export interface SecretsFileLoad {
  /** Names set from the file (those the environment did not set already). */
  applied: string[];
  /** The file exists but could not be read. */
  problem?: Diagnostic;
}

/**
 * Reads the secrets file, when there is one, into `env` without overriding what is set there already: the
 * environment wins, as with dotenv. No file is fine (the environment may hold everything).
 */
export function loadSecretsFile(path: string, label: string, env: NodeJS.ProcessEnv = process.env): SecretsFileLoad {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { applied: [] };
    return { applied: [], problem: { file: label, message: `cannot be read: ${(error as Error).message}` } };
  }
  const applied: string[] = [];
  for (const [key, value] of Object.entries(parseEnvFile(text))) {
    if (env[key] !== undefined) continue;
    env[key] = value;
    applied.push(key);
  }
  return { applied };
}

/**
 * What one check may see of the secrets file: its declared names' values (set in `env`), nothing else. Locally the
 * workers run with the environment as it was before the file was read; each attempt brings its check's own secrets.
 * Never the host's own credentials (its AWS keys, its Slack token), whatever a check declares: validation refuses those
 * names, and this is the last door they could pass through.
 */
export function declaredSecrets(names: readonly string[], env: NodeJS.ProcessEnv): Record<string, string> {
  const own: Record<string, string> = {};
  for (const name of names) {
    if (HOST_CREDENTIALS.includes(name)) continue;
    const value = env[name];
    if (value !== undefined) own[name] = value;
  }
  return own;
}

/** Takes back what `loadSecretsFile` set (the names it applied): the file's values leave `env` again. */
export function unloadSecretsFile(load: SecretsFileLoad, env: NodeJS.ProcessEnv = process.env): void {
  for (const name of load.applied) delete env[name];
}

/**
 * A declared secret that is not set (or empty) is never silently replaced: its check does not run. Nor one too short
 * to redact. The messages name the secret, never its value.
 */
export function secretProblems(checks: { file: string; secrets: string[] }[], env: NodeJS.ProcessEnv, fileLabel: string): Diagnostic[] {
  return checks.flatMap((check) => check.secrets.flatMap((name): Diagnostic[] => {
    const value = env[name];
    const problem = (message: string): Diagnostic[] => [{ file: check.file, field: 'secrets', message, severity: 'error' }];
    if (value === undefined || value === '') {
      return problem(`${name} is declared but not set: set it in the environment or in ${fileLabel} (never commit it)`);
    }
    if (value.length < MIN_SECRET_LENGTH) {
      return problem(`${name} is too short to be redacted safely (fewer than ${MIN_SECRET_LENGTH} characters): use the real secret`);
    }
    return [];
  }));
}
