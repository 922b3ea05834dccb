// A scan with findings, for the report tests: bookwormScan() plus a jar and two Go binaries, with
// findings built from the public records named in README.md (ids, vectors, KEV and EPSS values
// are the real ones). The findings are given out of order on purpose.
import type { Finding } from '../../core/finding.ts';
import type { Package } from '../../core/package.ts';
import type { ScanResult } from '../../core/scan-result.ts';
import { configFindings } from './config-fixtures.ts';
import { awkwardScan, bookwormScan } from './scan-fixtures.ts';

const LAYER_1 = {
  index: 1,
  digest: 'sha256:9de41b2387aca2a6b970504fb2c5863a34a555f7aa4306afd906654cd724c7ad',
  diffId: 'sha256:45650b80e5eef7f371ffcc7bd82d5683b1c3e7af2e505e5eadf2045aa5b63acd',
};

const log4j: Package = {
  id: 'maven:org.apache.logging.log4j:log4j-core@2.14.1',
  name: 'log4j-core',
  version: '2.14.1',
  type: 'maven',
  ecosystem: 'Maven',
  purl: 'pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1',
  licenses: ['Apache-2.0'],
  locations: [{ path: 'opt/app/lib/log4j-core-2.14.1.jar', layer: LAYER_1 }],
  foundBy: 'java/archive',
};

const runc: Package = {
  id: 'golang:github.com/opencontainers/runc@v1.1.11',
  name: 'github.com/opencontainers/runc',
  version: 'v1.1.11',
  type: 'golang',
  ecosystem: 'Go',
  purl: 'pkg:golang/github.com/opencontainers/runc@v1.1.11',
  licenses: [],
  locations: [{ path: 'usr/local/bin/runc', layer: LAYER_1 }],
  foundBy: 'go/binary',
};

const agent: Package = {
  id: 'golang:github.com/acme/agent@',
  name: 'github.com/acme/agent',
  version: '',
  type: 'golang',
  ecosystem: 'Go',
  purl: 'pkg:golang/github.com/acme/agent',
  licenses: [],
  locations: [{ path: 'usr/local/bin/agent', layer: LAYER_1 }],
  foundBy: 'go/binary',
};

function ref(p: Package): Finding['package'] {
  const { id, name, version, type, purl, ecosystem, locations } = p;
  return ecosystem === undefined
    ? { id, name, version, type, purl, locations }
    : { id, name, version, type, purl, ecosystem, locations };
}

