import { posix } from 'node:path';
import { throwIfAborted } from '../../../core/errors.ts';
import type { Package } from '../../../core/package.ts';
import type { Extractor } from '../../extractor.ts';
import { fileLocation } from '../../file-location.ts';
import { lockEdges } from '../lock-graph.ts';
import { decodeText, pypiId, pypiLockPackage } from '../pypi-package.ts';
import { parsePoetryLock } from './parse-poetry-lock.ts';

export const POETRY_LOCK_EXTRACTOR = 'python/poetry-lock';

/**
 * Poetry lockfiles: every locked package, dev from `category`/`groups`, edges from
 * `[package.dependencies]` (plus the requirements of extras asked for). Which packages are direct
 * is in pyproject.toml, not the lock: `direct` is left unknown (the extractor stays self-contained).
 */
export const poetryLockExtractor: Extractor = {
  name: POETRY_LOCK_EXTRACTOR,
  version: 1,
  maxFileSize: 32 * 1024 * 1024,
  selfContained: true,
  fileRequired(path, stat) {
    return stat.type === 'file' && posix.basename(path) === 'poetry.lock';
  },
  async extract(input) {
    throwIfAborted(input.signal);
    const entries = parsePoetryLock(decodeText(await input.read(), 'poetry.lock'));
    const edges = lockEdges(entries);
    const location = fileLocation(input);
    const packages = new Map<string, Package>();
    for (const e of entries) {
      const id = pypiId(e.name, e.version);
      if (packages.has(id)) continue;
      packages.set(
        id,
        pypiLockPackage(
          {
            name: e.name,
            version: e.version,
            dependsOn: edges.get(id) ?? [],
            ...(e.dev === undefined ? {} : { dev: e.dev }),
            metadata: {
              name: e.name,
              ...(e.index ? { index: e.index } : {}),
              ...(e.markers ? { markers: e.markers } : {}),
              ...(e.groups ? { groups: e.groups } : {}),
            },
          },
          location,
          POETRY_LOCK_EXTRACTOR,
        ),
      );
    }
    return { packages: [...packages.values()] };
  },
};
