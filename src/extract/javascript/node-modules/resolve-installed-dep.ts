import type { ReadonlyFs } from '../../../core/readonly-fs.ts';
import { npmId } from '../npm-package.ts';

/**
 * The id of the package `name` as Node's resolver would load it from the package installed at
 * `pkgDir` (e.g. `app/node_modules/express`): `<dir>/node_modules/<name>` for `pkgDir` and each of
 * its ancestors that is not itself a node_modules folder. Undefined when it is not installed or
 * its package.json has no name and version (an optional dependency for another platform).
 */
export async function resolveInstalledDep(
  fs: ReadonlyFs,
  pkgDir: string,
  name: string,
): Promise<string | undefined> {
  let dir: string | undefined = pkgDir;
  while (dir !== undefined) {
    if (!dir.endsWith('node_modules') && !dir.endsWith('/node_modules')) {
      const candidate = `${dir === '' ? '' : `${dir}/`}node_modules/${name}/package.json`;
      if (fs.stat(candidate)?.type === 'file') return versionId(fs, candidate);
    }
    dir = dir === '' ? undefined : dir.includes('/') ? dir.slice(0, dir.lastIndexOf('/')) : '';
  }
  return undefined;
}

async function versionId(fs: ReadonlyFs, path: string): Promise<string | undefined> {
  const bytes = await fs.readFile(path);
  if (!bytes) return undefined;
  try {
    const pj = JSON.parse(new TextDecoder().decode(bytes)) as { name?: unknown; version?: unknown };
    return typeof pj.name === 'string' && typeof pj.version === 'string'
      ? npmId(pj.name, pj.version)
      : undefined;
  } catch {
    return undefined;
  }
}
