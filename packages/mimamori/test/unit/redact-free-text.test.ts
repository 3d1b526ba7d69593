// The redactor over free text (log lines, console output, error messages): credentials named by a `key=value` or
// `key: value`, tokens that announce themselves by their prefix, several URLs in one line, and a declared secret as CSS
// re-cased it. Then what it finds for a trace, whose entries it cannot rewrite.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeRedactor, redactorFor } from '../../src/result/redact.ts';
import { matchingLines } from '../../src/log-watch/matching.ts';
import { installedPackage } from '../helpers/cli.ts';

const r = makeRedactor({ values: [] });

// Fakes shaped like the real ones (the AWS key id is AWS's documentation example), assembled so no scanner takes them
// for leaked credentials.
const TOKENS = {
  awsKeyId: 'AKIA' + 'IOSFODNN7EXAMPLE',
  awsSessionKeyId: 'ASIA' + 'Y34FZKBOKMUTVV7A',
  slackBot: 'xoxb-' + '1234567890-1234567890123-AbCdEfGhIjKlMnOpQrStUvWx',
  slackUser: 'xoxp-' + '1234567890-1234567890-1234567890123-0123456789abcdef',
  githubClassic: 'ghp_' + 'AbCdEfGhIjKlMnOpQrStUvWxYz0123456789',
  githubApp: 'ghs_' + '16C7e42F292c6912E7710c838347Ae178B4a',
  githubFineGrained: 'github_pat_' + '11ABCDEFG0123456789_abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUV',
  stripe: 'sk_live_' + '51H8xYzAbCdEfGhIjKlMnOp',
  stripeRestricted: 'rk_live_' + '51H8xYzAbCdEfGhIjKlMnOp',
  npm: 'npm_' + 'aBcDeFgHiJkLmNoPqRsTuVwXyZ0123456789',
};
const WEBHOOK_PATH = 'T00000000/B00000000/' + 'XXXXXXXXXXXXXXXXXXXXXXXX';

describe('well-known token prefixes in free text', () => {
  for (const [kind, token] of Object.entries(TOKENS)) {
    it(`redacts ${kind}, keeping its prefix`, () => {
      const out = r.text(`2026-12-07T10:00:00Z ERROR upstream rejected ${token} (retrying)`);
      expect(out).not.toContain(token.slice(-12));
      expect(out).toMatch(/rejected [A-Za-z_]+-?\*\*\* \(retrying\)$/);
    });
  }

  it('redacts a Slack webhook URL past /services/', () => {
    const out = r.text(`posting to https://hooks.slack.com/services/${WEBHOOK_PATH} failed: 404`);
    expect(out).toBe('posting to https://hooks.slack.com/services/*** failed: 404');
  });

  it('leaves look-alikes that are not tokens', () => {
    const plain = 'AKIA is a prefix; xoxb- alone; ghp_short; sk_live_; npm_config_cache=/tmp/npm; hooks.slack.com is Slack';
    expect(r.text(plain)).toBe(plain);
  });
});

