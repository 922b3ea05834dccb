import { throwIfAborted } from '../../../core/errors.ts';
import type { Inventory } from '../../../core/inventory.ts';
import type { Extractor } from '../../extractor.ts';
import { fileLocation } from '../../file-location.ts';
import { fileWarnings } from '../file-warnings.ts';
import { npmPackage } from '../npm-package.ts';
import { parsePackageJson } from './parse-package-json.ts';
import { resolveInstalledDep } from './resolve-installed-dep.ts';

export const NODE_MODULES_EXTRACTOR = 'javascript/node-modules';

/** `…node_modules/<name>/package.json` and `…node_modules/@scope/<name>/package.json`, nothing deeper. */
const INSTALLED = /(^|\/)node_modules\/(@[^/]+\/)?[^/@.][^/]*\/package\.json$/;

/**
 * Packages really installed in an image or folder: one per node_modules/<name>/package.json
 * (npm, yarn classic, pnpm's node_modules/.pnpm store and bun all lay them out so). Project
 * package.json files outside node_modules are not packages: they are what is being built, and
 * their dependencies are reported from lockfiles. Dependency edges are resolved the way Node
 * loads modules (nearest node_modules upwards), reading the sibling package.json files through
 * `fs`; so this extractor is not self-contained (package.json files are small: an image walk
 * keeps them, a few MB for thousands of packages). Declared ranges stay in metadata.dependencies.
 */
export const nodeModulesExtractor: Extractor = {
  name: NODE_MODULES_EXTRACTOR,
  version: 1,
  // A package.json is a few KiB; a bigger one is not a real manifest (generated data, a bomb).
  maxFileSize: 4 * 1024 * 1024,
  fileRequired(path, stat) {
    return stat.type !== 'dir' && INSTALLED.test(path);
  },
  async extract(input): Promise<Inventory> {
    throwIfAborted(input.signal);
    const pj = parsePackageJson(new TextDecoder().decode(await input.read()));
    if (!pj) {
      return {
        packages: [],
        ...fileWarnings(input, NODE_MODULES_EXTRACTOR, ['no name or version: not a package']),
      };
    }
    const metadata: Record<string, unknown> = {};
    for (const key of ['author', 'description', 'homepage', 'repository', 'private'] as const) {
      if (pj[key] !== undefined) metadata[key] = pj[key];
    }
    if (Object.keys(pj.dependencies).length > 0) metadata.dependencies = pj.dependencies;
    const pkgDir = input.path.slice(0, -'/package.json'.length);
    const dependsOn: string[] = [];
    for (const dep of Object.keys(pj.dependencies)) {
      const id = await resolveInstalledDep(input.fs, pkgDir, dep);
      if (id && !dependsOn.includes(id)) dependsOn.push(id);
    }
    return {
      packages: [
        npmPackage({
          name: pj.name,
          version: pj.version,
          foundBy: NODE_MODULES_EXTRACTOR,
          location: fileLocation(input),
          licenses: pj.licenses,
          dependsOn,
          metadata,
        }),
      ],
    };
  },
};
