// The redactor: declared values in every form they take, and the structural rules (userinfo, sensitive query
// parameters, credential headers, JSON keys) — over text as it comes from pages, Playwright's messages and console.log.
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SENSITIVE_PARAMS, makeRedactor, redactResult, redactorFor } from '../../src/result/redact.ts';
import { forwardLines } from '../../src/runner/line-forwarder.ts';
import type { CheckResult } from '../../src/result/types.ts';

const SECRET = 'sencha-demo-2026';
const r = makeRedactor({ values: [SECRET] });

describe('declared values', () => {
  it('replaces a value wherever it is, inside words too', () => {
    expect(r.text(`password is ${SECRET}`)).toBe('password is ***');
    expect(r.text(`xx${SECRET}yy`)).toBe('xx***yy');
    expect(r.text(`${SECRET}${SECRET} and ${SECRET}`)).toBe('*** and ***');
  });

  it('takes values with regular-expression metacharacters literally', () => {
    const odd = makeRedactor({ values: ['a.b*c+d?(e)[f]{g}|h^$\\i', '$&$1'] });
    expect(odd.text('x a.b*c+d?(e)[f]{g}|h^$\\i y')).toBe('x *** y');
    expect(odd.text('axbbbcd')).toBe('axbbbcd');
    expect(odd.text('cost $&$1 total')).toBe('cost *** total');
  });

  it('replaces the longest first and merges overlapping values', () => {
    const both = makeRedactor({ values: ['abcd', 'abcdefgh'] });
    expect(both.text('xabcdefghx')).toBe('x***x');
    const overlap = makeRedactor({ values: ['abcdef', 'defghi'] });
    // Leftmost-first replacement would leave `ghi`, a piece of the second secret.
    expect(overlap.text('abcdefghi')).toBe('***');
    const repeats = makeRedactor({ values: ['aaaa'] });
    expect(repeats.text('aaaaaa b')).toBe('*** b');
  });

  it('replaces the percent-, form-, JSON- and HTML-encoded forms', () => {
    const secret = 'p@ss w/rd&"x"+ü';
    const red = makeRedactor({ values: [secret] });
    for (const form of [
      encodeURIComponent(secret),
      encodeURIComponent(secret).replace(/%[0-9A-F]{2}/g, (h) => h.toLowerCase()),
      new URLSearchParams({ q: secret }).toString().slice(2),
      JSON.stringify(secret).slice(1, -1),
      'p@ss w/rd&amp;&quot;x&quot;+ü',
    ]) {
      expect(red.text(`[${form}]`), form).toBe('[***]');
    }
    expect(red.text(`https://site.test/search?q=${encodeURIComponent(secret)}&page=2`)).toBe('https://site.test/search?q=***&page=2');
  });

  it('replaces the value inside base64, whatever comes before it (a Basic header of any user)', () => {
    for (const user of ['a', 'ab', 'abc', 'someone@example.com']) {
      const basic = Buffer.from(`${user}:${SECRET}`).toString('base64');
      const out = r.text(`sent ${basic} in a body`);
      expect(out, user).toContain('***');
      // What is left around the mask is at most the user's part and a few bits of the secret's edges.
      const left = out.replace(/^sent /, '').replace(/ in a body$/, '').split('***');
      expect(left.join('').length).toBeLessThanOrEqual(Buffer.from(`${user}:`).toString('base64').length + 4);
    }
    expect(r.text(Buffer.from(SECRET).toString('base64url'))).toMatch(/^\*\*\*.{0,3}$/);
  });

  it('ignores values too short to redact safely', () => {
    const short = makeRedactor({ values: ['abc', '', 'abcd'] });
    expect(short.text('abc abcd')).toBe('abc ***');
  });
});

