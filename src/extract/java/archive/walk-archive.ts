import { createHash } from 'node:crypto';
import { throwIfAborted } from '../../../core/errors.ts';
import { parsePomXml } from '../pom/parse-pom-xml.ts';
import { parseArchiveFilename } from './archive-filename.ts';
import type { ArchiveLimits } from './archive-limits.ts';
import type { PomGroupHints } from './group-id.ts';
import { type ArchiveIdentity, identifyArchive } from './identify-archive.ts';
import { type JarManifest, parseManifest } from './parse-manifest.ts';
import { type PomProperties, parsePomProperties } from './parse-pom-properties.ts';
import { readZipDirectory, readZipEntry, type ZipEntry } from './zip-reader.ts';

const ARCHIVE_EXT = /\.(jar|war|ear|par|jpi|hpi)$/i;
const JNDI_LOOKUP = 'org/apache/logging/log4j/core/lookup/JndiLookup.class';
const POM_PROPERTIES = /^META-INF\/maven\/[^/]+\/[^/]+\/pom\.properties$/;

/** One artifact found in an archive (the archive itself, or one shaded into it). */
export interface FoundArtifact {
  readonly identity: ArchiveIdentity;
  /** `outer.jar!/BOOT-INF/lib/inner.jar`; `!` and `%` in entry names are %-escaped. */
  readonly virtualPath: string;
  /** The archive's own hashes; absent for shaded artifacts (their bytes are not separable). */
  readonly sha1?: string;
  readonly sha256?: string;
  readonly manifest?: JarManifest;
  readonly licenses: readonly string[];
  /** Index of the artifact that contains this one, in the walk's output; undefined at the top. */
  readonly parent: number | undefined;
  readonly shaded: boolean;
  /** For log4j-core only: whether the archive holds JndiLookup.class (Log4Shell's mitigation removes it). */
  readonly jndiLookupPresent?: boolean;
}

export interface WalkResult {
  readonly artifacts: FoundArtifact[];
  readonly warnings: string[];
}

/**
 * Walks a Java archive and the archives nested in it (any entry named *.jar/.war/.ear/.par/.jpi/
 * .hpi at any depth: Spring Boot BOOT-INF/lib, WEB-INF/lib, EAR modules). Throws (ZipError) only
 * when the top-level file is not a readable zip; problems with nested archives or metadata
 * entries are warnings and the rest is kept.
 */
