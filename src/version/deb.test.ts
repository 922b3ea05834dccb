import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { versionVectors } from '../test-support/version-vectors.ts';
import { debVersion } from './deb.ts';
import { compareRaw } from './version-scheme.ts';

for (const file of ['debian-versions.tsv', 'debian-versions-generated.tsv']) {
  describe(`deb vectors: ${file}`, () => {
    it('orders every row both ways', () => {
      const rows = versionVectors(file);
      assert.ok(rows.length > 0);
      for (const { a, b, expected, line } of rows) {
        const fwd = compareRaw(debVersion, a, b);
        const back = compareRaw(debVersion, b, a);
        assert.deepEqual(fwd, { ok: true, value: expected }, `${file}:${line} ${a} vs ${b}`);
        assert.deepEqual(back, { ok: true, value: -expected || 0 }, `${file}:${line} ${b} vs ${a}`);
      }
    });
  });
}

describe('deb parse', () => {
  it('splits epoch, upstream and revision', () => {
    assert.deepEqual(debVersion.parse('2:1.2-3-4'), {
      ok: true,
      value: { epoch: '2', upstream: '1.2-3', revision: '4' },
    });
  });
  it('rejects invalid versions with a reason', () => {
    for (const raw of [
      '',
      '  ',
      'a:1.0',
      '1:',
      '1.0-',
      'abc',
      '1.2.3-not-a-debian:version!@#$',
      '1 2',
      '1.0!',
    ]) {
      const r = debVersion.parse(raw);
      assert.equal(r.ok, false, raw);
      if (!r.ok) assert.ok(r.error.length > 0);
    }
  });
  it('sorts ~ before the end of the string', () => {
    assert.deepEqual(compareRaw(debVersion, '1.0~rc1', '1.0'), { ok: true, value: -1 });
    assert.deepEqual(compareRaw(debVersion, '1.0', '1.0+b1'), { ok: true, value: -1 });
  });
});
