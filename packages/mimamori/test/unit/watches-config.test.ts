// logWatches and limitWatches in the config: validated with file and field like every option, resolved with their
// defaults, and a regular expression turned into a CloudWatch filter pattern only where the two mean the same.
import { describe, expect, it } from 'vitest';
import { validateConfig } from '../../src/check/validate.ts';
import { derivedFilterPattern, resolveLimitWatches, resolveLogWatches } from '../../src/check/watches.ts';

const FILE = 'mimamori.config.ts';
const messages = (config: unknown) => validateConfig(config, FILE).map((p) => `${p.field}: ${p.message}`);

describe('logWatches validation', () => {
  it('accepts watches with their options', () => {
    expect(messages({ logWatches: [
      { name: 'api-errors', logGroups: ['/aws/lambda/api', '/ecs/web#1'], pattern: /ERROR|Unhandled/ },
      { name: 'timeouts', logGroups: ['/aws/lambda/api'], pattern: /Task timed out/i, filterPattern: '"Task timed out"', windowMinutes: 15 },
    ] })).toEqual([]);
  });

  it('names the watch and field of each problem', () => {
    const found = messages({ logWatches: [
      { name: 'api errors', logGroups: [], pattern: 'ERROR' },
      { logGroups: ['/ok'], pattern: /x/, windowMinutes: 0, colour: 'red' },
    ] });
    expect(found).toHaveLength(1);
    expect(found[0]).toMatch(/^logWatches: /);
    for (const part of [
      "[0].name must be 1 to 64 letters, digits, - or _, like 'api-errors', got \"api errors\"",
      '[0].logGroups must be a non-empty array of log group names',
      '[0].pattern must be a regular expression like /ERROR|Unhandled/, got the string "ERROR" (write /…/ without quotes)',
      '[1].windowMinutes must be a whole number from 1 to 60, got 0',
      "[1].colour unknown option 'colour'",
      '[1].name is required',
    ]) expect(found[0]).toContain(part);
  });

  it('refuses two watches of one name, and a third watch on a log group (CloudWatch Logs allows two filters)', () => {
    const w = (name: string) => ({ name, logGroups: ['/aws/lambda/api'], pattern: /ERROR/ });
    const [found] = messages({ logWatches: [w('a'), w('a'), w('b')] });
    expect(found).toContain("name 'a' is used by more than one watch");
    expect(found).toContain("log group '/aws/lambda/api' is in 3 watches; CloudWatch Logs allows 2 subscription filters per log group");
    expect(messages({ logWatches: [w('a'), w('b')] })).toEqual([]);
  });

  it('refuses more than 50 log groups in all (the function\'s resource policy holds 20 KB)', () => {
    const groups = (n: number) => Array.from({ length: n }, (_, i) => `/aws/lambda/fn-${i}`);
    expect(messages({ logWatches: [{ name: 'many', logGroups: groups(50), pattern: /ERROR/ }] })).toEqual([]);
    expect(messages({ logWatches: [{ name: 'many', logGroups: groups(51), pattern: /ERROR/ }] })[0]).toContain('51 log groups are watched; at most 50');
  });

  it('refuses a pattern that repeats a group holding a repetition (catastrophic backtracking), naming the watch, the field and the parts', () => {
    const [found] = messages({ logWatches: [
      { name: 'api-errors', logGroups: ['/aws/lambda/api'], pattern: /ERROR|Unhandled/ },
      { name: 'greedy', logGroups: ['/aws/lambda/api'], pattern: /^(\w+\s?)*ERROR$/ },
    ] });
    expect(found).toMatch(/^logWatches: /);
    expect(found).toContain("[1].pattern /^(\\w+\\s?)*ERROR$/ (watch 'greedy') repeats a group that holds a repetition of its own ((\\w+\\s?)* holds \\w+)");
    expect(found).toContain('catastrophic backtracking');
    expect(found).not.toContain('[0]');
  });

  it('refuses the log-watch function\'s own log group (each delivery would log lines delivered again)', () => {
    const [found] = messages({ logWatches: [{ name: 'loop', logGroups: ['/aws/lambda/mimamori-prod-LogWatchFunction-AbC123'], pattern: /ERROR/ }] });
    expect(found).toContain("log group '/aws/lambda/mimamori-prod-LogWatchFunction-AbC123' is the log-watch function's own");
  });
});

describe('limitWatches validation', () => {
  it('accepts functions with their timeout, tables and a threshold', () => {
    expect(messages({ limitWatches: { functions: [{ name: 'api', timeoutSeconds: 30 }], tables: ['orders', 'Users.v2'], threshold: 0.75 } })).toEqual([]);
  });

  it('asks for the timeout CloudWatch cannot tell, and refuses bad names, repeats and thresholds', () => {
    const [found] = messages({ limitWatches: { functions: [{ name: 'api' }, { name: 'bad name', timeoutSeconds: 901 }, { name: 'api', timeoutSeconds: 3 }], tables: ['ab', 'orders', 'orders'], threshold: 80 } });
    expect(found).toMatch(/^limitWatches: /);
    for (const part of [
      "functions[0].timeoutSeconds is required: CloudWatch has no metric of a function's timeout",
      'functions[1].name must be a Lambda function name',
      'functions[1].timeoutSeconds must be a whole number from 1 to 900, got 901',
      "functions: 'api' is listed twice",
      'tables "ab" is not a DynamoDB table name',
      "'orders' listed twice",
      'threshold must be a number from 0.05 to 1, got 80',
    ]) expect(found).toContain(part);
  });
});

describe('resolving', () => {
  it('fills in the defaults: a 5-minute window, 80 %', () => {
    expect(resolveLogWatches({ logWatches: [{ name: 'w', logGroups: ['/g'], pattern: /ERROR|Unhandled/ }] })).toEqual([
      { name: 'w', logGroups: ['/g'], pattern: /ERROR|Unhandled/, filterPattern: '%ERROR|Unhandled%', windowMinutes: 5 },
    ]);
    expect(resolveLimitWatches({})).toEqual({ functions: [], tables: [], threshold: 0.8 });
  });

  it('a given filterPattern wins, even empty', () => {
    expect(resolveLogWatches({ logWatches: [{ name: 'w', logGroups: ['/g'], pattern: /ERROR/, filterPattern: '' }] })[0]!.filterPattern).toBe('');
  });
});

describe('derivedFilterPattern', () => {
  it('turns plain words joined by | into CloudWatch\'s regex form, which finds them anywhere in a line as JavaScript does', () => {
    expect(derivedFilterPattern(/ERROR/)).toBe('%ERROR%');
    expect(derivedFilterPattern(/Error|Unhandled|ECONNRESET|status=503/)).toBe('%Error|Unhandled|ECONNRESET|status=503%');
    expect(derivedFilterPattern(/ERROR/g)).toBe('%ERROR%');
  });

  it('delivers every line (\'\') when CloudWatch cannot say the same: flags, spaces, classes, wildcards, anchors, groups', () => {
    for (const re of [/error/i, /Task timed out/, /ERR(OR)?/, /5\d\d/, /fail.*payment/, /^ERROR/, /ERROR|/, /a+b/, /a\/b/, /エラー/]) expect(derivedFilterPattern(re), String(re)).toBe('');
    expect(derivedFilterPattern(new RegExp('A'.repeat(1023)))).toBe('');
  });
});
