import { BulwarkError, ErrorCodes, isBulwarkError, throwIfAborted } from '../../../core/errors.ts';
import type { FileError, Inventory } from '../../../core/inventory.ts';
import type { Package } from '../../../core/package.ts';
import type { Result } from '../../../core/result.ts';
import type { ExtractInput, Extractor } from '../../extractor.ts';
import { bdbHashValues } from './bdb-hash.ts';
import { parseHeaderBlob } from './header-blob.ts';
import { ndbBlobs } from './ndb.ts';
import { readRpmPackage } from './read-rpm-package.ts';
import { RPM_FOUND_BY, toRpmPackage } from './rpm-package.ts';
import { detectRpmdbFormat, type RpmdbFormat } from './rpmdb-format.ts';
import { sqliteRpmdbBlobs } from './sqlite-rpmdb.ts';

/**
 * Where rpm keeps its database: var/lib/rpm (RHEL ≤ 8, CentOS, Amazon Linux), usr/lib/sysimage/rpm
 * (Fedora 36+, RHEL 9+ via a symlink, SUSE), usr/share/rpm (older openSUSE). Syft looks at the
 * same nine paths. Symlinked directories are not followed by the walk, so a database is read
 * once, at its real path.
 */
const RPMDB_PATHS: ReadonlySet<string> = new Set(
  ['var/lib/rpm', 'usr/lib/sysimage/rpm', 'usr/share/rpm'].flatMap((dir) =>
    ['Packages', 'Packages.db', 'rpmdb.sqlite'].map((file) => `${dir}/${file}`),
  ),
);

/** Enough to see what went wrong with a damaged database without flooding the report. */
const MAX_WARNINGS = 50;

function blobsOf(format: RpmdbFormat, bytes: Uint8Array): Iterable<Result<Uint8Array>> {
  switch (format) {
    case 'bdb':
      return bdbHashValues(bytes);
    case 'ndb':
      return ndbBlobs(bytes);
    case 'sqlite':
      return sqliteRpmdbBlobs(bytes);
  }
}

/**
 * Installed rpm packages from the rpm database, in any of its three formats (BerkeleyDB hash,
 * ndb, sqlite), told apart by content. Header blobs are parsed here, without librpm. Damaged
 * records become warnings; a file that is no rpm database at all throws.
 */
export const rpmExtractor: Extractor = {
  name: RPM_FOUND_BY,
  version: 1,
  // Databases of big images (thousands of packages, full file lists) reach hundreds of MiB.
  maxFileSize: 512 * 1024 * 1024,

  fileRequired(path, stat) {
    return stat.type === 'file' && RPMDB_PATHS.has(path);
  },

  async extract(input: ExtractInput): Promise<Inventory> {
    const bytes = await input.read();
    const fail = (why: string, cause?: unknown) =>
      new BulwarkError(ErrorCodes.PARSE, `Cannot read rpm database ${input.path}: ${why}`, {
        subject: input.path,
        cause,
      });
    if (bytes.length === 0) throw fail('the file is empty');
    const format = detectRpmdbFormat(bytes);
    if (!format) throw fail('it is neither a BerkeleyDB hash, an ndb nor a SQLite database');

    const warnings = warningList(input);
    if (format === 'sqlite') {
      const wal = input.fs.stat(`${input.path}-wal`);
      if (wal?.type === 'file' && wal.size > 0) {
        warnings.add(`${input.path}-wal holds ${wal.size} bytes not yet merged; its changes are not read`);
      }
    }

    const packages: Package[] = [];
    const ids = new Set<string>();
    try {
      for (const blob of blobsOf(format, bytes)) {
        throwIfAborted(input.signal);
        if (!blob.ok) {
          warnings.add(blob.error);
          continue;
        }
        const header = parseHeaderBlob(blob.value);
        const record = header.ok ? readRpmPackage(header.value) : header;
        if (!record.ok) {
          warnings.add(`package skipped: ${record.error}`);
          continue;
        }
        if (record.value.problem) warnings.add(record.value.problem);
        // rpm stores imported signing keys as pseudo-packages; they are not software.
        if (record.value.name === 'gpg-pubkey') continue;
        const pkg = toRpmPackage(record.value, { path: input.path, layer: input.stat.layer, os: input.os });
        packages.push(uniqueId(pkg, ids));
      }
    } catch (e) {
      if (isBulwarkError(e) && e.code === ErrorCodes.PARSE) throw fail(e.message, e);
      throw e;
    }
    const list = warnings.done();
    return list.length > 0 ? { packages, warnings: list } : { packages };
  },
};

/** A damaged database can hold the same NEVRA twice; ids must stay unique within the scan. */
function uniqueId(pkg: Package, ids: Set<string>): Package {
  let id = pkg.id;
  for (let n = 2; ids.has(id); n++) id = `${pkg.id}#${n}`;
  ids.add(id);
  return id === pkg.id ? pkg : { ...pkg, id };
}

function warningList(input: ExtractInput): { add(message: string): void; done(): FileError[] } {
  const list: FileError[] = [];
  let dropped = 0;
  const warning = (message: string): FileError => {
    const layer = input.stat.layer?.index;
    return layer === undefined
      ? { path: input.path, stage: RPM_FOUND_BY, message }
      : { path: input.path, stage: RPM_FOUND_BY, message, layer };
  };
  return {
    add(message) {
      if (list.length < MAX_WARNINGS) list.push(warning(message));
      else dropped++;
    },
    done() {
      if (dropped > 0) list.push(warning(`${dropped} more problems not listed`));
      return list;
    },
  };
}
