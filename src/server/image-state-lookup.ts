import type { Finding } from '../core/finding.ts';
import type { ScanResult } from '../core/scan-result.ts';
import { imageDigest, referenceCandidates } from '../policy/admission/image-reference.ts';
import { type ImageVulnState, imageVulnState } from '../policy/admission/image-vuln-state.ts';
import type { ScanKey } from '../store/scan-queries.ts';
import { TtlCache } from './ttl-cache.ts';

/** Where saved scans come from: the Store, or anything with its `latestScan`. */
export interface ScanSource {
  latestScan(key: ScanKey): Promise<ScanResult | undefined>;
}

export interface ImageStateLookupOptions {
  /** Which findings to keep in the cache (findingFilter(policy)); default: every unsuppressed one. */
  readonly keep?: (f: Finding) => boolean;
  /** How long an answer is reused: a scan saved meanwhile is seen after this at most. */
  readonly ttlMs?: number;
  readonly maxEntries?: number;
  readonly now?: () => number;
}

/**
 * The vulnerability state of an image from saved scans, cached: by manifest digest when the
 * reference pins one (`@sha256:`), then by each spelling of the reference (`nginx:1.25`,
 * `docker.io/library/nginx:1.25`). Concurrent asks for one image share one lookup; a failed
 * lookup is not cached (the caller sees the error; the next ask tries again).
 */
export function cachedImageState(
  source: ScanSource,
  opts: ImageStateLookupOptions = {},
): (image: string) => Promise<ImageVulnState> {
  const cache = new TtlCache<string, Promise<ImageVulnState>>({
    maxEntries: opts.maxEntries ?? 1000,
    ttlMs: opts.ttlMs ?? 30_000,
    ...(opts.now ? { now: opts.now } : {}),
  });
  const load = async (image: string): Promise<ImageVulnState> => {
    const digest = imageDigest(image);
    if (digest !== undefined) {
      const scan = await source.latestScan({ digest });
      if (scan !== undefined) return imageVulnState(scan, opts.keep);
    }
    for (const reference of referenceCandidates(image)) {
      const scan = await source.latestScan({ reference });
      if (scan !== undefined) return imageVulnState(scan, opts.keep);
    }
    return imageVulnState(undefined);
  };
  return (image) => {
    const hit = cache.get(image);
    if (hit !== undefined) return hit;
    const p = load(image);
    cache.set(image, p);
    p.catch(() => cache.delete(image));
    return p;
  };
}
