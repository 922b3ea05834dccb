import { posix } from 'node:path';
import { throwIfAborted } from '../../../core/errors.ts';
import type { Package } from '../../../core/package.ts';
import type { Extractor } from '../../extractor.ts';
import { fileLocation } from '../../file-location.ts';
import { decodeText, gemId, gemPurl } from '../gem-package.ts';
import { parseGemfileLock } from './parse-gemfile-lock.ts';

export const GEMFILE_LOCK_EXTRACTOR = 'ruby/gemfile-lock';

/**
 * Bundler lockfiles (`Gemfile.lock`, `Gemfile.next.lock`…, `gems.locked`): every gem of the GEM,
 * GIT and PATH sections, direct when DEPENDENCIES names it, with edges from the nested spec lines
 * (to every locked platform build of that name). Gemfile groups are not in the lock, so dev is
 * unknown.
 */
export const gemfileLockExtractor: Extractor = {
  name: GEMFILE_LOCK_EXTRACTOR,
  version: 1,
  maxFileSize: 16 * 1024 * 1024,
  selfContained: true,
  fileRequired(path, stat) {
    const base = posix.basename(path);
    return stat.type === 'file' && (/^Gemfile.*\.lock$/.test(base) || base === 'gems.locked');
  },
  async extract(input) {
    throwIfAborted(input.signal);
    const lock = parseGemfileLock(decodeText(await input.read(), 'Gemfile.lock'));
    const idsByName = new Map<string, string[]>();
    for (const g of lock.gems) {
      const id = gemId(g.name, g.version, g.platform);
      idsByName.set(g.name, [...(idsByName.get(g.name) ?? []), id]);
    }
    const location = fileLocation(input);
    const packages = new Map<string, Package>();
    for (const g of lock.gems) {
      const id = gemId(g.name, g.version, g.platform);
      if (packages.has(id)) continue;
      const dependsOn = [...new Set(g.deps.flatMap((d) => idsByName.get(d) ?? []))].filter((d) => d !== id);
      packages.set(id, {
        id,
        name: g.name,
        version: g.version,
        type: 'gem',
        ecosystem: 'RubyGems',
        purl: gemPurl(g.name, g.version, g.platform),
        licenses: [],
        locations: [location],
        dependsOn: dependsOn.sort(),
        direct: lock.direct.has(g.name),
        foundBy: GEMFILE_LOCK_EXTRACTOR,
        metadata: {
          source: g.section,
          ...(g.platform ? { platform: g.platform } : {}),
          ...(g.remote ? { remote: g.remote } : {}),
          ...(g.revision ? { revision: g.revision } : {}),
        },
      });
    }
    return { packages: [...packages.values()] };
  },
};
