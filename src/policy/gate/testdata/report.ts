import type { Finding } from '../../../core/finding.ts';
import type { Package } from '../../../core/package.ts';
import type { ScanResult } from '../../../core/scan-result.ts';

// A hand-built report. Ids, fixed versions, KEV dates and EPSS scores are the real ones, as in
// ../shared/data/vuln (kev/known_exploited_vulnerabilities.json, epss/EPSS_CVE_data, osv-go,
// osv-ghsa-subset) and Canonical's VEX for CVE-2023-38545; licences as the packages declare them.

function pkg(id: string, name: string, version: string, type: string, purl: string, licenses: string[]): Package {
  return { id, name, version, type, purl, licenses, locations: [{ path: `${name}.bin` }], foundBy: 'test' };
}

export const PACKAGES: Package[] = [
  pkg('log4j', 'log4j-core', '2.14.1', 'maven', 'pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1', ['Apache-2.0']),
  pkg('runc', 'github.com/opencontainers/runc', 'v1.1.11', 'golang', 'pkg:golang/github.com/opencontainers/runc@v1.1.11', ['Apache-2.0']),
  pkg('curl', 'curl', '7.81.0-1ubuntu1.13', 'deb', 'pkg:deb/ubuntu/curl@7.81.0-1ubuntu1.13?arch=amd64', ['curl']),
  pkg('libc6', 'libc6', '2.36-9+deb12u7', 'deb', 'pkg:deb/debian/libc6@2.36-9%2Bdeb12u7?arch=amd64', [
    'GPL-2.0-or-later AND LGPL-2.1-or-later',
  ]),
  pkg('commons-text', 'commons-text', '1.9', 'maven', 'pkg:maven/org.apache.commons/commons-text@1.9', ['Apache-2.0']),
  pkg('readline', 'libreadline8', '8.2-1.3', 'deb', 'pkg:deb/debian/libreadline8@8.2-1.3?arch=amd64', ['GPL-3.0-or-later']),
  pkg('jszip', 'jszip', '3.10.1', 'npm', 'pkg:npm/jszip@3.10.1', ['(MIT OR GPL-3.0-or-later)']),
  pkg('ghostscript', 'ghostscript', '10.0.0', 'deb', 'pkg:deb/debian/ghostscript@10.0.0?arch=amd64', ['AGPL-3.0-or-later']),
  pkg('mysql', 'mysql-connector-j', '8.0.33', 'maven', 'pkg:maven/com.mysql/mysql-connector-j@8.0.33', [
    'GPL-2.0-only WITH Universal-FOSS-exception-1.0',
  ]),
  pkg('tzdata', 'tzdata', '2024a-0+deb12u1', 'deb', 'pkg:deb/debian/tzdata@2024a-0%2Bdeb12u1?arch=all', []),
];

type Overrides = Partial<Omit<Finding, 'package'>>;

function finding(p: Package, id: string, aliases: string[], o: Overrides): Finding {
  return {
    id,
    aliases,
    package: { id: p.id, name: p.name, version: p.version, type: p.type, purl: p.purl, locations: p.locations },
    fixedVersions: [],
    fixState: 'not-fixed',
    severity: 'UNKNOWN',
    severitySource: 'none',
    cvss: [],
    risk: 0,
    references: [],
    details: [],
    ...o,
  };
}

const [log4j, runc, curl, libc6, commonsText] = PACKAGES as [Package, Package, Package, Package, Package];

export const FINDINGS: Finding[] = [
  finding(log4j, 'CVE-2021-44228', ['GHSA-jfh8-c2jp-5v3q'], {
    severity: 'CRITICAL',
    fixState: 'fixed',
    fixedVersions: ['2.15.0'],
    kev: { dateAdded: '2021-12-10', dueDate: '2021-12-24', knownRansomwareCampaignUse: 'Known' },
    epss: { score: 0.99999, percentile: 1 },
  }),
  finding(log4j, 'CVE-2021-45046', ['GHSA-7rjr-3q55-vv33'], {
    severity: 'CRITICAL',
    fixState: 'fixed',
    fixedVersions: ['2.12.2', '2.16.0'],
    kev: { dateAdded: '2023-05-01', dueDate: '2023-05-22' },
    epss: { score: 0.99977, percentile: 0.9998 },
  }),
  finding(runc, 'CVE-2024-21626', ['GHSA-xr7r-f8xq-vfvv', 'GO-2024-2491'], {
    severity: 'HIGH',
    fixState: 'fixed',
    fixedVersions: ['1.1.12'],
    epss: { score: 0.18087, percentile: 0.96942 },
  }),
  finding(curl, 'CVE-2023-38545', [], {
    severity: 'HIGH',
    fixState: 'fixed',
    fixedVersions: ['7.81.0-1ubuntu1.14'],
    epss: { score: 0.78483, percentile: 0.99547 },
  }),
  finding(curl, 'CVE-2023-38546', [], { severity: 'LOW', fixState: 'fixed', fixedVersions: ['7.81.0-1ubuntu1.14'] }),
  finding(libc6, 'CVE-2016-20013', [], { severity: 'NEGLIGIBLE', fixState: 'wont-fix' }),
  // Suppressed: must never count.
  finding(commonsText, 'CVE-2022-42889', ['GHSA-599f-7c49-w659'], {
    severity: 'CRITICAL',
    fixState: 'fixed',
    fixedVersions: ['1.10.0'],
    epss: { score: 0.99931, percentile: 0.99969 },
    suppressed: {
      kind: 'vex',
      status: 'not_affected',
      reason: 'vulnerable_code_not_in_execute_path',
      source: 'app.vex.json',
    },
  }),
];

/** The report as `--format json` writes it (schemaVersion 1); `null`: not matched (no vulnerabilities). */
export function report(findings: Finding[] | null = FINDINGS, packages: Package[] = PACKAGES): ScanResult & { schemaVersion: 1 } {
  const base = {
    schemaVersion: 1 as const,
    tool: { name: 'bulwark' as const, version: '0.1.0' },
    target: { kind: 'image' as const, name: 'app:1.0' },
    packages,
    relationships: [],
    errors: [],
    createdAt: '2025-06-15T12:00:00.000Z',
  };
  return findings === null ? base : { ...base, vulnerabilities: { findings, warnings: [], database: [] } };
}
