import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatConstraint } from './comparator.ts';
import { parseNpmRange } from './parse-npm-range.ts';

/** Range → its constraints, each formatted, joined by ` | `. */
const VALID: readonly (readonly [string, string])[] = [
  ['<1.2.3 || >=2.0.0 <2.0.5', '< 1.2.3 | >= 2.0.0, < 2.0.5'],
  ['>= 1.2.3 < 2', '>= 1.2.3, < 2.0.0'],
  ['<=1.5.1', '<= 1.5.1'],
  ['>1.2.3', '> 1.2.3'],
  ['^1.2.3', '>= 1.2.3, < 2.0.0'],
  ['^0.2.3', '>= 0.2.3, < 0.3.0'],
  ['^0.0.3', '>= 0.0.3, < 0.0.4'],
  ['^1.2.x', '>= 1.2.0, < 2.0.0'],
  ['^0.0.x', '>= 0.0.0, < 0.1.0'],
  ['^0.x', '>= 0.0.0, < 1.0.0'],
  ['^1.2.3-beta.2', '>= 1.2.3-beta.2, < 2.0.0'],
  ['~1.2.3', '>= 1.2.3, < 1.3.0'],
  ['~>1.2.3', '>= 1.2.3, < 1.3.0'],
  ['~1.2', '>= 1.2.0, < 1.3.0'],
  ['~1', '>= 1.0.0, < 2.0.0'],
  ['~1.2.3-pre', '>= 1.2.3-pre, < 1.3.0'],
  ['8.x || 7.x', '>= 8.0.0, < 9.0.0 | >= 7.0.0, < 8.0.0'],
  ['1.2.x', '>= 1.2.0, < 1.3.0'],
  ['1.2.*', '>= 1.2.0, < 1.3.0'],
  ['1', '>= 1.0.0, < 2.0.0'],
  ['*', '*'],
  ['', '*'],
  ['x', '*'],
  ['1.2.3', '= 1.2.3'],
  ['=1.0.0-rc.1', '= 1.0.0-rc.1'],
  ['v1.0.0', '= 1.0.0'],
  ['<=v1.0.0-alpha1', '<= 1.0.0-alpha1'],
  ['>1.2', '>= 1.3.0'],
  ['>1', '>= 2.0.0'],
  ['<=1.2', '< 1.3.0'],
  ['<= 2', '< 3.0.0'],
  ['>=1.2', '>= 1.2.0'],
  ['>= 1.x', '>= 1.0.0'],
  ['<1.x', '< 1.0.0'],
  ['<1.2', '< 1.2.0'],
  ['1.2.3 - 2.3.4', '>= 1.2.3, <= 2.3.4'],
  ['1.2 - 2.3', '>= 1.2.0, < 2.4.0'],
  ['* - 2', '< 3.0.0'],
  ['>=1.0.0 <1.2.0|| >=2.0.0', '>= 1.0.0, < 1.2.0 | >= 2.0.0'],
  ['<  3.0.0', '< 3.0.0'],
];

describe('parseNpmRange', () => {
  for (const [text, expected] of VALID) {
    it(`reads "${text}"`, () => {
      const r = parseNpmRange(text);
      assert.ok(r.ok, r.ok ? '' : r.error);
      assert.equal(r.value.map(formatConstraint).join(' | '), expected);
    });
  }

  for (const [text, why] of [
    ['abc', /"abc" in "abc": not an npm version or range/],
    ['>*', /admits no version/],
    ['1.x-beta', /not an npm version/],
    ['>=1.0.0 <01.2.0', /not an npm version/],
    ['1.0 - foo', /"foo" is not an npm version/],
  ] as const) {
    it(`refuses "${text}"`, () => {
      const r = parseNpmRange(text);
      assert.ok(!r.ok && why.test(r.error), r.ok ? 'accepted' : r.error);
    });
  }
});
