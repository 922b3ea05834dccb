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

function relationships(packages: readonly Package[]): Relationship[] {
  const ids = new Set(packages.map((p) => p.id));
  return packages.flatMap((p) =>
    (p.dependsOn ?? [])
      .filter((to) => ids.has(to) && to !== p.id)
      .map((to) => ({ from: p.id, to, type: 'depends-on' as const })),
  );
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

/** Scans a directory as a root filesystem (`rootfs`: /proc, /sys, /dev skipped) or a plain tree (`filesystem`). */
export async function scanDirectory(
  dir: string,
  kind: 'rootfs' | 'filesystem',
  opts: ScanOptions,
): Promise<ScanResult> {
  const walk = await walkDirectory(dir, opts.extractors, {
    signal: opts.signal,
    skip: kind === 'rootfs' ? ROOTFS_SKIP : new Set(['.git']),
    ...(opts.onFileProgress ? { onProgress: opts.onFileProgress } : {}),
  });
  return finish(kind, dir, walk, opts.signal);
}