describe('structural rules', () => {
  it('masks URL userinfo', () => {
    expect(r.text('open http://user:pw@host.test/x')).toBe('open http://***:***@host.test/x');
    expect(r.text('git https://ghp_token123@github.com/o/r')).toBe('git https://***@github.com/o/r');
    expect(r.text('see https://host.test/users/bob@example.com')).toBe('see https://host.test/users/bob@example.com');
  });

  it('masks sensitive query parameters in URLs inside any text, keeping the others', () => {
    expect(r.text('went to https://x/?token=abc&q=1 then')).toBe('went to https://x/?token=***&q=1 then');
    expect(r.text('https://x/p?q=1&API_KEY=k1&Access-Token=t&page=2')).toBe('https://x/p?q=1&API_KEY=***&Access-Token=***&page=2');
    expect(r.text('https://x/cb#access_token=eyx&token_type=bearer&state=s')).toBe('https://x/cb#access_token=***&token_type=bearer&state=s');
    expect(r.text('https://x/login;jsessionid=ABC123?next=1')).toBe('https://x/login;jsessionid=***');
    expect(r.text('https://b.s3.amazonaws.com/k?X-Amz-Credential=AKIA%2F1&X-Amz-Signature=abcd&X-Amz-Security-Token=IQo'))
      .toBe('https://b.s3.amazonaws.com/k?X-Amz-Credential=***&X-Amz-Signature=***&X-Amz-Security-Token=***');
    expect(r.text('<a href="/cb?code=xyz&amp;state=1">')).toBe('<a href="/cb?code=***&amp;state=1">');
    expect(r.text('https://x/?csrf_token=1&clientSecret=2&keyword=shoes&zipcode=123')).toBe('https://x/?csrf_token=***&clientSecret=***&keyword=shoes&zipcode=123');
  });

  it('masks sensitive parameters of a URL encoded inside another URL', () => {
    const inner = encodeURIComponent('https://app.test/cb?token=abc&x=1');
    expect(r.text(`https://login.test/?next=${inner}`)).toBe('https://login.test/?next=https%3A%2F%2Fapp.test%2Fcb%3Ftoken%3D***%26x%3D1');
  });

  it('takes extra parameter names from the config, ignoring case', () => {
    const extra = makeRedactor({ values: [], queryParams: ['Voucher'] });
    expect(extra.text('https://x/?voucher=V-1&q=1')).toBe('https://x/?voucher=***&q=1');
    expect(DEFAULT_SENSITIVE_PARAMS).toContain('x-amz-signature');
  });

  it('masks credential header values in text (Playwright call logs)', () => {
    const log = [
      '  - → GET https://api.test/me',
      '  -   user-agent: Mozilla/5.0',
      '  -   Authorization: Bearer abc.def.ghi',
      '  -   cookie: sid=1; theme=dark',
      'Set-Cookie: session=zzz; HttpOnly',
      'Proxy-Authorization: Basic Zm9vOmJhcg==',
    ].join('\n');
    expect(r.text(log)).toBe([
      '  - → GET https://api.test/me',
      '  -   user-agent: Mozilla/5.0',
      '  -   Authorization: ***',
      '  -   cookie: ***',
      'Set-Cookie: ***',
      'Proxy-Authorization: ***',
    ].join('\n'));
  });

  it('masks Bearer and Basic credentials and JWTs without a header name', () => {
    expect(r.text('sent Bearer abcdefgh12345 to the API')).toBe('sent Bearer *** to the API');
    expect(r.text(`Basic ${Buffer.from('u:p4ss').toString('base64')}`)).toBe('Basic ***');
    expect(r.text('Basic authentication failed')).toBe('Basic authentication failed');
    const jwt = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjMifQ.sig_nature-x';
    expect(r.text(`stored ${jwt}.`)).toBe('stored ***.');
  });

  it('masks the values of JSON and object-literal keys that name credentials', () => {
    expect(r.text('{"user":"bob","password":"hunter22","token": "t"}')).toBe('{"user":"bob","password":"***","token": "***"}');
    expect(r.text("{ password: 'hunter22', authorization: 'Bearer x', accept: '*/*' }"))
      .toBe("{ password: '***', authorization: '***', accept: '*/*' }");
    expect(r.text('body: "{\\"apiKey\\":\\"k-123\\",\\"q\\":\\"1\\"}"')).toBe('body: "{\\"apiKey\\":\\"***\\",\\"q\\":\\"1\\"}"');
    // Error codes and key names stay readable.
    expect(r.text("{ code: 'ERR_NETWORK', key: 'Enter' }")).toBe("{ code: 'ERR_NETWORK', key: 'Enter' }");
  });

  it('leaves ordinary text alone and is idempotent', () => {
    const plain = 'Expected: "Welcome"\nReceived: "Hello, world" at https://shop.test/cart?page=2#top (code 500)';
    expect(r.text(plain)).toBe(plain);
    const once = r.text(`https://u:p@x/?token=a ${SECRET} Authorization: Bearer zzzzzzzzz {"password":"x"}`);
    expect(r.text(once)).toBe(once);
  });
});

describe('redactorFor', () => {
  it('reads declared secrets from the environment and adds HTTP credentials and extra header values', () => {
    const red = redactorFor([
      { secrets: ['LOGIN_PASSWORD', 'UNSET_ONE'] },
      { httpCredentials: { username: 'admin', password: 'basic-pw-1' }, extraHTTPHeaders: { 'X-Api-Key': 'Token k-9876543' } },
    ], { redact: { queryParams: ['voucher'] } }, { LOGIN_PASSWORD: SECRET });
    expect(red.text(`typed ${SECRET}`)).toBe('typed ***');
    expect(red.text('pw basic-pw-1')).toBe('pw ***');
    expect(red.text(`x ${Buffer.from('admin:basic-pw-1').toString('base64')} y`)).toBe('x *** y');
    expect(red.text('k-9876543 and Token k-9876543')).toBe('*** and ***');
    expect(red.text('https://x/?voucher=123')).toBe('https://x/?voucher=***');
  });
});

