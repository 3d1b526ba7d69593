// The only place that knows where Chromium comes from and which flags it runs with.
import { existsSync, readFileSync } from 'node:fs';
import { chromium as playwright, type Browser, type BrowserContext } from 'playwright-core';
import { importExternal } from './import-external.ts';
import { installFonts } from './fonts.ts';
import { installedBrowser, isWsl, LAMBDA_SOURCE, noBrowserMessage, type BrowserHost, type BrowserIdentity } from './browser-candidates.ts';

export class BrowserLaunchError extends Error {
  override name = 'BrowserLaunchError';
}

export interface ChromiumBuild extends BrowserIdentity {
  executablePath: string;
  args: string[];
}

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
    const args = sparticuz.args.filter((a) => !dropped().test(a));
    return { executablePath, args, name: 'Chromium', source: LAMBDA_SOURCE, path: executablePath };
  });
  return sparticuzPath;
}

/** What findChromium looks at; each defaults to this machine's (tests inject macOS, Windows, arm64, WSL). */
export interface FindOptions extends Partial<Omit<BrowserHost, 'env'>> {
  /** The Lambda build (Linux x64 only): default @sparticuz/chromium, inflated once per process. */
  lambdaBuild?: () => Promise<ChromiumBuild>;
}

function playwrightChromium(): string | undefined {
  try {
    return playwright.executablePath() || undefined;
  } catch {
    return undefined;
  }
}

function osRelease(): string {
  try {
    return readFileSync('/proc/sys/kernel/osrelease', 'utf8');
  } catch {
    return '';
  }
}

/**
 * MIMAMORI_CHROMIUM wins; then the Lambda build on Linux x64, WSL included (a local run is what Lambda runs); then an
 * installed Chrome, Chromium or Edge (browser-candidates.ts); else one message saying what to install.
 */
export async function findChromium(env: NodeJS.ProcessEnv = process.env, o: FindOptions = {}): Promise<ChromiumBuild> {
  const platform = o.platform ?? process.platform;
  const host: BrowserHost = {
    platform,
    arch: o.arch ?? process.arch,
    env,
    exists: o.exists ?? existsSync,
    osRelease: o.osRelease ?? (platform === 'linux' ? osRelease() : undefined),
  };
  const wsl = isWsl(host) || undefined;
  const tried: string[] = [];
  if (env.MIMAMORI_CHROMIUM) {
    const path = env.MIMAMORI_CHROMIUM;
    if (host.exists(path)) return { executablePath: path, args: [], name: 'Chromium', source: 'MIMAMORI_CHROMIUM', path };
    throw new BrowserLaunchError(`MIMAMORI_CHROMIUM is set to ${path}, but no file is there.`);
  }
  if (host.platform === 'linux' && host.arch === 'x64') {
    const lambdaBuild = o.lambdaBuild ?? sparticuzBuild;
    try {
      return { ...(await lambdaBuild()), ...(wsl && { wsl }) };
    } catch (error) {
      if (!o.lambdaBuild) sparticuzPath = undefined;
      tried.push(`The Lambda build (${LAMBDA_SOURCE}) could not be used: ${(error as Error).message}`);
    }
  }
  // Asked only now: on Linux x64 (and Lambda) the Lambda build is the answer.
  host.playwrightChromium = 'playwrightChromium' in o ? o.playwrightChromium : playwrightChromium();
  const found = installedBrowser(host);
  if (found) return { executablePath: found.path, args: [], ...found, ...(wsl && { wsl }) };
  throw new BrowserLaunchError(noBrowserMessage(host, tried));
}

// Browsers started with --single-process (Lambda): closing a context there kills the whole browser.
const singleProcess = new WeakSet<Browser>();
// Which build each browser is, for the run header.
const identities = new WeakMap<Browser, BrowserIdentity>();

/** Which build `browser` (from launchBrowser) is: its name, where it came from, its path. */
export function browserIdentity(browser: Browser): BrowserIdentity | undefined {
  return identities.get(browser);
}

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
    const { name, source, path, wsl } = build;
    identities.set(browser, { name, source, path, ...(wsl && { wsl }) });
    return browser;
  } catch (error) {
    // Ubuntu's chromium-browser is a snap, confined away from the /tmp profile folder Playwright gives it.
    const snap = /^\/snap\/|\/chromium-browser$/.test(build.executablePath)
      ? ' (a snap Chromium may not reach its profile under /tmp: install Google Chrome or a non-snap Chromium, or set MIMAMORI_CHROMIUM)' : '';
    throw new BrowserLaunchError(`${build.name} (${build.source}, ${build.executablePath}) failed to start${snap}: ${(error as Error).message}`, { cause: error });
  }
}
