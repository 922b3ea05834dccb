/** What we know about a scanned image; goes into every SBOM format. */
export interface ImageLayerInfo {
  readonly index: number;
  /** Blob digest as stored (compressed); absent for docker-archive layers stored uncompressed without a digest. */
  readonly digest?: string;
  readonly diffId?: string;
  readonly mediaType?: string;
  readonly size?: number;
  /** The history entry (`created_by`) that made this layer, when the config has one. */
  readonly createdBy?: string;
}

export interface ImageInfo {
  /** The reference the user gave (registry ref, archive path, OCI dir[:tag]). */
  readonly reference: string;
  /** Digest of the image manifest (what `@sha256:` pins). Absent for docker-archives without one. */
  readonly manifestDigest?: string;
  /** Digest of the image config blob: Docker's "image ID". */
  readonly configDigest: string;
  readonly mediaType?: string;
  readonly platform: { readonly os: string; readonly architecture: string; readonly variant?: string };
  readonly repoTags: readonly string[];
  readonly repoDigests: readonly string[];
  readonly layers: readonly ImageLayerInfo[];
  /** The image config's `config` section: user, env, entrypoint, cmd, exposed ports, labels, working dir. */
  readonly config: Readonly<Record<string, unknown>>;
  readonly created?: string;
}