describe('redactResult', () => {
  it('redacts what came from the site and the check, not mimamori\'s own links or the check\'s identity', () => {
    const presigned = 'https://bucket.s3.amazonaws.com/runs/x/01.png?X-Amz-Signature=abcd&X-Amz-Security-Token=zz';
    const error = { name: 'Error', message: `expected ${SECRET}`, stack: `Error: expected ${SECRET}\n    at x`, step: `log in as ${SECRET}`, class: 'assertion' as const };
    const result: CheckResult = {
      name: 'login', file: 'checks/login.check.ts', description: `uses ${SECRET}`, tags: ['t'], baseURL: 'https://u:pw@site.test/',
      status: 'failed', startedAt: 0, durationMs: 1, budget: {}, attempts: 1, flaky: false,
      attemptHistory: [{ attempt: 1, status: 'failed', durationMs: 1, error: { ...error } }],
      steps: [{ name: `log in as ${SECRET}`, status: 'failed', durationMs: 1, budget: {}, error: { ...error } }],
      navigations: [{ url: `https://site.test/?token=abc&pw=${SECRET}`, status: 200, startedAt: 0, step: `log in as ${SECRET}` }],
      screenshots: [
        { file: '01-log-in-as-sencha-demo-2026-failure.png', step: `log in as ${SECRET}`, kind: 'failure', attempt: 1, width: 1, height: 1, bytes: Buffer.from(SECRET), link: { url: presigned } },
        { file: 'final.png', kind: 'final', attempt: 1, width: 1, height: 1, path: 'runs/login/final.png', link: { url: presigned } },
      ],
      pageErrors: { consoleErrors: 1, failedRequests: 0, samples: [`console.error: ${SECRET}`] },
      error: { ...error },
      warnings: [`step "log in as ${SECRET}" took 90 %`],
      usual: { state: 'learning', runs: 1, needed: 5, sentence: `learning ${SECRET}` },
      lastGood: { runId: 'r', startedAt: 0, screenshot: { file: 'f.png', kind: 'final', path: 'p', link: { url: presigned } } },
      storage: { folder: 'f', local: 'l', durationMs: 1, s3: { location: 's3://b', result: { url: presigned } } },
    };
    redactResult(result, r);
    const json = JSON.stringify(result, (k, v) => (k === 'bytes' ? undefined : v));
    expect(json).not.toContain(SECRET);
    expect(result.baseURL).toBe('https://***:***@site.test/');
    expect(result.navigations[0]!.url).toBe('https://site.test/?token=***&pw=***');
    expect(result.error!.message).toBe('expected ***');
    expect(result.screenshots[0]!.file).toBe('01-redacted-failure.png');
    expect(result.screenshots[1]!.file).toBe('final.png');
    // mimamori's own links and the check's identity are untouched; the picture's bytes too.
    expect(result.screenshots[0]!.link!.url).toBe(presigned);
    expect(result.lastGood!.screenshot!.link!.url).toBe(presigned);
    expect(result.storage!.s3!.result!.url).toBe(presigned);
    expect(result.screenshots[0]!.bytes!.toString()).toBe(SECRET);
    expect(result.name).toBe('login');
  });
});

describe('worker output, line by line', () => {
  it('passes on whole lines only, so a secret cut by a chunk edge (or inside a UTF-8 character) is still seen whole', async () => {
    const stream = new PassThrough();
    const passed: string[] = [];
    const forwarder = forwardLines(stream, (t) => passed.push(r.text(t)));
    const line = Buffer.from(`one ${SECRET} ü\ntwo ${SECRET}\nlast ${SECRET}`);
    // One byte at a time: every edge, the two bytes of ü apart.
    for (const byte of line) stream.write(Buffer.from([byte]));
    expect(passed.join('')).toBe('one *** ü\ntwo ***\n');
    stream.end();
    await forwarder.ended;
    // The last line had no newline: passed on when the stream ended.
    expect(passed.join('')).toBe('one *** ü\ntwo ***\nlast ***');
  });

  it('passes on the partial line when stopped (the worker exited, its pipe held open by something it started)', () => {
    const stream = new PassThrough();
    const passed: string[] = [];
    const forwarder = forwardLines(stream, (t) => passed.push(t));
    stream.write('no newline yet');
    return new Promise<void>((resolve) => setImmediate(() => {
      forwarder.stop();
      expect(passed).toEqual(['no newline yet']);
      resolve();
    }));
  });
});

describe('redactorFor: credentials from a check', () => {
  it('redacts credential headers by name, not every header value', () => {
    const r = redactorFor([{ extraHTTPHeaders: { 'X-Api-Key': 'k3y-value-123', 'X-Env': 'prod', Authorization: 'Bearer tok-9876' } }], undefined, {});
    expect(r.text('product k3y-value-123 tok-9876')).toBe('product *** ***');
  });
});
