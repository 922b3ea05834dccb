import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { packageLicenses, splitLicenseExpression } from './sbom-licenses.ts';

describe('splitLicenseExpression', () => {
  const cases: [string, string[]][] = [
    ['MIT', ['MIT']],
    ['  MIT  ', ['MIT']],
    [
      'Apache-2.0 AND (Artistic-2.0 OR GPL-1.0-or-later) AND GPL-1.0-or-later',
      ['Apache-2.0', 'Artistic-2.0 OR GPL-1.0-or-later', 'GPL-1.0-or-later'],
    ],
    ['(MIT AND (BSD-2-Clause OR ISC)) AND Zlib', ['MIT AND (BSD-2-Clause OR ISC)', 'Zlib']],
    ['(MIT OR Apache-2.0)', ['MIT OR Apache-2.0']],
    ['(MIT) OR (Apache-2.0)', ['(MIT) OR (Apache-2.0)']],
    [
      'GPL-2.0-only WITH Classpath-exception-2.0 and LGPL-2.1-only',
      ['GPL-2.0-only WITH Classpath-exception-2.0', 'LGPL-2.1-only'],
    ],
    ['MIT AND\n  ISC', ['MIT', 'ISC']],
    ['BRANDAND', ['BRANDAND']],
    ['', []],
    ['()', []],
  ];
  for (const [input, expected] of cases) {
    it(JSON.stringify(input), () => assert.deepEqual(splitLicenseExpression(input), expected));
  }
});

describe('packageLicenses', () => {
  it('drops NOASSERTION, NONE and blanks, normalises to SPDX where possible, keeps each once', () => {
    assert.deepEqual(
      packageLicenses(['NOASSERTION', 'none', ' ', 'MIT', 'mit', 'GPL-2+', 'Some Custom Licence', 'MIT']),
      ['MIT', 'GPL-2.0-or-later', 'Some Custom Licence'],
    );
  });
});
