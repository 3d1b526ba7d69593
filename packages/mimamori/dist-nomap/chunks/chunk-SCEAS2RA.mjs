import {
  installFonts
} from "./chunk-3HTYQUIR.mjs";
import {
  LAMBDA_SOURCE,
  installedBrowser,
  isWsl,
  noBrowserMessage,
  within
} from "./chunk-PU65TNXR.mjs";

// src/runner/browser.ts
import { existsSync, readFileSync } from "node:fs";
import { chromium as playwright } from "playwright-core";

// src/runner/import-external.ts
import { createRequire } from "node:module";
import { pathToFileURL } from "node:url";
async function importExternal(name) {
  const path = createRequire(import.meta.url).resolve(name);
  return await import(pathToFileURL(path).href);
}

// src/runner/browser.ts
var BrowserLaunchError = class extends Error {
  name = "BrowserLaunchError";
};
var COMMON_ARGS = [
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
  "--disable-quic",
  "--no-sandbox"
];
var onLambda = () => Boolean(process.env.AWS_LAMBDA_FUNCTION_NAME);
var dropped = () => onLambda() ? /^--headless(=|$)/ : /^--(single-process|headless|no-zygote)(=|$)/;
var sparticuzPath;
function sparticuzBuild() {
  sparticuzPath ??= importExternal("@sparticuz/chromium").then(async ({ default: sparticuz }) => {
    const executablePath = await sparticuz.executablePath();
    await installFonts();
    const args = sparticuz.args.filter((a) => !dropped().test(a));
    return { executablePath, args, name: "Chromium", source: LAMBDA_SOURCE, path: executablePath };
  });
  return sparticuzPath;
}
function playwrightChromium() {
  try {
    return playwright.executablePath() || void 0;
  } catch {
    return void 0;
  }
}
function osRelease() {
  try {
    return readFileSync("/proc/sys/kernel/osrelease", "utf8");
  } catch {
    return "";
  }
}
async function findChromium(env = process.env, o = {}) {
  const platform = o.platform ?? process.platform;
  const host = {
    platform,
    arch: o.arch ?? process.arch,
    env,
    exists: o.exists ?? existsSync,
    osRelease: o.osRelease ?? (platform === "linux" ? osRelease() : void 0)
  };
  const wsl = isWsl(host) || void 0;
  const tried = [];
  if (env.MIMAMORI_CHROMIUM) {
    const path = env.MIMAMORI_CHROMIUM;
    if (host.exists(path)) return { executablePath: path, args: [], name: "Chromium", source: "MIMAMORI_CHROMIUM", path };
    throw new BrowserLaunchError(`MIMAMORI_CHROMIUM is set to ${path}, but no file is there.`);
  }
  if (host.platform === "linux" && host.arch === "x64") {
    const lambdaBuild = o.lambdaBuild ?? sparticuzBuild;
    try {
      return { ...await lambdaBuild(), ...wsl && { wsl } };
    } catch (error) {
      if (!o.lambdaBuild) sparticuzPath = void 0;
      tried.push(`The Lambda build (${LAMBDA_SOURCE}) could not be used: ${error.message}`);
    }
  }
  host.playwrightChromium = "playwrightChromium" in o ? o.playwrightChromium : playwrightChromium();
  const found = installedBrowser(host);
  if (found) return { executablePath: found.path, args: [], ...found, ...wsl && { wsl } };
  throw new BrowserLaunchError(noBrowserMessage(host, tried));
}
var singleProcess = /* @__PURE__ */ new WeakSet();
var identities = /* @__PURE__ */ new WeakMap();
function browserIdentity(browser) {
  return identities.get(browser);
}
async function closeContext(context) {
  const browser = context.browser();
  if (browser && singleProcess.has(browser)) await Promise.all(context.pages().map((p) => p.close()));
  else await context.close();
}
async function launchBrowser(env = process.env) {
  const build = await findChromium(env);
  const args = [...build.args, ...COMMON_ARGS];
  try {
    const browser = await playwright.launch({
      executablePath: build.executablePath,
      args,
      headless: true,
      timeout: 3e4
    });
    if (args.includes("--single-process")) singleProcess.add(browser);
    const { name, source, path, wsl } = build;
    identities.set(browser, { name, source, path, ...wsl && { wsl } });
    return browser;
  } catch (error) {
    const snap = /^\/snap\/|\/chromium-browser$/.test(build.executablePath) ? " (a snap Chromium may not reach its profile under /tmp: install Google Chrome or a non-snap Chromium, or set MIMAMORI_CHROMIUM)" : "";
    throw new BrowserLaunchError(`${build.name} (${build.source}, ${build.executablePath}) failed to start${snap}: ${error.message}`, { cause: error });
  }
}

// src/runner/render-page.ts
async function renderPage(browser, html, size, limits) {
  const context = await browser.newContext({ viewport: size, deviceScaleFactor: 1 });
  try {
    const page = await context.newPage();
    await page.setContent(html, { waitUntil: "load", timeout: limits.timeoutMs });
    await page.waitForFunction(() => document.documentElement.dataset.ready === "1", void 0, { timeout: limits.readyMs, polling: "raf" }).catch((error) => {
      throw /timeout/i.test(error.message) ? new Error(`the page did not set data-ready="1" within ${limits.readyMs} ms (did its script fail?)`) : error;
    });
    return await page.screenshot({ type: "png", timeout: limits.timeoutMs });
  } finally {
    await within(closeContext(context), limits.timeoutMs);
  }
}

export {
  findChromium,
  browserIdentity,
  closeContext,
  launchBrowser,
  renderPage
};
