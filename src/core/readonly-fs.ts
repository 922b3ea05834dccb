import type { LayerRef } from './layer-ref.ts';

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
