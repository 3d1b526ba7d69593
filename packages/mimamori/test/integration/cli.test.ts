// `npm run check` end to end: the real CLI process, real Chromium, the fixture site; exit codes and every artifact.
import { mkdir, mkdtemp, readFile, readdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFixtureSite, type FixtureSite } from '../fixtures/site.ts';
import { REPO_ROOT, ROOT, runCli } from '../helpers/cli.ts';
import { decodePng, distinctColors } from '../helpers/png.ts';
import { findChromium, launchBrowser } from '../../src/runner/browser.ts';
import type { RunResult } from '../../src/result/types.ts';

const FIXTURES = join(ROOT, 'test/fixtures');
const HOME = join(FIXTURES, 'checks/home.check.ts');
const BROKEN = join(FIXTURES, 'checks/broken-site.check.ts');
const ELSEWHERE = join(FIXTURES, 'checks/nested/deep/elsewhere.check.ts');
const ODD = join(FIXTURES, 'odd-names');

let site: FixtureSite;
let scratch: string;
beforeAll(async () => {
  site = await startFixtureSite();
  scratch = await mkdtemp(join(tmpdir(), 'mimamori-cli-'));
});
afterAll(() => site?.close());

// Runs from an empty folder (no config): BASE_URL points at the fixture site.
const check = (args: string[], env: Record<string, string | undefined> = {}) =>
  runCli(args, { cwd: scratch, env: { BASE_URL: site.url, ...env } });
const readJson = async (path: string) => JSON.parse(await readFile(path, 'utf8')) as RunResult;

describe('exit codes', () => {
  it('exits 0 when every check passes, with a summary table', async () => {
    const out = join(scratch, 'pass');
    const run = await check([HOME, ELSEWHERE, '--out', out]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/home\s+✓ passed/);
    expect(run.stdout).toMatch(/from another folder\s+✓ passed/);
    expect(run.stdout).toContain('2 checks: 2 passed, 0 degraded, 0 failed');
    // Which browser, and that it is Lambda's: no visual baseline note for it.
    expect(run.stdout).toMatch(/^Running 2 checks with 2 workers against .* \(Chromium [\d.]+, the Lambda build from @sparticuz\/chromium\)$/m);
    expect(run.stdout).not.toContain('Visual baselines');
  });

  it('exits 1 when a check fails, naming the failing step and error in the summary', async () => {
    const run = await check([HOME, BROKEN, '--out', join(scratch, 'fail')]);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/broken site\s+✗ failed.*open error page.*HTTP 500/);
  });

  it('exits 2 for an unknown flag, with the usage', async () => {
    const run = await check(['--wrokers', '2']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("Unknown option '--wrokers'");
    expect(run.stderr).toContain('Usage: mimamori check');
  });

  it('exits 2 before running anything when --out, --json or --junit cannot be written where it points', async () => {
    const file = join(scratch, 'a-file');
    await writeFile(file, 'not a folder\n');
    await mkdir(join(scratch, 'a-folder'), { recursive: true });
    for (const [args, message] of [
      [['--out', file], /--out .*a-file: is a file, not a folder/],
      [['--out', join(file, 'results')], /--out .*a-file\/results: cannot be made: .*a-file is a file/],
      [['--junit', join(scratch, 'a-folder')], /--junit .*a-folder: is a folder, not a file/],
      [['--json', join(file, 'run.json')], /--json .*a-file\/run\.json: cannot be made: .*a-file is a file/],
    ] as const) {
      const run = await check([HOME, ...args]);
      expect(run.stderr).toMatch(message);
      expect(run.stdout).not.toContain('Running');
      expect(run.code).toBe(2);
    }
  });

  it('exits 2 for a name that is no check, file or folder', async () => {
    const run = await check([join(FIXTURES, 'checks'), 'no-such-check']);
    expect(run.code).toBe(2);
    expect(run.stdout).toContain('no-such-check: is neither a file, a folder nor the name of a check');
  });
});

