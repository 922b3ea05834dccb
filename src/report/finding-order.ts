import { type Finding, severityRank } from '../core/finding.ts';
import { compareCodeUnits as cmp } from './sort-packages.ts';

/**
 * Output order of findings, the matcher's report order: severity and risk (highest first), id,
 * then the package's name, version, purl and id, so equal inputs always print the same way.
 */
export function compareFindings(a: Finding, b: Finding): number {
  return (
    severityRank(b.severity) - severityRank(a.severity) ||
    b.risk - a.risk ||
    cmp(a.id, b.id) ||
    cmp(a.package.name, b.package.name) ||
    cmp(a.package.version, b.package.version) ||
    cmp(a.package.purl, b.package.purl) ||
    cmp(a.package.id, b.package.id)
  );
}

/** A sorted copy (see compareFindings); ties keep their order. */
export function sortFindings(findings: readonly Finding[]): Finding[] {
  return [...findings].sort(compareFindings);
}
