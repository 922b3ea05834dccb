import { throwIfAborted } from '../../../core/errors.ts';
import type { Inventory } from '../../../core/inventory.ts';
import type { Extractor } from '../../extractor.ts';
import { fileLocation } from '../../file-location.ts';
import { fileWarnings } from '../file-warnings.ts';
import { lockPackages } from '../npm-package.ts';
import { isProjectManifest, readProjectManifest } from '../project-manifest.ts';
import { parsePackageLock } from './parse-package-lock.ts';

export const PACKAGE_LOCK_EXTRACTOR = 'javascript/package-lock';

const NAMES = new Set(['package-lock.json', 'npm-shrinkwrap.json']);

/**
 * npm's package-lock.json and npm-shrinkwrap.json (lockfile v1, v2, v3). The project itself (the
 * root entry, and workspace folders) is not reported: it is what is scanned, and its name often
 * collides with a registry package (Syft reports it). Dev packages are kept and flagged `dev`.
 * Lockfiles inside node_modules are skipped: what is installed there is reported from each
 * package's own package.json (javascript/node-modules), and node_modules/.package-lock.json
 * would list it twice. Reads the sibling package.json for v1 direct dependencies, hence not
 * self-contained.
 */
export const packageLockExtractor: Extractor = {
  name: PACKAGE_LOCK_EXTRACTOR,
  version: 1,
  fileRequired(path, stat) {
    if (stat.type === 'dir' || /(^|\/)node_modules\//.test(path)) return false;
    return NAMES.has(path.slice(path.lastIndexOf('/') + 1));
  },
  fileNeeded: isProjectManifest,
  async extract(input): Promise<Inventory> {
    throwIfAborted(input.signal);
    const text = new TextDecoder().decode(await input.read());
    // Only v1 needs the manifest (v2/v3 record the root's dependencies); the version is near the top.
    const needsManifest = !/"lockfileVersion"\s*:\s*[23]/.test(text.slice(0, 4096));
    const manifest = needsManifest ? await readProjectManifest(input.fs, input.path) : undefined;
    const lock = parsePackageLock(text, manifest);
    throwIfAborted(input.signal);
    return {
      packages: lockPackages(lock.nodes, PACKAGE_LOCK_EXTRACTOR, fileLocation(input)),
      ...fileWarnings(input, PACKAGE_LOCK_EXTRACTOR, lock.warnings),
    };
  },
};