describe('another browser than the Lambda build', () => {
  // This machine has no other browser: the Lambda build's own binary, named by MIMAMORI_CHROMIUM, stands for one (the
  // CLI cannot tell them apart, and says what it was given). Other OSes' browsers: test/unit/browser-candidates.test.ts.
  it('names MIMAMORI_CHROMIUM in the run header, and says how a visual check\'s baselines relate to Lambda\'s', async () => {
    const { executablePath } = await findChromium();
    const dir = join(scratch, 'other-browser');
    await mkdir(join(dir, 'checks'), { recursive: true });
    await writeFile(join(dir, 'checks/look.check.ts'), `import { defineCheck } from 'mimamori';
export default defineCheck({ name: 'look', screenshot: 'final', visual: {}, async run({ page }) { await page.goto('/'); } });
`);
    const run = await runCli(['--out', join(dir, 'out')], { cwd: dir, env: { BASE_URL: site.url, MIMAMORI_CHROMIUM: executablePath } });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(new RegExp(`^Running 1 check with 1 worker against .* \\(Chromium [\\d.]+ from MIMAMORI_CHROMIUM=${executablePath.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\)$`, 'm'));
    expect(run.stdout).toContain('Visual baselines: recorded and compared here with Chromium, not the Lambda build — they hold for runs on this machine');
  });
});

describe('bad check files', () => {
  it('lists every problem with file and field, still runs the good checks, and exits 2', async () => {
    const out = join(scratch, 'bad');
    const run = await check([join(FIXTURES, 'bad-checks'), HOME, ELSEWHERE, '--out', out]);
    expect(run.code).toBe(2);
    const text = run.stdout;
    const file = 'many-problems.check.ts';
    for (const [field, message] of [
      ['retries', 'must be a whole number from 0 to 5'],
      ['schedule', 'is not a valid schedule'],
      ['screenshot', "must be one of 'final'"],
      ['timezoneId', 'is not a known IANA time zone'],
      ['degradedResponseTime', 'must not be larger than maxResponseTime'],
      ['colour', "unknown option 'colour'"],
    ]) {
      expect(text).toMatch(new RegExp(`${file} › ${field}: .*${message.replace(/[()]/g, '\\$&')}`));
    }
    expect(text).toMatch(/syntax-error\.check\.ts: does not compile: .*syntax-error\.check\.ts:8:/);
    expect(text).toMatch(/no-default\.check\.ts: has no default export/);
    expect(text).toMatch(/throws-on-import\.check\.ts: failed to import: Error: cannot read secrets file/);
    // Both files that claim 'home' are rejected: which one is real is the author's call.
    expect(text).toMatch(/duplicate-name\.check\.ts › name: 'home' is also used by .*checks\/home\.check\.ts/);
    expect(text).toMatch(/checks\/home\.check\.ts › name: 'home' is also used by .*duplicate-name\.check\.ts/);
    const results = await readJson(join(out, 'results.json'));
    expect(results.results.map((r) => [r.name, r.status])).toEqual([['from another folder', 'passed']]);
    expect(results.diagnostics.length).toBeGreaterThanOrEqual(10);
  });
});

describe('selection', () => {
  it('selects by check name (looked up in checksDir), --grep and --tag', async () => {
    // A project whose config points checksDir at the fixture checks.
    const project = await mkdtemp(join(tmpdir(), 'mimamori-sel-'));
    await writeFile(join(project, 'mimamori.config.ts'), `export default { checksDir: ${JSON.stringify(join(FIXTURES, 'checks'))} };\n`);
    const names = async (args: string[]) => {
      const json = join(project, 'r.json');
      const run = await runCli([...args, '--json', json, '--out', join(project, 'out')], { cwd: project, env: { BASE_URL: site.url } });
      return { code: run.code, names: (await readJson(json)).results.map((r) => r.name).sort() };
    };
    expect(await names(['home'])).toEqual({ code: 0, names: ['home'] });
    expect(await names(['--grep', 'another'])).toEqual({ code: 0, names: ['from another folder'] });
    expect(await names(['--tag', 'journey'])).toEqual({ code: 1, names: ['broken site'] });
    expect(await names(['home', ELSEWHERE])).toEqual({ code: 0, names: ['from another folder', 'home'] });
  });
});

