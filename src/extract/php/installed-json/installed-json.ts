import { throwIfAborted } from '../../../core/errors.ts';
import { isRecord } from '../../../core/is-record.ts';
import type { Extractor } from '../../extractor.ts';
import { fileLocation } from '../../file-location.ts';
import { parseJsonFile } from '../../parse-json-file.ts';
import { composerPackages, composerRecords } from '../composer-package.ts';

export const INSTALLED_JSON_EXTRACTOR = 'php/installed-json';

/**
 * What Composer installed into a vendor folder: `vendor/composer/installed.json`, either the
 * Composer 1 array of packages or the Composer 2 `{packages: […], dev: bool, dev-package-names: […]}`.
 * Composer 2 names the dev packages, so dev is known there; Composer 1 does not say.
 */
export const installedJsonExtractor: Extractor = {
  name: INSTALLED_JSON_EXTRACTOR,
  version: 1,
  maxFileSize: 32 * 1024 * 1024,
  selfContained: true,
  fileRequired(path, stat) {
    // Syft matches any installed.json; we keep to Composer's own folder, as other tools write
    // files of that name.
    return stat.type === 'file' && /(^|\/)composer\/installed\.json$/.test(path);
  },
  async extract(input) {
    throwIfAborted(input.signal);
    const doc = parseJsonFile(await input.read(), 'installed.json');
    const location = fileLocation(input);
    if (Array.isArray(doc)) {
      return {
        packages: composerPackages(composerRecords(doc, undefined), location, INSTALLED_JSON_EXTRACTOR),
      };
    }
    if (!isRecord(doc) || !Array.isArray(doc.packages)) {
      throw new Error('invalid installed.json: neither a package array nor an object with "packages"');
    }
    const devNames = Array.isArray(doc['dev-package-names'])
      ? new Set(doc['dev-package-names'].filter((n): n is string => typeof n === 'string'))
      : undefined;
    const records = composerRecords(doc.packages, undefined).map((r) =>
      devNames ? { ...r, dev: devNames.has(r.name) } : r,
    );
    return { packages: composerPackages(records, location, INSTALLED_JSON_EXTRACTOR) };
  },
};
