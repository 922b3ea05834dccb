// Needs ../shared/data (the project's shared folder): AlmaLinux errata, a GHSA record and the
// Debian security tracker JSON from vunnel's test fixtures.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import type { Advisory, AffectedPackage } from '../core/advisory.ts';
import type { AdvisorySummary } from '../core/advisory-lookup.ts';
import type { FindingCvss } from '../core/finding.ts';
import { sharedData } from '../test-support/shared-data.ts';
import { parseOsvRecord } from '../vulndb/feeds/osv/parse-osv.ts';
import { AdvisoryFacts } from './advisory-facts.ts';
import { chooseRelatedSeverity, chooseSeverity, ghsaSeverity } from './choose-severity.ts';
import { bestCvss, cvssOf } from './finding-cvss.ts';
import { relatedSeverity } from './related-severity.ts';
import { recordVendorSeverity, vendorSeverity } from './vendor-severity.ts';

function record(source: string, ...parts: string[]): Advisory {
  const path = sharedData('vuln', ...parts);
  const r = parseOsvRecord(readFileSync(path), { source, path });
  if (!r.ok) throw new Error(r.error);
  return r.value;
}
const summary = (a: Advisory): AdvisorySummary => ({ ...a, references: a.references.map((r) => r.url) });
const alma9 = (id: string) =>
  record('osv-almalinux', 'osv-almalinux', 'advisories', 'almalinux9', `${id}.json`);
const log4shell = () =>
  record(
    'osv-ghsa-subset',
    'osv-ghsa-subset',
    'from-github-advisory-database',
    'advisories',
    'github-reviewed',
    '2021',
    '12',
    'GHSA-jfh8-c2jp-5v3q',
    'GHSA-jfh8-c2jp-5v3q.json',
  );

describe('vendorSeverity', () => {
  it('reads the impact of AlmaLinux errata summaries', () => {
    const cases: [string, string][] = [
      ['ALSA-2023:3923', 'CRITICAL'], // Critical: …
      ['ALSA-2024:0670', 'HIGH'], // Important: runc security update
      ['ALSA-2023:6380', 'MEDIUM'], // Moderate: runc security update
      ['ALSA-2022:8090', 'LOW'], // Low: runc security update
    ];
    for (const [id, want] of cases) {
      const a = alma9(id);
      assert.equal(vendorSeverity(summary(a), a.affected[0]!), want, `${id}: ${a.summary}`);
    }
  });

  it('maps every Debian tracker urgency in a real tracker file', () => {
    // vunnel's copy of the tracker JSON: { package: { CVE: { releases: { codename: { urgency } } } } }.
    const doc = JSON.parse(
      readFileSync(
        sharedData(
          'feeds',
          'vunnel',
          'tests',
          'unit',
          'providers',
          'debian',
          'test-fixtures',
          'input',
          'debian.json',
        ),
        'utf8',
      ),
    ) as Record<string, Record<string, { releases?: Record<string, { urgency?: string }> }>>;
    const urgencies = new Set<string>();
    for (const cves of Object.values(doc)) {
      if (Array.isArray(cves)) continue;
      for (const cve of Object.values(cves)) {
        for (const rel of Object.values(cve.releases ?? {})) if (rel.urgency) urgencies.add(rel.urgency);
      }
    }
    const want: Record<string, string | undefined> = {
      unimportant: 'NEGLIGIBLE',
      'low**': 'LOW',
      medium: 'MEDIUM',
      'high**': 'HIGH',
      'not yet assigned': undefined,
      'end-of-life': undefined,
    };
    assert.deepEqual([...urgencies].sort(), Object.keys(want).sort());
    for (const urgency of urgencies) {
      const affected: AffectedPackage = {
        ecosystem: 'Debian:8',
        name: 'txt2man',
        ranges: [],
        versions: [],
        severity: [{ type: 'Debian', score: urgency }],
      };
      assert.equal(vendorSeverity(undefined, affected), want[urgency], urgency);
      // osv.dev's Debian records carry it in ecosystem_specific instead.
      const osvDev: AffectedPackage = { ...affected, severity: [], ecosystemSpecific: { urgency } };
      assert.equal(vendorSeverity(undefined, osvDev), want[urgency], `ecosystem_specific ${urgency}`);
    }
  });

  it('reads Ubuntu priorities', () => {
    const affected = (score: string): AffectedPackage => ({
      ecosystem: 'Ubuntu:22.04',
      name: 'linux',
      ranges: [],
      versions: [],
      severity: [{ type: 'Ubuntu', score }],
    });
    assert.equal(vendorSeverity(undefined, affected('negligible')), 'NEGLIGIBLE');
    assert.equal(vendorSeverity(undefined, affected('critical')), 'CRITICAL');
    assert.equal(vendorSeverity(undefined, affected('untriaged')), undefined);
  });

  it('ignores CVSS entries and non-errata summaries', () => {
    const a = log4shell();
    assert.equal(vendorSeverity(summary(a), a.affected[0]!), undefined);
  });
});

