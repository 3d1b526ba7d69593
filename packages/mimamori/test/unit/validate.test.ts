// Check and config validation: every problem at once, each naming its file and field; defaults layered in one place.
import { describe, expect, it } from 'vitest';
import { duplicateNames, validateCheck, validateConfig } from '../../src/check/validate.ts';
import { resolveCheck } from '../../src/check/resolve.ts';
import { resolveBaseURL } from '../../src/check/defaults.ts';
import { parseCli, UsageError } from '../../src/cli/args.ts';
import { loadChecks } from '../../src/check/load.ts';
import { findCheck } from '../../src/lambda/registry.ts';

const ODD_NAMES = new URL('../fixtures/odd-names/', import.meta.url).pathname;

const run = async () => {};

describe('validateCheck', () => {
  it('accepts a full, valid definition', () => {
    expect(validateCheck({
      name: 'checkout', description: 'd', tags: ['a'], timeoutMs: 30_000, retries: 2, degradedResponseTime: 1000,
      maxResponseTime: 5000, screenshot: 'every-step', fullPage: true, mask: ['.email'], viewport: { width: 390, height: 844 },
      device: 'iPhone 13', locale: 'ja-JP', timezoneId: 'Asia/Tokyo', schedule: 'rate(5 minutes)', run,
    }, 'c.check.ts')).toEqual([]);
  });

  it('lists every problem at once, each with file and field', () => {
    const problems = validateCheck({
      name: '', run: 'nope', retries: -1, timeoutMs: '60s', viewport: { width: 0, height: 720, depth: 3 },
      device: 'Nokia 3310', locale: 'not a locale!', tags: 'smoke', colour: 'blue',
    }, 'checks/x.check.ts');
    expect(problems.map((p) => p.field)).toEqual(['name', 'run', 'retries', 'timeoutMs', 'viewport', 'device', 'locale', 'tags', 'colour']);
    expect(problems.every((p) => p.file === 'checks/x.check.ts')).toBe(true);
    const viewport = problems.find((p) => p.field === 'viewport')!.message;
    expect(viewport).toContain('width must be a whole number from 100 to 10000, got 0');
    expect(viewport).toContain("unknown option 'depth'");
    expect(problems.find((p) => p.field === 'colour')!.message).toMatch(/^unknown option 'colour' \(known: .*degradedResponseTime/);
  });

  it('requires name and run, and explains a missing default export', () => {
    expect(validateCheck({}, 'a.ts').map((p) => [p.field, p.message])).toEqual([
      ['name', 'is required'],
      ['run', 'is required: async run({ page, step }) { … }'],
    ]);
    expect(validateCheck(undefined, 'a.ts')[0].message).toMatch(/has no default export/);
    expect(validateCheck(() => {}, 'a.ts')[0].message).toBe('must be an object, got a function');
  });

  it('rejects a degraded budget above the max budget', () => {
    expect(validateCheck({ name: 'n', run, degradedResponseTime: 5000, maxResponseTime: 1000 }, 'a.ts')).toEqual([
      { file: 'a.ts', field: 'degradedResponseTime', message: '(5000 ms) must not be larger than maxResponseTime (1000 ms)' },
    ]);
  });

  it('names an invalid schedule', () => {
    const [problem] = validateCheck({ name: 'n', run, schedule: 'cron(* * * * *)' }, 'a.ts');
    expect(problem.field).toBe('schedule');
    expect(problem.message).toMatch(/6 fields/);
  });
});

describe('validateConfig', () => {
  it('checks baseURL, webServer and every default', () => {
    const problems = validateConfig({
      baseURL: 'localhost:3000', webServer: { command: 'npm start' }, defaults: { retries: 9, screenshot: 'always' }, extra: 1,
    }, 'mimamori.config.ts');
    expect(problems.map((p) => p.field)).toEqual(['baseURL', 'webServer', 'defaults', 'extra']);
    expect(problems[0].message).toMatch(/http\(s\) URL/);
    expect(problems[1].message).toBe('url is required');
    expect(problems[2].message).toContain('retries must be a whole number from 0 to 5');
    expect(problems[2].message).toContain("screenshot must be one of 'final'");
  });
});

describe('duplicateNames', () => {
  it('rejects every file that claims a name, and no others', () => {
    const problems = duplicateNames([{ name: 'a', file: 'x.ts' }, { name: 'b', file: 'y.ts' }, { name: 'a', file: 'z.ts' }]);
    expect(problems.map((p) => [p.file, p.message])).toEqual([
      ['x.ts', "'a' is also used by z.ts; check names must be unique"],
      ['z.ts', "'a' is also used by x.ts; check names must be unique"],
    ]);
  });
});

describe('check names', () => {
  const composed = 'caf\u00e9';
  const decomposed = 'cafe\u0301';

  it('are normalised to NFC where checks are resolved', () => {
    expect(resolveCheck({ name: decomposed, run }, 'n.ts', {}, '').name).toBe(composed);
  });

  it('written composed and decomposed are duplicates: both files are rejected, each naming the other', async () => {
    const files = ['cafe-composed.check.ts', 'cafe-decomposed.check.ts'].map((f) => ODD_NAMES + f);
    const { checks, problems } = await loadChecks(files, {}, ODD_NAMES);
    expect(checks).toEqual([]);
    expect(problems.map((p) => [p.file, p.field, p.message])).toEqual([
      ['cafe-composed.check.ts', 'name', `'${composed}' is also used by cafe-decomposed.check.ts; check names must be unique`],
      ['cafe-decomposed.check.ts', 'name', `'${composed}' is also used by cafe-composed.check.ts; check names must be unique`],
    ]);
  });

  it('are found on Lambda however the request writes them', () => {
    const registry = { config: {}, checks: [{ file: 'c.check.ts', definition: { name: decomposed, run } }] };
    expect(findCheck(registry, composed, {}).name).toBe(composed);
    expect(findCheck(registry, decomposed, {}).name).toBe(composed);
  });

  it('show control characters escaped in the duplicate message', () => {
    const [problem] = duplicateNames([{ name: 'a\nb\u001b', file: 'x.ts' }, { name: 'a\nb\u001b', file: 'y.ts' }]);
    expect(problem.message).toBe("'a\\nb\\x1b' is also used by y.ts; check names must be unique");
  });

  it('must be text: a lone surrogate cannot be stored or sent', () => {
    expect(validateCheck({ name: 'bad\uD800', run }, 'a.ts')).toEqual([
      { file: 'a.ts', field: 'name', message: 'must be valid Unicode text, got "bad\\ud800" (a lone surrogate)' },
    ]);
    expect(validateCheck({ name: '👩‍👩‍👧 '.repeat(100), run }, 'a.ts')).toEqual([]);
  });
});

describe('resolveCheck', () => {
  it('layers built-in defaults < config defaults < the check', () => {
    const check = resolveCheck({ name: 'n', run, retries: 3 }, 'n.ts', { defaults: { retries: 2, timeoutMs: 10_000, locale: 'ja-JP' } }, 'http://x');
    expect([check.retries, check.timeoutMs, check.locale, check.timezoneId, check.screenshot]).toEqual([3, 10_000, 'ja-JP', 'UTC', 'final']);
    expect(check.viewport).toEqual({ width: 1280, height: 720 });
  });

  it("takes a device's viewport unless the check sets one", () => {
    expect(resolveCheck({ name: 'n', run, device: 'iPhone 13' }, 'n.ts', {}, '').viewport).toEqual({ width: 390, height: 664 });
    expect(resolveCheck({ name: 'n', run, device: 'iPhone 13', viewport: { width: 500, height: 500 } }, 'n.ts', {}, '').viewport).toEqual({ width: 500, height: 500 });
  });

  it('lets BASE_URL override the config baseURL', () => {
    expect(resolveBaseURL({ baseURL: 'http://config' }, {})).toBe('http://config');
    expect(resolveBaseURL({ baseURL: 'http://config' }, { BASE_URL: 'https://env' })).toBe('https://env');
  });
});

describe('parseCli', () => {
  it('parses targets and every flag', () => {
    const o = parseCli(['checks/a.check.ts', 'login', '--grep', '^log', '--tag', 'smoke', '--tag', 'journey', '--workers', '3', '--out', 'o', '--json', 'r.json', '--junit', 'j.xml']);
    expect(o).toMatchObject({ targets: ['checks/a.check.ts', 'login'], tags: ['smoke', 'journey'], workers: 3, out: 'o', json: 'r.json', junit: 'j.xml' });
    expect(o.grep!.test('login')).toBe(true);
  });

  it.each([
    [['--workers', '0'], /--workers must be a whole number from 1 to 64/],
    [['--grep', '('], /--grep: Invalid regular expression/],
    [['--nope'], /Unknown option '--nope'/],
    [['--out', ''], /--out needs a path/],
  ])('rejects %j with a usage error', (argv, message) => {
    expect(() => parseCli(argv)).toThrow(UsageError);
    expect(() => parseCli(argv)).toThrow(message);
  });
});

describe('resolveCheck with options set to undefined', () => {
  it('keeps the defaults: undefined means "not set"', () => {
    const check = resolveCheck({ name: 'n', run, retries: undefined, timeoutMs: undefined, viewport: undefined, alerts: { channel: undefined } }, 'n.ts', { defaults: { retries: undefined, locale: undefined } }, '');
    expect([check.retries, check.timeoutMs, check.locale, check.viewport, check.alerts]).toEqual([2, 60_000, 'en-US', { width: 1280, height: 720 }, { notify: 'problems', alertAfter: 2, remindEvery: 5, homeOnly: 'note' }]);
    expect([check.confirmFrom, check.confirmTimeoutMs]).toEqual([[], 60_000]);
    expect(check.slowerThanUsual).toEqual({ factor: 1.5, minDeltaMs: 50, window: 9, learnRuns: 20 });
  });

  it('layers slowerThanUsual: off in defaults, tuned back on by a check; an unknown or bad field is named', () => {
    const config = { defaults: { slowerThanUsual: false } };
    expect(resolveCheck({ name: 'n', run }, 'n.ts', config, '').slowerThanUsual).toBe(false);
    expect(resolveCheck({ name: 'n', run, slowerThanUsual: { factor: 2 } }, 'n.ts', config, '').slowerThanUsual).toEqual({ factor: 2, minDeltaMs: 50, window: 9, learnRuns: 20 });
    expect(resolveCheck({ name: 'n', run, slowerThanUsual: true }, 'n.ts', { defaults: { slowerThanUsual: { window: 5 } } }, '').slowerThanUsual).toMatchObject({ window: 5 });
    expect(validateCheck({ name: 'n', run, slowerThanUsual: { factr: 2, window: 0 } }, 'n.ts')).toEqual([
      { file: 'n.ts', field: 'slowerThanUsual', message: "factr unknown option 'factr' (known: factor, minDeltaMs, window, learnRuns); window must be a whole number from 1 to 20, got 0" },
    ]);
    expect(validateCheck({ name: 'n', run, slowerThanUsual: 'yes' }, 'n.ts')[0]!.message).toBe('must be true, false or an object { factor, minDeltaMs, window, learnRuns }');
  });
});

describe('confirmFrom: probe regions', () => {
  it('takes region names from the defaults or the check (the check wins, [] turns them off), and homeOnly in alerts', () => {
    const config = { defaults: { confirmFrom: ['us-west-2'], alerts: { homeOnly: 'incident' as const } } };
    expect(validateConfig(config, 'mimamori.config.ts')).toEqual([]);
    expect(resolveCheck({ name: 'n', run }, 'n.ts', config, '')).toMatchObject({ confirmFrom: ['us-west-2'], alerts: { homeOnly: 'incident' } });
    expect(resolveCheck({ name: 'n', run, confirmFrom: [] }, 'n.ts', config, '').confirmFrom).toEqual([]);
    expect(validateCheck({ name: 'n', run, confirmFrom: ['eu-central-1', 'us-gov-west-1'], confirmTimeoutMs: 90_000 }, 'n.ts')).toEqual([]);
  });

  it('names the field of a bad region, a region listed twice, too many regions, a bad wait and a bad homeOnly', () => {
    expect(validateCheck({ name: 'n', run, confirmFrom: ['us-west-2', 'Tokyo'] }, 'n.ts')).toEqual([{ file: 'n.ts', field: 'confirmFrom', message: `"Tokyo" is not an AWS region name (like 'us-west-2')` }]);
    expect(validateCheck({ name: 'n', run, confirmFrom: ['us-west-2', 'us-west-2'] }, 'n.ts')[0]!.message).toBe("'us-west-2' listed twice");
    expect(validateCheck({ name: 'n', run, confirmFrom: 'us-west-2' }, 'n.ts')[0]!.message).toMatch(/must be an array of AWS region names/);
    expect(validateCheck({ name: 'n', run, confirmFrom: ['us-east-1', 'us-east-2', 'us-west-1', 'us-west-2', 'eu-west-1', 'eu-west-2'] }, 'n.ts')[0]!.message).toMatch(/at most 5/);
    expect(validateCheck({ name: 'n', run, confirmTimeoutMs: 1_000 }, 'n.ts')[0]!.field).toBe('confirmTimeoutMs');
    expect(validateConfig({ defaults: { alerts: { homeOnly: 'page' } } }, 'c.ts')[0]).toMatchObject({ field: 'defaults', message: expect.stringMatching(/homeOnly/) });
  });
});

describe('secrets and credentials options', () => {
  it('accepts declared secrets, credentials, headers, ignoreHTTPSErrors and expectedStatus, on a check and in defaults', () => {
    const options = {
      secrets: ['LOGIN_PASSWORD', 'API_KEY_2', '_PRIVATE'], httpCredentials: { username: 'u', password: 'pass-word', origin: 'https://shop.example.com' },
      extraHTTPHeaders: { 'X-Api-Key': 'key-1234', Authorization: 'Bearer token-1' }, ignoreHTTPSErrors: true, expectedStatus: [200, 401],
    };
    expect(validateCheck({ name: 'n', run, ...options }, 'c.check.ts')).toEqual([]);
    expect(validateCheck({ name: 'n', run, expectedStatus: 404 }, 'c.check.ts')).toEqual([]);
    expect(validateConfig({ defaults: options, secretsFile: '.env.local', redact: { queryParams: ['session_id'] } }, 'mimamori.config.ts')).toEqual([]);
  });

  it('names every bad value with file and field', () => {
    const problems = validateCheck({
      name: 'n', run, secrets: ['login_password', 'API-KEY', '2FA', 'OK_ONE'], httpCredentials: { username: 'u', origin: 'https://x.example/login', realm: 'r' },
      extraHTTPHeaders: { 'Bad Header': 'v', 'X-Number': 42, 'X-Split': 'a\r\nInjected: b' }, ignoreHTTPSErrors: 'yes', expectedStatus: [200, 99],
    }, 'checks/x.check.ts');
    expect(problems.map((p) => [p.file, p.field])).toEqual([
      ['checks/x.check.ts', 'secrets'], ['checks/x.check.ts', 'httpCredentials'], ['checks/x.check.ts', 'extraHTTPHeaders'],
      ['checks/x.check.ts', 'ignoreHTTPSErrors'], ['checks/x.check.ts', 'expectedStatus'],
    ]);
    const message = (field: string) => problems.find((p) => p.field === field)!.message;
    expect(message('secrets')).toBe(`"login_password", "API-KEY", "2FA" are not environment variable names (capital letters, digits and _, not starting with a digit, like 'LOGIN_PASSWORD')`);
    expect(message('httpCredentials')).toContain("origin must be an origin like 'https://x.example' (no path, query or user)");
    expect(message('httpCredentials')).toContain("unknown option 'realm'");
    expect(message('httpCredentials')).toContain('password is required');
    expect(message('extraHTTPHeaders')).toBe('"Bad Header" is not a header name; X-Number must be a string, got 42; X-Split must not contain a line break');
    expect(message('expectedStatus')).toBe('must be an HTTP status from 100 to 599, or a non-empty array of them, got [200,99]');
    expect(validateCheck({ name: 'n', run, secrets: 'LOGIN_PASSWORD', expectedStatus: [] }, 'a.ts').map((p) => p.message)).toEqual([
      "must be an array of environment variable names like 'LOGIN_PASSWORD', got \"LOGIN_PASSWORD\"",
      'must be an HTTP status from 100 to 599, or a non-empty array of them, got []',
    ]);
  });

  it('rejects unknown keys and bad values in the config: secretsFile, redact, and the options in defaults', () => {
    const problems = validateConfig({
      secretsFile: '', redact: { queryParams: 'token', headers: ['x'] }, defaults: { secrets: ['ok', 'OK'], secret: ['A'] }, secretFile: '.env',
    }, 'mimamori.config.ts');
    expect(problems.map((p) => [p.file, p.field])).toEqual([['secretsFile'], ['redact'], ['defaults'], ['secretFile']].map(([f]) => ['mimamori.config.ts', f]));
    expect(problems[1]!.message).toBe("queryParams must be an array of non-empty strings, got \"token\"; headers unknown option 'headers' (known: queryParams)");
    expect(problems[2]!.message).toContain('secrets "ok" is not an environment variable name');
    expect(problems[2]!.message).toContain("secret unknown option 'secret'");
    expect(problems[3]!.message).toMatch(/^unknown option 'secretFile' \(known: .*secretsFile, redact, digest, logWatches, limitWatches, deploy, maintenance\)$/);
  });

  it('combines the secrets of defaults and the check; the other options override as usual', () => {
    const config = {
      defaults: { secrets: ['API_KEY', 'SHARED'], httpCredentials: { username: 'd', password: 'dp' }, extraHTTPHeaders: { 'X-A': '1' }, ignoreHTTPSErrors: true, expectedStatus: 401 },
    };
    const check = resolveCheck({ name: 'n', run, secrets: ['SHARED', 'LOGIN_PASSWORD'], extraHTTPHeaders: { 'X-B': '2' }, expectedStatus: [200, 404] }, 'n.ts', config, '');
    expect(check.secrets).toEqual(['API_KEY', 'SHARED', 'LOGIN_PASSWORD']);
    expect([check.httpCredentials, check.extraHTTPHeaders, check.ignoreHTTPSErrors, check.expectedStatus]).toEqual([{ username: 'd', password: 'dp' }, { 'X-B': '2' }, true, [200, 404]]);
    expect(resolveCheck({ name: 'n', run }, 'n.ts', config, '').expectedStatus).toEqual([401]);
    const bare = resolveCheck({ name: 'n', run }, 'n.ts', {}, '');
    expect(bare.secrets).toEqual([]);
    expect(['httpCredentials', 'extraHTTPHeaders', 'ignoreHTTPSErrors', 'expectedStatus'].filter((k) => k in bare)).toEqual([]);
  });
});

describe('credentials read from the environment when the file loads', () => {
  it('says where a credential from a secret belongs when it is unset at load time (Lambda, the build)', () => {
    const [problem] = validateCheck({ name: 'n', run() {}, httpCredentials: { username: 'u', password: undefined } }, 'n.ts');
    expect(problem).toMatchObject({ field: 'httpCredentials' });
    expect(problem!.message).toContain('password is required — a credential from a secret is set inside run(), where process.env has it everywhere: await context.setHTTPCredentials(');
    expect(validateCheck({ name: 'n', run() {}, extraHTTPHeaders: { 'X-Number': 42 } }, 'n.ts')[0]!.message).not.toContain('inside run()');
  });
});

describe('credentials too short to be redacted', () => {
  it('refuses a short httpCredentials password and a short credential header, not a short ordinary header', () => {
    const problems = validateCheck({ name: 'n', run() {}, httpCredentials: { username: 'u', password: 'pw1' }, extraHTTPHeaders: { 'X-Api-Key': 'abc', 'X-Debug': '1' } }, 'n.ts');
    expect(problems.map((p) => p.field)).toEqual(['httpCredentials.password', 'extraHTTPHeaders.X-Api-Key']);
    expect(problems[0]!.message).toBe('is shorter than 4 characters: too short to be redacted safely');
  });
});
