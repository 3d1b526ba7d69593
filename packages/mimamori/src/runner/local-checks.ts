// The worker's check source for `npm run check`: the config and check files from disk, compiled with esbuild.
import { resolve } from 'node:path';
import { loadChecks, loadConfig } from '../check/load.ts';
import { checksDirPath, discover } from '../check/discover.ts';
import { importTimeoutMs } from '../check/import-timeout.ts';
import { displayPath } from '../check/display-path.ts';
import { importTs, stopCompiler } from '../check/import-ts.ts';
import { checkData, type CheckData } from '../check/check-data.ts';
import { loadSecretsFile, secretsFilePath, unloadSecretsFile } from '../check/secrets-file.ts';
import type { CheckDefinition } from '../check/types.ts';
import type { CheckSource } from './worker-main.ts';

export function localChecks(): CheckSource {
  return {
    async load(request) {
      if (request.kind !== 'files') throw new Error(`local checks load files, not ${request.kind}`);
      const { cwd } = request;
      // One limit for every file's top-level code (the host checked the variable before asking).
      const imports = { timeoutMs: importTimeoutMs() };
      const { config, file: configFile, problems: configProblems } = await loadConfig(cwd, request.configPath, imports);
      // Before the check files are imported: their top-level code (and options) may read process.env. The host reads
      // the same file into its own environment and reports what is missing (src/cli/main.ts).
      const secretsFile = secretsFilePath(config, configFile, cwd);
      const fromFile = loadSecretsFile(secretsFile, displayPath(secretsFile, cwd));
      const selection = await discover(request.targets, cwd, checksDirPath(config.checksDir, configFile, cwd));
      // A run by name stops waiting for files still loading once the names are found (and the files it names have
      // loaded): it does not need them. --tag and --grep only narrow the named checks (in the host), so they cannot make
      // another file needed; without names they make every file needed (see allFound).
      const wanted = { names: selection.names, files: selection.explicit };
      // Imported: the file's values leave this worker's environment; each attempt brings its own check's (declaredSecrets).
      const loaded = await loadChecks(selection.files, config, cwd, { ...imports, wanted }).finally(() => unloadSecretsFile(fromFile));
      await stopCompiler(); // esbuild's service process is not needed while checks run
      return {
        config,
        configFile,
        checks: loaded.checks.map((c) => checkData(c, resolve(cwd, c.file))),
        problems: [...configProblems, ...loaded.problems],
        explicit: selection.explicit.map((f) => displayPath(f, cwd)),
        names: selection.names,
      };
    },
    async runOf(check: CheckData) {
      if (!check.source) throw new Error(`check "${check.name}" has no source file to load`);
      // Compiled already by the load (cached by mtime): this is an import, and Node's module cache after the first.
      const { module, problems } = await importTs(check.source, check.file);
      const definition = module?.default as CheckDefinition | undefined;
      if (!definition || typeof definition.run !== 'function') {
        throw new Error(`${check.file} could not be loaded in the worker: ${problems.map((p) => p.message).join('; ') || 'no run function'}`);
      }
      return definition.run;
    },
  };
}
