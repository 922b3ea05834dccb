import { isRecord } from '../../../core/is-record.ts';
import type { LockNode } from '../npm-package.ts';
import type { ProjectManifest } from '../project-manifest.ts';
import { resolveNodeModules } from './resolve-node-modules.ts';

export interface ParsedPackageLock {
  readonly lockfileVersion: number;
  /** The project itself (never a package: it is what is being scanned). */
  readonly root?: { readonly name?: string; readonly version?: string };
  readonly nodes: LockNode[];
  readonly warnings: string[];
}

type Entry = Record<string, unknown>;

/**
 * A package-lock.json / npm-shrinkwrap.json (lockfile v1, v2 or v3) → its installed packages,
 * with edges resolved the way npm lays out node_modules. v2/v3 read `packages` (paths); v1 reads
 * the nested `dependencies`. `manifest` (the sibling package.json) gives v1 its direct
 * dependencies, which v1 does not record. Throws on invalid JSON or a non-lockfile.
 */
export function parsePackageLock(text: string, manifest?: ProjectManifest): ParsedPackageLock {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new Error(`not a package-lock.json: invalid JSON (${(e as Error).message})`);
  }
  if (!isRecord(json)) throw new Error('not a package-lock.json: the top level is not an object');
  const lockfileVersion = typeof json.lockfileVersion === 'number' ? json.lockfileVersion : 1;
  const root = {
    ...(typeof json.name === 'string' ? { name: json.name } : {}),
    ...(typeof json.version === 'string' ? { version: json.version } : {}),
  };
  if (isRecord(json.packages)) return { lockfileVersion, root, ...fromPackages(json.packages) };
  if (isRecord(json.dependencies) || lockfileVersion === 1)
    return {
      lockfileVersion,
      root,
      ...fromDependencies(isRecord(json.dependencies) ? json.dependencies : {}, manifest),
    };
  throw new Error(`not a package-lock.json: lockfileVersion ${lockfileVersion} without "packages"`);
}

const DEP_FIELDS = ['dependencies', 'optionalDependencies', 'peerDependencies'] as const;
const ROOT_FIELDS = [...DEP_FIELDS, 'devDependencies'] as const;

function names(entry: Entry, fields: readonly string[]): string[] {
  return fields.flatMap((f) => (isRecord(entry[f]) ? Object.keys(entry[f] as Entry) : []));
}

/** The name under which a path installs a package: what follows its last `node_modules/`. */
function nameFromPath(path: string): string {
  const i = path.lastIndexOf('node_modules/');
  return i < 0 ? path : path.slice(i + 'node_modules/'.length);
}

function fromPackages(packages: Record<string, unknown>): Pick<ParsedPackageLock, 'nodes' | 'warnings'> {
  const warnings: string[] = [];
  const entries = new Map<string, Entry>();
  for (const [path, e] of Object.entries(packages)) if (isRecord(e)) entries.set(path, e);
  const isInstalled = (path: string) => /(^|\/)node_modules\//.test(path);
  // A link entry (workspaces, `file:` folders) stands for the folder it resolves to.
  const follow = (key: string): string => {
    const e = entries.get(key);
    return e?.link === true && typeof e.resolved === 'string' ? e.resolved : key;
  };
  const resolve = (from: string, dep: string): string | undefined => {
    const hit = resolveNodeModules(from, dep, (k) => entries.has(k));
    return hit === undefined ? undefined : follow(hit);
  };
  // The root and workspace folders are the project: whatever they name is a direct dependency.
  const direct = new Set<string>();
  for (const [path, e] of entries) {
    if (isInstalled(path)) continue;
    for (const dep of names(e, ROOT_FIELDS)) {
      const key = resolve(path, dep);
      if (key !== undefined) direct.add(key);
    }
  }
  const nodes: LockNode[] = [];
  for (const [path, e] of entries) {
    if (!isInstalled(path) || e.link === true) continue;
    const name = typeof e.name === 'string' ? e.name : nameFromPath(path);
    if (typeof e.version !== 'string' || e.version === '') {
      warnings.push(`"${path}" has no version; skipped`);
      continue;
    }
    const dependsOn = names(e, DEP_FIELDS).flatMap((dep) => {
      const key = resolve(path, dep);
      return key !== undefined && isInstalled(key) ? [key] : [];
    });
    nodes.push({
      key: path,
      name,
      version: e.version,
      dependsOn,
      direct: direct.has(path),
      dev: e.dev === true,
      ...licenses(e.license),
      ...(typeof e.integrity === 'string' ? { integrity: e.integrity } : {}),
      metadata: entryMetadata(path, e),
    });
  }
  return { nodes, warnings };
}

