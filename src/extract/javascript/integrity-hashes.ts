import type { PackageHash } from '../../core/package.ts';

const ALGS: Readonly<Record<string, { alg: PackageHash['alg']; bytes: number }>> = {
  sha1: { alg: 'SHA-1', bytes: 20 },
  sha256: { alg: 'SHA-256', bytes: 32 },
  sha512: { alg: 'SHA-512', bytes: 64 },
};

/**
 * Hashes of the registry tarball from a Subresource Integrity string (`sha512-<base64>`, several
 * separated by spaces, as npm, pnpm and bun write them). Terms with an unknown algorithm or a
 * digest of the wrong length (hand-edited or placeholder values) are dropped, not guessed at.
 */
export function integrityHashes(integrity: string | undefined): PackageHash[] {
  if (!integrity) return [];
  const out: PackageHash[] = [];
  for (const term of integrity.trim().split(/\s+/)) {
    const dash = term.indexOf('-');
    const spec = ALGS[term.slice(0, dash).toLowerCase()];
    if (dash <= 0 || !spec) continue;
    // SRI allows `?options` after the digest.
    const b64 = term.slice(dash + 1).split('?')[0]!;
    if (!/^[A-Za-z0-9+/]+={0,2}$/.test(b64)) continue;
    const bytes = Buffer.from(b64, 'base64');
    if (bytes.length !== spec.bytes) continue;
    const content = bytes.toString('hex');
    if (!out.some((h) => h.alg === spec.alg && h.content === content)) out.push({ alg: spec.alg, content });
  }
  return out;
}
