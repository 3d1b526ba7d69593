// URL credentials and traces, in real Chromium: a baseURL with userinfo (BASE_URL='http://ops:PASSWORD@host') records
// no trace; a URL with userinfo or a token the check goes to at run time is found inside the written zip and the trace
// is dropped. Through the CLI (worker processes, s3rver) nothing stored — local files, S3 objects, zips unzipped —
// holds the password. The scan is checked against a kept trace so it cannot pass by reading nothing.
import { randomBytes } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GetObjectCommand, ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFixtureSite, type FixtureSite } from '../fixtures/site.ts';
import { startFakeS3, type FakeS3 } from '../fixtures/s3.ts';
import { makeCheck } from '../helpers/check.ts';
import { ROOT, runCli } from '../helpers/cli.ts';
import { browserProvider, type BrowserProvider } from '../../src/runner/browser-provider.ts';
import { runCheck } from '../../src/runner/run-check.ts';
import { inProcess } from '../../src/runner/in-process.ts';
import { screenTrace, traceRefusal } from '../../src/runner/trace.ts';
import { zipEntries } from '../../src/runner/zip-entries.ts';
import { makeRedactor } from '../../src/result/redact.ts';
import type { CheckDefinition } from '../../src/check/types.ts';
import type { RunResult } from '../../src/result/types.ts';

const PASSWORD = 'PASSWORD-7f3a9c';

/** Every text a file holds: itself, and each entry when it is a zip (a trace). */
function texts(bytes: Buffer): string[] {
  const isZip = bytes.length > 4 && bytes.readUInt32LE(0) === 0x04034b50;
  return isZip ? [...zipEntries(bytes).values()].map((b) => b.toString('utf8')) : [bytes.toString('utf8')];
}

let site: FixtureSite;
let browsers: BrowserProvider;
beforeAll(async () => {
  site = await startFixtureSite();
  browsers = browserProvider();
});
afterAll(async () => {
  await browsers?.close();
  await site?.close();
});

const withUserinfo = (url: string) => url.replace('http://', `http://ops:${PASSWORD}@`);
const run = async (definition: CheckDefinition, baseURL = site.url) => (await runCheck(inProcess(browsers), makeCheck(definition, baseURL)))!;
const failing = (go: (page: import('playwright-core').Page) => Promise<unknown>): CheckDefinition => ({
  name: 'trace-credentials',
  async run({ page, step }) {
    await step('open', () => go(page));
    await step('find the missing button', () => page.getByRole('button', { name: 'Does not exist' }).click({ timeout: 500 }));
  },
});

describe('URL credentials keep a failed run from keeping its trace', () => {
  it('a baseURL with userinfo records none: trace.skipped says why, without the password', async () => {
    const result = await run(failing((page) => page.goto('/')), withUserinfo(site.url));
    expect(result.status).toBe('failed');
    expect(result.trace).toEqual({ file: 'trace.zip', size: 0, skipped: expect.stringContaining('credentials in its baseURL (URL userinfo)') });
    // (The rest of this result is redacted by the host's redactor, not given here: the CLI test below has it.)
    expect(result.trace!.skipped).not.toContain(PASSWORD);
  });

  it('a baseURL with a sensitive parameter, or only a user name, is refused too; a plain one is not', () => {
    expect(traceRefusal({ secrets: [], baseURL: 'https://shop.test/?api_key=k-123' })).toContain('sensitive URL parameters (api_key)');
    expect(traceRefusal({ secrets: [], baseURL: 'https://ghp_abc@shop.test/' })).toContain('URL userinfo');
    expect(traceRefusal({ secrets: [], baseURL: 'https://shop.test/?lang=ja' })).toBeUndefined();
    expect(traceRefusal({ secrets: [], baseURL: '' })).toBeUndefined();
  });

  it('a userinfo URL the check goes to at run time is found in the written trace, which is dropped', async () => {
    const result = await run(failing((page) => page.goto(withUserinfo(site.url))));
    expect(result.status).toBe('failed');
    expect(result.trace).toEqual({ file: 'trace.zip', size: expect.any(Number), skipped: expect.stringContaining('URL userinfo') });
    expect(result.trace!.size).toBeGreaterThan(0);
    expect(result.trace!.bytes).toBeUndefined();
    expect(result.trace!.skipped).not.toContain(PASSWORD);
  });

  it('so is a token parameter (the host\'s redactor names it, never its value)', async () => {
    const result = await run(failing((page) => page.goto('/next?access_token=tok-runtime-5521&q=1')));
    expect(result.trace!.skipped).toContain('sensitive URL parameters (access_token)');
    expect(result.trace!.skipped).not.toContain('tok-runtime-5521');
  });
});

