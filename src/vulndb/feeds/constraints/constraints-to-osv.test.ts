import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { OsvEvent } from '../../../core/advisory.ts';
import { schemeForEcosystem } from '../../../version/ecosystems.ts';
import { matchOsvAffected } from '../../../version/osv-range.ts';
import type { Comparator, ComparatorOp, Constraint } from './comparator.ts';
import {
  type ConstraintsToOsvOptions,
  complementToOsv,
  constraintsToOsv,
  differenceToOsv,
  type OsvVersions,
} from './constraints-to-osv.ts';
import { parseNpmRange } from './parse-npm-range.ts';
import { parseRubygemsRequirement } from './parse-rubygems-requirement.ts';

/** `">= 1.2, < 1.5"` → a constraint, written the way the tables below read best. */
function c(text: string): Constraint {
  if (text === '*') return [];
  return text.split(',').map((part): Comparator => {
    const [op, version] = part.trim().split(/\s+/) as [ComparatorOp, string];
    return { op, version };
  });
}

/** Ranges as `[introduced, fixed)` / `[introduced, last_affected]` strings, then listed versions. */
function show(v: OsvVersions): string[] {
  const range = (events: readonly OsvEvent[]) => {
    const [from, to] = events;
    const end =
      to?.fixed !== undefined
        ? `, ${to.fixed})`
        : to?.last_affected !== undefined
          ? `, ${to.last_affected}]`
          : ', ∞)';
    return `[${from?.introduced}${end}`;
  };
  return [...v.ranges.map((r) => range(r.events)), ...v.versions.map((x) => `=${x}`)];
}

const GEM: ConstraintsToOsvOptions = { ecosystem: 'RubyGems' };

const AFFECTED: readonly (readonly [string, readonly string[], readonly string[], number])[] = [
  ['a bounded interval', ['>= 1.2, < 1.5.3'], ['[1.2, 1.5.3)'], 0],
  ['an inclusive upper bound', ['<= 2.0'], ['[0, 2.0]'], 0],
  ['a lower bound only', ['>= 3.1'], ['[3.1, ∞)'], 0],
  ['an exact version', ['= 1.0'], ['=1.0'], 0],
  ['an exclusive lower bound (noted)', ['> 1, < 2'], ['[1, 2)'], 1],
  ['two disjoint alternatives, sorted', ['>= 2.0, < 2.0.5', '< 1.2.3'], ['[0, 1.2.3)', '[2.0, 2.0.5)'], 0],
  ['overlapping alternatives, merged', ['>= 1.0, < 2.0', '>= 1.5, < 3.0'], ['[1.0, 3.0)'], 0],
  ['an empty alternative (noted, dropped)', ['>= 2, < 1', '>= 5'], ['[5, ∞)'], 1],
  ['everything', ['*'], ['[0, ∞)'], 0],
  ['the tightest of repeated bounds', ['>= 6.1.7, < 6.2, >= 6.1.7.1'], ['[6.1.7.1, 6.2)'], 0],
  ['equal versions written differently', ['>= 1.0, <= 1.0.0'], ['=1.0'], 0],
];

const COMPLEMENT: readonly (readonly [string, readonly string[], readonly string[], number])[] = [
  ['nothing patched', [], ['[0, ∞)'], 0],
  ['one patched line', ['>= 1.5.4'], ['[0, 1.5.4)'], 0],
  [
    'rails CVE-2023-22795 (patched ~> 5.2.8, ~> 6.1.7 >= 6.1.7.1, >= 7.0.4.1)',
    ['>= 5.2.8, < 5.3', '>= 6.1.7, < 6.2, >= 6.1.7.1', '>= 7.0.4.1'],
    ['[0, 5.2.8)', '[5.3, 6.1.7.1)', '[6.2, 7.0.4.1)'],
    0,
  ],
  [
    'rack CVE-2026-34835 (unaffected < 3.0.0.beta1)',
    ['< 3.0.0.beta1', '>= 3.1.21, < 3.2', '>= 3.2.6'],
    ['[3.0.0.beta1, 3.1.21)', '[3.2, 3.2.6)'],
    0,
  ],
  ['an inclusive unaffected upper bound (noted)', ['<= 1.0', '>= 1.2'], ['[1.0, 1.2)'], 1],
  ['an exclusive patched lower bound', ['< 1.0', '> 2.0'], ['[1.0, 2.0]'], 0],
  ['a one-version hole', ['< 1.0', '> 1.0'], ['=1.0'], 0],
  ['touching intervals leave no gap', ['< 1.0', '>= 1.0, < 2.0', '>= 2.0'], [], 0],
  ['everything patched', ['>= 0'], [], 0],
  [
    'unsorted, overlapping input',
    ['>= 4.0', '>= 2.0, < 2.5', '>= 2.2, < 3.0'],
    ['[0, 2.0)', '[3.0, 4.0)'],
    0,
  ],
];