describe('artifacts', () => {
  let out: string;
  let junit: string;
  let json: RunResult;
  beforeAll(async () => {
    out = join(scratch, 'artifacts');
    junit = join(scratch, 'junit.xml');
    await check([HOME, BROKEN, '--out', out, '--json', join(scratch, 'run.json'), '--junit', junit, '--workers', '2']);
    json = await readJson(join(scratch, 'run.json'));
  });

  it('writes --json with the documented shape', () => {
    expect(json.runId).toMatch(/^\d{8}T\d{6}Z-[0-9a-f]{6}$/);
    const broken = json.results.find((r) => r.name === 'broken site')!;
    expect(Object.keys(broken)).toEqual(expect.arrayContaining(['name', 'status', 'durationMs', 'attempts', 'steps', 'navigations', 'screenshots', 'error']));
    expect(broken.steps.map((s) => [s.name, s.status])).toEqual([['open error page', 'failed'], ['never reached', 'skipped']]);
    expect(broken.error).toMatchObject({ name: 'HttpStatusError', class: 'network', step: 'open error page' });
    expect(broken.navigations[0]).toMatchObject({ status: 500 });
    const day = new Date(broken.startedAt).toISOString().slice(0, 10).replace(/-/g, '/');
    expect(broken.storage!.folder).toBe(`runs/broken%20site/${day}/${json.runId}/`);
    expect(broken.screenshots[0]).toMatchObject({ kind: 'failure', path: `${broken.storage!.folder}01-open-error-page-failure.png` });
    expect(JSON.stringify(json)).not.toContain('"bytes"');
  });

  it('stores each check in the local folder by the S3 key layout, with its state', async () => {
    const home = json.results.find((r) => r.name === 'home')!;
    expect((await readdir(join(out, home.storage!.folder))).sort()).toEqual(['final.png', 'result.json']);
    const stored = JSON.parse(await readFile(join(out, home.storage!.folder, 'result.json'), 'utf8'));
    expect(stored).toMatchObject({ name: 'home', status: 'passed', storage: { folder: home.storage!.folder } });
    const state = JSON.parse(await readFile(join(out, 'state/broken%20site.json'), 'utf8'));
    // The first failure is counted; the second in a row would open the incident.
    expect(state).toMatchObject({ check: 'broken site', lastStatus: 'failed', lastRunId: json.runId, consecutiveFailures: 1, incident: null });
  });

  it('lists the local history with `npm run results`', async () => {
    const listed = await runCli(['results', 'broken site', '--out', out], { cwd: scratch });
    expect(listed.code).toBe(0);
    expect(listed.stdout).toContain(`Recent runs in ${out}`);
    expect(listed.stdout).toMatch(new RegExp(`broken site {2}✗ failed .* ${json.runId}`));
    expect(listed.stdout).toContain('error:      in "open error page": GET ');
    expect(listed.stdout).toMatch(/screenshot: .*01-open-error-page-failure\.png/);
    expect(listed.stdout).not.toContain('home');
  });

  it('writes PNG screenshots of the viewport that are not blank', async () => {
    const home = json.results.find((r) => r.name === 'home')!;
    expect(home.screenshots.map((s) => s.file)).toEqual(['final.png']);
    const png = decodePng(await readFile(join(out, home.screenshots[0].path!)));
    expect([png.width, png.height]).toEqual([1280, 720]);
    expect(distinctColors(png)).toBeGreaterThan(1);
  });

  it('writes JUnit XML with one testcase per check and the failure', async () => {
    const xml = await readFile(junit, 'utf8');
    expect(xml.match(/<testcase /g)).toHaveLength(2);
    expect(xml).toMatch(/<failure message="[^"]*HTTP 500[^"]*" type="network"/);
  });

  it('writes a self-contained HTML report that renders in Chromium with its screenshots', async () => {
    const browser = await launchBrowser();
    try {
      const page = await browser.newPage();
      await page.goto(pathToFileURL(join(out, 'report.html')).href);
      expect(await page.locator('section.check').count()).toBe(2);
      expect(await page.locator('section.check[data-status="failed"]').textContent()).toContain('open error page');
      const images = await page.locator('img').evaluateAll((imgs) => imgs.map((i) => (i as HTMLImageElement).naturalWidth));
      expect(images.length).toBe(2);
      expect(images.every((w) => w === 1280)).toBe(true);
    } finally {
      await browser.close();
    }
  });
});

