import type { Generated } from 'kysely';

/**
 * The store's tables, as kysely sees them. One schema for SQLite and PostgreSQL, so every column
 * is a portable type: text (ISO times and JSON are text too), integer, double precision.
 *
 * - `meta` (key PK, value): `schema_version` = the number of the last migration applied.
 * - `source` (name PK, kind, origin, records, newest_modified, imported_at): one row per feed
 *   import (`bulwark db status`); kev/epss/cvss imports are sources too.
 * - `source_file` (source, path, hash; PK source+path): content hashes of the files last imported,
 *   so an unchanged file is skipped.
 * - `advisory` (source, id; PK source+id; index id): modified, published, withdrawn, summary,
 *   details, fingerprint, file and `record`, the JSON of the whole normalised Advisory.
 * - `affected` (source, advisory_id, ord; PK source+advisory_id+ord; index ecosystem+name_key):
 *   one row per `affected[]` entry (`ord` is its position), `affected` = that entry's JSON,
 *   `name_key` = packageNameKey(ecosystem, name). The store deletes them with their advisory (no
 *   foreign key: PostgreSQL's per-row check doubles an import's time).
 * - `alias` (source, advisory_id, alias; PK all three; index alias): the ids the advisory speaks
 *   for besides its own: its aliases, and for errata (ALSA-, DSA-… src/core/errata-id.ts) also
 *   `related`, where AlmaLinux lists the CVEs an update fixes (`indexedAliases`). Read by
 *   `relatedAdvisories`.
 * - `kev` (cve PK, date_added, due_date, ransomware, name, required_action), `epss` (cve PK,
 *   score, percentile, date), `cvss` (cve PK, source, vectors JSON, published, modified,
 *   description): enrichment keyed by CVE.
 * - `scan` (id PK, target_kind, target_name, image_digest, image_id, reference, created_at,
 *   saved_at, report JSON): saved scan results. `image_digest` is the manifest digest (the config
 *   digest when there is none), `image_id` the config digest.
 * - `scan_package` (scan_id, package_id; index name_key, purl) and `scan_finding` (scan_id,
 *   vuln_id, package_id; index vuln_id; one row for the finding's id and one per alias): so "which
 *   saved scans have package X / finding CVE-Y" is an indexed query.
 * - `alert` (id PK, autoincrement; index rule+id, time, received_at): audit alerts kept by the
 *   server's audit webhook. `received_at` and `time` (the event's time, null when it had none) are
 *   in one layout, `YYYY-MM-DDTHH:MM:SS.nnnnnnnnnZ` (alert-time.ts), so they compare as text;
 *   `output_fields`, `tags` and `incident` (null for a plain rule alert) are JSON; `audit_id` is
 *   the event's `auditID`. Ids only grow, so `id` orders alerts by arrival and pages through them.
 */
export interface StoreDatabase {
  meta: MetaTable;
  source: SourceTable;
  source_file: SourceFileTable;
  advisory: AdvisoryTable;
  affected: AffectedTable;
  alias: AliasTable;
  kev: KevTable;
  epss: EpssTable;
  cvss: CvssTable;
  scan: ScanTable;
  scan_package: ScanPackageTable;
  scan_finding: ScanFindingTable;
  alert: AlertTable;
}

/** The schema version this code writes and reads: the number of migrations in migrations.ts. */
export const SCHEMA_VERSION = 2;

export interface MetaTable {
  key: string;
  value: string;
}

export interface SourceTable {
  name: string;
  kind: string;
  origin: string;
  records: number;
  newest_modified: string | null;
  imported_at: string;
}

export interface SourceFileTable {
  source: string;
  path: string;
  hash: string;
}

export interface AdvisoryTable {
  source: string;
  id: string;
  modified: string;
  published: string | null;
  withdrawn: string | null;
  summary: string | null;
  details: string | null;
  fingerprint: string;
  file: string;
  record: string;
}

export interface AffectedTable {
  source: string;
  advisory_id: string;
  ord: number;
  ecosystem: string;
  name_key: string;
  name: string;
  affected: string;
}

export interface AliasTable {
  source: string;
  advisory_id: string;
  alias: string;
}

export interface KevTable {
  cve: string;
  date_added: string;
  due_date: string | null;
  ransomware: string | null;
  name: string | null;
  required_action: string | null;
}

export interface EpssTable {
  cve: string;
  score: number;
  percentile: number;
  date: string | null;
}

export interface CvssTable {
  cve: string;
  source: string;
  vectors: string;
  published: string | null;
  modified: string | null;
  description: string | null;
}

export interface ScanTable {
  id: string;
  target_kind: string;
  target_name: string;
  image_digest: string | null;
  image_id: string | null;
  reference: string | null;
  created_at: string;
  saved_at: string;
  report: string;
}

export interface ScanPackageTable {
  scan_id: string;
  package_id: string;
  name: string;
  version: string;
  type: string;
  ecosystem: string | null;
  name_key: string;
  purl: string;
}

export interface ScanFindingTable {
  scan_id: string;
  vuln_id: string;
  package_id: string;
  finding_id: string;
  severity: string;
  suppressed: number;
}

export interface AlertTable {
  /** A number on SQLite; PostgreSQL's bigint arrives as a string (alert-queries.ts converts). */
  id: Generated<number>;
  received_at: string;
  time: string | null;
  rule: string;
  priority: string;
  source: string;
  output: string;
  output_fields: string;
  tags: string;
  incident: string | null;
  audit_id: string | null;
}
