import { PackageURL } from 'packageurl-js';
import type { Location } from '../../../core/location.ts';
import type { OsInfo } from '../../../core/os-info.ts';
import type { Package } from '../../../core/package.ts';
import { declaredLicenses } from '../../license/declared-licenses.ts';
import { distroQualifier, osvEcosystem, purlNamespace } from '../os-ecosystem.ts';
import type { ApkRecord } from './parse-apk-db.ts';

export const APK_EXTRACTOR = 'os/apk';

/** `apk:<name>@<version>:<arch>`. */
export function apkId(r: Pick<ApkRecord, 'name' | 'version' | 'arch'>): string {
  return `apk:${r.name}@${r.version}${r.arch ? `:${r.arch}` : ''}`;
}

/**
 * The purl Syft writes: `pkg:apk/alpine/busybox-binsh@1.36.1-r15?arch=x86_64&distro=alpine-3.18.4&upstream=busybox`
 * (qualifiers sorted; `upstream` only when the origin differs from the name). Without an OS the
 * namespace falls back to `alpine` and there is no `distro` (Syft writes no purl then).
 */
export function apkPurl(r: ApkRecord, os: OsInfo | undefined): string {
  const qualifiers: Record<string, string> = {};
  if (r.arch) qualifiers.arch = r.arch;
  const distro = distroQualifier(os);
  if (distro) qualifiers.distro = distro;
  if (r.origin && r.origin !== r.name) qualifiers.upstream = r.origin;
  return new PackageURL(
    'apk',
    purlNamespace(os, 'alpine'),
    r.name,
    r.version || undefined,
    qualifiers,
    undefined,
  ).toString();
}

export function apkPackage(
  r: ApkRecord,
  x: { location: Location; os: OsInfo | undefined; dependsOn: string[] },
): Package {
  const ecosystem = osvEcosystem(x.os);
  const metadata: Record<string, unknown> = { depends: r.depends, provides: r.provides };
  for (const key of [
    'commit',
    'buildTime',
    'checksum',
    'size',
    'installedSize',
    'description',
    'url',
  ] as const) {
    if (r[key] !== undefined) metadata[key] = r[key];
  }
  return {
    id: apkId(r),
    name: r.name,
    version: r.version,
    type: 'apk',
    ...(ecosystem ? { ecosystem } : {}),
    purl: apkPurl(r, x.os),
    ...(r.arch ? { arch: r.arch } : {}),
    // The origin's version is not recorded; an aport builds all its subpackages at one version.
    source: { name: r.origin ?? r.name, version: r.version },
    licenses: declaredLicenses(r.license ?? ''),
    ...(r.maintainer ? { maintainer: r.maintainer } : {}),
    locations: [x.location],
    files: r.files,
    dependsOn: x.dependsOn,
    foundBy: APK_EXTRACTOR,
    metadata,
  };
}
