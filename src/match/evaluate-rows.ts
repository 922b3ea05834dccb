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

/** The outcome for one (ecosystem, name, version), whichever package asked. */
interface Outcome {
  readonly hits: readonly { readonly row: AffectedRow; readonly match: OsvMatch }[];
  /** Problems, without the package they are about. */
  readonly problems: readonly string[];
}

/** Advisory ids listed in one warning at most. */
const MAX_IDS = 25;

/**
 * Evaluates the affected entries found for a lookup key against the key's version, with OSV's
 * semantics (src/version/osv-range.ts) in the scheme of each entry's ecosystem. Nothing is ever
 * silently "not affected": a version or range bound the scheme cannot read becomes a warning.
 * When the package's own version is unreadable, that is one warning listing the advisories it
 * could not be compared with, rather than one per advisory.
 *
 * Outcomes are remembered per (ecosystem, name, version) for the evaluator's life: the binary
 * packages of one source (`kernel-core`, `kernel-modules`… from `kernel`; `libc6`, `libc-bin`…
 * from `glibc`) all ask the same question through their source key. The rows passed for a key
 * must be the same on every call, as they are within one matching run.
 */
export class RowEvaluator {
  readonly #schemes: SchemeCache;
  readonly #outcomes = new Map<string, Outcome>();

  constructor(schemes: SchemeCache) {
    this.#schemes = schemes;
  }

  evaluate(pkg: Package, key: LookupKey, rows: readonly AffectedRow[]): RowsEvaluation {
    if (rows.length === 0) return { matches: [], warnings: [] };
    const cacheKey = `${key.ecosystem}\0${key.name}\0${key.version}`;
    let outcome = this.#outcomes.get(cacheKey);
    if (!outcome) {
      outcome = this.#outcome(key, rows);
      this.#outcomes.set(cacheKey, outcome);
    }
    const label = describeKey(pkg, key);
    return {
      matches: outcome.hits.map(({ row, match }) => ({ key, row, match })),
      warnings: outcome.problems.map((p) => `${label}: ${p}`),
    };
  }

  #outcome(key: LookupKey, rows: readonly AffectedRow[]): Outcome {
    const own = this.#schemes.forEcosystem(key.ecosystem);
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
      return { hits: [], problems: [`${problem}; not compared with ${listed}`] };
    }
    const hits: { row: AffectedRow; match: OsvMatch }[] = [];
    const problems: string[] = [];
    for (const row of rows) {
      const scheme = this.#schemes.forEcosystem(row.affected.ecosystem);
      if (!scheme) {
        problems.push(
          `${row.advisoryId} names the ecosystem "${row.affected.ecosystem}", whose versions Bulwark cannot order`,
        );
        continue;
      }
      const r = matchOsvAffected(key.version, row.affected, scheme);
      if (!r.ok) {
        problems.push(
          `cannot evaluate ${row.advisoryId} (${row.affected.ecosystem} ${row.affected.name}): ${r.error}`,
        );
      } else if (r.value) {
        hits.push({ row, match: r.value });
      }
    }
    return { hits, problems };
  }
}

function describeKey(pkg: Package, key: LookupKey): string {
  const self = `${pkg.name} ${pkg.version}`;
  return key.via === 'direct' ? self : `${self} (as ${key.via} ${key.name} ${key.version})`;
}
