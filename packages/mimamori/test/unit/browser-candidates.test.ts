// Which browser a run uses on each laptop — macOS (Intel, Apple silicon), Linux arm64, Windows, WSL — with the platform
// and file system injected (this machine is Linux x64), what the run header says of it, and the no-browser message.
import { describe, expect, it } from 'vitest';
import { browserCandidates, browserLabel, isWsl, noBrowserMessage, type BrowserHost } from '../../src/runner/browser-candidates.ts';
import { BrowserLaunchError, findChromium, type ChromiumBuild } from '../../src/runner/browser.ts';
import { baselineNote, headerBrowser } from '../../src/cli/browser-header.ts';

const MAC_CHROME = '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome';
const MAC_USER_CHROME = '/Users/aiko/Applications/Google Chrome.app/Contents/MacOS/Google Chrome';
const MAC_EDGE = '/Applications/Microsoft Edge.app/Contents/MacOS/Microsoft Edge';
const MAC_CHROMIUM = '/Applications/Chromium.app/Contents/MacOS/Chromium';
const WIN_ENV = {
  LOCALAPPDATA: 'C:\\Users\\aiko\\AppData\\Local',
  PROGRAMFILES: 'C:\\Program Files',
  'PROGRAMFILES(X86)': 'C:\\Program Files (x86)',
  HOMEDRIVE: 'C:',
};
const WIN_EDGE = 'C:\\Program Files (x86)\\Microsoft\\Edge\\Application\\msedge.exe';
const PW = '/home/aiko/.cache/ms-playwright/chromium-1255/chrome-linux/chrome';

const host = (h: Partial<BrowserHost> & Pick<BrowserHost, 'platform' | 'arch'>, installed: string[] = []): BrowserHost =>
  ({ env: {}, exists: (p) => installed.includes(p), ...h });
const paths = (h: BrowserHost) => browserCandidates(h).map((c) => `${c.name}: ${c.path}`);

describe('the places looked at, per OS', () => {
  it.each(['x64', 'arm64'])('macOS %s: Chrome, Chromium, Edge, then the beta channels, in /Applications then ~/Applications', (arch) => {
    expect(paths(host({ platform: 'darwin', arch, env: { HOME: '/Users/aiko' } }))).toEqual([
      `Google Chrome: ${MAC_CHROME}`, `Google Chrome: ${MAC_USER_CHROME}`,
      `Chromium: ${MAC_CHROMIUM}`, 'Chromium: /Users/aiko/Applications/Chromium.app/Contents/MacOS/Chromium',
      `Microsoft Edge: ${MAC_EDGE}`, 'Microsoft Edge: /Users/aiko/Applications/Microsoft Edge.app/Contents/MacOS/Microsoft Edge',
      'Google Chrome Beta: /Applications/Google Chrome Beta.app/Contents/MacOS/Google Chrome Beta',
      'Google Chrome Beta: /Users/aiko/Applications/Google Chrome Beta.app/Contents/MacOS/Google Chrome Beta',
      'Microsoft Edge Beta: /Applications/Microsoft Edge Beta.app/Contents/MacOS/Microsoft Edge Beta',
      'Microsoft Edge Beta: /Users/aiko/Applications/Microsoft Edge Beta.app/Contents/MacOS/Microsoft Edge Beta',
    ]);
  });

  it('Windows: Playwright\'s prefixes in its order (per-user first), Chrome, Chromium, Edge, betas', () => {
    const list = paths(host({ platform: 'win32', arch: 'x64', env: WIN_ENV }));
    expect(list.slice(0, 5)).toEqual([
      'Google Chrome: C:\\Users\\aiko\\AppData\\Local\\Google\\Chrome\\Application\\chrome.exe',
      'Google Chrome: C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe',
      'Google Chrome: C:\\Program Files (x86)\\Google\\Chrome\\Application\\chrome.exe',
      'Chromium: C:\\Users\\aiko\\AppData\\Local\\Chromium\\Application\\chrome.exe',
      'Chromium: C:\\Program Files\\Chromium\\Application\\chrome.exe',
    ]);
    expect(list).toContain(`Microsoft Edge: ${WIN_EDGE}`);
    expect(list).toHaveLength(15); // HOMEDRIVE's Program Files are the same folders: looked at once
  });

  it('Windows: the environment\'s own spelling (ProgramFiles(x86)), as in a copy of process.env', () => {
    const list = paths(host({ platform: 'win32', arch: 'x64', env: { ProgramFiles: 'C:\\Program Files', 'ProgramFiles(x86)': 'C:\\Program Files (x86)' } }));
    expect(list).toContain(`Microsoft Edge: ${WIN_EDGE}`);
  });

  it('Windows without PROGRAMFILES: HOMEDRIVE\'s Program Files, as Playwright does', () => {
    expect(paths(host({ platform: 'win32', arch: 'arm64', env: { HOMEDRIVE: 'D:' } })).slice(0, 2)).toEqual([
      'Google Chrome: D:\\Program Files\\Google\\Chrome\\Application\\chrome.exe',
      'Google Chrome: D:\\Program Files (x86)\\Google\\Chrome\\Application\\chrome.exe',
    ]);
  });

  it('Linux: Chrome (Playwright\'s /opt path first), Chromium, Edge, betas, Playwright\'s download, the snap last', () => {
    expect(browserCandidates(host({ platform: 'linux', arch: 'arm64', playwrightChromium: PW })).map((c) => c.path)).toEqual([
      '/opt/google/chrome/chrome', '/usr/bin/google-chrome-stable', '/usr/bin/google-chrome',
      '/usr/bin/chromium', '/usr/bin/chromium-browser',
      '/opt/microsoft/msedge/msedge', '/usr/bin/microsoft-edge-stable',
      '/opt/google/chrome-beta/chrome', '/opt/microsoft/msedge-beta/msedge',
      PW, '/snap/bin/chromium',
    ]);
  });

  it.each([
    [{ WSL_DISTRO_NAME: 'Ubuntu' }, '', true],
    [{ WSL_INTEROP: '/run/WSL/1_interop' }, '', true],
    [{}, '5.15.167.4-microsoft-standard-WSL2', true],
    [{}, '6.1.0-28-amd64', false],
  ])('WSL is told by its environment or osrelease: %j %s → %s', (env, osRelease, wsl) => {
    expect(isWsl({ platform: 'linux', env, osRelease })).toBe(wsl);
  });
});

