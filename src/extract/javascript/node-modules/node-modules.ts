import { throwIfAborted } from '../../../core/errors.ts';
import type { Inventory } from '../../../core/inventory.ts';
import type { Extractor } from '../../extractor.ts';
import { fileWarnings } from '../file-warnings.ts';
import { fileLocation, npmPackage } from '../npm-package.ts';
import { parsePackageJson } from './parse-package-json.ts';

export const NODE_MODULES_EXTRACTOR = 'javascript/node-modules';

/** `…node_modules/<name>/package.json` and `…node_modules/@scope/<name>/package.json`, nothing deeper. */
const INSTALLED = /(^|\/)node_modules\/(@[^/]+\/)?[^/@.][^/]*\/package\.json$/;

/**
 * Packages really installed in an image or folder: one per node_modules/<name>/package.json
 * (npm, yarn classic, pnpm's node_modules/.pnpm store and bun all lay them out so). Project
 * package.json files outside node_modules are not packages: they are what is being built, and
 * their dependencies are reported from lockfiles. Self-contained, so the image walk keeps no
 * bytes: dependency edges would need every sibling package.json, so they are left to the
 * lockfile extractors; the declared ranges are kept in metadata.dependencies.
 */
export const nodeModulesExtractor: Extractor = {
  name: NODE_MODULES_EXTRACTOR,
  version: 1,
  selfContained: true,
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
    return {
      packages: [
        npmPackage({
          name: pj.name,
          version: pj.version,
          foundBy: NODE_MODULES_EXTRACTOR,
          location: fileLocation(input),
          licenses: pj.licenses,
          metadata,
        }),
      ],
    };
  },
};
