import { posix } from 'node:path';
import { throwIfAborted } from '../../../core/errors.ts';
import { isRecord } from '../../../core/is-record.ts';
import type { Extractor } from '../../extractor.ts';
import { fileLocation } from '../../file-location.ts';
import { parseJsonFile } from '../../parse-json-file.ts';
import { composerPackages, composerRecords } from '../composer-package.ts';

export const COMPOSER_LOCK_EXTRACTOR = 'php/composer-lock';

/**
 * Composer lockfiles: `packages` (dev: false) and `packages-dev` (dev: true), licences, the dist
 * SHA-1 when set, and edges from `require`. Which packages composer.json asks for directly is
 * not in the lock: `direct` stays unknown.
 */
export const composerLockExtractor: Extractor = {
  name: COMPOSER_LOCK_EXTRACTOR,
  version: 1,
  maxFileSize: 32 * 1024 * 1024,
  selfContained: true,
  fileRequired(path, stat) {
    return stat.type === 'file' && posix.basename(path) === 'composer.lock';
  },
  async extract(input) {
    throwIfAborted(input.signal);
    const doc = parseJsonFile(await input.read(), 'composer.lock');
    if (!isRecord(doc)) throw new Error('invalid composer.lock: the top level is not a JSON object');
    const records = [...composerRecords(doc.packages, false), ...composerRecords(doc['packages-dev'], true)];
    return { packages: composerPackages(records, fileLocation(input), COMPOSER_LOCK_EXTRACTOR) };
  },
};
