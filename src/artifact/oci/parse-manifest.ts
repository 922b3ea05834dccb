import { BulwarkError, ErrorCodes } from '../../core/errors.ts';
import { isRecord } from '../../core/is-record.ts';
import { INDEX_MEDIA_TYPES, MANIFEST_MEDIA_TYPES, MediaTypes } from './media-types.ts';

export interface Platform {
  readonly os: string;
  readonly architecture: string;
  readonly variant?: string;
}

export interface Descriptor {
  readonly mediaType: string;
  readonly digest: string;
  readonly size: number;
  readonly platform?: Platform;
  readonly annotations?: Readonly<Record<string, string>>;
}

export type ParsedManifest =
  | { readonly kind: 'index'; readonly mediaType: string; readonly manifests: readonly Descriptor[] }
  | {
      readonly kind: 'manifest';
      readonly mediaType: string;
      readonly config: Descriptor;
      readonly layers: readonly Descriptor[];
    };

function descriptor(v: unknown, where: string, subject: string): Descriptor {
  if (!isRecord(v) || typeof v.digest !== 'string' || typeof v.mediaType !== 'string') {
    throw new BulwarkError(ErrorCodes.MANIFEST_INVALID, `${subject}: ${where} is not a valid descriptor`, {
      subject,
    });
  }
  const size = typeof v.size === 'number' && Number.isSafeInteger(v.size) ? v.size : -1;
  const p = v.platform;
  const platform =
    isRecord(p) && typeof p.os === 'string' && typeof p.architecture === 'string'
      ? {
          os: p.os,
          architecture: p.architecture,
          ...(typeof p.variant === 'string' ? { variant: p.variant } : {}),
        }
      : undefined;
  return {
    mediaType: v.mediaType,
    digest: v.digest,
    size,
    ...(platform ? { platform } : {}),
    ...(isRecord(v.annotations) ? { annotations: v.annotations as Record<string, string> } : {}),
  };
}

/**
 * Parses an OCI/Docker manifest or index. `headerMediaType` is the Content-Type a registry sent,
 * used when the document has no `mediaType` field (allowed by the OCI spec).
 */
export function parseManifest(bytes: Uint8Array, subject: string, headerMediaType?: string): ParsedManifest {
  let doc: unknown;
  try {
    doc = JSON.parse(Buffer.from(bytes).toString('utf8'));
  } catch (e) {
    throw new BulwarkError(
      ErrorCodes.MANIFEST_INVALID,
      `${subject}: manifest is not valid JSON (${(e as Error).message})`,
      {
        subject,
      },
    );
  }
  if (!isRecord(doc))
    throw new BulwarkError(ErrorCodes.MANIFEST_INVALID, `${subject}: manifest is not a JSON object`, {
      subject,
    });
  let mediaType = typeof doc.mediaType === 'string' ? doc.mediaType : (headerMediaType ?? '');
  if (!mediaType) mediaType = Array.isArray(doc.manifests) ? MediaTypes.ociIndex : MediaTypes.ociManifest;
  if (doc.schemaVersion === 1 || mediaType === MediaTypes.dockerManifestV1Signed) {
    throw new BulwarkError(
      ErrorCodes.MANIFEST_INVALID,
      `${subject}: Docker schema 1 manifests are not supported (deprecated since 2017); re-push the image`,
      { subject },
    );
  }
  if (INDEX_MEDIA_TYPES.includes(mediaType) || Array.isArray(doc.manifests)) {
    if (!Array.isArray(doc.manifests)) {
      throw new BulwarkError(ErrorCodes.MANIFEST_INVALID, `${subject}: index has no "manifests" array`, {
        subject,
      });
    }
    return {
      kind: 'index',
      mediaType,
      manifests: doc.manifests.map((m, i) => descriptor(m, `manifests[${i}]`, subject)),
    };
  }
  if (!MANIFEST_MEDIA_TYPES.includes(mediaType) && !isRecord(doc.config)) {
    throw new BulwarkError(
      ErrorCodes.MANIFEST_INVALID,
      `${subject}: unsupported manifest media type "${mediaType}"`,
      { subject },
    );
  }
  if (!Array.isArray(doc.layers)) {
    throw new BulwarkError(ErrorCodes.MANIFEST_INVALID, `${subject}: manifest has no "layers" array`, {
      subject,
    });
  }
  return {
    kind: 'manifest',
    mediaType,
    config: descriptor(doc.config, 'config', subject),
    layers: doc.layers.map((l, i) => descriptor(l, `layers[${i}]`, subject)),
  };
}
