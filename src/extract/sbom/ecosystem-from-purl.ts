import type { PackageURL } from 'packageurl-js';
import type { OsInfo } from '../../core/os-info.ts';
import { osvEcosystem } from '../os/os-ecosystem.ts';
import { distroId, distroOs } from './distro-os.ts';
import { parsePurl, qualifier } from './parse-purl.ts';

/** purl type → OSV ecosystem, for language ecosystems (no release). */
const LANGUAGE_ECOSYSTEMS: Readonly<Record<string, string>> = {
  maven: 'Maven',
  npm: 'npm',
  pypi: 'PyPI',
  golang: 'Go',
  cargo: 'crates.io',
  gem: 'RubyGems',
  composer: 'Packagist',
  nuget: 'NuGet',
  pub: 'Pub',
  hex: 'Hex',
  bitnami: 'Bitnami',
};

/** purl types of OS package managers, whose ecosystem depends on the distribution and its release. */
const OS_TYPES: ReadonlySet<string> = new Set(['deb', 'apk', 'rpm']);

/** True when `os` can be the distribution a purl of this namespace/distro came from. */
function sameDistro(os: OsInfo, id: string | undefined): boolean {
  return id === undefined || os.id === id || (os.idLike ?? []).includes(id);
}

/** The ecosystem of a distribution whose OSV ecosystem has no release (`Red Hat`, `Wolfi`). */
function releaseless(id: string): string | undefined {
  const eco = osvEcosystem({ id, source: '' });
  // An ecosystem that does not change with the version is one without a release part.
  return eco !== undefined && eco === osvEcosystem({ id, versionId: '1', source: '' }) ? eco : undefined;
}

/**
 * The OSV ecosystem (with release for OS packages: `Debian:12`, `Alpine:v3.18`, `AlmaLinux:9`) of
 * the package a purl names; undefined when the purl is invalid or its ecosystem is unknown.
 *
 * Language packages map by purl type (`pkg:maven` → `Maven`, `pkg:golang` → `Go`…). OS packages
 * (deb, apk, rpm) take the distribution and release from the `distro` qualifier; when it gives no
 * release, from `os` (the SBOM's operating system) provided it is the distribution the purl
 * namespace names; failing both, only distributions whose ecosystem has no release (`Red Hat`,
 * `Wolfi`, `Chainguard`) get one: `Debian` without a release would match every release's advisories.
 */
export function ecosystemFromPurl(purl: string | PackageURL, os?: OsInfo): string | undefined {
  const p = typeof purl === 'string' ? parsePurl(purl) : purl;
  if (!p) return undefined;
  const type = p.type.toLowerCase();
  if (!OS_TYPES.has(type)) return LANGUAGE_ECOSYSTEMS[type];
  const fromDistro = distroOs(qualifier(p, 'distro'), p.namespace);
  if (fromDistro?.versionId) return osvEcosystem(fromDistro);
  // A distro without a release may be a codename (`bookworm`): the namespace names the distribution.
  const id = p.namespace ? distroId(p.namespace) : fromDistro?.id;
  if (os && sameDistro(os, id)) return osvEcosystem(os);
  return id === undefined ? undefined : releaseless(id);
}
