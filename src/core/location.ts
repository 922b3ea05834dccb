import type { LayerRef } from './layer-ref.ts';

/** Where evidence for a package was found: a path in the scanned tree (no leading slash), and its layer. */
export interface Location {
  readonly path: string;
  readonly layer?: LayerRef;
}
