import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { versionVectors } from '../test-support/version-vectors.ts';
import { composerVersion } from './composer.ts';
import { compareRaw } from './version-scheme.ts';

describe('composerVersion', () => {
  for (const file of ['packagist-versions.tsv', 'packagist-versions-generated.tsv']) {
    it(`passes every row of ${file} both ways`, () => {
      const rows = versionVectors(file);
      assert.ok(rows.length > 20);
      for (const { a, b, expected, line } of rows) {
        assert.deepEqual(
          compareRaw(composerVersion, a, b),
          { ok: true, value: expected },
          `line ${line}: ${a} vs ${b}`,
        );
        assert.deepEqual(
          compareRaw(composerVersion, b, a),
          { ok: true, value: -expected || 0 },
          `line ${line} reversed`,
        );
      }
    });
  }

  it('ranks stability words like version_compare', () => {
    const order = ['1.0-dev', '1.0alpha1', '1.0-beta.1', '1.0-RC1', '1.0', '1.0.0', '1.0-patch1'];
    for (let i = 1; i < order.length; i++) {
      assert.deepEqual(
        compareRaw(composerVersion, order[i - 1]!, order[i]!),
        { ok: true, value: -1 },
        order[i],
      );
    }
    assert.deepEqual(compareRaw(composerVersion, 'v2.0.0_RC1', '2.0.0-rc.1'), { ok: true, value: 0 });
    assert.deepEqual(compareRaw(composerVersion, '1.0-unknown', '1.0-dev'), { ok: true, value: -1 });
  });

  it('rejects malformed versions with a reason', () => {
    for (const bad of ['', ' ', '1.0 beta', '1.0@dev', '1,0', '...', '-', 'v']) {
      const result = composerVersion.parse(bad);
      assert.equal(result.ok, false, bad);
      if (!result.ok) assert.ok(result.error.length > 0);
    }
  });
});
