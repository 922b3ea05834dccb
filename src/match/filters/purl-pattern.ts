import { PackageURL } from 'packageurl-js';
import { err, ok, type Result } from '../../core/result.ts';

/** A parsed purl used to select packages: ecosystem identity, and optionally version and qualifiers. */
export interface PurlPattern {
  /** The purl as written. */
  readonly raw: string;
  readonly type: string;
  readonly namespace: string;
  readonly name: string;
  /** Absent: any version. */
  readonly version?: string;
  /** Qualifiers given in the purl (may be empty). */
  readonly qualifiers: Readonly<Record<string, string>>;
}

/**
 * Parses a purl (with packageurl-js, so percent-encoding and type-specific normalisation such as
 * PyPI name folding are applied once, the same way on both sides of a comparison).
 */
export function parsePurlPattern(text: string): Result<PurlPattern> {
  let p: PackageURL;
  try {
    p = PackageURL.fromString(text.trim());
  } catch (e) {
    return err(`"${text}" is not a valid purl (${e instanceof Error ? e.message : String(e)})`);
  }
  const base = {
    raw: text,
    type: p.type,
    namespace: p.namespace ?? '',
    name: p.name,
    qualifiers: { ...(p.qualifiers ?? {}) },
  };
  return ok(p.version ? { ...base, version: p.version } : base);
}

export interface PurlMatchOptions {
  /**
   * `true`: every qualifier the pattern gives must be present with the same value in the
   * package's purl (qualifiers the pattern does not give are ignored). `false`: qualifiers are
   * ignored altogether.
   */
  readonly qualifiers: boolean;
}

/**
 * True when `pkg` is the package `pattern` names: same type, namespace and name; same version when
 * the pattern has one; and the pattern's qualifiers when `opts.qualifiers` asks for them. Subpaths
 * are ignored.
 */
export function purlMatches(pattern: PurlPattern, pkg: PurlPattern, opts: PurlMatchOptions): boolean {
  if (pattern.type !== pkg.type || pattern.namespace !== pkg.namespace || pattern.name !== pkg.name) {
    return false;
  }
  if (pattern.version !== undefined && pattern.version !== pkg.version) return false;
  if (opts.qualifiers) {
    for (const [k, v] of Object.entries(pattern.qualifiers)) {
      if (pkg.qualifiers[k] !== v) return false;
    }
  }
  return true;
}

/** The identity part of a purl (`type/namespace/name`), for indexing patterns by package. */
export function purlIdentity(p: Pick<PurlPattern, 'type' | 'namespace' | 'name'>): string {
  return `${p.type}/${p.namespace}/${p.name}`;
}

/**
 * Parses package purls once each: findings of one package share a purl, and a VEX file may name
 * thousands of products. Unparseable purls map to undefined (they match nothing).
 */
export class PurlCache {
  readonly #parsed = new Map<string, PurlPattern | undefined>();

  get(purl: string): PurlPattern | undefined {
    if (this.#parsed.has(purl)) return this.#parsed.get(purl);
    const r = parsePurlPattern(purl);
    const value = r.ok ? r.value : undefined;
    this.#parsed.set(purl, value);
    return value;
  }
}
