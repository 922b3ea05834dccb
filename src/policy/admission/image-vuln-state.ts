import { type Finding, type Severity, severityRank } from '../../core/finding.ts';
import type { ScanResult } from '../../core/scan-result.ts';
import type { AdmissionPolicy } from './admission-policy.ts';

/** One finding of a saved scan, as much as an admission message needs. */
export interface ImageFindingSummary {
  readonly id: string;
  readonly severity: Severity;
  readonly kev: boolean;
  /** A fixed version exists (`fixState: fixed`). */
  readonly fixed: boolean;
  /** Lowest fixed versions first; at most three. */
  readonly fixedVersions: readonly string[];
  readonly packageName: string;
  readonly packageVersion: string;
}

/**
 * What the store knows about an image's vulnerabilities: nothing (`scanned: false`, with why), or
 * the findings of its newest saved scan that the policy acts on.
 */
export type ImageVulnState =
  | { readonly scanned: false; readonly reason: string }
  | {
      readonly scanned: true;
      /** The saved scan's reference (what was scanned) and when it finished. */
      readonly reference: string;
      readonly scannedAt: string;
      readonly findings: readonly ImageFindingSummary[];
    };

/** Fixed versions kept per finding: a message names the lowest. */
const KEPT_FIXES = 3;

/**
 * A test for the findings `policy` can act on (KEV when it denies KEV, fixable findings at or above
 * its severity): the rest need not be kept in the webhook's cache.
 */
export function findingFilter(policy: AdmissionPolicy): (f: Finding) => boolean {
  const min = policy.fixableSeverity === undefined ? undefined : severityRank(policy.fixableSeverity);
  return (f) =>
    f.suppressed === undefined &&
    ((policy.denyKev && f.kev !== undefined) ||
      (min !== undefined && f.fixState === 'fixed' && severityRank(f.severity) >= min));
}

/**
 * The state of an image from its newest saved scan (undefined: never scanned). A scan that was
 * never matched against an advisory database says nothing about vulnerabilities: unscanned.
 * Suppressed findings (VEX, ignore file) are left out.
 */
export function imageVulnState(
  scan: ScanResult | undefined,
  keep: (f: Finding) => boolean = (f) => f.suppressed === undefined,
): ImageVulnState {
  if (scan === undefined) return { scanned: false, reason: 'no saved scan' };
  const reference = scan.image?.reference ?? scan.target.name;
  if (scan.vulnerabilities === undefined) {
    return {
      scanned: false,
      reason: `the saved scan of ${reference} was not matched against an advisory database`,
    };
  }
  const findings = scan.vulnerabilities.findings.filter(keep).map(
    (f): ImageFindingSummary => ({
      id: f.id,
      severity: f.severity,
      kev: f.kev !== undefined,
      fixed: f.fixState === 'fixed',
      fixedVersions: f.fixedVersions.slice(0, KEPT_FIXES),
      packageName: f.package.name,
      packageVersion: f.package.version,
    }),
  );
  return { scanned: true, reference, scannedAt: scan.createdAt, findings };
}
