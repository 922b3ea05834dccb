import { type Dirent, lstatSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { DirFs } from '../artifact/directory/dir-fs.ts';
import { joinPath } from '../artifact/tree/tree-path.ts';
import { errorMessage, throwIfAborted } from '../core/errors.ts';
import type { FileError } from '../core/inventory.ts';
import type { FileStat } from '../core/readonly-fs.ts';
import type { Extractor } from './extractor.ts';
import type { RequiredFile, WalkResult } from './walk-result.ts';
import { wantedBy } from './wanted-files.ts';

export interface WalkDirectoryOptions {
  readonly signal: AbortSignal;
  /** Top-level or nested directory names not descended into (`proc`, `.git`…), as tree paths. */
  readonly skip?: ReadonlySet<string>;
  /** Directory names skipped wherever they occur (`.git`). */
  readonly skipNames?: ReadonlySet<string>;
  readonly onProgress?: (files: number) => void;
}

/** Pseudo filesystems a rootfs scan never descends into. */
export const ROOTFS_SKIP: ReadonlySet<string> = new Set(['proc', 'sys', 'dev']);

/**
 * Walks a directory once (symlinks are not followed; they are resolved inside the tree when an
 * extractor reads through `fs`). Unreadable directories are recorded and skipped.
 */
export async function walkDirectory(
  root: string,
  extractors: readonly Extractor[],
  opts: WalkDirectoryOptions,
): Promise<WalkResult> {
  const errors: FileError[] = [];
  const required: RequiredFile[] = [];
  const stack: string[] = [''];
  let files = 0;
  while (stack.length > 0) {
    throwIfAborted(opts.signal);
    const dir = stack.pop()!;
    let entries: Dirent[];
    try {
      // Synchronous listing: a tree of 100k small directories walks several times faster than with
      // opendir's promise per batch; the abort signal is checked between directories.
      entries = readdirSync(join(root, dir), { withFileTypes: true });
    } catch (e) {
      errors.push({ path: dir || '.', stage: 'walk', message: `cannot read directory: ${errorMessage(e)}` });
      continue;
    }
    for (const d of entries) {
      const path = joinPath(dir, d.name);
      if (d.isDirectory()) {
        if (!opts.skip?.has(path) && !opts.skipNames?.has(d.name)) stack.push(path);
        continue;
      }
      if (!d.isFile()) continue;
      files++;
      if (files % 1000 === 0) opts.onProgress?.(files);
      // Most files interest no extractor by path alone: stat only when one looks at size or mode.
      const stat = new LazyFileStat(join(root, path));
      let want: ReturnType<typeof wantedBy>;
      try {
        want = wantedBy(extractors, path, stat);
      } catch (e) {
        errors.push({ path, stage: 'walk', message: errorMessage(e) });
        continue;
      }
      if (!want || want.required.length === 0) continue;
      let fixed: FileStat;
      try {
        fixed = stat.snapshot();
      } catch (e) {
        errors.push({ path, stage: 'walk', message: errorMessage(e) });
        continue;
      }
      if (fixed.size > want.maxSize) {
        errors.push({
          path,
          stage: 'walk',
          message: `file is ${fixed.size} bytes, over the ${want.maxSize}-byte limit; not read`,
        });
        continue;
      }
      required.push({ path, stat: fixed, extractors: want.required });
    }
  }
  return { fs: new DirFs(root), required, extracted: [], errors, history: new Map() };
}

/** A regular file's FileStat whose size and mode are read (lstat) only when first asked for. */
class LazyFileStat implements FileStat {
  readonly type = 'file' as const;
  private st: { size: number; mode: number } | undefined;

  constructor(private readonly abs: string) {}

  private load(): { size: number; mode: number } {
    if (!this.st) {
      const st = lstatSync(this.abs);
      this.st = { size: st.size, mode: st.mode & 0o7777 };
    }
    return this.st;
  }

  get size(): number {
    return this.load().size;
  }

  get mode(): number {
    return this.load().mode;
  }

  snapshot(): FileStat {
    return { type: 'file', size: this.size, mode: this.mode };
  }
}
