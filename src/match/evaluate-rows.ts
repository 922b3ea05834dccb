import type { AffectedRow } from '../core/advisory-lookup.ts';
import type { Package } from '../core/package.ts';
import { matchOsvAffected, type OsvMatch } from '../version/osv-range.ts';
import type { LookupKey } from './lookup-keys.ts';
import type { SchemeCache } from './scheme-cache.ts';

/** One affected entry of an advisory that a package's version falls in. */
export interface RangeMatch {
  readonly key: LookupKey;
  readonly row: AffectedRow;
  readonly match: OsvMatch;
}

export interface RowsEvaluation {
  readonly matches: RangeMatch[];
  /** What could not be decided, naming the package, the advisory and the problem. */
  readonly warnings: string[];
}

/** Advisory ids listed in one warning at most. */
const MAX_IDS = 25;

/**
 * Evaluates the affected entries found for one lookup key against the key's version, with OSV's
 * semantics (src/version/osv-range.ts) in the scheme of each entry's ecosystem. Nothing is ever
 * silently "not affected": a version or range bound the scheme cannot read becomes a warning. When
 * the package's own version is unreadable, that is one warning listing the advisories it could
 * not be compared with, rather than one per advisory.
 */
export function evaluateRows(
  pkg: Package,
  key: LookupKey,
  rows: readonly AffectedRow[],
  schemes: SchemeCache,
): RowsEvaluation {
  const matches: RangeMatch[] = [];
  const warnings: string[] = [];
  if (rows.length === 0) return { matches, warnings };
  const label = describeKey(pkg, key);
  const own = schemes.forEcosystem(key.ecosystem);
  const parsed = own?.parse(key.version);
  if (own && parsed && !parsed.ok) {
    const ids = [...new Set(rows.map((r) => r.advisoryId))].sort();
    const listed =
      ids.length > MAX_IDS
        ? `${ids.slice(0, MAX_IDS).join(', ')} and ${ids.length - MAX_IDS} more`
        : ids.join(', ');
    const problem =
      key.version === ''
        ? 'it has no version'
        : `version "${key.version}" is not a valid ${own.name} version (${parsed.error})`;
    warnings.push(`${label}: ${problem}; not compared with ${listed}`);
    return { matches, warnings };
  }
  for (const row of rows) {
    const scheme = schemes.forEcosystem(row.affected.ecosystem);
    if (!scheme) {
      warnings.push(
        `${label}: ${row.advisoryId} names the ecosystem "${row.affected.ecosystem}", whose versions Bulwark cannot order`,
      );
      continue;
    }
    const r = matchOsvAffected(key.version, row.affected, scheme);
    if (!r.ok) {
      warnings.push(
        `${label}: cannot evaluate ${row.advisoryId} (${row.affected.ecosystem} ${row.affected.name}): ${r.error}`,
      );
    } else if (r.value) {
      matches.push({ key, row, match: r.value });
    }
  }
  return { matches, warnings };
}

function describeKey(pkg: Package, key: LookupKey): string {
  const self = `${pkg.name} ${pkg.version}`;
  return key.via === 'direct' ? self : `${self} (as ${key.via} ${key.name} ${key.version})`;
}
