import type { Advisory } from '../core/advisory.ts';
import type { EpssEntry, FindingCvss, KevEntry } from '../core/finding.ts';

/** A KEV catalogue row as stored (keyed by CVE). */
export interface KevRow extends KevEntry {
  readonly cve: string;
}

/** An EPSS row as stored (keyed by CVE). */
export interface EpssRow extends EpssEntry {
  readonly cve: string;
}

/** CVSS enrichment from a CVE 5 / NVD record, keyed by CVE. */
export interface CvssRow {
  readonly cve: string;
  readonly cvss: readonly FindingCvss[];
  readonly published?: string;
  readonly modified?: string;
  readonly description?: string;
}

/** One advisory to write, with where it came from and a fingerprint of its normalised content. */
export interface AdvisoryRow {
  readonly advisory: Advisory;
  /** Path of the file (or zip entry) it was read from, relative to the import root. */
  readonly file: string;
  /** sha256 hex of the canonical JSON of `advisory`; equal fingerprints mean nothing to rewrite. */
  readonly fingerprint: string;
}

/** What `bulwark db status` shows per source. */
export interface SourceStatus {
  /** Source name (`osv-go`, `alpine-secdb`, `kev`, `epss`, `cve5`…). */
  readonly source: string;
  /** `advisories`, `kev`, `epss` or `cvss`. */
  readonly kind: 'advisories' | 'kev' | 'epss' | 'cvss';
  /** Where it was imported from (directory, file or URL). */
  readonly origin: string;
  readonly records: number;
  /** Newest `modified` among its records (ISO), when any record has one. */
  readonly newestModified?: string;
  /** ISO time of the last import that completed. */
  readonly importedAt: string;
}

/**
 * The write side of the advisory store, as an import needs it. Everything happens inside one
 * transaction: when `fn` throws (a bad feed, an abort, a crash), nothing it wrote remains and
 * readers keep seeing the previous database. Advisories are keyed by (source, id): two feeds may
 * publish the same id (a CVE from the Debian tracker and from Alpine secdb).
 */
export interface FeedSink {
  transaction<T>(fn: (tx: FeedTransaction) => Promise<T>): Promise<T>;
}

export interface FeedTransaction {
  /** Content hashes (sha256 hex) of the files of the last import of `source`: path → hash. */
  fileHashes(source: string): Promise<ReadonlyMap<string, string>>;
  /** Replaces the recorded file hashes of `source`. */
  setFileHashes(source: string, hashes: ReadonlyMap<string, string>): Promise<void>;
  /** Fingerprints of the stored advisories of `source`: id → { fingerprint, file }. */
  advisoryFingerprints(
    source: string,
  ): Promise<ReadonlyMap<string, { readonly fingerprint: string; readonly file: string }>>;
  /** Inserts or replaces advisories (and all their affected rows and aliases). */
  upsertAdvisories(source: string, rows: readonly AdvisoryRow[]): Promise<void>;
  deleteAdvisories(source: string, ids: readonly string[]): Promise<void>;
  /** Replaces every KEV / EPSS row of the source. */
  replaceKev(source: string, rows: readonly KevRow[]): Promise<void>;
  replaceEpss(source: string, rows: readonly EpssRow[]): Promise<void>;
  /** Inserts or replaces CVSS enrichment rows. */
  upsertCvss(source: string, rows: readonly CvssRow[]): Promise<void>;
  /** The recorded outcome of the last import of `source`, if any. */
  sourceStatus(source: string): Promise<SourceStatus | undefined>;
  /** Records the outcome of this import of `source`. */
  setSourceStatus(status: SourceStatus): Promise<void>;
}
