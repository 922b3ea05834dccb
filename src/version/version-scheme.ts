import type { Result } from '../core/result.ts';

/** -1, 0 or 1, as every comparison in Bulwark returns. */
export type Ordering = -1 | 0 | 1;

/**
 * One ecosystem's version syntax and ordering (DESIGN.md): parse untrusted text into a Result,
 * compare parsed values. Each scheme lives in its own file and passes the osv-scalibr vectors for
 * its ecosystem (src/version/<scheme>.test.ts).
 */
export interface VersionScheme<V> {
  /** Stable scheme name: 'deb', 'rpm', 'apk', 'semver', 'go', 'maven', 'pep440', 'gem', 'nuget', 'composer'… */
  readonly name: string;
  parse(raw: string): Result<V>;
  compare(a: V, b: V): Ordering;
}

/** Parses both and compares; the error names which side failed and why. */
export function compareRaw<V>(scheme: VersionScheme<V>, a: string, b: string): Result<Ordering> {
  const pa = scheme.parse(a);
  if (!pa.ok) return { ok: false, error: `"${a}": ${pa.error}` };
  const pb = scheme.parse(b);
  if (!pb.ok) return { ok: false, error: `"${b}": ${pb.error}` };
  return { ok: true, value: scheme.compare(pa.value, pb.value) };
}
