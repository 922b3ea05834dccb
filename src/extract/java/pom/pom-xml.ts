import { throwIfAborted } from '../../../core/errors.ts';
import type { FileError, Inventory } from '../../../core/inventory.ts';
import type { Location } from '../../../core/location.ts';
import type { Package } from '../../../core/package.ts';
import type { ReadonlyFs } from '../../../core/readonly-fs.ts';
import type { Extractor } from '../../extractor.ts';
import { normalizeLicense } from '../../license/normalize-license.ts';
import { mavenId, mavenPurl } from '../maven-coordinates.ts';
import { type PomXml, parsePomXml } from './parse-pom-xml.ts';
import { type ResolvedCoordinates, resolvePom } from './resolve-pom.ts';

export const POM_XML_EXTRACTOR = 'java/pom-xml';
const MAX_PARENTS = 8;

/**
 * A Maven project's pom.xml: the project itself and its declared dependencies (direct; `test`
 * scope is dev), with `${…}` and dependencyManagement resolved offline from the POM and the parent
 * POMs found on disk through <relativePath> (default `../pom.xml`; a parent whose coordinates do
 * not match is ignored, as Maven does). Nothing is fetched from a repository: versions that stay
 * unknown keep their text and are marked `metadata.unresolved`. Not self-contained (parents).
 */
export const pomXmlExtractor: Extractor = {
  name: POM_XML_EXTRACTOR,
  version: 1,
  maxFileSize: 16 * 1024 * 1024,
  fileRequired(path, stat) {
    return stat.type === 'file' && (path === 'pom.xml' || path.endsWith('/pom.xml'));
  },
  async extract(input): Promise<Inventory> {
    throwIfAborted(input.signal);
    const layer = input.stat.layer?.index;
    const warn = (message: string): FileError => ({
      path: input.path,
      stage: POM_XML_EXTRACTOR,
      message,
      ...(layer === undefined ? {} : { layer }),
    });
    const pom = parsePomXml(new TextDecoder().decode(await input.read()));
    const warnings: FileError[] = [];
    const parents = await findParents(pom, input.path, input.fs, (m) => warnings.push(warn(m)));
    const { project, dependencies } = resolvePom(pom, parents);
    const location: Location = { path: input.path, ...(input.stat.layer ? { layer: input.stat.layer } : {}) };

    const seen = new Map<string, number>();
    const uniqueId = (c: ResolvedCoordinates): string => {
      const id = mavenId(c);
      const n = (seen.get(id) ?? 0) + 1;
      seen.set(id, n);
      return n === 1 ? id : `${id}:${n}`;
    };
    const projectId = uniqueId(project);
    const deps: Package[] = dependencies.map((d) => {
      const scope = d.scope ?? 'compile';
      return {
        ...base(d, uniqueId(d), location),
        direct: true,
        dev: scope === 'test',
        metadata: {
          scope,
          ...(d.type ? { type: d.type } : {}),
          ...(d.classifier ? { classifier: d.classifier } : {}),
          ...(d.optional === undefined ? {} : { optional: d.optional }),
          ...(d.versionFrom ? { versionFrom: d.versionFrom } : {}),
          ...(d.inherited ? { inherited: true } : {}),
          ...(d.unresolved ? { unresolved: d.unresolved } : {}),
        },
      };
    });
    const licenses = pom.licenses.flatMap((l) =>
      l.name ? [normalizeLicense(l.name)] : l.url ? [l.url] : [],
    );
    const projectPkg: Package = {
      ...base(project, projectId, location),
      licenses,
      dependsOn: deps.map((d) => d.id),
      metadata: {
        project: true,
        ...(pom.name ? { projectName: pom.name } : {}),
        ...(pom.packaging ? { packaging: pom.packaging } : {}),
        ...(pom.parent ? { parent: pom.parent } : {}),
        ...(project.unresolved ? { unresolved: project.unresolved } : {}),
      },
    };
    return { packages: [projectPkg, ...deps], ...(warnings.length > 0 ? { warnings } : {}) };
  },
};

function base(c: ResolvedCoordinates, id: string, location: Location) {
  return {
    id,
    name: c.artifactId,
    version: c.version,
    type: 'maven',
    ecosystem: 'Maven',
    purl: mavenPurl(c, { versionKnown: c.unresolved?.version === undefined }),
    licenses: [] as string[],
    locations: [location],
    foundBy: POM_XML_EXTRACTOR,
  } satisfies Partial<Package>;
}

/** Parent POMs on disk, nearest first; stops at the first one missing or not matching. */
async function findParents(
  pom: PomXml,
  path: string,
  fs: ReadonlyFs,
  warn: (message: string) => void,
): Promise<PomXml[]> {
  const out: PomXml[] = [];
  const visited = new Set([path]);
  let child = pom;
  let childPath = path;
  while (child.parent && out.length < MAX_PARENTS) {
    const rel = child.parent.relativePath ?? '../pom.xml';
    if (rel === '') break; // an empty relativePath means "look only in repositories"
    let parentPath = joinPath(dirname(childPath), rel);
    if (!parentPath.endsWith('.xml')) parentPath = joinPath(parentPath, 'pom.xml');
    if (visited.has(parentPath)) break;
    visited.add(parentPath);
    const bytes = fs.stat(parentPath)?.type === 'file' ? await fs.readFile(parentPath) : undefined;
    if (!bytes) break;
    let parent: PomXml;
    try {
      parent = parsePomXml(new TextDecoder().decode(bytes));
    } catch (e) {
      warn(`parent POM ${parentPath} is unreadable: ${(e as Error).message}`);
      break;
    }
    const wanted = child.parent;
    if (
      parent.artifactId !== wanted.artifactId ||
      (parent.groupId ?? parent.parent?.groupId) !== wanted.groupId
    )
      break;
    out.push(parent);
    child = parent;
    childPath = parentPath;
  }
  return out;
}

function dirname(p: string): string {
  const i = p.lastIndexOf('/');
  return i < 0 ? '' : p.slice(0, i);
}

/** Joins tree paths, resolving `.` and `..` (never above the root). */
function joinPath(dir: string, rel: string): string {
  const out = rel.startsWith('/') ? [] : dir.split('/').filter(Boolean);
  for (const part of rel.split('/')) {
    if (part === '..') out.pop();
    else if (part !== '' && part !== '.') out.push(part);
  }
  return out.join('/');
}