/** The five findings, out of order: two KEV criticals on one jar, a VEX-suppressed one, an unfixed one, one without CVSS. */
export function fixtureFindings(packages: readonly Package[]): Finding[] {
  const byName = (n: string) => packages.find((p) => p.name === n)!;
  const zlib = byName('zlib1g');
  const libc = byName('libc6');
  return [
    {
      id: 'CVE-2024-21626',
      aliases: ['GHSA-xr7r-f8xq-vfvv', 'GO-2024-2491'],
      package: ref(runc),
      fixedVersions: ['1.1.12'],
      fixState: 'fixed',
      severity: 'UNKNOWN',
      severitySource: 'none',
      cvss: [],
      epss: { score: 0.18087, percentile: 0.96942 },
      risk: 35,
      title: 'Container breakout through process.cwd trickery and leaked fds in github.com/opencontainers/runc',
      references: [
        'https://github.com/opencontainers/runc/security/advisories/GHSA-xr7r-f8xq-vfvv',
        'https://github.com/opencontainers/runc/commit/02120488a4c0fc487d1ed2867e901eeed7ce8ecf',
      ],
      details: [
        {
          advisoryId: 'GO-2024-2491',
          source: 'osv-go',
          via: 'direct',
          ecosystem: 'Go',
          name: 'github.com/opencontainers/runc',
          version: 'v1.1.11',
          matched: { kind: 'range', type: 'SEMVER', introduced: '1.0.0-rc93', fixed: '1.1.12' },
        },
      ],
    },
    {
      id: 'CVE-2010-4756',
      aliases: [],
      package: ref(libc),
      fixedVersions: [],
      fixState: 'not-fixed',
      severity: 'NEGLIGIBLE',
      severitySource: 'vendor:CVE-2010-4756',
      cvss: [{ version: '2.0', vector: 'AV:N/AC:L/Au:S/C:N/I:N/A:P', baseScore: 4, source: 'nvd' }],
      epss: { score: 0.02611, percentile: 0.8409 },
      risk: 8,
      description:
        'The glob implementation in the GNU C Library (aka glibc or libc6) allows remote authenticated users to cause a denial of service (CPU and memory consumption) via crafted glob expressions that do not match any pathnames.',
      references: ['https://security-tracker.debian.org/tracker/CVE-2010-4756'],
      details: [
        {
          advisoryId: 'CVE-2010-4756',
          source: 'debian-tracker',
          via: 'source',
          ecosystem: 'Debian:12',
          name: 'glibc',
          version: '2.36-9+deb12u14',
          matched: { kind: 'range', type: 'ECOSYSTEM', introduced: '0' },
        },
      ],
    },
    {
      id: 'CVE-2021-45046',
      aliases: ['GHSA-7rjr-3q55-vv33'],
      package: ref(log4j),
      fixedVersions: ['2.16.0'],
      fixState: 'fixed',
      severity: 'CRITICAL',
      severitySource: 'ghsa',
      cvss: [
        {
          version: '3.1',
          vector: 'CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:C/C:H/I:H/A:H',
          baseScore: 9,
          source: 'GHSA-7rjr-3q55-vv33',
        },
      ],
      kev: {
        dateAdded: '2023-05-01',
        dueDate: '2023-05-22',
        knownRansomwareCampaignUse: 'Known',
        vulnerabilityName: 'Apache Log4j2 Deserialization of Untrusted Data Vulnerability',
        requiredAction: 'Apply updates per vendor instructions.',
      },
      epss: { score: 0.99977, percentile: 0.9998 },
      risk: 97,
      title: 'Incomplete fix for Apache Log4j vulnerability',
      references: ['https://nvd.nist.gov/vuln/detail/CVE-2021-45046', 'https://logging.apache.org/log4j/2.x/security.html'],
      details: [
        {
          advisoryId: 'GHSA-7rjr-3q55-vv33',
          source: 'osv-ghsa-subset',
          via: 'direct',
          ecosystem: 'Maven',
          name: 'org.apache.logging.log4j:log4j-core',
          version: '2.14.1',
          matched: { kind: 'range', type: 'ECOSYSTEM', introduced: '2.13.0', fixed: '2.16.0' },
        },
      ],
    },
    {
      id: 'CVE-2023-45853',
      aliases: [],
      package: ref(zlib),
      fixedVersions: [],
      fixState: 'wont-fix',
      severity: 'CRITICAL',
      severitySource: 'cvss:3.1',
      cvss: [
        { version: '3.1', vector: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H', baseScore: 9.8, source: 'nvd' },
      ],
      epss: { score: 0.03179, percentile: 0.8695 },
      risk: 30,
      description:
        'MiniZip in zlib through 1.3 has an integer overflow and resultant heap-based buffer overflow in zipOpenNewFileInZip4_64 via a long filename, comment, or extra field.',
      references: ['https://security-tracker.debian.org/tracker/CVE-2023-45853'],
      details: [
        {
          advisoryId: 'CVE-2023-45853',
          source: 'debian-tracker',
          via: 'source',
          ecosystem: 'Debian:12',
          name: 'zlib',
          version: '1:1.2.13.dfsg-1',
          matched: { kind: 'range', type: 'ECOSYSTEM', introduced: '0' },
        },
      ],
      suppressed: {
        kind: 'vex',
        status: 'not_affected',
        reason: 'vulnerable_code_not_present',
        source: '.vex/zlib.openvex.json',
      },
    },
    {
      id: 'CVE-2021-44228',
      aliases: ['GHSA-jfh8-c2jp-5v3q'],
      package: ref(log4j),
      fixedVersions: ['2.15.0'],
      fixState: 'fixed',
      severity: 'CRITICAL',
      severitySource: 'ghsa',
      cvss: [
        {
          version: '3.1',
          vector: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H',
          baseScore: 10,
          source: 'GHSA-jfh8-c2jp-5v3q',
        },
      ],
      kev: {
        dateAdded: '2021-12-10',
        dueDate: '2021-12-24',
        knownRansomwareCampaignUse: 'Known',
        vulnerabilityName: 'Apache Log4j2 Remote Code Execution Vulnerability',
        requiredAction:
          'For all affected software assets for which updates exist, the only acceptable remediation actions are: 1) Apply updates; OR 2) remove affected assets from agency networks.',
      },
      epss: { score: 0.99999, percentile: 1 },
      risk: 100,
      title: 'Remote code injection in Log4j',
      description:
        'Log4j versions prior to 2.16.0 are subject to a remote code execution vulnerability via the ldap JNDI parser.',
      published: '2021-12-10T00:40:56Z',
      references: [
        'https://nvd.nist.gov/vuln/detail/CVE-2021-44228',
        'https://github.com/apache/logging-log4j2/pull/608',
      ],
      details: [
        {
          advisoryId: 'GHSA-jfh8-c2jp-5v3q',
          source: 'osv-ghsa-subset',
          via: 'direct',
          ecosystem: 'Maven',
          name: 'org.apache.logging.log4j:log4j-core',
          version: '2.14.1',
          matched: { kind: 'range', type: 'ECOSYSTEM', introduced: '2.13.0', fixed: '2.15.0' },
        },
      ],
    },
  ];
}

/** The bookworm image plus log4j-core in a jar and two Go binaries, matched: five findings, one warning. */
export function findingsScan(): ScanResult {
  const scan = bookwormScan();
  const packages = [...scan.packages, log4j, runc, agent];
  return {
    ...scan,
    packages,
    vulnerabilities: {
      findings: fixtureFindings(packages),
      warnings: [{ packageId: agent.id, message: 'the binary records no module version' }],
      database: [
        { source: 'osv-go', importedAt: '2025-08-25T06:00:00Z' },
        { source: 'osv-ghsa-subset', importedAt: '2025-08-25T06:00:00Z' },
        { source: 'debian-tracker', importedAt: '2025-08-25T06:00:00Z' },
      ],
    },
  };
}

/** A directory scan that was matched and found nothing. */
export function cleanScan(): ScanResult {
  const { image: _drop, ...scan } = bookwormScan();
  return {
    ...scan,
    target: { kind: 'rootfs', name: '/srv/rootfs' },
    vulnerabilities: { findings: [], warnings: [], database: [] },
  };
}

/**
 * awkwardScan() matched: repeated package ids, a package without purl, version or location, an
 * unknown advisory prefix, text with terminal escapes and Markdown, a reference that is no URL, an
 * ignore rule, a CVSS 4.0 score and a date-only `published`.
 */
export function awkwardFindingsScan(): ScanResult {
  const scan = awkwardScan();
  const ref = (p: Package): Finding['package'] => ({
    id: p.id,
    name: p.name,
    version: p.version,
    type: p.type,
    purl: p.purl,
    locations: p.locations,
  });
  const [, , , debOpenssl, npmOpenssl, emptyId, evil] = scan.packages;
  const base = {
    aliases: [],
    fixedVersions: [],
    fixState: 'unknown',
    severitySource: 'none',
    cvss: [],
    risk: 0,
    references: [],
    details: [],
  } as const;
  const findings: Finding[] = [
    {
      ...base,
      id: 'NSWG-ECO-1',
      package: ref(npmOpenssl!),
      severity: 'HIGH',
      severitySource: 'vendor:NSWG-ECO-1',
      title: 'Title with | pipes *stars* and \u001b[31mescapes\u001b[0m',
      references: ['not a url', 'https://example.org/a b'],
      published: '2016-01-05',
    },
    {
      ...base,
      id: 'CVE-2016-2107',
      package: ref(debOpenssl!),
      severity: 'MEDIUM',
      severitySource: 'cvss:4.0',
      cvss: [
        {
          version: '4.0',
          vector: 'CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:N/VA:N/SC:N/SI:N/SA:N',
          baseScore: 8.7,
          source: 'cve5',
        },
      ],
      fixedVersions: ['1.0.2h-1'],
      fixState: 'fixed',
      suppressed: { kind: 'ignore', status: 'ignored', reason: 'not reachable from the CLI', source: '.bulwarkignore' },
    },
    { ...base, id: 'GHSA-aaaa-bbbb-cccc', package: ref(emptyId!), severity: 'LOW' },
    { ...base, id: 'CVE-2016-2107', package: ref(evil!), severity: 'MEDIUM' },
  ];
  return {
    ...scan,
    vulnerabilities: {
      findings,
      warnings: [{ packageId: 'no-such-package', message: 'bad\u001b[2J version' }],
      database: [],
    },
  };
}

/** `bulwark repo .`: packages and vulnerability findings, plus config-fixtures' configuration findings out of order. */
export function repoScan(): ScanResult {
  const { image: _image, ...scan } = findingsScan();
  return { ...scan, target: { kind: 'repository', name: '.' }, misconfigurations: configFindings().reverse() };
}
