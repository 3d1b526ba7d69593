// The only place that knows where Chromium comes from and which flags it runs with.
import { existsSync } from 'node:fs';
import { chromium as playwright, type Browser, type BrowserContext } from 'playwright-core';
import { importExternal } from './import-external.ts';
import { installFonts } from './fonts.ts';

export class BrowserLaunchError extends Error {
  override name = 'BrowserLaunchError';
}

export interface ChromiumBuild {
  executablePath: string;
  args: string[];
  /** Where it came from, for messages: `MIMAMORI_CHROMIUM`, `@sparticuz/chromium` or `system`. */
  source: string;
}

const SYSTEM_CHROMES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable'];

// Flags every build gets. Background networking, component updates and sync dial Google's hosts at every start:
// on a closed network they fail noisily and slow the launch. --disable-gpu avoids SwiftShader compositing
// (a 3-journey run took 4.3 s with it, 2.6 s without).
const COMMON_ARGS = [
  '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync',
  '--no-first-run', '--disable-quic', '--no-sandbox',
];

// @sparticuz/chromium's own flags, minus the ones Playwright sets itself (headless) and the process-model flags
// Lambda's sandbox needs: with --single-process, closing one BrowserContext kills the browser for every later
// check; with --no-zygote, every new page execs a fresh renderer (a run of six checks used 7.5 s of CPU with it,
// 4.8 s without). Neither changes how a page renders.
// On Lambda itself they stay: its one worker keeps one browser across invocations, which --single-process suits.
const onLambda = () => Boolean(process.env.AWS_LAMBDA_FUNCTION_NAME);
const dropped = () => (onLambda() ? /^--headless(=|$)/ : /^--(single-process|headless|no-zygote)(=|$)/);

let sparticuzPath: Promise<ChromiumBuild> | undefined;

/** Inflates the Lambda build once per process (≈2 s the first time, cached in /tmp after). */
function sparticuzBuild(): Promise<ChromiumBuild> {
  sparticuzPath ??= importExternal<typeof import('@sparticuz/chromium')>('@sparticuz/chromium').then(async ({ default: sparticuz }) => {
    const executablePath = await sparticuz.executablePath();
    // After the unpacking (which skips its fonts.conf when /tmp/fonts exists) and before any launch: Japanese text
    // is legible, locally and on Lambda alike.
    await installFonts();
    return { executablePath, args: sparticuz.args.filter((a) => !dropped().test(a)), source: '@sparticuz/chromium' };
  });
  return sparticuzPath;
}

/** MIMAMORI_CHROMIUM wins; then the Lambda build on Linux x64 (a local run is what Lambda runs); then a system Chrome. */
export async function findChromium(env: NodeJS.ProcessEnv = process.env): Promise<ChromiumBuild> {
  const tried: string[] = [];
  if (env.MIMAMORI_CHROMIUM) {
    if (existsSync(env.MIMAMORI_CHROMIUM)) return { executablePath: env.MIMAMORI_CHROMIUM, args: [], source: 'MIMAMORI_CHROMIUM' };
    throw new BrowserLaunchError(`MIMAMORI_CHROMIUM is set to ${env.MIMAMORI_CHROMIUM}, but no file is there.`);
  }
  if (process.platform === 'linux' && process.arch === 'x64') {
    try {
      return await sparticuzBuild();
    } catch (error) {
      sparticuzPath = undefined;
      tried.push(`@sparticuz/chromium: ${(error as Error).message}`);
    }
  } else {
    tried.push(`@sparticuz/chromium: ships Linux x64 only (this is ${process.platform} ${process.arch})`);
  }
  const system = SYSTEM_CHROMES.find((p) => existsSync(p));
  if (system) return { executablePath: system, args: [], source: 'system' };
  tried.push(`system Chrome: none of ${SYSTEM_CHROMES.join(', ')}`);
  throw new BrowserLaunchError(`No Chromium could be used (${tried.join('; ')}). Set MIMAMORI_CHROMIUM to a Chrome or Chromium binary.`);
}

// Browsers started with --single-process (Lambda): closing a context there kills the whole browser.
const singleProcess = new WeakSet<Browser>();

/**
 * Ends a check's context. With --single-process its pages are closed and the (empty) context is left in place, so
 * the browser lives on for the next check or invocation; every check still gets a new context of its own.
 */
export async function closeContext(context: BrowserContext): Promise<void> {
  const browser = context.browser();
  if (browser && singleProcess.has(browser)) await Promise.all(context.pages().map((p) => p.close()));
  else await context.close();
}

/** One browser per worker; each check gets a fresh context in it. */
export async function launchBrowser(env: NodeJS.ProcessEnv = process.env): Promise<Browser> {
  const build = await findChromium(env);
  const args = [...build.args, ...COMMON_ARGS];
  try {
    const browser = await playwright.launch({
      executablePath: build.executablePath,
      args,
      headless: true,
      timeout: 30_000,
    });
    if (args.includes('--single-process')) singleProcess.add(browser);
    return browser;
  } catch (error) {
    throw new BrowserLaunchError(`Chromium (${build.source}, ${build.executablePath}) failed to start: ${(error as Error).message}`, { cause: error });
  }
}
