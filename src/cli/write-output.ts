import { rename, stat, writeFile } from 'node:fs/promises';
import { BulwarkError, ErrorCodes } from '../core/errors.ts';

/**
 * Writes results to stdout, or to `--output`. A regular file (or a new one) is written atomically
 * (temp file + rename: a failed run never leaves half a report); anything else — /dev/null, a
 * FIFO, /dev/stdout — is written in place, since renaming over it would replace the device.
 */
export async function writeOutput(text: string, output: string | undefined): Promise<void> {
  const data = text.endsWith('\n') ? text : `${text}\n`;
  if (!output || output === '-') {
    await new Promise<void>((resolve, reject) =>
      process.stdout.write(data, (e) => (e ? reject(e) : resolve())),
    );
    return;
  }
  try {
    const st = await stat(output).catch(() => undefined);
    if (st && !st.isFile()) {
      await writeFile(output, data);
      return;
    }
    const tmp = `${output}.${process.pid}.tmp`;
    await writeFile(tmp, data);
    await rename(tmp, output);
  } catch (e) {
    throw new BulwarkError(
      ErrorCodes.INPUT_UNREADABLE,
      `${output}: cannot write output (${(e as Error).message})`,
      {
        subject: output,
        cause: e,
      },
    );
  }
}
