import type { FileStat } from '../core/readonly-fs.ts';
import type { Extractor } from './extractor.ts';

const DEFAULT_MAX_FILE_SIZE = 64 * 1024 * 1024;

/** What the walk should do with one regular file, decided by the extractors. */
export interface FileWant {
  readonly required: readonly Extractor[];
  /** Some extractor reads this file as a sibling (fileNeeded). */
  readonly needed: boolean;
  /** Largest size any interested extractor accepts. */
  readonly maxSize: number;
}

/** Asks every extractor about `path`; undefined when nobody wants it (the common case: keep it cheap). */
export function wantedBy(
  extractors: readonly Extractor[],
  path: string,
  stat: FileStat,
): FileWant | undefined {
  let required: Extractor[] | undefined;
  let wanted = false;
  let needed = false;
  let maxSize = 0;
  for (const ex of extractors) {
    const req = ex.fileRequired(path, stat);
    const sibling = ex.fileNeeded?.(path) ?? false;
    if (req) {
      required ??= [];
      required.push(ex);
    }
    if (req || sibling) {
      wanted = true;
      needed ||= sibling;
      maxSize = Math.max(maxSize, ex.maxFileSize ?? DEFAULT_MAX_FILE_SIZE);
    }
  }
  if (!wanted) return undefined;
  return { required: required ?? [], needed, maxSize };
}
