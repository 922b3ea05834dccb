import { err, ok, type Result } from '../core/result.ts';
import { compareSemverPrecedence, parseSemverLike, type SemverVersion } from './semver.ts';
import type { VersionScheme } from './version-scheme.ts';

/**
 * A Go module version (golang.org/ref/mod#versions). Go versions are SemVer with a `v` prefix;
 * OSV's Go advisories write range bounds without it (`1.2.3`), so the prefix is optional here.
 *
 * Pseudo-versions (`v0.0.0-20210101000000-abcdef123456`, `v1.2.4-0.2021…-abc`) are ordinary
 * prereleases, so SemVer precedence already places them just below the release they precede.
 * `+incompatible` (a v2+ module without go.mod) is build metadata and, like all build
 * metadata, does not affect ordering.
 */
export interface GoVersion extends SemverVersion {
  /** True for `+incompatible`; informational only. */
  readonly incompatible: boolean;
}

const NUMBER = /^(0|[1-9][0-9]*)$/;
const DIGITS = /^[0-9]+$/;

function parseGo(raw: string): Result<GoVersion> {
  const text = raw.trim();
  // Go's prefix is lowercase only; `V1.2.3` is not a module version.
  if (text.startsWith('V')) return err('Go versions use a lowercase "v" prefix');
  // Go rejects leading zeros, which the lenient SemVer parser canonicalises away: check the raw text.
  const core = text.replace(/^v/, '').split(/[-+]/, 1)[0] ?? '';
  const parsed = parseSemverLike(text);
  if (!parsed.ok) return parsed;
  const v = parsed.value;
  const components = core.split('.');
  if (components.length > 3) return err(`Go versions have at most three components, got "${core}"`);
  for (const c of components) {
    if (!NUMBER.test(c)) return err(`release component "${c}" has a leading zero`);
  }
  // x/mod/semver accepts the vMAJOR and vMAJOR.MINOR shorthands only as bare releases.
  if (components.length < 3 && (v.prerelease.length > 0 || v.build.length > 0)) {
    return err('a prerelease or build needs all three release components');
  }
  for (const id of v.prerelease) {
    if (DIGITS.test(id) && !NUMBER.test(id))
      return err(`numeric prerelease identifier "${id}" has a leading zero`);
  }
  return ok({ ...v, incompatible: v.build.length === 1 && v.build[0] === 'incompatible' });
}

export const goVersion: VersionScheme<GoVersion> = {
  name: 'go',
  parse: parseGo,
  compare: compareSemverPrecedence,
};
