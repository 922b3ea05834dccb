import { createHash } from 'node:crypto';
import type { Advisory } from '../../core/advisory.ts';

/**
 * sha256 of an advisory's JSON. Parsers build records with a fixed key order, so the same input
 * always gives the same fingerprint; it changes whenever anything a reader could see changes,
 * which also covers feeds without `modified` dates (Alpine secdb, the Debian tracker JSON).
 */
export function advisoryFingerprint(a: Advisory): string {
  return createHash('sha256').update(JSON.stringify(a)).digest('hex');
}
