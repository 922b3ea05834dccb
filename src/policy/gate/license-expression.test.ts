import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  compileLicensePattern,
  type LicenseLists,
  licenseDenied,
  parseLicenseExpression,
} from './license-expression.ts';

describe('parseLicenseExpression', () => {
  const cases: [string, unknown][] = [
    ['MIT', { op: 'license', id: 'MIT' }],
    [
      'MIT OR Apache-2.0',
      { op: 'or', left: { op: 'license', id: 'MIT' }, right: { op: 'license', id: 'Apache-2.0' } },
    ],
    [
      'A OR B AND C',
      {
        op: 'or',
        left: { op: 'license', id: 'A' },
        right: { op: 'and', left: { op: 'license', id: 'B' }, right: { op: 'license', id: 'C' } },
      },
    ],
    [
      '(A OR B) AND C',
      {
        op: 'and',
        left: { op: 'or', left: { op: 'license', id: 'A' }, right: { op: 'license', id: 'B' } },
        right: { op: 'license', id: 'C' },
      },
    ],
    [
      'GPL-2.0-only WITH Classpath-exception-2.0',
      { op: 'license', id: 'GPL-2.0-only', exception: 'Classpath-exception-2.0' },
    ],
    ['GPL-2.0+', { op: 'license', id: 'GPL-2.0+' }],
    ['  (MIT)  ', { op: 'license', id: 'MIT' }],
    // not well-formed expressions: the whole declared text is one licence
    ['GPL-2 or later', { op: 'license', id: 'GPL-2 or later' }],
    ['public domain', { op: 'license', id: 'public domain' }],
    ['(MIT', { op: 'license', id: '(MIT' }],
    ['MIT OR', { op: 'license', id: 'MIT OR' }],
    ['MIT WITH', { op: 'license', id: 'MIT WITH' }],
    ['AND', { op: 'license', id: 'AND' }],
  ];
  for (const [text, want] of cases)
    it(JSON.stringify(text), () => assert.deepEqual(parseLicenseExpression(text), want));

  it('a huge expression is not recursed into', () => {
    const text = `${'('.repeat(5000)}MIT${')'.repeat(5000)}`;
    assert.deepEqual(parseLicenseExpression(text), { op: 'license', id: text });
  });
});

describe('licenseDenied', () => {
  const lists = (deny: string[], allow?: string[]): LicenseLists =>
    allow
      ? { deny: deny.map(compileLicensePattern), allow: allow.map(compileLicensePattern) }
      : { deny: deny.map(compileLicensePattern) };
  const denyCopyleft = lists(['GPL-3.0-only', 'GPL-3.0-or-later', 'AGPL-*']);
  const cases: [expression: string, l: LicenseLists, denied: boolean][] = [
    ['MIT', denyCopyleft, false],
    ['GPL-3.0-only', denyCopyleft, true],
    ['gpl-3.0-only', denyCopyleft, true], // SPDX ids are case-insensitive
    ['AGPL-3.0-or-later', denyCopyleft, true],
    ['AGPL-1.0', denyCopyleft, true],
    ['LGPL-3.0-only', denyCopyleft, false], // the pattern is anchored: AGPL-* is not *GPL-*
    ['MIT OR GPL-3.0-or-later', denyCopyleft, false], // the user may pick MIT
    ['AGPL-3.0-only OR GPL-3.0-only', denyCopyleft, true], // no allowed option
    ['MIT AND GPL-3.0-only', denyCopyleft, true], // both apply
    ['(MIT OR GPL-3.0-only) AND Apache-2.0', denyCopyleft, false],
    ['(AGPL-3.0-only OR GPL-3.0-only) AND MIT', denyCopyleft, true],
    ['GPL-2.0-only WITH Classpath-exception-2.0', lists(['GPL-2.0-only']), true],
    [
      'GPL-2.0-only WITH Classpath-exception-2.0',
      lists(['GPL-*'], ['GPL-2.0-only WITH Classpath-exception-2.0', 'MIT']),
      false,
    ],
    ['GPL-2.0-only', lists(['GPL-*'], ['GPL-2.0-only WITH Classpath-exception-2.0']), true],
    ['GPL-2.0-only WITH Classpath-exception-2.0', lists(['GPL-2.0-only WITH *']), true],
    ['GPL-2.0-only', lists(['GPL-2.0-only WITH *']), false],
    ['GPL-2.0+', lists(['GPL-2.0*']), true],
    // allow-lists: anything not allowed is denied
    ['MIT', lists([], ['MIT', 'Apache-2.0', 'BSD-*']), false],
    ['BSD-3-Clause', lists([], ['MIT', 'Apache-2.0', 'BSD-*']), false],
    ['ISC', lists([], ['MIT', 'Apache-2.0', 'BSD-*']), true],
    ['ISC OR MIT', lists([], ['MIT']), false],
    ['MIT', lists(['MIT'], ['MIT']), true], // deny wins
    ['public domain', lists([], ['public domain']), false],
    ['GPL-2 or later', lists(['GPL-*']), true],
  ];
  for (const [expression, l, denied] of cases) {
    const desc = `deny ${l.deny.map((p) => p.text).join(',') || '-'}${l.allow ? ` allow ${l.allow.map((p) => p.text).join(',')}` : ''}`;
    it(`${expression} with ${desc}: ${denied ? 'denied' : 'allowed'}`, () => {
      assert.equal(licenseDenied(parseLicenseExpression(expression), l), denied);
    });
  }
});
