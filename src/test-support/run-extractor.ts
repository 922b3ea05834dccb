import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { FileError, Inventory } from '../core/inventory.ts';
import type { OsInfo } from '../core/os-info.ts';
import type { Package } from '../core/package.ts';
import type { FileStat } from '../core/readonly-fs.ts';
import type { Extractor } from '../extract/extractor.ts';
import { dirFs } from './dir-fs.ts';

export interface ExtractorRun {
  /** Every extract() call, in walk order: the file and what it returned. */
  readonly calls: { readonly path: string; readonly inventory: Inventory }[];
  readonly packages: Package[];
  readonly os: OsInfo[];
  readonly warnings: FileError[];
}

/** Regular files under `root` as tree paths, sorted; symlinks and other entries are skipped, as the walk does. */
export function regularFiles(root: string, dir = ''): string[] {
  const out: string[] = [];
  for (const d of readdirSync(join(root, dir), { withFileTypes: true })) {
    const path = dir ? `${dir}/${d.name}` : d.name;
    if (d.isDirectory()) out.push(...regularFiles(root, path));
    else if (d.isFile()) out.push(path);
  }
  return out.sort();
}

/**
 * Runs one extractor over a directory the way the scan does (for tests): every regular file it
 * requires is extracted with a ReadonlyFs over `root`. Extract errors propagate.
 */
export async function runExtractor(ex: Extractor, root: string, os?: OsInfo): Promise<ExtractorRun> {
  const fs = dirFs(root);
  const calls: { path: string; inventory: Inventory }[] = [];
  for (const path of regularFiles(root)) {
    const st = statSync(join(root, path));
    const stat: FileStat = { type: 'file', size: st.size, mode: st.mode & 0o7777 };
    if (!ex.fileRequired(path, stat)) continue;
    const inventory = await ex.extract({
      path,
      stat,
      read: async () => (await fs.readFile(path))!,
      fs,
      os,
      signal: new AbortController().signal,
    });
    calls.push({ path, inventory });
  }
  return {
    calls,
    packages: calls.flatMap((c) => c.inventory.packages),
    os: calls.flatMap((c) => (c.inventory.os ? [c.inventory.os] : [])),
    warnings: calls.flatMap((c) => c.inventory.warnings ?? []),
  };
}
