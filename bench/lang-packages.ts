import { PackageURL } from 'packageurl-js';

/** The language ecosystems the language benchmark compares. */
export type LangType = 'npm' | 'maven';

/**
 * The comparison key of a language package: npm `name@version` (`@scope/name@version`), Maven
 * `group:artifact@version`. Both tools' purls are parsed, so encoding differences (`%40`) and
 * qualifiers (`?file_path=…`) do not matter. Undefined for another type or an unparsable purl.
 */
export function langKey(purl: string, type: LangType): string | undefined {
  let p: PackageURL;
  try {
    p = PackageURL.fromString(purl);
  } catch {
    return undefined;
  }
  if (p.type !== type) return undefined;
  const version = p.version ?? '';
  if (type === 'npm') return `${p.namespace ? `${p.namespace}/` : ''}${p.name}@${version}`;
  return `${p.namespace ?? ''}:${p.name}@${version}`;
}

/** What one tool reported for one ecosystem: every instance, and the distinct keys. */
export interface LangPackages {
  /** Package entries of the type (one per entry the tool wrote, duplicates included). */
  readonly instances: number;
  readonly keys: ReadonlySet<string>;
}

const collect = (purls: Iterable<string>, type: LangType): LangPackages => {
  let instances = 0;
  const keys = new Set<string>();
  for (const purl of purls) {
    const key = langKey(purl, type);
    if (key === undefined) continue;
    instances++;
    keys.add(key);
  }
  return { instances, keys };
};

interface BulwarkDoc {
  packages?: { purl?: string }[];
}

/** Language packages of a Bulwark `--format json` document. */
export function langPackagesOfBulwark(json: string, type: LangType): LangPackages {
  const doc = JSON.parse(json) as BulwarkDoc;
  return collect(
    (doc.packages ?? []).flatMap((p) => (p.purl ? [p.purl] : [])),
    type,
  );
}

interface CycloneDxComponent {
  purl?: string;
  components?: CycloneDxComponent[];
}

/** Language packages of a Trivy `--format cyclonedx` document (nested components included). */
export function langPackagesOfTrivy(json: string, type: LangType): LangPackages {
  const doc = JSON.parse(json) as { components?: CycloneDxComponent[] };
  const purls: string[] = [];
  const walk = (cs: readonly CycloneDxComponent[] | undefined) => {
    for (const c of cs ?? []) {
      if (c.purl) purls.push(c.purl);
      walk(c.components);
    }
  };
  walk(doc.components);
  return collect(purls, type);
}

export interface KeyComparison {
  readonly same: number;
  readonly onlyInFirst: string[];
  readonly onlyInSecond: string[];
}

/** Compares two sets of keys; the differences come back sorted. */
export function compareKeys(first: ReadonlySet<string>, second: ReadonlySet<string>): KeyComparison {
  const onlyInFirst = [...first].filter((k) => !second.has(k)).sort();
  const onlyInSecond = [...second].filter((k) => !first.has(k)).sort();
  return { same: first.size - onlyInFirst.length, onlyInFirst, onlyInSecond };
}

/**
 * Lines describing a comparison: one summary line, then at most `limit` differing entries each way
 * (and how many more were left out).
 */
export function describeComparison(
  label: string,
  c: KeyComparison,
  firstName: string,
  secondName: string,
  limit = 20,
): string[] {
  if (c.onlyInFirst.length === 0 && c.onlyInSecond.length === 0)
    return [`${label}: the same ${c.same} packages (name+version)`];
  const lines = [
    `${label}: ${c.same} the same, ${c.onlyInFirst.length} only in ${firstName}, ${c.onlyInSecond.length} only in ${secondName}`,
  ];
  const list = (keys: readonly string[], name: string) => {
    for (const k of keys.slice(0, limit)) lines.push(`    only in ${name}: ${k}`);
    if (keys.length > limit) lines.push(`    … and ${keys.length - limit} more only in ${name}`);
  };
  list(c.onlyInFirst, firstName);
  list(c.onlyInSecond, secondName);
  return lines;
}
