import { posix } from 'node:path';
import type { ReadonlyFs } from '../../../core/readonly-fs.ts';
import { normalizePypiName } from '../pypi-package.ts';
import { parseCoreMetadata } from './parse-core-metadata.ts';

/** A `.dist-info` / `.egg-info` entry name (folder or file), any case. */
export const INFO_DIR = /(dist|egg)-info$/i;

/** How much of a sibling's metadata is read to find its name and version (the headers come first). */
const HEAD_BYTES = 64 * 1024;

/** id of an installed package: site folder included, as two venvs may install the same release. */
export function installedId(name: string, version: string, siteRoot: string): string {
  return `pypi:${normalizePypiName(name)}@${version}:${siteRoot || '.'}`;
}

/**
 * Installed packages of each site folder by normalised name → id, built once per scan (per
 * ReadonlyFs) and site folder by reading the sibling metadata headers, so resolving Requires-Dist
 * costs one pass over the folder, not one per package.
 */
const cache = new WeakMap<ReadonlyFs, Map<string, Promise<Map<string, string>>>>();

export function siteIndex(fs: ReadonlyFs, siteRoot: string): Promise<Map<string, string>> {
  let perFs = cache.get(fs);
  if (!perFs) {
    perFs = new Map();
    cache.set(fs, perFs);
  }
  let index = perFs.get(siteRoot);
  if (!index) {
    index = buildIndex(fs, siteRoot);
    perFs.set(siteRoot, index);
  }
  return index;
}

async function buildIndex(fs: ReadonlyFs, siteRoot: string): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const entry of (fs.readdir(siteRoot) ?? []).sort()) {
    if (!INFO_DIR.test(entry)) continue;
    const path = siteRoot ? posix.join(siteRoot, entry) : entry;
    const st = fs.stat(path);
    const candidates =
      st?.type === 'dir'
        ? [posix.join(path, 'METADATA'), posix.join(path, 'PKG-INFO')]
        : st?.type === 'file'
          ? [path]
          : [];
    for (const file of candidates) {
      const bytes = await fs.readFile(file);
      if (!bytes) continue;
      const m = parseCoreMetadata(new TextDecoder().decode(bytes.subarray(0, HEAD_BYTES)));
      if (m.name) {
        const key = normalizePypiName(m.name);
        if (!out.has(key)) out.set(key, installedId(m.name, m.version ?? '', siteRoot));
      }
      break;
    }
  }
  return out;
}
