import { existsSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { Kysely, type SqliteDatabase, SqliteDialect } from 'kysely';
import { BulwarkError, ErrorCodes, errorMessage } from '../core/errors.ts';
import type { StoreDatabase } from './schema.ts';
import { storeError } from './store-error.ts';

/** Prepared statements kept per connection; an import uses a few dozen distinct SQL texts. */
const STATEMENT_CACHE_SIZE = 256;

export interface SqliteConnection {
  readonly db: Kysely<StoreDatabase>;
  /** The better-sqlite3 handle, for what kysely cannot express (an exclusive migration). */
  readonly raw: Database.Database;
}

/**
 * Opens (creating it and its directory unless `readonly`) the SQLite database at `path`.
 * WAL lets readers keep the last committed state while an import writes; `synchronous=NORMAL`
 * is safe under WAL (a crash loses at most the last commit, never consistency) and makes a bulk
 * import's commit cheap. A larger page cache and in-memory temp store speed the import's
 * index building; `journal_size_limit` shrinks the WAL again after a big import is checkpointed.
 *
 * @throws BulwarkError E_DB_CORRUPT when the file is not a SQLite database (it is left untouched),
 *   E_DB_MISSING when `readonly` and the file does not exist, E_DB_UNAVAILABLE when it cannot be
 *   created or opened.
 */
export function openSqlite(path: string, readonly: boolean): SqliteConnection {
  if (readonly && !existsSync(path)) {
    throw new BulwarkError(
      ErrorCodes.DB_MISSING,
      `No vulnerability database at ${path}: run \`bulwark db update\` first`,
      { subject: path },
    );
  }
  if (!readonly) {
    try {
      mkdirSync(dirname(path), { recursive: true });
    } catch (e) {
      throw new BulwarkError(
        ErrorCodes.DB_UNAVAILABLE,
        `Cannot create the directory of the vulnerability database ${path}: ${errorMessage(e)}`,
        { subject: path, cause: e },
      );
    }
  }
  let raw: Database.Database;
  try {
    raw = new Database(path, { readonly, fileMustExist: readonly });
  } catch (e) {
    throw storeError(e, path);
  }
  try {
    // Reads the header first: a file that is not a database fails here, before any write.
    raw.pragma('schema_version');
    raw.pragma('busy_timeout = 10000');
    if (readonly) {
      raw.pragma('query_only = ON');
    } else {
      raw.pragma('journal_mode = WAL');
      raw.pragma('synchronous = NORMAL');
      raw.pragma('foreign_keys = ON');
      raw.pragma('journal_size_limit = 67108864');
    }
    raw.pragma('cache_size = -65536');
    raw.pragma('temp_store = MEMORY');
  } catch (e) {
    raw.close();
    throw storeError(e, path);
  }
  const db = new Kysely<StoreDatabase>({
    dialect: new SqliteDialect({ database: new CachedStatements(raw) }),
  });
  return { db, raw };
}

/**
 * What kysely's SQLite driver sees as the database: prepares each distinct SQL text once and
 * reuses it (kysely would prepare every query anew, and a 500-row INSERT is costly to parse).
 * Every transaction the store opens writes, so kysely's `begin` becomes `begin immediate`: the
 * write lock is taken up front, and a second writer waits (busy_timeout) instead of failing
 * when it first writes after reading.
 */
class CachedStatements implements SqliteDatabase {
  readonly #raw: Database.Database;
  readonly #cache = new Map<string, Database.Statement>();

  constructor(raw: Database.Database) {
    this.#raw = raw;
  }

  prepare(sqlText: string): Database.Statement {
    const text = sqlText === 'begin' ? 'begin immediate' : sqlText;
    let stmt = this.#cache.get(text);
    if (stmt !== undefined) {
      // Re-insert to keep the Map in least-recently-used order.
      this.#cache.delete(text);
      this.#cache.set(text, stmt);
      return stmt;
    }
    stmt = this.#raw.prepare(text);
    this.#cache.set(text, stmt);
    if (this.#cache.size > STATEMENT_CACHE_SIZE) {
      const oldest = this.#cache.keys().next();
      if (!oldest.done) this.#cache.delete(oldest.value);
    }
    return stmt;
  }

  close(): void {
    this.#cache.clear();
    this.#raw.close();
  }
}
