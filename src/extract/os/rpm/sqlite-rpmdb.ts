import Database from 'better-sqlite3';
import { BulwarkError, ErrorCodes, errorMessage } from '../../../core/errors.ts';
import { err, ok, type Result } from '../../../core/result.ts';

/** Byte offsets of the file format's read/write version numbers in the SQLite header: 2 = WAL. */
const READ_VERSION = 18;
const WRITE_VERSION = 19;

/**
 * Yields the header blobs of an rpm sqlite database (rpmdb.sqlite, rpm ≥ 4.16: Fedora 33+,
 * RHEL 9+), read from table `Packages(hnum, blob)` in hnum order. The database is opened in
 * memory from a copy of the bytes; nothing is written to disk. Rows are fetched one at a time
 * and the database is closed when the generator finishes or is abandoned.
 *
 * rpm keeps the file in WAL mode; SQLite refuses to open an in-memory WAL database, so the copy
 * is marked as a rollback-journal database (a change of two header bytes, as `PRAGMA
 * journal_mode=DELETE` would make). Changes still in a `-wal` file are not seen.
 *
 * @throws BulwarkError (E_PARSE) when SQLite cannot read the file or it has no Packages table.
 */
export function* sqliteRpmdbBlobs(bytes: Uint8Array): Generator<Result<Uint8Array>> {
  const copy = Buffer.from(bytes);
  if (copy.length > WRITE_VERSION && copy[READ_VERSION] === 2 && copy[WRITE_VERSION] === 2) {
    copy[READ_VERSION] = 1;
    copy[WRITE_VERSION] = 1;
  }
  const fail = (e: unknown) =>
    new BulwarkError(ErrorCodes.PARSE, `SQLite cannot read it: ${errorMessage(e)}`, { cause: e });
  let db: Database.Database;
  try {
    db = new Database(copy, { readonly: true });
  } catch (e) {
    throw fail(e);
  }
  let rows: IterableIterator<unknown> | undefined;
  try {
    try {
      const table = db
        .prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'Packages'")
        .get();
      if (!table) throw new Error('it has no Packages table');
      rows = db.prepare('SELECT hnum, blob FROM Packages ORDER BY hnum').iterate();
    } catch (e) {
      throw fail(e);
    }
    for (;;) {
      let next: IteratorResult<unknown>;
      try {
        next = rows.next();
      } catch (e) {
        throw fail(e);
      }
      if (next.done) return;
      const row = next.value as { hnum: unknown; blob: unknown };
      if (!(row.blob instanceof Uint8Array)) {
        yield err(`row ${String(row.hnum)} holds no blob`);
        continue;
      }
      yield ok(row.blob);
    }
  } finally {
    // An abandoned walk leaves the statement open; end it first so close() is allowed.
    rows?.return?.();
    db.close();
  }
}