export function walkArchive(
  bytes: Uint8Array,
  path: string,
  limits: ArchiveLimits,
  signal: AbortSignal,
): WalkResult {
  const artifacts: FoundArtifact[] = [];
  const warnings: string[] = [];
  let budget = limits.maxTotalInflated;
  const inflate = (archive: Uint8Array, entry: ZipEntry, cap: number): Uint8Array => {
    const out = readZipEntry(archive, entry, { maxBytes: Math.min(cap, budget), maxRatio: limits.maxRatio });
    budget -= out.length;
    return out;
  };

  const visit = (
    archive: Uint8Array,
    virtualPath: string,
    fileName: string,
    depth: number,
    parent: number | undefined,
  ): void => {
    throwIfAborted(signal);
    const entries = readZipDirectory(archive, limits.maxEntries);
    const byName = new Map<string, ZipEntry>();
    for (const e of entries) if (!byName.has(e.name)) byName.set(e.name, e);
    const text = (e: ZipEntry): string | undefined => {
      try {
        return new TextDecoder().decode(inflate(archive, e, limits.maxMetadataBytes));
      } catch (err) {
        warnings.push(`${virtualPath}: cannot read ${e.name}: ${(err as Error).message}`);
        return undefined;
      }
    };

    const manifestEntry = byName.get('META-INF/MANIFEST.MF');
    const manifestText = manifestEntry ? text(manifestEntry) : undefined;
    const manifest = manifestText === undefined ? undefined : parseManifest(manifestText);
    const pomProperties: PomProperties[] = [];
    const pomProjects = new Map<string, PomGroupHints & { licenses: string[] }>();
    for (const e of byName.values()) {
      if (!POM_PROPERTIES.test(e.name)) continue;
      const t = text(e);
      if (t === undefined) continue;
      pomProperties.push(parsePomProperties(e.name, t));
      const pomEntry = byName.get(e.name.replace(/pom\.properties$/, 'pom.xml'));
      const pomText = pomEntry ? text(pomEntry) : undefined;
      if (pomText === undefined) continue;
      try {
        const pom = parsePomXml(withoutBulkSections(pomText));
        pomProjects.set(e.name, {
          ...(pom.groupId ? { groupId: pom.groupId } : {}),
          ...(pom.artifactId ? { artifactId: pom.artifactId } : {}),
          ...(pom.parent ? { parent: pom.parent } : {}),
          licenses: pom.licenses.flatMap((l) => (l.name ? [l.name] : l.url ? [l.url] : [])),
        });
      } catch (err) {
        warnings.push(`${virtualPath}: ${pomEntry!.name}: ${(err as Error).message}`);
      }
    }

    const { main, shaded } = identifyArchive({
      file: parseArchiveFilename(fileName),
      manifest,
      pomProperties,
      pomProjects,
    });
    let self = parent;
    if (main) {
      const bundleLicense = manifest?.main['Bundle-License'];
      const pomLicenses = main.pomProperties
        ? (pomProjects.get(main.pomProperties.path)?.licenses ?? [])
        : [];
      self = artifacts.length;
      artifacts.push({
        identity: main,
        virtualPath,
        sha1: createHash('sha1').update(archive).digest('hex'),
        sha256: createHash('sha256').update(archive).digest('hex'),
        ...(manifest ? { manifest } : {}),
        licenses: pomLicenses.length > 0 ? pomLicenses : bundleLicense ? [bundleLicense] : [],
        parent,
        shaded: false,
        ...(main.artifactId === 'log4j-core' ? { jndiLookupPresent: byName.has(JNDI_LOOKUP) } : {}),
      });
    }
    for (const p of shaded) {
      artifacts.push({
        identity: {
          groupId: p.groupId || p.artifactId,
          artifactId: p.artifactId,
          version: p.version,
          identifiedBy: 'pom.properties',
          pomProperties: p,
        },
        virtualPath,
        licenses: pomProjects.get(p.path)?.licenses ?? [],
        parent: self,
        shaded: true,
        ...(p.artifactId === 'log4j-core' ? { jndiLookupPresent: byName.has(JNDI_LOOKUP) } : {}),
      });
    }

    const nested = entries.filter((e) => ARCHIVE_EXT.test(e.name) && !e.name.endsWith('/'));
    if (nested.length === 0) return;
    if (depth >= limits.maxDepth) {
      warnings.push(
        `${virtualPath}: holds ${nested.length} nested archive(s) deeper than the nesting limit (${limits.maxDepth}); not opened`,
      );
      return;
    }
    for (const e of nested) {
      throwIfAborted(signal);
      const childPath = `${virtualPath}!/${escapeName(e.name)}`;
      if (e.name.startsWith('/') || /(^|[/\\])\.\.([/\\]|$)/.test(e.name))
        warnings.push(`${childPath}: entry name escapes its archive (zip-slip); read as a name only`);
      if (budget <= 0) {
        warnings.push(
          `${childPath}: not opened: ${limits.maxTotalInflated} bytes inflated for this file already`,
        );
        return;
      }
      let child: Uint8Array;
      try {
        child = inflate(archive, e, limits.maxNestedBytes);
        visit(child, childPath, e.name, depth + 1, self);
      } catch (err) {
        if ((err as { code?: string }).code === 'E_ABORTED') throw err;
        warnings.push(`${childPath}: ${(err as Error).message}`);
      }
    }
  };

  visit(bytes, path, path, 0, undefined);
  return { artifacts, warnings };
}

/** Entry names are only names (`../x.jar` is never a path we use), but `!` must stay our separator. */
function escapeName(name: string): string {
  return name.replace(/[%!]/g, (c) => (c === '%' ? '%25' : '%21'));
}

/**
 * An embedded pom.xml is read only for the project's coordinates, parent and licences; its
 * dependency, build, profile and repository sections (most of its size) are cut before parsing,
 * which makes jar scans markedly faster (XML parsing was the largest cost after hashing).
 */
export function withoutBulkSections(pom: string): string {
  return pom.replace(
    /<(dependencies|dependencyManagement|build|profiles|reporting|repositories|pluginRepositories|distributionManagement)\b[^>]*>[\s\S]*?<\/\1\s*>/g,
    '',
  );
}
