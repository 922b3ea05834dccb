import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { syftCases, syftFixture } from '../../../test-support/syft-expected.ts';
import { normalizeLicense } from '../../license/normalize-license.ts';
import { licensesFromCopyright } from './parse-copyright.ts';

/**
 * Names Syft reports only because the licence *texts* mention `/usr/share/common-licenses/<name>`;
 * we read License: fields only (see licensesFromCopyright), so these are expected to differ.
 */
const FROM_PROSE: Record<string, string[]> = {
  'testdata/copyright/libaudit-common': ['GPL-1'],
  'testdata/copyright/liblzma5': ['GPL-3', 'LGPL-2', 'LGPL-2.1'],
};

describe('licensesFromCopyright against Syft TestParseLicensesFromCopyright', () => {
  for (const c of syftCases('debian', 'TestParseLicensesFromCopyright')) {
    const fixture = c.case.fixture as string;
    it(fixture, () => {
      const got = licensesFromCopyright(readFileSync(syftFixture('debian', fixture), 'utf8'));
      const syft = c.expected as string[] | null;
      if (syft === null) {
        assert.equal(got, undefined, 'not machine-readable');
        return;
      }
      const skip = new Set(FROM_PROSE[fixture] ?? []);
      const want = [...new Set(syft.filter((l) => !skip.has(l)).map(normalizeLicense))].sort();
      assert.deepEqual(got, want);
    });
  }

  it('libaudit-common maps to SPDX ids', () => {
    const text = readFileSync(syftFixture('debian', 'testdata/copyright/libaudit-common'), 'utf8');
    assert.deepEqual(licensesFromCopyright(text), ['GPL-2.0-only', 'LGPL-2.1']);
  });

  it('distroless libsqlite3-0: public-domain has no SPDX id and stays as declared', () => {
    const text = readFileSync(
      syftFixture('debian', 'testdata/image-distroless-deb/usr/share/doc/libsqlite3-0/copyright'),
      'utf8',
    );
    assert.deepEqual(licensesFromCopyright(text), ['GPL-2.0-or-later', 'public-domain']);
  });

  // Syft's TestParseLicensesFromCopyright_FormatHeader and ..._Inline.
  const header: [string, string, boolean][] = [
    [
      'valid http Format header',
      'Format: http://www.debian.org/doc/packaging-manuals/copyright-format/1.0/\n',
      true,
    ],
    [
      'valid https Format header',
      'Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/\n',
      true,
    ],
    [
      'blank lines before Format header',
      '\n\nFormat: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/\n',
      true,
    ],
    ['no Format header', 'This is the Debian prepackaged version of foo.\n', false],
    [
      'Format header is not first',
      'Some-Field: value\nFormat: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/\n',
      false,
    ],
    ['empty content', '', false],
    ['only blank lines', '\n\n\n', false],
    ['License: fields without a Format header', 'License: GPL-2\nLicense: LGPL-2.1\n', false],
  ];
  for (const [name, text, machineReadable] of header) {
    it(name, () => assert.equal(licensesFromCopyright(text) !== undefined, machineReadable));
  }

  it("this machine's copyright files never throw, and DEP-5 ones give names", () => {
    const text = readFileSync('/usr/share/doc/libc6/copyright', 'utf8');
    const got = licensesFromCopyright(text);
    assert.ok(got === undefined || got.every((l) => l.length > 0 && !l.includes('\n')));
  });
});