describe('key=value and key: value with sensitive names', () => {
  it('redacts logfmt values, quoted or not, and keeps the rest of the line', () => {
    expect(r.text('level=info user=bob password=hunter22 retry=3')).toBe('level=info user=bob password=*** retry=3');
    expect(r.text('aws_secret_access_key=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY region=eu-west-1'))
      .toBe('aws_secret_access_key=*** region=eu-west-1');
    expect(r.text('AWS_SECRET_ACCESS_KEY = wJalrXUtnFEMI')).toBe('AWS_SECRET_ACCESS_KEY = ***');
    expect(r.text('db_password="two words" host=db')).toBe('db_password="***" host=db');
    expect(r.text("client_secret='s3cr3t' ok")).toBe("client_secret='***' ok");
    expect(r.text('api-key=k-1, apiKey=k-2; csrf_token=c-3')).toBe('api-key=***, apiKey=***; csrf_token=***');
  });

  it('redacts an unquoted `name: value` to the end of the line, a quoted one to its closing quote', () => {
    expect(r.text('password: hunter22')).toBe('password: ***');
    expect(r.text('  db_password: correct horse battery staple\nhost: db')).toBe('  db_password: ***\nhost: db');
    // A comma may be part of the value: the rest of the line goes with it.
    expect(r.text('password: abc,def')).toBe('password: ***');
    expect(r.text('{ token: abc123, user: bob }')).toBe('{ token: ***');
    expect(r.text('"secret": 123456')).toBe('"secret": ***');
    expect(r.text('password: "two words", user: bob')).toBe('password: "***", user: bob');
  });

  // Each of these came back whole (or half) before: an earlier `key=` / `key:` on the line swallowed its value, and the
  // credential inside it was never looked at.
  it('is not bypassed by an earlier key=value or key: value on the same line', () => {
    expect(r.text('level=error msg="auth failed password=hunter22" user=bob')).toBe('level=error msg="auth failed password=***" user=bob');
    expect(r.text('user: bob password: hunter22')).toBe('user: bob password: ***');
    expect(r.text('Error: login failed password: hunter22')).toBe('Error: login failed password: ***');
    expect(r.text('time=2026-12-07T10:00:00Z msg="retry with api_key=k-123456"')).toBe('time=2026-12-07T10:00:00Z msg="retry with api_key=***"');
    expect(r.text('msg="password=hunter22 next"')).toBe('msg="password=*** next"');
  });

  it('masks a whole `=` value: to the next space, or the whole quoted string (escaped quotes too), or the line when unterminated', () => {
    expect(r.text('password=Tr0ub4dor&3x next')).toBe('password=*** next');
    expect(r.text('password="hunter22')).toBe('password="***');
    expect(r.text('password="hunter22 and more\nnext=1')).toBe('password="***\nnext=1');
    expect(r.text('{"msg":"login password=\\"hunter22\\""}')).toBe('{"msg":"login password=\\"***\\""}');
    expect(r.text('{"password"=>"hunter22"}')).toBe('{"password"=>"***"}');
    expect(r.text(':password => "hunter22"')).toBe(':password => "***"');
    for (const leaky of [
      'level=error msg="auth failed password=hunter22" user=bob', 'user: bob password: hunter22', 'Error: login failed password: hunter22',
      'password=Tr0ub4dor&3x', 'password: abc,def', 'password="hunter22', '{"msg":"x password=\\"hunter22\\""}', '{"password"=>"hunter22"}',
    ]) {
      const out = r.text(leaky);
      expect(out, leaky).not.toMatch(/hunter22|Tr0ub|&3x|def/);
    }
  });

  it('is not over-eager: other words, counts, prose, error codes and key names stay', () => {
    for (const plain of [
      'passwordless=true login_method=magic-link',
      'tokens: 3 left, max_tokens=100, token_count=7',
      'Session: 3 active; Auth: failed for bob; Ticket: #12',
      'code=500 key=Enter keyboard: en',
      'Error: page.fill: Timeout 500ms exceeded.',
      'Expected: "Welcome"\nReceived: "Hello"',
      'the password field is empty',
      'password:',
    ]) {
      expect(r.text(plain), plain).toBe(plain);
    }
  });

  it('is idempotent over what it produced', () => {
    const once = r.text(`password=a token: b ${TOKENS.githubClassic} https://hooks.slack.com/services/${WEBHOOK_PATH}`);
    expect(r.text(once)).toBe(once);
  });
});

describe('every occurrence in one text', () => {
  it('redacts two userinfo URLs and two sensitive parameters in one string', () => {
    expect(r.text('from http://ops:pw-1@a.test/x to https://deploy:pw-2@b.test/y'))
      .toBe('from http://***:***@a.test/x to https://***:***@b.test/y');
    expect(r.text('https://a.test/?token=t-1&q=1 then https://b.test/?api_key=k-2'))
      .toBe('https://a.test/?token=***&q=1 then https://b.test/?api_key=***');
  });
});

describe('a declared secret re-cased by the page (CSS text-transform)', () => {
  const cased = makeRedactor({ values: ['sencha-Demo-2026'] });

  it('redacts its upper-, lower- and capitalized forms, encoded too', () => {
    expect(cased.text('Expected "Welcome" but got "SENCHA-DEMO-2026"')).toBe('Expected "Welcome" but got "***"');
    expect(cased.text('innerText: sencha-demo-2026')).toBe('innerText: ***');
    expect(cased.text('shown as Sencha-Demo-2026')).toBe('shown as ***');
    expect(cased.text(`?q=${encodeURIComponent('SENCHA-DEMO-2026')}`)).toBe('?q=***');
  });
});