describe('constraintsToOsv', () => {
  for (const [name, sets, expected, notes] of AFFECTED) {
    it(name, () => {
      const r = constraintsToOsv(sets.map(c), GEM);
      assert.ok(r.ok, r.ok ? '' : r.error);
      assert.deepEqual(show(r.value), expected);
      assert.equal(r.value.notes.length, notes, r.value.notes.join('; '));
      for (const range of r.value.ranges) assert.equal(range.type, 'ECOSYSTEM');
    });
  }

  it('writes the OSV events', () => {
    const r = constraintsToOsv([c('> 1, <= 2'), c('>= 3, < 4')], GEM);
    assert.ok(r.ok);
    assert.deepEqual(r.value.ranges, [
      { type: 'ECOSYSTEM', events: [{ introduced: '1' }, { last_affected: '2' }] },
      { type: 'ECOSYSTEM', events: [{ introduced: '3' }, { fixed: '4' }] },
    ]);
    assert.deepEqual(r.value.notes, ['"> 1" written as introduced 1, which is reported affected too']);
  });

  it('reads an npm range with two alternatives as two SEMVER ranges', () => {
    const sets = parseNpmRange('<1.2.3 || >=2.0.0 <2.0.5');
    assert.ok(sets.ok);
    const r = constraintsToOsv(sets.value, { ecosystem: 'npm', rangeType: 'SEMVER' });
    assert.ok(r.ok);
    assert.deepEqual(r.value.ranges, [
      { type: 'SEMVER', events: [{ introduced: '0' }, { fixed: '1.2.3' }] },
      { type: 'SEMVER', events: [{ introduced: '2.0.0' }, { fixed: '2.0.5' }] },
    ]);
  });

  it('names the constraint and version its scheme cannot parse', () => {
    const r = constraintsToOsv([c('>= 1.0, < 1.2$')], GEM);
    assert.ok(!r.ok && /^">= 1.0, < 1.2\$": "1.2\$" is not a gem version/.test(r.error), r.ok ? '' : r.error);
  });

  it('refuses an ecosystem without a version scheme', () => {
    const r = constraintsToOsv([c('>= 1')], { ecosystem: 'Node.js' });
    assert.ok(!r.ok && /no version scheme is known for ecosystem "Node.js"/.test(r.error));
    assert.ok(constraintsToOsv([c('>= 1')], { ecosystem: 'Node.js', rangeType: 'SEMVER' }).ok);
  });
});

describe('complementToOsv', () => {
  for (const [name, sets, expected, notes] of COMPLEMENT) {
    it(name, () => {
      const r = complementToOsv(sets.map(c), GEM);
      assert.ok(r.ok, r.ok ? '' : r.error);
      assert.deepEqual(show(r.value), expected);
      assert.equal(r.value.notes.length, notes, r.value.notes.join('; '));
    });
  }

  it('means what bundler-audit means (checked with the OSV matcher)', () => {
    const patched = ['~> 5.2.8', '~> 6.1.7, >= 6.1.7.1', '>= 7.0.4.1'].map((t) => {
      const p = parseRubygemsRequirement(t);
      assert.ok(p.ok);
      return p.value;
    });
    const r = complementToOsv(patched, GEM);
    assert.ok(r.ok);
    const scheme = schemeForEcosystem('RubyGems')!;
    const affected = (v: string) => {
      const m = matchOsvAffected(v, r.value, scheme);
      assert.ok(m.ok);
      return m.value !== undefined;
    };
    const cases: readonly (readonly [string, boolean])[] = [
      ['4.2.11', true],
      ['5.2.7', true],
      ['5.2.8', false],
      ['5.2.8.1', false],
      ['5.3.0', true],
      ['6.0.0', true],
      ['6.1.7', true],
      ['6.1.7.1', false],
      ['6.1.7.10', false],
      ['7.0.4', true],
      ['7.0.4.1', false],
      ['7.1.0', false],
    ];
    assert.deepEqual(
      cases.map(([v]) => [v, affected(v)]),
      cases,
    );
  });
});

describe('differenceToOsv', () => {
  it('subtracts patched lines from vulnerable ones (Node.js core)', () => {
    const vulnerable = parseNpmRange('8.x || 7.x || 4.x');
    const patched = parseNpmRange('^8.1.4 || ^7.10.1 || ^4.8.4');
    assert.ok(vulnerable.ok && patched.ok);
    const r = differenceToOsv(vulnerable.value, patched.value, { ecosystem: 'Node.js', rangeType: 'SEMVER' });
    assert.ok(r.ok, r.ok ? '' : r.error);
    assert.deepEqual(show(r.value), ['[4.0.0, 4.8.4)', '[7.0.0, 7.10.1)', '[8.0.0, 8.1.4)']);
  });

  it('keeps a vulnerable line that no patch covers', () => {
    const r = differenceToOsv([c('>= 5.0.0, < 6.0.0'), c('>= 6.0.0, < 7.0.0')], [c('>= 6.9.0, < 7.0.0')], {
      ecosystem: 'npm',
    });
    assert.ok(r.ok);
    assert.deepEqual(show(r.value), ['[5.0.0, 6.9.0)']);
  });
});