describe('names a user writes', () => {
  // The names in test/fixtures/odd-names/*.check.ts.
  const LONG = 'a check name that goes on and on '.repeat(10).slice(0, 299) + '!';
  const JAPANESE = 'とても長い名前の確認です'.repeat(8).slice(0, 90);
  const CONTROL = 'ring\u0007 the\nbell \u001b[31mred\u001b[0m';
  const CONTROL_SHOWN = 'ring\\x07 the\\nbell \\x1b[31mred\\x1b[0m';
  // Control characters other than tab and line breaks: none may reach a terminal, the report or the XML.
  const RAW_CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

  async function* walk(dir: string): AsyncGenerator<string> {
    for (const entry of await readdir(dir, { withFileTypes: true })) {
      yield entry.name;
      if (entry.isDirectory()) yield* walk(join(dir, entry.name));
    }
  }

  let out: string;
  let run: Awaited<ReturnType<typeof check>>;
  let json: RunResult;
  beforeAll(async () => {
    out = join(scratch, 'odd-names');
    const files = ['long-ascii', 'long-japanese', 'control-chars'].map((f) => join(ODD, `${f}.check.ts`));
    run = await check([...files, '--out', out, '--junit', join(out, 'junit.xml')]);
    json = await readJson(join(out, 'results.json'));
  });

  it('runs a 300-character, a 90-character Japanese and a control-character name, and stores them all', async () => {
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(json.results.map((r) => [r.name, r.status]).sort()).toEqual([[CONTROL, 'passed'], [LONG, 'passed'], [JAPANESE, 'passed']].sort());
    for (const result of json.results) {
      const stored = JSON.parse(await readFile(join(out, result.storage!.folder, 'result.json'), 'utf8'));
      expect(stored.name).toBe(result.name);
      expect((await readdir(join(out, result.storage!.folder))).sort()).toEqual([...result.screenshots.map((s) => s.file), 'result.json'].sort());
      expect(result.screenshots).toHaveLength(2);
    }
    const states = await Promise.all((await readdir(join(out, 'state'))).map(async (f) => JSON.parse(await readFile(join(out, 'state', f), 'utf8')).check));
    expect(states.sort()).toEqual([CONTROL, LONG, JAPANESE].sort());
    for await (const name of walk(out)) expect(Buffer.byteLength(name)).toBeLessThanOrEqual(255);
  });

  it('keeps two long names that share their beginning apart', () => {
    const [long] = json.results.filter((r) => r.name === LONG);
    expect(long!.storage!.folder).toMatch(/^runs\/a%20check%20name%20.*~[0-9a-f]{8}\/\d{4}\/\d\d\/\d\d\/[^/]+\/$/);
  });

  it('shows control characters as escapes in the progress, the summary, the report and the JUnit file', async () => {
    expect(run.stdout).not.toMatch(RAW_CONTROL);
    expect(run.stdout).toContain(`▶ ${CONTROL_SHOWN}`);
    expect(run.stdout).toMatch(new RegExp(`${CONTROL_SHOWN.replace(/[\\[\]]/g, '\\$&')} +✓ passed`));
    const report = await readFile(join(out, 'report.html'), 'utf8');
    expect(report).not.toMatch(RAW_CONTROL);
    expect(report).toContain(`<h2>${CONTROL_SHOWN}</h2>`);
    expect(report).toContain(`<h2>${JAPANESE}</h2>`);
    const junit = await readFile(join(out, 'junit.xml'), 'utf8');
    expect(junit).not.toMatch(RAW_CONTROL);
    expect(junit).toContain(`<testcase name="${CONTROL_SHOWN}"`);
  });

  it('lists a long name in `npm run results` by its full name', async () => {
    const listed = await runCli(['results', JAPANESE, '--out', out], { cwd: scratch });
    expect(listed.code).toBe(0);
    expect(listed.stdout).toContain(`  ${JAPANESE}  ✓ passed`);
    const all = await runCli(['results', '--out', out], { cwd: scratch });
    expect(all.stdout).toContain(`  ${LONG}  ✓ passed`);
  });
});

describe('names written two ways', () => {
  it("reports 'café' written composed and decomposed as one name claimed by two files, and exits 2", async () => {
    const run = await check([join(ODD, 'cafe-composed.check.ts'), join(ODD, 'cafe-decomposed.check.ts'), '--out', join(scratch, 'cafe')]);
    expect(run.code).toBe(2);
    expect(run.stdout).toMatch(/cafe-composed\.check\.ts › name: 'caf\u00e9' is also used by .*cafe-decomposed\.check\.ts/);
    expect(run.stdout).toMatch(/cafe-decomposed\.check\.ts › name: 'caf\u00e9' is also used by .*cafe-composed\.check\.ts/);
  });
});

