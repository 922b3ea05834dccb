import { parseRelations, type Relation } from './parse-relations.ts';

/** What dependency resolution needs to know about a package of the database. */
export interface DepNode {
  readonly id: string;
  readonly name: string;
  readonly arch?: string;
  readonly multiArch?: string;
  readonly depends?: string;
  readonly preDepends?: string;
  readonly provides?: string;
}

/**
 * Resolves Depends and Pre-Depends of `pkg` to ids of packages in the same database, by package
 * name and by Provides. Every installed alternative of `a | b` counts (as Syft reports them): any
 * of them may be the one in use. Version constraints are not checked — dpkg only configures a
 * package whose dependencies it satisfied — and an unqualified dependency prefers packages of the
 * same architecture (or `all`, or Multi-Arch: foreign), falling back to any. Sorted, no self-edges.
 */
export function dpkgDependsOn(pkg: DepNode, index: DepIndex): string[] {
  const out = new Set<string>();
  const text = [pkg.preDepends, pkg.depends].filter(Boolean).join(',');
  for (const clause of parseRelations(text)) {
    for (const alt of clause) {
      for (const target of index.lookup(alt, pkg.arch)) if (target.id !== pkg.id) out.add(target.id);
    }
  }
  return [...out].sort();
}

export class DepIndex {
  private readonly byName = new Map<string, DepNode[]>();
  private readonly byProvides = new Map<string, DepNode[]>();

  constructor(nodes: Iterable<DepNode>) {
    for (const node of nodes) {
      push(this.byName, node.name.toLowerCase(), node);
      for (const clause of parseRelations(node.provides ?? '')) {
        for (const p of clause) push(this.byProvides, p.name, node);
      }
    }
  }

  lookup(rel: Relation, fromArch: string | undefined): DepNode[] {
    const all = [...(this.byName.get(rel.name) ?? []), ...(this.byProvides.get(rel.name) ?? [])];
    if (all.length <= 1 || rel.archQualifier === 'any') return all;
    const wanted = rel.archQualifier && rel.archQualifier !== 'native' ? rel.archQualifier : fromArch;
    const fits = all.filter(
      (n) =>
        n.arch === wanted || n.arch === 'all' || (!rel.archQualifier && n.multiArch === 'foreign') || !wanted,
    );
    return fits.length > 0 ? fits : all;
  }
}

function push(map: Map<string, DepNode[]>, key: string, node: DepNode): void {
  const list = map.get(key);
  if (list) {
    if (!list.includes(node)) list.push(node);
  } else map.set(key, [node]);
}
