import { throwIfAborted } from '../../../core/errors.ts';
import type { FileError, Inventory } from '../../../core/inventory.ts';
import type { Location } from '../../../core/location.ts';
import type { Package } from '../../../core/package.ts';
import type { Extractor } from '../../extractor.ts';
import { normalizeLicense } from '../../license/normalize-license.ts';
import { mavenId, mavenPurl } from '../maven-coordinates.ts';
import { type ArchiveLimits, DEFAULT_ARCHIVE_LIMITS } from './archive-limits.ts';
import { type FoundArtifact, walkArchive } from './walk-archive.ts';
import { ZipError } from './zip-reader.ts';

export const JAVA_ARCHIVE_EXTRACTOR = 'java/archive';
const EXTENSIONS = /\.(jar|war|ear|par|jpi|hpi)$/i;
const MANIFEST_KEYS =
  /^(Implementation-|Specification-|Bundle-(SymbolicName|Version|Name|Vendor|License)$|Created-By$|Automatic-Module-Name$)/;

/**
 * Java archives (jar, war, ear, par, Jenkins jpi/hpi) and every archive nested in them, read in
 * memory (see ArchiveLimits: files up to 512 MiB, nested archives up to 256 MiB, 1 GiB inflated in
 * all, 16 levels of nesting). One Package per archive (pom.properties, then MANIFEST.MF, then the
 * file name) with its SHA-1 and SHA-256, plus one per shaded pom.properties. Containment is kept
 * in metadata: `parent` (id of the containing package) and `children` (ids it contains);
 * `virtualPath` is `outer.jar!/BOOT-INF/lib/inner.jar` while `locations` name the file on disk.
 */
export function javaArchiveExtractor(limits: ArchiveLimits = DEFAULT_ARCHIVE_LIMITS): Extractor {
  return {
    name: JAVA_ARCHIVE_EXTRACTOR,
    version: 1,
    maxFileSize: 512 * 1024 * 1024,
    selfContained: true,
    fileRequired(path, stat) {
      return stat.type === 'file' && EXTENSIONS.test(path);
    },
    async extract(input): Promise<Inventory> {
      throwIfAborted(input.signal);
      const bytes = await input.read();
      let walked: ReturnType<typeof walkArchive>;
      try {
        walked = walkArchive(bytes, input.path, limits, input.signal);
      } catch (e) {
        if (e instanceof ZipError) throw new Error(`cannot read Java archive: ${e.message}`);
        throw e;
      }
      const location: Location = {
        path: input.path,
        ...(input.stat.layer ? { layer: input.stat.layer } : {}),
      };
      const packages = toPackages(walked.artifacts, location);
      const layer = input.stat.layer?.index;
      const shown =
        walked.warnings.length > 50
          ? [...walked.warnings.slice(0, 50), `…and ${walked.warnings.length - 50} more problems like these`]
          : walked.warnings;
      const warnings = shown.map(
        (message): FileError => ({
          path: input.path,
          stage: JAVA_ARCHIVE_EXTRACTOR,
          message,
          ...(layer === undefined ? {} : { layer }),
        }),
      );
      return { packages, ...(warnings.length > 0 ? { warnings } : {}) };
    },
  };
}

/** The extractor with the default limits, as registered. */
export const javaArchive: Extractor = javaArchiveExtractor();

function toPackages(artifacts: readonly FoundArtifact[], location: Location): Package[] {
  const ids = artifacts.map((a) =>
    mavenId(
      a.identity,
      a.shaded ? `${a.virtualPath}!/${a.identity.pomProperties?.path ?? ''}` : a.virtualPath,
    ),
  );
  const children = artifacts.map(() => [] as string[]);
  artifacts.forEach((a, i) => {
    if (a.parent !== undefined) children[a.parent]!.push(ids[i]!);
  });
  return artifacts.map((a, i): Package => {
    const { identity } = a;
    const manifest: Record<string, string> = {};
    for (const [k, v] of Object.entries(a.manifest?.main ?? {})) if (MANIFEST_KEYS.test(k)) manifest[k] = v;
    return {
      id: ids[i]!,
      name: identity.artifactId,
      version: identity.version,
      type: 'maven',
      ecosystem: 'Maven',
      purl: mavenPurl(identity),
      licenses: [...new Set(a.licenses.map(normalizeLicense).filter(Boolean))],
      locations: [location],
      ...(a.sha1 && a.sha256
        ? {
            hashes: [
              { alg: 'SHA-1', content: a.sha1 },
              { alg: 'SHA-256', content: a.sha256 },
            ],
          }
        : {}),
      foundBy: JAVA_ARCHIVE_EXTRACTOR,
      metadata: {
        virtualPath: a.virtualPath,
        groupId: identity.groupId,
        artifactId: identity.artifactId,
        identifiedBy: identity.identifiedBy,
        ...(identity.pomProperties ? { pomPropertiesPath: identity.pomProperties.path } : {}),
        ...(Object.keys(manifest).length > 0 ? { manifest } : {}),
        ...(a.parent === undefined ? {} : { parent: ids[a.parent] }),
        ...(children[i]!.length > 0 ? { children: children[i] } : {}),
        ...(a.shaded ? { shaded: true } : {}),
        ...(a.jndiLookupPresent === undefined ? {} : { jndiLookupPresent: a.jndiLookupPresent }),
      },
    };
  });
}
