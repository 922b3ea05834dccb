import type { OsInfo } from './os-info.ts';
import type { Package } from './package.ts';

/** A problem with one file; recorded, and the scan goes on. */
export interface FileError {
  readonly path: string;
  /** Extractor or stage that hit the problem (`os/dpkg`, `walk`, `layer`). */
  readonly stage: string;
  readonly message: string;
  readonly layer?: number;
}

/** What one extractor returns for one file. */
export interface Inventory {
  readonly packages: Package[];
  readonly os?: OsInfo;
  /** Non-fatal problems met while parsing (a garbage stanza…). */
  readonly warnings?: FileError[];
}
