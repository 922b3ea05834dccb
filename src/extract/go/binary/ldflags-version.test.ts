import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { syftCases } from '../../../test-support/syft-expected.ts';
import { pseudoVersion, versionFromLdflags } from './ldflags-version.ts';

describe('versionFromLdflags against Syft Test_extractVersionFromLDFlags', () => {
  const cases = syftCases('golang', 'Test_extractVersionFromLDFlags');
  it('has the table', () => assert.ok(cases.length >= 20));
  for (const c of cases) {
    const { name, ldflags, mainModule } = c.case as { name: string; ldflags?: string; mainModule?: string };
    const want = (c.wantFullVersion as string | undefined) || undefined;
    it(name, () => assert.equal(versionFromLdflags(ldflags ?? '', mainModule ?? ''), want));
  }
});

describe('pseudoVersion', () => {
  it('is what the go command gives a VCS build', () =>
    assert.equal(
      pseudoVersion('41bc6bb410352845f22766e27dd48ba93aa825a4', '2022-10-14T19:54:57Z'),
      'v0.0.0-20221014195457-41bc6bb41035',
    ));
  it('needs both settings', () => assert.equal(pseudoVersion('41bc6bb4', undefined), undefined));
});
