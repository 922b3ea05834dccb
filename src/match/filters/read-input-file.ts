import { open } from 'node:fs/promises';
import { BulwarkError, ErrorCodes } from '../../core/errors.ts';

/**
 * Reads a small user-supplied file (ignore file, VEX document, policy, report) as UTF-8, refusing
 * anything over `maxBytes` before reading it all. `what` names the kind of file in messages
 * ("ignore file", "VEX document"). Throws INPUT_NOT_FOUND, INPUT_UNREADABLE or FILE_TOO_LARGE,
 * each naming the path.
 */
export async function readInputFile(path: string, what: string, maxBytes: number): Promise<string> {
  let handle: Awaited<ReturnType<typeof open>> | undefined;
  try {
    handle = await open(path, 'r');
    const st = await handle.stat();
    if (st.isDirectory()) throw new Error('it is a directory');
    // A FIFO or device has no useful size: read it, but stop at the limit all the same.
    const chunks: Buffer[] = [];
    const buf = Buffer.alloc(64 * 1024);
    let total = 0;
    for (;;) {
      const { bytesRead } = await handle.read(buf, 0, buf.length, null);
      if (bytesRead === 0) break;
      total += bytesRead;
      if (total > maxBytes) {
        throw new BulwarkError(
          ErrorCodes.FILE_TOO_LARGE,
          `${path}: ${what} is larger than ${maxBytes} bytes; refusing to read it`,
          { subject: path },
        );
      }
      chunks.push(Buffer.from(buf.subarray(0, bytesRead)));
    }
    return new TextDecoder('utf-8', { fatal: false }).decode(Buffer.concat(chunks)).replace(/^\uFEFF/, '');
  } catch (e) {
    if (e instanceof BulwarkError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') {
      throw new BulwarkError(ErrorCodes.INPUT_NOT_FOUND, `${path}: ${what} not found`, {
        subject: path,
        cause: e,
      });
    }
    throw new BulwarkError(
      ErrorCodes.INPUT_UNREADABLE,
      `${path}: cannot read ${what} (${(e as Error).message})`,
      { subject: path, cause: e },
    );
  } finally {
    await handle?.close();
  }
}
