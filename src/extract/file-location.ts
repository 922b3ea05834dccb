import type { Location } from '../core/location.ts';

/** The Location of the file being extracted: its path, and its layer in image scans. */
export function fileLocation(input: {
  readonly path: string;
  readonly stat: { readonly layer?: Location['layer'] };
}): Location {
  return { path: input.path, ...(input.stat.layer ? { layer: input.stat.layer } : {}) };
}
