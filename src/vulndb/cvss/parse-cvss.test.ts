import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { sharedData } from '../../test-support/shared-data.ts';
import { parseCvss } from './parse-cvss.ts';

interface RealPair {
  readonly file: string;
  readonly vector: string;
  readonly version: string | undefined;
  readonly baseScore: number;
  readonly baseSeverity: string | undefined;
  readonly temporalScore: number | undefined;
}

function jsonFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((name) => name.endsWith('.json'))
    .map((name) => join(dir, name))
    .sort();
}

/** Every object holding a "vectorString" in the real CVE / NVD records, with the score beside it. */
function realEntries(): { pairs: RealPair[]; unscored: string[] } {
  const pairs: RealPair[] = [];
  const unscored: string[] = [];
  const visit = (node: unknown, file: string, parentSeverity: string | undefined): void => {
    if (Array.isArray(node)) {
      for (const item of node) visit(item, file, parentSeverity);
      return;
    }
    if (node === null || typeof node !== 'object') return;
    const record = node as Record<string, unknown>;
    // NVD keeps the v2 baseSeverity beside cvssData rather than inside it.
    const severityHere = typeof record.baseSeverity === 'string' ? record.baseSeverity : undefined;
    if (typeof record.vectorString === 'string') {
      if (typeof record.baseScore === 'number') {
        pairs.push({
          file,
          vector: record.vectorString,
          version: typeof record.version === 'string' ? record.version : undefined,
          baseScore: record.baseScore,
          baseSeverity: severityHere ?? parentSeverity,
          temporalScore: typeof record.temporalScore === 'number' ? record.temporalScore : undefined,
        });
      } else {
        unscored.push(record.vectorString);
      }
    }
    for (const value of Object.values(record)) visit(value, file, severityHere);
  };
  for (const folder of ['cve-records', 'key-cves']) {
    for (const file of jsonFiles(sharedData('vuln', folder))) {
      visit(JSON.parse(readFileSync(file, 'utf8')), file, undefined);
    }
  }
  return { pairs, unscored };
}

const { pairs, unscored } = realEntries();
let temporalChecked = 0;

function versionOf(vector: string): string {
  if (vector.startsWith('CVSS:3.0/')) return '3.0';
  if (vector.startsWith('CVSS:3.1/')) return '3.1';
  if (vector.startsWith('CVSS:4.0/')) return '4.0';
  return '2.0';
}

describe('parseCvss on real CVE and NVD records', () => {
  for (const version of ['2.0', '3.0', '3.1', '4.0']) {
    it(`scores every real CVSS ${version} (vector, baseScore) pair`, () => {
      const mine = pairs.filter((pair) => versionOf(pair.vector) === version);
      assert.ok(mine.length > 0, `no CVSS ${version} pairs found`);
      for (const pair of mine) {
        const where = `${pair.vector} in ${pair.file}`;
        const result = parseCvss(pair.vector);
        assert.ok(result.ok, `${where}: ${result.ok ? '' : result.error}`);
        assert.equal(result.value.version, version, where);
        if (pair.version !== undefined) assert.equal(result.value.version, pair.version, where);
        assert.equal(result.value.baseScore, pair.baseScore, where);
        if (pair.baseSeverity !== undefined) assert.equal(result.value.severity, pair.baseSeverity, where);
        if (pair.temporalScore !== undefined) {
          assert.ok(result.value.version !== '4.0', where);
          assert.equal(result.value.temporalScore, pair.temporalScore, where);
          temporalChecked += 1;
        }
      }
    });
  }

  it('finds the expected number of real pairs', () => {
    const counts = new Map<string, number>();
    for (const pair of pairs)
      counts.set(versionOf(pair.vector), (counts.get(versionOf(pair.vector)) ?? 0) + 1);
    assert.deepEqual(Object.fromEntries(counts), { '2.0': 13, '3.0': 4, '3.1': 400, '4.0': 1 });
  });

  it('checked the one real temporal score (CVE-2022-25929, E:P → 5.1)', () => {
    assert.equal(temporalChecked, 1);
  });

  it('accepts a parenthesised v2 vector as NVD prints it', () => {
    const result = parseCvss('(AV:N/AC:L/Au:N/C:P/I:P/A:P)');
    assert.ok(result.ok);
    assert.equal(result.value.baseScore, 7.5);
  });

  it('rejects the one malformed real vector (a score glued before the prefix)', () => {
    assert.deepEqual(unscored, ['7.5/CVSS:3.0/AV:N/AC:H/PR:N/UI:R/S:U/C:H/I:H/A:H']);
    const result = parseCvss('7.5/CVSS:3.0/AV:N/AC:H/PR:N/UI:R/S:U/C:H/I:H/A:H');
    assert.equal(result.ok, false);
  });

  it('scores CVE-2021-44228 (Log4Shell) as 10.0 CRITICAL', () => {
    const result = parseCvss('CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H');
    assert.ok(result.ok);
    assert.equal(result.value.baseScore, 10);
    assert.equal(result.value.severity, 'CRITICAL');
  });
});

describe('parseCvss rejects invalid vectors with a reason', () => {
  const cases: [vector: string, reason: RegExp][] = [
    ['', /empty/],
    ['   ', /empty/],
    ['hello', /not a CVSS vector/],
    ['CVSS:3.2/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H', /unsupported CVSS version prefix "CVSS:3.2"/],
    ['CVSS:3.1', /CVSS v3/],
    ['CVSS:3.1/', /empty CVSS v3.1 vector/],
    ['CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/XX:Y', /unknown CVSS v3.1 metric "XX"/],
    ['CVSS:3.1/AV:N/AV:L/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H', /duplicate CVSS v3.1 metric "AV"/],
    ['CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H', /missing mandatory CVSS v3.1 metric A/],
    ['CVSS:3.1/AV:X/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H', /invalid value "X" for CVSS v3.1 metric AV/],
    ['CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/E:Q', /invalid value "Q" for CVSS v3.0 metric E/],
    ['CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/', /empty metric/],
    ['CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/AH', /malformed CVSS v3.1 metric "AH"/],
    ['AV:N/AC:L/Au:N/C:P/I:P', /missing mandatory CVSS v2 metric A/],
    ['AV:N/AC:L/Au:N/C:P/I:P/A:P/AV:N', /duplicate CVSS v2 metric "AV"/],
    ['AV:N/AC:L/Au:X/C:P/I:P/A:P', /invalid value "X" for CVSS v2 metric Au/],
    ['AV:N/AC:L/PR:N/C:P/I:P/A:P', /unknown CVSS v2 metric "PR"/],
    ['CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N', /missing mandatory CVSS v4.0 metric SA/],
    [
      'CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:S/SA:N',
      /invalid value "S" for CVSS v4.0 metric SI/,
    ],
    ['CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/S:U', /invalid value "U"/],
    ['CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/C:H', /unknown CVSS v4.0 metric "C"/],
    [
      'CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/E:A/E:P',
      /duplicate CVSS v4.0 metric "E"/,
    ],
  ];
  for (const [vector, reason] of cases) {
    it(`rejects ${JSON.stringify(vector)}`, () => {
      const result = parseCvss(vector);
      assert.equal(result.ok, false);
      if (!result.ok) assert.match(result.error, reason);
    });
  }
});
