import type { ReadonlyFs } from '../../../core/readonly-fs.ts';
import { npmId } from '../npm-package.ts';

/** Per scanned tree: candidate package.json path → its id (undefined: not a package), null: absent. */
const CACHE = new WeakMap<ReadonlyFs, Map<string, string | undefined | null>>();
/** Per scanned tree: directory → its entry names (undefined: no such directory). */
const LISTINGS = new WeakMap<ReadonlyFs, Map<string, ReadonlySet<string> | undefined>>();

/** Whether `dir/name` exists, from cached listings: most candidates do not, and a failed open is costly. */
function listed(fs: ReadonlyFs, dir: string, name: string): boolean {
  let listings = LISTINGS.get(fs);
  if (!listings) {
    listings = new Map();
    LISTINGS.set(fs, listings);
  }
  let names = listings.get(dir);
  if (!listings.has(dir)) {
    const entries = fs.readdir(dir);
    names = entries ? new Set(entries) : undefined;
    listings.set(dir, names);
  }
  return names?.has(name) ?? false;
}

/** `node_modules/@scope/name` or `node_modules/name` is present below `modules`. */
function installed(fs: ReadonlyFs, modules: string, name: string): boolean {
  const slash = name.indexOf('/');
  if (slash < 0) return listed(fs, modules, name);
  return (
    listed(fs, modules, name.slice(0, slash)) &&
    listed(fs, `${modules}/${name.slice(0, slash)}`, name.slice(slash + 1))
  );
}

/**
 * The id of the package `name` as Node's resolver would load it from the package installed at
 * `pkgDir` (e.g. `app/node_modules/express`): `<dir>/node_modules/<name>` for `pkgDir` and each of
 * its ancestors that is not itself a node_modules folder. Undefined when it is not installed or
 * its package.json has no name and version (an optional dependency for another platform).
 * Lookups are cached per tree: thousands of packages share the same few candidates.
 */
export async function resolveInstalledDep(
  fs: ReadonlyFs,
  pkgDir: string,
  name: string,
): Promise<string | undefined> {
  let cache = CACHE.get(fs);
  if (!cache) {
    cache = new Map();
    CACHE.set(fs, cache);
  }
  let dir: string | undefined = pkgDir;
  while (dir !== undefined) {
    if (!dir.endsWith('node_modules')) {
      const modules = `${dir === '' ? '' : `${dir}/`}node_modules`;
      const candidate = `${modules}/${name}/package.json`;
      let hit = cache.get(candidate);
      if (hit === undefined && !cache.has(candidate) && !installed(fs, modules, name)) {
        hit = null;
        cache.set(candidate, null);
      } else if (hit === undefined && !cache.has(candidate)) {
        const bytes = await fs.readFile(candidate);
        hit = bytes ? versionId(bytes) : null;
        cache.set(candidate, hit);
      }
      if (hit !== null) return hit;
    }
    dir = dir === '' ? undefined : dir.includes('/') ? dir.slice(0, dir.lastIndexOf('/')) : '';
  }
  return undefined;
}

function versionId(bytes: Uint8Array): string | undefined {
  try {
    const pj = JSON.parse(new TextDecoder().decode(bytes)) as { name?: unknown; version?: unknown };
    return typeof pj.name === 'string' && typeof pj.version === 'string'
      ? npmId(pj.name, pj.version)
      : undefined;
  } catch {
    return undefined;
  }
}
