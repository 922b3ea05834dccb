import type { ReadonlyFs } from '../../../core/readonly-fs.ts';
import { npmId } from '../npm-package.ts';

/** Per scanned tree: candidate package.json path → its id (undefined: not a package), null: absent. */
const CACHE = new WeakMap<ReadonlyFs, Map<string, string | undefined | null>>();

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
      const candidate = `${dir === '' ? '' : `${dir}/`}node_modules/${name}/package.json`;
      let hit = cache.get(candidate);
      if (hit === undefined && !cache.has(candidate)) {
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
