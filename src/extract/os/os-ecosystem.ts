import type { OsInfo } from '../../core/os-info.ts';

/** Major version: `12.4` → `12`. */
function major(v: string | undefined): string | undefined {
  return v?.split('.')[0] || undefined;
}

/** Major.minor: `3.18.4` → `3.18`. */
function majorMinor(v: string | undefined): string | undefined {
  if (!v) return undefined;
  const parts = v.split('.');
  return parts.length >= 2 ? `${parts[0]}.${parts[1]}` : v;
}

/**
 * The OSV ecosystem (with release) of an OS package, as osv.dev names them, e.g. `Debian:12`,
 * `Ubuntu:22.04`, `Alpine:v3.18`, `AlmaLinux:9`. Undefined when the OS has no OSV ecosystem.
 */
export function osvEcosystem(os: OsInfo | undefined): string | undefined {
  if (!os) return undefined;
  const v = os.versionId;
  const withRelease = (eco: string, release: string | undefined) => (release ? `${eco}:${release}` : eco);
  switch (os.id) {
    case 'debian':
      return withRelease('Debian', major(v));
    case 'ubuntu':
      return withRelease('Ubuntu', v);
    case 'alpine':
      return withRelease('Alpine', majorMinor(v) ? `v${majorMinor(v)}` : undefined);
    case 'almalinux':
      return withRelease('AlmaLinux', major(v));
    case 'rocky':
      return withRelease('Rocky Linux', major(v));
    case 'rhel':
      return 'Red Hat';
    case 'opensuse-leap':
      return withRelease('openSUSE', v ? `Leap ${v}` : undefined);
    case 'opensuse-tumbleweed':
      return 'openSUSE:Tumbleweed';
    case 'sles':
    case 'sled':
      return withRelease('SUSE', v ? `Linux Enterprise Server ${v.replace(/\.(\d+)$/, ' SP$1')}` : undefined);
    case 'photon':
      return withRelease('Photon OS', v);
    case 'mageia':
      return withRelease('Mageia', v);
    case 'openeuler':
      return withRelease('openEuler', v);
    case 'wolfi':
      return 'Wolfi';
    case 'chainguard':
      return 'Chainguard';
    case 'azurelinux':
    case 'mariner':
      return withRelease('Azure Linux', majorMinor(v));
    default:
      return undefined;
  }
}

/** purl namespace for OS packages: the distro id (`debian`, `ubuntu`, `alpine`, `rhel`, `centos`…). */
export function purlNamespace(os: OsInfo | undefined, fallback: string): string {
  return os?.id ?? fallback;
}

/** purl `distro` qualifier, `<id>-<version_id>` (e.g. `debian-12`, `alpine-3.18.4`), as Syft and Trivy write it. */
export function distroQualifier(os: OsInfo | undefined): string | undefined {
  if (!os) return undefined;
  return os.versionId ? `${os.id}-${os.versionId}` : os.id;
}
