import { posix } from 'node:path';
import { throwIfAborted } from '../../../core/errors.ts';
import type { Package } from '../../../core/package.ts';
import type { Extractor } from '../../extractor.ts';
import { fileLocation } from '../../file-location.ts';
import { decodeText, pypiLockPackage } from '../pypi-package.ts';
import { parseRequirements } from './parse-requirements.ts';

export const REQUIREMENTS_EXTRACTOR = 'python/requirements';

/**
 * pip requirements files (`requirements.txt`, `requirements-dev.txt`, `dev-requirements.txt`…,
 * as Syft's `*requirements*.txt` glob): one package per exact pin, with its `--hash` values and
 * environment marker. A pin listed twice at two versions gives two packages; the same pin twice
 * gives one. Self-contained: `-r` includes are not followed (each file is extracted on its own).
 */
export const requirementsExtractor: Extractor = {
  name: REQUIREMENTS_EXTRACTOR,
  version: 1,
  maxFileSize: 8 * 1024 * 1024,
  selfContained: true,
  fileRequired(path, stat) {
    return stat.type === 'file' && /requirements.*\.txt$/i.test(posix.basename(path));
  },
  async extract(input) {
    throwIfAborted(input.signal);
    const parsed = parseRequirements(decodeText(await input.read(), 'requirements file'));
    const location = fileLocation(input);
    const packages = new Map<string, Package>();
    for (const r of parsed.pins) {
      const p = pypiLockPackage(
        {
          name: r.name,
          version: r.version,
          hashes: r.hashes,
          metadata: {
            name: r.name,
            constraint: r.constraint,
            line: r.line,
            ...(r.extras.length > 0 ? { extras: r.extras } : {}),
            ...(r.marker ? { marker: r.marker } : {}),
            ...(r.url ? { url: r.url } : {}),
          },
        },
        location,
        REQUIREMENTS_EXTRACTOR,
      );
      if (!packages.has(p.id)) packages.set(p.id, p);
    }
    return { packages: [...packages.values()] };
  },
};
