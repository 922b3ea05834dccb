/**
 * Direct and dev flags from the project's roots when a lockfile does not record them (yarn, bun,
 * pnpm v9): a node is direct when a root names it, and dev when it is reachable from the dev roots
 * only. Nodes reachable from no root (stale entries, other workspaces' tools) get no flags.
 */
export function markDevDirect(
  edges: ReadonlyMap<string, readonly string[]>,
  roots: { readonly prod: Iterable<string>; readonly dev: Iterable<string> },
): Map<string, { direct: boolean; dev: boolean }> {
  const prodRoots = new Set(roots.prod);
  const devRoots = new Set(roots.dev);
  const reach = (start: Iterable<string>): Set<string> => {
    const seen = new Set<string>();
    const stack = [...start];
    while (stack.length > 0) {
      const k = stack.pop()!;
      if (seen.has(k)) continue;
      seen.add(k);
      for (const d of edges.get(k) ?? []) if (!seen.has(d)) stack.push(d);
    }
    return seen;
  };
  const prod = reach(prodRoots);
  const dev = reach(devRoots);
  const out = new Map<string, { direct: boolean; dev: boolean }>();
  for (const k of new Set([...prod, ...dev])) {
    out.set(k, { direct: prodRoots.has(k) || devRoots.has(k), dev: !prod.has(k) });
  }
  return out;
}
