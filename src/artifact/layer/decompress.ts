import type { Readable, Transform } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { DecompressStream } from 'zstd-napi';
import { peekStream } from './peek-stream.ts';

export type Compression = 'gzip' | 'zstd' | 'none';

/** Detects the compression from magic bytes; media types and file names are not trusted. */
export function sniffCompression(head: Uint8Array): Compression {
  if (head[0] === 0x1f && head[1] === 0x8b) return 'gzip';
  if (head[0] === 0x28 && head[1] === 0xb5 && head[2] === 0x2f && head[3] === 0xfd) return 'zstd';
  return 'none';
}

/**
 * Returns the decompressor to pipe `src` through (gzip via node:zlib, zstd via libzstd's
 * streaming API), or undefined for a plain tar. Multi-member gzip and multi-frame zstd are read
 * whole, as the layer specs allow both.
 */
export async function decompressorFor(
  src: Readable,
): Promise<{ compression: Compression; transform?: Transform }> {
  const compression = sniffCompression(await peekStream(src, 4));
  if (compression === 'gzip') return { compression, transform: createGunzip({ chunkSize: 128 * 1024 }) };
  // zstd-napi's DecompressStream is a Node Transform over the reference C library.
  if (compression === 'zstd') return { compression, transform: new DecompressStream() };
  return { compression };
}
