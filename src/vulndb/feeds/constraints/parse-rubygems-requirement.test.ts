import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatConstraint } from './comparator.ts';
import { gemBump, parseRubygemsRequirement } from './parse-rubygems-requirement.ts';

const VALID: readonly (readonly [string, string])[] = [
  ['>= 1.2', '>= 1.2'],
  ['< 1.5.3', '< 1.5.3'],
  ['<= 2.0', '<= 2.0'],
  ['> 1', '> 1'],
  ['= 1.0', '= 1.0'],
  ['1.0', '= 1.0'],
  ['~> 1.2.3', '>= 1.2.3, < 1.3'],
  ['~> 1.2', '>= 1.2, < 2'],
  ['~> 5', '>= 5, < 6'],
  ['~> 1.2.3.rc1', '>= 1.2.3.rc1, < 1.3'],
  ['~> 3.0.0.beta1', '>= 3.0.0.beta1, < 3.1'],
  ['~> 6.1.7, >= 6.1.7.1', '>= 6.1.7, < 6.2, >= 6.1.7.1'],
  ['>=2.0.0-rc1', '>= 2.0.0-rc1'],
];

describe('parseRubygemsRequirement', () => {
  for (const [text, expected] of VALID) {
    it(`reads "${text}"`, () => {
      const r = parseRubygemsRequirement(text);
      assert.ok(r.ok, r.ok ? '' : r.error);
      assert.equal(formatConstraint(r.value), expected);
    });
  }

  for (const [text, why] of [
    ['!= 1.0', /cannot be written as a range/],
    ['', /not a RubyGems requirement/],
    ['>= 1.0, ', /not a RubyGems requirement/],
    ['about 1.0', /"about 1.0" is not a RubyGems requirement/],
  ] as const) {
    it(`refuses "${text}"`, () => {
      const r = parseRubygemsRequirement(text);
      assert.ok(!r.ok && why.test(r.error), r.ok ? 'accepted' : r.error);
    });
  }

  it('bumps like Gem::Version#bump', () => {
    assert.deepEqual(['1.2.3', '1.2', '1', '1.2.3.pre.1', '1.0-rc1', '99999999999999999999.1'].map(gemBump), [
      '1.3',
      '2',
      '2',
      '1.3',
      '2',
      '100000000000000000000',
    ]);
  });
});
