import { type Dirent, lstatSync } from 'node:fs';
import { opendir } from 'node:fs/promises';
import { join } from 'node:path';
import { DirFs, statType } from '../artifact/directory/dir-fs.ts';
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
    let entries: AsyncIterable<Dirent>;
    try {
      entries = await opendir(join(root, dir), { bufferSize: 256 });
    } catch (e) {
      errors.push({ path: dir || '.', stage: 'walk', message: `cannot read directory: ${errorMessage(e)}` });
      continue;
    }
    try {
      for await (const d of entries) {
        const path = joinPath(dir, d.name);
        if (d.isDirectory()) {
          if (!opts.skip?.has(path) && !opts.skipNames?.has(d.name)) stack.push(path);
          continue;
        }
        if (!d.isFile()) continue;
        files++;
        if (files % 1000 === 0) opts.onProgress?.(files);
        let stat: FileStat;
        try {
          const st = lstatSync(join(root, path));
          stat = { type: statType(st), size: st.size, mode: st.mode & 0o7777 };
        } catch (e) {
          errors.push({ path, stage: 'walk', message: errorMessage(e) });
          continue;
        }
        const want = wantedBy(extractors, path, stat);
        if (!want || want.required.length === 0) continue;
        if (stat.size > want.maxSize) {
          errors.push({
            path,
            stage: 'walk',
            message: `file is ${stat.size} bytes, over the ${want.maxSize}-byte limit; not read`,
          });
          continue;
        }
        required.push({ path, stat, extractors: want.required });
      }
    } catch (e) {
      errors.push({ path: dir || '.', stage: 'walk', message: `cannot list directory: ${errorMessage(e)}` });
    }
  }
  return { fs: new DirFs(root), required, extracted: [], errors, history: new Map() };
}
