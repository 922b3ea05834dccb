import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatConstraint } from './comparator.ts';
import { parseComposerConstraint } from './parse-composer-constraint.ts';

const VALID: readonly (readonly [string, string])[] = [
  ['>=1.0', '>= 1.0'],
  ['<1.2.3-p1', '< 1.2.3-p1'],
  ['<=2.0.0.4', '<= 2.0.0.4'],
  ['>2.1', '> 2.1'],
  ['>= 2.0.0', '>= 2.0.0'],
  ['>=1.0,<1.2', '>= 1.0, < 1.2'],
  ['>=1.0 <1.2', '>= 1.0, < 1.2'],
  ['<1.2 || >=2.0 <2.3', '< 1.2 | >= 2.0, < 2.3'],
  ['<1.2 | >=2.0', '< 1.2 | >= 2.0'],
  ['~1.2', '>= 1.2, < 2.0'],
  ['~1.2.3', '>= 1.2.3, < 1.3'],
  ['~1', '>= 1, < 2.0'],
  ['^1.2.3', '>= 1.2.3, < 2.0'],
  ['^0.3', '>= 0.3, < 0.4'],
  ['^0.0.3', '>= 0.0.3, < 0.0.4'],
  ['1.2.*', '>= 1.2, < 1.3'],
  ['1.*', '>= 1, < 2.0'],
  ['*', '*'],
  ['1.0 - 2.0', '>= 1.0, < 2.1'],
  ['1.0.0 - 2.1.0', '>= 1.0.0, <= 2.1.0'],
  ['v1.0.0', '= 1.0.0'],
  ['==1.0.0', '= 1.0.0'],
  ['>=2.0.0-alpha1', '>= 2.0.0-alpha1'],
];

describe('parseComposerConstraint', () => {
  for (const [text, expected] of VALID) {
    it(`reads "${text}"`, () => {
      const r = parseComposerConstraint(text);
      assert.ok(r.ok, r.ok ? '' : r.error);
      assert.equal(r.value.map(formatConstraint).join(' | '), expected);
    });
  }

  for (const [text, why] of [
    ['dev-master', /"dev-master" in "dev-master": not a Composer version constraint/],
    ['!=1.0', /not a Composer version constraint/],
    ['>=1.0@dev', /not a Composer version constraint/],
    ['>=1.*', /">=" before a wildcard/],
  ] as const) {
    it(`refuses "${text}"`, () => {
      const r = parseComposerConstraint(text);
      assert.ok(!r.ok && why.test(r.error), r.ok ? 'accepted' : r.error);
    });
  }
});
