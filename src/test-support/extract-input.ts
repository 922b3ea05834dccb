import type { OsInfo } from '../core/os-info.ts';
import type { FileStat, ReadonlyFs } from '../core/readonly-fs.ts';
import type { ExtractInput } from '../extract/extractor.ts';

/**
 * The ExtractInput the runner would build for `path` in `fs`, for extractor tests. Throws when
 * `path` is not a readable file in `fs` (a broken test, not a parse error).
 */
export async function extractInput(
  fs: ReadonlyFs,
  path: string,
  options: { os?: OsInfo; stat?: Partial<FileStat>; signal?: AbortSignal } = {},
): Promise<ExtractInput> {
  const bytes = await fs.readFile(path);
  if (bytes === undefined) throw new Error(`test input ${path} is not a readable file`);
  const stat: FileStat = {
    ...(fs.stat(path) ?? { type: 'file', size: bytes.length, mode: 0o644 }),
    ...options.stat,
  };
  return {
    path,
    stat,
    read: async () => bytes,
    fs,
    os: options.os,
    signal: options.signal ?? new AbortController().signal,
  };
}
