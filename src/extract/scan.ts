import type { ImageSource } from '../artifact/image-source.ts';
import type { Package } from '../core/package.ts';
import type { Relationship, ScanResult, TargetKind } from '../core/scan-result.ts';
import { TOOL_VERSION } from '../core/tool-version.ts';
import type { Extractor } from './extractor.ts';
import { runExtractors } from './runner.ts';
import { ROOTFS_SKIP, walkDirectory } from './walk-directory.ts';
import { type WalkProgress, walkImage } from './walk-image.ts';
import type { WalkResult } from './walk-result.ts';

export interface ScanOptions {
  readonly extractors: readonly Extractor[];
  readonly signal: AbortSignal;
  readonly onLayerProgress?: (p: WalkProgress) => void;
  readonly onFileProgress?: (files: number) => void;
}

/**
 * Edges between packages of one scan: `depends-on` from each package's dependsOn, and `contains`
 * from an archive to what is nested in it (`metadata.parent`, e.g. a fat jar's BOOT-INF/lib jars).
 */
function relationships(packages: readonly Package[]): Relationship[] {
  const ids = new Set(packages.map((p) => p.id));
  return packages.flatMap((p) => {
    const edges: Relationship[] = (p.dependsOn ?? [])
      .filter((to) => ids.has(to) && to !== p.id)
      .map((to) => ({ from: p.id, to, type: 'depends-on' as const }));
    const parent = p.metadata?.parent;
    if (typeof parent === 'string' && ids.has(parent) && parent !== p.id) {
      edges.push({ from: parent, to: p.id, type: 'contains' });
    }
    return edges;
  });
}

async function finish(
  kind: TargetKind,
  name: string,
  walk: WalkResult,
  signal: AbortSignal,
): Promise<Omit<ScanResult, 'image'>> {
  const { os, packages, errors } = await runExtractors(walk, signal);
  return {
    target: { kind, name },
    ...(os ? { os } : {}),
    packages,
    relationships: relationships(packages),
    errors,
    createdAt: new Date().toISOString(),
    tool: { name: 'bulwark', version: TOOL_VERSION },
  };
}

/** Scans an image: one streamed walk over its layers, then the extractors. The caller closes `source`. */
export async function scanImage(source: ImageSource, opts: ScanOptions): Promise<ScanResult> {
  const walk = await walkImage(source, opts.extractors, {
    signal: opts.signal,
    ...(opts.onLayerProgress ? { onProgress: opts.onLayerProgress } : {}),
  });
  const result = await finish('image', source.info.reference, walk, opts.signal);
  return { ...result, image: source.info };
}

/** Directories a source-tree scan never descends into: VCS metadata. */
const REPOSITORY_SKIP: ReadonlySet<string> = new Set(['.git', '.hg', '.svn']);

/**
 * Scans a directory as a root filesystem (`rootfs`: /proc, /sys, /dev skipped), a plain tree
 * (`filesystem`) or a source repository (`repository`: VCS folders skipped at any depth).
 */
export async function scanDirectory(
  dir: string,
  kind: 'rootfs' | 'filesystem' | 'repository',
  opts: ScanOptions,
): Promise<ScanResult> {
  const walk = await walkDirectory(dir, opts.extractors, {
    signal: opts.signal,
    ...(kind === 'rootfs' ? { skip: ROOTFS_SKIP } : { skipNames: REPOSITORY_SKIP }),
    ...(opts.onFileProgress ? { onProgress: opts.onFileProgress } : {}),
  });
  return finish(kind, dir, walk, opts.signal);
}
