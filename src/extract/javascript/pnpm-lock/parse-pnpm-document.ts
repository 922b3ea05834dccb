import { isRecord } from '../../../core/is-record.ts';
import { markDevDirect } from '../mark-dev-direct.ts';
import type { LockNode } from '../npm-package.ts';

import { parsePnpmKey, pnpmRefKey } from './parse-pnpm-key.ts';

type Obj = Record<string, unknown>;

const ROOT_PROD = ['dependencies', 'optionalDependencies'] as const;

/**
 * One pnpm lockfile document → nodes keyed `<prefix><key without leading slash>`. Packages come
 * from `snapshots` (v9: one per peer variant, with the edges) joined to `packages` (resolution),
 * or from `packages` alone before v9. Importers (`importers`, or the top-level dependency maps of
 * single-project v5–v8 files) give the direct dependencies. Dev comes from each package's `dev`
 * field when the lockfile has it (v5–v8), else from what the importers' devDependencies reach.
 */
export function parsePnpmDocument(doc: Obj, lockVersion: number, prefix: string): LockNode[] {
  const packages = isRecord(doc.packages) ? doc.packages : {};
  const snapshots = isRecord(doc.snapshots) ? doc.snapshots : undefined;
  const norm = (k: string) => (k.startsWith('/') ? k.slice(1) : k);
  const entries = new Map<string, { snap: Obj; pkg: Obj }>();
  if (snapshots) {
    for (const [k, snap] of Object.entries(snapshots)) {
      const base = k.includes('(') ? k.slice(0, k.indexOf('(')) : k;
      const pkg = packages[k] ?? packages[base];
      entries.set(norm(k), { snap: isRecord(snap) ? snap : {}, pkg: isRecord(pkg) ? pkg : {} });
    }
  } else {
    for (const [k, pkg] of Object.entries(packages)) {
      const p = isRecord(pkg) ? pkg : {};
      entries.set(norm(k), { snap: p, pkg: p });
    }
  }
  // v5–v8 single-project files keep the importer's maps at the top level.
  const importers = isRecord(doc.importers) ? Object.values(doc.importers).filter(isRecord) : [doc];
  // Importers may name versions the packages section lacks (trimmed or hand-edited files): they
  // are installed all the same, so they become bare entries.
  for (const imp of importers) {
    for (const f of [...ROOT_PROD, 'devDependencies']) {
      if (!isRecord(imp[f])) continue;
      for (const [n, ref] of Object.entries(imp[f] as Obj)) {
        const r = isRecord(ref) ? ref.version : ref;
        const key = typeof r === 'string' ? pnpmRefKey(n, r, lockVersion) : undefined;
        if (key === undefined || entries.has(key) || !parsePnpmKey(key, lockVersion)) continue;
        const bare = { dev: f === 'devDependencies' };
        entries.set(key, { snap: {}, pkg: bare });
      }
    }
  }
  const resolveRef = (name: string, ref: unknown): string | undefined => {
    const r = isRecord(ref) ? ref.version : ref;
    if (typeof r !== 'string') return undefined;
    const key = pnpmRefKey(name, r, lockVersion);
    return key !== undefined && entries.has(key) ? key : undefined;
  };
  const refs = (o: Obj, fields: readonly string[]) =>
    fields.flatMap((f) =>
      isRecord(o[f])
        ? Object.entries(o[f] as Obj).flatMap(([n, ref]) => {
            const key = resolveRef(n, ref);
            return key === undefined ? [] : [key];
          })
        : [],
    );

  const prodRoots = importers.flatMap((i) => refs(i, ROOT_PROD));
  const devRoots = importers.flatMap((i) => refs(i, ['devDependencies']));
  const edges = new Map([...entries].map(([k, e]) => [k, refs(e.snap, ROOT_PROD)]));
  const reach = markDevDirect(edges, { prod: prodRoots, dev: devRoots });
  const direct = new Set([...prodRoots, ...devRoots]);

  const nodes: LockNode[] = [];
  for (const [key, { snap, pkg }] of entries) {
    const fromKey = parsePnpmKey(key, lockVersion);
    // Tarball and git packages have URL keys; pnpm then writes name and version in the entry.
    const name = typeof pkg.name === 'string' ? pkg.name : fromKey?.name;
    const version = typeof pkg.version === 'string' ? pkg.version : fromKey?.version;
    if (!name || !version) continue;
    const resolution = isRecord(pkg.resolution) ? pkg.resolution : {};
    const dev = typeof pkg.dev === 'boolean' ? pkg.dev : reach.get(key)?.dev;
    const metadata: Obj = { key };
    if (typeof resolution.tarball === 'string') metadata.tarball = resolution.tarball;
    if (typeof resolution.integrity === 'string') metadata.integrity = resolution.integrity;
    if (snap.optional === true || pkg.optional === true) metadata.optional = true;
    nodes.push({
      key: `${prefix}${key}`,
      name,
      version,
      dependsOn: (edges.get(key) ?? []).map((k) => `${prefix}${k}`),
      direct: direct.has(key),
      ...(dev === undefined ? {} : { dev }),
      ...(typeof resolution.integrity === 'string' ? { integrity: resolution.integrity } : {}),
      metadata,
    });
  }
  return nodes;
}
