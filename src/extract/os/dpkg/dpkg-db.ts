import type { ReadonlyFs } from '../../../core/readonly-fs.ts';
import { licensesFromCopyright } from './parse-copyright.ts';
import { type DpkgRecord, parseDpkgStatus } from './parse-dpkg-status.ts';
import { pathsFromList, pathsFromMd5sums } from './parse-file-list.ts';

/** Where dpkg keeps its database: Debian and derivatives use var/lib; Syft also looks in usr/lib. */
const DB_DIRS = ['var/lib/dpkg', 'usr/lib/dpkg'];

/** Files dpkg writes beside a status.d entry, which are not package stanzas. */
const STATUS_D_EXTRAS =
  /\.(md5sums|conffiles|list|preinst|postinst|prerm|postrm|triggers|shlibs|symbols|templates|config)$/;

/** Siblings read to resolve dependencies across a status.d folder: a distroless image has tens. */
const MAX_STATUS_D_ENTRIES = 4096;
const MAX_STATUS_D_BYTES = 64 * 1024 * 1024;

export function dbDirOf(path: string): string | undefined {
  for (const dir of DB_DIRS) {
    if (path === `${dir}/status`) return dir;
    if (path.startsWith(`${dir}/status.d/`) && isStatusDEntry(path.slice(dir.length + 10))) return dir;
  }
  return undefined;
}

function isStatusDEntry(name: string): boolean {
  return name !== '' && !name.includes('/') && !name.startsWith('.') && !STATUS_D_EXTRAS.test(name);
}

export function isSupportFile(path: string): boolean {
  if (/^usr\/share\/doc\/[^/]+\/copyright$/.test(path)) return true;
  return DB_DIRS.some(
    (dir) =>
      (path.startsWith(`${dir}/info/`) && /^[^/]+\.(list|md5sums)$/.test(path.slice(dir.length + 6))) ||
      (path.startsWith(`${dir}/status.d/`) && /^[^/]+\.md5sums$/.test(path.slice(dir.length + 10))),
  );
}

async function readText(fs: ReadonlyFs, path: string): Promise<string | undefined> {
  const bytes = await fs.readFile(path);
  return bytes === undefined ? undefined : new TextDecoder().decode(bytes);
}

/** info/ keys dpkg may use: `name:arch` for Multi-Arch: same packages, `name` for the others. */
function infoKeys(r: DpkgRecord): string[] {
  return r.arch && r.arch !== 'all' ? [`${r.name}:${r.arch}`, r.name] : [r.name];
}

/**
 * The files a package installed: info/<pkg>.list when there is one; else its md5sums (in info/,
 * or beside a status.d entry as distroless has it); plus its Conffiles. Undefined when none of
 * these exists. Sorted.
 */
export async function installedFiles(
  fs: ReadonlyFs,
  dbDir: string,
  r: DpkgRecord,
  statusDEntry?: string,
): Promise<string[] | undefined> {
  let paths: string[] | undefined;
  for (const key of infoKeys(r)) {
    const text = await readText(fs, `${dbDir}/info/${key}.list`);
    if (text !== undefined) {
      paths = pathsFromList(text);
      break;
    }
  }
  if (!paths) {
    const candidates = infoKeys(r).map((k) => `${dbDir}/info/${k}.md5sums`);
    if (statusDEntry)
      candidates.push(`${dbDir}/status.d/${r.name}.md5sums`, `${dbDir}/status.d/${statusDEntry}.md5sums`);
    for (const path of candidates) {
      const text = await readText(fs, path);
      if (text !== undefined) {
        paths = pathsFromMd5sums(text);
        break;
      }
    }
  }
  if (!paths && r.conffiles.length === 0) return undefined;
  return [...new Set([...(paths ?? []), ...r.conffiles])].sort();
}

/** Licences from usr/share/doc/<pkg>/copyright, when it is machine-readable. */
export async function copyrightLicenses(fs: ReadonlyFs, name: string): Promise<string[]> {
  const text = await readText(fs, `usr/share/doc/${name}/copyright`);
  return (text === undefined ? undefined : licensesFromCopyright(text)) ?? [];
}

/**
 * Records of the other entries of a status.d folder (for dependency resolution across files),
 * bounded in count and bytes. Their own problems are reported by their own extract() calls.
 */
export async function siblingRecords(fs: ReadonlyFs, dbDir: string, self: string): Promise<DpkgRecord[]> {
  const names = (fs.readdir(`${dbDir}/status.d`) ?? []).filter((n) => isStatusDEntry(n) && n !== self).sort();
  const out: DpkgRecord[] = [];
  let bytes = 0;
  for (const name of names.slice(0, MAX_STATUS_D_ENTRIES)) {
    const data = await fs.readFile(`${dbDir}/status.d/${name}`);
    if (data === undefined) continue;
    bytes += data.length;
    if (bytes > MAX_STATUS_D_BYTES) break;
    out.push(...parseDpkgStatus(new TextDecoder().decode(data)).records);
  }
  return out;
}
