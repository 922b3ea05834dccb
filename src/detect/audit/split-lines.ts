/** A complete line (without its `\n` or `\r\n`), or a line dropped for being too long. */
export type LineItem =
  | { readonly line: number; readonly text: string }
  | { readonly line: number; readonly oversized: true };

/** Bytes read, or (when following a file) a mark that the bytes after it start a new file. */
export type LineChunk =
  | Buffer
  | { readonly kind: 'data'; readonly bytes: Buffer }
  | { readonly kind: 'reset'; readonly reason: string };

/**
 * Splits bytes into lines, for a whole file and for a followed one alike. A partial last line is
 * held until its newline arrives; at a `reset` (rotation, truncation) it is given out as it is,
 * since the bytes after a reset do not continue it; at the end of the input it is given out only
 * with `flushAtEnd` (a followed file ends when the user stops, mid-line). A line longer than
 * `maxLineBytes` is reported as oversized and its bytes are not kept, so memory stays bounded
 * whatever the writer does. Line numbers count every line given out, across followed files.
 *
 * Lines come in batches, one per chunk read (possibly empty ones are skipped): an async step per
 * line would cost more than splitting it.
 */
export async function* splitLines(
  chunks: AsyncIterable<LineChunk>,
  maxLineBytes: number,
  options: { readonly flushAtEnd: boolean },
): AsyncGenerator<LineItem[]> {
  let pending: Buffer[] = [];
  let pendingSize = 0;
  let oversized = false;
  let line = 1;
  const finish = (): LineItem => {
    const item: LineItem = oversized
      ? { line, oversized: true }
      : { line, text: Buffer.concat(pending, pendingSize).toString('utf8').replace(/\r$/, '') };
    pending = [];
    pendingSize = 0;
    oversized = false;
    line++;
    return item;
  };
  for await (const chunk of chunks) {
    if (!Buffer.isBuffer(chunk) && chunk.kind === 'reset') {
      if (pendingSize > 0 || oversized) yield [finish()];
      continue;
    }
    const batch: LineItem[] = [];
    const bytes = Buffer.isBuffer(chunk) ? chunk : chunk.bytes;
    let start = 0;
    for (;;) {
      const nl = bytes.indexOf(0x0a, start);
      const end = nl === -1 ? bytes.length : nl;
      if (!oversized && end > start) {
        pendingSize += end - start;
        if (pendingSize > maxLineBytes) {
          oversized = true;
          pending = [];
        } else pending.push(bytes.subarray(start, end));
      }
      if (nl === -1) break;
      batch.push(finish());
      start = nl + 1;
    }
    if (batch.length > 0) yield batch;
  }
  if (options.flushAtEnd && (pendingSize > 0 || oversized)) yield [finish()];
}