describe('ghsaSeverity', () => {
  it("reads GitHub's reviewed severity", () => {
    assert.equal(ghsaSeverity(summary(log4shell())), 'CRITICAL');
  });
  it('reads MODERATE as MEDIUM, and only for GHSA ids', () => {
    const a = summary(log4shell());
    assert.equal(ghsaSeverity({ ...a, databaseSpecific: { severity: 'MODERATE' } }), 'MEDIUM');
    assert.equal(ghsaSeverity({ ...a, id: 'GO-2024-2491' }), undefined);
  });
});

describe('chooseSeverity', () => {
  const log4shellCvss = cvssOf('GHSA-jfh8-c2jp-5v3q', log4shell().severity).cvss;
  const nvd = (vector: string, version: FindingCvss['version'], baseScore: number): FindingCvss => ({
    vector,
    version,
    baseScore,
    source: 'nvd',
  });

  it('prefers the vendor, the highest when errata disagree', () => {
    // Both real errata fix CVE-2024-27316 in mod_http2 and both match mod_http2 1.15.19-5.el9_3.
    const ratings = ['ALSA-2024:2564', 'ALSA-2024:1872'].map((id) => {
      const a = alma9(id);
      return { advisoryId: id, severity: vendorSeverity(summary(a), a.affected[0]!)! };
    });
    assert.deepEqual(
      ratings.map((r) => r.severity),
      ['MEDIUM', 'HIGH'],
    );
    const r = chooseSeverity({
      vendor: ratings,
      ghsa: [{ advisoryId: 'GHSA-jfh8-c2jp-5v3q', severity: 'CRITICAL' }],
      advisoryCvss: log4shellCvss,
      enrichmentCvss: [],
    });
    assert.equal(r.severity, 'HIGH');
    assert.equal(r.source, 'vendor:ALSA-2024:1872');
    assert.equal(r.impactCvss?.baseScore, 10);
  });

  it('then GHSA, then advisory CVSS, then enrichment, else UNKNOWN', () => {
    assert.deepEqual(
      chooseSeverity({
        vendor: [],
        ghsa: [{ advisoryId: 'GHSA-jfh8-c2jp-5v3q', severity: 'CRITICAL' }],
        advisoryCvss: [],
        enrichmentCvss: [],
      }),
      { severity: 'CRITICAL', source: 'ghsa' },
    );
    const fromAdvisory = chooseSeverity({
      vendor: [],
      ghsa: [],
      advisoryCvss: log4shellCvss,
      enrichmentCvss: [],
    });
    assert.equal(fromAdvisory.severity, 'CRITICAL');
    assert.equal(fromAdvisory.source, 'cvss:3.1');
    const v2 = '(AV:N/AC:L/Au:N/C:P/I:P/A:P)';
    const parsedV2 = cvssOf('nvd', [{ type: 'CVSS_V2', score: v2 }]).cvss[0]!;
    const fromEnrichment = chooseSeverity({
      vendor: [],
      ghsa: [],
      advisoryCvss: [],
      enrichmentCvss: [{ ...parsedV2, source: 'nvd' }],
    });
    assert.deepEqual([fromEnrichment.severity, fromEnrichment.source], ['HIGH', 'nvd']);
    assert.deepEqual(chooseSeverity({ vendor: [], ghsa: [], advisoryCvss: [], enrichmentCvss: [] }), {
      severity: 'UNKNOWN',
      source: 'none',
    });
  });

  it('bestCvss takes the newest version, then the highest score', () => {
    const a = nvd('CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H', '3.1', 9.8);
    const b = nvd('CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H', '3.0', 10);
    const c = nvd('CVSS:3.1/AV:L/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H', '3.1', 8.4);
    assert.equal(bestCvss([b, c, a]), a);
    const d = nvd('CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:L/VI:N/VA:N/SC:N/SI:N/SA:N', '4.0', 6.9);
    assert.equal(bestCvss([a, b, d]), d);
  });

  it('cvssOf reports vectors it cannot score', () => {
    const r = cvssOf('GHSA-x', [
      { type: 'CVSS_V3', score: 'CVSS:3.1/AV:N' },
      { type: 'Ubuntu', score: 'medium' },
    ]);
    assert.deepEqual(r.cvss, []);
    assert.equal(r.errors.length, 1);
    assert.match(r.errors[0]!, /^GHSA-x: CVSS_V3 "CVSS:3\.1\/AV:N"/);
  });
});

