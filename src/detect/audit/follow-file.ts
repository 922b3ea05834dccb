import type { Stats } from 'node:fs';
import { type FileHandle, open, stat } from 'node:fs/promises';
import { BulwarkError, ErrorCodes, errorMessage } from '../../core/errors.ts';
import { createFollowWaker } from './follow-waker.ts';

/**
 * What following a file gives: bytes in file order, and a `reset` where the bytes stop being a
 * continuation of the previous ones (the path now names a new file, or the file was truncated),
 * so a reader can end a partial line there instead of gluing it to unrelated bytes.
 */
export type FollowChunk =
  | { readonly kind: 'data'; readonly bytes: Buffer }
  | { readonly kind: 'reset'; readonly reason: 'rotated' | 'truncated' };

export interface FollowFileOptions {
  /** Following ends, cleanly, when this fires. */
  readonly signal: AbortSignal;
  /** Skip what the file holds when following starts; only appended bytes are read. */
  readonly fromEnd?: boolean;
  /** Longest wait between checks for new bytes, rotation and truncation (default 250 ms). */
  readonly pollMs?: number;
  /** Wake early on fs.watch events (default true); polling goes on regardless. */
  readonly watch?: boolean;
  /** Largest read, in bytes (default 64 KiB): also the most a chunk holds. */
  readonly chunkBytes?: number;
  /** Told about rotation, truncation and a missing file, for the user. */
  readonly onNotice?: (message: string) => void;
}

const DEFAULT_POLL_MS = 250;
const DEFAULT_CHUNK = 64 * 1024;

/**
 * Follows `path` like `tail -F`: reads what it holds (or starts at its end with `fromEnd`), then
 * waits for appended bytes. When the path comes to name another file (rename-and-create rotation,
 * as the API server's `--audit-log-maxsize` does) the old file is read to its end first, then the
 * new one from its start; a file that shrank below the read position (copytruncate) is read again
 * from 0; a missing path is waited for. Ends when `signal` fires, closing the file and the watch.
 * Throws a coded BulwarkError for a file that cannot be read, and for gzip data (it cannot be
 * followed: an appended gzip member is not readable until the writer finishes it).
 */
export async function* followFile(path: string, options: FollowFileOptions): AsyncGenerator<FollowChunk> {
  const { signal } = options;
  const notice = options.onNotice ?? (() => {});
  const buffer = Buffer.allocUnsafe(options.chunkBytes ?? DEFAULT_CHUNK);
  const waker = createFollowWaker(path, {
    signal,
    pollMs: options.pollMs ?? DEFAULT_POLL_MS,
    ...(options.watch === undefined ? {} : { watch: options.watch }),
  });
  let file: FileHandle | undefined;
  let identity: Stats | undefined;
  let position = 0;
  // --from-end only skips the file found at the start; a file that appears later is all new.
  let atStart = true;
  let waitingForPath = false;

  const refuseGzip = (head: Buffer): void => {
    if (head[0] === 0x1f && head[1] === 0x8b) {
      throw new BulwarkError(
        ErrorCodes.INPUT_UNREADABLE,
        `cannot follow ${path}: it is gzip-compressed (follow the uncompressed log, or read this file without --follow)`,
        { subject: path },
      );
    }
  };

  /** Reads once at `position`; undefined at the end of the file. */
  const readMore = async (handle: FileHandle): Promise<Buffer | undefined> => {
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, position);
    if (bytesRead === 0) return undefined;
    if (position === 0 && buffer[0] === 0x1f) {
      // One byte may be half of the gzip magic: wait for the second before deciding.
      if (bytesRead === 1) return undefined;
      refuseGzip(buffer);
    }
    position += bytesRead;
    return Buffer.from(buffer.subarray(0, bytesRead));
  };

  try {
    while (!signal.aborted) {
      if (file === undefined) {
        const opened = await openIfPresent(path);
        if (opened === undefined) {
          if (!waitingForPath) notice(`${path} does not exist; waiting for it`);
          waitingForPath = true;
          atStart = false;
          await waker.wait();
          continue;
        }
        if (waitingForPath) notice(`${path} appeared; following it from its start`);
        waitingForPath = false;
        file = opened.handle;
        identity = opened.stats;
        // Checked here too, as --from-end starts past the magic bytes.
        if (opened.stats.size >= 2) refuseGzip((await file.read(Buffer.alloc(2), 0, 2, 0)).buffer);
        position =
          atStart && options.fromEnd === true
            ? await endOfLastLine(opened.handle, opened.stats.size, buffer)
            : 0;
        atStart = false;
      }
      const bytes = await readMore(file);
      if (bytes !== undefined) {
        yield { kind: 'data', bytes };
        continue;
      }
      const size = (await file.stat()).size;
      if (size < position) {
        notice(`${path} was truncated; reading it again from its start`);
        position = 0;
        yield { kind: 'reset', reason: 'truncated' };
        continue;
      }
      const current = await statIfPresent(path);
      if (current !== undefined && identity !== undefined && !sameFile(current, identity)) {
        // The writer may have appended between our last read and the rename: drain the old file.
        for (let more = await readMore(file); more !== undefined; more = await readMore(file)) {
          yield { kind: 'data', bytes: more };
        }
        await file.close();
        file = undefined;
        notice(`${path} was rotated; following the new file from its start`);
        yield { kind: 'reset', reason: 'rotated' };
        continue;
      }
      await waker.wait();
    }
  } finally {
    waker.close();
    await file?.close();
  }
}

/**
 * Where `--from-end` starts: after the last newline, so a line being written when following starts
 * is read whole once finished instead of as a malformed tail. A last line longer than the buffer is
 * skipped (its tail will count as one malformed line).
 */
async function endOfLastLine(handle: FileHandle, size: number, buffer: Buffer): Promise<number> {
  if (size === 0) return 0;
  const start = Math.max(0, size - buffer.length);
  const { bytesRead } = await handle.read(buffer, 0, size - start, start);
  const newline = buffer.subarray(0, bytesRead).lastIndexOf(0x0a);
  if (newline !== -1) return start + newline + 1;
  return start === 0 ? 0 : size;
}

function sameFile(a: Stats, b: Stats): boolean {
  return a.ino === b.ino && a.dev === b.dev;
}

async function openIfPresent(path: string): Promise<{ handle: FileHandle; stats: Stats } | undefined> {
  let handle: FileHandle;
  try {
    handle = await open(path, 'r');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new BulwarkError(ErrorCodes.INPUT_UNREADABLE, `cannot follow ${path}: ${errorMessage(e)}`, {
      subject: path,
    });
  }
  const stats = await handle.stat();
  // Positioned reads need a regular file: a pipe or a device cannot be reread after truncation.
  if (!stats.isFile()) {
    await handle.close();
    throw new BulwarkError(ErrorCodes.INPUT_UNREADABLE, `cannot follow ${path}: not a regular file`, {
      subject: path,
    });
  }
  return { handle, stats };
}

async function statIfPresent(path: string): Promise<Stats | undefined> {
  try {
    return await stat(path);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new BulwarkError(ErrorCodes.INPUT_UNREADABLE, `cannot follow ${path}: ${errorMessage(e)}`, {
      subject: path,
    });
  }
}
