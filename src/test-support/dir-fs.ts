import { DirFs } from '../artifact/directory/dir-fs.ts';
import type { ReadonlyFs } from '../core/readonly-fs.ts';

/** Kept for tests written against it; every ReadonlyFs resolves now. */
export type ResolvingFs = ReadonlyFs;

/** The scan's own directory view (symlinks resolved inside `root`), for tests. */
export function dirFs(root: string): ReadonlyFs {
  return new DirFs(root);
}
