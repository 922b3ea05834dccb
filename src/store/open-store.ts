import { join } from 'node:path';
import { bulwarkHome } from '../core/bulwark-home.ts';
import { throwIfAborted } from '../core/errors.ts';
import { prepareSchema } from './migrate.ts';
import { openPostgres } from './postgres-connection.ts';
import { openSqlite } from './sqlite-connection.ts';
import { Store } from './store.ts';
import { storeError } from './store-error.ts';

export interface OpenStoreOptions {
  /** `postgres://…` (or `postgresql://…`) selects PostgreSQL; defaults to env BULWARK_DB. */
  readonly url?: string;
  /** Folder of the SQLite database `bulwark.db`; defaults to BULWARK_HOME, else ~/.cache/bulwark. */
  readonly home?: string;
  /** Open without creating or migrating anything; every transaction is read-only. */
  readonly readonly?: boolean;
  readonly signal?: AbortSignal;
}

/** File name of the SQLite database inside the home folder. */
export const SQLITE_FILE = 'bulwark.db';

/**
 * Opens the Bulwark database and brings its schema up to date (unless `readonly`). PostgreSQL
 * when the URL (option or BULWARK_DB) is `postgres://…` — `?schema=name` puts the tables in that
 * schema, created when missing; otherwise SQLite at `<home>/bulwark.db`, created with its folder
 * when missing. The caller closes the Store.
 *
 * @throws BulwarkError E_DB_SCHEMA (written by a newer bulwark, or older and `readonly`),
 *   E_DB_CORRUPT (not a SQLite database; the file is left as it was), E_DB_MISSING (`readonly`
 *   and no database yet), E_DB_UNAVAILABLE (cannot connect or create), E_ABORTED.
 */
export async function openStore(opts: OpenStoreOptions = {}): Promise<Store> {
  throwIfAborted(opts.signal);
  const readonly = opts.readonly ?? false;
  const url = opts.url ?? nonEmpty(process.env.BULWARK_DB);
  let store: Store;
  if (url !== undefined && /^postgres(ql)?:\/\//i.test(url)) {
    const pg = await openPostgres(url, readonly);
    store = new Store({ db: pg.db, dialect: 'postgres', location: pg.location, readonly });
    await ready(store, opts.signal, () =>
      prepareSchema(pg.db, {
        dialect: 'postgres',
        readonly,
        location: pg.location,
        migrationTableSchema: pg.schema,
      }),
    );
  } else {
    const path = join(opts.home ?? bulwarkHome(), SQLITE_FILE);
    const { db, raw } = openSqlite(path, readonly);
    store = new Store({ db, dialect: 'sqlite', location: path, readonly });
    await ready(store, opts.signal, () =>
      prepareSchema(db, {
        dialect: 'sqlite',
        readonly,
        location: path,
        exclusive: async (fn) => {
          raw.exec('begin immediate');
          try {
            const out = await fn();
            raw.exec('commit');
            return out;
          } catch (e) {
            if (raw.inTransaction) raw.exec('rollback');
            throw e;
          }
        },
      }),
    );
  }
  return store;
}

/** Runs the schema step; on any failure (or an abort) closes the store before throwing. */
async function ready(
  store: Store,
  signal: AbortSignal | undefined,
  prepare: () => Promise<void>,
): Promise<void> {
  try {
    throwIfAborted(signal);
    await prepare();
    throwIfAborted(signal);
  } catch (e) {
    await store.close().catch(() => {});
    throw storeError(e, store.location);
  }
}

function nonEmpty(s: string | undefined): string | undefined {
  return s === undefined || s === '' ? undefined : s;
}
