import { throwIfAborted } from '../../../core/errors.ts';
import type { Inventory } from '../../../core/inventory.ts';
import type { Location } from '../../../core/location.ts';
import type { Package } from '../../../core/package.ts';
import type { Extractor } from '../../extractor.ts';
import { mavenId, mavenPurl } from '../maven-coordinates.ts';
import { parseGradleLockfile } from './parse-gradle-lockfile.ts';

export const GRADLE_LOCKFILE_EXTRACTOR = 'java/gradle-lockfile';

/**
 * Gradle's `gradle.lockfile` (one per project; older layouts keep one file per configuration in
 * gradle/dependency-locks/*.lockfile). The lock lists the resolved graph flattened, so `direct` is
 * unknown; `dev` is true when every configuration that pulls a module is a test one.
 */
export const gradleLockfileExtractor: Extractor = {
  name: GRADLE_LOCKFILE_EXTRACTOR,
  version: 1,
  maxFileSize: 16 * 1024 * 1024,
  selfContained: true,
  fileRequired(path, stat) {
    if (stat.type !== 'file') return false;
    return (
      path === 'gradle.lockfile' ||
      path.endsWith('/gradle.lockfile') ||
      (path.includes('gradle/dependency-locks/') && path.endsWith('.lockfile'))
    );
  },
  async extract(input): Promise<Inventory> {
    throwIfAborted(input.signal);
    const bytes = await input.read();
    if (bytes.includes(0)) throw new Error('not a Gradle lockfile: the file is binary');
    const { entries, warnings } = parseGradleLockfile(new TextDecoder().decode(bytes));
    const location: Location = { path: input.path, ...(input.stat.layer ? { layer: input.stat.layer } : {}) };
    const seen = new Set<string>();
    const packages: Package[] = [];
    for (const e of entries) {
      const id = mavenId(e);
      if (seen.has(id)) continue;
      seen.add(id);
      packages.push({
        id,
        name: e.artifactId,
        version: e.version,
        type: 'maven',
        ecosystem: 'Maven',
        purl: mavenPurl(e),
        licenses: [],
        locations: [location],
        ...(e.configurations.length > 0 ? { dev: e.configurations.every((c) => /^test/i.test(c)) } : {}),
        foundBy: GRADLE_LOCKFILE_EXTRACTOR,
        metadata: { groupId: e.groupId, configurations: e.configurations },
      });
    }
    const layer = input.stat.layer?.index;
    return {
      packages,
      ...(warnings.length > 0
        ? {
            warnings: warnings.slice(0, 50).map((message) => ({
              path: input.path,
              stage: GRADLE_LOCKFILE_EXTRACTOR,
              message,
              ...(layer === undefined ? {} : { layer }),
            })),
          }
        : {}),
    };
  },
};
