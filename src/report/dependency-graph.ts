import type { Package } from '../core/package.ts';
import type { Relationship } from '../core/scan-result.ts';

/** The edges of one package, as indexes into the package list the graph was built from. */
export interface PackageEdges {
  /** Direct dependencies; undefined when nothing is known about them (not the same as none). */
  readonly dependsOn: readonly number[] | undefined;
  /** Packages that contain this one (`contains` relationships). */
  readonly containedIn: readonly number[];
}

/**
 * Resolves `Package.dependsOn` and `relationships` to edges between packages of the list.
 * Edges to ids not in the list and self-edges are dropped; when two packages share an id, edges
 * to that id go to the first of them. The result is parallel to `packages`.
 */
export function dependencyGraph(
  packages: readonly Package[],
  relationships: readonly Relationship[],
): PackageEdges[] {
  const indexOf = new Map<string, number>();
  packages.forEach((p, i) => {
    if (!indexOf.has(p.id)) indexOf.set(p.id, i);
  });
  const deps = packages.map((p) => (p.dependsOn ? new Set<number>() : undefined));
  const parents = packages.map(() => new Set<number>());
  const add = (from: number, to: string, set: (Set<number> | undefined)[]): void => {
    const target = indexOf.get(to);
    if (target === undefined || target === from) return;
    let s = set[from];
    if (!s) {
      s = new Set();
      set[from] = s;
    }
    s.add(target);
  };
  packages.forEach((p, i) => {
    for (const to of p.dependsOn ?? []) add(i, to, deps);
  });
  for (const r of relationships) {
    const from = indexOf.get(r.from);
    if (from === undefined) continue;
    if (r.type === 'depends-on') add(from, r.to, deps);
    else {
      const child = indexOf.get(r.to);
      if (child !== undefined && child !== from) parents[child]!.add(from);
    }
  }
  const sorted = (s: Set<number>) => [...s].sort((a, b) => a - b);
  return packages.map((_, i) => {
    const d = deps[i];
    return { dependsOn: d ? sorted(d) : undefined, containedIn: sorted(parents[i]!) };
  });
}
