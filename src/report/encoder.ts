import type { ScanResult } from '../core/scan-result.ts';

/** Options every encoder accepts; each uses only what it needs. */
export interface EncodeOptions {
  /**
   * Source of the random parts of an output (CycloneDX serialNumber, SPDX documentNamespace).
   * Defaults to crypto.randomUUID; tests pass a fixed one to get byte-identical output.
   */
  readonly randomUUID?: () => string;
  /**
   * Colour the output with ANSI escape codes (only `table` uses it). The caller decides, since
   * encoders never look at the terminal: on when writing to a TTY and NO_COLOR is unset.
   */
  readonly color?: boolean;
}

/**
 * Turns a scan result into one output format. Pure apart from `randomUUID`: never reads the
 * clock, the environment or the filesystem, and never throws for any ScanResult the pipeline makes.
 */
export type Encoder = (result: ScanResult, opts?: EncodeOptions) => string;
