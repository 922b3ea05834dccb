/**
 * Bounds for reading one jar/war/ear file and everything nested in it. Memory is bounded by the
 * file itself plus `maxTotalInflated` (nested archives are inflated into memory, one branch of
 * the nesting at a time, each at most `maxNestedBytes`).
 */
export interface ArchiveLimits {
  /** Nesting levels below the file itself; deeper archives get a warning and are not opened. */
  readonly maxDepth: number;
  /** Largest nested archive inflated into memory. */
  readonly maxNestedBytes: number;
  /** Largest MANIFEST.MF / pom.properties / pom.xml read. */
  readonly maxMetadataBytes: number;
  /** All bytes inflated for one file, nested archives and metadata together. */
  readonly maxTotalInflated: number;
  /** Entries in one archive's central directory. */
  readonly maxEntries: number;
  /** Refuse entries (over 1 MiB) whose uncompressed size exceeds this many times their compressed size. */
  readonly maxRatio: number;
}

export const DEFAULT_ARCHIVE_LIMITS: ArchiveLimits = {
  maxDepth: 16,
  maxNestedBytes: 256 * 1024 * 1024,
  maxMetadataBytes: 4 * 1024 * 1024,
  maxTotalInflated: 1024 * 1024 * 1024,
  maxEntries: 500_000,
  maxRatio: 200,
};
