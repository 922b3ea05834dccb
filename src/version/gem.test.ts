import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { versionVectors } from '../test-support/version-vectors.ts';
import { gemVersion } from './gem.ts';
import { compareRaw } from './version-scheme.ts';

describe('gemVersion', () => {
  for (const file of ['rubygems-versions.tsv', 'rubygems-versions-generated.tsv']) {
    it(`passes every row of ${file} both ways`, () => {
      const rows = versionVectors(file);
      assert.ok(rows.length > 20);
      for (const { a, b, expected, line } of rows) {
        assert.deepEqual(
          compareRaw(gemVersion, a, b),
          { ok: true, value: expected },
          `line ${line}: ${a} vs ${b}`,
        );
        assert.deepEqual(
          compareRaw(gemVersion, b, a),
          { ok: true, value: -expected || 0 },
          `line ${line} reversed`,
        );
      }
    });
  }

  it('follows Gem::Version canonical segments', () => {
    assert.deepEqual(compareRaw(gemVersion, '1.0', '1'), { ok: true, value: 0 });
    assert.deepEqual(compareRaw(gemVersion, '1.0.a', '1.a'), { ok: true, value: 0 });
    assert.deepEqual(compareRaw(gemVersion, '1.0-rc1', '1.0.pre.rc1'), { ok: true, value: 0 });
    assert.deepEqual(compareRaw(gemVersion, '1.0-rc1', '1.0'), { ok: true, value: -1 });
    const pre = gemVersion.parse('2.0.0.beta3');
    assert.ok(pre.ok && pre.value.prerelease);
  });

  it('rejects malformed versions with a reason', () => {
    for (const bad of ['', ' ', 'beta', '1..2', '1.', '1.2-', '1.2_3', '1.2+3', '.1']) {
      const result = gemVersion.parse(bad);
      assert.equal(result.ok, false, bad);
      if (!result.ok) assert.ok(result.error.length > 0);
    }
  });
});
