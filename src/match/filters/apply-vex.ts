import type { Finding } from '../../core/finding.ts';
import { PurlCache, type PurlPattern, purlIdentity, purlMatches } from './purl-pattern.ts';
import type { VexProduct, VexStatement, VexStatements } from './vex-statement.ts';

export interface ApplyVexOptions {
  /**
   * purls of the scanned artifact (e.g. the image's `pkg:oci/…`). When given, a product that
   * lists subcomponents must match one of them for its subcomponents to count; when absent,
   * products are not checked against the artifact (the user chose the VEX file for this scan).
   */
  readonly artifacts?: readonly string[];
}

const NO_QUALIFIERS = { qualifiers: false } as const;

/**
 * Suppresses findings that a VEX statement declares not affected or fixed: `suppressed: { kind:
 * 'vex', status, reason, source }` with the status as written (OpenVEX `not_affected`/`fixed`,
 * CycloneDX `not_affected`/`false_positive`/`resolved`/`resolved_with_pedigree`). Nothing is
 * removed. A statement is about a finding when its vulnerability name or an alias equals the
 * finding's id or an alias (case-insensitive) and one of its products — or a product's
 * subcomponents — names the finding's package: same purl type, namespace and name, and the same
 * version when the VEX purl has one; qualifiers are ignored (distros write them differently).
 * Of all statements about a finding the newest wins (time, then the later one in the input), so
 * a later `affected` or `under_investigation` overrides an earlier `not_affected`. Findings
 * already suppressed keep their suppression. Returns a new array.
 */
export function applyVex(
  findings: readonly Finding[],
  vex: VexStatements,
  options: ApplyVexOptions = {},
): Finding[] {
  if (vex.statements.length === 0) return [...findings];
  const byVuln = new Map<string, number[]>();
  vex.statements.forEach((s, i) => {
    for (const id of new Set([s.vulnerability, ...s.aliases].map((x) => x.toUpperCase()))) {
      const list = byVuln.get(id);
      if (list) list.push(i);
      else byVuln.set(id, [i]);
    }
  });
  const purls = new PurlCache();
  const artifacts = options.artifacts?.flatMap((a) => purls.get(a) ?? []);
  const productIndex = new Map<VexStatement, Map<string, VexProduct[]>>();
  const productsFor = (s: VexStatement, pkg: PurlPattern): VexProduct[] => {
    let index = productIndex.get(s);
    if (!index) {
      index = new Map();
      for (const p of s.products) {
        const keys = new Set([p.purl, ...p.subcomponents].flatMap((x) => (x ? [purlIdentity(x)] : [])));
        for (const k of keys) index.set(k, [...(index.get(k) ?? []), p]);
      }
      productIndex.set(s, index);
    }
    return index.get(purlIdentity(pkg)) ?? [];
  };
  const about = (s: VexStatement, pkg: PurlPattern): boolean =>
    productsFor(s, pkg).some((p) => {
      if (p.purl && purlMatches(p.purl, pkg, NO_QUALIFIERS)) return true;
      if (!p.subcomponents.some((sc) => purlMatches(sc, pkg, NO_QUALIFIERS))) return false;
      if (!artifacts || !p.purl) return true;
      const product = p.purl;
      return artifacts.some((a) => purlMatches(product, a, NO_QUALIFIERS));
    });

  return findings.map((f) => {
    if (f.suppressed) return f;
    const pkg = purls.get(f.package.purl);
    if (!pkg) return f;
    const candidates = new Set<number>();
    for (const id of [f.id, ...f.aliases])
      for (const i of byVuln.get(id.toUpperCase()) ?? []) candidates.add(i);
    let winner: VexStatement | undefined;
    let winnerIndex = -1;
    for (const i of candidates) {
      const s = vex.statements[i]!;
      if (!about(s, pkg)) continue;
      const newer =
        winner === undefined ||
        (s.time ?? Number.NEGATIVE_INFINITY) > (winner.time ?? Number.NEGATIVE_INFINITY) ||
        ((s.time ?? Number.NEGATIVE_INFINITY) === (winner.time ?? Number.NEGATIVE_INFINITY) &&
          i > winnerIndex);
      if (newer) {
        winner = s;
        winnerIndex = i;
      }
    }
    if (!winner?.suppresses) return f;
    return {
      ...f,
      suppressed: { kind: 'vex', status: winner.status, reason: winner.reason, source: winner.source },
    };
  });
}
