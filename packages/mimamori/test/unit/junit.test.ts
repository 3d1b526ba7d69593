import { describe, it, expect } from 'vitest';
import { renderJUnit } from '../../src/cli/junit.ts';
import { sampleRun } from './fixtures/run-result.ts';

interface El {
  name: string;
  attrs: Record<string, string>;
  children: El[];
  text: string;
}

const ENTITY = /&(?:(amp|lt|gt|quot|apos)|#(\d+)|#x([0-9a-fA-F]+));/g;
const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
const INVALID_CHAR = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u;

function decode(raw: string): string {
  if (/&/.test(raw.replace(ENTITY, ''))) throw new Error(`bare & in ${JSON.stringify(raw)}`);
  if (INVALID_CHAR.test(raw)) throw new Error(`invalid XML character in ${JSON.stringify(raw)}`);
  return raw.replace(ENTITY, (_, named: string, dec: string, hex: string) =>
    named ? NAMED[named]! : String.fromCodePoint(parseInt(dec ?? hex, dec ? 10 : 16)));
}

/** A strict little XML parser: throws on anything not well-formed (for what junit.ts emits: no CDATA, no comments). */
function parseXml(xml: string): El {
  const decl = /^<\?xml version="1\.0" encoding="UTF-8"\?>\n/.exec(xml);
  if (!decl) throw new Error('missing XML declaration');
  const root: El = { name: '#document', attrs: {}, children: [], text: '' };
  const stack: El[] = [root];
  for (const token of xml.slice(decl[0].length).match(/<[^>]*>|[^<]+/g) ?? []) {
    const top = stack[stack.length - 1]!;
    if (!token.startsWith('<')) {
      if (token.includes('>')) throw new Error(`raw > in text ${JSON.stringify(token)}`);
      if (stack.length === 1 && token.trim()) throw new Error('text outside the root');
      top.text += decode(token);
      continue;
    }
    const close = /^<\/([A-Za-z_][\w.-]*)>$/.exec(token);
    if (close) {
      if (top.name !== close[1]) throw new Error(`</${close[1]}> closes <${top.name}>`);
      stack.pop();
      continue;
    }
    const open = /^<([A-Za-z_][\w.-]*)((?:\s+[A-Za-z_][\w.-]*="[^"<]*")*)\s*(\/?)>$/.exec(token);
    if (!open) throw new Error(`malformed tag ${JSON.stringify(token)}`);
    const el: El = { name: open[1]!, attrs: {}, children: [], text: '' };
    for (const [, k, v] of open[2]!.matchAll(/([A-Za-z_][\w.-]*)="([^"]*)"/g)) {
      if (k! in el.attrs) throw new Error(`duplicate attribute ${k}`);
      el.attrs[k!] = decode(v!);
    }
    if (stack.length === 1 && root.children.length > 0) throw new Error('two root elements');
    top.children.push(el);
    if (!open[3]) stack.push(el);
  }
  if (stack.length !== 1) throw new Error(`unclosed <${stack[stack.length - 1]!.name}>`);
  return root.children[0]!;
}

function all(el: El, name: string): El[] {
  return el.children.flatMap((c) => [...(c.name === name ? [c] : []), ...all(c, name)]);
}

function testcase(root: El, name: string): El {
  const found = all(root, 'testcase').find((t) => t.attrs.name === name);
  if (!found) throw new Error(`no testcase ${name}`);
  return found;
}

describe('parseXml (the test helper)', () => {
  it('rejects what is not well-formed', () => {
    const head = '<?xml version="1.0" encoding="UTF-8"?>\n';
    expect(() => parseXml(`${head}<a><b></a></b>`)).toThrow();
    expect(() => parseXml(`${head}<a x="1 & 2"/>`)).toThrow();
    expect(() => parseXml(`${head}<a>\u0001</a>`)).toThrow();
    expect(() => parseXml(`${head}<a x="<"/>`)).toThrow();
    expect(parseXml(`${head}<a x="&lt;&#10;"><b/>t&amp;</a>`).attrs.x).toBe('<\n');
  });
});

describe('renderJUnit', () => {
  it('is well-formed with one testcase per result and per diagnostic, and the right counts', () => {
    const run = sampleRun();
    const root = parseXml(renderJUnit(run));
    expect(root.name).toBe('testsuites');
    expect(root.attrs).toMatchObject({ name: 'mimamori', tests: '5', failures: '1', errors: '1', time: '14.450' });
    const suites = all(root, 'testsuite');
    expect(suites).toHaveLength(1);
    expect(suites[0]!.attrs).toMatchObject({ name: 'mimamori', tests: '5', failures: '1', errors: '1' });
    expect(all(root, 'testcase')).toHaveLength(run.results.length + run.diagnostics.length);
    expect(all(root, 'failure')).toHaveLength(1);
  });

  it('lists a note as a property, not a testcase or an error: a run whose only diagnostic is a note is green in CI', () => {
    const run = sampleRun();
    run.results = run.results.filter((r) => r.status !== 'failed');
    run.diagnostics = [{ file: 'checks/slow.check.ts', message: 'still loading when the checks asked for were found', severity: 'note' }];
    const root = parseXml(renderJUnit(run));
    expect(root.attrs).toMatchObject({ tests: String(run.results.length), failures: '0', errors: '0' });
    expect(all(root, 'testcase')).toHaveLength(run.results.length);
    expect(all(root, 'property').map((p) => p.attrs)).toContainEqual({ name: 'note', value: 'checks/slow.check.ts: still loading when the checks asked for were found' });
  });

  it('gives a failed check a failure with the class, step, message and stack', () => {
    const root = parseXml(renderJUnit(sampleRun()));
    const checkout = testcase(root, 'Checkout');
    expect(checkout.attrs).toMatchObject({ classname: 'checks/checkout.check.ts', time: '6.300' });
    const [failure] = all(checkout, 'failure');
    expect(failure!.attrs.type).toBe('assertion');
    expect(failure!.attrs.message).toBe('add to cart: expect(locator).toBeVisible() failed');
    expect(failure!.text).toContain('Step: add to cart');
    expect(failure!.text).toContain('at checks/checkout.check.ts:14:40');
    expect(failure!.text).toContain("Locator: getByRole('button', { name: 'Added' })");
    expect(failure!.text).not.toContain('[2m');
  });

  it('lists steps in system-out, notes degraded and flaky checks, and does not fail them', () => {
    const root = parseXml(renderJUnit(sampleRun()));
    const out = (name: string): string => all(testcase(root, name), 'system-out')[0]!.text;
    expect(out('Checkout')).toContain('✓ open product — passed, 1.1 s');
    expect(out('Checkout')).toContain('✗ add to cart — failed, 5.2 s / – / 8 s — assertion: expect(locator).toBeVisible() failed');
    expect(out('Checkout')).toMatch(/– pay — skipped$/m);
    expect(all(testcase(root, 'Search'), 'failure')).toHaveLength(0);
    expect(out('Search')).toMatch(/^DEGRADED: took 4.2 s, over degradedResponseTime 3 s$/m);
    expect(out('Login')).toContain('FLAKY: passed on attempt 2');
    expect(out('Login')).toContain('attempt 1: failed — timeout: page.click: Timeout 5000ms exceeded.');
    expect(out('Home page')).not.toContain('DEGRADED');
  });

  it('turns each diagnostic into an errored testcase of type "definition"', () => {
    const root = parseXml(renderJUnit(sampleRun()));
    const diag = testcase(root, 'checks/broken.check.ts › maxResponseTime');
    expect(diag.attrs.classname).toBe('checks/broken.check.ts');
    const [error] = all(diag, 'error');
    expect(error!.attrs).toEqual({ message: 'must be a positive number, got "-5"', type: 'definition' });
  });

  it('escapes markup characters and writes control characters (which XML 1.0 forbids) as visible escapes', () => {
    const run = sampleRun();
    run.results[0]!.name = `a<b>&"c'\u0001d\u0008\uFFFE\uD800e\nf`;
    run.results[3]!.error!.message = 'line 1 <div>\u001b[31m & \u0000\nline 2';
    run.results[3]!.error!.step = 'add\u001bto cart';
    run.results[3]!.file = 'checks/"quoted".check.ts';
    run.diagnostics[0]!.file = 'checks/bell\u0007.check.ts';
    const xml = renderJUnit(run);
    expect(xml).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\uFFFE]/);
    const root = parseXml(xml);
    expect(testcase(root, `a<b>&"c'\\x01d\\x08\\ufffe\\ud800e\\nf`)).toBeDefined();
    const checkout = testcase(root, 'Checkout');
    expect(checkout.attrs.classname).toBe('checks/"quoted".check.ts');
    expect(all(checkout, 'failure')[0]!.attrs.message).toBe('add\\x1bto cart: line 1 <div> & \\x00');
    expect(all(checkout, 'failure')[0]!.text).toContain('line 1 <div> & \\x00\nline 2');
    expect(all(checkout, 'failure')[0]!.text).toContain('Step: add\\x1bto cart\n');
    expect(testcase(root, 'checks/bell\\x07.check.ts › maxResponseTime').attrs.classname).toBe('checks/bell\\x07.check.ts');
  });
});
