import { throwIfAborted } from '../../../core/errors.ts';
import type { FileError, Inventory } from '../../../core/inventory.ts';
import type { Location } from '../../../core/location.ts';
import type { Package } from '../../../core/package.ts';
import type { Extractor } from '../../extractor.ts';
import { APK_EXTRACTOR, apkId, apkPackage } from './apk-package.ts';
import { parseApkDb } from './parse-apk-db.ts';
import { ApkDepIndex } from './resolve-apk-deps.ts';

/** Alpine, Wolfi and Chainguard keep it in lib/apk; apk-tools 3 layouts in usr/lib/apk. */
const DB_PATHS = new Set(['lib/apk/db/installed', 'usr/lib/apk/db/installed']);

/**
 * Alpine-family packages from apk's installed database: names, versions, origins, licences,
 * files, and D: dependencies resolved to package ids through names and p: provides (so:, cmd:,
 * paths). Bad records are warnings; the rest is kept.
 */
export const apkExtractor: Extractor = {
  name: APK_EXTRACTOR,
  version: 1,
  fileRequired(path, stat) {
    return stat.type !== 'dir' && DB_PATHS.has(path);
  },
  async extract(input): Promise<Inventory> {
    throwIfAborted(input.signal);
    const layer = input.stat.layer?.index;
    const warn = (message: string): FileError => ({
      path: input.path,
      stage: APK_EXTRACTOR,
      message,
      ...(layer === undefined ? {} : { layer }),
    });
    const bytes = await input.read();
    if (bytes.length === 0) return { packages: [], warnings: [warn('file is empty: no packages')] };
    if (bytes.includes(0))
      return { packages: [], warnings: [warn('not an apk database: the file is binary')] };
    const { records, warnings } = parseApkDb(new TextDecoder().decode(bytes));

    const index = new ApkDepIndex(records.map((r) => ({ ...r, id: apkId(r) })));
    const location: Location = { path: input.path, ...(input.stat.layer ? { layer: input.stat.layer } : {}) };
    const packages: Package[] = [];
    const seen = new Set<string>();
    for (const r of records) {
      throwIfAborted(input.signal);
      const id = apkId(r);
      if (seen.has(id)) {
        warnings.push(
          `package ${r.name} ${r.version} (line ${r.line}) is listed twice; the first record is kept`,
        );
        continue;
      }
      seen.add(id);
      packages.push(apkPackage(r, { location, os: input.os, dependsOn: index.dependsOn({ ...r, id }) }));
    }
    const shown =
      warnings.length > 50
        ? [...warnings.slice(0, 50), `…and ${warnings.length - 50} more problems like these`]
        : warnings;
    return { packages, ...(shown.length > 0 ? { warnings: shown.map(warn) } : {}) };
  },
};
