import type { Extractor } from './extractor.ts';
import { apkExtractor } from './os/apk/apk.ts';
import { dpkgExtractor } from './os/dpkg/dpkg.ts';
import { releaseExtractor } from './os/release/release.ts';
import { rpmExtractor } from './os/rpm/rpm.ts';

/**
 * Every extractor, by name, in the order they run (OS providers run first regardless). Explicit
 * on purpose: no discovery, no side-effect registration. Later issues add language extractors.
 */
export const EXTRACTORS: ReadonlyMap<string, Extractor> = new Map(
  [releaseExtractor, dpkgExtractor, apkExtractor, rpmExtractor].map((e) => [e.name, e]),
);

/** Named groups, as OSV-SCALIBR has them: `os` for OS packages; `default` for a normal scan. */
export const EXTRACTOR_SETS: ReadonlyMap<string, readonly string[]> = new Map([
  ['os', ['os/release', 'os/dpkg', 'os/apk', 'os/rpm']],
  ['default', ['os/release', 'os/dpkg', 'os/apk', 'os/rpm']],
]);

export function extractorSet(name = 'default'): Extractor[] {
  const names = EXTRACTOR_SETS.get(name);
  if (!names) throw new Error(`unknown extractor set "${name}"`);
  return names.map((n) => EXTRACTORS.get(n)!);
}
