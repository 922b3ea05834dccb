import type { ArchiveFilename } from './archive-filename.ts';
import { type JarManifest, manifestValue } from './parse-manifest.ts';

/**
 * The artifact name of a jar without a matching pom.properties, in Syft's order: the last field
 * of a Maven Bundle Plugin `Bundle-SymbolicName` (it is `${groupId}.${artifactId}` by default,
 * unless it equals `Implementation-Vendor-Id`, i.e. is only the group), then the file name (minus
 * a `group.` prefix when every dotted field is an identifier, except Eclipse's dotted artifact
 * ids), then the manifest's Name, Bundle-Name, Short-Name, Extension-Name, Implementation-Title.
 */
export function selectName(manifest: JarManifest | undefined, file: ArchiveFilename | undefined): string {
  const main = manifest?.main ?? {};
  if ((main['Created-By'] ?? '').includes('Apache Maven Bundle Plugin')) {
    const symbolic = stripDirectives(main['Bundle-SymbolicName'] ?? '');
    const vendorId = main['Implementation-Vendor-Id'] ?? '';
    if (symbolic && symbolic !== vendorId) return symbolic.split('.').at(-1)!;
  }
  const fromFile = file ? nameFromFilename(file.name) : '';
  if (fromFile) return fromFile;
  for (const key of ['Name', 'Bundle-Name', 'Short-Name', 'Extension-Name', 'Implementation-Title']) {
    if (main[key]) return main[key];
  }
  return '';
}

/** The version: the file name's first, then Implementation-, Specification-, Plugin-, Bundle-Version. */
export function selectVersion(manifest: JarManifest | undefined, file: ArchiveFilename | undefined): string {
  if (file?.version) return file.version;
  if (!manifest) return '';
  for (const key of ['Implementation-Version', 'Specification-Version', 'Plugin-Version', 'Bundle-Version']) {
    const v = manifestValue(manifest, key);
    if (v) return v;
  }
  return '';
}

function nameFromFilename(name: string): string {
  if (!name.includes('.') || name.startsWith('org.eclipse.')) return name;
  const fields = name.split('.');
  // A field that starts with a digit (`http4s-crypto_2.12`) means this is no group prefix.
  if (fields.every((f) => /^[\p{L}\p{Nl}\p{Sc}\p{Pc}]/u.test(f))) return fields.at(-1)!;
  return name;
}

/** `org.bar;singleton:=true` → `org.bar` (OSGi directives). */
export function stripDirectives(value: string): string {
  return value.split(';')[0]!.trim();
}
