import { PackageURL } from 'packageurl-js';
import type { Location } from '../../core/location.ts';

/** `gem:<name>@<version>`, with `-<platform>` when the lock pins a platform build. */
export function gemId(name: string, version: string, platform?: string): string {
  return `gem:${name}@${version}${platform ? `-${platform}` : ''}`;
}

/** `pkg:gem/<name>@<version>`, `?platform=` for a platform build (purl spec for gem). */
export function gemPurl(name: string, version: string, platform?: string): string {
  return new PackageURL(
    'gem',
    undefined,
    name,
    version || undefined,
    platform ? { platform } : undefined,
    undefined,
  ).toString();
}

export function locationOf(input: {
  readonly path: string;
  readonly stat: { readonly layer?: Location['layer'] };
}): Location {
  return { path: input.path, ...(input.stat.layer ? { layer: input.stat.layer } : {}) };
}

/** Bytes as UTF-8 text; throws when they are binary (a NUL byte). */
export function decodeText(bytes: Uint8Array, what: string): string {
  if (bytes.includes(0)) throw new Error(`not a ${what}: the file is binary`);
  return new TextDecoder().decode(bytes).replace(/^\uFEFF/, '');
}
