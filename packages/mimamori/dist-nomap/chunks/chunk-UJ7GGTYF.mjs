// src/check/discover.ts
import { readdir, stat } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
var CHECK_FILE = /\.check\.(ts|mts|js|mjs)$/;
var DEFAULT_CHECKS_DIR = "checks";
function checksDirPath(checksDir, configFile, cwd) {
  return resolve(configFile ? dirname(configFile) : cwd, checksDir ?? DEFAULT_CHECKS_DIR);
}
async function walk(dir) {
  const entries = await readdir(dir, { withFileTypes: true });
  const found = await Promise.all(
    entries.map(async (e) => {
      if (e.name === "node_modules" || e.name.startsWith(".")) return [];
      const path = join(dir, e.name);
      if (e.isDirectory()) return walk(path);
      return CHECK_FILE.test(e.name) ? [path] : [];
    })
  );
  return found.flat().sort();
}
async function discover(args, cwd, checksDir) {
  const files = /* @__PURE__ */ new Set();
  const names = [];
  for (const arg of args) {
    const path = resolve(cwd, arg);
    const info = await stat(path).catch(() => void 0);
    if (info?.isDirectory()) (await walk(path)).forEach((f) => files.add(f));
    else if (info?.isFile()) files.add(path);
    else names.push(arg);
  }
  const explicit = [...files].sort();
  if (args.length === 0 || names.length > 0) {
    const dir = resolve(cwd, checksDir);
    const all = await stat(dir).then((i) => i.isDirectory(), () => false);
    if (all) (await walk(dir)).forEach((f) => files.add(f));
  }
  return { files: [...files].sort(), explicit, names };
}

export {
  checksDirPath,
  discover
};
