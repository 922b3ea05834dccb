import { createHash } from 'node:crypto';
import { BulwarkError, ErrorCodes } from '../../core/errors.ts';
import { parseDigest, verifyBufferDigest } from '../digest-verifier.ts';
import type { ImageSource, LayerBlob } from '../image-source.ts';
import { buildImageInfo, parseImageConfig } from '../oci/image-config.ts';
import { type ParsedManifest, type Platform, parseManifest } from '../oci/parse-manifest.ts';
import { selectPlatform } from '../oci/select-platform.ts';
import { type DockerConfigLookup, lookupDockerConfigCredentials } from './docker-config-credentials.ts';
import { type ImageReference, parseReference } from './parse-reference.ts';
import { RegistryClient, type RegistryTimeouts } from './registry-client.ts';
import { verifiedBlobStream } from './verified-blob-stream.ts';

/** Reported while pulling; `bytes` counts what has arrived of the blob `digest` so far. */
export interface RegistryProgress {
  readonly phase: 'manifest' | 'config' | 'layer';
  readonly digest: string;
  readonly bytes: number;
  readonly total?: number;
}

export interface OpenRegistryImageOptions {
  /** Chosen from a manifest list / OCI index; ignored for a single-platform image. */
  readonly platform: Platform;
  /** Allow plain HTTP and skip TLS verification (self-signed development registries). */
  readonly insecure?: boolean;
  readonly username?: string;
  readonly password?: string;
  /** Defaults to $DOCKER_CONFIG/config.json or ~/.docker/config.json; used when no username is given. */
  readonly dockerConfigPath?: string;
  readonly signal: AbortSignal;
  readonly onProgress?: (p: RegistryProgress) => void;
  readonly timeouts?: RegistryTimeouts;
}

const MAX_MANIFEST_BYTES = 4 * 1024 * 1024;
const MAX_CONFIG_BYTES = 16 * 1024 * 1024;

async function resolveCredentials(
  ref: ImageReference,
  opts: OpenRegistryImageOptions,
): Promise<DockerConfigLookup> {
  if (opts.username !== undefined || opts.password !== undefined) {
    if (!opts.username || opts.password === undefined) {
      throw new BulwarkError(ErrorCodes.USAGE, 'Registry credentials need both --username and --password');
    }
    return { credentials: { username: opts.username, password: opts.password } };
  }
  return lookupDockerConfigCredentials(ref.registry, opts.dockerConfigPath);
}

/** Fetches a manifest and checks it against the digest asked for, or the registry's Docker-Content-Digest. */
async function fetchManifest(
  client: RegistryClient,
  tagOrDigest: string,
  subject: string,
  opts: OpenRegistryImageOptions,
): Promise<{ manifest: ParsedManifest; digest: string }> {
  const fetched = await client.getManifest(tagOrDigest, MAX_MANIFEST_BYTES);
  const pinned = tagOrDigest.includes(':') ? tagOrDigest : undefined;
  if (pinned) verifyBufferDigest(fetched.bytes, pinned, `manifest of ${subject}`);
  else if (fetched.digestHeader)
    verifyBufferDigest(fetched.bytes, fetched.digestHeader, `manifest of ${subject} (Docker-Content-Digest)`);
  const digest = pinned ?? `sha256:${createHash('sha256').update(fetched.bytes).digest('hex')}`;
  opts.onProgress?.({ phase: 'manifest', digest, bytes: fetched.bytes.length, total: fetched.bytes.length });
  return { manifest: parseManifest(fetched.bytes, subject, fetched.contentType), digest };
}

/**
 * Opens an image in an OCI distribution registry (Docker Hub, GHCR, Harbor, `docker-registry`…)
 * for reading: resolves the reference, authenticates (flags, then the Docker config), picks
 * `platform` from an index, and fetches and verifies the manifest and config. Layers are not
 * fetched until `open()`ed; each is then streamed and verified against its digest.
 * `opts.signal` governs opening; each `layer.open(signal)` is governed by its own signal.
 * The caller must `close()` the source. Throws coded BulwarkErrors: E_REFERENCE_INVALID,
 * E_REGISTRY_AUTH, E_REGISTRY_NOT_FOUND, E_REGISTRY_HTTP, E_DIGEST_MISMATCH, E_MANIFEST_INVALID,
 * E_PLATFORM_NOT_FOUND, E_ABORTED.
 */
