import type { ArchiveFilename } from './archive-filename.ts';
import type { PomGroupHints } from './group-id.ts';
import { guessGroupId } from './group-id.ts';
import type { JarManifest } from './parse-manifest.ts';
import type { PomProperties } from './parse-pom-properties.ts';
import { selectName, selectVersion } from './select-name.ts';

export interface ArchiveIdentity {
  readonly groupId: string;
  readonly artifactId: string;
  readonly version: string;
  readonly identifiedBy: 'pom.properties' | 'manifest' | 'filename';
  readonly pomProperties?: PomProperties;
}

/**
 * Which artifact an archive is, and which other artifacts it carries shaded. Order of evidence:
 * a pom.properties that matches the file name (exact artifactId; then `group.artifact`/
 * `group-artifact` prefixes; then Syft's loose prefix/suffix match; ties go to the first path in
 * sorted order, so the answer is deterministic), or the only pom.properties there is; then the
 * manifest and the file name (`selectName`/`selectVersion`). Every other pom.properties is a
 * shaded artifact. `main` is undefined when neither a name nor any version evidence exists.
 */
export function identifyArchive(x: {
  file: ArchiveFilename;
  manifest: JarManifest | undefined;
  pomProperties: readonly PomProperties[];
  /** pom.xml hints by pom.properties path, to help the group when pom.properties lacks one. */
  pomProjects?: ReadonlyMap<string, PomGroupHints>;
}): { main: ArchiveIdentity | undefined; shaded: PomProperties[] } {
  // Instrumentation jars (Weave-Classes) only patch other artifacts; Syft skips them too.
  if (x.manifest?.main['Weave-Classes'] !== undefined) return { main: undefined, shaded: [] };
  const props = [...x.pomProperties].filter((p) => p.artifactId).sort((a, b) => cmp(a.path, b.path));
  let best: PomProperties | undefined;
  let bestScore = 0;
  for (const p of props) {
    const s = props.length === 1 ? Math.max(score(p, x.file), 1) : score(p, x.file);
    if (s > bestScore) {
      best = p;
      bestScore = s;
    }
  }
  const shaded = props.filter((p) => p !== best && p.version);
  if (best) {
    const hints = x.pomProjects?.get(best.path);
    return {
      main: {
        groupId: guessGroupId(best.artifactId, {
          pomProperties: best,
          ...(hints ? { pomProject: hints } : {}),
          ...(x.manifest ? { manifest: x.manifest } : {}),
        }),
        artifactId: best.artifactId,
        version: best.version || selectVersion(x.manifest, x.file),
        identifiedBy: 'pom.properties',
        pomProperties: best,
      },
      shaded,
    };
  }
  const name = selectName(x.manifest, x.file);
  const version = selectVersion(x.manifest, x.file);
  // A bare name without a manifest or a version in the file name is too weak to report.
  if (!name || (!x.manifest && !version)) return { main: undefined, shaded };
  return {
    main: {
      groupId: guessGroupId(name, x.manifest ? { manifest: x.manifest } : {}),
      artifactId: name,
      version,
      identifiedBy: x.manifest ? 'manifest' : 'filename',
    },
    shaded,
  };
}

function score(p: PomProperties, file: ArchiveFilename): number {
  if (p.artifactId === file.name || p.artifactId === file.base) return 4;
  if (
    p.groupId &&
    [`${p.groupId}.${p.artifactId}`, `${p.groupId}-${p.artifactId}`].some((s) => file.base.startsWith(s))
  )
    return 3;
  if (file.name && (p.artifactId.startsWith(file.name) || file.name.endsWith(p.artifactId))) return 2;
  return 0;
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