describe('declared secrets', () => {
  // A project of its own: two checks in checks/ (one declares a secret and reads it as it runs, one needs nothing);
  // beside them, one whose httpCredentials read the secret as the file is imported and a second one that reads it as
  // it runs. The fixture site's /basic-auth wants the password `fixture-pass-42`.
  const USES_SECRET = `import { defineCheck, expect } from 'mimamori';
export default defineCheck({
  name: 'uses a secret', secrets: ['FIXTURE_PASSWORD'], retries: 0,
  async run({ page, step }) {
    await step('log in', async () => {
      await page.setExtraHTTPHeaders({ authorization: 'Basic ' + Buffer.from('fixture-user:' + process.env.FIXTURE_PASSWORD).toString('base64') });
      await page.goto('/basic-auth');
      await expect(page.getByRole('heading', { name: 'Members only' })).toBeVisible({ timeout: 2000 });
    });
  },
});
`;
  const PLAIN = `import { defineCheck } from 'mimamori';
export default defineCheck({ name: 'plain', retries: 0, async run({ page }) { await page.goto('/'); } });
`;
  const CREDENTIALS = `import { defineCheck } from 'mimamori';
export default defineCheck({
  name: 'credentials from a secret', secrets: ['FIXTURE_PASSWORD'], retries: 0,
  httpCredentials: { username: 'fixture-user', password: process.env.FIXTURE_PASSWORD! },
  async run({ page }) { await page.goto('/basic-auth'); },
});
`;
  let projects = 0;
  async function project(dotEnv?: string): Promise<string> {
    const dir = join(scratch, `secrets-${++projects}`);
    await mkdir(join(dir, 'checks'), { recursive: true });
    await writeFile(join(dir, 'mimamori.config.ts'), 'export default { checksDir: \'checks\' };\n');
    await writeFile(join(dir, 'checks/uses-secret.check.ts'), USES_SECRET);
    await writeFile(join(dir, 'checks/plain.check.ts'), PLAIN);
    await writeFile(join(dir, 'credentials.check.ts'), CREDENTIALS);
    await writeFile(join(dir, 'uses-secret-too.check.ts'), USES_SECRET.replace("'uses a secret'", "'uses a secret too'"));
    if (dotEnv !== undefined) await writeFile(join(dir, '.env'), dotEnv);
    return dir;
  }
  const runIn = (dir: string, args: string[], env: Record<string, string | undefined> = {}) =>
    runCli([...args, '--out', join(dir, 'out')], { cwd: dir, env: { BASE_URL: site.url, FIXTURE_PASSWORD: undefined, ...env } });
  const statuses = async (dir: string) => (await readJson(join(dir, 'out/results.json'))).results.map((r) => [r.name, r.status]).sort();

  it('takes a declared secret from .env, for the checks loaded and the workers started later alike', async () => {
    const dir = await project('# test project\nFIXTURE_PASSWORD="fixture-pass-42"\n');
    // Four checks on four workers: the two that read the secret as they run cannot both be on the first worker (the
    // one that loaded the checks and read .env itself); the others were started after, by the host.
    const run = await runIn(dir, ['checks', 'credentials.check.ts', 'uses-secret-too.check.ts', '--workers', '4']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(await statuses(dir)).toEqual([['credentials from a secret', 'passed'], ['plain', 'passed'], ['uses a secret too', 'passed'], ['uses a secret', 'passed']]);
  });

  it('without it: names the check and the secret, runs the other checks, and exits 2', async () => {
    const dir = await project();
    const run = await runIn(dir, []);
    expect(run.code).toBe(2);
    expect(run.stdout).toContain('checks/uses-secret.check.ts › secrets: FIXTURE_PASSWORD is declared but not set: set it in the environment or in .env (never commit it)');
    expect(await statuses(dir)).toEqual([['plain', 'passed']]);
  });

  it('asks only the selected checks for their secrets', async () => {
    const dir = await project();
    const run = await runIn(dir, ['plain']);
    expect(run.code).toBe(0);
    expect(run.stdout).not.toContain('FIXTURE_PASSWORD');
  });

  it('lets the environment win over .env, and calls a value under 4 characters too short', async () => {
    const dir = await project('FIXTURE_PASSWORD=wrong-password\n');
    const run = await runIn(dir, ['checks/uses-secret.check.ts'], { FIXTURE_PASSWORD: 'fixture-pass-42' });
    expect(run.code).toBe(0);
    expect(await statuses(dir)).toEqual([['uses a secret', 'passed']]);
    const short = await runIn(dir, ['checks/uses-secret.check.ts'], { FIXTURE_PASSWORD: 'abc' });
    expect(short.code).toBe(2);
    expect(short.stdout).toContain('checks/uses-secret.check.ts › secrets: FIXTURE_PASSWORD is too short to be redacted safely');
  });
});

describe('the quick start', () => {
  it('runs the example project (examples/shop) against the demo site it starts itself', async () => {
    const out = join(scratch, 'quickstart');
    const run = await runCli(['--out', out], { cwd: join(REPO_ROOT, 'examples/shop'), env: { BASE_URL: undefined } });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const results = await readJson(join(out, 'results.json'));
    expect(results.results.map((r) => [r.name, r.status]).sort()).toEqual([['checkout', 'passed'], ['homepage', 'passed'], ['login', 'passed']]);
    // The demo server is stopped afterwards.
    await expect(fetch('http://127.0.0.1:3210/api/health')).rejects.toThrow();
  });
});
