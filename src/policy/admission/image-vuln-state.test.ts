import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Finding } from '../../core/finding.ts';
import type { ScanResult } from '../../core/scan-result.ts';
import { DEFAULT_ADMISSION_POLICY } from './admission-policy.ts';
import { findingFilter, imageVulnState } from './image-vuln-state.ts';

function finding(id: string, o: Partial<Finding>): Finding {
  return {
    id,
    aliases: [],
    package: {
      id: 'p',
      name: 'log4j-core',
      version: '2.14.1',
      type: 'maven',
      purl: 'pkg:maven/x/log4j-core@2.14.1',
      locations: [],
    },
    fixedVersions: [],
    fixState: 'not-fixed',
    severity: 'HIGH',
    severitySource: 'none',
    cvss: [],
    risk: 0,
    references: [],
    details: [],
    ...o,
  };
}

const scan = (findings?: Finding[]): ScanResult => ({
  target: { kind: 'image', name: 'app:1' },
  packages: [],
  relationships: [],
  errors: [],
  ...(findings ? { vulnerabilities: { findings, warnings: [], database: [] } } : {}),
  createdAt: '2025-01-01T00:00:00Z',
  tool: { name: 'bulwark', version: '0.1.0' },
});

describe('imageVulnState', () => {
  it('no scan, or a scan never matched, is unscanned with the reason', () => {
    assert.deepEqual(imageVulnState(undefined), { scanned: false, reason: 'no saved scan' });
    assert.deepEqual(imageVulnState(scan()), {
      scanned: false,
      reason: 'the saved scan of app:1 was not matched against an advisory database',
    });
  });
  it('keeps what the policy acts on: KEV, fixable CRITICAL; never suppressed ones', () => {
    const kev = finding('CVE-2021-44228', {
      severity: 'CRITICAL',
      fixState: 'fixed',
      fixedVersions: ['2.15.0', '2.12.2', '2.3.1', '2.16.0'],
      kev: { dateAdded: '2021-12-10' },
    });
    const fixableCritical = finding('CVE-2021-45046', {
      severity: 'CRITICAL',
      fixState: 'fixed',
      fixedVersions: ['2.16.0'],
    });
    const unfixedCritical = finding('CVE-X', { severity: 'CRITICAL' });
    const fixableHigh = finding('CVE-Y', { fixState: 'fixed', fixedVersions: ['1'] });
    const suppressed = {
      ...kev,
      id: 'CVE-Z',
      suppressed: { kind: 'vex' as const, status: 'not_affected', reason: 'r', source: 's' },
    };
    const state = imageVulnState(
      scan([kev, fixableCritical, unfixedCritical, fixableHigh, suppressed]),
      findingFilter(DEFAULT_ADMISSION_POLICY),
    );
    assert.ok(state.scanned);
    assert.deepEqual(
      state.findings.map((f) => f.id),
      ['CVE-2021-44228', 'CVE-2021-45046'],
    );
    assert.deepEqual(state.findings[0], {
      id: 'CVE-2021-44228',
      severity: 'CRITICAL',
      kev: true,
      fixed: true,
      fixedVersions: ['2.15.0', '2.12.2', '2.3.1'],
      packageName: 'log4j-core',
      packageVersion: '2.14.1',
    });
  });
});
