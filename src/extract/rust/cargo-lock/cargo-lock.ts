import { throwIfAborted } from '../../../core/errors.ts';
import type { FileError, Inventory } from '../../../core/inventory.ts';
import type { Package } from '../../../core/package.ts';
import type { Extractor } from '../../extractor.ts';
import { cargoEcosystem, cargoId, cargoPurl } from '../cargo-package.ts';
import { type CargoLockPackage, parseCargoLock, parseDependencySpec } from './parse-cargo-lock.ts';

export const CARGO_LOCK_EXTRACTOR = 'rust/cargo-lock';

/**
 * Rust crates from Cargo.lock: name, version, source, checksum (the .crate's SHA-256, also in
 * `hashes`) and dependency edges, resolving `name`, `name version` and `name version (source)`
 * specs. Workspace and path crates (no source) are the project: they get no purl (as in Syft)
 * and no ecosystem; crates they depend on are `direct`, the others not.
 */
export const cargoLockExtractor: Extractor = {
  name: CARGO_LOCK_EXTRACTOR,
  version: 1,
  maxFileSize: 16 * 1024 * 1024,
  selfContained: true,
  fileRequired(path, stat) {
    return stat.type === 'file' && (path === 'Cargo.lock' || path.endsWith('/Cargo.lock'));
  },
  async extract(input): Promise<Inventory> {
    throwIfAborted(input.signal);
    const layer = input.stat.layer?.index;
    const warn = (message: string): FileError => ({
      path: input.path,
      stage: CARGO_LOCK_EXTRACTOR,
      message,
      ...(layer === undefined ? {} : { layer }),
    });
    const bytes = await input.read();
    if (bytes.includes(0)) return { packages: [], warnings: [warn('not a Cargo.lock: the file is binary')] };
    const lock = parseCargoLock(new TextDecoder().decode(bytes));
    const location = { path: input.path, ...(input.stat.layer ? { layer: input.stat.layer } : {}) };

    const byName = new Map<string, CargoLockPackage[]>();
    for (const p of lock.packages) byName.set(p.name, [...(byName.get(p.name) ?? []), p]);
    const resolve = (spec: string): CargoLockPackage | undefined => {
      const d = parseDependencySpec(spec);
      const found = (byName.get(d.name) ?? []).filter(
        (p) =>
          (d.version === undefined || p.version === d.version) &&
          // Specs name git sources without the `#<commit>` the package's source carries.
          (d.source === undefined || p.source === d.source || p.source?.split('#')[0] === d.source),
      );
      return found[0];
    };
    const idOf = (p: CargoLockPackage) => cargoId(p.name, p.version, p.source);

    const directIds = new Set<string>();
    const hasLocal = lock.packages.some((p) => p.source === undefined);
    for (const p of lock.packages) {
      if (p.source !== undefined) continue;
      for (const spec of p.dependencies) {
        const dep = resolve(spec);
        if (dep) directIds.add(idOf(dep));
      }
    }

    const problems = [...lock.problems];
    const packages: Package[] = [];
    const seen = new Set<string>();
    for (const p of lock.packages) {
      throwIfAborted(input.signal);
      const id = idOf(p);
      if (seen.has(id)) {
        problems.push(`crate ${p.name} ${p.version} is listed twice; the first entry is kept`);
        continue;
      }
      seen.add(id);
      const dependsOn: string[] = [];
      for (const spec of p.dependencies) {
        const dep = resolve(spec);
        if (dep) dependsOn.push(idOf(dep));
        else problems.push(`crate ${p.name} ${p.version}: dependency "${spec}" is not in the lock file`);
      }
      const ecosystem = cargoEcosystem(p.source);
      packages.push({
        id,
        name: p.name,
        version: p.version,
        type: 'cargo',
        ...(ecosystem ? { ecosystem } : {}),
        purl: cargoPurl(p.name, p.version, p.source),
        licenses: [],
        locations: [location],
        dependsOn,
        ...(p.source !== undefined && hasLocal ? { direct: directIds.has(id) } : {}),
        ...(p.checksum ? { hashes: [{ alg: 'SHA-256' as const, content: p.checksum }] } : {}),
        foundBy: CARGO_LOCK_EXTRACTOR,
        metadata: {
          ...(p.source ? { source: p.source } : {}),
          ...(p.checksum ? { checksum: p.checksum } : {}),
          dependencies: p.dependencies,
        },
      });
    }
    const shown = problems.slice(0, 50).map(warn);
    return { packages, ...(shown.length > 0 ? { warnings: shown } : {}) };
  },
};
