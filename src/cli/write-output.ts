import { rename, writeFile } from 'node:fs/promises';
import { BulwarkError, ErrorCodes } from '../core/errors.ts';

/** Writes results to stdout, or atomically to `--output` (temp file + rename: a failed run never leaves half a report). */
export async function writeOutput(text: string, output: string | undefined): Promise<void> {
  const data = text.endsWith('\n') ? text : `${text}\n`;
  if (!output || output === '-') {
    await new Promise<void>((resolve, reject) =>
      process.stdout.write(data, (e) => (e ? reject(e) : resolve())),
    );
    return;
  }
  const tmp = `${output}.${process.pid}.tmp`;
  try {
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
