import type { Finding } from '../core/finding.ts';
import { advisoryUrl } from './advisory-source.ts';
import { sortFindings } from './finding-order.ts';
import type { SpdxExternalRef } from './spdx.ts';

/** How a finding reads in the reference's comment: id, aliases, severity, fix, suppression. */
function comment(f: Finding): string {
  const parts = [f.aliases.length ? `${f.id} (${f.aliases.join(', ')})` : f.id, f.severity];
  parts.push(f.fixedVersions.length ? `fixed in ${f.fixedVersions.join(', ')}` : 'no fix available');
  if (f.suppressed) parts.push(`suppressed by ${f.suppressed.kind}: ${f.suppressed.status}`);
  return parts.join('; ');
}

/**
 * SPDX 2.3's way of naming vulnerabilities of a package (Annex F, category SECURITY): one
 * `advisory` reference per finding, whose locator is the advisory's page (NVD for a CVE, GitHub
 * for a GHSA, pkg.go.dev for a GO- id…, else the finding's first reference) and whose comment
 * says the id, severity, fix and suppression. Findings without any URL are left out; a locator
 * may hold no whitespace.
 */
export function securityRefs(findings: readonly Finding[]): SpdxExternalRef[] | undefined {
  const out: SpdxExternalRef[] = [];
  const seen = new Set<string>();
  for (const f of sortFindings(findings)) {
    const url = advisoryUrl(f.id, f.references);
    if (!url || /\s/.test(url) || seen.has(url)) continue;
    seen.add(url);
    out.push({
      referenceCategory: 'SECURITY',
      referenceType: 'advisory',
      referenceLocator: url,
      comment: comment(f),
    });
  }
  return out.length ? out : undefined;
}
