import type { OsvEvent, OsvRange } from '../../../core/advisory.ts';
import { err, ok, type Result } from '../../../core/result.ts';
import { schemeForEcosystem } from '../../../version/ecosystems.ts';
import { semverVersion } from '../../../version/semver.ts';
import type { VersionScheme } from '../../../version/version-scheme.ts';
import { type Constraint, formatConstraint } from './comparator.ts';
import {
  type CompareVersions,
  constraintToInterval,
  isPoint,
  subtractIntervals,
  type VersionInterval,
} from './version-interval.ts';

export interface ConstraintsToOsvOptions {
  /** OSV ecosystem (`RubyGems`, `Packagist`, `npm`); its version scheme orders the bounds. */
  readonly ecosystem: string;
  /**
   * `ECOSYSTEM` (default) orders by the ecosystem's scheme; `SEMVER` by SemVer 2.0 whatever the
   * ecosystem, as OSV's SEMVER ranges do (and as a matcher does for them).
   */
  readonly rangeType?: 'ECOSYSTEM' | 'SEMVER';
}

/** The `ranges` and `versions` of an OSV `affected[]` entry, and what could not be said exactly. */
export interface OsvVersions {
  readonly ranges: OsvRange[];
  readonly versions: string[];
  /**
   * One line per place where the OSV form differs from the constraints: an exclusive lower bound
   * (`> x`) is written `introduced: x`, because OSV has no exclusive `introduced` and no version
   * "just after x" exists in most schemes, so `x` itself is over-reported (a false positive rather
   * than a missed version); a constraint admitting no version (`>= 2, < 1`) is dropped.
   */
  readonly notes: string[];
}

/**
 * Affected = the union of `affected` (each an AND of comparators, e.g. FriendsOfPHP's branch
 * lists or one `||` alternative of an npm range). Overlapping alternatives are merged; each
 * remaining interval becomes one OSV range: `introduced` = lower bound or `0`, `fixed` = an
 * exclusive upper bound, `last_affected` = an inclusive one; a single version (`= x`) goes to
 * `versions`. Errors name the constraint and the version the scheme could not parse. Never throws.
 */
export function constraintsToOsv(
  affected: readonly Constraint[],
  opts: ConstraintsToOsvOptions,
): Result<OsvVersions> {
  return differenceToOsv(affected, [], opts);
}

/**
 * Affected = every version outside the union of `unaffected`, as ruby-advisory-db's
 * `patched_versions` + `unaffected_versions` say. The intervals are sorted by lower bound with the
 * ecosystem's scheme, merged, and the gaps between them emitted as in {@link constraintsToOsv}.
 */
export function complementToOsv(
  unaffected: readonly Constraint[],
  opts: ConstraintsToOsvOptions,
): Result<OsvVersions> {
  return differenceToOsv([[]], unaffected, opts);
}

/**
 * Affected = the union of `affected` minus the union of `unaffected` (Node.js core: vulnerable
 * `8.x` minus patched `^8.1.4` is `>= 8.0.0, < 8.1.4`). Output as in {@link constraintsToOsv}.
 */
export function differenceToOsv(
  affected: readonly Constraint[],
  unaffected: readonly Constraint[],
  opts: ConstraintsToOsvOptions,
): Result<OsvVersions> {
  const rangeType = opts.rangeType ?? 'ECOSYSTEM';
  const scheme =
    rangeType === 'SEMVER' ? (semverVersion as VersionScheme<unknown>) : schemeForEcosystem(opts.ecosystem);
  if (scheme === undefined) return err(`no version scheme is known for ecosystem "${opts.ecosystem}"`);
  const parsed = new Map<string, unknown>();
  for (const c of [...affected, ...unaffected]) {
    for (const { version } of c) {
      if (parsed.has(version)) continue;
      const p = scheme.parse(version);
      if (!p.ok)
        return err(`"${formatConstraint(c)}": "${version}" is not a ${scheme.name} version (${p.error})`);
      parsed.set(version, p.value);
    }
  }
  const cmp: CompareVersions = (a, b) => scheme.compare(parsed.get(a), parsed.get(b));
  const notes: string[] = [];
  const intervals = (list: readonly Constraint[]) =>
    list.flatMap((c) => {
      const i = constraintToInterval(c, cmp);
      if (i === undefined) notes.push(`"${formatConstraint(c)}" admits no version; dropped`);
      return i === undefined ? [] : [i];
    });
  const result = subtractIntervals(intervals(affected), intervals(unaffected), cmp);
  const ranges: OsvRange[] = [];
  const versions: string[] = [];
  const zero = scheme.parse('0');
  for (const i of result) {
    // The gap below `>= 0` (a complement's first gap) holds no real version.
    const belowZero =
      zero.ok && i.lower === undefined && i.upper !== undefined && !i.upper.inclusive
        ? scheme.compare(parsed.get(i.upper.version), zero.value) <= 0
        : false;
    if (belowZero) continue;
    if (isPoint(i, cmp)) versions.push(i.lower!.version);
    else {
      // `>= 0.0.0` (what subtracting a `< 0.0.0` "nothing patched" leaves) is written `0`.
      const fromZero =
        zero.ok &&
        i.lower?.inclusive === true &&
        scheme.compare(parsed.get(i.lower.version), zero.value) === 0;
      const from0: VersionInterval = i.upper === undefined ? {} : { upper: i.upper };
      ranges.push({ type: rangeType, events: events(fromZero ? from0 : i, notes) });
    }
  }
  return ok({ ranges, versions, notes });
}

function events(i: VersionInterval, notes: string[]): OsvEvent[] {
  const out: OsvEvent[] = [{ introduced: i.lower?.version ?? '0' }];
  if (i.lower !== undefined && !i.lower.inclusive) {
    notes.push(
      `"> ${i.lower.version}" written as introduced ${i.lower.version}, which is reported affected too`,
    );
  }
  if (i.upper !== undefined)
    out.push(i.upper.inclusive ? { last_affected: i.upper.version } : { fixed: i.upper.version });
  return out;
}
