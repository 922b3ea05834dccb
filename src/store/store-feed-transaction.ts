import type { Insertable, Kysely } from 'kysely';
import { indexedAliases } from '../core/errata-id.ts';
import { packageNameKey } from '../version/name-key.ts';
import type {
  AdvisoryRow,
  CvssRow,
  EpssRow,
  FeedTransaction,
  KevRow,
  SourceStatus,
} from '../vulndb/feed-sink.ts';
import { chunks, insertBatches, unique } from './batch.ts';
import type { StoreDialect } from './migrate.ts';
import { PlannerStatistics } from './planner-statistics.ts';
import type { AffectedTable, AliasTable, StoreDatabase } from './schema.ts';
import { querySourceStatuses, writeSourceStatus } from './source-status.ts';

/** Advisories written per round (delete old rows, insert advisory, affected and alias rows). */
const ADVISORY_ROUND = 1000;

type Table = keyof StoreDatabase & string;

/**
 * FeedTransaction over one open kysely transaction (`db` is the Transaction). Every write goes
 * straight to the database, so a rollback undoes all of it.
 */
export class StoreFeedTransaction implements FeedTransaction {
  readonly #db: Kysely<StoreDatabase>;
  readonly #dialect: StoreDialect;
  readonly #statistics: PlannerStatistics;

  constructor(db: Kysely<StoreDatabase>, dialect: StoreDialect) {
    this.#db = db;
    this.#dialect = dialect;
    this.#statistics = new PlannerStatistics(db, dialect);
  }

  /** Called by the Store after `fn` and before commit: refreshes planner statistics. */
  finish(): Promise<void> {
    return this.#statistics.finish();
  }

  async fileHashes(source: string): Promise<ReadonlyMap<string, string>> {
    const rows = await this.#db
      .selectFrom('source_file')
      .select(['path', 'hash'])
      .where('source', '=', source)
      .execute();
    return new Map(rows.map((r) => [r.path, r.hash]));
  }

