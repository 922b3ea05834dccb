import { normalizePypiName, pypiId } from './pypi-package.ts';

/** A dependency as poetry.lock and uv.lock list it. */
export interface LockDep {
  readonly name: string;
  /** uv names the version when the lock holds the name at several versions. */
  readonly version?: string;
  /** Extras asked of the dependency: their own requirements become the dependency's edges. */
  readonly extras: readonly string[];
}

export interface LockNode {
  readonly name: string;
  readonly version: string;
  readonly deps: readonly LockDep[];
  /** Extra name → its requirements (`[package.extras]`, `[package.optional-dependencies]`). */
  readonly optional: Readonly<Record<string, readonly LockDep[]>>;
}

/**
 * Dependency edges (ids) of every node. A dependency resolves to the node of that name (and
 * version, when given); a name locked at several versions for different markers links to each,
 * as the lock cannot say which one an environment gets. When a node asks for `dep[extra]`, the
 * extra's requirements become edges of `dep` itself (they are installed for it), as Syft does.
 */
export function lockEdges(nodes: readonly LockNode[]): Map<string, string[]> {
  const byName = new Map<string, LockNode[]>();
  for (const n of nodes) {
    const key = normalizePypiName(n.name);
    byName.set(key, [...(byName.get(key) ?? []), n]);
  }
  const resolve = (d: LockDep): LockNode[] => {
    const all = byName.get(normalizePypiName(d.name)) ?? [];
    const exact = d.version === undefined ? [] : all.filter((n) => n.version === d.version);
    return exact.length > 0 ? exact : all;
  };
  const edges = new Map<string, Set<string>>(nodes.map((n) => [pypiId(n.name, n.version), new Set()]));
  for (const n of nodes) {
    const from = edges.get(pypiId(n.name, n.version))!;
    for (const d of n.deps) {
      for (const target of resolve(d)) {
        from.add(pypiId(target.name, target.version));
        const targetEdges = edges.get(pypiId(target.name, target.version))!;
        for (const extra of d.extras) {
          for (const ed of target.optional[normalizePypiName(extra)] ?? target.optional[extra] ?? []) {
            for (const t of resolve(ed)) targetEdges.add(pypiId(t.name, t.version));
          }
        }
      }
    }
  }
  // A package asking for its own extra (`anyio[trio]` inside anyio) is no edge.
  return new Map([...edges].map(([id, set]) => [id, [...set].filter((to) => to !== id).sort()]));
}

/** Ids reachable from `roots` through `edges` (the roots included). */
export function reachable(
  roots: Iterable<string>,
  edges: ReadonlyMap<string, readonly string[]>,
): Set<string> {
  const seen = new Set<string>();
  const stack = [...roots];
  while (stack.length > 0) {
    const id = stack.pop()!;
    if (seen.has(id)) continue;
    seen.add(id);
    stack.push(...(edges.get(id) ?? []));
  }
  return seen;
}
