import { throwIfAborted } from '../../../core/errors.ts';
import type { Inventory } from '../../../core/inventory.ts';
import type { Extractor } from '../../extractor.ts';
import { fileLocation } from '../../file-location.ts';
import { fileWarnings } from '../file-warnings.ts';
import { markDevDirect } from '../mark-dev-direct.ts';
import { type LockNode, lockPackages } from '../npm-package.ts';
import { isProjectManifest, readProjectManifest } from '../project-manifest.ts';
import { parseYarnBerry } from './parse-yarn-berry.ts';
import { parseYarnClassic } from './parse-yarn-classic.ts';
import type { YarnEntry } from './yarn-entry.ts';

export const YARN_LOCK_EXTRACTOR = 'javascript/yarn-lock';

/**
 * yarn.lock, classic (v1) and Berry (yarn ≥ 2). Edges come from each block's dependencies,
 * matched to the block whose key lists the same descriptor. yarn.lock does not say which
 * dependencies are direct or dev: the sibling package.json does, so it is read (not
 * self-contained); without it those flags stay unknown. Berry workspaces are the project and are
 * not reported; their dependencies are direct.
 */
export const yarnLockExtractor: Extractor = {
  name: YARN_LOCK_EXTRACTOR,
  version: 1,
  fileRequired(path, stat) {
    return (
      stat.type !== 'dir' &&
      (path === 'yarn.lock' || path.endsWith('/yarn.lock')) &&
      !/(^|\/)node_modules\//.test(path)
    );
  },
  fileNeeded: isProjectManifest,
  async extract(input): Promise<Inventory> {
    throwIfAborted(input.signal);
    const bytes = await input.read();
    if (bytes.includes(0)) throw new Error('not a yarn.lock: the file is binary');
    const text = new TextDecoder().decode(bytes);
    const berry = /^__metadata:/m.test(text);
    const { entries, warnings } = berry ? parseYarnBerry(text) : parseYarnClassic(text);
    throwIfAborted(input.signal);
    const manifest = await readProjectManifest(input.fs, input.path);
    const nodes = yarnNodes(entries, manifest && { prod: manifest.prod, dev: manifest.dev });
    return {
      packages: lockPackages(nodes, YARN_LOCK_EXTRACTOR, fileLocation(input)),
      ...fileWarnings(input, YARN_LOCK_EXTRACTOR, warnings),
    };
  },
};

/**
 * Lock nodes (keyed by their first descriptor) with resolved edges, and direct/dev flags when the
 * project's dependency ranges are known.
 */
export function yarnNodes(
  entries: readonly YarnEntry[],
  project?: { prod: ReadonlyMap<string, string>; dev: ReadonlyMap<string, string> },
): LockNode[] {
  const bySpec = new Map<string, YarnEntry>();
  const byName = new Map<string, YarnEntry[]>();
  for (const e of entries) {
    for (const s of e.specs) bySpec.set(s, e);
    byName.set(e.name, [...(byName.get(e.name) ?? []), e]);
  }
  const keyOf = (e: YarnEntry) => e.specs[0] ?? `${e.name}@${e.version}`;
  // Berry writes `^1.0.0` in dependencies but `name@npm:^1.0.0` in keys; an alias's key uses the alias name.
  const find = (name: string, range: string): YarnEntry | undefined =>
    bySpec.get(`${name}@${range}`) ??
    bySpec.get(`${name}@npm:${range}`) ??
    (byName.get(name)?.length === 1 ? byName.get(name)![0] : undefined);
  const edges = new Map<string, string[]>();
  for (const e of entries) {
    edges.set(
      keyOf(e),
      e.deps.flatMap(([n, r]) => {
        const hit = find(n, r);
        return hit ? [keyOf(hit)] : [];
      }),
    );
  }
  const workspaceDeps = entries.filter((e) => e.workspace).flatMap((e) => edges.get(keyOf(e)) ?? []);
  const rootKeys = (deps: ReadonlyMap<string, string>) =>
    [...deps].flatMap(([n, r]) => {
      const hit = find(n, r);
      return hit && !hit.workspace ? [keyOf(hit)] : [];
    });
  const flags = project
    ? markDevDirect(edges, {
        prod: [...rootKeys(project.prod), ...workspaceDeps],
        dev: rootKeys(project.dev),
      })
    : undefined;
  return entries
    .filter((e) => !e.workspace)
    .map((e) => {
      const key = keyOf(e);
      const f = flags?.get(key);
      const metadata: Record<string, unknown> = {};
      if (e.resolved) metadata.resolved = e.resolved;
      if (e.integrity) metadata.integrity = e.integrity;
      if (e.resolution) metadata.resolution = e.resolution;
      if (e.checksum) metadata.checksum = e.checksum;
      return {
        key,
        name: e.name,
        version: e.version,
        dependsOn: edges.get(key) ?? [],
        ...(f
          ? { direct: f.direct, dev: f.dev }
          : project
            ? { direct: false }
            : // Berry workspaces list dev and prod dependencies alike: direct is known, dev is not.
              workspaceDeps.length > 0
              ? { direct: workspaceDeps.includes(key) }
              : {}),
        ...(e.integrity ? { integrity: e.integrity } : {}),
        metadata,
      };
    });
}
