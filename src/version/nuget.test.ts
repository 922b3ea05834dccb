import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { versionVectors } from '../test-support/version-vectors.ts';
import { nugetVersion } from './nuget.ts';

function parsed(raw: string) {
  const r = nugetVersion.parse(raw);
  if (!r.ok) assert.fail(`"${raw}" did not parse: ${r.error}`);
  return r.value;
}

describe('nugetVersion', () => {
  it('orders every row of nuget-versions.tsv in both directions', () => {
    const failures: string[] = [];
    const rows = versionVectors('nuget-versions.tsv');
    for (const { a, b, expected, line } of rows) {
      const va = parsed(a);
      const vb = parsed(b);
      const ab = nugetVersion.compare(va, vb);
      const ba = nugetVersion.compare(vb, va);
      if (ab !== expected || ba !== -expected) {
        failures.push(`line ${line}: ${a} vs ${b}: got ${ab}/${ba}, want ${expected}`);
      }
    }
    assert.ok(rows.length > 0);
    assert.deepEqual(failures, [], `${failures.length} of ${rows.length} rows failed`);
  });

  it('ignores metadata and label case, pads to four parts', () => {
    const eq = (a: string, b: string) =>
      assert.equal(nugetVersion.compare(parsed(a), parsed(b)), 0, `${a} = ${b}`);
    eq('1.0', '1.0.0.0');
    eq('1.0.0-RC.1+build.5', '1.0.0-rc.1');
    eq('1', '1.0.0');
    const lt = (a: string, b: string) =>
      assert.equal(nugetVersion.compare(parsed(a), parsed(b)), -1, `${a} < ${b}`);
    lt('1.0.0-alpha', '1.0.0');
    lt('1.0.0-1', '1.0.0-alpha');
    lt('1.0.0-alpha.2', '1.0.0-alpha.10');
    lt('1.0.0.9', '1.0.0.10');
  });

  it('rejects malformed versions with a reason', () => {
    for (const bad of [
      '',
      'abc',
      '1.2.3.4.5',
      '1..2',
      '1.0-',
      '1.0-beta..1',
      '1.0-be ta',
      '1.0+',
      '1.0+a..b',
    ]) {
      const r = nugetVersion.parse(bad);
      assert.equal(r.ok, false, JSON.stringify(bad));
      if (!r.ok) assert.ok(r.error.length > 0);
    }
  });
});
