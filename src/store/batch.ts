import { type Insertable, type Kysely, sql } from 'kysely';
import type { StoreDialect } from './migrate.ts';
import type { StoreDatabase } from './schema.ts';

/** Keys per `IN (…)` list: small enough for any planner, large enough to keep round trips few. */
export const IN_LIST_MAX = 500;

/** Rows per multi-row INSERT … VALUES (SQLite). */
const INSERT_ROWS_MAX = 500;
/** Rows per INSERT … SELECT FROM unnest(…) (PostgreSQL): one array parameter per column. */
const UNNEST_ROWS_MAX = 5000;
/**
 * Columns that are not text, by `table.column`: PostgreSQL needs the array type of each unnest
 * parameter. float8 arrays also fill integer columns (an assignment cast; the values are whole).
 */
const NUMBER_COLUMNS = new Set([
  'source.records',
  'affected.ord',
  'epss.score',
  'epss.percentile',
  'scan_finding.suppressed',
]);
/** Bound parameters per statement: under SQLite's 32766 and PostgreSQL's 65535. */
const PARAMS_MAX = 30_000;

/** Consecutive slices of at most `size` items. */
export function* chunks<T>(items: readonly T[], size: number = IN_LIST_MAX): Generator<T[]> {
  for (let i = 0; i < items.length; i += size) yield items.slice(i, i + size);
}

/**
 * Inserts `rows` into `table`, many rows per statement. Every row must give every column (null,
 * never undefined). SQLite: multi-row INSERT … VALUES of up to 500 rows (fewer for wide rows); all
 * statements of one size share one SQL text, which the connection keeps prepared. PostgreSQL:
 * INSERT … SELECT FROM unnest(one array per column), up to 5000 rows: one parameter per column
 * instead of one per value, several times faster to bind and parse. NUL characters are dropped
 * from strings: PostgreSQL refuses them in text, and both backends must store the same.
 */
export async function insertBatches<T extends keyof StoreDatabase & string>(
  db: Kysely<StoreDatabase>,
  dialect: StoreDialect,
  table: T,
  rows: readonly Insertable<StoreDatabase[T]>[],
): Promise<void> {
  const first = rows[0];
  if (first === undefined) return;
  const columns = Object.keys(first);
  if (dialect === 'postgres') {
    for (const batch of chunks(rows, UNNEST_ROWS_MAX)) await insertUnnest(db, table, columns, batch);
    return;
  }
  const size = Math.max(1, Math.min(INSERT_ROWS_MAX, Math.floor(PARAMS_MAX / columns.length)));
  for (const batch of chunks(rows, size)) {
    await db
      .insertInto(table)
      .values(batch.map(withoutNul) as never)
      .execute();
  }
}

async function insertUnnest(
  db: Kysely<StoreDatabase>,
  table: string,
  columns: readonly string[],
  rows: readonly object[],
): Promise<void> {
  const arrays = columns.map((c) =>
    rows.map((r) => {
      const v = (r as Record<string, unknown>)[c];
      return typeof v === 'string' && v.includes('\0') ? v.replaceAll('\0', '') : (v ?? null);
    }),
  );
  const params = columns.map(
    (c, i) => sql`${arrays[i]}::${sql.raw(NUMBER_COLUMNS.has(`${table}.${c}`) ? 'float8[]' : 'text[]')}`,
  );
  await sql`insert into ${sql.table(table)} (${sql.join(columns.map((c) => sql.ref(c)))})
    select * from unnest(${sql.join(params)})`.execute(db);
}

function withoutNul<R extends object>(row: R): R {
  let copy: Record<string, unknown> | undefined;
  for (const [k, v] of Object.entries(row)) {
    if (typeof v === 'string' && v.includes('\0')) {
      copy ??= { ...(row as Record<string, unknown>) };
      copy[k] = v.replaceAll('\0', '');
    }
  }
  return copy === undefined ? row : (copy as R);
}

/** The distinct values, in first-seen order. */
export function unique<T>(items: Iterable<T>): T[] {
  return [...new Set(items)];
}
