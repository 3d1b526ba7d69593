// Where an installed Chrome, Chromium or Edge lives on each OS — the places Playwright's `chrome`, `msedge` (and
// `-beta`) channels look, plus the usual Linux packages and Playwright's own download — and what to say when none is
// there. Pure: the platform, environment and file system come in, so macOS, Windows, arm64 and WSL are tested here.
import { posix, win32 } from 'node:path';

export interface BrowserHost {
  platform: NodeJS.Platform;
  arch: string;
  env: Record<string, string | undefined>;
  exists(path: string): boolean;
  /** Linux's /proc/sys/kernel/osrelease (`…-microsoft-standard-WSL2` inside WSL). */
  osRelease?: string;
  /** Where this playwright-core's own Chromium is once `npx playwright install chromium` has run. */
  playwrightChromium?: string;
}

export interface BrowserCandidate {
  /** What the run header calls it: `Google Chrome`, `Microsoft Edge`, `Chromium`. */
  name: string;
  path: string;
  source: 'system' | 'playwright';
}

/** The browser a run uses, as the worker reports it to the run header. */
export interface BrowserIdentity {
  name: string;
  /** `@sparticuz/chromium` (the Lambda build), `MIMAMORI_CHROMIUM`, `system` or `playwright`. */
  source: string;
  path: string;
  /** Inside WSL (a Linux browser; a Windows one cannot be driven from there). */
  wsl?: boolean;
}

export const LAMBDA_SOURCE = '@sparticuz/chromium';

/** WSL runs Linux binaries on a Microsoft kernel: it sets WSL_DISTRO_NAME/WSL_INTEROP and says so in osrelease. */
export function isWsl(host: Pick<BrowserHost, 'platform' | 'env' | 'osRelease'>): boolean {
  return host.platform === 'linux' && Boolean(host.env.WSL_DISTRO_NAME || host.env.WSL_INTEROP || /microsoft/i.test(host.osRelease ?? ''));
}

// Stable channels first: Chrome, then Chromium (the open-source build Lambda's is made from), then Edge; the beta
// channels only when no stable one is installed (a canary or dev build may be newer than playwright-core speaks).
const MAC_APPS: [string, string][] = [
  ['Google Chrome', 'Google Chrome.app/Contents/MacOS/Google Chrome'],
  ['Chromium', 'Chromium.app/Contents/MacOS/Chromium'],
  ['Microsoft Edge', 'Microsoft Edge.app/Contents/MacOS/Microsoft Edge'],
  ['Google Chrome Beta', 'Google Chrome Beta.app/Contents/MacOS/Google Chrome Beta'],
  ['Microsoft Edge Beta', 'Microsoft Edge Beta.app/Contents/MacOS/Microsoft Edge Beta'],
];
const WINDOWS_APPS: [string, string][] = [
  ['Google Chrome', 'Google\\Chrome\\Application\\chrome.exe'],
  ['Chromium', 'Chromium\\Application\\chrome.exe'],
  ['Microsoft Edge', 'Microsoft\\Edge\\Application\\msedge.exe'],
  ['Google Chrome Beta', 'Google\\Chrome Beta\\Application\\chrome.exe'],
  ['Microsoft Edge Beta', 'Microsoft\\Edge Beta\\Application\\msedge.exe'],
];
const LINUX_APPS: [string, string][] = [
  ['Google Chrome', '/opt/google/chrome/chrome'],
  ['Google Chrome', '/usr/bin/google-chrome-stable'],
  ['Google Chrome', '/usr/bin/google-chrome'],
  ['Chromium', '/usr/bin/chromium'],
  ['Chromium', '/usr/bin/chromium-browser'],
  ['Microsoft Edge', '/opt/microsoft/msedge/msedge'],
  ['Microsoft Edge', '/usr/bin/microsoft-edge-stable'],
  ['Google Chrome Beta', '/opt/google/chrome-beta/chrome'],
  ['Microsoft Edge Beta', '/opt/microsoft/msedge-beta/msedge'],
];
/** Ubuntu's snap Chromium is last: its confinement may refuse a profile under /tmp (where Playwright puts it). */
const SNAP_CHROMIUM = '/snap/bin/chromium';

