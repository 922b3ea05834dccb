/** An OS package as both tools report it: name, full version (with epoch) and introducing layer. */
export interface OsPackage {
  readonly name: string;
  readonly version: string;
  /** diff ID of the layer the tool says introduced the package. */
  readonly layerDiffId?: string;
}

interface BulwarkDoc {
  packages: { name: string; version: string; type: string; locations: { layer?: { diffId?: string } }[] }[];
}

/** OS packages (deb, rpm, apk) of a Bulwark `--format json` document. */
export function osPackagesOfBulwark(json: string): OsPackage[] {
  const doc = JSON.parse(json) as BulwarkDoc;
  return doc.packages
    .filter((p) => p.type === 'deb' || p.type === 'rpm' || p.type === 'apk')
    .map((p) => {
      const diffId = p.locations.find((l) => l.layer?.diffId)?.layer?.diffId;
      return { name: p.name, version: p.version, ...(diffId ? { layerDiffId: diffId } : {}) };
    });
}

interface CycloneDxDoc {
  components?: {
    type: string;
    name: string;
    version?: string;
    purl?: string;
    properties?: { name: string; value: string }[];
  }[];
}

/**
 * OS packages of a Trivy `--format cyclonedx` document (components whose purl is deb, rpm or apk).
 * Trivy puts the epoch in the purl's `epoch` qualifier, not in `version`: it is put back.
 */
export function osPackagesOfTrivy(json: string): OsPackage[] {
  const doc = JSON.parse(json) as CycloneDxDoc;
  const out: OsPackage[] = [];
  for (const c of doc.components ?? []) {
    if (!c.purl || !/^pkg:(deb|rpm|apk)\//.test(c.purl)) continue;
    const epoch = /[?&]epoch=(\d+)/.exec(c.purl)?.[1];
    const version = `${epoch && epoch !== '0' ? `${epoch}:` : ''}${c.version ?? ''}`;
    const diffId = c.properties?.find((p) => p.name === 'aquasecurity:trivy:LayerDiffID')?.value;
    out.push({ name: c.name, version, ...(diffId ? { layerDiffId: diffId } : {}) });
  }
  return out;
}

export interface OsPackageComparison {
  readonly same: number;
  /** `name version` entries only the first tool reported. */
  readonly onlyInFirst: string[];
  readonly onlyInSecond: string[];
  /** Packages both report whose introducing layers differ: `name version: first ≠ second`. */
  readonly layerDifferences: string[];
}

/** Compares two OS package lists by name and version (as multisets), then their layer attribution. */
export function compareOsPackages(
  first: readonly OsPackage[],
  second: readonly OsPackage[],
): OsPackageComparison {
  const key = (p: OsPackage) => `${p.name} ${p.version}`;
  const remaining = new Map<string, OsPackage[]>();
  for (const p of second) remaining.set(key(p), [...(remaining.get(key(p)) ?? []), p]);
  let same = 0;
  const onlyInFirst: string[] = [];
  const layerDifferences: string[] = [];
  for (const p of first) {
    const match = remaining.get(key(p))?.shift();
    if (!match) {
      onlyInFirst.push(key(p));
      continue;
    }
    same++;
    if (p.layerDiffId && match.layerDiffId && p.layerDiffId !== match.layerDiffId) {
      layerDifferences.push(`${key(p)}: ${p.layerDiffId.slice(0, 19)} ≠ ${match.layerDiffId.slice(0, 19)}`);
    }
  }
  const onlyInSecond = [...remaining.values()].flat().map(key);
  return { same, onlyInFirst: onlyInFirst.sort(), onlyInSecond: onlyInSecond.sort(), layerDifferences };
}
