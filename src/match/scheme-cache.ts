import type { Result } from '../core/result.ts';
import { schemeForEcosystem } from '../version/ecosystems.ts';
import type { VersionScheme } from '../version/version-scheme.ts';

/**
 * Version schemes by ecosystem whose `parse` remembers its results per string, so the same range
 * bound (every `fixed: 2.15.0` of an index) or package version is parsed once per matching run
 * however many packages and advisories meet it. One instance per run: memory grows with the
 * distinct strings seen.
 */
export class SchemeCache {
  readonly #byScheme = new Map<VersionScheme<unknown>, VersionScheme<unknown>>();
  readonly #byEcosystem = new Map<string, VersionScheme<unknown> | undefined>();

  /** The caching scheme for an OSV ecosystem (`Debian:8`, `Maven`); undefined when unknown. */
  forEcosystem(ecosystem: string): VersionScheme<unknown> | undefined {
    if (this.#byEcosystem.has(ecosystem)) return this.#byEcosystem.get(ecosystem);
    const scheme = schemeForEcosystem(ecosystem);
    const cached = scheme && this.#cached(scheme);
    this.#byEcosystem.set(ecosystem, cached);
    return cached;
  }

  #cached(scheme: VersionScheme<unknown>): VersionScheme<unknown> {
    let c = this.#byScheme.get(scheme);
    if (!c) {
      c = cachingScheme(scheme);
      this.#byScheme.set(scheme, c);
    }
    return c;
  }
}

/** The same scheme (same `name`, which osv-range reads), with `parse` memoised. */
export function cachingScheme<V>(scheme: VersionScheme<V>): VersionScheme<V> {
  const parsed = new Map<string, Result<V>>();
  return {
    name: scheme.name,
    parse(raw: string): Result<V> {
      let r = parsed.get(raw);
      if (r === undefined) {
        r = scheme.parse(raw);
        parsed.set(raw, r);
      }
      return r;
    },
    compare: (a, b) => scheme.compare(a, b),
  };
}
