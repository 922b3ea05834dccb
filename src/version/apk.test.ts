import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { versionVectors } from '../test-support/version-vectors.ts';
import { apkVersion } from './apk.ts';
import { compareRaw } from './version-scheme.ts';

for (const file of ['alpine-versions.tsv', 'alpine-versions-generated.tsv']) {
  describe(`apk vectors: ${file}`, () => {
    it('orders every row both ways', () => {
      const rows = versionVectors(file);
      assert.ok(rows.length > 0);
      for (const { a, b, expected, line } of rows) {
        const fwd = compareRaw(apkVersion, a, b);
        const back = compareRaw(apkVersion, b, a);
        assert.deepEqual(fwd, { ok: true, value: expected }, `${file}:${line} ${a} vs ${b}`);
        assert.deepEqual(back, { ok: true, value: -expected || 0 }, `${file}:${line} ${b} vs ${a}`);
      }
    });
  });
}

describe('apk parse', () => {
  it('splits the grammar parts', () => {
    const r = apkVersion.parse('1.2.3b_rc2_p1~abc12-r4');
    assert.ok(r.ok);
    if (!r.ok) return;
    assert.deepEqual(r.value.components, ['1', '2', '3']);
    assert.equal(r.value.letter, 'b');
    assert.deepEqual(r.value.suffixes, [
      { weight: 3, number: '2' },
      { weight: 9, number: '1' },
    ]);
    assert.equal(r.value.hash, '~abc12');
    assert.equal(r.value.build, '4');
    assert.equal(r.value.invalid, false);
  });
  it('flags malformed tails as invalid but still parses them', () => {
    const r = apkVersion.parse('1.0bc');
    assert.ok(r.ok && r.value.invalid);
  });
  it('rejects empty and whitespace-bearing versions with a reason', () => {
    for (const raw of ['', '  ', '1.0 -r1', '1.0\u0000']) {
      const r = apkVersion.parse(raw);
      assert.equal(r.ok, false, JSON.stringify(raw));
      if (!r.ok) assert.ok(r.error.length > 0);
    }
  });
});
