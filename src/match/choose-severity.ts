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
  /**
   * `vendor:<advisory>`, `ghsa`, `cvss:<version>`, the enrichment's source (`nvd`…), or `none`;
   * from other advisories for the same CVE (chooseRelatedSeverity): `related:<advisory>`,
   * `related-cvss:<advisory>`.
   */
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
 * 5. UNKNOWN, never LOW. The matcher then asks the CVEs' other advisories (chooseRelatedSeverity).
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

/**
 * What advisories outside the finding say about its CVEs (AdvisoryLookup.relatedAdvisories): an
 * errata for the distro's golang rating the CVE a Go stdlib finding is about, a GHSA for another
 * package, a CVE record with a vector.
 */
export interface RelatedEvidence {
  /**
   * Distribution ratings of those records (recordVendorSeverity), with the number of CVEs each
   * advisory names: an errata's impact is that of the worst CVE it fixes.
   */
  readonly vendor: readonly (RatedBy & { readonly cveCount: number })[];
  /** GitHub's reviewed severity of the GHSAs among them. */
  readonly ghsa: readonly RatedBy[];
  /** Their CVSS vectors, each with its advisory's id as `source`. */
  readonly cvss: readonly FindingCvss[];
}

/**
 * The severity of a finding nothing of its own rates (chooseSeverity gave UNKNOWN), from other
 * advisories for its CVEs, in the same order of authority:
 * 1. a distribution's rating: from the advisories naming the fewest CVEs (an errata about this
 *    CVE alone before one bundling seven), the highest among those. It rates the distro's build,
 *    which is why it is only a fallback;
 * 2. GitHub's reviewed severity, the highest;
 * 3. the newest CVSS version, highest score among equals;
 * 4. UNKNOWN.
 * The source names the advisory: `related:ALSA-2024:1963`, `related:GHSA-…`, `related-cvss:CVE-…`.
 * `impactCvss` is the best of their vectors.
 */
export function chooseRelatedSeverity(e: RelatedEvidence): ChosenSeverity {
  const impact = bestCvss(e.cvss);
  const withImpact = (severity: Severity, source: string): ChosenSeverity =>
    impact ? { severity, source, impactCvss: impact } : { severity, source };
  const fewest = Math.min(...e.vendor.map((v) => v.cveCount));
  const vendor = pick(
    e.vendor.filter((v) => v.cveCount === fewest),
    (a, b) => severityRank(a) > severityRank(b),
  );
  if (vendor) return withImpact(vendor.severity, `related:${vendor.advisoryId}`);
  const ghsa = pick(e.ghsa, (a, b) => severityRank(a) > severityRank(b));
  if (ghsa) return withImpact(ghsa.severity, `related:${ghsa.advisoryId}`);
  if (impact) return withImpact(cvssSeverity(impact), `related-cvss:${impact.source}`);
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
