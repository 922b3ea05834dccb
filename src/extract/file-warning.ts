import type { FileError } from '../core/inventory.ts';
import type { ExtractInput } from './extractor.ts';

/** A factory of warnings about the file being extracted: path, extractor and layer filled in. */
export function fileWarning(
  input: Pick<ExtractInput, 'path' | 'stat'>,
  stage: string,
): (message: string) => FileError {
  const layer = input.stat.layer?.index;
  return (message) => ({ path: input.path, stage, message, ...(layer === undefined ? {} : { layer }) });
}