  async setFileHashes(source: string, hashes: ReadonlyMap<string, string>): Promise<void> {
    await this.#db.deleteFrom('source_file').where('source', '=', source).execute();
    this.#statistics.changed('source_file');
    await this.#insert(
      'source_file',
      [...hashes].map(([path, hash]) => ({ source, path, hash })),
    );
  }

  async advisoryFingerprints(
    source: string,
  ): Promise<ReadonlyMap<string, { readonly fingerprint: string; readonly file: string }>> {
    const rows = await this.#db
      .selectFrom('advisory')
      .select(['id', 'fingerprint', 'file'])
      .where('source', '=', source)
      .execute();
    return new Map(rows.map((r) => [r.id, { fingerprint: r.fingerprint, file: r.file }]));
  }

  /**
   * Deletes the stored rows of these ids (with their affected and alias rows) and inserts the new
   * ones. When an id appears twice in `rows`, the last one wins.
   */
  async upsertAdvisories(source: string, rows: readonly AdvisoryRow[]): Promise<void> {
    const byId = new Map<string, AdvisoryRow>();
    for (const r of rows) byId.set(r.advisory.id, r);
    for (const round of chunks([...byId.values()], ADVISORY_ROUND)) {
      for (const ids of chunks(round.map((r) => r.advisory.id))) await this.#deleteIds(source, ids);
      const affected: Insertable<AffectedTable>[] = [];
      const aliases: Insertable<AliasTable>[] = [];
      for (const { advisory: a } of round) {
        a.affected.forEach((p, ord) => {
          affected.push({
            source,
            advisory_id: a.id,
            ord,
            ecosystem: p.ecosystem,
            name_key: packageNameKey(p.ecosystem, p.name),
            name: p.name,
            affected: JSON.stringify(p),
          });
        });
        for (const alias of indexedAliases(a)) aliases.push({ source, advisory_id: a.id, alias });
      }
      await this.#insert(
        'advisory',
        round.map(({ advisory: a, file, fingerprint }) => ({
          source,
          id: a.id,
          modified: a.modified,
          published: a.published ?? null,
          withdrawn: a.withdrawn ?? null,
          summary: a.summary ?? null,
          details: a.details ?? null,
          fingerprint,
          file,
          record: JSON.stringify(a),
        })),
      );
      await this.#insert('affected', affected);
      await this.#insert('alias', aliases);
    }
  }

  async deleteAdvisories(source: string, ids: readonly string[]): Promise<void> {
    for (const chunk of chunks(unique(ids))) await this.#deleteIds(source, chunk);
  }

  /** Replaces the whole KEV table: it is keyed by CVE only, one catalogue. */
  async replaceKev(_source: string, rows: readonly KevRow[]): Promise<void> {
    await this.#db.deleteFrom('kev').execute();
    this.#statistics.changed('kev');
    await this.#insert(
      'kev',
      lastByCve(rows).map((r) => ({
        cve: r.cve,
        date_added: r.dateAdded,
        due_date: r.dueDate ?? null,
        ransomware: r.knownRansomwareCampaignUse ?? null,
        name: r.vulnerabilityName ?? null,
        required_action: r.requiredAction ?? null,
      })),
    );
  }

  /** Replaces the whole EPSS table: it is keyed by CVE only, one score list. */
  async replaceEpss(_source: string, rows: readonly EpssRow[]): Promise<void> {
    await this.#db.deleteFrom('epss').execute();
    this.#statistics.changed('epss');
    await this.#insert(
      'epss',
      lastByCve(rows).map((r) => ({
        cve: r.cve,
        score: r.score,
        percentile: r.percentile,
        date: r.date ?? null,
      })),
    );
  }

  /** Inserts or replaces CVSS rows by CVE; `source` is recorded on each row. */
  async upsertCvss(source: string, rows: readonly CvssRow[]): Promise<void> {
    for (const chunk of chunks(lastByCve(rows))) {
      await this.#db
        .deleteFrom('cvss')
        .where(
          'cve',
          'in',
          chunk.map((r) => r.cve),
        )
        .execute();
      this.#statistics.changed('cvss');
      await this.#insert(
        'cvss',
        chunk.map((r) => ({
          cve: r.cve,
          source,
          vectors: JSON.stringify(r.cvss),
          published: r.published ?? null,
          modified: r.modified ?? null,
          description: r.description ?? null,
        })),
      );
    }
  }

  async sourceStatus(source: string): Promise<SourceStatus | undefined> {
    return (await querySourceStatuses(this.#db, source))[0];
  }

  async setSourceStatus(status: SourceStatus): Promise<void> {
    await writeSourceStatus(this.#db, status);
  }

  async #insert<T extends Table>(table: T, rows: readonly Insertable<StoreDatabase[T]>[]): Promise<void> {
    await insertBatches(this.#db, this.#dialect, table, rows);
    await this.#statistics.inserted(table, rows.length);
  }

  /** Deletes advisories with their affected and alias rows (there is no cascade). */
  async #deleteIds(source: string, ids: readonly string[]): Promise<void> {
    if (ids.length === 0) return;
    await this.#db
      .deleteFrom('affected')
      .where('source', '=', source)
      .where('advisory_id', 'in', ids)
      .execute();
    await this.#db.deleteFrom('alias').where('source', '=', source).where('advisory_id', 'in', ids).execute();
    await this.#db.deleteFrom('advisory').where('source', '=', source).where('id', 'in', ids).execute();
    this.#statistics.changed('advisory');
    this.#statistics.changed('affected');
    this.#statistics.changed('alias');
  }
}

/** One row per CVE, the last given winning: a multi-row INSERT must not repeat a key. */
function lastByCve<R extends { readonly cve: string }>(rows: readonly R[]): R[] {
  const m = new Map<string, R>();
  for (const r of rows) m.set(r.cve, r);
  return [...m.values()];
}
