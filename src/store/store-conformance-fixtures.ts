import type { Advisory, AffectedPackage } from '../core/advisory.ts';
import type { Finding } from '../core/finding.ts';
import type { Package } from '../core/package.ts';
import type { ScanResult } from '../core/scan-result.ts';
import type { AdvisoryRow } from '../vulndb/feed-sink.ts';
import { type Store, storeKysely } from './store.ts';

/*
 * Records for the store conformance suite. The lodash, Django and glibc ones are shaped after
 * real advisories (GHSA-35jh-r3h4-6jhm, GHSA-jrh2-hc4r-7jwx, DSA-5514-1 / CVE-2023-4911).
 */

/** An advisory with only an id and a modified time. */
export function bare(id: string, modified: string): Advisory {
  return {
    id,
    aliases: [],
    related: [],
    modified,
    severity: [],
    affected: [],
    references: [],
    source: 'test',
  };
}

export function pkg(ecosystem: string, name: string): AffectedPackage {
  return {
    ecosystem,
    name,
    ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '0' }, { fixed: '1.0.0' }] }],
    versions: [],
  };
}

export function npmPackage(name: string, fixed: string): AffectedPackage {
  return {
    ecosystem: 'npm',
    name,
    purl: `pkg:npm/${name}`,
    ranges: [{ type: 'SEMVER', events: [{ introduced: '0' }, { fixed }] }],
    versions: [],
    databaseSpecific: { source: 'https://github.com/advisories/GHSA-35jh-r3h4-6jhm' },
  };
}

export function lodashAdvisory(): Advisory {
  return {
    id: 'GHSA-35jh-r3h4-6jhm',
    aliases: ['CVE-2021-23337'],
    related: [],
    summary: 'Command Injection in lodash',
    details: 'lodash versions prior to 4.17.21 are vulnerable to Command Injection via template.',
    published: '2021-02-15T11:48:45Z',
    modified: '2024-02-09T19:17:27Z',
    severity: [{ type: 'CVSS_V3', score: 'CVSS:3.1/AV:N/AC:L/PR:H/UI:N/S:U/C:H/I:H/A:H' }],
    affected: [npmPackage('lodash', '4.17.21')],
    references: [{ type: 'ADVISORY', url: 'https://nvd.nist.gov/vuln/detail/CVE-2021-23337' }],
    source: 'osv-npm',
    databaseSpecific: { github_reviewed: true, severity: 'HIGH' },
  };
}

export function djangoAdvisory(): Advisory {
  return {
    ...bare('GHSA-jrh2-hc4r-7jwx', '2024-06-01T00:00:00Z'),
    aliases: ['CVE-2023-36053'],
    summary: 'Django ReDoS in EmailValidator and URLValidator',
    withdrawn: '2024-05-01T00:00:00Z',
    affected: [
      {
        ecosystem: 'PyPI',
        name: 'Django',
        ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '4.2' }, { fixed: '4.2.3' }] }],
        versions: ['4.2', '4.2.1', '4.2.2'],
        ecosystemSpecific: { affected_functions: ['django.core.validators.EmailValidator'] },
      },
    ],
  };
}

/**
 * Four records for CVE-2023-45288 (HTTP/2 CONTINUATION flood), shaped after the real ones: an
 * AlmaLinux errata naming it only in `related`, the Go vulndb record and the GHSA naming it in
 * `aliases`, and a CVE record whose id it is. The GHSA's `related` names another CVE, which is
 * not the same vulnerability and must not be indexed.
 */
