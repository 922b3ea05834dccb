import { open, stat } from 'node:fs/promises';
import { BulwarkError, ErrorCodes } from '../core/errors.ts';
import { DirBlobStore, TarBlobStore } from './archive/blob-store.ts';
import { openDockerArchive } from './docker-archive/open-docker-archive.ts';
import type { ImageSource } from './image-source.ts';
import { sniffCompression } from './layer/decompress.ts';
import type { Platform } from './oci/parse-manifest.ts';
import { openOciLayout } from './oci-layout/open-oci-layout.ts';

export interface OpenImageOptions {
  readonly platform: Platform;
  readonly insecure?: boolean;
  readonly username?: string;
  readonly password?: string;
  readonly signal: AbortSignal;
}

type Kind = 'docker-archive' | 'oci-archive' | 'oci' | 'registry';
const PREFIXES: readonly [string, Kind][] = [
  ['docker-archive:', 'docker-archive'],
  ['oci-archive:', 'oci-archive'],
  ['oci:', 'oci'],
  ['docker://', 'registry'],
  ['registry:', 'registry'],
];

async function kindOfPath(path: string): Promise<Kind | undefined> {
  const st = await stat(path).catch(() => undefined);
  if (!st) return undefined;
  if (st.isDirectory()) return 'oci';
  const fh = await open(path, 'r');
  try {
    const head = Buffer.alloc(4);
    await fh.read(head, 0, 4, 0);
    if (sniffCompression(head) !== 'none') {
      throw new BulwarkError(
        ErrorCodes.ARCHIVE_INVALID,
        `${path}: the archive itself is compressed; decompress it first (e.g. gunzip) and scan the .tar`,
        { subject: path },
      );
    }
  } finally {
    await fh.close();
  }
  return 'docker-archive'; // refined after indexing: an archive without manifest.json is read as oci-archive
}

/** `path:tag` for layouts and archives (skopeo's syntax); the tag part may not contain `/`. */
function splitTag(target: string): { path: string; tag?: string } {
  const i = target.lastIndexOf(':');
  if (i <= 0 || target.slice(i + 1).includes('/')) return { path: target };
  return { path: target.slice(0, i), tag: target.slice(i + 1) };
}

/** A registry reference never starts with `/` or `.`, nor ends with an archive extension. */
function looksLikePath(target: string): boolean {
  return /^(\/|\.\.?\/)/.test(target) || /\.(tar|tgz|tar\.gz)$/.test(target);
}

/**
 * Opens an image from a docker-archive, an oci-archive, an OCI layout directory or a registry.
 * A transport prefix (`docker-archive:`, `oci-archive:`, `oci:`, `docker://`) forces the kind;
 * otherwise an existing path is sniffed and anything else is a registry reference.
 */
export async function openImage(target: string, opts: OpenImageOptions): Promise<ImageSource> {
  let kind: Kind | undefined;
  let rest = target;
  for (const [prefix, k] of PREFIXES) {
    if (target.startsWith(prefix)) {
      kind = k;
      rest = target.slice(prefix.length);
      break;
    }
  }
  let path = rest;
  let tag: string | undefined;
  if (kind !== 'registry') {
    kind ??= await kindOfPath(rest);
    if (!kind) {
      const split = splitTag(rest);
      const k = split.tag !== undefined ? await kindOfPath(split.path) : undefined;
      if (k) {
        kind = k;
        path = split.path;
        tag = split.tag;
      }
    } else if (!(await stat(rest).catch(() => undefined))) {
      const split = splitTag(rest);
      path = split.path;
      tag = split.tag;
    }
  }
  if (!kind && looksLikePath(rest)) {
    throw new BulwarkError(ErrorCodes.INPUT_NOT_FOUND, `${rest}: no such file or directory`, {
      subject: rest,
    });
  }
  if (!kind || kind === 'registry') {
    // Loaded on demand: local scans never pay for the HTTP client's start-up.
    const { openRegistryImage } = await import('./registry/open-registry-image.ts');
    return openRegistryImage(rest, {
      platform: opts.platform,
      signal: opts.signal,
      ...(opts.insecure ? { insecure: true } : {}),
      ...(opts.username !== undefined ? { username: opts.username } : {}),
      ...(opts.password !== undefined ? { password: opts.password } : {}),
    });
  }
  if (!(await stat(path).catch(() => undefined))) {
    throw new BulwarkError(ErrorCodes.INPUT_NOT_FOUND, `${path}: no such file or directory`, {
      subject: path,
    });
  }
  const tagOpt = tag !== undefined ? { tag } : {};
  if (kind === 'oci') {
    if (!(await stat(path)).isDirectory()) {
      throw new BulwarkError(ErrorCodes.ARCHIVE_INVALID, `${path}: an OCI layout must be a directory`, {
        subject: path,
      });
    }
    return openOciLayout(new DirBlobStore(path), { reference: target, platform: opts.platform, ...tagOpt });
  }
  const store = await TarBlobStore.open(path, opts.signal);
  const hasDockerManifest = await store.has('manifest.json');
  if (kind === 'oci-archive' || !hasDockerManifest) {
    if (!(await store.has('index.json'))) {
      throw new BulwarkError(
        ErrorCodes.ARCHIVE_INVALID,
        `${path}: not an image archive (neither manifest.json nor index.json inside)`,
        { subject: path },
      );
    }
    return openOciLayout(store, { reference: target, platform: opts.platform, ...tagOpt });
  }
  return openDockerArchive(store, { reference: target, ...tagOpt });
}
