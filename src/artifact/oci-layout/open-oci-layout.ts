import { BulwarkError, ErrorCodes } from '../../core/errors.ts';
import type { BlobStore } from '../archive/blob-store.ts';
import { parseDigest, verifiedStream, verifyBufferDigest } from '../digest-verifier.ts';
import type { ImageSource, LayerBlob } from '../image-source.ts';
import { buildImageInfo, parseImageConfig } from '../oci/image-config.ts';
import { type Descriptor, type Platform, parseManifest } from '../oci/parse-manifest.ts';
import { selectPlatform } from '../oci/select-platform.ts';

const MAX_MANIFEST = 4 * 1024 * 1024;
const MAX_CONFIG = 16 * 1024 * 1024;
const MAX_INDEX_DEPTH = 8;
const REF_NAME = 'org.opencontainers.image.ref.name';

export function blobPath(digest: string, subject: string): string {
  const { algorithm, hex } = parseDigest(digest, subject);
  return `blobs/${algorithm}/${hex}`;
}

async function readBlob(store: BlobStore, desc: Descriptor, max: number): Promise<Buffer> {
  const data = await store.readSmall(blobPath(desc.digest, store.name), max);
  verifyBufferDigest(data, desc.digest, `${store.name}: ${desc.digest}`);
  return data;
}

/**
 * Opens one image of an OCI image layout (a directory or an oci-archive's contents): picks the
 * manifest tagged `tag` (annotation org.opencontainers.image.ref.name) or the only one, descends
 * nested indexes to `platform`, and verifies every manifest, config and layer against its digest.
 */
export async function openOciLayout(
  store: BlobStore,
  opts: { reference: string; tag?: string; platform: Platform },
): Promise<ImageSource> {
  if (!(await store.has('index.json'))) {
    throw new BulwarkError(
      ErrorCodes.ARCHIVE_INVALID,
      `${store.name}: not an OCI image layout (no index.json)`,
      {
        subject: store.name,
      },
    );
  }
  const top = parseManifest(await store.readSmall('index.json', MAX_MANIFEST), `${store.name}: index.json`);
  if (top.kind !== 'index') {
    throw new BulwarkError(ErrorCodes.MANIFEST_INVALID, `${store.name}: index.json is not an image index`, {
      subject: store.name,
    });
  }
  let candidates = top.manifests;
  if (opts.tag !== undefined) {
    candidates = candidates.filter((d) => d.annotations?.[REF_NAME] === opts.tag);
    if (candidates.length === 0) {
      const tags = top.manifests.map((d) => d.annotations?.[REF_NAME]).filter(Boolean);
      throw new BulwarkError(
        ErrorCodes.INPUT_NOT_FOUND,
        `${store.name}: no image tagged "${opts.tag}" (tags: ${tags.join(', ') || 'none'})`,
        { subject: store.name },
      );
    }
  }
  let desc = candidates.length === 1 ? candidates[0]! : selectPlatform(candidates, opts.platform, store.name);
  let manifestBytes = await readBlob(store, desc, MAX_MANIFEST);
  let manifest = parseManifest(manifestBytes, `${store.name}: ${desc.digest}`, desc.mediaType);
  for (let depth = 0; manifest.kind === 'index'; depth++) {
    if (depth >= MAX_INDEX_DEPTH) {
      throw new BulwarkError(
        ErrorCodes.MANIFEST_INVALID,
        `${store.name}: image indexes nested deeper than ${MAX_INDEX_DEPTH}`,
        {
          subject: store.name,
        },
      );
    }
    desc = selectPlatform(manifest.manifests, opts.platform, `${store.name}: ${desc.digest}`);
    manifestBytes = await readBlob(store, desc, MAX_MANIFEST);
    manifest = parseManifest(manifestBytes, `${store.name}: ${desc.digest}`, desc.mediaType);
  }
  const configBytes = await readBlob(store, manifest.config, MAX_CONFIG);
  const config = parseImageConfig(configBytes, `${store.name}: config ${manifest.config.digest}`);
  for (const l of manifest.layers) blobPath(l.digest, store.name); // validates every digest up front
  const layers: LayerBlob[] = manifest.layers.map((l, index) => ({
    index,
    digest: l.digest,
    ...(config.diffIds[index] ? { diffId: config.diffIds[index] } : {}),
    mediaType: l.mediaType,
    size: l.size,
    open: async () =>
      verifiedStream(
        store.open(blobPath(l.digest, store.name)),
        l.digest,
        `${store.name}: layer ${l.digest}`,
        l.size,
      ),
  }));
  const tag = desc.annotations?.[REF_NAME] ?? opts.tag;
  const info = buildImageInfo({
    reference: opts.reference,
    manifestDigest: desc.digest,
    configDigest: manifest.config.digest,
    mediaType: manifest.mediaType,
    config,
    layers: manifest.layers,
    ...(tag ? { repoTags: [tag] } : {}),
  });
  return { info, layers, close: async () => {} };
}