export function continuationFlood(): { errata: Advisory; go: Advisory; ghsa: Advisory; cve: Advisory } {
  return {
    errata: {
      ...bare('ALSA-2024:1963', '2024-04-29T07:53:24Z'),
      related: ['CVE-2023-45288'],
      summary: 'Important: golang security update',
      affected: [pkg('AlmaLinux:9', 'golang')],
    },
    go: {
      ...bare('GO-2024-2687', '0001-01-01T00:00:00Z'),
      aliases: ['CVE-2023-45288', 'GHSA-4v7x-pqxf-cx7m'],
      summary: 'HTTP/2 CONTINUATION flood in net/http',
      affected: [pkg('Go', 'stdlib')],
    },
    ghsa: {
      ...bare('GHSA-4v7x-pqxf-cx7m', '2024-04-04T23:02:57Z'),
      aliases: ['CVE-2023-45288'],
      related: ['CVE-2023-39325'],
      severity: [{ type: 'CVSS_V3', score: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:L' }],
      databaseSpecific: { severity: 'MODERATE', github_reviewed: true },
      affected: [pkg('Go', 'net/http')],
    },
    cve: {
      ...bare('CVE-2023-45288', '2024-04-04T21:15:16Z'),
      // Naming itself too: still one entry.
      aliases: ['CVE-2023-45288'],
      affected: [pkg('Go', 'golang.org/x/net')],
    },
  };
}

export function row(advisory: Advisory, fingerprint = `fp-${advisory.id}`): AdvisoryRow {
  return { advisory, file: `${advisory.id}.json`, fingerprint };
}

export const IMAGE = {
  reference: 'docker.io/library/debian:12',
  manifestDigest: 'sha256:27e2d7e9bd3b1f2e1bb7f7a1d3c2b9d6e5f7a8b9c0d1e2f3a4b5c6d7e8f9a0b1',
  configDigest: 'sha256:1f2e3d4c5b6a79881f2e3d4c5b6a79881f2e3d4c5b6a79881f2e3d4c5b6a7988',
  platform: { os: 'linux', architecture: 'amd64' },
  repoTags: ['debian:12'],
  repoDigests: [],
  layers: [{ index: 0, digest: 'sha256:aa', size: 49_000_000 }],
  config: { Env: ['PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin'] },
} as const;

export function scanResult(createdAt: string, cve: string): ScanResult {
  const libc: Package = {
    id: 'pkg-libc6',
    name: 'libc6',
    version: '2.36-9+deb12u1',
    type: 'deb',
    ecosystem: 'Debian:12',
    purl: 'pkg:deb/debian/libc6@2.36-9%2Bdeb12u1?arch=amd64&distro=debian-12',
    arch: 'amd64',
    source: { name: 'glibc' },
    licenses: ['LGPL-2.1-or-later'],
    locations: [{ path: 'var/lib/dpkg/status' }],
    foundBy: 'os/dpkg',
  };
  const zlib: Package = {
    ...libc,
    id: 'pkg-zlib',
    name: 'zlib1g',
    version: '1:1.2.13.dfsg-1',
    purl: 'pkg:deb/debian/zlib1g',
  };
  const finding: Finding = {
    id: cve,
    aliases: ['DSA-5514-1'],
    package: {
      id: libc.id,
      name: libc.name,
      version: libc.version,
      type: libc.type,
      purl: libc.purl,
      ecosystem: 'Debian:12',
      locations: libc.locations,
    },
    fixedVersions: ['2.36-9+deb12u3'],
    fixState: 'fixed',
    severity: 'HIGH',
    severitySource: 'vendor:DSA-5514-1',
    cvss: [],
    risk: 70,
    references: ['https://security-tracker.debian.org/tracker/CVE-2023-4911'],
    details: [],
  };
  return {
    target: { kind: 'image', name: 'debian:12' },
    image: IMAGE,
    os: { id: 'debian', versionId: '12', source: 'etc/os-release' },
    packages: [libc, zlib],
    relationships: [],
    errors: [],
    vulnerabilities: { findings: [finding], warnings: [], database: [] },
    createdAt,
    tool: { name: 'bulwark', version: '0.1.0' },
  };
}

export function ids(rows: readonly { readonly advisoryId: string }[]): string[] {
  return rows.map((r) => r.advisoryId);
}

export function byKey(a: readonly [string, unknown], b: readonly [string, unknown]): number {
  return a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0;
}

export function sorted<V>(m: ReadonlyMap<string, V>): [string, V][] {
  return [...m].sort(byKey);
}

export async function aliasRows(s: Store) {
  const rows = await storeKysely(s).selectFrom('alias').selectAll().execute();
  return rows.sort(
    (a, b) =>
      byKey([a.source, 0], [b.source, 0]) ||
      byKey([a.advisory_id, 0], [b.advisory_id, 0]) ||
      byKey([a.alias, 0], [b.alias, 0]),
  );
}

/** Everything a rollback must restore, in a comparable form. */
export async function snapshot(s: Store) {
  const db = storeKysely(s);
  const all = async (
    table: 'advisory' | 'affected' | 'alias' | 'source_file' | 'kev' | 'epss' | 'cvss' | 'source',
  ) => (await db.selectFrom(table).selectAll().execute()).map((r) => JSON.stringify(r)).sort();
  return {
    advisory: await all('advisory'),
    affected: await all('affected'),
    alias: await all('alias'),
    sourceFile: await all('source_file'),
    kev: await all('kev'),
    epss: await all('epss'),
    cvss: await all('cvss'),
    source: await all('source'),
  };
}
