import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { buffer } from 'node:stream/consumers';
import yauzl from 'yauzl';
import { BulwarkError, ErrorCodes, errorMessage, throwIfAborted } from '../../core/errors.ts';

/** Largest single feed file or zip entry read (the Debian tracker JSON is ~80 MB). */
export const MAX_FEED_FILE_BYTES = 512 * 1024 * 1024;

/** One file of a feed: a plain file under the import root, or an entry of a zip found there. */
export interface FeedFile {
  /** Path relative to the import root, `/`-separated; zip entries as `all.zip!/GHSA-x.json`. */
  readonly path: string;
  /** Content identity: sha256 hex of a plain file, `crc32:<hex>:<size>` for a zip entry (no inflating). */
  hash(): Promise<string>;
  readonly size: number;
  /**
   * `<size>:<mtime ms>` of a plain file. When it equals the one recorded, the file is taken as
   * unchanged without reading it (what git and rsync do); zip entries have none.
   */
  readonly statStamp?: string;
  /** The bytes (read at most once; a zip entry is inflated on demand). */
  read(): Promise<Uint8Array>;
}

/**
 * Lists the files of a feed in path order: `root` may be a file, a zip (osv.dev's per-ecosystem
 * `all.zip`) or a directory, walked recursively (dot-directories skipped, zips inside expanded,
 * symbolic links followed once). Throws a coded error when `root` is missing or unreadable.
 */
export async function* listFeedFiles(root: string, signal?: AbortSignal): AsyncGenerator<FeedFile> {
  let st: Awaited<ReturnType<typeof stat>>;
  try {
    st = await stat(root);
  } catch (e) {
    throw new BulwarkError(ErrorCodes.INPUT_NOT_FOUND, `${root}: cannot read the feed (${errorMessage(e)})`, {
      subject: root,
    });
  }
  if (st.isDirectory()) yield* walk(root, '', signal, new Set([realpathSync(root)]));
  else yield* fileEntries(root, basename(root), signal);
}

// Synchronous reads on purpose: a feed is thousands of small files, and the promise API costs
// several times the read itself per file (measured on osv-go: 4,291 files).
async function* walk(
  dir: string,
  rel: string,
  signal: AbortSignal | undefined,
  seen: Set<string>,
): AsyncGenerator<FeedFile> {
  const entries = readdirSync(dir, { withFileTypes: true });
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const e of entries) {
    throwIfAborted(signal);
    if (e.name.startsWith('.')) continue;
    const path = rel === '' ? e.name : `${rel}/${e.name}`;
    const full = join(dir, e.name);
    // Symbolic links are followed (mirrors are often assembled from links); a directory already
    // visited through another link is skipped, so a link loop cannot recurse forever.
    const st = e.isSymbolicLink() ? statSync(full, { throwIfNoEntry: false }) : e;
    if (st?.isDirectory()) {
      const real = realpathSync(full);
      if (seen.has(real)) continue;
      seen.add(real);
      yield* walk(full, path, signal, seen);
    } else if (st?.isFile()) yield* fileEntries(full, path, signal);
  }
}

async function* fileEntries(file: string, path: string, signal?: AbortSignal): AsyncGenerator<FeedFile> {
  if (/\.zip$/i.test(file)) {
    yield* zipEntries(file, path, signal);
    return;
  }
  const { size, mtimeMs } = statSync(file);
  if (size > MAX_FEED_FILE_BYTES) {
    throw new BulwarkError(ErrorCodes.FILE_TOO_LARGE, `${file}: ${size} bytes is over the feed file limit`, {
      subject: file,
    });
  }
  let bytes: Uint8Array | undefined;
  const read = async () => {
    bytes ??= new Uint8Array(readFileSync(file));
    return bytes;
  };
  yield {
    path,
    size,
    statStamp: `${size}:${Math.trunc(mtimeMs)}`,
    hash: async () =>
      createHash('sha256')
        .update(await read())
        .digest('hex'),
    read,
  };
}

async function* zipEntries(file: string, path: string, signal?: AbortSignal): AsyncGenerator<FeedFile> {
  let zip: yauzl.ZipFile;
  try {
    zip = await yauzl.openPromise(file, { lazyEntries: true, autoClose: false, strictFileNames: false });
  } catch (e) {
    throw new BulwarkError(ErrorCodes.ARCHIVE_INVALID, `${file}: not a readable zip (${errorMessage(e)})`, {
      subject: file,
    });
  }
  try {
    for (;;) {
      throwIfAborted(signal);
      const entry = await nextEntry(zip, file);
      if (!entry) return;
      if (entry.fileName.endsWith('/')) continue;
      if (entry.uncompressedSize > MAX_FEED_FILE_BYTES) {
        throw new BulwarkError(ErrorCodes.FILE_TOO_LARGE, `${file}: entry ${entry.fileName} is too large`, {
          subject: file,
        });
      }
      let bytes: Uint8Array | undefined;
      yield {
        path: `${path}!/${entry.fileName}`,
        hash: async () => `crc32:${entry.crc32.toString(16)}:${entry.uncompressedSize}`,
        size: entry.uncompressedSize,
        read: async () => {
          bytes ??= new Uint8Array(await buffer(await zip.openReadStreamPromise(entry)));
          return bytes;
        },
      };
    }
  } finally {
    zip.close();
  }
}

function nextEntry(zip: yauzl.ZipFile, file: string): Promise<yauzl.Entry | undefined> {
  return new Promise((resolve, reject) => {
    const cleanup = () => {
      zip.off('entry', onEntry);
      zip.off('end', onEnd);
      zip.off('error', onError);
    };
    const onEntry = (e: yauzl.Entry) => {
      cleanup();
      resolve(e);
    };
    const onEnd = () => {
      cleanup();
      resolve(undefined);
    };
    const onError = (e: Error) => {
      cleanup();
      reject(new BulwarkError(ErrorCodes.ARCHIVE_INVALID, `${file}: ${e.message}`, { subject: file }));
    };
    zip.on('entry', onEntry);
    zip.on('end', onEnd);
    zip.on('error', onError);
    zip.readEntry();
  });
}
