import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { versionVectors } from '../test-support/version-vectors.ts';
import { goVersion } from './go.ts';
import { compareRaw } from './version-scheme.ts';

function check(a: string, b: string, expected: -1 | 0 | 1, where = `${a} vs ${b}`): void {
  assert.deepEqual(compareRaw(goVersion, a, b), { ok: true, value: expected }, where);
  assert.deepEqual(compareRaw(goVersion, b, a), { ok: true, value: -expected || 0 }, `${where} reversed`);
}

const withV = (s: string): string => (s.startsWith('v') ? s : `v${s}`);

describe('goVersion', () => {
  it('orders the semver vectors that are valid Go versions, with the v prefix', () => {
    // Go allows at most three release components; every other row is a valid Go version.
    const rows = versionVectors('semver-versions.tsv').filter(
      (r) => r.a.split(/[-+]/)[0]!.split('.').length <= 3 && r.b.split(/[-+]/)[0]!.split('.').length <= 3,
    );
    assert.ok(rows.length > 80);
    for (const { a, b, expected, line } of rows) check(withV(a), withV(b), expected, `line ${line}`);
  });

  it('orders real Go module versions', () => {
    check('v0.0.0-20210101000000-abcdef123456', 'v0.1.0', -1);
    check('v0.0.0-20210101000000-abcdef123456', 'v0.0.0-20220101000000-123456abcdef', -1);
    check('v1.2.4-0.20210101000000-abcdef123456', 'v1.2.3', 1);
    check('v1.2.4-0.20210101000000-abcdef123456', 'v1.2.4', -1);
    check('v1.2.4-pre.0.20210101000000-abcdef123456', 'v1.2.4-pre', 1);
    check('v2.0.0+incompatible', 'v2.0.0', 0);
    check('v2.0.0+incompatible', 'v2.0.1', -1);
    check('v1', 'v1.0.0', 0);
    check('v1.2', 'v1.2.0', 0);
    check('1.2.3', 'v1.2.3', 0);
    const inc = goVersion.parse('v2.0.0+incompatible');
    assert.ok(inc.ok && inc.value.incompatible);
  });

  it('rejects invalid Go versions with a reason', () => {
    for (const bad of [
      '',
      'v',
      'v1.2.3.4',
      'v01.2.3',
      'v1.02.3',
      'v1.2-pre',
      'v1.2.3-01',
      'V1.2.3',
      'v1.2.3-',
      'latest',
    ]) {
      const result = goVersion.parse(bad);
      assert.equal(result.ok, false, bad);
      if (!result.ok) assert.ok(result.error.length > 0);
    }
  });
});
