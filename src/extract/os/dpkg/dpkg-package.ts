import { PackageURL } from 'packageurl-js';
import type { Location } from '../../../core/location.ts';
import type { OsInfo } from '../../../core/os-info.ts';
import type { Package } from '../../../core/package.ts';
import { distroQualifier, osvEcosystem, purlNamespace } from '../os-ecosystem.ts';
import type { DpkgRecord } from './parse-dpkg-status.ts';

export const DPKG_EXTRACTOR = 'os/dpkg';

/** `deb:<name>@<version>:<arch>`: the same for a package whichever database file lists it. */
export function dpkgId(r: Pick<DpkgRecord, 'name' | 'version' | 'arch'>): string {
  return `deb:${r.name}@${r.version}${r.arch ? `:${r.arch}` : ''}`;
}

/**
 * The purl Syft writes: `pkg:deb/debian/libc6@2.36-9?arch=amd64&distro=debian-12&upstream=glibc`
 * (qualifiers sorted; `upstream` only when the stanza has a Source field, `name@version` when
 * that names a version). Without an OS the namespace falls back to `debian` and there is no
 * `distro` (Syft writes no purl at all then).
 */
export function dpkgPurl(r: DpkgRecord, os: OsInfo | undefined): string {
  const qualifiers: Record<string, string> = {};
  if (r.arch) qualifiers.arch = r.arch;
  const distro = distroQualifier(os);
  if (distro) qualifiers.distro = distro;
  const src = r.declaredSource;
  if (src) qualifiers.upstream = src.version ? `${src.name}@${src.version}` : src.name;
  return new PackageURL(
    'deb',
    purlNamespace(os, 'debian'),
    r.name,
    r.version || undefined,
    qualifiers,
    undefined,
  ).toString();
}

export interface DpkgExtras {
  readonly location: Location;
  readonly os: OsInfo | undefined;
  readonly files?: readonly string[];
  readonly licenses: readonly string[];
  readonly dependsOn: readonly string[];
}

export function dpkgPackage(r: DpkgRecord, x: DpkgExtras): Package {
  const ecosystem = osvEcosystem(x.os);
  const metadata: Record<string, unknown> = {};
  for (const key of [
    'status',
    'multiArch',
    'installedSize',
    'depends',
    'preDepends',
    'provides',
    'homepage',
  ] as const) {
    if (r[key] !== undefined) metadata[key] = r[key];
  }
  if (r.summary !== undefined) metadata.description = r.summary;
  return {
    id: dpkgId(r),
    name: r.name,
    version: r.version,
    type: 'deb',
    ...(ecosystem ? { ecosystem } : {}),
    purl: dpkgPurl(r, x.os),
    ...(r.arch ? { arch: r.arch } : {}),
    source: { name: r.declaredSource?.name ?? r.name, version: r.declaredSource?.version ?? r.version },
    licenses: x.licenses,
    ...(r.maintainer ? { maintainer: r.maintainer } : {}),
    locations: [x.location],
    ...(x.files ? { files: x.files } : {}),
    dependsOn: x.dependsOn,
    foundBy: DPKG_EXTRACTOR,
    metadata,
  };
}
