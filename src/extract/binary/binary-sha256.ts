import { createHash } from 'node:crypto';
import type { PackageHash } from '../../core/package.ts';

/** The SHA-256 of a binary a package was identified from (Package.hashes). */
export function binarySha256(bytes: Uint8Array): PackageHash {
  return { alg: 'SHA-256', content: createHash('sha256').update(bytes).digest('hex') };
}
