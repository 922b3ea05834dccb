import { posix } from 'node:path';
import { throwIfAborted } from '../../../core/errors.ts';
import type { Package } from '../../../core/package.ts';
import type { Extractor } from '../../extractor.ts';
import { fileLocation } from '../../file-location.ts';
import { decodeText, pypiLockPackage } from '../pypi-package.ts';
import { parsePipfileLock } from './parse-pipfile-lock.ts';

export const PIPFILE_LOCK_EXTRACTOR = 'python/pipfile-lock';

/**
 * Pipenv lockfiles: every pinned package of `default` and of `develop` (dev: true), with its
 * hashes and index. A package in both sections is runtime (dev: false). The lock has no
 * dependency graph, so no edges and no direct flag.
 */
export const pipfileLockExtractor: Extractor = {
  name: PIPFILE_LOCK_EXTRACTOR,
  version: 1,
  maxFileSize: 32 * 1024 * 1024,
  selfContained: true,
  fileRequired(path, stat) {
    return stat.type === 'file' && posix.basename(path) === 'Pipfile.lock';
  },
  async extract(input) {
    throwIfAborted(input.signal);
    const { entries } = parsePipfileLock(decodeText(await input.read(), 'Pipfile.lock'));
    const location = fileLocation(input);
    const packages = new Map<string, Package>();
    for (const e of entries) {
      const p = pypiLockPackage(
        {
          name: e.name,
          version: e.version,
          dev: e.dev,
          hashes: e.hashes,
          metadata: {
            name: e.name,
            ...(e.index ? { index: e.index } : {}),
            ...(e.markers ? { markers: e.markers } : {}),
          },
        },
        location,
        PIPFILE_LOCK_EXTRACTOR,
      );
      if (!packages.has(p.id)) packages.set(p.id, p);
    }
    return { packages: [...packages.values()] };
  },
};
