import { PackageURL } from 'packageurl-js';
import type { Location } from '../../core/location.ts';
import type { Package, PackageHash } from '../../core/package.ts';
import { normalizeLicense } from '../license/normalize-license.ts';
import { integrityHashes } from './integrity-hashes.ts';

/** One package of a lockfile graph, as the pure parsers return it. */
export interface LockNode {
  /** Unique in its file: a node_modules path, a pnpm key, a yarn resolution… */
  readonly key: string;
  readonly name: string;
  readonly version: string;
  /** Keys of the nodes this one depends on (resolved by the parser the way its tool does). */
  readonly dependsOn: readonly string[];
  readonly direct?: boolean;
  readonly dev?: boolean;
  /** Licences as declared (package-lock v2/v3 `license`); normalised later. */
  readonly licenses?: readonly string[];
  /** SRI string(s): `sha512-<base64>`, space-separated when several. */
  readonly integrity?: string;
  readonly metadata?: Readonly<Record<string, unknown>>;
}

/** `npm:<name>@<version>`; one lockfile lists a name@version once after merging (see lockPackages). */
export function npmId(name: string, version: string): string {
  return `npm:${name}@${version}`;
}

/** `pkg:npm/%40scope/name@version`: the scope is the purl namespace. */
export function npmPurl(name: string, version: string): string {
  const slash = name.startsWith('@') ? name.indexOf('/') : -1;
  const namespace = slash > 0 ? name.slice(0, slash) : undefined;
  const bare = slash > 0 ? name.slice(slash + 1) : name;
  return new PackageURL('npm', namespace, bare, version || undefined, undefined, undefined).toString();
}

/** The Package every JavaScript extractor emits, from its parts. */
export function npmPackage(x: {
  name: string;
  version: string;
  foundBy: string;
  location: Location;
  licenses?: readonly string[];
  dependsOn?: readonly string[];
  direct?: boolean;
  dev?: boolean;
  hashes?: readonly PackageHash[];
  metadata?: Readonly<Record<string, unknown>>;
}): Package {
  return {
    id: npmId(x.name, x.version),
    name: x.name,
    version: x.version,
    type: 'npm',
    ecosystem: 'npm',
    purl: npmPurl(x.name, x.version),
    licenses: [...new Set((x.licenses ?? []).map(normalizeLicense).filter((l) => l !== ''))],
    locations: [x.location],
    ...(x.dependsOn ? { dependsOn: x.dependsOn } : {}),
    ...(x.direct === undefined ? {} : { direct: x.direct }),
    ...(x.dev === undefined ? {} : { dev: x.dev }),
    ...(x.hashes && x.hashes.length > 0 ? { hashes: x.hashes } : {}),
    foundBy: x.foundBy,
    ...(x.metadata && Object.keys(x.metadata).length > 0 ? { metadata: x.metadata } : {}),
  };
}

/**
 * Packages from a lockfile graph. Nodes with the same name@version (npm installs one copy per
 * node_modules folder that needs it; pnpm keys differ by peer suffix) become one package: their
 * edges are unioned, it is direct when any copy is, and dev only when every copy is.
 */
export function lockPackages(nodes: readonly LockNode[], foundBy: string, location: Location): Package[] {
  const idOf = new Map(nodes.map((n) => [n.key, npmId(n.name, n.version)]));
  const merged = new Map<string, { first: LockNode; deps: Set<string>; direct?: boolean; dev?: boolean }>();
  for (const n of nodes) {
    const id = idOf.get(n.key)!;
    const deps = n.dependsOn.flatMap((k) => {
      const d = idOf.get(k);
      return d === undefined || d === id ? [] : [d];
    });
    const m = merged.get(id);
    if (!m) {
      merged.set(id, {
        first: n,
        deps: new Set(deps),
        ...(n.direct === undefined ? {} : { direct: n.direct }),
        ...(n.dev === undefined ? {} : { dev: n.dev }),
      });
      continue;
    }
    for (const d of deps) m.deps.add(d);
    if (n.direct !== undefined) m.direct = (m.direct ?? false) || n.direct;
    if (n.dev !== undefined) m.dev = m.dev === undefined ? n.dev : m.dev && n.dev;
  }
  return [...merged.values()].map(({ first, deps, direct, dev }) =>
    npmPackage({
      name: first.name,
      version: first.version,
      foundBy,
      location,
      ...(first.licenses ? { licenses: first.licenses } : {}),
      dependsOn: [...deps].sort(),
      ...(direct === undefined ? {} : { direct }),
      ...(dev === undefined ? {} : { dev }),
      hashes: integrityHashes(first.integrity),
      ...(first.metadata ? { metadata: first.metadata } : {}),
    }),
  );
}
