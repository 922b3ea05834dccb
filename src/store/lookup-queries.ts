import type { Kysely } from 'kysely';
import type { Advisory, AffectedPackage } from '../core/advisory.ts';
import type { AdvisorySummary, AffectedRow } from '../core/advisory-lookup.ts';
import type { EpssEntry, FindingCvss, KevEntry } from '../core/finding.ts';
import { packageNameKey } from '../version/name-key.ts';
import { advisorySummary } from './advisory-summary.ts';
import { chunks, unique } from './batch.ts';
import type { StoreDatabase } from './schema.ts';
import { compareText } from './text-order.ts';

type Db = Kysely<StoreDatabase>;

/**
 * The affected entries stored for `names` in `ecosystem`: one indexed query on (ecosystem,
 * name_key) per 500 distinct keys. Sorted by source, advisory id and position in the advisory, so
 * both backends answer alike.
 */
export async function queryAffected(
  db: Db,
  ecosystem: string,
  names: readonly string[],
): Promise<AffectedRow[]> {
  const keys = unique(names.map((n) => packageNameKey(ecosystem, n)));
  const found: { source: string; advisory_id: string; ord: number; affected: string }[] = [];
  for (const chunk of chunks(keys)) {
    const rows = await db
      .selectFrom('affected')
      .select(['source', 'advisory_id', 'ord', 'affected'])
      .where('ecosystem', '=', ecosystem)
      .where('name_key', 'in', chunk)
      .execute();
    for (const r of rows) found.push(r);
  }
  found.sort(
    (a, b) => compareText(a.source, b.source) || compareText(a.advisory_id, b.advisory_id) || a.ord - b.ord,
  );
  return found.map((r) => ({
    advisoryId: r.advisory_id,
    source: r.source,
    affected: JSON.parse(r.affected) as AffectedPackage,
  }));
}

/**
 * Summaries by advisory id. Two sources may publish the same id; the map holds the one whose
 * source name sorts first, so the answer does not depend on import order.
 */
export async function queryAdvisories(db: Db, ids: readonly string[]): Promise<Map<string, AdvisorySummary>> {
  const best = new Map<string, { source: string; record: string }>();
  for (const chunk of chunks(unique(ids))) {
    const rows = await db
      .selectFrom('advisory')
      .select(['id', 'source', 'record'])
      .where('id', 'in', chunk)
      .execute();
    for (const r of rows) {
      const seen = best.get(r.id);
      if (seen === undefined || compareText(r.source, seen.source) < 0) best.set(r.id, r);
    }
  }
  const out = new Map<string, AdvisorySummary>();
  for (const [id, r] of best) out.set(id, advisorySummary(r.source, JSON.parse(r.record) as Advisory));
  return out;
}

export async function queryKev(db: Db, cves: readonly string[]): Promise<Map<string, KevEntry>> {
  const out = new Map<string, KevEntry>();
  for (const chunk of chunks(unique(cves))) {
    const rows = await db.selectFrom('kev').selectAll().where('cve', 'in', chunk).execute();
    for (const r of rows) {
      out.set(r.cve, {
        dateAdded: r.date_added,
        ...(r.due_date === null ? {} : { dueDate: r.due_date }),
        ...(r.ransomware === null ? {} : { knownRansomwareCampaignUse: r.ransomware }),
        ...(r.name === null ? {} : { vulnerabilityName: r.name }),
        ...(r.required_action === null ? {} : { requiredAction: r.required_action }),
      });
    }
  }
  return out;
}

export async function queryEpss(db: Db, cves: readonly string[]): Promise<Map<string, EpssEntry>> {
  const out = new Map<string, EpssEntry>();
  for (const chunk of chunks(unique(cves))) {
    const rows = await db.selectFrom('epss').selectAll().where('cve', 'in', chunk).execute();
    for (const r of rows) {
      out.set(r.cve, {
        score: Number(r.score),
        percentile: Number(r.percentile),
        ...(r.date === null ? {} : { date: r.date }),
      });
    }
  }
  return out;
}

export async function queryCvss(
  db: Db,
  cves: readonly string[],
): Promise<Map<string, readonly FindingCvss[]>> {
  const out = new Map<string, readonly FindingCvss[]>();
  for (const chunk of chunks(unique(cves))) {
    const rows = await db.selectFrom('cvss').select(['cve', 'vectors']).where('cve', 'in', chunk).execute();
    for (const r of rows) out.set(r.cve, JSON.parse(r.vectors) as FindingCvss[]);
  }
  return out;
}
