import { severityRank } from '../../core/finding.ts';
import type { GateFinding } from './gate-report.ts';

/**
 * One line naming a finding: `CVE-2021-44228 in log4j-core 2.14.1 (CRITICAL, KEV)`. `extra` tags
 * go after the severity and KEV mark (`EPSS 0.94`, `fixed in 2.15.0`).
 */
export function findingLabel(f: GateFinding, ...extra: string[]): string {
  const tags = [f.severity, ...(f.kev ? ['KEV'] : []), ...extra];
  return `${f.id} in ${f.package.name} ${f.package.version} (${tags.join(', ')})`;
}

/**
 * Labels for findings, highest severity first, then by id and package; identical labels (the same
 * package found at two locations) are listed once.
 */
export function findingLabels(findings: readonly GateFinding[], label: (f: GateFinding) => string): string[] {
  const sorted = [...findings].sort(
    (a, b) =>
      severityRank(b.severity) - severityRank(a.severity) ||
      (a.id < b.id ? -1 : a.id > b.id ? 1 : 0) ||
      (a.package.name < b.package.name ? -1 : a.package.name > b.package.name ? 1 : 0) ||
      (a.package.version < b.package.version ? -1 : a.package.version > b.package.version ? 1 : 0),
  );
  return [...new Set(sorted.map(label))];
}

/** `1 finding` / `3 findings`. */
export function countFindings(n: number): string {
  return `${n} finding${n === 1 ? '' : 's'}`;
}
