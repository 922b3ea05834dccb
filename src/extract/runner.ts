import { errorMessage, throwIfAborted } from '../core/errors.ts';
import type { FileError, Inventory } from '../core/inventory.ts';
import type { LayerRef } from '../core/layer-ref.ts';
import type { OsInfo } from '../core/os-info.ts';
import type { Package } from '../core/package.ts';
import type { Extractor } from './extractor.ts';
import type { FileSnapshot, RequiredFile, WalkResult } from './walk-result.ts';

export interface ExtractionResult {
  readonly os: OsInfo | undefined;
  readonly packages: Package[];
  readonly errors: FileError[];
}

/**
 * Runs the extractors over the files the walk found: OS providers first (so the others know the
 * distro), then the rest in registry order. A throwing extractor is recorded against the file and
 * the scan goes on. Packages get the layer that introduced them and ids unique within the scan.
 */
export async function runExtractors(walk: WalkResult, signal: AbortSignal): Promise<ExtractionResult> {
  const errors: FileError[] = [...walk.errors];
  const inventories: Inventory[] = [];
  const run = async (file: RequiredFile, ex: Extractor, os: OsInfo | undefined) => {
    throwIfAborted(signal);
    try {
      const inv = await ex.extract({
        path: file.path,
        stat: file.stat,
        read: async () => {
          const data = await walk.fs.readFile(file.path);
          if (!data) throw new Error('file content is not available');
          return data;
        },
        fs: walk.fs,
        os,
        signal,
      });
      inventories.push(inv);
      for (const w of inv.warnings ?? []) errors.push(w);
      return inv;
    } catch (e) {
      throwIfAborted(signal);
      errors.push({
        path: file.path,
        stage: ex.name,
        message: errorMessage(e),
        ...(file.stat.layer ? { layer: file.stat.layer.index } : {}),
      });
      return undefined;
    }
  };

  let os: OsInfo | undefined;
  for (const file of walk.required) {
    for (const ex of file.extractors) {
      if (!ex.providesOs) continue;
      const inv = await run(file, ex, undefined);
      if (inv?.os && !os) os = inv.os;
    }
  }
  for (const file of walk.required) {
    for (const ex of file.extractors) {
      if (!ex.providesOs) await run(file, ex, os);
    }
  }
  for (const pre of walk.extracted) {
    if (pre.error) errors.push(pre.error);
    if (pre.inventory) {
      inventories.push(pre.inventory);
      for (const w of pre.inventory.warnings ?? []) errors.push(w);
    }
  }
  const found = withoutOsOwned(inventories.flatMap((inv) => inv.packages));
  const packages = uniqueIds(found).map((p) => attributeLayer(p, walk.history));
  return { os, packages, errors };
}

const OS_TYPES: ReadonlySet<string> = new Set(['deb', 'apk', 'rpm']);

/**
 * Drops language/binary packages found in files the OS package manager installed (a jar from
 * liblog4j2-java, python3's own dist-info, /usr/bin/runc from the runc deb): the OS package
 * already reports them, and its advisories are the ones that apply (Trivy and Syft do the same).
 */
function withoutOsOwned(packages: Package[]): Package[] {
  const owned = new Set<string>();
  for (const p of packages) if (OS_TYPES.has(p.type)) for (const f of p.files ?? []) owned.add(f);
  if (owned.size === 0) return packages;
  return packages.filter((p) => OS_TYPES.has(p.type) || !owned.has(p.locations[0]?.path ?? ''));
}

/** The same package found in two places keeps two entries with distinct ids (`id`, `id#2`…). */
function uniqueIds(packages: Package[]): Package[] {
  const seen = new Map<string, number>();
  return packages.map((p) => {
    const n = (seen.get(p.id) ?? 0) + 1;
    seen.set(p.id, n);
    return n === 1 ? p : { ...p, id: `${p.id}#${n}` };
  });
}

/**
 * Moves a package's layer down to the lowest layer from which every later version of its
 * database file still listed it: the layer that installed it, not the last one that touched the db.
 */
function attributeLayer(pkg: Package, history: ReadonlyMap<string, readonly FileSnapshot[]>): Package {
  const loc = pkg.locations[0];
  const snaps = loc?.layer ? history.get(loc.path) : undefined;
  if (!loc || !snaps || snaps.length === 0) return pkg;
  let introduced: LayerRef = loc.layer!;
  for (let i = snaps.length - 1; i >= 0; i--) {
    const s = snaps[i]!;
    if (!s.ids.has(pkg.id) || s.layer.index >= introduced.index) break;
    introduced = s.layer;
  }
  if (introduced === loc.layer) return pkg;
  return { ...pkg, locations: [{ ...loc, layer: introduced }, ...pkg.locations.slice(1)] };
}
