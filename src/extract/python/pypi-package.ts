import { PackageURL } from 'packageurl-js';
import type { Location } from '../../core/location.ts';
import type { Package, PackageHash } from '../../core/package.ts';

/** PEP 503 normalised project name: lowercase, runs of `-`, `_` and `.` become one `-`. */
export function normalizePypiName(name: string): string {
  return name
    .trim()
    .toLowerCase()
    .replace(/[-_.]+/g, '-');
}

/** `pypi:<normalised name>@<version>`; lockfile ids (one file never pins a name twice per version). */
export function pypiId(name: string, version: string): string {
  return `pypi:${normalizePypiName(name)}@${version}`;
}

/** `pkg:pypi/<normalised name>@<version>`, with qualifiers such as `vcs_url`. */
export function pypiPurl(name: string, version: string, qualifiers?: Record<string, string>): string {
  return new PackageURL(
    'pypi',
    undefined,
    normalizePypiName(name),
    version || undefined,
    qualifiers && Object.keys(qualifiers).length > 0 ? qualifiers : undefined,
    undefined,
  ).toString();
}

/** The location of the file being extracted, with its layer when there is one. */

/** Fields every lockfile package shares; the caller adds flags, edges and metadata. */
export interface LockEntry {
  readonly name: string;
  readonly version: string;
  readonly dependsOn?: readonly string[];
  readonly direct?: boolean;
  readonly dev?: boolean;
  readonly hashes?: readonly PackageHash[];
  readonly metadata?: Readonly<Record<string, unknown>>;
}

/** A PyPI package found in a lockfile (requirements.txt, Pipfile.lock, poetry.lock, uv.lock). */
export function pypiLockPackage(e: LockEntry, location: Location, foundBy: string): Package {
  return {
    id: pypiId(e.name, e.version),
    name: normalizePypiName(e.name),
    version: e.version,
    type: 'pypi',
    ecosystem: 'PyPI',
    purl: pypiPurl(e.name, e.version),
    licenses: [],
    locations: [location],
    ...(e.dependsOn ? { dependsOn: e.dependsOn } : {}),
    ...(e.direct === undefined ? {} : { direct: e.direct }),
    ...(e.dev === undefined ? {} : { dev: e.dev }),
    ...(e.hashes && e.hashes.length > 0 ? { hashes: e.hashes } : {}),
    foundBy,
    ...(e.metadata ? { metadata: e.metadata } : {}),
  };
}

/**
 * `sha256:<hex>` (pip, Pipfile.lock, poetry and uv write this) as a PackageHash; undefined for
 * algorithms the Package model has no slot for (md5 is kept, sha384 is not).
 */
export function parseHashSpec(spec: string): PackageHash | undefined {
  const m = /^(sha256|sha512|sha1|md5)[:=]([0-9a-f]+)$/i.exec(spec.trim());
  if (!m) return undefined;
  const alg = ({ sha256: 'SHA-256', sha512: 'SHA-512', sha1: 'SHA-1', md5: 'MD5' } as const)[
    m[1]!.toLowerCase() as 'sha256'
  ];
  return { alg, content: m[2]!.toLowerCase() };
}

/** Bytes as UTF-8 text; throws when they are binary (a NUL byte), which no Python text format holds. */
export function decodeText(bytes: Uint8Array, what: string): string {
  if (bytes.includes(0)) throw new Error(`not a ${what}: the file is binary`);
  return new TextDecoder().decode(bytes).replace(/^\uFEFF/, '');
}
