/** Which image layer a file or package came from. Absent for directory scans. */
export interface LayerRef {
  /** 0-based position in the image's layer list (bottom first). */
  readonly index: number;
  /** sha256 of the uncompressed layer tar, as in the image config's rootfs.diff_ids. */
  readonly diffId?: string;
  /** Digest of the blob as stored (compressed), as in the manifest. */
  readonly digest?: string;
}
