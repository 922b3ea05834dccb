import { PackageURL } from 'packageurl-js';
import { isRecord } from '../../core/is-record.ts';
import type { Location } from '../../core/location.ts';
import type { Package, PackageHash } from '../../core/package.ts';
import { normalizeLicense } from '../license/normalize-license.ts';

/** One package record as composer.lock and vendor/composer/installed.json write it. */
export interface ComposerRecord {
  readonly name: string;
  readonly version: string;
  readonly dev: boolean | undefined;
  readonly require: Readonly<Record<string, string>>;
  readonly raw: Readonly<Record<string, unknown>>;
}

type Json = Record<string, unknown>;

/** `composer:<vendor>/<name>@<version>`. */
export function composerId(name: string, version: string): string {
  return `composer:${name}@${version}`;
}

/**
 * `pkg:composer/<vendor>/<name>@<version>`; a name without a vendor has no namespace, and extra
 * slashes join the name with `-` (as Syft does for the invalid `ven/name/component`).
 */
export function composerPurl(name: string, version: string): string {
  const parts = name.split('/');
  const [namespace, rest] = parts.length > 1 ? [parts[0], parts.slice(1).join('-')] : [undefined, parts[0]];
  return new PackageURL('composer', namespace, rest!, version || undefined, undefined, undefined).toString();
}

/** Records from an array of package objects; entries without a string name and version are skipped. */
export function composerRecords(list: unknown, dev: boolean | undefined): ComposerRecord[] {
  if (!Array.isArray(list)) return [];
  return list.flatMap((p) => {
    if (!isRecord(p) || typeof p.name !== 'string' || typeof p.version !== 'string') return [];
    const require = isRecord(p.require)
      ? Object.fromEntries(Object.entries(p.require).filter(([, v]) => typeof v === 'string'))
      : {};
    return [{ name: p.name, version: p.version, dev, require: require as Record<string, string>, raw: p }];
  });
}

/** Packages with `require` edges resolved among the records (platform requirements such as `php`, `ext-*` resolve to nothing). */
export function composerPackages(
  records: readonly ComposerRecord[],
  location: Location,
  foundBy: string,
): Package[] {
  const idByName = new Map(records.map((r) => [r.name.toLowerCase(), composerId(r.name, r.version)]));
  const out = new Map<string, Package>();
  for (const r of records) {
    const id = composerId(r.name, r.version);
    if (out.has(id)) continue;
    const dependsOn = Object.keys(r.require).flatMap((n) => {
      const to = idByName.get(n.toLowerCase());
      return to && to !== id ? [to] : [];
    });
    const dist = isRecord(r.raw.dist) ? r.raw.dist : undefined;
    const hashes: PackageHash[] =
      typeof dist?.shasum === 'string' && /^[0-9a-f]{40}$/i.test(dist.shasum)
        ? [{ alg: 'SHA-1', content: dist.shasum.toLowerCase() }]
        : [];
    const license = r.raw.license;
    const licenses = (Array.isArray(license) ? license : typeof license === 'string' ? [license] : [])
      .filter((l): l is string => typeof l === 'string' && l.trim() !== '')
      .map(normalizeLicense);
    out.set(id, {
      id,
      name: r.name,
      version: r.version,
      type: 'composer',
      ecosystem: 'Packagist',
      purl: composerPurl(r.name, r.version),
      licenses: [...new Set(licenses)],
      locations: [location],
      dependsOn: [...new Set(dependsOn)].sort(),
      ...(r.dev === undefined ? {} : { dev: r.dev }),
      ...(hashes.length > 0 ? { hashes } : {}),
      foundBy,
      metadata: metadataOf(r.raw),
    });
  }
  return [...out.values()];
}

function metadataOf(raw: Readonly<Json>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, as] of [
    ['source', 'source'],
    ['dist', 'dist'],
    ['type', 'type'],
    ['require', 'require'],
    ['require-dev', 'requireDev'],
    ['description', 'description'],
    ['homepage', 'homepage'],
    ['time', 'time'],
  ] as const) {
    if (raw[key] !== undefined) out[as] = raw[key];
  }
  return out;
}
