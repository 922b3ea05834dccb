import type { PackageURL } from 'packageurl-js';
import type { Package } from '../../core/package.ts';
import { parseSourceRpm } from '../os/rpm/parse-sourcerpm.ts';
import { rpmEvr } from '../os/rpm/rpm-package.ts';
import { qualifier } from './parse-purl.ts';
import type { SbomProperties } from './sbom-document.ts';
import { property } from './sbom-properties.ts';

type Source = NonNullable<Package['source']>;

/** `bash-5.1.8-6.el9.src.rpm` as a source package, sharing the binary's epoch as the rpm extractor does. */
function fromSourceRpm(text: string, binaryVersion: string): Source {
  const srpm = parseSourceRpm(text);
  if (!srpm) return { name: text };
  const epoch = /^(\d+):/.exec(binaryVersion)?.[1];
  return { name: srpm.name, version: rpmEvr(epoch ? Number(epoch) : undefined, srpm.version, srpm.release) };
}

/** Trivy's SrcName/SrcVersion/SrcRelease/SrcEpoch (CycloneDX properties or SPDX annotations). */
function fromTrivy(props: SbomProperties): Source | undefined {
  const get = (key: string) => property(props, `aquasecurity:trivy:${key}`, key);
  const name = get('SrcName');
  if (!name) return undefined;
  const version = get('SrcVersion');
  if (!version) return { name };
  const epoch = get('SrcEpoch');
  const release = get('SrcRelease');
  return {
    name,
    version: `${epoch && epoch !== '0' ? `${epoch}:` : ''}${version}${release ? `-${release}` : ''}`,
  };
}

export interface SourceInput {
  readonly type: string;
  readonly name: string;
  readonly version: string;
  readonly purl: PackageURL | undefined;
  readonly properties: SbomProperties;
  /** Written by Bulwark: the `bulwark:package:*` properties are complete, absence included. */
  readonly ours: boolean;
}

/**
 * The source package an OS package was built from, as the OS extractors record it (dpkg Source,
 * apk origin, rpm SOURCERPM). Read from, in order: our `bulwark:package:source*` properties; the
 * purl `upstream` qualifier Syft, Trivy and Bulwark write (`glibc`, `glibc@2.36-9`,
 * `runc-1.1.11-1.el9.src.rpm`); Syft's and Trivy's properties. A deb or apk package without any
 * is its own source, at its own version, as dpkg and apk define it. Undefined for other types.
 */
export function packageSource(x: SourceInput): Source | undefined {
  const sourceName = property(x.properties, 'bulwark:package:sourceName');
  if (sourceName) {
    const version = property(x.properties, 'bulwark:package:sourceVersion');
    return version ? { name: sourceName, version } : { name: sourceName };
  }
  if (x.ours) return undefined;
  const type = x.type.toLowerCase();
  if (type !== 'deb' && type !== 'apk' && type !== 'rpm') return undefined;
  const upstream = x.purl ? qualifier(x.purl, 'upstream') : undefined;
  if (upstream) {
    if (type === 'rpm') return fromSourceRpm(upstream, x.version);
    const at = upstream.indexOf('@');
    if (type === 'deb' && at > 0) return { name: upstream.slice(0, at), version: upstream.slice(at + 1) };
    return { name: upstream, version: x.version };
  }
  const syftRpm = property(x.properties, 'syft:metadata:sourceRpm');
  if (type === 'rpm' && syftRpm) return fromSourceRpm(syftRpm, x.version);
  const syftName = property(x.properties, 'syft:metadata:source', 'syft:metadata:originPackage');
  if (syftName && type !== 'rpm') {
    return { name: syftName, version: property(x.properties, 'syft:metadata:sourceVersion') ?? x.version };
  }
  const trivy = fromTrivy(x.properties);
  if (trivy) return trivy;
  return type === 'rpm' ? undefined : { name: x.name, version: x.version };
}
