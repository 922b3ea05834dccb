import type { AdvisorySummary } from '../core/advisory-lookup.ts';
import type { FindingCvss } from '../core/finding.ts';
import type { AdvisoryFacts } from './advisory-facts.ts';
import { type ChosenSeverity, chooseRelatedSeverity, type RatedBy } from './choose-severity.ts';

/**
 * The severity a finding takes from other advisories for its CVEs, when nothing of its own rates
 * it: `related` is AdvisoryLookup.relatedAdvisories' answer, `own` the `source\0id` keys of the
 * advisories the finding was built from (they were asked already). Withdrawn advisories are
 * skipped. `cvss` are the vectors of those advisories (each with its advisory id as source), in
 * the order the lookup gave them; `errors` the vectors that could not be scored.
 */
export function relatedSeverity(
  cves: readonly string[],
  own: ReadonlySet<string>,
  related: ReadonlyMap<string, readonly AdvisorySummary[]>,
  facts: AdvisoryFacts,
): { chosen: ChosenSeverity; cvss: FindingCvss[]; errors: string[] } {
  const seen = new Set(own);
  const vendor: (RatedBy & { cveCount: number })[] = [];
  const ghsa: RatedBy[] = [];
  const cvss: FindingCvss[] = [];
  const errors: string[] = [];
  for (const cve of cves) {
    for (const a of related.get(cve) ?? []) {
      const key = `${a.source}\0${a.id}`;
      if (seen.has(key) || a.withdrawn !== undefined) continue;
      seen.add(key);
      const f = facts.record(a);
      if (f.vendor) vendor.push({ advisoryId: a.id, severity: f.vendor, cveCount: f.cveCount });
      if (f.ghsa) ghsa.push({ advisoryId: a.id, severity: f.ghsa });
      cvss.push(...f.cvss);
      errors.push(...f.errors);
    }
  }
  return { chosen: chooseRelatedSeverity({ vendor, ghsa, cvss }), cvss, errors };
}
