import type { AffectedPackage } from './advisory.ts';
import type { EpssEntry, FindingCvss, KevEntry } from './finding.ts';

/** One `affected[]` entry of a stored advisory, found by (ecosystem, name). */
export interface AffectedRow {
  readonly advisoryId: string;
  readonly source: string;
  readonly affected: AffectedPackage;
}

/** What matching needs to show a finding, without the whole record. */
export interface AdvisorySummary {
  readonly id: string;
  readonly source: string;
  readonly aliases: readonly string[];
  readonly related: readonly string[];
  readonly summary?: string;
  readonly details?: string;
  readonly published?: string;
  readonly modified: string;
  readonly withdrawn?: string;
  /** Record-level severity entries (CVSS vectors, vendor levels). */
  readonly severity: readonly { readonly type: string; readonly score: string }[];
  readonly references: readonly string[];
  readonly databaseSpecific?: Readonly<Record<string, unknown>>;
}

/**
 * Read access to an advisory database, as the matcher needs it. Implemented by the store
 * (SQLite, PostgreSQL) and by an in-memory index in tests. Batched: every call takes many keys.
 */
export interface AdvisoryLookup {
  /**
   * Affected entries for these names in exactly this ecosystem string (`Debian:8`, `Maven`,
   * `Alpine:v3.9`). Names are compared by `packageNameKey(ecosystem, name)` (src/version/name-key.ts).
   */
  affected(ecosystem: string, names: readonly string[]): Promise<readonly AffectedRow[]>;
  advisories(ids: readonly string[]): Promise<ReadonlyMap<string, AdvisorySummary>>;
  /**
   * Every stored advisory, of any source, that speaks for each CVE: its id is the CVE, it lists
   * the CVE in `aliases`, or it is an errata (src/core/errata-id.ts) listing it in `related`.
   * Withdrawn advisories are included (the caller decides). Each list is sorted by source, then
   * advisory id; CVEs nothing speaks for are absent. For findings that nothing of their own rates.
   */
  relatedAdvisories(cves: readonly string[]): Promise<ReadonlyMap<string, readonly AdvisorySummary[]>>;
  /** Enrichment keyed by CVE id. */
  kev(cves: readonly string[]): Promise<ReadonlyMap<string, KevEntry>>;
  epss(cves: readonly string[]): Promise<ReadonlyMap<string, EpssEntry>>;
  /** CVSS vectors from CVE 5 / NVD records (not from the advisories themselves). */
  cvss(cves: readonly string[]): Promise<ReadonlyMap<string, readonly FindingCvss[]>>;
  /** Sources present, with the time of their last import (ISO). */
  sources(): Promise<readonly { readonly source: string; readonly importedAt: string }[]>;
}
