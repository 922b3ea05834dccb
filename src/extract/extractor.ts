import type { Inventory } from '../core/inventory.ts';
import type { OsInfo } from '../core/os-info.ts';
import type { FileStat, ReadonlyFs } from '../core/readonly-fs.ts';

export interface ExtractInput {
  /** Path of the file being extracted (relative, no leading slash). */
  readonly path: string;
  readonly stat: FileStat;
  read(): Promise<Uint8Array>;
  readonly fs: ReadonlyFs;
  /** OS found by the os/release extractor, when there is one (undefined inside it). */
  readonly os: OsInfo | undefined;
  readonly signal: AbortSignal;
}

/**
 * One format, one extractor (see DESIGN.md). `extract` throwing records a file error; the scan goes on.
 */
export interface Extractor {
  /** Also its folder: `os/dpkg`. */
  readonly name: string;
  /** Bump when output changes (part of future cache keys). */
  readonly version: number;
  /** Cheap and pure: should extract() be called for this file? */
  fileRequired(path: string, stat: FileStat): boolean;
  /** Sibling files extract() will read through `fs` (captured during image walks, never extracted). */
  fileNeeded?(path: string): boolean;
  /** Largest file this extractor accepts; larger ones are recorded as errors. Default 64 MiB. */
  readonly maxFileSize?: number;
  /**
   * extract() needs only the file itself (never `input.fs` siblings, nor `input.os`). The image walk
   * then extracts the file as soon as its layer yields it and drops the bytes, so memory stays
   * bounded by the largest such file (jars, binaries). Results of a file that an upper layer
   * replaces or deletes are dropped.
   */
  readonly selfContained?: boolean;
  /** The OS release extractor runs before all others so they can use `input.os`. */
  readonly providesOs?: boolean;
  extract(input: ExtractInput): Promise<Inventory>;
}
