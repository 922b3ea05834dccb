import { type Kysely, sql } from 'kysely';
import type { AdvisoryLookup, AdvisorySummary, AffectedRow } from '../core/advisory-lookup.ts';
import { BulwarkError, ErrorCodes } from '../core/errors.ts';
import type { EpssEntry, FindingCvss, KevEntry } from '../core/finding.ts';
import type { ScanResult } from '../core/scan-result.ts';
import type { FeedSink, FeedTransaction, SourceStatus } from '../vulndb/feed-sink.ts';
import {
  type AlertPage,
  type AlertQuery,
  type AlertToSave,
  deleteAlertsBefore,
  insertAlerts,
  queryAlerts,
} from './alert-queries.ts';
import { alertTimeOf } from './alert-time.ts';
import {
  queryAdvisories,
  queryAffected,
  queryCvss,
  queryEpss,
  queryKev,
  queryRelatedAdvisories,
} from './lookup-queries.ts';
import { type StoreDialect, schemaVersion } from './migrate.ts';
import { insertScan, queryLatestScan, type ScanKey } from './scan-queries.ts';
import type { StoreDatabase } from './schema.ts';
import { querySourceStatuses } from './source-status.ts';
import { storeError } from './store-error.ts';
import { StoreFeedTransaction } from './store-feed-transaction.ts';

const kyselyOf = new WeakMap<Store, Kysely<StoreDatabase>>();

/**
 * The store's kysely handle, for the store's own tests and maintenance (SQL the Store has no
 * method for). Not for matching or import code: they go through the Store's contracts.
 */
export function storeKysely(store: Store): Kysely<StoreDatabase> {
  const db = kyselyOf.get(store);
  if (db === undefined) throw new Error('not a Store opened by openStore');
  return db;
}

export interface StoreInit {
  readonly db: Kysely<StoreDatabase>;
  readonly dialect: StoreDialect;
  /** File path or redacted URL. */
  readonly location: string;
  readonly readonly: boolean;
}

/**
 * The Bulwark database: advisories and enrichment (read by matching, written by `db update`)
 * and saved scans. One class over kysely for SQLite and PostgreSQL; open it with `openStore`.
 *
 * Calls may run concurrently, except inside `transaction`: on SQLite the one connection belongs
 * to the transaction until it ends, so `fn` must use only the FeedTransaction it is given (a call
 * on the Store from inside `fn` would wait for the transaction forever).
 *
 * Driver errors meaning the database is unusable become BulwarkErrors (E_DB_CORRUPT,
 * E_DB_UNAVAILABLE, E_DB_SCHEMA); errors thrown by `fn` pass through unchanged.
 */
export class Store implements AdvisoryLookup, FeedSink {
  readonly dialect: StoreDialect;
  /** The database file, or the PostgreSQL URL without its password. */
  readonly location: string;
  readonly readonly: boolean;
  readonly #db: Kysely<StoreDatabase>;
  #closed = false;
  /** Whether a transaction committed through this handle: only then is `pragma optimize` worth it. */
  #wrote = false;
  #lastSavedAt = 0;

  constructor(init: StoreInit) {
    kyselyOf.set(this, init.db);
    this.#db = init.db;
    this.dialect = init.dialect;
    this.location = init.location;
    this.readonly = init.readonly;
  }

  affected(ecosystem: string, names: readonly string[]): Promise<readonly AffectedRow[]> {
    return this.#run(() => queryAffected(this.#db, ecosystem, names));
  }

  advisories(ids: readonly string[]): Promise<ReadonlyMap<string, AdvisorySummary>> {
    return this.#run(() => queryAdvisories(this.#db, ids));
  }

  relatedAdvisories(cves: readonly string[]): Promise<ReadonlyMap<string, readonly AdvisorySummary[]>> {
    return this.#run(() => queryRelatedAdvisories(this.#db, cves));
  }

  kev(cves: readonly string[]): Promise<ReadonlyMap<string, KevEntry>> {
    return this.#run(() => queryKev(this.#db, cves));
  }

  epss(cves: readonly string[]): Promise<ReadonlyMap<string, EpssEntry>> {
    return this.#run(() => queryEpss(this.#db, cves));
  }

  cvss(cves: readonly string[]): Promise<ReadonlyMap<string, readonly FindingCvss[]>> {
    return this.#run(() => queryCvss(this.#db, cves));
  }

