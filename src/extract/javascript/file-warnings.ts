import type { FileError } from '../../core/inventory.ts';
import type { ExtractInput } from '../extractor.ts';

/** Parser warnings as FileErrors of `input`, at most 50 of them plus a count of the rest. */
export function fileWarnings(
  input: Pick<ExtractInput, 'path' | 'stat'>,
  stage: string,
  messages: readonly string[],
): { warnings?: FileError[] } {
  if (messages.length === 0) return {};
  const shown =
    messages.length > 50
      ? [...messages.slice(0, 50), `…and ${messages.length - 50} more like these`]
      : messages;
  const layer = input.stat.layer?.index;
  return {
    warnings: shown.map((message) => ({
      path: input.path,
      stage,
      message,
      ...(layer === undefined ? {} : { layer }),
    })),
  };
}