/** Every place looked at, in order (whether or not something is there). */
export function browserCandidates(host: BrowserHost): BrowserCandidate[] {
  const system = (name: string, path: string): BrowserCandidate => ({ name, path, source: 'system' });
  let list: BrowserCandidate[];
  if (host.platform === 'darwin') {
    // Playwright's channels look in /Applications only; a user without admin rights installs into ~/Applications.
    const dirs = ['/Applications', ...(host.env.HOME ? [posix.join(host.env.HOME, 'Applications')] : [])];
    list = MAC_APPS.flatMap(([name, app]) => dirs.map((d) => system(name, posix.join(d, app))));
  } else if (host.platform === 'win32') {
    // Playwright's prefixes, in its order: per-user installs first, then machine-wide ones. Windows' own names are
    // `ProgramFiles(x86)` and the like; a copy of process.env is no longer case-insensitive, so look them up as Windows does.
    const e = (name: string) => Object.entries(host.env).find(([k]) => k.toUpperCase() === name)?.[1];
    const drive = e('HOMEDRIVE');
    const prefixes = [...new Set([e('LOCALAPPDATA'), e('PROGRAMFILES'), e('PROGRAMFILES(X86)'),
      ...(drive ? [`${drive}\\Program Files`, `${drive}\\Program Files (x86)`] : [])].filter((p): p is string => Boolean(p)))];
    list = WINDOWS_APPS.flatMap(([name, app]) => prefixes.map((p) => system(name, win32.join(p, app))));
  } else if (host.platform === 'linux') {
    list = LINUX_APPS.map(([name, path]) => system(name, path));
  } else {
    list = [];
  }
  if (host.playwrightChromium) list.push({ name: 'Chromium', path: host.playwrightChromium, source: 'playwright' });
  if (host.platform === 'linux') list.push(system('Chromium', SNAP_CHROMIUM));
  return list;
}

/** The first candidate that is there. */
export function installedBrowser(host: BrowserHost): BrowserCandidate | undefined {
  return browserCandidates(host).find((c) => host.exists(c.path));
}

/** Windows browsers a WSL user may expect to be used: named in the no-browser message, never launched. */
const WINDOWS_FROM_WSL: [string, string][] = [
  ['Google Chrome', '/mnt/c/Program Files/Google/Chrome/Application/chrome.exe'],
  ['Microsoft Edge', '/mnt/c/Program Files (x86)/Microsoft/Edge/Application/msedge.exe'],
];

export function platformLabel(host: Pick<BrowserHost, 'platform' | 'arch' | 'env' | 'osRelease'>): string {
  if (isWsl(host)) return `Linux ${host.arch} in WSL`;
  const os = { darwin: 'macOS', win32: 'Windows', linux: 'Linux' }[host.platform as string] ?? host.platform;
  return `${os} ${host.arch}`;
}

function whatToInstall(host: BrowserHost): string {
  const pw = 'run `npx playwright install chromium`';
  if (host.platform === 'darwin' || host.platform === 'win32') return `Install Google Chrome (https://www.google.com/chrome/) or Microsoft Edge, or ${pw}`;
  if (isWsl(host)) return `Install a Linux browser inside WSL — Google Chrome's .deb (https://www.google.com/chrome/) or \`sudo apt install chromium\` — or ${pw}`;
  if (host.platform === 'linux') return `Install Google Chrome (https://www.google.com/chrome/) or Chromium from your distribution (\`sudo apt install chromium\`, \`sudo dnf install chromium\`), or ${pw}`;
  return `Install Google Chrome or Chromium, or ${pw}`;
}

/**
 * The one message for "no browser": what to do on its first line (a run's progress shows only that), then what
 * was looked at. `tried` holds reasons found before the candidates (the Lambda build's).
 */
export function noBrowserMessage(host: BrowserHost, tried: string[] = []): string {
  const lines = [`No Chrome, Chromium or Edge found on this ${platformLabel(host)} machine. ${whatToInstall(host)}; or set MIMAMORI_CHROMIUM to a Chrome or Chromium binary.`];
  if (isWsl(host)) {
    const windows = WINDOWS_FROM_WSL.filter(([, p]) => host.exists(p));
    if (windows.length) lines.push(`${windows.map(([n, p]) => `${n} at ${p}`).join(' and ')} is a Windows program: mimamori runs inside WSL and cannot drive it.`);
  }
  lines.push(...tried, `Looked in: ${browserCandidates(host).map((c) => c.path).join(', ') || 'nowhere (no known places on this OS)'}.`);
  return lines.join('\n');
}

/** The run header's words for it: `Google Chrome 131.0.6778.86 at /Applications/…`, `Chromium 153.0.8010.0, the Lambda build …`. */
export function browserLabel(b: BrowserIdentity, version?: string): string {
  const named = version ? `${b.name} ${version}` : b.name;
  if (b.source === LAMBDA_SOURCE) return `${named}, the Lambda build from ${LAMBDA_SOURCE}`;
  if (b.source === 'MIMAMORI_CHROMIUM') return `${named} from MIMAMORI_CHROMIUM=${b.path}`;
  if (b.source === 'playwright') return `${named}, Playwright's download at ${b.path}`;
  return `${named} at ${b.path}${b.wsl ? ', inside WSL' : ''}`;
}