  async sources(): Promise<readonly { readonly source: string; readonly importedAt: string }[]> {
    const all = await this.sourceStatuses();
    return all.map((s) => ({ source: s.source, importedAt: s.importedAt }));
  }

  /** What `bulwark db status` shows: every source's last completed import, by name. */
  sourceStatuses(): Promise<SourceStatus[]> {
    return this.#run(() => querySourceStatuses(this.#db));
  }

  /** `meta.schema_version` of the open database. */
  async schemaVersion(): Promise<number | undefined> {
    return this.#run(() => schemaVersion(this.#db, this.dialect));
  }

  /**
   * Runs `fn` in one database transaction: committed when it resolves, rolled back when it
   * throws (its error is rethrown as is). A process killed meanwhile leaves the previous state.
   */
  async transaction<T>(fn: (tx: FeedTransaction) => Promise<T>): Promise<T> {
    const out = await this.#run(() =>
      this.#db.transaction().execute(async (trx) => {
        const tx = new StoreFeedTransaction(trx, this.dialect);
        const result = await fn(tx);
        await tx.finish();
        return result;
      }),
    );
    this.#wrote = true;
    return out;
  }

  /**
   * Saves a scan result with its packages and findings, in one transaction; returns the new
   * scan's id. `reference` (what the user scanned, `alpine:3.19`) is what `latestScan` finds it
   * by; without it, the image's reference or the target's name is used.
   */
  saveScan(result: ScanResult, opts: { readonly reference?: string } = {}): Promise<string> {
    // Strictly increasing within this process, so two saves in one millisecond keep their order.
    const now = Math.max(Date.now(), this.#lastSavedAt + 1);
    this.#lastSavedAt = now;
    const savedAt = new Date(now).toISOString();
    return this.#run(() =>
      this.#db.transaction().execute((trx) => insertScan(trx, this.dialect, result, opts.reference, savedAt)),
    );
  }

  /**
   * The newest saved scan of an image digest (manifest or config digest) and/or a reference;
   * with neither, the newest scan of all. Undefined when none matches.
   */
  latestScan(key: ScanKey): Promise<ScanResult | undefined> {
    return this.#run(() => queryLatestScan(this.#db, key));
  }

  /**
   * Keeps audit alerts, all in one transaction (none are kept when one fails); returns their ids
   * in input order. `receivedAt` (default now) is when they arrived, what `pruneAlerts` goes by.
   */
  saveAlerts(alerts: readonly AlertToSave[], opts: { readonly receivedAt?: Date } = {}): Promise<number[]> {
    const receivedAt = alertTimeOf(opts.receivedAt ?? new Date());
    return this.#run(async () =>
      alerts.length === 0
        ? []
        : this.#db.transaction().execute((trx) => insertAlerts(trx, alerts, receivedAt)),
    );
  }

  /**
   * Kept alerts matching `query`, newest first, one page at a time (see AlertQuery).
   *
   * @throws BulwarkError E_USAGE when `since`/`until` is not an RFC 3339 time or `minPriority`
   *   not a Falco priority.
   */
  listAlerts(query: AlertQuery = {}): Promise<AlertPage> {
    return this.#run(() => queryAlerts(this.#db, query));
  }

  /** Deletes the alerts received before `olderThan` (RFC 3339); returns how many were deleted. */
  async pruneAlerts(olderThan: string): Promise<number> {
    const n = await this.#run(() => deleteAlertsBefore(this.#db, olderThan));
    if (n > 0) this.#wrote = true;
    return n;
  }

  /** Closes the connection (pool). Later calls fail with E_DB_UNAVAILABLE; closing twice is fine. */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    if (this.dialect === 'sqlite' && this.#wrote) {
      // Refreshes the planner's statistics where an import changed them; bounded work.
      await sql`pragma analysis_limit = 400`.execute(this.#db).catch(() => {});
      await sql`pragma optimize`.execute(this.#db).catch(() => {});
    }
    await this.#db.destroy();
  }

  async #run<T>(fn: () => Promise<T>): Promise<T> {
    if (this.#closed) {
      throw new BulwarkError(ErrorCodes.DB_UNAVAILABLE, `The database ${this.location} is closed`, {
        subject: this.location,
      });
    }
    try {
      return await fn();
    } catch (e) {
      throw storeError(e, this.location);
    }
  }
}
