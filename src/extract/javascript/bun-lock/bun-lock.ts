import { throwIfAborted } from '../../../core/errors.ts';
import type { Inventory } from '../../../core/inventory.ts';
import type { Extractor } from '../../extractor.ts';
import { fileLocation } from '../../file-location.ts';
import { fileWarnings } from '../file-warnings.ts';
import { lockPackages } from '../npm-package.ts';
import { parseBunLock } from './parse-bun-lock.ts';

export const BUN_LOCK_EXTRACTOR = 'javascript/bun-lock';

/**
 * Bun's text lockfile, bun.lock (Bun ≥ 1.1.39, the default since 1.2). The binary bun.lockb is not
 * read: its layout is undocumented and changes between Bun versions. Self-contained: workspaces
 * in the lockfile give direct and dev.
 */
export const bunLockExtractor: Extractor = {
  name: BUN_LOCK_EXTRACTOR,
  version: 1,
  selfContained: true,
  fileRequired(path, stat) {
    return (
      stat.type !== 'dir' &&
      (path === 'bun.lock' || path.endsWith('/bun.lock')) &&
      !/(^|\/)node_modules\//.test(path)
    );
  },
  async extract(input): Promise<Inventory> {
    throwIfAborted(input.signal);
    const bytes = await input.read();
    if (bytes.includes(0)) throw new Error('not a text bun.lock: the file is binary');
    const { nodes, warnings } = parseBunLock(new TextDecoder().decode(bytes));
    return {
      packages: lockPackages(nodes, BUN_LOCK_EXTRACTOR, fileLocation(input)),
      ...fileWarnings(input, BUN_LOCK_EXTRACTOR, warnings),
    };
  },
};
