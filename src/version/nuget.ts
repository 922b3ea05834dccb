import { err, ok, type Result } from '../core/result.ts';
import type { Ordering, VersionScheme } from './version-scheme.ts';

/**
 * NuGet versions (NuGet.Versioning): up to four numeric parts, an optional SemVer 2 pre-release
 * and ignored build metadata. Numbers are bigints because feeds do carry absurd values and the
 * comparison must still be exact.
 */
export interface NuGetVersion {
  readonly raw: string;
  /** Always four parts: missing ones are 0, so "1.0" equals "1.0.0.0". */
  readonly parts: readonly [bigint, bigint, bigint, bigint];
  /** Lower-cased pre-release identifiers; empty for a release. */
  readonly prerelease: readonly string[];
}

const NUMERIC = /^[0-9]+$/;
const IDENTIFIER = /^[0-9A-Za-z-]+$/;
const SHAPE = /^v?([0-9]+(?:\.[0-9]+){0,3})(?:-([^+]*))?(?:\+(.*))?$/i;

function parse(raw: string): Result<NuGetVersion> {
  const text = raw.trim();
  if (text === '') return err('empty NuGet version');
  const m = SHAPE.exec(text);
  if (!m)
    return err('NuGet version must be 1 to 4 dot-separated numbers, then optional -prerelease and +metadata');
  const nums = m[1]!.split('.').map((p) => BigInt(p));
  while (nums.length < 4) nums.push(0n);
  const pre = m[2];
  const prerelease: string[] = [];
  if (pre !== undefined) {
    for (const id of pre.split('.')) {
      if (!IDENTIFIER.test(id)) return err(`invalid pre-release identifier "${id}"`);
      // NuGet compares labels case-insensitively, so "BETA" and "beta" are the same version.
      prerelease.push(id.toLowerCase());
    }
  }
  const meta = m[3];
  if (meta !== undefined && !meta.split('.').every((id) => IDENTIFIER.test(id))) {
    return err(`invalid build metadata "${meta}"`);
  }
  return ok({ raw, parts: [nums[0]!, nums[1]!, nums[2]!, nums[3]!], prerelease });
}

function cmpBig(a: bigint, b: bigint): Ordering {
  return a === b ? 0 : a < b ? -1 : 1;
}

/** SemVer 2 identifier order: numbers numerically, numbers before text, text by code unit. */
function compareIdentifier(a: string, b: string): Ordering {
  const an = NUMERIC.test(a);
  const bn = NUMERIC.test(b);
  if (an && bn) return cmpBig(BigInt(a), BigInt(b));
  if (an !== bn) return an ? -1 : 1;
  return a === b ? 0 : a < b ? -1 : 1;
}

function compare(a: NuGetVersion, b: NuGetVersion): Ordering {
  for (let i = 0; i < 4; i++) {
    const r = cmpBig(a.parts[i]!, b.parts[i]!);
    if (r !== 0) return r;
  }
  // A release sorts after all of its pre-releases.
  if (a.prerelease.length === 0 || b.prerelease.length === 0) {
    return a.prerelease.length === b.prerelease.length ? 0 : a.prerelease.length === 0 ? 1 : -1;
  }
  const n = Math.min(a.prerelease.length, b.prerelease.length);
  for (let i = 0; i < n; i++) {
    const r = compareIdentifier(a.prerelease[i]!, b.prerelease[i]!);
    if (r !== 0) return r;
  }
  // Equal prefix: more identifiers is the later pre-release ("beta" < "beta.1").
  return cmpBig(BigInt(a.prerelease.length), BigInt(b.prerelease.length));
}

export const nugetVersion: VersionScheme<NuGetVersion> = { name: 'nuget', parse, compare };
