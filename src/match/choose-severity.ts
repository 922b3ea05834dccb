import type { AdvisorySummary } from '../core/advisory-lookup.ts';
import { type FindingCvss, type Severity, severityRank } from '../core/finding.ts';
import { bestCvss, cvssSeverity } from './finding-cvss.ts';

/** A severity some advisory gave. */
export interface RatedBy {
  readonly advisoryId: string;
  readonly severity: Severity;
}

/** Everything a merged finding's severity can come from. */
export interface SeverityEvidence {
  /** Distribution ratings of the distro advisories that matched (see vendorSeverity). */
  readonly vendor: readonly RatedBy[];
  /** GitHub's `database_specific.severity` of the GHSA advisories merged in. */
  readonly ghsa: readonly RatedBy[];
  /** CVSS vectors from the merged advisories themselves. */
  readonly advisoryCvss: readonly FindingCvss[];
  /** CVSS vectors from CVE/NVD enrichment (`AdvisoryLookup.cvss`). */
  readonly enrichmentCvss: readonly FindingCvss[];
}

export interface ChosenSeverity {
  readonly severity: Severity;
  /** `vendor:<advisory>`, `ghsa`, `cvss:<version>`, the enrichment's source (`nvd`…), or `none`. */
  readonly source: string;
  /** The CVSS the risk score's impact uses: the best advisory vector, else the best enrichment one. */
  readonly impactCvss?: FindingCvss;
}

/**
 * Severity in order of authority for the package at hand:
 * 1. the distribution's rating, for distro matches: it reflects how the distro built and ships the
 *    package. When several errata for the same CVE match and disagree (AlmaLinux rates
 *    CVE-2024-27316 Important in ALSA-2024:1872 and Moderate in ALSA-2024:2564), the highest;
 * 2. GitHub's reviewed severity (MODERATE reads MEDIUM), the highest when several GHSAs merged;
 * 3. the advisories' CVSS, newest version first (4.0 > 3.1 > 3.0 > 2.0), highest score among equals;
 * 4. the enrichment CVSS, chosen the same way;
 * 5. UNKNOWN, never LOW.
 */
export function chooseSeverity(e: SeverityEvidence): ChosenSeverity {
  const advisory = bestCvss(e.advisoryCvss);
  const enrichment = bestCvss(e.enrichmentCvss);
  const impact = advisory ?? enrichment;
  const withImpact = (severity: Severity, source: string): ChosenSeverity =>
    impact ? { severity, source, impactCvss: impact } : { severity, source };

  const vendor = pick(e.vendor, (a, b) => severityRank(a) > severityRank(b));
  if (vendor) return withImpact(vendor.severity, `vendor:${vendor.advisoryId}`);
  const ghsa = pick(e.ghsa, (a, b) => severityRank(a) > severityRank(b));
  if (ghsa) return withImpact(ghsa.severity, 'ghsa');
  if (advisory) return withImpact(cvssSeverity(advisory), `cvss:${advisory.version}`);
  if (enrichment) return withImpact(cvssSeverity(enrichment), enrichment.source);
  return { severity: 'UNKNOWN', source: 'none' };
}

/** The rating `better` prefers; ties go to the lowest advisory id, for stable output. */
function pick(list: readonly RatedBy[], better: (a: Severity, b: Severity) => boolean): RatedBy | undefined {
  let chosen: RatedBy | undefined;
  for (const r of [...list].sort((a, b) =>
    a.advisoryId < b.advisoryId ? -1 : a.advisoryId > b.advisoryId ? 1 : 0,
  )) {
    if (!chosen || better(r.severity, chosen.severity)) chosen = r;
  }
  return chosen;
}

const GHSA_LEVEL: ReadonlyMap<string, Severity> = new Map<string, Severity>([
  ['CRITICAL', 'CRITICAL'],
  ['HIGH', 'HIGH'],
  ['MODERATE', 'MEDIUM'],
  ['MEDIUM', 'MEDIUM'],
  ['LOW', 'LOW'],
]);

/** GitHub's reviewed severity of a GHSA advisory (`database_specific.severity`), if it has one. */
export function ghsaSeverity(a: AdvisorySummary): Severity | undefined {
  if (!a.id.startsWith('GHSA-')) return undefined;
  const s = a.databaseSpecific?.severity;
  return typeof s === 'string' ? GHSA_LEVEL.get(s.trim().toUpperCase()) : undefined;
}
