import type { PackageURL } from 'packageurl-js';
import { normalizePypiName } from '../python/pypi-package.ts';

/** purl types whose name the matcher keys on as our extractors write it, derived from the purl. */
const FROM_PURL: ReadonlySet<string> = new Set([
  'deb',
  'apk',
  'rpm',
  'maven',
  'npm',
  'golang',
  'composer',
  'pypi',
  'cargo',
  'gem',
  'nuget',
  'pub',
  'hex',
]);

/** Types whose purl namespace is part of the name: `@scope/pkg`, a Go module path, `vendor/pkg`. */
const NAMESPACED: ReadonlySet<string> = new Set(['npm', 'golang', 'composer']);

/**
 * The package name as our extractors write it for its ecosystem: a Maven artifactId (the group
 * stays in the purl), an npm name with its scope, a full Go module path, a PEP 503 PyPI name.
 * SBOMs disagree here (Trivy names Maven packages `group:artifact`, cyclonedx-npm puts the scope
 * in `group`), so the purl decides; the SBOM's spelling is kept when it differs only in case,
 * since purls lowercase some names (Go module paths are case-sensitive). Other types, and
 * elements without a purl, keep the SBOM's name.
 */
export function packageName(sbomName: string, purl: PackageURL | undefined): string {
  if (!purl) return sbomName;
  const type = purl.type.toLowerCase();
  if (!FROM_PURL.has(type)) return sbomName || purl.name;
  const full = NAMESPACED.has(type) && purl.namespace ? `${purl.namespace}/${purl.name}` : purl.name;
  const name = sbomName.toLowerCase() === full.toLowerCase() ? sbomName : full;
  return type === 'pypi' ? normalizePypiName(name) : name;
}
