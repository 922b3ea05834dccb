import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { versionVectors } from '../test-support/version-vectors.ts';
import { pep440Version } from './pep440.ts';

function parsed(raw: string) {
  const r = pep440Version.parse(raw);
  if (!r.ok) assert.fail(`"${raw}" did not parse: ${r.error}`);
  return r.value;
}

describe('pep440Version', () => {
  for (const file of ['pypi-versions.tsv', 'pypi-versions-generated.tsv']) {
    it(`orders every row of ${file} in both directions`, () => {
      const failures: string[] = [];
      // The upstream fixture's "// ..." lines are comments (osv-scalibr's runner skips them); the TSV
      // export kept two of them as contradictory rows, so they are not vectors.
      const rows = versionVectors(file).filter((r) => !r.a.startsWith('// '));
      for (const { a, b, expected, line } of rows) {
        const va = parsed(a);
        const vb = parsed(b);
        const ab = pep440Version.compare(va, vb);
        const ba = pep440Version.compare(vb, va);
        if (ab !== expected || ba !== -expected) {
          failures.push(`line ${line}: ${a} vs ${b}: got ${ab}/${ba}, want ${expected}`);
        }
      }
      assert.ok(rows.length > 0);
      assert.deepEqual(failures.slice(0, 20), [], `${failures.length} of ${rows.length} rows failed`);
    });
  }

  it('normalises alternative spellings', () => {
    const eq = (a: string, b: string) =>
      assert.equal(pep440Version.compare(parsed(a), parsed(b)), 0, `${a} = ${b}`);
    eq('1.0', '1.0.0');
    eq('1.0alpha1', '1.0a1');
    eq('1.0-preview.2', '1.0rc2');
    eq('1.0c1', '1.0rc1');
    eq('1.0-1', '1.0.post1');
    eq('1.0.rev', '1.0.post0');
    eq('1.0-DEV', '1.0.dev0');
    eq('v1.0', '1.0');
    eq('0!1.0', '1.0');
    eq('1.0+Ubuntu-1', '1.0+ubuntu.1');
    const lt = (a: string, b: string) =>
      assert.equal(pep440Version.compare(parsed(a), parsed(b)), -1, `${a} < ${b}`);
    lt('1.0.dev1', '1.0a1');
    lt('1.0a1', '1.0b1');
    lt('1.0rc1', '1.0');
    lt('1.0', '1.0+local');
    lt('1.0+local', '1.0.post1');
    lt('1.0.post1.dev1', '1.0.post1');
    lt('2.0', '1!0.1');
    lt('1.0+abc', '1.0+5');
    lt('not-a-version', '0.0.1.dev0');
  });

  it('keeps non-PEP 440 strings as legacy versions but rejects blank input', () => {
    const legacy = pep440Version.parse('trunk');
    assert.equal(legacy.ok && legacy.value.kind, 'legacy');
    for (const bad of ['', '   ', '...', '1.0\n2.0']) {
      const r = pep440Version.parse(bad);
      assert.equal(r.ok, false, JSON.stringify(bad));
      if (!r.ok) assert.match(r.error, /Python version/);
    }
  });
});
