import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The project root: the nearest folder above this file that holds a package.json. */
function projectRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json'))) {
    const parent = dirname(dir);
    if (parent === dir)
      throw new Error(`Cannot find the project root (no package.json above ${import.meta.url})`);
    dir = parent;
  }
  return dir;
}

/**
 * Absolute path of `../shared/data/<parts…>` (the project's shared folder, see DESIGN.md).
 * Throws a clear Error when the shared folder, or the asked-for entry in it, is missing.
 */
export function sharedData(...parts: string[]): string {
  const base = resolve(projectRoot(), '..', 'shared', 'data');
  if (!existsSync(base)) {
    throw new Error(
      `this test needs ../shared/data (the project's shared folder) at ${base}, which is missing; ` +
        'check out the shared folder beside the project to run it',
    );
  }
  const target = join(base, ...parts);
  if (!existsSync(target)) {
    throw new Error(
      `this test needs ../shared/data/${parts.join('/')} (the project's shared folder): ${target} is missing`,
    );
  }
  return target;
}
