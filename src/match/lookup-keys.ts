import { PackageURL } from 'packageurl-js';
import type { MatchDetail } from '../core/finding.ts';
import type { Package } from '../core/package.ts';
import { schemeForEcosystem } from '../version/ecosystems.ts';

/** One (ecosystem, name, version) to search the advisory index for, and why. */
export interface LookupKey {
  /** The package's OSV ecosystem string, exactly (`Debian:8`, `Maven`). */
  readonly ecosystem: string;
  /** The name as advisories write it (`org.apache.logging.log4j:log4j-core`, `linux`, `stdlib`). */
  readonly name: string;
  /** The version to compare (the source package's version for `via: 'source'`). */
  readonly version: string;
  readonly via: MatchDetail['via'];
}

export interface PackageLookupKeys {
  readonly keys: readonly LookupKey[];
  /** Why the package cannot be matched at all, when that is worth telling the user. */
  readonly warning?: string;
}

/** Version schemes of OS package managers: their packages also match through their source package. */
const OS_SCHEMES: ReadonlySet<string> = new Set(['deb', 'rpm', 'apk']);

/** Debian/Ubuntu kernel image, header and module packages (`linux-image-6.1.0-13-amd64`…). */
const DEB_KERNEL_BINARY = /^linux-(image|headers|modules)-/;
/** Source packages that build kernel packages without being called `linux`. */
const DEB_KERNEL_SOURCE = /^linux-(signed|latest)/;

/**
 * The keys a package is looked up by in the advisory index:
 * - OS packages (deb, rpm, apk ecosystems): by their own name (`direct`), by their source package
 *   when its name differs (`source`), and kernel packages also as the kernel itself (`kernel`:
 *   Debian/Ubuntu `linux-image-*`, `linux-headers-*`, `linux-modules-*` and packages built from
 *   `linux-signed*`/`linux-latest*` → `linux`; rpm `kernel-*` → `kernel`) at the package's version.
 * - Maven: `groupId:artifactId`; a jar with no known groupId is not looked up (advisories always
 *   name the group, and guessing it matches the wrong artifacts).
 * - Go: the module path; the toolchain package `stdlib` with its version without the `go` prefix.
 * - npm: the full `@scope/name`.
 * - PyPI, RubyGems, Packagist, NuGet, crates.io, Pub, Hex: the package name.
 * A package without an ecosystem gets no keys; one whose ecosystem has no version scheme gets no
 * keys and a warning, because it could be vulnerable and we cannot tell.
 */
export function lookupKeys(pkg: Package): PackageLookupKeys {
  const ecosystem = pkg.ecosystem;
  if (ecosystem === undefined || ecosystem === '') return { keys: [] };
  const scheme = schemeForEcosystem(ecosystem);
  if (!scheme) {
    return {
      keys: [],
      warning: `not matched: Bulwark does not know how to order versions in the ecosystem "${ecosystem}"`,
    };
  }
  const key = (name: string, version: string, via: LookupKey['via']): LookupKey => ({
    ecosystem,
    name,
    version,
    via,
  });
  if (OS_SCHEMES.has(scheme.name)) return { keys: osKeys(pkg, scheme.name, key) };
  const base = ecosystem.split(':')[0]!.trim().toLowerCase();
  switch (base) {
    case 'maven': {
      const name = mavenName(pkg);
      return { keys: name ? [key(name, pkg.version, 'direct')] : [] };
    }
    case 'go':
      return pkg.name === 'stdlib'
        ? { keys: [key('stdlib', pkg.version.replace(/^go(?=\d)/, ''), 'stdlib')] }
        : { keys: [key(pkg.name, pkg.version, 'direct')] };
    case 'npm':
      return { keys: [key(npmName(pkg), pkg.version, 'direct')] };
    default:
      return { keys: [key(pkg.name, pkg.version, 'direct')] };
  }
}

/** True for the ecosystems of OS package managers (Debian, Ubuntu, Alpine, AlmaLinux…). */
export function isOsEcosystem(ecosystem: string): boolean {
  const scheme = schemeForEcosystem(ecosystem);
  return scheme !== undefined && OS_SCHEMES.has(scheme.name);
}

function osKeys(
  pkg: Package,
  scheme: string,
  key: (name: string, version: string, via: LookupKey['via']) => LookupKey,
): LookupKey[] {
  const keys: LookupKey[] = [key(pkg.name, pkg.version, 'direct')];
  const add = (k: LookupKey) => {
    if (!keys.some((o) => o.name === k.name && o.version === k.version)) keys.push(k);
  };
  const source = pkg.source;
  if (source && source.name !== '' && source.name !== pkg.name) {
    add(key(source.name, source.version || pkg.version, 'source'));
  }
  // A kernel package's own version is the kernel's (`linux-image-3.16.0-4-amd64` 3.16.36-1+deb8u1
  // is `linux` 3.16.36-1+deb8u1), so the kernel's advisories apply at that version. Metapackages
  // (`linux-image-amd64` from `linux-latest`) carry their own version, which only approximates it.
  if (scheme === 'deb') {
    if (DEB_KERNEL_BINARY.test(pkg.name) || (source && DEB_KERNEL_SOURCE.test(source.name))) {
      add(key('linux', pkg.version, 'kernel'));
    }
  } else if (scheme === 'rpm' && pkg.name.startsWith('kernel')) {
    add(key('kernel', pkg.version, 'kernel'));
  }
  return keys;
}

function parsePurl(purl: string): PackageURL | undefined {
  try {
    return PackageURL.fromString(purl);
  } catch {
    return undefined;
  }
}

/**
 * `groupId:artifactId`. The extractors record the groupId in metadata (empty when unknown); without
 * metadata the purl's namespace is the groupId. Syft-style purls put the artifactId in the
 * namespace when the group is unknown, which is why metadata, when present, wins.
 */
function mavenName(pkg: Package): string | undefined {
  const purl = parsePurl(pkg.purl);
  const fromPurl = purl?.type === 'maven' ? purl : undefined;
  const md = pkg.metadata ?? {};
  const group = typeof md.groupId === 'string' ? md.groupId : fromPurl?.namespace;
  const artifact =
    typeof md.artifactId === 'string' && md.artifactId !== '' ? md.artifactId : (fromPurl?.name ?? pkg.name);
  if (!group || !artifact) return undefined;
  return `${group}:${artifact}`;
}

/** `@scope/name`, also when an SBOM put the scope only in the purl's namespace. */
function npmName(pkg: Package): string {
  if (pkg.name.startsWith('@')) return pkg.name;
  const purl = parsePurl(pkg.purl);
  const ns = purl?.type === 'npm' ? purl.namespace : undefined;
  return ns?.startsWith('@') ? `${ns}/${pkg.name}` : pkg.name;
}
