import type { OsInfo } from '../../core/os-info.ts';

/**
 * Trivy names distributions by family (`alma`, `redhat`, `opensuse.leap`…) in purl namespaces,
 * `distro` qualifiers and its operating-system component; Syft and Bulwark use os-release IDs.
 * This maps the family names to the IDs osvEcosystem() knows.
 */
const FAMILY_TO_ID: Readonly<Record<string, string>> = {
  alma: 'almalinux',
  redhat: 'rhel',
  amazon: 'amzn',
  oracle: 'ol',
  'opensuse.leap': 'opensuse-leap',
  'opensuse.tumbleweed': 'opensuse-tumbleweed',
  'suse linux enterprise server': 'sles',
  'suse linux enterprise micro': 'sle-micro',
  'cbl-mariner': 'mariner',
};

/** An os-release style ID for a distribution name as SBOM tools write it: lowercase, families mapped. */
export function distroId(name: string): string {
  const id = name.trim().toLowerCase();
  return FAMILY_TO_ID[id] ?? id;
}

/**
 * The OS a purl `distro` qualifier names. Syft writes `<id>-<version>` (`debian-12`,
 * `alpine-3.18.4`, `rhel-9.3`), Trivy `<family>-<version>` for deb/rpm (`alma-9.3`,
 * `opensuse.leap-15.5`) and only the version for apk (`3.18.4`): then the purl namespace names the
 * distribution. The ID may hold dashes (`opensuse-leap-15.5`): the version starts at the first
 * dash followed by a digit. Undefined when nothing names a distribution.
 */
export function distroOs(
  qualifierValue: string | undefined,
  namespace: string | undefined,
): OsInfo | undefined {
  const value = qualifierValue?.trim() ?? '';
  const source = 'purl distro qualifier';
  if (/^\d/.test(value)) return namespace ? { id: distroId(namespace), versionId: value, source } : undefined;
  const m = /^(.+?)-(\d.*)$/.exec(value);
  if (m) return { id: distroId(m[1]!), versionId: m[2]!, source };
  if (value !== '') return { id: distroId(value), source };
  return namespace ? { id: distroId(namespace), source } : undefined;
}
