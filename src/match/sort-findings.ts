import { type Finding, SEVERITIES, severityRank } from '../core/finding.ts';

/**
 * Report order: severity (highest first), then risk (highest first), then id, package name and
 * package id, so equal inputs always print the same way. Returns a new array.
 */
export function sortFindings(findings: readonly Finding[]): Finding[] {
  const rank = new Map(SEVERITIES.map((s) => [s, severityRank(s)]));
  return [...findings].sort(
    (a, b) =>
      rank.get(b.severity)! - rank.get(a.severity)! ||
      b.risk - a.risk ||
      compare(a.id, b.id) ||
      compare(a.package.name, b.package.name) ||
      compare(a.package.id, b.package.id),
  );
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
