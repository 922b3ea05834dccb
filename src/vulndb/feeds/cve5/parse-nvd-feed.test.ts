import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { sharedData } from '../../../test-support/shared-data.ts';
import { parseNvdFeed } from './parse-nvd-feed.ts';

const TEST_DATA = ['vuln', 'cve-records', 'vulnfeeds', 'test_data'];

describe('parseNvdFeed on real NVD documents', () => {
  it('reads the NVD 1.1 test feed, skipping only rejected CVEs', () => {
    const feed = parseNvdFeed(
      readFileSync(sharedData(...TEST_DATA, 'nvdcve-1.1-test-data.json')),
      'nvd-1.1.json',
    );
    assert.equal(feed.rows.length + feed.skipped.length, 669);
    assert.ok(feed.rows.length >= 600, `${feed.rows.length} rows`);
    for (const s of feed.skipped) {
      assert.equal(s.path, 'nvd-1.1.json');
      assert.match(s.reason, /^CVE_Items\[\d+\]: CVE-\d{4}-\d+ is rejected$/);
    }
    const withCvss = feed.rows.filter((r) => r.cvss.length > 0);
    assert.ok(withCvss.length >= 350, `${withCvss.length} rows with CVSS`);
    for (const r of feed.rows) {
      assert.match(r.published ?? '', /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:00Z$/);
      assert.ok(r.description !== undefined, r.cve);
      for (const c of r.cvss) assert.equal(c.source, 'nvd');
    }
    const first = feed.rows.find((r) => r.cve === 'CVE-2022-0090');
    assert.deepEqual(first?.cvss, [
      { version: '2.0', vector: 'AV:N/AC:L/Au:N/C:N/I:P/A:N', baseScore: 5, source: 'nvd' },
      {
        version: '3.1',
        vector: 'CVSS:3.1/AV:N/AC:L/PR:L/UI:N/S:U/C:N/I:H/A:N',
        baseScore: 6.5,
        source: 'nvd',
      },
    ]);
    assert.equal(first?.published, '2022-01-18T17:15:00Z');
  });

  it('reads every NVD API 2.0 response of nvdcve-2.0/', () => {
    const root = sharedData(...TEST_DATA, 'nvdcve-2.0');
    let count = 0;
    for (const file of readdirSync(root).filter((f) => f.endsWith('.json'))) {
      count++;
      const feed = parseNvdFeed(readFileSync(join(root, file)), file);
      assert.deepEqual(feed.skipped, []);
      assert.equal(feed.rows.length, 1);
      const row = feed.rows[0]!;
      assert.equal(`${row.cve}.json`, file);
      assert.ok(row.cvss.length > 0 && row.description !== undefined && row.modified !== undefined, file);
      for (const c of row.cvss) assert.match(c.source, /^nvd(:\S+@\S+)?$/);
    }
    assert.ok(count >= 20, `only ${count} files`);
  });

  it('keeps NIST and CNA vectors apart (CVE-2024-3094)', () => {
    const feed = parseNvdFeed(
      readFileSync(sharedData(...TEST_DATA, 'nvdcve-2.0', 'CVE-2024-3094.json'), 'utf8'),
      'x',
    );
    assert.deepEqual(feed.rows[0]?.cvss, [
      {
        version: '3.1',
        vector: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H',
        baseScore: 10,
        source: 'nvd:secalert@redhat.com',
      },
      {
        version: '3.1',
        vector: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H',
        baseScore: 10,
        source: 'nvd',
      },
    ]);
    assert.equal(feed.rows[0]?.published, '2024-03-29T17:15:21.150Z');
  });

  it('refuses CVE 5 records and OSV files as not NVD documents', () => {
    const file = sharedData(...TEST_DATA, 'cvelistV5', 'cves', '2021', '44xxx', 'CVE-2021-44228.json');
    const feed = parseNvdFeed(readFileSync(file), 'CVE-2021-44228.json');
    assert.deepEqual(feed, {
      rows: [],
      skipped: [
        {
          path: 'CVE-2021-44228.json',
          reason: 'neither an NVD API 2.0 document (vulnerabilities) nor an NVD 1.1 feed (CVE_Items)',
        },
      ],
    });
  });
});

describe('parseNvdFeed on bad or unusual input', () => {
  const entry = (cve: Record<string, unknown>) => ({ cve: { id: 'CVE-2024-1111', ...cve } });

  it('skips bad entries with reasons and keeps the rest', () => {
    const doc = {
      vulnerabilities: [
        entry({ vulnStatus: 'Rejected' }),
        { nothing: true },
        entry({ id: 'X-1' }),
        entry({
          published: '2024-01-02T03:04:05.000',
          descriptions: [
            { lang: 'es', value: 'x' },
            { lang: 'en', value: 'Y' },
          ],
          metrics: {
            cvssMetricV31: [
              { source: 'nvd@nist.gov', type: 'Primary', cvssData: { vectorString: 'CVSS:3.1/AV:N/bad' } },
              {
                source: 'nvd@nist.gov',
                type: 'Primary',
                cvssData: { vectorString: 'CVSS:3.1/AV:L/AC:L/PR:L/UI:N/S:U/C:H/I:H/A:H' },
              },
            ],
          },
        }),
      ],
    };
    const feed = parseNvdFeed(JSON.stringify(doc), 'api.json');
    assert.deepEqual(feed.skipped, [
      { path: 'api.json', reason: 'vulnerabilities[0]: CVE-2024-1111 is rejected' },
      { path: 'api.json', reason: 'vulnerabilities[1]: no cve object' },
      { path: 'api.json', reason: 'vulnerabilities[2]: id: "X-1" is not a CVE id' },
    ]);
    assert.deepEqual(feed.rows, [
      {
        cve: 'CVE-2024-1111',
        cvss: [
          {
            version: '3.1',
            vector: 'CVSS:3.1/AV:L/AC:L/PR:L/UI:N/S:U/C:H/I:H/A:H',
            baseScore: 7.8,
            source: 'nvd',
          },
        ],
        published: '2024-01-02T03:04:05.000Z',
        description: 'Y',
      },
    ]);
  });

  it('reports a document that is not JSON', () => {
    const feed = parseNvdFeed('{"CVE_Items": [', 'broken.json');
    assert.equal(feed.rows.length, 0);
    assert.equal(feed.skipped.length, 1);
    assert.equal(feed.skipped[0]?.path, 'broken.json');
    assert.match(feed.skipped[0]?.reason ?? '', /^invalid JSON/);
  });

  it('names a 1.1 entry without an id', () => {
    const feed = parseNvdFeed(JSON.stringify({ CVE_Items: [{ cve: {} }] }), 'f.json');
    assert.deepEqual(feed.skipped, [
      { path: 'f.json', reason: 'CVE_Items[0]: cve.CVE_data_meta.ID: undefined is not a CVE id' },
    ]);
  });
});
