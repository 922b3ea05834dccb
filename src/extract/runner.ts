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
  const record = (outcome: Outcome) => {
    if (outcome.inventory) {
      inventories.push(outcome.inventory);
      for (const w of outcome.inventory.warnings ?? []) errors.push(w);
    }
    if (outcome.error) errors.push(outcome.error);
  };

  let os: OsInfo | undefined;
  for (const file of walk.required) {
    for (const ex of file.extractors) {
      if (!ex.providesOs) continue;
      const outcome = await runOne(walk, file, ex, undefined, signal);
      record(outcome);
      if (outcome.inventory?.os && !os) os = outcome.inventory.os;
    }
  }
  const tasks = walk.required.flatMap((file) =>
    file.extractors.filter((ex) => !ex.providesOs).map((ex) => () => runOne(walk, file, ex, os, signal)),
  );
  for (const outcome of await inOrder(tasks, EXTRACT_CONCURRENCY)) record(outcome);
  for (const pre of walk.extracted) record(pre);
  const owned = osOwnedFiles(inventories);
  const seen = new Set<string>();
  const perFile = refineVersions(inventories.map((inv) => inv.packages)).map((pkgs) =>
    pkgs.filter((p) => !isOsOwned(p, owned) && !sameArtifactTwice(p, seen)),
  );
  const packages = uniqueIds(perFile).map((p) => attributeLayer(p, walk.history));
  return { os, packages, errors };
}

/**
 * Files extracted at once: reading the next file overlaps parsing and hashing the current one
 * (directory scans were I/O-idle a third of the time). Memory is bounded by this many files.
 */
const EXTRACT_CONCURRENCY = 4;

interface Outcome {
  readonly inventory?: Inventory;
  readonly error?: FileError;
}

/** One extractor over one file; a throw becomes a recorded error (the scan goes on). */
async function runOne(
  walk: WalkResult,
  file: RequiredFile,
  ex: Extractor,
  os: OsInfo | undefined,
  signal: AbortSignal,
): Promise<Outcome> {
  throwIfAborted(signal);
  try {
    const inventory = await ex.extract({
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
    return { inventory };
  } catch (e) {
    throwIfAborted(signal);
    return {
      error: {
        path: file.path,
        stage: ex.name,
        message: errorMessage(e),
        ...(file.stat.layer ? { layer: file.stat.layer.index } : {}),
      },
    };
  }
}

/** Runs tasks with at most `limit` in flight; results in task order (output stays deterministic). */
async function inOrder<T>(tasks: readonly (() => Promise<T>)[], limit: number): Promise<T[]> {
  const results: T[] = new Array(tasks.length);
  let next = 0;
  const worker = async () => {
    while (next < tasks.length) {
      const i = next++;
      results[i] = await tasks[i]!();
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, tasks.length) }, worker));
  return results;
}

const OS_TYPES: ReadonlySet<string> = new Set(['deb', 'apk', 'rpm']);

/**
 * Drops language/binary packages found in files the OS package manager installed (a jar from
 * liblog4j2-java, python3's own dist-info, /usr/bin/runc from the runc deb): the OS package
 * already reports them, and its advisories are the ones that apply (Trivy and Syft do the same).
 */
function osOwnedFiles(inventories: readonly Inventory[]): Set<string> {
  const owned = new Set<string>();
  for (const inv of inventories) {
    for (const p of inv.packages) if (OS_TYPES.has(p.type)) for (const f of p.files ?? []) owned.add(f);
  }
  return owned;
}

function artifactKey(p: Package): string {
  return `${p.type}\u0000${p.name}\u0000${p.locations[0]?.path ?? ''}\u0000${String(p.metadata?.virtualPath ?? '')}`;
}

/**
 * A package found without a version (a Go binary built outside module mode: build info names the
 * module but not its version) takes the version another extractor read from the same file (the
 * classifier's `runc version 1.1.5`); that second package is then dropped, and the first keeps
 * its dependency edges.
 */
function refineVersions(perFile: readonly Package[][]): Package[][] {
  const versioned = new Map<string, Package>();
  for (const pkgs of perFile) {
    for (const p of pkgs)
      if (p.version && !OS_TYPES.has(p.type) && !versioned.has(artifactKey(p)))
        versioned.set(artifactKey(p), p);
  }
  const absorbed = new Set<Package>();
  const refined = perFile.map((pkgs) =>
    pkgs.map((p) => {
      if (p.version || OS_TYPES.has(p.type)) return p;
      const v = versioned.get(artifactKey(p));
      if (!v) return p;
      absorbed.add(v);
      return {
        ...p,
        version: v.version,
        purl: v.purl,
        metadata: { ...p.metadata, versionFoundBy: v.foundBy },
      };
    }),
  );
  return absorbed.size === 0 ? refined : refined.map((pkgs) => pkgs.filter((p) => !absorbed.has(p)));
}

/**
 * The same purl found in the same file by two extractors (a Go binary seen by go/binary and by the
 * classifier) is reported once: the first, which has the richer identity (registry order).
 */
function sameArtifactTwice(p: Package, seen: Set<string>): boolean {
  if (OS_TYPES.has(p.type) || !p.purl) return false;
  const key = `${p.purl}\u0000${p.locations[0]?.path ?? ''}\u0000${String(p.metadata?.virtualPath ?? '')}`;
  if (seen.has(key)) return true;
  seen.add(key);
  return false;
}

function isOsOwned(p: Package, owned: ReadonlySet<string>): boolean {
  return !OS_TYPES.has(p.type) && owned.has(p.locations[0]?.path ?? '');
}

/**
 * Makes ids unique across the scan. Ids are unique within one file's inventory; when two files
 * report the same id (two lockfiles locking the same version), the later file's packages get
 * `id#2`, `id#3`… and that file's own references (dependsOn, metadata.parent/children) are
 * renamed with them, so its edges stay inside it.
 */
function uniqueIds(perFile: readonly Package[][]): Package[] {
  const used = new Set<string>();
  const out: Package[] = [];
  for (const pkgs of perFile) {
    const rename = new Map<string, string>();
    for (const p of pkgs) {
      let id = p.id;
      for (let n = 2; used.has(id); n++) id = `${p.id}#${n}`;
      used.add(id);
      if (id !== p.id && !rename.has(p.id)) rename.set(p.id, id);
    }
    const seen = new Set<string>();
    for (const p of pkgs) {
      // A repeated id inside one file (an extractor bug) still gets its own id.
      const id = seen.has(p.id) ? uniqueSuffix(p.id, used) : (rename.get(p.id) ?? p.id);
      seen.add(p.id);
      out.push(rename.size === 0 && id === p.id ? p : renamed(p, id, rename));
    }
  }
  return out;
}

function uniqueSuffix(id: string, used: Set<string>): string {
  let out = id;
  for (let n = 2; used.has(out); n++) out = `${id}#${n}`;
  used.add(out);
  return out;
}

function renamed(p: Package, id: string, rename: ReadonlyMap<string, string>): Package {
  const map = (x: string) => rename.get(x) ?? x;
  const meta = p.metadata;
  const parent = typeof meta?.parent === 'string' ? { parent: map(meta.parent) } : {};
  const children = Array.isArray(meta?.children) ? { children: (meta.children as string[]).map(map) } : {};
  return {
    ...p,
    id,
    ...(p.dependsOn ? { dependsOn: p.dependsOn.map(map) } : {}),
    ...(meta ? { metadata: { ...meta, ...parent, ...children } } : {}),
  };
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
