import type { Kysely, Selectable } from 'kysely';
import type { SourceStatus } from '../vulndb/feed-sink.ts';
import type { SourceTable, StoreDatabase } from './schema.ts';
import { compareText } from './text-order.ts';

type Db = Kysely<StoreDatabase>;

/** Every recorded source, by name; `source` given: only that one. */
export async function querySourceStatuses(db: Db, source?: string): Promise<SourceStatus[]> {
  let q = db.selectFrom('source').selectAll();
  if (source !== undefined) q = q.where('name', '=', source);
  const rows = await q.execute();
  return rows.map(toStatus).sort((a, b) => compareText(a.source, b.source));
}

export async function writeSourceStatus(db: Db, s: SourceStatus): Promise<void> {
  const row = {
    name: s.source,
    kind: s.kind,
    origin: s.origin,
    records: s.records,
    newest_modified: s.newestModified ?? null,
    imported_at: s.importedAt,
  };
  await db
    .insertInto('source')
    .values(row)
    .onConflict((oc) =>
      oc.column('name').doUpdateSet({
        kind: row.kind,
        origin: row.origin,
        records: row.records,
        newest_modified: row.newest_modified,
        imported_at: row.imported_at,
      }),
    )
    .execute();
}

function toStatus(r: Selectable<SourceTable>): SourceStatus {
  return {
    source: r.name,
    kind: r.kind as SourceStatus['kind'],
    origin: r.origin,
    records: Number(r.records),
    ...(r.newest_modified === null ? {} : { newestModified: r.newest_modified }),
    importedAt: r.imported_at,
  };
}
