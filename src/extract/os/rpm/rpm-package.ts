import { PackageURL } from 'packageurl-js';
import type { LayerRef } from '../../../core/layer-ref.ts';
import type { Location } from '../../../core/location.ts';
import type { OsInfo } from '../../../core/os-info.ts';
import type { Package } from '../../../core/package.ts';
import { normalizeLicense } from '../../license/normalize-license.ts';
import { distroQualifier, osvEcosystem, purlNamespace } from '../os-ecosystem.ts';
import { parseSourceRpm } from './parse-sourcerpm.ts';
import type { RpmPackageRecord } from './read-rpm-package.ts';
import { withoutUndefined } from './without-undefined.ts';

export const RPM_FOUND_BY = 'os/rpm';

/** Where the packages of one rpmdb file were found. */
export interface RpmContext {
  readonly path: string;
  readonly layer?: LayerRef | undefined;
  readonly os?: OsInfo | undefined;
}

/**
 * `[epoch:]version[-release]`. The epoch is written only when it is non-zero, as Trivy and
 * `rpm -q` do and as OSV's Red Hat-family ecosystems write fixed versions: rpm compares a
 * missing epoch as 0, so `0:` adds nothing. (Syft keeps an explicit `0:`; we do not.)
 */
export function rpmEvr(epoch: number | undefined, version: string, release: string | undefined): string {
  const vr = release === undefined ? version : `${version}-${release}`;
  return epoch ? `${epoch}:${vr}` : vr;
}

/** os-release IDs whose purl namespace is Red Hat's (Hummingbird images are Red Hat's too). */
const REDHAT_IDS: ReadonlySet<string> = new Set(['rhel', 'hummingbird']);

/**
 * The purl namespace, as Syft writes it: the os-release ID, except `redhat` for Red Hat's
 * distributions, and no namespace when the OS is unknown (an rpmdb alone does not tell Fedora
 * from SUSE, so guessing `redhat` would mislabel).
 */
function namespaceFor(os: OsInfo | undefined): string | undefined {
  const id = purlNamespace(os, '');
  if (id === '') return undefined;
  return REDHAT_IDS.has(id) ? 'redhat' : id;
}

/**
 * `pkg:rpm/<namespace>/<name>@<version>-<release>?arch=…&distro=…&epoch=…&upstream=<sourcerpm>`,
 * the qualifiers Syft and Trivy write (epoch only when non-zero, see rpmEvr).
 */
function rpmPurl(r: RpmPackageRecord, os: OsInfo | undefined): string {
  const qualifiers: Record<string, string> = {};
  if (r.arch) qualifiers.arch = r.arch;
  if (r.epoch) qualifiers.epoch = String(r.epoch);
  const distro = distroQualifier(os);
  if (distro) qualifiers.distro = distro;
  if (r.sourceRpm) qualifiers.upstream = r.sourceRpm;
  const version = rpmEvr(undefined, r.version, r.release);
  return new PackageURL('rpm', namespaceFor(os), r.name, version, qualifiers, undefined).toString();
}

/** A core Package for one rpmdb record. */
export function toRpmPackage(r: RpmPackageRecord, ctx: RpmContext): Package {
  const version = rpmEvr(r.epoch, r.version, r.release);
  const location: Location = ctx.layer ? { path: ctx.path, layer: ctx.layer } : { path: ctx.path };
  const source = r.sourceRpm ? parseSourceRpm(r.sourceRpm) : undefined;
  return {
    id: `rpm:${r.name}@${version}${r.arch ? `.${r.arch}` : ''}`,
    name: r.name,
    version,
    type: 'rpm',
    purl: rpmPurl(r, ctx.os),
    licenses: r.license ? [normalizeLicense(r.license)] : [],
    locations: [location],
    files: r.files,
    foundBy: RPM_FOUND_BY,
    ...withoutUndefined({
      ecosystem: osvEcosystem(ctx.os),
      arch: r.arch,
      // The source package shares the binary's epoch (rpm leaves it out of the file name), as
      // Trivy assumes; without it, matching by source package would compare versions wrongly.
      source: source && { name: source.name, version: rpmEvr(r.epoch, source.version, source.release) },
      maintainer: r.vendor ?? r.packager,
    }),
    metadata: withoutUndefined({
      epoch: r.epoch,
      release: r.release,
      sourceRpm: r.sourceRpm,
      modularityLabel: r.modularityLabel,
      vendor: r.vendor,
      size: r.size,
    }),
  };
}
