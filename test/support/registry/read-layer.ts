import { createHash } from 'node:crypto';
import type { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { DecompressStream } from 'zstd-napi';
import type { LayerBlob } from '../../../src/artifact/image-source.ts';

/** The digests of a layer read through `open()`: of the stored bytes and of the uncompressed tar. */
export interface ReadLayer {
  readonly digest: string;
  readonly diffId: string;
  readonly bytes: number;
}

async function sha256Of(stream: Readable): Promise<{ hex: string; bytes: number }> {
  const hash = createHash('sha256');
  let bytes = 0;
  for await (const chunk of stream) {
    hash.update(chunk as Buffer);
    bytes += (chunk as Buffer).length;
  }
  return { hex: hash.digest('hex'), bytes };
}

/**
 * Reads a layer twice, fully: once as stored (hashing it) and once decompressed by its media
 * type (hashing the tar), so a test can compare both with the manifest and the config.
 */
export async function readLayer(layer: LayerBlob, signal: AbortSignal): Promise<ReadLayer> {
  const stored = await sha256Of(await layer.open(signal));
  const raw = await layer.open(signal);
  const mediaType = layer.mediaType ?? '';
  const decompress = mediaType.endsWith('zstd')
    ? new DecompressStream()
    : mediaType.endsWith('gzip')
      ? createGunzip()
      : undefined;
  raw.on('error', (e) => decompress?.destroy(e));
  const tar = await sha256Of(decompress ? raw.pipe(decompress) : raw);
  return { digest: `sha256:${stored.hex}`, diffId: `sha256:${tar.hex}`, bytes: stored.bytes };
}
