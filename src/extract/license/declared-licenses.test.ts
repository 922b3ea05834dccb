import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { syftCases } from '../../test-support/syft-expected.ts';
import { declaredLicenses } from './declared-licenses.ts';
import { normalizeLicense } from './normalize-license.ts';

describe('declaredLicenses', () => {
  // Syft's Test_extractDeclaredLicenses (debian, for opkg's inline License:) — same rule as apk's L:.
  for (const c of syftCases('debian', 'Test_extractDeclaredLicenses')) {
    const raw = c.case.raw as string;
    it(`${c.case.name}: '${raw}'`, () => {
      const want = ((c.expected as string[] | null) ?? []).map(normalizeLicense);
      assert.deepEqual(declaredLicenses(raw), want);
    });
  }
  it('lowercase operators make one expression, not three words (Alpine 3.x L: fields)', () => {
    assert.deepEqual(declaredLicenses('GPL-2.0-or-later and MIT'), [
      normalizeLicense('GPL-2.0-or-later and MIT'),
    ]);
  });
  it('normalises each word on its own (the words together would be guessed as one licence)', () => {
    assert.deepEqual(declaredLicenses('GPL-2.0 BSD-3-Clause'), [normalizeLicense('GPL-2.0'), 'BSD-3-Clause']);
  });
});
