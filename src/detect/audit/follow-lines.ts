import type { FollowChunk } from './follow-file.ts';

/** A complete line (without its `\n` or `\r\n`), or a line dropped for being too long. */
export type FollowedLine =
  | { readonly line: number; readonly text: string }
  | { readonly line: number; readonly oversized: true };

/**
 * Splits followed bytes into lines. A partial last line is held until its newline arrives; at a
 * `reset` (rotation, truncation) it is given out as it is, since the bytes after a reset do not
 * continue it. A line longer than `maxLineBytes` is reported as oversized and its bytes are not
 * kept, so memory stays bounded whatever the writer does. Line numbers count every line given out
 * while following, across files.
 */
export async function* followLines(
  chunks: AsyncIterable<FollowChunk>,
  maxLineBytes: number,
): AsyncGenerator<FollowedLine> {
  let pending: Buffer[] = [];
  let pendingSize = 0;
  let oversized = false;
  let line = 1;
  const finish = (): FollowedLine => {
    const item: FollowedLine = oversized
      ? { line, oversized: true }
      : { line, text: Buffer.concat(pending, pendingSize).toString('utf8').replace(/\r$/, '') };
    pending = [];
    pendingSize = 0;
    oversized = false;
    line++;
    return item;
  };
  for await (const chunk of chunks) {
    if (chunk.kind === 'reset') {
      if (pendingSize > 0 || oversized) yield finish();
      continue;
    }
    const bytes = chunk.bytes;
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
      yield finish();
      start = nl + 1;
    }
  }
}