describe('recordVendorSeverity', () => {
  it("reads an errata summary's impact, and record-level Debian/Ubuntu levels", () => {
    assert.equal(recordVendorSeverity(summary(alma9('ALSA-2024:1963'))), 'HIGH'); // Important: golang…
    assert.equal(recordVendorSeverity(summary(alma9('ALSA-2022:8090'))), 'LOW');
    const ghsa = summary(log4shell());
    assert.equal(recordVendorSeverity(ghsa), undefined);
    // Only errata summaries carry an impact prefix.
    assert.equal(recordVendorSeverity({ ...ghsa, summary: 'Important: not an errata' }), undefined);
    assert.equal(
      recordVendorSeverity({ ...ghsa, severity: [{ type: 'Ubuntu', score: 'medium' }] }),
      'MEDIUM',
    );
  });
});

describe('related severity', () => {
  // Three real AlmaLinux 9 errata fixing CVE-2023-5388 (NSS): the nss update about it alone
  // ("Moderate"), and the firefox ("Critical", 10 CVEs) and thunderbird ("Moderate", 9) bundles.
  const nss = ['ALSA-2024:0108', 'ALSA-2024:1485', 'ALSA-2024:1493'].map((id) => summary(alma9(id)));

  it('takes the errata naming the fewest CVEs: an errata rates the worst CVE it fixes', () => {
    assert.deepEqual(
      nss.map((a) => a.summary?.split(':')[0]),
      ['Moderate', 'Critical', 'Moderate'],
    );
    const related = new Map([['CVE-2023-5388', nss]]);
    const r = relatedSeverity(['CVE-2023-5388'], new Set(), related, new AdvisoryFacts());
    assert.deepEqual(r.chosen, { severity: 'MEDIUM', source: 'related:ALSA-2024:0108' });
    assert.deepEqual(r.cvss, []);
    // The finding's own advisories and withdrawn ones are not asked again.
    const without = relatedSeverity(
      ['CVE-2023-5388'],
      new Set(['osv-almalinux\0ALSA-2024:0108']),
      new Map([
        ['CVE-2023-5388', [...nss, { ...nss[0]!, source: 'other', withdrawn: '2024-02-01T00:00:00Z' }]],
      ]),
      new AdvisoryFacts(),
    );
    // Thunderbird's bundle names 9 CVEs, Firefox's 10.
    assert.deepEqual(without.chosen, { severity: 'MEDIUM', source: 'related:ALSA-2024:1493' });
  });

  it('then GHSA, then the newest CVSS vector, else UNKNOWN; the best vector is the impact', () => {
    const log4shellCvss = cvssOf('GHSA-jfh8-c2jp-5v3q', log4shell().severity).cvss;
    const v2 = cvssOf('CVE-2000-0001', [{ type: 'CVSS_V2', score: '(AV:N/AC:L/Au:N/C:P/I:P/A:P)' }]).cvss;
    assert.deepEqual(
      chooseRelatedSeverity({
        vendor: [{ advisoryId: 'ALSA-2024:0108', severity: 'MEDIUM', cveCount: 1 }],
        ghsa: [{ advisoryId: 'GHSA-jfh8-c2jp-5v3q', severity: 'CRITICAL' }],
        cvss: [...v2, ...log4shellCvss],
      }),
      { severity: 'MEDIUM', source: 'related:ALSA-2024:0108', impactCvss: log4shellCvss[0] },
    );
    assert.deepEqual(
      chooseRelatedSeverity({
        vendor: [],
        ghsa: [{ advisoryId: 'GHSA-jfh8-c2jp-5v3q', severity: 'CRITICAL' }],
        cvss: [],
      }),
      { severity: 'CRITICAL', source: 'related:GHSA-jfh8-c2jp-5v3q' },
    );
    assert.deepEqual(chooseRelatedSeverity({ vendor: [], ghsa: [], cvss: [...v2, ...log4shellCvss] }), {
      severity: 'CRITICAL',
      source: 'related-cvss:GHSA-jfh8-c2jp-5v3q',
      impactCvss: log4shellCvss[0],
    });
    assert.deepEqual(chooseRelatedSeverity({ vendor: [], ghsa: [], cvss: [] }), {
      severity: 'UNKNOWN',
      source: 'none',
    });
  });
});
