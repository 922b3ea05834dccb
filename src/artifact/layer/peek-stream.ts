import { once } from 'node:events';
import type { Readable } from 'node:stream';

/**
 * Reads at least `n` bytes (fewer at end of stream) and pushes them back, so the stream can be
 * piped on unchanged. Used to sniff compression magic; media types are not trusted.
 */
export async function peekStream(src: Readable, n: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let len = 0;
  while (len < n) {
    const chunk: Buffer | null = src.read();
    if (chunk !== null) {
      chunks.push(chunk);
      len += chunk.length;
      continue;
    }
    if (src.readableEnded || src.destroyed) break;
    const ac = new AbortController();
    try {
      await Promise.race([
        once(src, 'readable', { signal: ac.signal }),
        once(src, 'end', { signal: ac.signal }),
        once(src, 'close', { signal: ac.signal }),
      ]);
    } finally {
      ac.abort();
    }
  }
  const head = Buffer.concat(chunks);
  if (head.length > 0) src.unshift(head);
  return head.subarray(0, n);
}
