import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { sharedData } from '../../../test-support/shared-data.ts';
import { isIsoDate, parseKevCsv, parseKevJson } from './parse-kev.ts';

const KEV_JSON = 'known_exploited_vulnerabilities.json';
const KEV_CSV = 'known_exploited_vulnerabilities.csv';

function entry(over: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    cveID: 'CVE-2021-44228',
    vendorProject: 'Apache',
    product: 'Log4j2',
    vulnerabilityName: 'Apache Log4j2 Remote Code Execution Vulnerability',
    dateAdded: '2021-12-10',
    shortDescription: 'JNDI lookups',
    requiredAction: 'Apply updates',
    dueDate: '2021-12-24',
    knownRansomwareCampaignUse: 'Known',
    notes: 'https://nvd.nist.gov/vuln/detail/CVE-2021-44228',
    cwes: ['CWE-20', 'CWE-400', 'CWE-502'],
    ...over,
  };
}

function catalog(vulnerabilities: unknown[], over: Record<string, unknown> = {}): string {
  return JSON.stringify({
    title: 'CISA Catalog of Known Exploited Vulnerabilities',
    catalogVersion: '2025.08.25',
    dateReleased: '2025-08-25T17:04:19.9796Z',
    count: vulnerabilities.length,
    vulnerabilities,
    ...over,
  });
}

describe('parseKevJson on the real catalog', () => {
  const bytes = readFileSync(sharedData('vuln', 'kev', KEV_JSON));
  const parsed = parseKevJson(bytes);

  it('reads every entry, matching the catalog count', () => {
    assert.ok(parsed.ok, parsed.ok ? '' : parsed.error);
    const { catalog: info, records, warnings } = parsed.value;
    assert.deepEqual(warnings, []);
    // Cross-check the count against the document itself, read independently.
    const raw = JSON.parse(bytes.toString('utf8')) as { count: number };
    assert.equal(raw.count, 1404);
    assert.equal(info.count, 1404);
    assert.equal(records.length, info.count);
    assert.equal(info.catalogVersion, '2025.08.25');
    assert.equal(info.dateReleased, '2025-08-25T17:04:19.9796Z');
    assert.equal(info.title, 'CISA Catalog of Known Exploited Vulnerabilities');
    assert.equal(new Set(records.map((r) => r.cveId)).size, records.length);
  });

  it('has Log4Shell with its real fields', () => {
    assert.ok(parsed.ok);
    const log4shell = parsed.value.records.find((r) => r.cveId === 'CVE-2021-44228');
    assert.ok(log4shell);
    assert.equal(log4shell.dateAdded, '2021-12-10');
    assert.equal(log4shell.dueDate, '2021-12-24');
    assert.equal(log4shell.vendorProject, 'Apache');
    assert.equal(log4shell.product, 'Log4j2');
    assert.equal(log4shell.knownRansomwareCampaignUse, 'Known');
    assert.deepEqual(log4shell.cwes, ['CWE-20', 'CWE-400', 'CWE-502']);
  });

  it('gives valid dates and ids everywhere', () => {
    assert.ok(parsed.ok);
    for (const r of parsed.value.records) {
      assert.ok(isIsoDate(r.dateAdded) && isIsoDate(r.dueDate), r.cveId);
    }
    assert.ok(parsed.value.records.some((r) => r.cwes.length === 0));
  });
});

describe('parseKevCsv on the real catalog', () => {
  it('agrees with the JSON variant on the CVE set and on every field', () => {
    const json = parseKevJson(readFileSync(sharedData('vuln', 'kev', KEV_JSON), 'utf8'));
    const csv = parseKevCsv(readFileSync(sharedData('vuln', 'kev', KEV_CSV)));
    assert.ok(json.ok && csv.ok);
    assert.deepEqual(csv.value.warnings, []);
    assert.equal(csv.value.records.length, 1404);
    const ids = (rs: readonly { cveId: string }[]) => rs.map((r) => r.cveId).sort();
    assert.deepEqual(ids(csv.value.records), ids(json.value.records));
    assert.deepEqual(csv.value.records, json.value.records);
  });
});

