import { posix } from 'node:path';
import { throwIfAborted } from '../../../core/errors.ts';
import type { Package } from '../../../core/package.ts';
import type { Extractor } from '../../extractor.ts';
import { fileLocation } from '../../file-location.ts';
import { lockEdges, reachable } from '../lock-graph.ts';
import { decodeText, normalizePypiName, pypiId, pypiLockPackage } from '../pypi-package.ts';
import { parseUvLock, type UvLockEntry } from './parse-uv-lock.ts';

export const UV_LOCK_EXTRACTOR = 'python/uv-lock';

/** The project itself and workspace members: sources that are local folders, not downloads. */
const isProject = (e: UvLockEntry) => e.source?.kind === 'editable' || e.source?.kind === 'virtual';

/**
 * uv lockfiles: every locked package with edges from `dependencies` (plus the requirements of
 * extras asked for). The project (an editable or virtual source) is kept, as Syft keeps it, so its
 * edges show the tree's top; its dependencies are direct. Packages reachable only through the
 * project's dev groups are dev. Without a project entry, direct and dev stay unknown.
 */
export const uvLockExtractor: Extractor = {
  name: UV_LOCK_EXTRACTOR,
  version: 1,
  maxFileSize: 32 * 1024 * 1024,
  selfContained: true,
  fileRequired(path, stat) {
    return stat.type === 'file' && posix.basename(path) === 'uv.lock';
  },
  async extract(input) {
    throwIfAborted(input.signal);
    const entries = parseUvLock(decodeText(await input.read(), 'uv.lock'));
    const edges = lockEdges(entries);
    // Dev groups hang off the project; what they pull in and nothing at runtime does is dev.
    const projects = entries.filter(isProject);
    const directIds = new Set<string>();
    const devRoots: string[] = [];
    const ids = (name: string) =>
      entries
        .filter((e) => normalizePypiName(e.name) === normalizePypiName(name))
        .map((e) => pypiId(e.name, e.version));
    for (const p of projects) {
      for (const d of p.deps) for (const id of ids(d.name)) directIds.add(id);
      for (const group of Object.values(p.devGroups)) {
        for (const d of group) {
          for (const id of ids(d.name)) {
            directIds.add(id);
            devRoots.push(id);
          }
        }
      }
    }
    const projectIds = projects.map((p) => pypiId(p.name, p.version));
    const runtime = reachable(projectIds, edges);
    const dev = reachable(devRoots, edges);
    const location = fileLocation(input);
    const packages = new Map<string, Package>();
    for (const e of entries) {
      const id = pypiId(e.name, e.version);
      if (packages.has(id)) continue;
      const known = projects.length > 0 && !isProject(e);
      packages.set(
        id,
        pypiLockPackage(
          {
            name: e.name,
            version: e.version,
            dependsOn: edges.get(id) ?? [],
            ...(known ? { direct: directIds.has(id), dev: dev.has(id) && !runtime.has(id) } : {}),
            metadata: {
              name: e.name,
              ...(e.source ? { source: { [e.source.kind]: e.source.value } } : {}),
              ...(e.sdistHash ? { sdistHash: e.sdistHash } : {}),
            },
          },
          location,
          UV_LOCK_EXTRACTOR,
        ),
      );
    }
    return { packages: [...packages.values()] };
  },
};
