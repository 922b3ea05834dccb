import type { Inventory } from '../core/inventory.ts';
import type { LayerRef } from '../core/layer-ref.ts';
import type { OsInfo } from '../core/os-info.ts';

export type FileType = 'file' | 'dir' | 'symlink' | 'other';

export interface FileStat {
  readonly type: FileType;
  readonly size: number;
  readonly mode: number;
  /** Symlink target as stored. */
  readonly linkTarget?: string;
  /** Layer that holds the visible version of this entry (images only). */
  readonly layer?: LayerRef;
}

/**
 * A read-only view of the scanned tree after all layers (whiteouts applied). Paths are relative,
 * `/`-separated, without a leading slash (`var/lib/dpkg/status`). Symlinks are followed inside
 * the tree and never out of it.
 */
export interface ReadonlyFs {
  /** The path with every symlink resolved inside the tree; undefined on a loop. */
  resolve(path: string): string | undefined;
  /** Follows symlinks (the target's stat). */
  stat(path: string): FileStat | undefined;
  /** Entry names of a directory (not sorted), or undefined when it is not a directory. */
  readdir(path: string): string[] | undefined;
  /**
   * Contents of a regular file. For image scans only files some extractor asked for
   * (fileRequired or fileNeeded) are held; others resolve to undefined.
   */
  readFile(path: string): Promise<Uint8Array | undefined>;
}

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
  /** The OS release extractor runs before all others so they can use `input.os`. */
  readonly providesOs?: boolean;
  extract(input: ExtractInput): Promise<Inventory>;
}
