import { PackageURL } from 'packageurl-js';

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

/** Bytes as UTF-8 text; throws when they are binary (a NUL byte). */
export function decodeText(bytes: Uint8Array, what: string): string {
  if (bytes.includes(0)) throw new Error(`not a ${what}: the file is binary`);
  return new TextDecoder().decode(bytes).replace(/^\uFEFF/, '');
}
