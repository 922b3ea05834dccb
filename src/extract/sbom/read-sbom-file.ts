import { open } from 'node:fs/promises';
import { BulwarkError, ErrorCodes, errorMessage, throwIfAborted } from '../../core/errors.ts';

/** The largest SBOM read: 100 MiB, far above real ones (a large image's CycloneDX is a few MiB). */
export const MAX_SBOM_BYTES = 100 * 1024 * 1024;

const CHUNK = 1024 * 1024;

/**
 * The whole file, refusing more than `maxBytes` before reading it (and while reading, for a FIFO
 * whose size says nothing). Throws INPUT_NOT_FOUND, INPUT_UNREADABLE (a directory, no permission),
 * FILE_TOO_LARGE or ABORTED, each message naming the path.
 */
export async function readSbomFile(
  path: string,
  signal?: AbortSignal,
  maxBytes: number = MAX_SBOM_BYTES,
): Promise<Buffer> {
  throwIfAborted(signal);
  const tooLarge = (size: string) =>
    new BulwarkError(
      ErrorCodes.FILE_TOO_LARGE,
      `${path}: the SBOM is ${size} bytes, over the ${maxBytes}-byte limit; refusing to read it`,
      { subject: path },
    );
  let handle: Awaited<ReturnType<typeof open>> | undefined;
  try {
    handle = await open(path, 'r');
    const st = await handle.stat();
    if (st.isDirectory()) {
      throw new BulwarkError(ErrorCodes.INPUT_UNREADABLE, `${path}: is a directory, not an SBOM file`, {
        subject: path,
      });
    }
    if (st.size > maxBytes) throw tooLarge(String(st.size));
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      throwIfAborted(signal);
      const buf = Buffer.alloc(CHUNK);
      const { bytesRead } = await handle.read(buf, 0, CHUNK, null);
      if (bytesRead === 0) break;
      total += bytesRead;
      if (total > maxBytes) throw tooLarge(`more than ${maxBytes}`);
      chunks.push(bytesRead === CHUNK ? buf : buf.subarray(0, bytesRead));
    }
    return Buffer.concat(chunks, total);
  } catch (e) {
    if (e instanceof BulwarkError) throw e;
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') {
      throw new BulwarkError(ErrorCodes.INPUT_NOT_FOUND, `${path}: no such SBOM file`, {
        subject: path,
        cause: e,
      });
    }
    throw new BulwarkError(
      ErrorCodes.INPUT_UNREADABLE,
      `${path}: cannot read the SBOM (${errorMessage(e)})`,
      {
        subject: path,
        cause: e,
      },
    );
  } finally {
    await handle?.close();
  }
}
