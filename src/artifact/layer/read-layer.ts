import type { Readable } from 'node:stream';
import { BulwarkError, ErrorCodes, errorMessage, isBulwarkError } from '../../core/errors.ts';
import type { LayerBlob } from '../image-source.ts';
import { decompressorFor } from './decompress.ts';
import { parseTarStream, type TarVisitor } from './parse-tar-stream.ts';

/**
 * Streams one layer once: stored bytes → (gzip|zstd) → tar members → `visit`. Nothing touches the
 * disk. Throws E_LAYER_CORRUPT naming the layer and the problem (truncated compression, bad tar
 * header) and E_DIGEST_MISMATCH from the blob's verifier.
 */
export async function readLayer(
  blob: LayerBlob,
  visit: TarVisitor,
  signal: AbortSignal,
  onBytes?: (n: number) => void,
): Promise<void> {
  const label = `layer ${blob.index}${blob.digest ? ` (${blob.digest})` : blob.diffId ? ` (${blob.diffId})` : ''}`;
  let src: Readable | undefined;
  let storedBytes = 0;
  try {
    src = await blob.open(signal);
    const source = src;
    const { transform } = await decompressorFor(source);
    source.on('data', (c: Buffer) => {
      storedBytes += c.length;
      onBytes?.(c.length);
    });
    let tarStream: Readable = source;
    if (transform) {
      source.on('error', (e) => transform.destroy(e));
      tarStream = source.pipe(transform);
    }
    await parseTarStream(tarStream, visit, signal);
    // Read to the very end so the digest verifier (at end of stream) always runs.
    for await (const _ of tarStream);
  } catch (e) {
    src?.destroy();
    if (isBulwarkError(e)) throw e;
    throw new BulwarkError(
      ErrorCodes.LAYER_CORRUPT,
      `Cannot read ${label}: ${describe(e)} (after ${storedBytes} stored bytes)`,
      {
        subject: blob.digest ?? `layer ${blob.index}`,
        cause: e,
      },
    );
  }
}

function describe(e: unknown): string {
  const msg = errorMessage(e);
  if (/unexpected end of file/i.test(msg)) return 'compressed data is truncated';
  return msg;
}
