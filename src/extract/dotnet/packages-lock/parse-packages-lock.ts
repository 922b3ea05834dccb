import { isRecord } from '../../../core/is-record.ts';

/** One package of one target framework in a NuGet packages.lock.json. */
export interface LockedNuget {
  readonly name: string;
  readonly version: string;
  readonly framework: string;
  /** Direct, Transitive, CentralTransitive, Project. */
  readonly type: string;
  readonly requested?: string;
  readonly contentHash?: string;
  /** Dependency name → version range. */
  readonly dependencies: Readonly<Record<string, string>>;
}

/**
 * `packages.lock.json` (NuGet lock, `version` 1 or 2): `dependencies` → target framework →
 * package name → `{type, requested, resolved, contentHash, dependencies}`. Entries without a
 * resolved version are skipped. Throws when the document is not an object with `dependencies`.
 */
export function parsePackagesLock(doc: unknown): LockedNuget[] {
  if (!isRecord(doc) || !isRecord(doc.dependencies)) {
    throw new Error('invalid packages.lock.json: no "dependencies" object');
  }
  const out: LockedNuget[] = [];
  for (const [framework, pkgs] of Object.entries(doc.dependencies)) {
    if (!isRecord(pkgs)) continue;
    for (const [name, p] of Object.entries(pkgs)) {
      if (!isRecord(p) || typeof p.resolved !== 'string' || p.resolved === '') continue;
      const deps = isRecord(p.dependencies)
        ? Object.fromEntries(Object.entries(p.dependencies).filter(([, v]) => typeof v === 'string'))
        : {};
      out.push({
        name,
        version: p.resolved,
        framework,
        type: typeof p.type === 'string' ? p.type : '',
        ...(typeof p.requested === 'string' ? { requested: p.requested } : {}),
        ...(typeof p.contentHash === 'string' ? { contentHash: p.contentHash } : {}),
        dependencies: deps as Record<string, string>,
      });
    }
  }
  return out;
}
