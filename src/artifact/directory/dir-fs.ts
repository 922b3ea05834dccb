import { lstatSync, readdirSync, readlinkSync, type Stats } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { FileStat, FileType, ReadonlyFs } from '../../core/readonly-fs.ts';
import { resolveInTree } from '../tree/resolve-symlinks.ts';

export function statType(st: Stats): FileType {
  if (st.isFile()) return 'file';
  if (st.isDirectory()) return 'dir';
  if (st.isSymbolicLink()) return 'symlink';
  return 'other';
}

/**
 * A ReadonlyFs over a real directory treated as a root filesystem: symlinks resolve inside it
 * (an absolute target starts at `root`), so nothing outside `root` is ever read.
 */
export class DirFs implements ReadonlyFs {
  /** Symlink targets by path (null: not a link). A scan reads a tree that does not change under it, and resolving every path component costs an lstat each. */
  private readonly links = new Map<string, string | null>();

  constructor(readonly root: string) {}

  private abs(path: string): string {
    return join(this.root, path);
  }

  private lstat(path: string): Stats | undefined {
    try {
      return lstatSync(this.abs(path));
    } catch {
      return undefined;
    }
  }

  linkTarget(path: string): string | undefined {
    const cached = this.links.get(path);
    if (cached !== undefined) return cached ?? undefined;
    let target: string | null = null;
    if (this.lstat(path)?.isSymbolicLink()) {
      try {
        target = readlinkSync(this.abs(path));
      } catch {
        target = null;
      }
    }
    this.links.set(path, target);
    return target ?? undefined;
  }

  resolve(path: string): string | undefined {
    return resolveInTree(path, this);
  }

  stat(path: string): FileStat | undefined {
    const real = this.resolve(path);
    const st = real === undefined ? undefined : this.lstat(real);
    if (!st) return undefined;
    return { type: statType(st), size: st.size, mode: st.mode & 0o7777 };
  }

  readdir(path: string): string[] | undefined {
    const real = this.resolve(path);
    if (real === undefined) return undefined;
    try {
      return readdirSync(this.abs(real));
    } catch {
      return undefined;
    }
  }

  async readFile(path: string): Promise<Uint8Array | undefined> {
    const real = this.resolve(path);
    if (real === undefined) return undefined;
    try {
      // No lstat first: a directory or a missing path fails here (EISDIR, ENOENT) the same way.
      return await readFile(this.abs(real));
    } catch {
      return undefined;
    }
  }
}
