import { posix } from 'node:path';
import { throwIfAborted } from '../../../core/errors.ts';
import type { Package } from '../../../core/package.ts';
import type { Extractor } from '../../extractor.ts';
import { fileLocation } from '../../file-location.ts';
import { parseJsonFile } from '../../parse-json-file.ts';
import { nugetId, nugetPurl, sha512Hash } from '../nuget-package.ts';
import { parsePackagesLock } from './parse-packages-lock.ts';

export const PACKAGES_LOCK_EXTRACTOR = 'dotnet/packages-lock';

/**
 * NuGet lockfiles: one package per name and resolved version across all target frameworks,
 * direct when any framework lists it as `Direct`, the contentHash (SHA-512), and edges to the
 * version each dependency resolved to in the same framework. `Project` entries (references to
 * other projects of the solution, not NuGet packages) are not packages.
 */
export const packagesLockExtractor: Extractor = {
  name: PACKAGES_LOCK_EXTRACTOR,
  version: 1,
  maxFileSize: 32 * 1024 * 1024,
  selfContained: true,
  fileRequired(path, stat) {
    return stat.type === 'file' && posix.basename(path) === 'packages.lock.json';
  },
  async extract(input) {
    throwIfAborted(input.signal);
    const entries = parsePackagesLock(parseJsonFile(await input.read(), 'packages.lock.json')).filter(
      (e) => e.type !== 'Project',
    );
    const resolvedIn = new Map<string, string>(); // `${framework}\0${lowercase name}` → id
    for (const e of entries)
      resolvedIn.set(`${e.framework}\0${e.name.toLowerCase()}`, nugetId(e.name, e.version));
    const location = fileLocation(input);
    const byId = new Map<string, { pkg: Package; deps: Set<string>; frameworks: Set<string> }>();
    for (const e of entries) {
      const id = nugetId(e.name, e.version);
      let slot = byId.get(id);
      if (!slot) {
        const hash = sha512Hash(e.contentHash);
        slot = {
          pkg: {
            id,
            name: e.name,
            version: e.version,
            type: 'nuget',
            ecosystem: 'NuGet',
            purl: nugetPurl(e.name, e.version),
            licenses: [],
            locations: [location],
            direct: false,
            ...(hash ? { hashes: [hash] } : {}),
            foundBy: PACKAGES_LOCK_EXTRACTOR,
          },
          deps: new Set(),
          frameworks: new Set(),
        };
        byId.set(id, slot);
      }
      slot.frameworks.add(e.framework);
      if (e.type === 'Direct') slot.pkg = { ...slot.pkg, direct: true };
      for (const dep of Object.keys(e.dependencies)) {
        const to = resolvedIn.get(`${e.framework}\0${dep.toLowerCase()}`);
        if (to && to !== id) slot.deps.add(to);
      }
    }
    return {
      packages: [...byId.values()].map(({ pkg, deps, frameworks }) => ({
        ...pkg,
        dependsOn: [...deps].sort(),
        metadata: { frameworks: [...frameworks] },
      })),
    };
  },
};
