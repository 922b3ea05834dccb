import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { cdxLicenses } from './cyclonedx-licenses.ts';
import { classifyLicense, licenseTerms } from './license-terms.ts';
import { spdxLicenseRefs } from './spdx-licenses.ts';

describe('classifyLicense', () => {
  const cases: [string, ReturnType<typeof classifyLicense>][] = [
    ['MIT', { kind: 'id', id: 'MIT' }],
    ['GPL-2.0-or-later', { kind: 'id', id: 'GPL-2.0-or-later' }],
    ['LGPL-2.1+', { kind: 'expression', expression: 'LGPL-2.1+' }],
    ['Apache-2.0 WITH LLVM-exception', { kind: 'expression', expression: 'Apache-2.0 WITH LLVM-exception' }],
    [
      'Artistic-2.0 OR GPL-1.0-or-later',
      { kind: 'expression', expression: 'Artistic-2.0 OR GPL-1.0-or-later' },
    ],
    ['public-domain', { kind: 'text', text: 'public-domain' }],
    ['mit', { kind: 'text', text: 'mit' }],
    ['LicenseRef-acme', { kind: 'text', text: 'LicenseRef-acme' }],
    ['GPL-2+ and some text', { kind: 'text', text: 'GPL-2+ and some text' }],
  ];
  for (const [input, want] of cases) {
    it(`${input} → ${want.kind}`, () => assert.deepEqual(classifyLicense(input), want));
  }

  it('licenseTerms trims, drops empties and repeats', () => {
    assert.deepEqual(licenseTerms([' MIT ', 'MIT', '', '  ', 'Zlib']), [
      { kind: 'id', id: 'MIT' },
      { kind: 'id', id: 'Zlib' },
    ]);
  });
});

describe('cdxLicenses', () => {
  it('uses licence ids, one expression, or named licences, never a mix the schema forbids', () => {
    assert.equal(cdxLicenses([]), undefined);
    assert.deepEqual(cdxLicenses(['MIT', 'Zlib']), [{ license: { id: 'MIT' } }, { license: { id: 'Zlib' } }]);
    assert.deepEqual(cdxLicenses(['MIT', 'GPL-2.0+']), [{ expression: 'MIT AND GPL-2.0+' }]);
    assert.deepEqual(cdxLicenses(['MIT OR ISC']), [{ expression: 'MIT OR ISC' }]);
    assert.deepEqual(cdxLicenses(['MIT', 'MIT OR ISC', 'public-domain']), [
      { license: { id: 'MIT' } },
      { license: { name: 'MIT OR ISC' } },
      { license: { name: 'public-domain' } },
    ]);
  });
});

describe('spdxLicenseRefs', () => {
  it('joins with AND, turns text into one LicenseRef per distinct text', () => {
    const refs = spdxLicenseRefs();
    assert.equal(refs.declared([]), 'NOASSERTION');
    assert.equal(refs.declared(['MIT OR ISC', 'Zlib']), '(MIT OR ISC) AND Zlib');
    assert.equal(refs.declared(['public domain']), 'LicenseRef-public-domain');
    assert.equal(
      refs.declared(['public-domain', 'public domain']),
      'LicenseRef-public-domain-2 AND LicenseRef-public-domain',
    );
    assert.deepEqual(
      refs.extracted().map((e) => [e.licenseId, e.extractedText]),
      [
        ['LicenseRef-public-domain', 'public domain'],
        ['LicenseRef-public-domain-2', 'public-domain'],
      ],
    );
  });
});