export async function openRegistryImage(ref: string, opts: OpenRegistryImageOptions): Promise<ImageSource> {
  const reference = parseReference(ref);
  const { credentials, helperNote } = await resolveCredentials(reference, opts);
  const client = await RegistryClient.connect({
    reference,
    insecure: opts.insecure ?? false,
    signal: opts.signal,
    ...(credentials ? { credentials } : {}),
    ...(helperNote ? { helperNote } : {}),
    ...(opts.timeouts ? { timeouts: opts.timeouts } : {}),
  });
  try {
    return await resolveImage(client, reference, ref, opts);
  } catch (e) {
    await client.close();
    throw e;
  }
}

async function resolveImage(
  client: RegistryClient,
  reference: ImageReference,
  ref: string,
  opts: OpenRegistryImageOptions,
): Promise<ImageSource> {
  const target = reference.digest ?? reference.tag ?? 'latest';
  const top = await fetchManifest(client, target, ref, opts);
  let { manifest, digest: manifestDigest } = top;
  if (manifest.kind === 'index') {
    const chosen = selectPlatform(manifest.manifests, opts.platform, ref);
    // Digests from the registry go into URLs: only well-formed ones.
    parseDigest(chosen.digest, ref);
    ({ manifest, digest: manifestDigest } = await fetchManifest(client, chosen.digest, ref, opts));
  }
  if (manifest.kind !== 'manifest') {
    throw new BulwarkError(
      ErrorCodes.MANIFEST_INVALID,
      `${ref}: the index for this platform points to another index`,
      { subject: ref },
    );
  }

  const configDesc = manifest.config;
  for (const desc of [configDesc, ...manifest.layers]) parseDigest(desc.digest, ref);
  if (configDesc.size > MAX_CONFIG_BYTES) {
    throw new BulwarkError(
      ErrorCodes.FILE_TOO_LARGE,
      `${ref}: image config is ${configDesc.size} bytes, over the 16 MiB limit`,
      { subject: ref },
    );
  }
  const configWhat = `config ${configDesc.digest} of ${ref}`;
  const configBytes = await client.getBlob(configDesc.digest, MAX_CONFIG_BYTES, configWhat);
  verifyBufferDigest(configBytes, configDesc.digest, configWhat);
  opts.onProgress?.({
    phase: 'config',
    digest: configDesc.digest,
    bytes: configBytes.length,
    total: configBytes.length,
  });
  const config = parseImageConfig(configBytes, ref);
  if (config.diffIds.length !== manifest.layers.length) {
    throw new BulwarkError(
      ErrorCodes.MANIFEST_INVALID,
      `${ref}: the manifest lists ${manifest.layers.length} layers but the config (${configDesc.mediaType}) has ${config.diffIds.length} diff_ids; is this a container image?`,
      { subject: ref },
    );
  }

  const info = buildImageInfo({
    reference: ref,
    manifestDigest,
    configDigest: configDesc.digest,
    mediaType: manifest.mediaType,
    config,
    layers: manifest.layers,
    repoTags: reference.tag ? [`${reference.familiarName}:${reference.tag}`] : [],
    // The digest users pin: the index's when the tag names a multi-platform image.
    repoDigests: [`${reference.familiarName}@${top.digest}`],
  });
  const layers: LayerBlob[] = manifest.layers.map((desc, index) => {
    const diffId = config.diffIds[index];
    const subject = `layer ${index} (${desc.digest}) of ${ref}`;
    return {
      index,
      digest: desc.digest,
      mediaType: desc.mediaType,
      ...(diffId ? { diffId } : {}),
      ...(desc.size >= 0 ? { size: desc.size } : {}),
      async open(signal: AbortSignal) {
        const body = await client.openBlob(desc.digest, subject, signal);
        const onProgress = opts.onProgress;
        return verifiedBlobStream(body, {
          digest: desc.digest,
          size: desc.size,
          subject,
          signal,
          ...(onProgress
            ? {
                onBytes: (bytes: number) =>
                  onProgress({
                    phase: 'layer',
                    digest: desc.digest,
                    bytes,
                    ...(desc.size >= 0 ? { total: desc.size } : {}),
                  }),
              }
            : {}),
        });
      },
    };
  });
  return { info, layers, close: () => client.close() };
}
