import { splitPath } from './tree-path.ts';

/** How many symlinks one lookup may follow before it is called a loop (Linux uses 40). */
export const MAX_SYMLINK_HOPS = 40;

export interface LinkLookup {
  /** The symlink target stored at `path` (exact path, not resolved), or undefined if it is not a symlink. */
  linkTarget(path: string): string | undefined;
}

/**
 * Resolves every symlink in `path` inside the tree, as if the tree were chrooted: absolute
 * targets start at the tree's root and `..` never climbs above it. Returns undefined on a loop
 * (more than MAX_SYMLINK_HOPS links). When `followLast` is false the final component is kept as is
 * (lstat semantics).
 */
export function resolveInTree(path: string, tree: LinkLookup, followLast = true): string | undefined {
  let pending = splitPath(path);
  const done: string[] = [];
  let hops = 0;
  while (pending.length > 0) {
    const seg = pending.shift()!;
    if (seg === '' || seg === '.') continue;
    if (seg === '..') {
      done.pop();
      continue;
    }
    done.push(seg);
    if (pending.length === 0 && !followLast) break;
    const target = tree.linkTarget(done.join('/'));
    if (target === undefined) continue;
    if (++hops > MAX_SYMLINK_HOPS) return undefined;
    done.pop();
    if (target.startsWith('/')) done.length = 0;
    pending = [...target.split('/'), ...pending];
  }
  return done.join('/');
}
