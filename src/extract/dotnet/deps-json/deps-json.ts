import { posix } from 'node:path';
import { throwIfAborted } from '../../../core/errors.ts';
import type { Package } from '../../../core/package.ts';
import type { Extractor } from '../../extractor.ts';
import { fileLocation } from '../../file-location.ts';
import { parseJsonFile } from '../../parse-json-file.ts';
import { nugetId, nugetPurl, sha512Hash } from '../nuget-package.ts';
import { parseDepsJson } from './parse-deps-json.ts';

export const DEPS_JSON_EXTRACTOR = 'dotnet/deps-json';

/** Library types that are code shipped with the app (reference assemblies are compile-time only). */
const KEPT = new Set(['package', 'project']);

/**
 * .NET application manifests (`*.deps.json`): every NuGet package and project library, the
 * package SHA-512, and edges from the targets' dependencies. The app is the project named like
 * the file (`MyApp.deps.json`); what it depends on is direct. Project libraries are kept, as
 * Syft keeps them, so the tree has its top; they carry `metadata.libraryType = 'project'`.
 */
export const depsJsonExtractor: Extractor = {
  name: DEPS_JSON_EXTRACTOR,
  version: 1,
  maxFileSize: 32 * 1024 * 1024,
  selfContained: true,
  fileRequired(path, stat) {
    return stat.type === 'file' && /\.deps\.json$/i.test(path);
  },
  async extract(input) {
    throwIfAborted(input.signal);
    const libs = parseDepsJson(parseJsonFile(await input.read(), '.deps.json')).filter((l) =>
      KEPT.has(l.type),
    );
    const idByName = new Map(libs.map((l) => [l.name.toLowerCase(), nugetId(l.name, l.version)]));
    const appName = posix
      .basename(input.path)
      .replace(/\.deps\.json$/i, '')
      .toLowerCase();
    const app = libs.find((l) => l.type === 'project' && l.name.toLowerCase() === appName);
    const direct = new Set(
      Object.keys(app?.dependencies ?? {}).flatMap((n) => idByName.get(n.toLowerCase()) ?? []),
    );
    const location = fileLocation(input);
    const packages = new Map<string, Package>();
    for (const l of libs) {
      const id = nugetId(l.name, l.version);
      if (packages.has(id)) continue;
      const hash = sha512Hash(l.sha512);
      const dependsOn = Object.keys(l.dependencies).flatMap((n) => {
        const to = idByName.get(n.toLowerCase());
        return to && to !== id ? [to] : [];
      });
      packages.set(id, {
        id,
        name: l.name,
        version: l.version,
        type: 'nuget',
        ecosystem: 'NuGet',
        purl: nugetPurl(l.name, l.version),
        licenses: [],
        locations: [location],
        dependsOn: [...new Set(dependsOn)].sort(),
        ...(app && l !== app ? { direct: direct.has(id) } : {}),
        ...(hash ? { hashes: [hash] } : {}),
        foundBy: DEPS_JSON_EXTRACTOR,
        metadata: {
          libraryType: l.type,
          ...(l.path ? { path: l.path } : {}),
          ...(l.hashPath ? { hashPath: l.hashPath } : {}),
        },
      });
    }
    return { packages: [...packages.values()] };
  },
};