describe('parseKevJson on bad input', () => {
  it('rejects what is not a KEV catalog', () => {
    for (const text of ['', 'not json', '[]', '42', '{"foo":1}', '{"vulnerabilities":[]}']) {
      const r = parseKevJson(text);
      assert.equal(r.ok, false, text);
      assert.match(r.ok ? '' : r.error, /^not a KEV catalog/);
    }
    assert.equal(parseKevJson(catalog([], { count: '3' })).ok, false);
    assert.equal(parseKevJson(catalog([], { count: -1 })).ok, false);
    assert.equal(parseKevJson(catalog([], { catalogVersion: undefined })).ok, false);
    assert.equal(parseKevJson(catalog([], { dateReleased: 5 })).ok, false);
    assert.equal(parseKevJson(catalog([], { vulnerabilities: {} })).ok, false);
  });

  it('skips malformed entries with their index and keeps the rest', () => {
    const r = parseKevJson(
      catalog([
        entry({ cveID: 'CVE-2024-0001' }),
        'not an object',
        entry({ cveID: undefined }),
        entry({ cveID: 'CVE-20-1' }),
        entry({ cveID: 'CVE-2024-0002', dateAdded: '2024-02-30' }),
        entry({ cveID: 'CVE-2024-0003', dueDate: 20240101 }),
        entry({ cveID: 'CVE-2024-0004', cwes: 'CWE-79' }),
        entry({ cveID: 'CVE-2024-0005', notes: null }),
        entry({ cveID: 'cve-2024-0006' }),
      ]),
    );
    assert.ok(r.ok);
    assert.deepEqual(
      r.value.records.map((x) => x.cveId),
      ['CVE-2024-0001', 'CVE-2024-0006'],
    );
    const w = r.value.warnings;
    assert.equal(w.length, 7);
    assert.match(w[0]!, /^vulnerabilities\[1\] skipped: not an object/);
    assert.match(w[1]!, /^vulnerabilities\[2\] skipped: "cveID" is missing/);
    assert.match(w[2]!, /^vulnerabilities\[3\] skipped: cveID 'CVE-20-1'/);
    assert.match(w[3]!, /^vulnerabilities\[4\] skipped: CVE-2024-0002: dateAdded '2024-02-30'/);
    assert.match(w[4]!, /^vulnerabilities\[5\] skipped: "dueDate"/);
    assert.match(w[5]!, /^vulnerabilities\[6\] skipped: CVE-2024-0004: "cwes" is not an array/);
    assert.match(w[6]!, /^vulnerabilities\[7\] skipped: CVE-2024-0005: "notes"/);
  });

  it('warns on a count mismatch, duplicates, odd CWEs and ransomware values; defaults optional fields', () => {
    const minimal = entry({ cveID: 'CVE-2024-0009' });
    delete minimal.notes;
    delete minimal.cwes;
    delete minimal.knownRansomwareCampaignUse;
    const r = parseKevJson(
      catalog(
        [
          entry({ cwes: ['CWE-79', 'NVD-CWE-noinfo', 7] }),
          entry({ product: 'again' }),
          entry({ cveID: 'CVE-2024-0008', knownRansomwareCampaignUse: 'Maybe' }),
          minimal,
        ],
        { count: 9, dateReleased: 'yesterday' },
      ),
    );
    assert.ok(r.ok);
    const [first, second, third] = r.value.records;
    assert.equal(r.value.records.length, 3);
    assert.deepEqual(first?.cwes, ['CWE-79']);
    assert.equal(second?.knownRansomwareCampaignUse, 'Unknown');
    assert.equal(third?.cveId, 'CVE-2024-0009');
    assert.equal(third?.notes, '');
    assert.deepEqual(third?.cwes, []);
    assert.equal(third?.knownRansomwareCampaignUse, 'Unknown');
    const w = r.value.warnings.join('\n');
    assert.match(w, /dateReleased 'yesterday' is not a date-time/);
    assert.match(w, /vulnerabilities\[0\] \(CVE-2021-44228\): cwe "NVD-CWE-noinfo" dropped/);
    assert.match(w, /vulnerabilities\[0\] \(CVE-2021-44228\): cwe 7 dropped/);
    assert.match(w, /vulnerabilities\[1\] skipped: CVE-2021-44228 repeats an earlier entry/);
    assert.match(
      w,
      /vulnerabilities\[2\] \(CVE-2024-0008\): knownRansomwareCampaignUse 'Maybe' read as Unknown/,
    );
    assert.match(w, /catalog count 9 differs from the 4 entries present/);
  });
});

describe('parseKevCsv on bad input', () => {
  const header =
    'cveID,vendorProject,product,vulnerabilityName,dateAdded,shortDescription,requiredAction,dueDate,knownRansomwareCampaignUse,notes,cwes';

  it('rejects text without the KEV header', () => {
    for (const text of ['', 'a,b,c\n1,2,3\n', 'cveID,product\nCVE-2021-44228,x\n']) {
      const r = parseKevCsv(text);
      assert.equal(r.ok, false);
      assert.match(r.ok ? '' : r.error, /^not a KEV catalog/);
    }
  });

  it('handles quoting, CRLF and blank lines; skips bad rows with index and line', () => {
    const text = [
      header,
      'CVE-2024-0001,Acme,"Widget, Pro","Multi\nline ""name""",2024-01-02,"d","a",2024-01-23,Known,,"CWE-79, CWE-89"',
      '',
      'CVE-2024-0002,Acme,Widget,too few fields',
      'CVE-2024-0003,Acme,Widget,N,2024-13-01,d,a,2024-01-23,Unknown,,',
      'CVE-2024-0004,Acme,Widget,N,2024-01-01,d,a,2024-01-23,Unknown,n,CWE-1',
      'CVE-2024-0005,Acme,Widget,"N,2024-01-01,d',
    ].join('\r\n');
    const r = parseKevCsv(Buffer.from(`\ufeff${text}`));
    assert.ok(r.ok);
    assert.deepEqual(
      r.value.records.map((x) => x.cveId),
      ['CVE-2024-0001', 'CVE-2024-0004'],
    );
    const [a] = r.value.records;
    assert.equal(a?.product, 'Widget, Pro');
    assert.equal(a?.vulnerabilityName, 'Multi\nline "name"');
    assert.deepEqual(a?.cwes, ['CWE-79', 'CWE-89']);
    assert.equal(a?.notes, '');
    assert.deepEqual(r.value.warnings, [
      'row 2 (line 5) skipped: 4 fields, the header has 11',
      "row 3 (line 6) skipped: CVE-2024-0003: dateAdded '2024-13-01' is not a YYYY-MM-DD date",
      'row 5 (line 8) skipped: unterminated quoted field',
    ]);
  });
});

describe('isIsoDate', () => {
  it('accepts real calendar dates only', () => {
    assert.ok(isIsoDate('2024-02-29'));
    for (const d of ['2023-02-29', '2024-00-10', '2024-1-10', '2024-01-10T00:00:00Z', '']) {
      assert.equal(isIsoDate(d), false, d);
    }
  });
});
