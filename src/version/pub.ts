import {
  compareDigits,
  compareRelease,
  compareStrings,
  parseSemverLike,
  type SemverVersion,
} from './semver.ts';
import type { Ordering, VersionScheme } from './version-scheme.ts';

/**
 * A Dart pub version (package pub_semver). Syntax is SemVer, read as leniently as the other
 * SemVer ecosystems in OSV; the difference is ordering: pub_semver's `compareTo` orders by build
 * metadata too (a build sorts after the bare version), where SemVer 2.0.0 ignores it.
 */
export type PubVersion = SemverVersion;

const DIGITS = /^[0-9]+$/;

/**
 * pub_semver's `_compareLists`: parts that parse as integers are numbers and sort before strings;
 * a list that is a prefix of the other sorts first.
 */
function compareParts(a: readonly string[], b: readonly string[]): Ordering {
  const length = Math.max(a.length, b.length);
  for (let i = 0; i < length; i++) {
    const x = a[i];
    const y = b[i];
    if (x === undefined) return -1;
    if (y === undefined) return 1;
    const xNumeric = DIGITS.test(x);
    const yNumeric = DIGITS.test(y);
    let order: Ordering;
    if (xNumeric && yNumeric) order = compareDigits(x, y);
    else if (xNumeric !== yNumeric) order = xNumeric ? -1 : 1;
    else order = compareStrings(x, y);
    if (order !== 0) return order;
  }
  return 0;
}

function comparePub(a: PubVersion, b: PubVersion): Ordering {
  const release = compareRelease(a.release, b.release);
  if (release !== 0) return release;
  // A prerelease comes before the release; a build comes after the bare version.
  const aPre = a.prerelease.length > 0;
  const bPre = b.prerelease.length > 0;
  if (aPre !== bPre) return aPre ? -1 : 1;
  const prerelease = compareParts(a.prerelease, b.prerelease);
  if (prerelease !== 0) return prerelease;
  const aBuild = a.build.length > 0;
  const bBuild = b.build.length > 0;
  if (aBuild !== bBuild) return aBuild ? 1 : -1;
  return compareParts(a.build, b.build);
}

export const pubVersion: VersionScheme<PubVersion> = {
  name: 'pub',
  parse: parseSemverLike,
  compare: comparePub,
};
