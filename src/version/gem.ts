import { err, ok, type Result } from '../core/result.ts';
import { compareDigits, compareStrings } from './semver.ts';
import type { Ordering, VersionScheme } from './version-scheme.ts';

/**
 * A RubyGems version (Gem::Version). Segments are runs of digits or of letters (`1.0.a10` is
 * 1, 0, "a", 10); any letter makes the version a prerelease, because a string segment sorts
 * below every number (`1.0.b1 < 1.0`).
 */
export interface GemVersion {
  /** Canonical segments: numbers as canonical digit strings, letters as `{ text }`. */
  readonly segments: readonly Segment[];
  readonly prerelease: boolean;
}

type Segment = string | { readonly text: string };

/*
 * Gem::Version's pattern requires a dot before letters (`1.beta`), but OSV and real gemspecs
 * compare `1beta` too, so letters may follow digits directly. A `-` starts a prerelease
 * suffix, as in RubyGems.
 */
const PATTERN = /^[0-9][0-9A-Za-z]*(\.[0-9A-Za-z]+)*(-[0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*)?$/;
const SEGMENT = /[0-9]+|[A-Za-z]+/g;

function isZero(s: Segment): boolean {
  return typeof s === 'string' && /^0+$/.test(s);
}

function dropTrailingZeros(segments: Segment[]): Segment[] {
  let end = segments.length;
  while (end > 0 && isZero(segments[end - 1]!)) end--;
  return segments.slice(0, end);
}

function parseGem(raw: string): Result<GemVersion> {
  const text = raw.trim();
  if (text === '') return err('empty version');
  if (!PATTERN.test(text)) return err('not a RubyGems version (digits, letters, "." and a "-" suffix)');
  // RubyGems rewrites "-" to ".pre." so `1.0-rc` sorts as the prerelease `1.0.pre.rc`.
  const segments: Segment[] = (text.replaceAll('-', '.pre.').match(SEGMENT) ?? []).map((s) =>
    /^[0-9]/.test(s) ? s.replace(/^0+(?=.)/, '') : { text: s },
  );
  // Gem::Version#canonical_segments: trailing zeros of the release part and of the prerelease
  // part are dropped independently, so `1.0.a` == `1.a` and `1.0` == `1`.
  const firstString = segments.findIndex((s) => typeof s !== 'string');
  const release = firstString === -1 ? segments : segments.slice(0, firstString);
  const pre = firstString === -1 ? [] : segments.slice(firstString);
  return ok({
    segments: [...dropTrailingZeros(release), ...dropTrailingZeros(pre)],
    prerelease: firstString !== -1,
  });
}

/** Gem::Version#<=>: pad with 0; strings sort below numbers; like kinds compare naturally. */
function compareGem(a: GemVersion, b: GemVersion): Ordering {
  const length = Math.max(a.segments.length, b.segments.length);
  for (let i = 0; i < length; i++) {
    const x = a.segments[i] ?? '0';
    const y = b.segments[i] ?? '0';
    let order: Ordering;
    if (typeof x === 'string' && typeof y === 'string') order = compareDigits(x, y);
    else if (typeof x === 'string') order = 1;
    else if (typeof y === 'string') order = -1;
    else order = compareStrings(x.text, y.text);
    if (order !== 0) return order;
  }
  return 0;
}

export const gemVersion: VersionScheme<GemVersion> = {
  name: 'gem',
  parse: parseGem,
  compare: compareGem,
};
