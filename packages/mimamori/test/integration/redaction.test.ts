// Redaction through the real CLI: a check that declares a secret types it into a page that echoes it, prints it from
// the check file's top level and from the journey (stdout, stderr, a last line without a newline), carries it in
// URLs, step names and page console errors, and fails an assertion that quotes it. Neither the secret nor its
// encoded forms may appear in the CLI's stdout/stderr or any file under the out folder (results.json, report.html,
// JUnit, each check's result.json, the state, screenshot file names).
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFixtureSite, type FixtureSite } from '../fixtures/site.ts';
import { runCli, type CliRun } from '../helpers/cli.ts';
import type { RunResult } from '../../src/result/types.ts';

/** Special characters on purpose: each encoding (percent, form, HTML, JSON, base64) looks different. */
const SECRET = 'Zq8vKp3x+/&Ü w9';
/** The secret's run of plain letters: found in any form the secret takes that keeps them (a slug lower-cases it). */
const CORE = 'zq8vkp3x';
/** Not declared, but in places the structural rules cover: URL userinfo, a token parameter, a config-named parameter, JSON, a header. */
const UNDECLARED = ['basepw-undeclared-77', 'tok-undeclared-66', 'V-undeclared-55', 'json-undeclared-44', 'bearer-undeclared-33'];

const CHECK = `import { defineCheck, expect } from 'mimamori';

const secret = process.env.REDACTION_SECRET!;
console.log(\`top-level: \${secret}\`);

export default defineCheck({
  name: 'leaky',
  secrets: ['REDACTION_SECRET'],
  retries: 1,
  screenshot: 'every-step',
  async run({ page, step }) {
    await step(\`sign in as \${secret}\`, async () => {
      await page.goto('/form');
      await page.getByLabel('Name').fill(secret);
      await page.getByRole('button', { name: 'Send' }).click();
      await page.waitForURL(/hello/);
    });
    await page.evaluate((s) => console.error('page says ' + s), secret);
    console.log(\`typed \${secret} at \${page.url()}\`);
    console.log(\`see http://user:\${secret}@example.test/ and \${new URL('/next?token=tok-undeclared-66&q=1', page.url())}\`);
    console.log(JSON.stringify({ user: 'bob', password: 'json-undeclared-44' }));
    console.log('Authorization: Bearer bearer-undeclared-33');
    console.error(\`on stderr: \${secret}\`);
    await step('visit with token', () => page.goto(\`/next?token=\${encodeURIComponent(secret)}&voucher=V-undeclared-55&q=1\`));
    await page.goto(\`/hello?name=\${encodeURIComponent(secret)}\`);
    process.stdout.write(\`last words without a newline: \${secret}\`);
    await step('see greeting', () => expect(page.locator('h1')).toHaveText(\`Goodbye \${secret}\`, { timeout: 1000 }));
  },
});
`;

let site: FixtureSite;
let cwd: string;
let out: string;
let run: CliRun;

beforeAll(async () => {
  site = await startFixtureSite();
  cwd = await mkdtemp(join(tmpdir(), 'mimamori-redaction-'));
  out = join(cwd, 'out');
  await mkdir(join(cwd, 'checks'));
  const base = site.url.replace('http://', 'http://tester:basepw-undeclared-77@');
  await writeFile(join(cwd, 'mimamori.config.ts'), `export default { baseURL: '${base}', redact: { queryParams: ['voucher'] } };\n`);
  await writeFile(join(cwd, 'checks/leaky.check.ts'), CHECK);
  run = await runCli(['--out', out, '--junit', join(out, 'junit.xml')], {
    cwd,
    env: {
      REDACTION_SECRET: SECRET, BASE_URL: undefined, SLACK_BOT_TOKEN: undefined, SLACK_CHANNEL: undefined,
      MIMAMORI_S3_BUCKET: undefined, AWS_ENDPOINT_URL_S3: undefined,
    },
  });
}, 120_000);
afterAll(async () => {
  await site?.close();
  if (cwd) await rm(cwd, { recursive: true, force: true });
});

/** Every file under a folder, with its path relative to it. */
async function files(dir: string): Promise<{ path: string; bytes: Buffer }[]> {
  const found: { path: string; bytes: Buffer }[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name);
    found.push({ path: relative(dir, path), bytes: await readFile(path) });
  }
  return found;
}

