import { type Kysely, sql } from 'kysely';
import type { StoreDialect } from './migrate.ts';
import type { StoreDatabase } from './schema.ts';

type Table = keyof StoreDatabase;

/**
 * Columns whose statistics PostgreSQL's planner needs, per table the importer writes. The JSON
 * columns are left out: sampling them is slow and no query filters on them.
 */
const ANALYZE_COLUMNS: Partial<Record<Table, readonly string[]>> = {
  advisory: ['source', 'id'],
  affected: ['source', 'advisory_id', 'ecosystem', 'name_key'],
  alias: ['source', 'advisory_id', 'alias'],
  source_file: ['source', 'path'],
  kev: ['cve'],
  epss: ['cve'],
  cvss: ['cve'],
};

/** Rows inserted into a table before its first ANALYZE within a transaction; then ×4 each time. */
const FIRST_ANALYZE = 5000;
const GROWTH = 4;

/**
 * Keeps PostgreSQL's planner statistics in step with a bulk import, inside its transaction
 * (ANALYZE there sees the transaction's own rows). Without this, a table that was empty (or
 * held other sources) when the import began has no useful statistics: the planner then reads the
 * primary key by `source` alone for `source = $1 and id in (…500 ids)` and filters, so every
 * round of deletes scans all rows written so far and the import turns quadratic (100k
 * advisories: minutes instead of seconds); and a 500-name lookup right after the import took
 * 50 ms instead of 3 ms. SQLite needs none of this: its planner uses every equality column of
 * an index regardless of statistics. No-op for SQLite.
 */
export class PlannerStatistics {
  readonly #db: Kysely<StoreDatabase>;
  readonly #active: boolean;
  readonly #inserted = new Map<Table, number>();
  readonly #nextAt = new Map<Table, number>();
  readonly #written = new Set<Table>();

  constructor(db: Kysely<StoreDatabase>, dialect: StoreDialect) {
    this.#db = db;
    this.#active = dialect === 'postgres';
  }

  /** Records rows inserted into `table`; analyzes it when it has grown enough since the last time. */
  async inserted(table: Table, rows: number): Promise<void> {
    this.#written.add(table);
    if (!this.#active || rows === 0) return;
    const total = (this.#inserted.get(table) ?? 0) + rows;
    this.#inserted.set(table, total);
    if (total >= (this.#nextAt.get(table) ?? FIRST_ANALYZE)) {
      await this.#analyze(table);
      this.#nextAt.set(table, total * GROWTH);
    }
  }

  /** Records that rows of `table` were deleted or replaced. */
  changed(table: Table): void {
    this.#written.add(table);
  }

  /** Analyzes every table written, so the committed data has statistics that match it. */
  async finish(): Promise<void> {
    if (!this.#active) return;
    for (const t of this.#written) await this.#analyze(t);
  }

  async #analyze(table: Table): Promise<void> {
    const cols = ANALYZE_COLUMNS[table];
    if (cols === undefined) return;
    await sql`analyze ${sql.table(table)} (${sql.join(cols.map((c) => sql.ref(c)))})`.execute(this.#db);
  }
}
