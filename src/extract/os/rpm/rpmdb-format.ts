/** The three on-disk formats of rpm's package database. */
export type RpmdbFormat = 'bdb' | 'ndb' | 'sqlite';

const SQLITE_MAGIC = 'SQLite format 3\0';
/** 'RpmP' read as a little-endian u32 (PKGDB_MAGIC in rpm's lib/backend/ndb/rpmpkg.c). */
const NDB_MAGIC = 0x506d7052;
/** Berkeley DB hash magic, at offset 12 of the metadata page, in the writer's byte order. */
const BDB_HASH_MAGIC = 0x00061561;

/**
 * The format of an rpmdb file, told from its first bytes (not its name: SUSE and Fedora both
 * moved databases between names and directories over the years). Undefined when none matches.
 */
export function detectRpmdbFormat(bytes: Uint8Array): RpmdbFormat | undefined {
  if (bytes.length >= 16 && String.fromCharCode(...bytes.subarray(0, 16)) === SQLITE_MAGIC) return 'sqlite';
  if (bytes.length < 16) return undefined;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (view.getUint32(0, true) === NDB_MAGIC) return 'ndb';
  const magic = view.getUint32(12, true);
  if (magic === BDB_HASH_MAGIC || view.getUint32(12, false) === BDB_HASH_MAGIC) return 'bdb';
  return undefined;
}
