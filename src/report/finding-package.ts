import type { Finding } from '../core/finding.ts';
import type { Package } from '../core/package.ts';

/**
 * Finds the package of a finding in a package list, by `Finding.package.id`. Ids are meant to be
 * unique; when they repeat, the copy with the same purl and version wins. Returns the index into
 * `packages`, or undefined when the finding names a package the list does not hold.
 */
export function packageIndexer(packages: readonly Package[]): (f: Finding) => number | undefined {
  const byId = new Map<string, number[]>();
  packages.forEach((p, i) => {
    const list = byId.get(p.id);
    if (list) list.push(i);
    else byId.set(p.id, [i]);
  });
  return (f) => {
    const candidates = byId.get(f.package.id);
    if (!candidates) return undefined;
    const same = candidates.find(
      (i) => packages[i]!.purl === f.package.purl && packages[i]!.version === f.package.version,
    );
    return same ?? candidates[0];
  };
}
