/** One alternative of a dpkg relationship: `libc6:any (>= 2.36) [amd64] <!nocheck>`. */
export interface Relation {
  readonly name: string;
  /** Arch qualifier after `:` (`any`, `native`, `amd64`), lowercase. */
  readonly archQualifier?: string;
  readonly op?: '<<' | '<=' | '=' | '>=' | '>>' | '<' | '>';
  readonly version?: string;
}

const ALTERNATIVE =
  /^([a-z0-9][a-z0-9+.\-_]*)(?::([a-z0-9-]+))?\s*(?:\(\s*(<<|<=|>=|>>|=|<|>)?\s*([^)\s]+)\s*\))?\s*(?:\[[^\]]*\]\s*)?(?:<[^>]*>\s*)*$/i;

/**
 * A Depends / Pre-Depends / Provides value → its clauses (comma-separated), each a list of
 * alternatives (`|`). Architecture lists and build profiles are dropped (the installed database
 * has them resolved already); alternatives that do not parse are left out.
 */
export function parseRelations(value: string): Relation[][] {
  const clauses: Relation[][] = [];
  for (const clause of value.split(',')) {
    const alternatives: Relation[] = [];
    for (const alt of clause.split('|')) {
      const m = ALTERNATIVE.exec(alt.trim());
      if (!m) continue;
      alternatives.push({
        name: m[1]!.toLowerCase(),
        ...(m[2] ? { archQualifier: m[2].toLowerCase() } : {}),
        // `(1.2.3)` without an operator is obsolete syntax for `=`.
        ...(m[4] ? { op: (m[3] ?? '=') as NonNullable<Relation['op']>, version: m[4] } : {}),
      });
    }
    if (alternatives.length > 0) clauses.push(alternatives);
  }
  return clauses;
}
