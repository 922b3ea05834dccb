import type { PomDependency, PomXml } from './parse-pom-xml.ts';

export interface ResolvedCoordinates {
  readonly groupId: string;
  readonly artifactId: string;
  readonly version: string;
  /** The values as written, when some `${…}` could not be resolved offline. */
  readonly unresolved?: {
    readonly groupId?: string;
    readonly artifactId?: string;
    readonly version?: string;
  };
}

export interface ResolvedDependency extends ResolvedCoordinates {
  readonly scope?: string;
  readonly type?: string;
  readonly classifier?: string;
  readonly optional?: boolean;
  /** Where the version came from when the dependency did not write one. */
  readonly versionFrom?: 'dependencyManagement';
  /** Declared in a parent POM. */
  readonly inherited?: boolean;
}

const MAX_DEPTH = 16;
/** Guards against `a=${b}${b}`, `b=${c}${c}`… growing exponentially. */
const MAX_LENGTH = 4096;

/**
 * Resolves a POM offline: the project's GAV (group and version inherited from <parent>), and its
 * dependencies with `${…}` expanded from the project's and its parents' properties and built-ins
 * (`project.version`, `project.parent.groupId`…), versions missing from a dependency taken from
 * dependencyManagement (the project's, then its parents'). `parents` are the parent POMs found on
 * disk, nearest first. What cannot be resolved keeps the written text and is listed in `unresolved`.
 */
export function resolvePom(
  pom: PomXml,
  parents: readonly PomXml[] = [],
): { project: ResolvedCoordinates; dependencies: ResolvedDependency[] } {
  const chain = [pom, ...parents];
  const builtins: Record<string, string | undefined> = {};
  const lookup = (name: string): string | undefined => {
    if (name in builtins) return builtins[name];
    for (const p of chain) if (name in p.properties) return p.properties[name];
    return undefined;
  };
  const expand = (raw: string): { value: string; ok: boolean } => interpolate(raw, lookup);

  const groupRaw = pom.groupId ?? pom.parent?.groupId ?? '';
  const versionRaw = pom.version ?? pom.parent?.version ?? '';
  const artifactRaw = pom.artifactId ?? '';
  for (const prefix of ['project.parent.', 'parent.']) {
    builtins[`${prefix}groupId`] = pom.parent?.groupId;
    builtins[`${prefix}artifactId`] = pom.parent?.artifactId;
    builtins[`${prefix}version`] = pom.parent?.version;
  }
  for (const prefix of ['project.', 'pom.']) {
    builtins[`${prefix}groupId`] = groupRaw || undefined;
    builtins[`${prefix}artifactId`] = artifactRaw || undefined;
    builtins[`${prefix}version`] = versionRaw || undefined;
  }
  builtins.version = versionRaw || undefined;
  const project = coordinates(groupRaw, artifactRaw, versionRaw, expand);

  const managed = new Map<string, PomDependency>();
  for (const p of chain) {
    for (const d of p.dependencyManagement) {
      const key = managementKey(expand(d.groupId).value, expand(d.artifactId).value, d.type, d.classifier);
      if (!managed.has(key)) managed.set(key, d);
    }
  }
  // Dependencies declared in parents are inherited (the child's declaration of the same
  // artifact wins) and interpolated in the child's context, as in Maven's effective POM.
  const declared: { d: PomDependency; inherited: boolean }[] = [];
  const seenKeys = new Set<string>();
  chain.forEach((p, level) => {
    for (const d of p.dependencies) {
      const key = managementKey(expand(d.groupId).value, expand(d.artifactId).value, d.type, d.classifier);
      if (seenKeys.has(key)) continue;
      seenKeys.add(key);
      declared.push({ d, inherited: level > 0 });
    }
  });
  const dependencies = declared.map(({ d, inherited }): ResolvedDependency => {
    const g = expand(d.groupId).value;
    const a = expand(d.artifactId).value;
    const m = managed.get(managementKey(g, a, d.type, d.classifier));
    const versionRaw = d.version || m?.version || '';
    const scope = d.scope ?? m?.scope;
    return {
      ...coordinates(d.groupId, d.artifactId, versionRaw, expand),
      ...(scope ? { scope } : {}),
      ...(d.type ? { type: d.type } : {}),
      ...(d.classifier ? { classifier: d.classifier } : {}),
      ...(d.optional === undefined ? {} : { optional: d.optional }),
      ...(!d.version && m?.version ? { versionFrom: 'dependencyManagement' as const } : {}),
      ...(inherited ? { inherited: true } : {}),
    };
  });
  return { project, dependencies };
}

function coordinates(
  g: string,
  a: string,
  v: string,
  expand: (raw: string) => { value: string; ok: boolean },
): ResolvedCoordinates {
  const unresolved: Record<string, string> = {};
  const out: Record<string, string> = {};
  for (const [key, raw] of [
    ['groupId', g],
    ['artifactId', a],
    ['version', v],
  ] as const) {
    const r = expand(raw);
    out[key] = r.value;
    // A missing version (managed by a BOM or parent we do not have) is unresolved too.
    if (!r.ok || (key === 'version' && raw === '')) unresolved[key] = raw;
  }
  return {
    groupId: out.groupId!,
    artifactId: out.artifactId!,
    version: out.version!,
    ...(Object.keys(unresolved).length > 0 ? { unresolved } : {}),
  };
}

function managementKey(g: string, a: string, type?: string, classifier?: string): string {
  return `${g}:${a}:${type ?? 'jar'}:${classifier ?? ''}`;
}

/** Expands `${name}` recursively; `ok` is false when a name is unknown, cyclic or too deep. */
export function interpolate(
  raw: string,
  lookup: (name: string) => string | undefined,
  depth = 0,
): { value: string; ok: boolean } {
  if (!raw.includes('${')) return { value: raw, ok: true };
  if (depth >= MAX_DEPTH) return { value: raw, ok: false };
  let ok = true;
  const value = raw.replace(/\$\{([^}]+)\}/g, (all, name: string) => {
    const v = lookup(name.trim());
    if (v === undefined) {
      ok = false;
      return all;
    }
    const inner = interpolate(v, lookup, depth + 1);
    if (!inner.ok) ok = false;
    return inner.value;
  });
  if (value.length > MAX_LENGTH) return { value: raw, ok: false };
  return { value, ok };
}
