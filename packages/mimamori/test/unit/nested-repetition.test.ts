// The build's star-height check of log-watch patterns: a varying repetition inside a varying repetition is found in
// the source (escapes, classes and group kinds read as the RegExp syntax reads them); everything else passes.
import { describe, expect, it } from 'vitest';
import { nestedRepetition } from '../../src/check/nested-repetition.ts';

describe('nestedRepetition', () => {
  it('finds a repeated group holding a repetition, at any depth and with any quantifier that varies inside and a count of two or more outside', () => {
    const cases: [RegExp, string, string][] = [
      [/^(\w+\s?)*ERROR$/, '(\\w+\\s?)*', '\\w+'],
      [/(a+)+b/, '(a+)+', 'a+'],
      [/(?:x*y?)*z/, '(?:x*y?)*', 'x*'],
      [/((a)+b)*c/, '((a)+b)*', '(a)+'],
      [/(?<word>[a-z]+\d){2,}/, '(?<word>[a-z]+\\d){2,}', '[a-z]+'],
      [/(\s\S{1,9})+?!/, '(\\s\\S{1,9})+?', '\\S{1,9}'],
      [/(?:(?:ab)*c)+$/, '(?:(?:ab)*c)+', '(?:ab)*'],
      [/x|(y+)*/i, '(y+)*', 'y+'],
      // A fixed count outside is as bad: every split of the line into that many parts (n^11 here).
      [/^(.*,){11}P/, '(.*,){11}', '.*'],
      [/(\w+){3}/, '(\\w+){3}', '\\w+'],
    ];
    for (const [re, outer, inner] of cases) expect(nestedRepetition(re), String(re)).toEqual({ outer, inner });
  });

  it('passes patterns without one: single repetitions, fixed or optional groups, escaped and class brackets', () => {
    for (const re of [
      /ERROR|Unhandled/, /Task timed out after [\d.]+ seconds/, /^\[(ERROR|FATAL)\]/, /(ab)+/, /a+b+/, /(\w+)?x/, /(\w{2}){3}/,
      /\(a+\)+/, /[(]a+[)]+/, /[a+]*/, /\p{L}+(x)*/u, /(?<n>a)\k<n>+/, /a{2,}b*/, /(a{1})*/, new RegExp('[[a-z]--[aeiou]]+(x)*', 'v'), /a\{1,\}(b)*/,
    ]) expect(nestedRepetition(re), String(re)).toBeUndefined();
  });
});
