import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, it } from 'node:test';
import { sharedData } from '../../../test-support/shared-data.ts';
import { parseCve5Record } from './parse-cve5-record.ts';

function* jsonFiles(dir: string): Generator<string> {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) yield* jsonFiles(p);
    else if (e.name.endsWith('.json')) yield p;
  }
}

const TEST_DATA = ['vuln', 'cve-records', 'vulnfeeds', 'test_data'];

const RECORD = {
  dataType: 'CVE_RECORD',
  dataVersion: '5.1',
  cveMetadata: {
    cveId: 'CVE-2024-1111',
    state: 'PUBLISHED',
    assignerShortName: 'acme',
    datePublished: '2024-01-02T03:04:05',
    dateUpdated: '2024-02-03T04:05:06.789Z',
  },
  containers: {
    cna: {
      providerMetadata: { orgId: 'o', shortName: 'acme' },
      descriptions: [
        { lang: 'de', value: 'Beschreibung' },
        { lang: 'en-US', value: ' Description ' },
      ],
      metrics: [
        {
          cvssV3_1: {
            version: '3.1',
            vectorString: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H',
            baseScore: 1,
          },
        },
        { cvssV2_0: { version: '2.0', vectorString: 'AV:N/AC:L/Au:N/C:P/I:P/A:P' } },
        { cvssV4_0: { version: '4.0', vectorString: 'CVSS:4.0/AV:N/nonsense' } },
        { other: { type: 'ssvc', content: {} } },
      ],
    },
    adp: [
      {
        providerMetadata: { orgId: 'x', shortName: 'CISA-ADP' },
        metrics: [{ cvssV3_1: { vectorString: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H' } }],
      },
    ],
  },
};

describe('parseCve5Record on real CVE JSON 5 records', () => {
  it('reads every record of cvelistV5/ and cve5/', () => {
    const root = sharedData(...TEST_DATA);
    const failures: string[] = [];
    let count = 0;
    let withCvss = 0;
    for (const dir of ['cvelistV5', 'cve5']) {
      for (const file of jsonFiles(join(root, dir))) {
        count++;
        const path = relative(root, file);
        const r = parseCve5Record(readFileSync(file), path);
        if (!r.ok) {
          failures.push(r.error);
          continue;
        }
        assert.equal(`${r.value.cve}.json`, path.slice(path.lastIndexOf('/') + 1));
        assert.ok(r.value.description !== undefined && r.value.published !== undefined, path);
        if (r.value.cvss.length > 0) withCvss++;
        for (const c of r.value.cvss) assert.match(c.source, /^cve5:\S+$/);
      }
    }
    assert.ok(count >= 20, `only ${count} records`);
    assert.deepEqual(failures, []);
    assert.ok(withCvss >= count / 2, `${withCvss} of ${count} with CVSS`);
  });

  it('finds the CVSS 3.1 vector of CVE-2021-44228 (Log4Shell), scored 10.0', () => {
    const file = sharedData(...TEST_DATA, 'cvelistV5', 'cves', '2021', '44xxx', 'CVE-2021-44228.json');
    const r = parseCve5Record(readFileSync(file, 'utf8'), 'CVE-2021-44228.json');
    assert.ok(r.ok, r.ok ? '' : r.error);
    assert.equal(r.value.cve, 'CVE-2021-44228');
    assert.deepEqual(r.value.cvss, [
      {
        version: '3.1',
        vector: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H',
        baseScore: 10,
        source: 'cve5:CISA-ADP',
      },
    ]);
    assert.equal(r.value.published, '2021-12-10T00:00:00.000Z');
    assert.equal(r.value.modified, '2025-02-04T14:25:37.215Z');
    assert.match(r.value.description ?? '', /^Apache Log4j2 2\.0-beta9 through 2\.15\.0/);
  });

  it('reads a CVSS 4.0 metric (CVE-2025-4565)', () => {
    const r = parseCve5Record(readFileSync(sharedData(...TEST_DATA, 'cve5', 'CVE-2025-4565.json')), 'x');
    assert.ok(r.ok, r.ok ? '' : r.error);
    assert.deepEqual(
      r.value.cvss.map((c) => [c.version, c.source]),
      [['4.0', 'cve5:Google']],
    );
  });

  it('refuses the OSV-shaped and other files of the test data, saying why', () => {
    const root = sharedData(...TEST_DATA);
    for (const path of [
      'CVE-2012-2812.json',
      'combine-to-osv/cve5/CVE-2023-0001.json',
      'nvdcve-2.0/CVE-2024-3094.json',
    ]) {
      const r = parseCve5Record(readFileSync(join(root, path)), path);
      assert.ok(!r.ok);
      assert.equal(r.error, `${path}: cveMetadata: required (not a CVE JSON 5 record)`);
    }
    const parts = parseCve5Record(readFileSync(join(root, 'parts/nvd/CVE-2016-2176.nvd.json')), 'p.json');
    assert.ok(!parts.ok && parts.error === 'p.json: a CVE record must be a JSON object');
  });
});

describe('parseCve5Record on bad or unusual input', () => {
  it('collects CNA and ADP metrics, skips a vector that does not parse, recomputes scores', () => {
    const r = parseCve5Record(JSON.stringify(RECORD), 'r.json');
    assert.ok(r.ok, r.ok ? '' : r.error);
    assert.deepEqual(r.value, {
      cve: 'CVE-2024-1111',
      cvss: [
        {
          version: '3.1',
          vector: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H',
          baseScore: 9.8,
          source: 'cve5:acme',
        },
        { version: '2.0', vector: 'AV:N/AC:L/Au:N/C:P/I:P/A:P', baseScore: 7.5, source: 'cve5:acme' },
        {
          version: '3.1',
          vector: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H',
          baseScore: 10,
          source: 'cve5:CISA-ADP',
        },
      ],
      published: '2024-01-02T03:04:05Z',
      modified: '2024-02-03T04:05:06.789Z',
      description: 'Description',
    });
  });

  const BAD: readonly (readonly [string, string, RegExp])[] = [
    ['not JSON', '{"dataType": ', /^bad\.json: invalid JSON/],
    [
      'another data type',
      JSON.stringify({ ...RECORD, dataType: 'OSV' }),
      /^bad\.json: dataType: "OSV" is not CVE_RECORD/,
    ],
    [
      'a bad CVE id',
      JSON.stringify({ ...RECORD, cveMetadata: { ...RECORD.cveMetadata, cveId: 'CVE-1' } }),
      /^bad\.json: cveMetadata\.cveId: "CVE-1" is not a CVE id/,
    ],
    [
      'a rejected record',
      JSON.stringify({ ...RECORD, cveMetadata: { ...RECORD.cveMetadata, state: 'REJECTED' } }),
      /^bad\.json: CVE-2024-1111 is REJECTED, not PUBLISHED: no CVSS enrichment/,
    ],
    [
      'no CNA container',
      JSON.stringify({ ...RECORD, containers: {} }),
      /^bad\.json: containers\.cna: required/,
    ],
  ];
  for (const [name, text, why] of BAD) {
    it(`refuses ${name}, naming the file`, () => {
      const r = parseCve5Record(text, 'bad.json');
      assert.ok(!r.ok, 'accepted');
      assert.match(r.error, why);
    });
  }
});
