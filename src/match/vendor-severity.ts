import type { AffectedPackage } from '../core/advisory.ts';
import type { AdvisorySummary } from '../core/advisory-lookup.ts';
import { isErrataId } from '../core/errata-id.ts';
import type { Severity } from '../core/finding.ts';

/** Red Hat-family errata summaries start with the update's impact: `Important: runc security update`. */
const ERRATA_IMPACT = /^\s*(Critical|Important|Moderate|Low)\s*:/i;
const IMPACT: ReadonlyMap<string, Severity> = new Map<string, Severity>([
  ['critical', 'CRITICAL'],
  ['important', 'HIGH'],
  ['moderate', 'MEDIUM'],
  ['low', 'LOW'],
]);

/**
 * Debian tracker urgencies and Ubuntu priorities. `not yet assigned`, `untriaged`, `end-of-life`
 * and anything else say nothing about the severity and give undefined.
 */
const DISTRO_LEVEL: ReadonlyMap<string, Severity> = new Map<string, Severity>([
  ['unimportant', 'NEGLIGIBLE'],
  ['negligible', 'NEGLIGIBLE'],
  ['low', 'LOW'],
  ['medium', 'MEDIUM'],
  ['high', 'HIGH'],
  ['critical', 'CRITICAL'],
]);
const DISTRO_SEVERITY_TYPES: ReadonlySet<string> = new Set(['debian', 'ubuntu']);

/**
 * The distribution's own rating of one advisory for one affected package, or undefined:
 * - the impact prefix of an AlmaLinux/Rocky/RHEL/Oracle errata summary (Critical/Important/
 *   Moderate/Low → CRITICAL/HIGH/MEDIUM/LOW);
 * - a `Debian` or `Ubuntu` severity entry on the affected package or the record (Debian's
 *   urgency: unimportant → NEGLIGIBLE, low, medium, high; Ubuntu's priority likewise);
 * - osv.dev's Debian records, which carry the urgency in `ecosystem_specific.urgency`.
 * Debian marks urgencies it derived itself with a trailing `*`/`**`; those count the same.
 */
export function vendorSeverity(
  advisory: AdvisorySummary | undefined,
  affected: AffectedPackage,
): Severity | undefined {
  const m = advisory?.summary === undefined ? null : ERRATA_IMPACT.exec(advisory.summary);
  if (m) return IMPACT.get(m[1]!.toLowerCase());
  for (const s of [...(affected.severity ?? []), ...(advisory?.severity ?? [])]) {
    if (!DISTRO_SEVERITY_TYPES.has(s.type.toLowerCase())) continue;
    const level = distroLevel(s.score);
    if (level) return level;
  }
  const urgency = affected.ecosystemSpecific?.urgency;
  return typeof urgency === 'string' ? distroLevel(urgency) : undefined;
}

/**
 * A distribution's rating carried by an advisory record itself, for use outside its own packages:
 * the impact prefix of an errata summary (`Important: golang security update`), or a record-level
 * `Debian`/`Ubuntu` severity entry. It rates the distribution's build of the package, so matching
 * uses it only as a fallback for findings nothing of their own rates (relatedSeverity).
 */
export function recordVendorSeverity(advisory: AdvisorySummary): Severity | undefined {
  if (isErrataId(advisory.id) && advisory.summary !== undefined) {
    const m = ERRATA_IMPACT.exec(advisory.summary);
    if (m) return IMPACT.get(m[1]!.toLowerCase());
  }
  for (const s of advisory.severity) {
    if (!DISTRO_SEVERITY_TYPES.has(s.type.toLowerCase())) continue;
    const level = distroLevel(s.score);
    if (level) return level;
  }
  return undefined;
}

function distroLevel(text: string): Severity | undefined {
  return DISTRO_LEVEL.get(text.trim().replace(/\*+$/, '').trim().toLowerCase());
}
