import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { versionVectors } from '../test-support/version-vectors.ts';
import { mavenVersion } from './maven.ts';

function parsed(raw: string) {
  const r = mavenVersion.parse(raw);
  if (!r.ok) assert.fail(`"${raw}" did not parse: ${r.error}`);
  return r.value;
}

describe('mavenVersion', () => {
  for (const file of ['maven-versions.tsv', 'maven-versions-generated.tsv']) {
    it(`orders every row of ${file} in both directions`, () => {
      const failures: string[] = [];
      const rows = versionVectors(file);
      for (const { a, b, expected, line } of rows) {
        const va = parsed(a);
        const vb = parsed(b);
        const ab = mavenVersion.compare(va, vb);
        const ba = mavenVersion.compare(vb, va);
        if (ab !== expected || ba !== -expected) {
          failures.push(`line ${line}: ${a} vs ${b}: got ${ab}/${ba}, want ${expected}`);
        }
      }
      assert.ok(rows.length > 0);
      assert.deepEqual(failures.slice(0, 20), [], `${failures.length} of ${rows.length} rows failed`);
    });
  }

  it('normalises qualifier spellings and trailing zeros', () => {
    const eq = (a: string, b: string) =>
      assert.equal(mavenVersion.compare(parsed(a), parsed(b)), 0, `${a} = ${b}`);
    eq('1.0.0', '1');
    eq('1-ga', '1');
    eq('1.0-final', '1.0.RELEASE');
    eq('1.0-cr1', '1.0-rc1');
    eq('1.0a1', '1.0-alpha-1');
    const lt = (a: string, b: string) =>
      assert.equal(mavenVersion.compare(parsed(a), parsed(b)), -1, `${a} < ${b}`);
    lt('1.0-alpha', '1.0-beta');
    lt('1.0-beta', '1.0-milestone');
    lt('1.0-milestone', '1.0-rc');
    lt('1.0-rc', '1.0-SNAPSHOT');
    lt('1.0-SNAPSHOT', '1.0');
    lt('1.0', '1.0-sp');
    lt('1.0-sp', '1.0-whatever');
    lt('1-1', '1.1');
  });

  it('rejects empty or whitespace-containing input', () => {
    for (const bad of ['', '   ', '1.0 beta', '1.0\t']) {
      const r = mavenVersion.parse(bad);
      assert.equal(r.ok, false, JSON.stringify(bad));
      if (!r.ok) assert.match(r.error, /Maven version/);
    }
  });
});
