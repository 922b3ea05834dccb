import { type Finding, SEVERITIES, type Severity } from '../../core/finding.ts';
import { err, ok, type Result } from '../../core/result.ts';

/**
 * Keeps only the findings whose severity is one of `severities` (Trivy's `--severity
 * CRITICAL,HIGH`: a list of levels, not a threshold). Order is kept; suppressed findings are
 * filtered like any other.
 */
export function filterBySeverity(findings: readonly Finding[], severities: readonly Severity[]): Finding[] {
  const wanted = new Set<Severity>(severities);
  return findings.filter((f) => wanted.has(f.severity));
}

/**
 * Parses a `--severity` value: comma-separated level names, case-insensitive, spaces allowed
 * (`critical, HIGH`). Duplicates are dropped; the result is in SEVERITIES order (highest first).
 * An empty list or an unknown name is an error that lists the valid names.
 */
export function parseSeverityList(text: string): Result<Severity[]> {
  const parts = text.split(',').map((p) => p.trim());
  if (parts.every((p) => p === '')) {
    return err(`no severity given; expected a comma-separated list of ${SEVERITIES.join(', ')}`);
  }
  const found = new Set<Severity>();
  for (const part of parts) {
    if (part === '') continue;
    const upper = part.toUpperCase();
    const level = SEVERITIES.find((s) => s === upper);
    if (!level) return err(`unknown severity "${part}"; expected one of ${SEVERITIES.join(', ')}`);
    found.add(level);
  }
  return ok(SEVERITIES.filter((s) => found.has(s)));
}
