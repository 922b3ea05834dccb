import type { AdvisoryLookup } from '../core/advisory-lookup.ts';
import type { Finding, Severity } from '../core/finding.ts';
import type { ScanResult } from '../core/scan-result.ts';
import { applyIgnoreRules } from './filters/apply-ignore-rules.ts';
import { applyVex } from './filters/apply-vex.ts';
import { filterBySeverity } from './filters/filter-by-severity.ts';
import type { IgnoreRules } from './filters/ignore-file.ts';
import { ignoreUnfixed } from './filters/ignore-unfixed.ts';
import type { VexStatements } from './filters/vex-statement.ts';
import { matchPackages } from './match-packages.ts';

export interface VulnerabilityOptions {
  /** Keep only these levels (`--severity`); undefined keeps all. */
  readonly severities?: readonly Severity[];
  /** Drop findings without a fixed version (`--ignore-unfixed`). */
  readonly ignoreUnfixed?: boolean;
  /** `--ignorefile`: matching findings are kept, marked suppressed. */
  readonly ignore?: IgnoreRules;
  /** `--vex`: `not_affected`/`fixed` statements mark findings suppressed. */
  readonly vex?: VexStatements;
  readonly signal?: AbortSignal;
}

/**
 * The "before" stage in one call: matches a scan's packages against the advisory database, applies
 * VEX statements, then the ignore file (both mark findings suppressed, with the reason, rather
 * than dropping them: a reviewer sees what was hidden and why), then drops unfixed findings and
 * levels not asked for. Returns the scan with its `vulnerabilities` section, and notices for the
 * user (expired ignore rules).
 */
export async function scanVulnerabilities(
  scan: ScanResult,
  lookup: AdvisoryLookup,
  opts: VulnerabilityOptions = {},
): Promise<{ readonly result: ScanResult; readonly notices: readonly string[] }> {
  const { findings: matched, warnings } = await matchPackages(
    { packages: scan.packages, ...(scan.os ? { os: scan.os } : {}) },
    lookup,
    opts.signal ? { signal: opts.signal } : {},
  );
  let findings: Finding[] = matched;
  // Products are not checked against the artifact: the user chose these VEX files for this scan.
  if (opts.vex) findings = applyVex(findings, opts.vex);
  if (opts.ignore) findings = applyIgnoreRules(findings, opts.ignore);
  if (opts.ignoreUnfixed) findings = ignoreUnfixed(findings);
  if (opts.severities) findings = filterBySeverity(findings, opts.severities);
  const database = (await lookup.sources()).map((s) => ({ source: s.source, importedAt: s.importedAt }));
  return {
    result: { ...scan, vulnerabilities: { findings, warnings, database } },
    notices: opts.ignore?.warnings ?? [],
  };
}
