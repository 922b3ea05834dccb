import type { Readable } from 'node:stream';
import type { ImageInfo } from '../core/image-info.ts';

/** One layer of an image, not yet read. */
export interface LayerBlob {
  readonly index: number;
  /** Digest of the stored bytes (usually compressed). When set, reading verifies it. */
  readonly digest?: string;
  /** sha256 of the uncompressed tar (config rootfs.diff_ids). */
  readonly diffId?: string;
  readonly mediaType?: string;
  readonly size?: number;
  /**
   * Opens the stored bytes (gzip, zstd or plain tar; callers sniff the magic). The caller consumes
   * or destroys the stream. When `digest` is set the stream fails with E_DIGEST_MISMATCH at its
   * end if the bytes do not match.
   */
  open(signal: AbortSignal): Promise<Readable>;
}

/** An image from any source (archive, OCI layout, registry), ready to be walked layer by layer. */
export interface ImageSource {
  readonly info: ImageInfo;
  readonly layers: readonly LayerBlob[];
  /** Releases file handles/connections. Safe to call twice. */
  close(): Promise<void>;
}
