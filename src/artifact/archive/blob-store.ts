import { createReadStream } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { BulwarkError, ErrorCodes } from '../../core/errors.ts';
import { resolveInTree } from '../tree/resolve-symlinks.ts';
import { normalizeEntryPath } from '../tree/tree-path.ts';
import { indexTar, type TarMember } from './tar-index.ts';

/** Read access to the files of an image layout, whether a directory or a tar archive holds them. */
export interface BlobStore {
  /** Human name for messages (the archive or directory path). */
  readonly name: string;
  has(path: string): Promise<boolean>;
  size(path: string): Promise<number | undefined>;
  /** Reads a small file whole (manifests, configs); throws E_FILE_TOO_LARGE past `max` bytes. */
  readSmall(path: string, max: number): Promise<Buffer>;
  open(path: string): Readable;
}

function missing(store: string, path: string): BulwarkError {
  return new BulwarkError(
    ErrorCodes.LAYER_MISSING,
    `${store}: "${path}" is named by the image but is not in it`,
    {
      subject: store,
    },
  );
}

function tooLarge(store: string, path: string, size: number, max: number): BulwarkError {
  return new BulwarkError(
    ErrorCodes.FILE_TOO_LARGE,
    `${store}: "${path}" is ${size} bytes, over the ${max}-byte limit`,
    {
      subject: store,
    },
  );
}

/** A BlobStore over a directory (an OCI image layout). Paths never leave the directory. */
export class DirBlobStore implements BlobStore {
  constructor(readonly name: string) {}

  private abs(path: string): string {
    const rel = normalizeEntryPath(path);
    if (rel === undefined) throw missing(this.name, path);
    return join(this.name, rel);
  }

  async size(path: string): Promise<number | undefined> {
    try {
      const st = await stat(this.abs(path));
      return st.isFile() ? st.size : undefined;
    } catch {
      return undefined;
    }
  }

  async has(path: string): Promise<boolean> {
    return (await this.size(path)) !== undefined;
  }

  async readSmall(path: string, max: number): Promise<Buffer> {
    const size = await this.size(path);
    if (size === undefined) throw missing(this.name, path);
    if (size > max) throw tooLarge(this.name, path, size, max);
    return readFile(this.abs(path));
  }

  open(path: string): Readable {
    return createReadStream(this.abs(path), { highWaterMark: 256 * 1024 });
  }
}

/**
 * A BlobStore over an uncompressed tar (docker-archive, oci-archive): members are located by one
 * header-only pass and streamed by offset. Symlinked members (skopeo writes `layer.tar` links)
 * are resolved inside the archive.
 */
export class TarBlobStore implements BlobStore {
  private constructor(
    readonly name: string,
    private readonly members: Map<string, TarMember>,
  ) {}

  static async open(file: string, signal?: AbortSignal): Promise<TarBlobStore> {
    return new TarBlobStore(file, await indexTar(file, signal));
  }

  /** Member names, for format detection. */
  names(): IterableIterator<string> {
    return this.members.keys();
  }

  private member(path: string): TarMember | undefined {
    const rel = normalizeEntryPath(path);
    if (rel === undefined) return undefined;
    const real = resolveInTree(rel, {
      linkTarget: (p) => {
        const m = this.members.get(p);
        return m?.type === 'symlink' ? m.linkTarget : undefined;
      },
    });
    let m = real === undefined ? undefined : this.members.get(real);
    if (m?.type === 'hardlink' && m.linkTarget) m = this.members.get(normalizeEntryPath(m.linkTarget) ?? '');
    return m?.type === 'file' ? m : undefined;
  }

  async has(path: string): Promise<boolean> {
    return this.member(path) !== undefined;
  }

  async size(path: string): Promise<number | undefined> {
    return this.member(path)?.size;
  }

  async readSmall(path: string, max: number): Promise<Buffer> {
    const m = this.member(path);
    if (!m) throw missing(this.name, path);
    if (m.size > max) throw tooLarge(this.name, path, m.size, max);
    if (m.size === 0) return Buffer.alloc(0);
    const chunks: Buffer[] = [];
    for await (const c of this.open(path)) chunks.push(c as Buffer);
    return Buffer.concat(chunks);
  }

  open(path: string): Readable {
    const m = this.member(path);
    if (!m) throw missing(this.name, path);
    if (m.size === 0) return createReadStream(this.name, { start: 1, end: 0 });
    return createReadStream(this.name, {
      start: m.offset,
      end: m.offset + m.size - 1,
      highWaterMark: 256 * 1024,
    });
  }
}
