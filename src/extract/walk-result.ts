import type { FileError, Inventory } from '../core/inventory.ts';
import type { LayerRef } from '../core/layer-ref.ts';
import type { FileStat, ReadonlyFs } from '../core/readonly-fs.ts';
import type { Extractor } from './extractor.ts';

/** A file some extractor will extract. */
export interface RequiredFile {
  readonly path: string;
  readonly stat: FileStat;
  readonly extractors: readonly Extractor[];
}

/** Package ids that an older version of a file (in a lower layer) produced: used to find the layer that introduced a package. */
export interface FileSnapshot {
  readonly layer: LayerRef;
  readonly ids: ReadonlySet<string>;
}

/** What a self-contained extractor made of a file during the walk (see Extractor.selfContained). */
export interface PreExtracted {
  readonly path: string;
  readonly extractor: string;
  readonly inventory?: Inventory;
  readonly error?: FileError;
}

/** The outcome of the ONE walk over an artifact, input to runExtractors. */
export interface WalkResult {
  readonly fs: ReadonlyFs;
  readonly required: readonly RequiredFile[];
  /** Results already extracted during the walk (image scans; self-contained extractors). */
  readonly extracted: readonly PreExtracted[];
  readonly errors: FileError[];
  /** Older versions of required files, oldest first (image scans only). */
  readonly history: ReadonlyMap<string, readonly FileSnapshot[]>;
}
