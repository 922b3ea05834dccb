import { throwIfAborted } from '../../../core/errors.ts';
import type { Inventory } from '../../../core/inventory.ts';
import type { Location } from '../../../core/location.ts';
import type { Package } from '../../../core/package.ts';
import type { ExtractInput, Extractor } from '../../extractor.ts';
import { fileWarning } from '../../file-warning.ts';
import { declaredLicenses } from '../../license/declared-licenses.ts';
import { copyrightLicenses, dbDirOf, installedFiles, isSupportFile, siblingRecords } from './dpkg-db.ts';
import { DPKG_EXTRACTOR, dpkgId, dpkgPackage } from './dpkg-package.ts';
import { type DpkgRecord, parseDpkgStatus } from './parse-dpkg-status.ts';
import { DepIndex, dpkgDependsOn } from './resolve-dpkg-deps.ts';

/**
 * Debian packages from dpkg's database: var/lib/dpkg/status, and distroless images'
 * var/lib/dpkg/status.d/<entry> (one or more stanzas per file, no Status field). Installed files
 * come from info/<pkg>.list (or md5sums), licences from usr/share/doc/<pkg>/copyright, and
 * Depends / Pre-Depends are resolved to ids within the same database (for status.d: across the
 * folder, reading the sibling entries through `fs`). Bad stanzas are warnings; the rest is kept.
 */
export const dpkgExtractor: Extractor = {
  name: DPKG_EXTRACTOR,
  version: 1,
  fileRequired(path, stat) {
    return stat.type !== 'dir' && dbDirOf(path) !== undefined;
  },
  fileNeeded: isSupportFile,
  async extract(input): Promise<Inventory> {
    throwIfAborted(input.signal);
    const dbDir = dbDirOf(input.path);
    if (dbDir === undefined) return { packages: [] };
    const warn = fileWarning(input, DPKG_EXTRACTOR);

    const bytes = await input.read();
    if (bytes.length === 0) return { packages: [], warnings: [warn('file is empty: no packages')] };
    if (bytes.includes(0))
      return { packages: [], warnings: [warn('not a dpkg database: the file is binary')] };
    const { records, warnings } = parseDpkgStatus(new TextDecoder().decode(bytes));

    const entry = input.path.startsWith(`${dbDir}/status.d/`)
      ? input.path.slice(dbDir.length + 10)
      : undefined;
    const others = entry === undefined ? [] : await siblingRecords(input.fs, dbDir, entry);
    const index = new DepIndex([...records, ...others].map((r) => ({ ...r, id: dpkgId(r) })));

    const location: Location = { path: input.path, ...(input.stat.layer ? { layer: input.stat.layer } : {}) };
    const packages: Package[] = [];
    const seen = new Set<string>();
    for (const r of records) {
      throwIfAborted(input.signal);
      const id = dpkgId(r);
      if (seen.has(id)) {
        warnings.push(
          `package ${r.name} ${r.version} (line ${r.line}) is listed twice; the first entry is kept`,
        );
        continue;
      }
      seen.add(id);
      packages.push(
        dpkgPackage(r, {
          location,
          os: input.os,
          ...optionalFiles(await installedFiles(input.fs, dbDir, r, entry)),
          licenses: await licensesOf(input, r),
          dependsOn: dpkgDependsOn({ ...r, id }, index),
        }),
      );
    }
    return { packages, ...(warnings.length > 0 ? { warnings: capped(warnings).map(warn) } : {}) };
  },
};

function optionalFiles(files: string[] | undefined): { files?: string[] } {
  return files ? { files } : {};
}

/** copyright licences, plus an inline License field (opkg-style databases have one). */
async function licensesOf(input: ExtractInput, r: DpkgRecord): Promise<string[]> {
  const out = new Set(await copyrightLicenses(input.fs, r.name));
  for (const l of declaredLicenses(r.license ?? '')) out.add(l);
  return [...out].sort();
}

/** At most 50 warnings per file, then one that says how many more. */
function capped(messages: string[]): string[] {
  if (messages.length <= 50) return messages;
  return [...messages.slice(0, 50), `…and ${messages.length - 50} more problems like these`];
}
