import { createHash } from 'node:crypto';
import { BulwarkError, ErrorCodes } from '../../core/errors.ts';
import type { BlobStore } from '../archive/blob-store.ts';
import { verifiedStream } from '../digest-verifier.ts';
import type { ImageSource, LayerBlob } from '../image-source.ts';
import { sniffCompression } from '../layer/decompress.ts';
import { peekStream } from '../layer/peek-stream.ts';
import { buildImageInfo, parseImageConfig } from '../oci/image-config.ts';

const MAX_MANIFEST = 4 * 1024 * 1024;
const MAX_CONFIG = 16 * 1024 * 1024;
const BLOB_PATH = /^blobs\/(sha256)\/([a-f0-9]{64})$/;

interface ArchiveManifestEntry {
  readonly Config: string;
  readonly RepoTags: readonly string[];
  readonly Layers: readonly string[];
}

function parseArchiveManifest(bytes: Buffer, subject: string): ArchiveManifestEntry[] {
  let doc: unknown;
  try {
    doc = JSON.parse(bytes.toString('utf8'));
  } catch (e) {
    throw new BulwarkError(
      ErrorCodes.MANIFEST_INVALID,
      `${subject}: manifest.json is not valid JSON (${(e as Error).message})`,
      {
        subject,
      },
    );
  }
  const entries = Array.isArray(doc) ? doc : [];
  const valid = entries.filter(
    (e): e is ArchiveManifestEntry =>
      typeof e === 'object' &&
      e !== null &&
      typeof e.Config === 'string' &&
      Array.isArray(e.Layers) &&
      e.Layers.every((l: unknown) => typeof l === 'string'),
  );
  if (valid.length === 0 || valid.length !== entries.length) {
    throw new BulwarkError(
      ErrorCodes.MANIFEST_INVALID,
      `${subject}: manifest.json has no valid image entry (Config, Layers)`,
      {
        subject,
      },
    );
  }
  return valid.map((e) => ({
    ...e,
    RepoTags: Array.isArray(e.RepoTags) ? e.RepoTags.filter((t) => typeof t === 'string') : [],
  }));
}

/**
 * Opens a `docker save` / `skopeo copy docker-archive:` tarball. Layers may be plain, gzip or
 * zstd tars, stored as files or as symlinks to other members. A plain layer is verified against
 * its diff ID; a layer stored under blobs/sha256/ against its name.
 */
export async function openDockerArchive(
  store: BlobStore,
  opts: { reference: string; tag?: string },
): Promise<ImageSource> {
  const entries = parseArchiveManifest(await store.readSmall('manifest.json', MAX_MANIFEST), store.name);
  const entry = opts.tag ? entries.find((e) => e.RepoTags.includes(opts.tag!)) : entries[0];
  if (!entry) {
    const tags = entries.flatMap((e) => e.RepoTags);
    throw new BulwarkError(
      ErrorCodes.INPUT_NOT_FOUND,
      `${store.name}: no image tagged "${opts.tag}" (tags: ${tags.join(', ')})`,
      {
        subject: store.name,
      },
    );
  }
  const configBytes = await store.readSmall(entry.Config, MAX_CONFIG);
  const config = parseImageConfig(configBytes, `${store.name}: ${entry.Config}`);
  if (config.diffIds.length !== entry.Layers.length) {
    throw new BulwarkError(
      ErrorCodes.MANIFEST_INVALID,
      `${store.name}: manifest.json lists ${entry.Layers.length} layers but the config has ${config.diffIds.length} diff IDs`,
      { subject: store.name },
    );
  }
  const layerMeta: { digest?: string; size?: number }[] = [];
  for (const path of entry.Layers) {
    const size = await store.size(path);
    if (size === undefined) {
      throw new BulwarkError(
        ErrorCodes.LAYER_MISSING,
        `${store.name}: layer "${path}" is named in manifest.json but is not in the archive`,
        {
          subject: store.name,
        },
      );
    }
    const m = BLOB_PATH.exec(path);
    layerMeta.push({ ...(m ? { digest: `${m[1]}:${m[2]}` } : {}), size });
  }
  const layers: LayerBlob[] = entry.Layers.map((path, index) => {
    const diffId = config.diffIds[index]!;
    const meta = layerMeta[index]!;
    return {
      index,
      diffId,
      ...meta,
      open: async () => {
        const raw = store.open(path);
        const subject = `${store.name}: layer ${path}`;
        if (meta.digest) return verifiedStream(raw, meta.digest, subject, meta.size);
        const plain = sniffCompression(await peekStream(raw, 4)) === 'none';
        return plain ? verifiedStream(raw, diffId, subject, meta.size) : raw;
      },
    };
  });
  const configDigest = `sha256:${createHash('sha256').update(configBytes).digest('hex')}`;
  const info = buildImageInfo({
    reference: opts.reference,
    configDigest,
    config,
    layers: layerMeta,
    repoTags: entry.RepoTags,
  });
  return { info, layers, close: async () => {} };
}