describe('findChromium', () => {
  const lambda: ChromiumBuild = { executablePath: '/tmp/chromium', args: ['--single-process'], name: 'Chromium', source: '@sparticuz/chromium', path: '/tmp/chromium' };
  const lambdaBuild = async () => lambda;
  const broken = async (): Promise<ChromiumBuild> => { throw new Error('libnss3.so: cannot open shared object file'); };
  const find = (env: NodeJS.ProcessEnv, o: Parameters<typeof findChromium>[1]) => findChromium(env, { playwrightChromium: undefined, osRelease: '', lambdaBuild, ...o });
  const only = (...installed: string[]) => (p: string) => installed.includes(p);

  it.each([
    ['darwin', 'arm64', { HOME: '/Users/aiko' }, [MAC_USER_CHROME, MAC_EDGE], 'Google Chrome', MAC_USER_CHROME],
    ['darwin', 'x64', { HOME: '/Users/aiko' }, [MAC_EDGE, MAC_CHROMIUM], 'Chromium', MAC_CHROMIUM],
    ['win32', 'x64', WIN_ENV, [WIN_EDGE], 'Microsoft Edge', WIN_EDGE],
    ['linux', 'arm64', {}, ['/usr/bin/chromium', '/snap/bin/chromium'], 'Chromium', '/usr/bin/chromium'],
    ['linux', 'arm64', {}, ['/usr/bin/google-chrome', '/usr/bin/chromium'], 'Google Chrome', '/usr/bin/google-chrome'],
  ] as const)('%s %s: the first installed one (%#)', async (platform, arch, env, installed, name, path) => {
    const build = await find({ ...env }, { platform, arch, exists: only(...installed) });
    expect(build).toMatchObject({ name, path, executablePath: path, source: 'system', args: [] });
  });

  it('Linux x64 uses the Lambda build, even with Chrome installed', async () => {
    expect(await find({}, { platform: 'linux', arch: 'x64', exists: only('/opt/google/chrome/chrome') })).toEqual(lambda);
  });

  it('inside WSL on x64 the Lambda build is a Linux browser inside WSL, and says so', async () => {
    expect(await find({ WSL_DISTRO_NAME: 'Ubuntu' }, { platform: 'linux', arch: 'x64', exists: only() })).toEqual({ ...lambda, wsl: true });
  });

  it('a Lambda build that cannot start falls back to an installed Chrome', async () => {
    const build = await find({}, { platform: 'linux', arch: 'x64', lambdaBuild: broken, exists: only('/usr/bin/google-chrome-stable') });
    expect(build).toMatchObject({ name: 'Google Chrome', path: '/usr/bin/google-chrome-stable' });
  });

  it('MIMAMORI_CHROMIUM wins over everything; a wrong path is an error, never a silent fallback', async () => {
    const env = { MIMAMORI_CHROMIUM: '/opt/my/chrome' };
    expect(await find(env, { platform: 'darwin', arch: 'arm64', exists: only('/opt/my/chrome', MAC_CHROME) })).toMatchObject({ source: 'MIMAMORI_CHROMIUM', path: '/opt/my/chrome' });
    await expect(find(env, { platform: 'darwin', arch: 'arm64', exists: only(MAC_CHROME) })).rejects.toThrow('MIMAMORI_CHROMIUM is set to /opt/my/chrome, but no file is there.');
  });

  it('Playwright\'s own Chromium, when nothing else is installed', async () => {
    const build = await find({}, { platform: 'linux', arch: 'arm64', playwrightChromium: PW, exists: only(PW) });
    expect(build).toMatchObject({ name: 'Chromium', source: 'playwright', path: PW });
  });

  it('no browser on macOS: one message, what to install on its first line, then where it looked', async () => {
    const error = await find({ HOME: '/Users/aiko' }, { platform: 'darwin', arch: 'arm64', exists: only() }).catch((e: Error) => e);
    expect(error).toBeInstanceOf(BrowserLaunchError);
    const [first, ...rest] = (error as Error).message.split('\n');
    expect(first).toBe('No Chrome, Chromium or Edge found on this macOS arm64 machine. Install Google Chrome (https://www.google.com/chrome/) or Microsoft Edge, or run `npx playwright install chromium`; or set MIMAMORI_CHROMIUM to a Chrome or Chromium binary.');
    expect(rest.join('\n')).toContain(`Looked in: ${MAC_CHROME}, ${MAC_USER_CHROME},`);
  });

  it('no browser on Linux x64: the Lambda build\'s reason is in the message', async () => {
    const error = await find({}, { platform: 'linux', arch: 'x64', lambdaBuild: broken, exists: only() }).catch((e: Error) => e);
    expect((error as Error).message.split('\n')).toEqual([
      expect.stringMatching(/^No Chrome, Chromium or Edge found on this Linux x64 machine\. Install Google Chrome .* or Chromium from your distribution/),
      'The Lambda build (@sparticuz/chromium) could not be used: libnss3.so: cannot open shared object file',
      expect.stringMatching(/^Looked in: \/opt\/google\/chrome\/chrome, /),
    ]);
  });

  it('no browser inside WSL on arm64: install one inside WSL; the Windows Chrome it sees cannot be driven', async () => {
    const windowsChrome = '/mnt/c/Program Files/Google/Chrome/Application/chrome.exe';
    const error = await find({}, { platform: 'linux', arch: 'arm64', osRelease: '5.15.167.4-microsoft-standard-WSL2', exists: only(windowsChrome) }).catch((e: Error) => e);
    const lines = (error as Error).message.split('\n');
    expect(lines[0]).toMatch(/^No Chrome, Chromium or Edge found on this Linux arm64 in WSL machine\. Install a Linux browser inside WSL/);
    expect(lines[1]).toBe(`Google Chrome at ${windowsChrome} is a Windows program: mimamori runs inside WSL and cannot drive it.`);
  });

  it('no browser on Windows names Chrome and Edge', () => {
    expect(noBrowserMessage(host({ platform: 'win32', arch: 'x64', env: WIN_ENV })).split('\n')[0]).toMatch(/Windows x64 machine\. Install Google Chrome .* or Microsoft Edge/);
  });
});

