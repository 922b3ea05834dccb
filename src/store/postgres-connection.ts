import { CompiledQuery, Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { BulwarkError, ErrorCodes } from '../core/errors.ts';
import type { StoreDatabase } from './schema.ts';
import { redactUrl, storeError } from './store-error.ts';

const SCHEMA_NAME_RE = /^[A-Za-z_][A-Za-z0-9_]{0,62}$/;

export interface PostgresConnection {
  readonly db: Kysely<StoreDatabase>;
  /** The schema the tables live in: `?schema=` of the URL, else the server's current schema. */
  readonly schema: string;
  /** The URL without its password, for messages. */
  readonly location: string;
}

/**
 * Connects to PostgreSQL at `url` (`postgres://user@host:port/db?schema=name`). With `schema`,
 * every pooled connection gets `search_path = name`, and the schema is created when missing
 * (unless `readonly`); without it, the server's default search path applies. A `readonly` store
 * runs every transaction read-only. The first connection is made here, so an unreachable server
 * fails now with E_DB_UNAVAILABLE rather than at the first query.
 */
export async function openPostgres(url: string, readonly: boolean): Promise<PostgresConnection> {
  const location = redactUrl(url);
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new BulwarkError(ErrorCodes.USAGE, `Not a PostgreSQL URL: ${location}`, { subject: location });
  }
  const schemaParam = parsed.searchParams.get('schema') ?? undefined;
  if (schemaParam !== undefined && !SCHEMA_NAME_RE.test(schemaParam)) {
    throw new BulwarkError(
      ErrorCodes.USAGE,
      `Invalid schema name "${schemaParam}" in ${location}: use letters, digits and _ (at most 63)`,
      { subject: location },
    );
  }
  parsed.searchParams.delete('schema');

  const pool = new pg.Pool({
    connectionString: parsed.toString(),
    application_name: 'bulwark',
    connectionTimeoutMillis: 10_000,
    max: 4,
  });
  // An idle client whose server went away emits 'error' on the pool; without a listener that
  // would crash the process. The next query reports the problem instead.
  pool.on('error', () => {});
  const setup: string[] = [];
  if (schemaParam !== undefined) setup.push(`set search_path to "${schemaParam}"`);
  if (readonly) setup.push('set default_transaction_read_only = on');
  const db = new Kysely<StoreDatabase>({
    dialect: new PostgresDialect({
      pool,
      onCreateConnection: async (conn) => {
        for (const text of setup) await conn.executeQuery(CompiledQuery.raw(text));
      },
    }),
  });
  try {
    if (schemaParam !== undefined && !readonly) await createSchema(db, schemaParam);
    const schema = schemaParam ?? (await currentSchema(db));
    return { db, schema, location };
  } catch (e) {
    await db.destroy().catch(() => {});
    throw storeError(e, location);
  }
}

async function createSchema(db: Kysely<StoreDatabase>, schema: string): Promise<void> {
  try {
    await db.schema.createSchema(schema).ifNotExists().execute();
  } catch (e) {
    // Two processes creating it at once: `if not exists` still lets one of them fail.
    const code = (e as { code?: unknown }).code;
    if (code !== '23505' && code !== '42P06') throw e;
  }
}

async function currentSchema(db: Kysely<StoreDatabase>): Promise<string> {
  const { rows } = await sql<{ schema: string | null }>`select current_schema() as schema`.execute(db);
  return rows[0]?.schema ?? 'public';
}
