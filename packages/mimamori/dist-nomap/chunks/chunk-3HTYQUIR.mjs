// src/runner/fonts.ts
import { existsSync } from "node:fs";
import { copyFile, mkdir, readFile, rename, stat, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { pathToFileURL } from "node:url";
var FONT_PACKAGE = "@embedpdf/fonts-jp";
var FONT_NAMES = ["NotoSansJP-Regular.otf"];
var LAYER_FONT_DIR = "/opt/fonts";
var SPARTICUZ_FONT_DIRS = ["/var/task/.fonts", "/var/task/fonts", "/opt/fonts", "/tmp/fonts"];
function fontFiles() {
  const base = typeof import.meta.url === "string" ? import.meta.url : pathToFileURL(join(process.cwd(), "index.js")).href;
  let entry;
  try {
    entry = createRequire(base).resolve(FONT_PACKAGE);
  } catch (error) {
    throw new Error(`${FONT_PACKAGE} is not installed, so Japanese text would render blank: ${error.message}`, { cause: error });
  }
  return FONT_NAMES.map((name) => join(dirname(entry), "..", "fonts", name));
}
async function sameSize(a, b) {
  try {
    return (await stat(a)).size === (await stat(b)).size;
  } catch {
    return false;
  }
}
var sparticuzFontDir = () => join(tmpdir(), "fonts");
async function installFonts(dir = sparticuzFontDir(), layerDir, places = {}) {
  const env = places.env ?? process.env;
  const optFonts = join(places.root ?? "/", LAYER_FONT_DIR);
  layerDir ??= env.MIMAMORI_LAYER_FONTS ?? optFonts;
  const inLayer = FONT_NAMES.every((name) => existsSync(join(layerDir, name)));
  if (inLayer && layerDir === optFonts && env.AWS_EXECUTION_ENV) return;
  const sources = inLayer ? FONT_NAMES.map((name) => join(layerDir, name)) : fontFiles();
  await mkdir(dir, { recursive: true });
  await Promise.all(sources.map(async (source, i) => {
    const target = join(dir, FONT_NAMES[i]);
    if (await sameSize(source, target)) return;
    const partial = `${target}.${process.pid}.partial`;
    await copyFile(source, partial);
    await rename(partial, target);
  }));
  const conf = join(dir, "fonts.conf");
  if (!existsSync(conf) || !(await readFile(conf, "utf8")).includes(`<dir>${dir}</dir>`)) {
    const dirs = [.../* @__PURE__ */ new Set([...SPARTICUZ_FONT_DIRS, dir])].map((d) => `  <dir>${d}</dir>
`).join("");
    const xml = `<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "fonts.dtd">
<fontconfig>
${dirs}  <cachedir>${dir}-cache/</cachedir>
</fontconfig>
`;
    await writeFile(`${conf}.${process.pid}.partial`, xml);
    await rename(`${conf}.${process.pid}.partial`, conf);
  }
  env.FONTCONFIG_PATH ??= dir;
}

export {
  fontFiles,
  installFonts
};
