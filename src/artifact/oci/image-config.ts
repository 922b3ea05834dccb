import { BulwarkError, ErrorCodes } from '../../core/errors.ts';
import type { ImageInfo, ImageLayerInfo } from '../../core/image-info.ts';
import { isRecord } from '../../core/is-record.ts';

/** The parts of an OCI/Docker image config we use. */
export interface ImageConfig {
  readonly architecture: string;
  readonly os: string;
  readonly variant?: string;
  readonly created?: string;
  readonly config: Record<string, unknown>;
  readonly diffIds: readonly string[];
  /** `created_by` of each non-empty history entry, in layer order. */
  readonly layerHistory: readonly (string | undefined)[];
}

export function parseImageConfig(bytes: Uint8Array, subject: string): ImageConfig {
  let doc: unknown;
  try {
    doc = JSON.parse(Buffer.from(bytes).toString('utf8'));
  } catch (e) {
    throw new BulwarkError(
      ErrorCodes.MANIFEST_INVALID,
      `${subject}: image config is not valid JSON (${(e as Error).message})`,
      {
        subject,
      },
    );
  }
  if (!isRecord(doc))
    throw new BulwarkError(ErrorCodes.MANIFEST_INVALID, `${subject}: image config is not an object`, {
      subject,
    });
  const rootfs = doc.rootfs;
  const diffIds =
    isRecord(rootfs) && Array.isArray(rootfs.diff_ids)
      ? rootfs.diff_ids.filter((d) => typeof d === 'string')
      : [];
  const history = Array.isArray(doc.history) ? doc.history.filter(isRecord) : [];
  const layerHistory = history
    .filter((h) => h.empty_layer !== true)
    .map((h) => (typeof h.created_by === 'string' ? h.created_by : undefined));
  return {
    architecture: typeof doc.architecture === 'string' ? doc.architecture : 'unknown',
    os: typeof doc.os === 'string' ? doc.os : 'unknown',
    ...(typeof doc.variant === 'string' ? { variant: doc.variant } : {}),
    ...(typeof doc.created === 'string' ? { created: doc.created } : {}),
    config: isRecord(doc.config) ? doc.config : {},
    diffIds,
    layerHistory,
  };
}

/** Assembles the ImageInfo every SBOM format reports. */
export function buildImageInfo(args: {
  reference: string;
  manifestDigest?: string;
  configDigest: string;
  mediaType?: string;
  config: ImageConfig;
  layers: readonly { digest?: string; mediaType?: string; size?: number }[];
  repoTags?: readonly string[];
  repoDigests?: readonly string[];
}): ImageInfo {
  const { config } = args;
  const layers: ImageLayerInfo[] = args.layers.map((l, index) => {
    const diffId = config.diffIds[index];
    const createdBy = config.layerHistory[index];
    return {
      index,
      ...(l.digest ? { digest: l.digest } : {}),
      ...(diffId ? { diffId } : {}),
      ...(l.mediaType ? { mediaType: l.mediaType } : {}),
      ...(l.size !== undefined && l.size >= 0 ? { size: l.size } : {}),
      ...(createdBy ? { createdBy } : {}),
    };
  });
  return {
    reference: args.reference,
    ...(args.manifestDigest ? { manifestDigest: args.manifestDigest } : {}),
    configDigest: args.configDigest,
    ...(args.mediaType ? { mediaType: args.mediaType } : {}),
    platform: {
      os: config.os,
      architecture: config.architecture,
      ...(config.variant ? { variant: config.variant } : {}),
    },
    repoTags: args.repoTags ?? [],
    repoDigests: args.repoDigests ?? [],
    layers,
    config: config.config,
    ...(config.created ? { created: config.created } : {}),
  };
}
