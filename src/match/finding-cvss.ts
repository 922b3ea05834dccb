import type { AdvisorySeverity } from '../core/advisory.ts';
import type { FindingCvss, Severity } from '../core/finding.ts';
import { parseCvss } from '../vulndb/cvss/parse-cvss.ts';
import { severityRating } from '../vulndb/cvss/severity-rating.ts';

/** OSV severity types that hold CVSS vectors. */
const CVSS_TYPES: ReadonlySet<string> = new Set(['CVSS_V2', 'CVSS_V3', 'CVSS_V4']);

const VERSION_RANK: Readonly<Record<FindingCvss['version'], number>> = {
  '2.0': 0,
  '3.0': 1,
  '3.1': 2,
  '4.0': 3,
};

/**
 * Parses and scores the CVSS vectors among an advisory's severity entries (other types, such as
 * `Ubuntu`, are skipped). A vector that does not parse is reported in `errors` and left out.
 */
export function cvssOf(
  source: string,
  severities: readonly AdvisorySeverity[],
): { cvss: FindingCvss[]; errors: string[] } {
  const cvss: FindingCvss[] = [];
  const errors: string[] = [];
  for (const s of severities) {
    if (!CVSS_TYPES.has(s.type)) continue;
    const r = parseCvss(s.score);
    if (!r.ok)
      errors.push(`${source}: ${s.type} "${s.score}" is not a CVSS vector Bulwark can score: ${r.error}`);
    else
      cvss.push({ version: r.value.version, vector: r.value.vector, baseScore: r.value.baseScore, source });
  }
  return { cvss, errors };
}

/** Keeps the first entry per vector. */
export function dedupeCvss(list: readonly FindingCvss[]): FindingCvss[] {
  const seen = new Set<string>();
  return list.filter((c) => !seen.has(c.vector) && seen.add(c.vector));
}

/** The vector to rate by: the newest CVSS version (4.0 > 3.1 > 3.0 > 2.0), the highest score among equals. */
export function bestCvss(list: readonly FindingCvss[]): FindingCvss | undefined {
  let best: FindingCvss | undefined;
  for (const c of list) {
    if (
      !best ||
      VERSION_RANK[c.version] > VERSION_RANK[best.version] ||
      (c.version === best.version && c.baseScore > best.baseScore)
    ) {
      best = c;
    }
  }
  return best;
}

/** The qualitative rating of a score (a 0.0 score, CVSS's NONE, is NEGLIGIBLE). */
export function cvssSeverity(c: FindingCvss): Severity {
  const r = severityRating(c.baseScore, c.version);
  return r === 'NONE' ? 'NEGLIGIBLE' : r;
}