describe('what the scan takes for a credential', () => {
  // Minified scripts are full of `;x.password=`, `&&(t.token=`, `n?code=1` (Playwright's own report.js is): not URLs.
  const SCRIPT = 'function f(e,n,t){if(!e)return;e.password=n.value;t&&(t.token=n.token);var c=n?code=1:0;return c}';
  const PAGE = `<!doctype html><title>app</title><a href="mailto://ops@example.com">write to us</a><script src="/app.js"></script>`;

  it('keeps the trace of a page whose script assigns password/token/code and links mailto://user@host', async () => {
    const result = await run(failing(async (page) => {
      await page.route('**/app', (route) => route.fulfill({ contentType: 'text/html', body: PAGE }));
      await page.route('**/app.js', (route) => route.fulfill({ contentType: 'text/javascript', body: SCRIPT }));
      await page.goto('/app');
    }));
    expect(result.status).toBe('failed');
    expect(result.trace!.skipped).toBeUndefined();
    // It was read: the script and the link are in it.
    const all = texts(result.trace!.bytes!).join('\n');
    expect(all).toContain('e.password=n.value');
    expect(all).toContain('mailto://ops@example.com');
  });

  it('looks into every entry: a response body with a NUL byte that holds a userinfo URL and an access_token is found', async () => {
    // Text with one NUL in it (a log, a CSV export): the page fetches it and keeps nothing of it.
    const body = Buffer.concat([Buffer.from('export v1\0\n'), Buffer.from(`mirror http://ops:${PASSWORD}@mirror.test/ callback https://app.test/cb?access_token=tok-nul-8841\n`)]);
    const result = await run(failing(async (page) => {
      await page.route('**/export.txt', (route) => route.fulfill({ contentType: 'text/plain', body }));
      await page.goto('/');
      await page.evaluate(() => fetch('/export.txt').then((r) => r.arrayBuffer()).then(() => undefined));
    }));
    expect(result.status).toBe('failed');
    expect(result.trace).toEqual({ file: 'trace.zip', size: expect.any(Number), skipped: expect.stringContaining('URL userinfo') });
    expect(result.trace!.skipped).toContain('sensitive URL parameters (access_token)');
    expect(result.trace!.skipped).not.toMatch(new RegExp(`${PASSWORD}|tok-nul`));
  });
});

describe('the scan reads what a kept trace holds (it cannot pass by reading nothing)', () => {
  it('a plain failed run keeps its trace; the reader finds the journey in it and no credential', async () => {
    const result = await run(failing((page) => page.goto('/')));
    const bytes = result.trace!.bytes!;
    expect(result.trace!.skipped).toBeUndefined();
    const all = texts(bytes).join('\n');
    expect(all).toContain(site.url);
    expect(all).toContain('Does not exist');
    expect(all).not.toContain(PASSWORD);
    // The same trace, with a string it holds taken for a declared secret: the scan finds it and drops the trace.
    const dropped = screenTrace({ bytes, size: bytes.length }, makeRedactor({ values: ['Does not exist'] }));
    expect(dropped).toEqual({ size: bytes.length, skipped: expect.stringContaining("a declared secret's value") });
    expect(screenTrace({ bytes, size: bytes.length })).toEqual({ bytes, size: bytes.length });
    // Damaged (its entries' data overwritten): not read as nothing, but refused.
    const damaged = Buffer.from(bytes);
    damaged.fill(0x55, 200, Math.min(damaged.length - 2_000, 20_000));
    expect(screenTrace({ bytes: damaged, size: damaged.length }).skipped).toContain('could not be read');
  });

  it('a zip that cannot be read is not kept', () => {
    const out = screenTrace({ bytes: Buffer.from('not a zip at all, but long enough to look'), size: 42 });
    expect(out).toEqual({ size: 42, skipped: expect.stringContaining('could not be read') });
  });
});

describe('BASE_URL with userinfo through the CLI, locally and in S3', () => {
  let s3: FakeS3;
  let scratch: string;
  beforeAll(async () => {
    s3 = await startFakeS3('trace-credentials');
    scratch = await mkdtemp(join(tmpdir(), 'mimamori-trace-cred-'));
    await writeFile(join(scratch, 'mimamori.config.ts'), 'export default {};\n');
  });
  afterAll(() => Promise.all([s3?.close(), scratch && rm(scratch, { recursive: true, force: true })]));

  it('stores no trace, says why, and no stored byte (zips unzipped) holds the password', async () => {
    const out = join(scratch, 'out');
    const tag = randomBytes(6).toString('hex');
    const cli = await runCli([join(ROOT, 'test/fixtures/checks/broken-site.check.ts'), '--out', out], {
      cwd: scratch, env: { BASE_URL: withUserinfo(site.url), ...s3.env, MIMAMORI_S3_PREFIX: 'cred/', MIMAMORI_TEST_TAG: tag, SLACK_BOT_TOKEN: undefined },
    });
    expect(cli.code, cli.stderr).toBe(1);
    expect(cli.stdout + cli.stderr).not.toContain(PASSWORD);
    const results = JSON.parse(await readFile(join(out, 'results.json'), 'utf8')) as RunResult;
    const broken = results.results[0]!;
    expect(broken.status).toBe('failed');
    expect(broken.trace).toMatchObject({ file: 'trace.zip', size: 0, skipped: expect.stringContaining('URL userinfo') });
    expect(broken.trace!.path).toBeUndefined();

    const stored: { where: string; bytes: Buffer }[] = [];
    for (const entry of await readdir(out, { recursive: true, withFileTypes: true })) {
      if (entry.isFile()) stored.push({ where: join(entry.parentPath, entry.name), bytes: await readFile(join(entry.parentPath, entry.name)) });
    }
    const client = new S3Client({
      endpoint: s3.endpoint, region: 'us-east-1', forcePathStyle: true, credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
    });
    const listed = await client.send(new ListObjectsV2Command({ Bucket: s3.bucket, Prefix: 'cred/' }));
    for (const { Key } of listed.Contents ?? []) {
      const object = await client.send(new GetObjectCommand({ Bucket: s3.bucket, Key }));
      stored.push({ where: `s3://${Key}`, bytes: Buffer.from(await object.Body!.transformToByteArray()) });
    }
    expect(stored.some((f) => f.where.endsWith('result.json'))).toBe(true);
    expect(stored.some((f) => f.where.startsWith('s3://'))).toBe(true);
    expect(stored.filter((f) => f.where.endsWith('.zip'))).toEqual([]);
    for (const file of stored) for (const text of texts(file.bytes)) expect(text, file.where).not.toContain(PASSWORD);
  }, 90_000);
});
