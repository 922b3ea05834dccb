import { PackageURL } from 'packageurl-js';

export const CRATES_IO_SOURCES = new Set([
  'registry+https://github.com/rust-lang/crates.io-index',
  'sparse+https://index.crates.io/',
  // cargo-auditable writes the short form.
  'crates.io',
]);

/**
 * `cargo:<name>@<version>`, plus the source for crates not from crates.io, so that a git copy of
 * a crate and the registry one (the same name and version in one Cargo.lock) stay apart.
 */
export function cargoId(name: string, version: string, source: string | undefined): string {
  const base = `cargo:${name}@${version}`;
  if (source !== undefined && CRATES_IO_SOURCES.has(source)) return base;
  return `${base}#${source ?? 'local'}`;
}

/**
 * Syft's purl: `pkg:cargo/<name>@<version>` for crates with a source (registry or git); none (''),
 * for workspace and path crates, which are the project's own code and not in any registry.
 */
export function cargoPurl(name: string, version: string, source: string | undefined): string {
  if (!source) return '';
  return new PackageURL('cargo', undefined, name, version || undefined, undefined, undefined).toString();
}

/**
 * The OSV ecosystem: crates.io for crates.io and git crates (a git crate is in practice the
 * upstream crate at that version, as Syft assumes); none for local crates and private
 * registries, so that a crate that merely shares a name with a crates.io one never meets its
 * advisories.
 */
export function cargoEcosystem(source: string | undefined): string | undefined {
  if (source === undefined) return undefined;
  return CRATES_IO_SOURCES.has(source) || source.startsWith('git+') ? 'crates.io' : undefined;
}
