import { throwIfAborted } from '../../../core/errors.ts';
import type { Inventory } from '../../../core/inventory.ts';
import type { Extractor } from '../../extractor.ts';
import { fileLocation } from '../../file-location.ts';
import { fileWarnings } from '../file-warnings.ts';
import { lockPackages } from '../npm-package.ts';
import { parsePnpmLock } from './parse-pnpm-lock.ts';

export const PNPM_LOCK_EXTRACTOR = 'javascript/pnpm-lock';

/**
 * pnpm-lock.yaml (v5 to v9, multi-document files of pnpm ≥ 11). Self-contained: the lockfile
 * records importers, so direct and dev need no sibling. Peer variants of one name@version are one
 * package. Workspace links (`link:`) are the project and are not reported.
 */
export const pnpmLockExtractor: Extractor = {
  name: PNPM_LOCK_EXTRACTOR,
  version: 1,
  selfContained: true,
  fileRequired(path, stat) {
    return (
      stat.type !== 'dir' &&
      (path === 'pnpm-lock.yaml' || path.endsWith('/pnpm-lock.yaml')) &&
      !/(^|\/)node_modules\//.test(path)
    );
  },
  async extract(input): Promise<Inventory> {
    throwIfAborted(input.signal);
    const bytes = await input.read();
    if (bytes.includes(0)) throw new Error('not a pnpm-lock.yaml: the file is binary');
    const { nodes, warnings } = parsePnpmLock(new TextDecoder().decode(bytes));
    return {
      packages: lockPackages(nodes, PNPM_LOCK_EXTRACTOR, fileLocation(input)),
      ...fileWarnings(input, PNPM_LOCK_EXTRACTOR, warnings),
    };
  },
};
