import { type Kysely, Migrator, sql } from 'kysely';
import { BulwarkError, ErrorCodes, errorMessage } from '../core/errors.ts';
import { storeMigrationProvider } from './migrations.ts';
import { SCHEMA_VERSION, type StoreDatabase } from './schema.ts';
import { storeError } from './store-error.ts';

export type StoreDialect = 'sqlite' | 'postgres';

export interface PrepareSchemaOptions {
  readonly dialect: StoreDialect;
  readonly readonly: boolean;
  /** File path or redacted URL, for messages. */
  readonly location: string;
  /** PostgreSQL: the schema kysely's migration tables live in (kysely looks across all schemas otherwise). */
  readonly migrationTableSchema?: string;
  /**
   * Runs `fn` holding the database's write lock. kysely takes no lock for SQLite migrations, so
   * two processes opening a new database at once would both create its tables; SQLite's DDL is
   * transactional, so one `begin immediate` around the check and the migrations fixes both.
   */
  readonly exclusive?: <T>(fn: () => Promise<T>) => Promise<T>;
}

/**
 * Brings the database to SCHEMA_VERSION, or proves it is there.
 *
 * @throws BulwarkError E_DB_SCHEMA when the database is newer than this code, or older and
 *   `readonly`; E_DB_MISSING when `readonly` and it has no tables at all.
 */
export async function prepareSchema(db: Kysely<StoreDatabase>, opts: PrepareSchemaOptions): Promise<void> {
  // Checked without the lock first: opening an up-to-date database must not wait for an import
  // that holds the write lock in another process.
  if (isCurrent(await schemaVersion(db, opts.dialect), opts)) return;
  const migrate = async (): Promise<void> => {
    if (isCurrent(await schemaVersion(db, opts.dialect), opts)) return;
    const migrator = new Migrator({
      db,
      provider: storeMigrationProvider,
      ...(opts.migrationTableSchema === undefined ? {} : { migrationTableSchema: opts.migrationTableSchema }),
    });
    const { error } = await migrator.migrateToLatest();
    if (error !== undefined) {
      const mapped = storeError(error, opts.location);
      if (mapped !== error) throw mapped;
      throw new BulwarkError(
        ErrorCodes.DB_SCHEMA,
        `Cannot update the schema of the vulnerability database ${opts.location}: ${errorMessage(error)}. ` +
          'Run `bulwark db update` to rebuild it',
        { subject: opts.location, cause: error },
      );
    }
  };
  await (opts.exclusive ? opts.exclusive(migrate) : migrate());
}

/** True when the database is at SCHEMA_VERSION, false when it needs migrating; throws when it cannot be used. */
function isCurrent(version: number | undefined, opts: PrepareSchemaOptions): boolean {
  if (version !== undefined && version > SCHEMA_VERSION) {
    const remove = opts.dialect === 'sqlite' ? ' (or remove the file)' : ' (or drop the schema)';
    throw new BulwarkError(
      ErrorCodes.DB_SCHEMA,
      `The vulnerability database ${opts.location} was written by a newer bulwark (schema version ${version}; ` +
        `this bulwark reads up to ${SCHEMA_VERSION}). Upgrade bulwark, or run \`bulwark db update\`${remove} to rebuild it`,
      { subject: opts.location },
    );
  }
  if (version === SCHEMA_VERSION) return true;
  if (!opts.readonly) return false;
  if (version === undefined) {
    throw new BulwarkError(
      ErrorCodes.DB_MISSING,
      `No vulnerability database at ${opts.location}: run \`bulwark db update\` first`,
      { subject: opts.location },
    );
  }
  throw new BulwarkError(
    ErrorCodes.DB_SCHEMA,
    `The vulnerability database ${opts.location} has schema version ${version}, older than this ` +
      `bulwark's ${SCHEMA_VERSION}: run \`bulwark db update\``,
    { subject: opts.location },
  );
}

/** `meta.schema_version`, or undefined when the database has no meta table (a new database). */
export async function schemaVersion(
  db: Kysely<StoreDatabase>,
  dialect: StoreDialect,
): Promise<number | undefined> {
  const exists =
    dialect === 'sqlite'
      ? await sql<{
          n: number;
        }>`select count(*) as n from sqlite_master where type = 'table' and name = 'meta'`
          .execute(db)
          .then((r) => (r.rows[0]?.n ?? 0) > 0)
      : await sql<{ t: string | null }>`select to_regclass('meta')::text as t`
          .execute(db)
          .then((r) => r.rows[0]?.t != null);
  if (!exists) return undefined;
  const row = await db
    .selectFrom('meta')
    .select('value')
    .where('key', '=', 'schema_version')
    .executeTakeFirst();
  if (row === undefined) return undefined;
  const n = Number(row.value);
  return Number.isInteger(n) ? n : undefined;
}
