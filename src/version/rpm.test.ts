import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { versionVectors } from '../test-support/version-vectors.ts';
import { rpmVersion } from './rpm.ts';
import { compareRaw } from './version-scheme.ts';

describe('rpm vectors: redhat-versions.tsv', () => {
  it('orders every row both ways', () => {
    const rows = versionVectors('redhat-versions.tsv');
    assert.ok(rows.length > 0);
    for (const { a, b, expected, line } of rows) {
      const fwd = compareRaw(rpmVersion, a, b);
      const back = compareRaw(rpmVersion, b, a);
      assert.deepEqual(fwd, { ok: true, value: expected }, `line ${line}: ${a} vs ${b}`);
      assert.deepEqual(back, { ok: true, value: -expected || 0 }, `line ${line}: ${b} vs ${a}`);
    }
  });
});

describe('rpm parse', () => {
  it('splits epoch, version and release', () => {
    assert.deepEqual(rpmVersion.parse('2:1.0-3.el9'), {
      ok: true,
      value: { epoch: '2', version: '1.0', release: '-3.el9' },
    });
    assert.deepEqual(rpmVersion.parse('1.0'), {
      ok: true,
      value: { epoch: '0', version: '1.0', release: '' },
    });
  });
  it('rejects empty and whitespace-bearing versions with a reason', () => {
    for (const raw of ['', '   ', '1.0 -1', '1.0\u0000']) {
      const r = rpmVersion.parse(raw);
      assert.equal(r.ok, false, JSON.stringify(raw));
      if (!r.ok) assert.ok(r.error.length > 0);
    }
  });
  it('orders ~ and ^ around the plain release', () => {
    assert.deepEqual(compareRaw(rpmVersion, '1.0~rc1', '1.0'), { ok: true, value: -1 });
    assert.deepEqual(compareRaw(rpmVersion, '1.0^git1', '1.0'), { ok: true, value: 1 });
    assert.deepEqual(compareRaw(rpmVersion, '1.0^git1', '1.0.1'), { ok: true, value: -1 });
  });
});
