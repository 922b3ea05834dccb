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

/**
 * Per CVE, every advisory that speaks for it: id = CVE, or an `alias` row naming it (aliases, and
 * errata's `related`, see schema.ts). One query per 500 CVEs: the union of the alias index hits
 * and the advisory id index hits, joined to their records. A record is parsed once however many
 * of the CVEs it names. Lists sorted by source, then id.
 */
export async function queryRelatedAdvisories(
  db: Db,
  cves: readonly string[],
): Promise<Map<string, AdvisorySummary[]>> {
  const hits: { cve: string; source: string; id: string }[] = [];
  const records = new Map<string, { source: string; record: string }>();
  for (const chunk of chunks(unique(cves))) {
    const byAlias = db
      .selectFrom('alias')
      .select(['alias as cve', 'source', 'advisory_id'])
      .where('alias', 'in', chunk);
    const byId = db
      .selectFrom('advisory')
      .select(['id as cve', 'source', 'id as advisory_id'])
      .where('id', 'in', chunk);
    const rows = await db
      .selectFrom(byAlias.union(byId).as('hit'))
      .innerJoin('advisory', (j) =>
        j.onRef('advisory.source', '=', 'hit.source').onRef('advisory.id', '=', 'hit.advisory_id'),
      )
      .select(['hit.cve', 'advisory.source', 'advisory.id', 'advisory.record'])
      .execute();
    for (const r of rows) {
      hits.push({ cve: r.cve, source: r.source, id: r.id });
      records.set(`${r.source}\0${r.id}`, { source: r.source, record: r.record });
    }
  }
  hits.sort(
    (a, b) => compareText(a.cve, b.cve) || compareText(a.source, b.source) || compareText(a.id, b.id),
  );
  const summaries = new Map<string, AdvisorySummary>();
  const out = new Map<string, AdvisorySummary[]>();
  for (const h of hits) {
    const key = `${h.source}\0${h.id}`;
    let summary = summaries.get(key);
    if (summary === undefined) {
      const r = records.get(key)!;
      summary = advisorySummary(r.source, JSON.parse(r.record) as Advisory);
      summaries.set(key, summary);
    }
    const list = out.get(h.cve) ?? [];
    out.set(h.cve, list);
    // The union already drops a pair found twice in one chunk; a CVE is in one chunk only.
    list.push(summary);
  }
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
