import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { versionVectors } from '../test-support/version-vectors.ts';
import { semverVersion } from './semver.ts';
import { compareRaw } from './version-scheme.ts';

describe('semverVersion', () => {
  it('passes every osv-scalibr semver vector both ways', () => {
    const rows = versionVectors('semver-versions.tsv');
    assert.ok(rows.length > 80);
    for (const { a, b, expected, line } of rows) {
      assert.deepEqual(
        compareRaw(semverVersion, a, b),
        { ok: true, value: expected },
        `line ${line}: ${a} vs ${b}`,
      );
      assert.deepEqual(
        compareRaw(semverVersion, b, a),
        { ok: true, value: -expected || 0 },
        `line ${line} reversed`,
      );
    }
  });

  it('treats missing minor and patch as 0', () => {
    assert.deepEqual(compareRaw(semverVersion, '1', '1.0.0'), { ok: true, value: 0 });
    assert.deepEqual(compareRaw(semverVersion, 'v1.2', '1.2.0'), { ok: true, value: 0 });
    assert.deepEqual(compareRaw(semverVersion, '1.2-rc.1', '1.2.0'), { ok: true, value: -1 });
  });

  it('rejects malformed versions with a reason', () => {
    for (const bad of ['', '  ', 'v', '1..2', '1.x', '1.2.3-', '1.2.3+', '1.2.3-a..b', '1.2.3-a_b', 'abc']) {
      const result = semverVersion.parse(bad);
      assert.equal(result.ok, false, bad);
      if (!result.ok) assert.ok(result.error.length > 0);
    }
  });
});