describe('what it finds (for a trace, whose entries cannot be rewritten)', () => {
  const red = makeRedactor({ values: ['declared-secret-1'], queryParams: ['voucher'] });

  it('names the kinds, never the values', () => {
    const found = red.find('{"url":"http://ops:PASSWORD@host.test/","next":"https://x.test/?token=abc&voucher=v-9&q=1"} declared-secret-1');
    expect(found).toEqual(["a declared secret's value", 'URL userinfo', 'sensitive URL parameters (token, voucher)']);
    expect(found.join(' ')).not.toMatch(/PASSWORD|abc|v-9/);
    expect(red.find(`shown ${TOKENS.slackBot}`)).toEqual([expect.stringContaining('well-known token')]);
    expect(red.find('DECLARED-SECRET-1')).toEqual(["a declared secret's value"]);
  });

  it('reads parameters only in what looks like a URL (after a host or a path), and userinfo only in http(s), ws(s), ftp URLs', () => {
    for (const script of [
      'function f(e){if(!e)return;e.password=n.value}',
      'a&&(t.token=r.next())',
      'var x=n?code=1:code=2',
      '<a href="mailto://ops@example.com">write</a>',
    ]) {
      expect(red.find(script), script).toEqual([]);
    }
    const params = (names: string) => [`sensitive URL parameters (${names})`];
    expect(red.find('{"url":"https://x.test/next?access_token=t-1&q=1"}')).toEqual(params('access_token'));
    expect(red.find('<a href="/cb?code=xyz&amp;state=1">')).toEqual(params('code'));
    expect(red.find('https://x.test#id_token=abc')).toEqual(params('id_token'));
    expect(red.find('https://x.test/login;jsessionid=ABC?next=1')).toEqual(params('jsessionid'));
    expect(red.find(`go ${encodeURIComponent('https://app.test/cb?token=abc')}`)).toEqual(params('token'));
    for (const url of ['ws://ops:pw@x.test/socket', 'FTP://u:p@x.test/', 'git+https://ghp_abc@github.com/o/r']) {
      expect(red.find(url), url).toEqual(['URL userinfo']);
    }
  });

  it("finds nothing in Playwright's own HTML report script (minified: `if(r.password)`, `(t.token=`)", () => {
    const script = readFileSync(join(installedPackage('playwright-core'), 'lib/vite/htmlReport/report.js'), 'latin1');
    expect(red.find(script)).toEqual([]);
  });

  it('finds nothing in ordinary page text, masked values or non-sensitive parameters', () => {
    expect(red.find('<a href="https://x.test/cart?page=2&q=tea">cart</a> bob@example.com https://cdn.test/pkg@5/x.js')).toEqual([]);
    expect(red.find('https://x.test/?token=***')).toEqual([]);
  });
});

describe('log-watch lines', () => {
  it('are posted through the same redactor: prefixed tokens and key=value credentials do not reach Slack', () => {
    const events = [
      { id: '1', timestamp: 1, message: `ERROR auth failed password=hunter22 token=${TOKENS.slackBot}` },
      { id: '2', timestamp: 2, message: `ERROR git push https://${TOKENS.githubClassic}@github.com/o/r rejected, AWS key ${TOKENS.awsKeyId}` },
      { id: '3', timestamp: 3, message: `ERROR webhook https://hooks.slack.com/services/${WEBHOOK_PATH}: 410, npm ${TOKENS.npm}, stripe ${TOKENS.stripe}` },
    ];
    const { lines } = matchingLines(events, /ERROR/, redactorFor([], undefined, {}));
    const posted = lines.map((l) => l.text).join('\n');
    for (const leaked of ['hunter22', ...Object.values(TOKENS).map((t) => t.slice(-12)), WEBHOOK_PATH]) expect(posted).not.toContain(leaked);
    expect(lines.map((l) => l.id)).toEqual(['1', '2', '3']);
    expect(posted).toContain('password=***');
  });
});
