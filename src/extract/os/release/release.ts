import { throwIfAborted } from '../../../core/errors.ts';
import type { Inventory } from '../../../core/inventory.ts';
import type { Extractor } from '../../extractor.ts';
import { identifyOs, MAX_RELEASE_FILE, RELEASE_PATHS } from './identify-os.ts';

const NAME = 'os/release';

/**
 * The OS of the scanned tree, from os-release and its fallbacks (see RELEASE_FILES for the order).
 *
 * extract() runs once per release file present, yet a tree has one OS: every call identifies the
 * OS from all the release files (a few small reads through `fs`), and only the call for the file
 * that won reports it — the winner with symlinks resolved, since the walk only offers regular files
 * (`etc/os-release` is usually a link to `usr/lib/os-release`). The other calls return nothing, or a
 * warning when their own file was unusable. Nothing is cached: image walks also call extract() on
 * older versions of a file while the tree is still incomplete.
 */
export const releaseExtractor: Extractor = {
  name: NAME,
  version: 1,
  providesOs: true,
  maxFileSize: MAX_RELEASE_FILE,
  fileRequired(path, stat) {
    return RELEASE_PATHS.has(path) && stat.type !== 'dir';
  },
  async extract(input): Promise<Inventory> {
    throwIfAborted(input.signal);
    const { os, claimedBy, rejected } = await identifyOs(input.fs);
    if (os && claimedBy === input.path) return { packages: [], os };
    const problem = rejected.get(input.path);
    if (problem === undefined) return { packages: [] };
    const layer = input.stat.layer?.index;
    return {
      packages: [],
      warnings: [
        { path: input.path, stage: NAME, message: problem, ...(layer === undefined ? {} : { layer }) },
      ],
    };
  },
};
