import { PackageURL } from 'packageurl-js';
import type { ImageInfo } from '../core/image-info.ts';

/** Where an image lives in a registry, from its repoDigests/repoTags (`docker.io/library/debian`). */
export interface ImageRepository {
  readonly repository: string;
  readonly tag?: string;
}

/** Splits `name[:tag]` without mistaking a registry port for a tag. */
function splitTag(ref: string): { name: string; tag?: string } {
  const colon = ref.lastIndexOf(':');
  if (colon > ref.lastIndexOf('/')) return { name: ref.slice(0, colon), tag: ref.slice(colon + 1) };
  return { name: ref };
}

/** Docker's short names, spelled out: `debian` → `docker.io/library/debian`. */
export function normalizeRepository(name: string): string {
  const slash = name.indexOf('/');
  const first = slash < 0 ? '' : name.slice(0, slash);
  const hasRegistry = first.includes('.') || first.includes(':') || first === 'localhost';
  if (!hasRegistry) return `docker.io/${slash < 0 ? 'library/' : ''}${name}`;
  if (first === 'index.docker.io' || first === 'registry-1.docker.io') return `docker.io${name.slice(slash)}`;
  return name;
}

/** The repository the image came from, when its repoDigests or repoTags name one. */
export function imageRepository(image: ImageInfo): ImageRepository | undefined {
  const pinned = image.repoDigests.find((d) => d.includes('@'));
  const tagged = image.repoTags.map(splitTag).find((t) => t.tag !== undefined);
  const name = pinned ? pinned.slice(0, pinned.indexOf('@')) : tagged?.name;
  if (!name) return undefined;
  const repository = normalizeRepository(name);
  const tag = image.repoTags
    .map(splitTag)
    .find((t) => t.tag !== undefined && normalizeRepository(t.name) === repository)?.tag;
  return tag === undefined ? { repository } : { repository, tag };
}

/**
 * The image's package URL (`pkg:oci/debian@sha256:…?arch=amd64&repository_url=…&tag=…`), per
 * the purl spec's `oci` type. Undefined without a manifest digest or a known repository, since
 * the purl's version must be the manifest digest and its name comes from the repository.
 */
export function imagePurl(image: ImageInfo): string | undefined {
  const repo = imageRepository(image);
  if (!image.manifestDigest || !repo) return undefined;
  const name = repo.repository.slice(repo.repository.lastIndexOf('/') + 1).toLowerCase();
  const qualifiers: Record<string, string> = {
    arch: image.platform.architecture,
    repository_url: repo.repository,
  };
  if (repo.tag) qualifiers.tag = repo.tag;
  try {
    return new PackageURL('oci', undefined, name, image.manifestDigest, qualifiers, undefined).toString();
  } catch {
    return undefined;
  }
}

/** A content digest (`sha256:<hex>`) split into a hash algorithm and hex value; undefined if malformed. */
export function digestHash(
  digest: string | undefined,
): { alg: 'SHA-256' | 'SHA-384' | 'SHA-512'; hex: string } | undefined {
  const m = /^(sha256|sha384|sha512):([0-9a-f]+)$/.exec(digest ?? '');
  if (!m) return undefined;
  const alg = m[1] === 'sha256' ? 'SHA-256' : m[1] === 'sha384' ? 'SHA-384' : 'SHA-512';
  const expected = { 'SHA-256': 64, 'SHA-384': 96, 'SHA-512': 128 }[alg];
  return m[2]!.length === expected ? { alg, hex: m[2]! } : undefined;
}