/** The forms the secret takes in URLs, JSON, HTML/XML and Basic headers. */
const forms = (secret: string): string[] => [...new Set([
  secret,
  encodeURIComponent(secret),
  encodeURIComponent(secret).toLowerCase(),
  new URLSearchParams({ v: secret }).toString().slice(2),
  encodeURI(secret),
  JSON.stringify(secret).slice(1, -1),
  secret.replace(/&/g, '&amp;'),
  secret.replace(/&/g, '&#38;'),
  Buffer.from(secret).toString('base64'),
  Buffer.from(secret).toString('base64url'),
  Buffer.from(`tester:${secret}`).toString('base64'),
])];

describe('a check that leaks its declared secret everywhere it can', () => {
  it('runs, fails on the assertion, and prints what it printed, redacted', () => {
    expect(run.code, run.stdout + run.stderr).toBe(1);
    expect(run.stdout).toContain('top-level: ***');
    // The page's URL carries the base URL's userinfo.
    expect(run.stdout).toMatch(/typed \*\*\* at http:\/\/\*\*\*:\*\*\*@127\.0\.0\.1:\d+\/hello\?name=\*\*\*/);
    expect(run.stdout).toContain('see http://***:***@example.test/ and http://***:***@127.0.0.1:');
    expect(run.stdout).toContain('/next?token=***&q=1');
    expect(run.stdout).toContain('{"user":"bob","password":"***"}');
    expect(run.stdout).toContain('Authorization: ***');
    expect(run.stderr).toContain('on stderr: ***');
    // The journey's last line had no newline: passed on when the worker ended, not lost.
    expect(run.stdout).toContain('last words without a newline: ***');
    // The header's base URL, and the progress lines of both attempts.
    expect(run.stdout).toMatch(/Running 1 check with 1 worker against http:\/\/\*\*\*:\*\*\*@127\.0\.0\.1/);
    expect(run.stdout).toContain('failed on attempt 1, retrying');
    expect(run.stdout).toContain('sign in as ***');
  });

  it('keeps the secret and its encoded forms out of stdout, stderr and every file under the out folder', async () => {
    const all = await files(out);
    const names = all.map((f) => f.path);
    expect(names).toEqual(expect.arrayContaining(['results.json', 'report.html', 'junit.xml']));
    expect(names.some((n) => /runs\/.*\/result\.json$/.test(n)), names.join('\n')).toBe(true);
    expect(names.some((n) => n.endsWith('.png')), names.join('\n')).toBe(true);
    const places = [
      { where: 'stdout', bytes: Buffer.from(run.stdout) },
      { where: 'stderr', bytes: Buffer.from(run.stderr) },
      ...all.map((f) => ({ where: f.path, bytes: f.bytes })),
    ];
    const leaks: string[] = [];
    for (const { where, bytes } of places) {
      for (const form of [...forms(SECRET), ...UNDECLARED]) {
        if (bytes.includes(Buffer.from(form))) leaks.push(`${where}: ${form}`);
      }
      // Any form that keeps the secret's letters, in any case (a screenshot's file name is a lower-cased slug).
      if (bytes.toString('latin1').toLowerCase().includes(CORE)) leaks.push(`${where}: ${CORE}`);
      if (where.toLowerCase().includes(CORE)) leaks.push(`file name ${where}`);
    }
    expect(leaks).toEqual([]);
  });

  it('says where it redacted, in the results', async () => {
    const results = JSON.parse(await readFile(join(out, 'results.json'), 'utf8')) as RunResult;
    const result = results.results[0]!;
    expect(result.status).toBe('failed');
    expect(result.attempts).toBe(2);
    expect(result.error!.message).toContain('***');
    expect(result.steps[0]!.name).toBe('sign in as ***');
    expect(result.baseURL).toMatch(/^http:\/\/\*\*\*:\*\*\*@127\.0\.0\.1:\d+$/);
    expect(result.navigations.map((n) => n.url).join('\n')).toContain('voucher=***');
    expect(result.pageErrors.samples.join('\n')).toContain('page says ***');
    // The screenshot of the step named after the secret is named without it.
    expect(result.screenshots.map((s) => s.file)).toEqual(expect.arrayContaining(['01-redacted.png', 'attempt2-01-redacted.png']));
  });
});