describe('what the run header says', () => {
  const report = (identity: ChromiumBuild | undefined, version = '131.0.6778.86') => ({ version, identity });
  const chrome = { name: 'Google Chrome', source: 'system', path: MAC_CHROME, executablePath: MAC_CHROME, args: [] };
  const lambda = { name: 'Chromium', source: '@sparticuz/chromium', path: '/tmp/chromium', executablePath: '/tmp/chromium', args: [] };

  it('names the build and where it came from', () => {
    expect(headerBrowser(report(lambda, '153.0.8010.0'))).toBe('Chromium 153.0.8010.0, the Lambda build from @sparticuz/chromium');
    expect(headerBrowser(report(chrome))).toBe(`Google Chrome 131.0.6778.86 at ${MAC_CHROME}`);
    expect(browserLabel({ name: 'Chromium', source: 'system', path: '/usr/bin/chromium', wsl: true }, '140.0')).toBe('Chromium 140.0 at /usr/bin/chromium, inside WSL');
    expect(browserLabel({ name: 'Chromium', source: 'MIMAMORI_CHROMIUM', path: '/opt/c/chrome' }, '140.0')).toBe('Chromium 140.0 from MIMAMORI_CHROMIUM=/opt/c/chrome');
    expect(headerBrowser({ error: 'No Chrome…' })).toBe('no browser');
  });

  it('says how baselines relate to Lambda\'s only for a visual run in another browser', () => {
    const local = { visual: true, shared: false, update: false };
    expect(baselineNote(report(lambda), local)).toBeUndefined();
    expect(baselineNote(report(chrome), { ...local, visual: false })).toBeUndefined();
    expect(baselineNote(report(chrome), local)).toBe('Visual baselines: recorded and compared here with Google Chrome, not the Lambda build — they hold for runs on this machine, not for Lambda\'s renders (fonts, anti-aliasing); the deployed monitor keeps its own in S3.');
    expect(baselineNote(report(chrome), { ...local, shared: true })).toMatch(/compared with the deployed monitor's baselines in S3, recorded with Lambda's Chromium .* record them on Lambda \(or with the Lambda build, on Linux x64\)\.$/);
    expect(baselineNote(report(chrome), { ...local, shared: true, update: true })).toMatch(/^Visual baselines: --update-baselines makes Google Chrome's pictures the deployed monitor's baselines in S3/);
  });
});
