import { BulwarkError, ErrorCodes } from '../../core/errors.ts';
import type { Descriptor, Platform } from './parse-manifest.ts';

/** `linux/arm64/v8` → Platform. Throws E_USAGE on a malformed value. */
export function parsePlatform(text: string): Platform {
  const [os, architecture, variant, extra] = text.split('/');
  if (!os || !architecture || extra !== undefined) {
    throw new BulwarkError(
      ErrorCodes.USAGE,
      `--platform "${text}": expected os/arch[/variant], e.g. linux/amd64`,
    );
  }
  return { os, architecture, ...(variant ? { variant } : {}) };
}

export function formatPlatform(p: Platform): string {
  return [p.os, p.architecture, p.variant].filter(Boolean).join('/');
}

/** arm64 images usually say variant v8 or nothing; treat the two as the same. */
function variantMatches(want: Platform, have: Platform): boolean {
  if (!want.variant) return true;
  if (want.variant === have.variant) return true;
  return want.architecture === 'arm64' && (have.variant ?? 'v8') === want.variant;
}

/**
 * Picks the manifest for `want` from an index. Attestation manifests (`unknown/unknown`,
 * buildkit's `vnd.docker.reference.type`) are never chosen. Throws E_PLATFORM_NOT_FOUND listing
 * what the index offers.
 */
export function selectPlatform(
  manifests: readonly Descriptor[],
  want: Platform,
  subject: string,
): Descriptor {
  const images = manifests.filter(
    (m) => !m.annotations?.['vnd.docker.reference.type'] && m.platform?.os !== 'unknown',
  );
  const hit = images.find(
    (m) =>
      m.platform &&
      m.platform.os === want.os &&
      m.platform.architecture === want.architecture &&
      variantMatches(want, m.platform),
  );
  if (hit) return hit;
  // An index without platform fields (common in single-image OCI layouts) has one image: take it.
  const unlabelled = images.filter((m) => !m.platform);
  if (unlabelled.length === 1 && images.length === 1) return unlabelled[0]!;
  const offered =
    images.map((m) => (m.platform ? formatPlatform(m.platform) : m.digest)).join(', ') || 'nothing';
  throw new BulwarkError(
    ErrorCodes.PLATFORM_NOT_FOUND,
    `${subject}: no image for platform ${formatPlatform(want)} (the index offers: ${offered}); use --platform`,
    { subject },
  );
}
