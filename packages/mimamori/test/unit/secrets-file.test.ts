// Declared secrets on a local run: the secrets file's grammar, the environment winning over it, the diagnostics for a
// missing or too short secret; and the credential options reaching the browser context.
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as util from 'node:util';
import { describe, expect, it } from 'vitest';
import { loadSecretsFile, parseEnvFile, secretProblems, secretsFilePath } from '../../src/check/secrets-file.ts';
import { contextOptions } from '../../src/runner/attempt.ts';
import { makeCheck } from '../helpers/check.ts';

const SAMPLE = [
  '# the demo shop (a comment)',
  'LOGIN_PASSWORD=sencha-demo-2026',
  'export API_KEY = abc123   # trailing comment',
  'EMPTY=',
  "SINGLE='a # not a comment'",
  'DOUBLE="line1\\nline2"',
  'BACKTICK=`x y`',
  '  SPACED = spaced value  ',
  'HASH=abc#def',
  'QUOTED_HASH="p#ss w0rd"',
  'MULTI="one',
  'two"',
  'DUP=1',
  'DUP=2',
  '',
].join('\n');

const EXPECTED = {
  LOGIN_PASSWORD: 'sencha-demo-2026', API_KEY: 'abc123', EMPTY: '', SINGLE: 'a # not a comment', DOUBLE: 'line1\nline2',
  BACKTICK: 'x y', SPACED: 'spaced value', HASH: 'abc', QUOTED_HASH: 'p#ss w0rd', MULTI: 'one\ntwo', DUP: '2',
};

describe('parseEnvFile', () => {
  it('reads KEY=VALUE lines with comments, export, quotes and line breaks, as dotenv does', () => {
    expect(parseEnvFile(SAMPLE)).toEqual(EXPECTED);
  });

  it("agrees with Node's own util.parseEnv (Node ≥ 20.12) on the same file", () => {
    const parseEnv = (util as { parseEnv?: (text: string) => Record<string, string> }).parseEnv;
    if (!parseEnv) return;
    expect(parseEnvFile(SAMPLE)).toEqual({ ...parseEnv(SAMPLE) });
  });

  it('skips lines that are no assignment, a byte-order mark and Windows line ends', () => {
    expect(parseEnvFile('\uFEFFA=1\r\nnot an assignment\r\n\r\nB="2"\r\n')).toEqual({ A: '1', B: '2' });
  });
});

describe('loadSecretsFile', () => {
  const dir = mkdtempSync(join(tmpdir(), 'mimamori-secrets-'));

  it('fills in variables the environment does not set: the environment wins, even when empty', () => {
    const file = join(dir, '.env');
    writeFileSync(file, 'FROM_FILE=file-value\nSET_ALREADY=file-value\nEMPTY_ALREADY=file-value\n');
    const env: NodeJS.ProcessEnv = { SET_ALREADY: 'env-value', EMPTY_ALREADY: '' };
    expect(loadSecretsFile(file, '.env', env)).toEqual({ applied: ['FROM_FILE'] });
    expect(env).toEqual({ FROM_FILE: 'file-value', SET_ALREADY: 'env-value', EMPTY_ALREADY: '' });
  });

  it('is fine without a file, and names a file it cannot read', () => {
    const env: NodeJS.ProcessEnv = {};
    expect(loadSecretsFile(join(dir, 'none.env'), 'none.env', env)).toEqual({ applied: [] });
    const folder = join(dir, 'folder.env');
    mkdirSync(folder);
    const { problem } = loadSecretsFile(folder, 'folder.env', env);
    expect(problem).toMatchObject({ file: 'folder.env', message: expect.stringMatching(/^cannot be read: EISDIR/) });
    expect(env).toEqual({});
  });

  it("lives in the config's folder: .env by default, or the config's secretsFile", () => {
    expect(secretsFilePath({}, undefined, '/work/p')).toBe('/work/p/.env');
    expect(secretsFilePath({}, '/work/p/conf/mimamori.config.ts', '/work/p')).toBe('/work/p/conf/.env');
    expect(secretsFilePath({ secretsFile: 'demo/demo.env' }, '/work/p/mimamori.config.ts', '/elsewhere')).toBe('/work/p/demo/demo.env');
  });
});

describe('secretProblems', () => {
  const checks = [
    { file: 'checks/login.check.ts', secrets: ['LOGIN_PASSWORD', 'API_KEY'] },
    { file: 'checks/home.check.ts', secrets: [] },
    { file: 'checks/admin.check.ts', secrets: ['ADMIN_PIN', 'API_KEY'] },
  ];

  it('names the check file, the field and the secret — never its value — for each missing or too short secret', () => {
    const problems = secretProblems(checks, { LOGIN_PASSWORD: '', ADMIN_PIN: '123', API_KEY: 'long-enough' }, '.env');
    expect(problems).toEqual([
      { file: 'checks/login.check.ts', field: 'secrets', severity: 'error', message: 'LOGIN_PASSWORD is declared but not set: set it in the environment or in .env (never commit it)' },
      { file: 'checks/admin.check.ts', field: 'secrets', severity: 'error', message: 'ADMIN_PIN is too short to be redacted safely (fewer than 4 characters): use the real secret' },
    ]);
    expect(JSON.stringify(problems)).not.toContain('123');
  });

  it('names the configured secrets file, and says nothing when every secret is there', () => {
    expect(secretProblems(checks, {}, 'demo/demo.env').map((p) => p.message)).toEqual([
      'LOGIN_PASSWORD is declared but not set: set it in the environment or in demo/demo.env (never commit it)',
      'API_KEY is declared but not set: set it in the environment or in demo/demo.env (never commit it)',
      'ADMIN_PIN is declared but not set: set it in the environment or in demo/demo.env (never commit it)',
      'API_KEY is declared but not set: set it in the environment or in demo/demo.env (never commit it)',
    ]);
    expect(secretProblems(checks, { LOGIN_PASSWORD: 'pass', ADMIN_PIN: '1234', API_KEY: 'key!' }, '.env')).toEqual([]);
  });
});

describe('contextOptions', () => {
  const run = async () => {};

  it("passes httpCredentials, extraHTTPHeaders and ignoreHTTPSErrors to the context under Playwright's names", () => {
    const options = contextOptions(makeCheck({
      name: 'n', run, httpCredentials: { username: 'u', password: 'p', origin: 'https://x.example' }, extraHTTPHeaders: { 'X-Api-Key': 'k' }, ignoreHTTPSErrors: true,
    }, 'https://x.example'));
    expect(options).toMatchObject({ httpCredentials: { username: 'u', password: 'p', origin: 'https://x.example' }, extraHTTPHeaders: { 'X-Api-Key': 'k' }, ignoreHTTPSErrors: true });
    expect(contextOptions(makeCheck({ name: 'n', run, ignoreHTTPSErrors: false }, '')).ignoreHTTPSErrors).toBe(false);
  });

  it("leaves them out when unset: Playwright's defaults", () => {
    const options = contextOptions(makeCheck({ name: 'n', run }, 'https://x.example'));
    expect(['httpCredentials', 'extraHTTPHeaders', 'ignoreHTTPSErrors'].filter((k) => k in options)).toEqual([]);
  });
});