function fromDependencies(
  top: Record<string, unknown>,
  manifest: ProjectManifest | undefined,
): Pick<ParsedPackageLock, 'nodes' | 'warnings'> {
  const warnings: string[] = [];
  const entries = new Map<string, Entry>();
  // A copy nested under a dev package is reachable from it only: dev too, flagged or not.
  const devPaths = new Set<string>();
  const walk = (deps: Record<string, unknown>, parent: string, depth: number) => {
    if (depth > 200) throw new Error('package-lock.json nests dependencies more than 200 deep');
    for (const [name, e] of Object.entries(deps)) {
      if (!isRecord(e)) continue;
      const path = parent === '' ? `node_modules/${name}` : `${parent}/node_modules/${name}`;
      entries.set(path, e);
      if (e.dev === true || devPaths.has(parent)) devPaths.add(path);
      if (isRecord(e.dependencies)) walk(e.dependencies, path, depth + 1);
    }
  };
  walk(top, '', 0);
  const directNames = manifest ? new Set([...manifest.prod.keys(), ...manifest.dev.keys()]) : undefined;
  const nodes: LockNode[] = [];
  for (const [path, e] of entries) {
    if (typeof e.version !== 'string' || e.version === '') {
      warnings.push(`dependency "${path}" has no version; skipped`);
      continue;
    }
    // An alias (`"case-alias": {"version": "npm:case@1.6.3"}`) installs another package under a new name.
    let name = nameFromPath(path);
    let version = e.version;
    const alias = /^npm:((?:@[^/@]+\/)?[^@]+)@(.+)$/.exec(version);
    if (alias) {
      name = alias[1]!;
      version = alias[2]!;
    }
    const requires = isRecord(e.requires) ? Object.keys(e.requires) : [];
    const dependsOn = requires.flatMap((dep) => {
      const key = resolveNodeModules(path, dep, (k) => entries.has(k));
      return key === undefined ? [] : [key];
    });
    const topLevel = !path.slice('node_modules/'.length).includes('/node_modules/');
    nodes.push({
      key: path,
      name,
      version,
      dependsOn,
      ...(directNames ? { direct: topLevel && directNames.has(nameFromPath(path)) } : {}),
      dev: devPaths.has(path),
      ...(typeof e.integrity === 'string' ? { integrity: e.integrity } : {}),
      metadata: entryMetadata(path, e),
    });
  }
  return { nodes, warnings };
}

/** `license` is a string in npm's output; older publishes left arrays and `{type}` objects. */
function licenses(license: unknown): { licenses?: string[] } {
  const list = (Array.isArray(license) ? license : [license]).flatMap((l) =>
    typeof l === 'string' ? [l] : isRecord(l) && typeof l.type === 'string' ? [l.type] : [],
  );
  return list.length > 0 ? { licenses: list } : {};
}

function entryMetadata(path: string, e: Entry): Record<string, unknown> {
  const m: Record<string, unknown> = { path };
  if (typeof e.resolved === 'string') m.resolved = e.resolved;
  if (typeof e.integrity === 'string') m.integrity = e.integrity;
  for (const flag of ['optional', 'devOptional', 'peer', 'inBundle', 'bundled', 'extraneous'] as const) {
    if (e[flag] === true) m[flag] = true;
  }
  return m;
}
