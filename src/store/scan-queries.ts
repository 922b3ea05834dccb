import { randomUUID } from 'node:crypto';
import type { Insertable, Kysely } from 'kysely';
import type { ScanResult } from '../core/scan-result.ts';
import { packageNameKey } from '../version/name-key.ts';
import { insertBatches } from './batch.ts';
import type { StoreDialect } from './migrate.ts';
import type { ScanFindingTable, ScanPackageTable, StoreDatabase } from './schema.ts';

/** Which saved scan `latestScan` looks for; both given: both must match; none: the latest of all. */
export interface ScanKey {
  /** The image's manifest digest or its config digest (image id), `sha256:…`. */
  readonly digest?: string;
  /** The reference the scan was saved under. */
  readonly reference?: string;
}

/**
 * Writes `result` as a new scan (in the caller's transaction) and returns its id. The reference it
 * is found by is `reference`, else the image's reference, else the target's name.
 */
export async function insertScan(
  db: Kysely<StoreDatabase>,
  dialect: StoreDialect,
  result: ScanResult,
  reference: string | undefined,
  savedAt: string,
): Promise<string> {
  const id = randomUUID();
  const image = result.image;
  await db
    .insertInto('scan')
    .values({
      id,
      target_kind: result.target.kind,
      target_name: result.target.name,
      image_digest: image?.manifestDigest ?? image?.configDigest ?? null,
      image_id: image?.configDigest ?? null,
      reference: reference ?? image?.reference ?? result.target.name,
      created_at: result.createdAt,
      saved_at: savedAt,
      report: JSON.stringify(result),
    })
    .execute();

  const packages = new Map<string, Insertable<ScanPackageTable>>();
  for (const p of result.packages) {
    packages.set(p.id, {
      scan_id: id,
      package_id: p.id,
      name: p.name,
      version: p.version,
      type: p.type,
      ecosystem: p.ecosystem ?? null,
      name_key: packageNameKey(p.ecosystem ?? '', p.name),
      purl: p.purl,
    });
  }
  await insertBatches(db, dialect, 'scan_package', [...packages.values()]);

  // One row per id the vulnerability is known by, so a search for any alias finds the scan.
  const findings = new Map<string, Insertable<ScanFindingTable>>();
  for (const f of result.vulnerabilities?.findings ?? []) {
    for (const vulnId of [f.id, ...f.aliases]) {
      const key = `${vulnId}\n${f.package.id}`;
      if (findings.has(key)) continue;
      findings.set(key, {
        scan_id: id,
        vuln_id: vulnId,
        package_id: f.package.id,
        finding_id: f.id,
        severity: f.severity,
        suppressed: f.suppressed === undefined ? 0 : 1,
      });
    }
  }
  await insertBatches(db, dialect, 'scan_finding', [...findings.values()]);
  return id;
}

/** The newest saved scan (by the scan's own `createdAt`, then by when it was saved) matching `key`. */
export async function queryLatestScan(
  db: Kysely<StoreDatabase>,
  key: ScanKey,
): Promise<ScanResult | undefined> {
  let q = db.selectFrom('scan').select('report');
  const { digest, reference } = key;
  if (digest !== undefined)
    q = q.where((eb) => eb.or([eb('image_digest', '=', digest), eb('image_id', '=', digest)]));
  if (reference !== undefined) q = q.where('reference', '=', reference);
  const row = await q
    .orderBy('created_at', 'desc')
    .orderBy('saved_at', 'desc')
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row === undefined ? undefined : (JSON.parse(row.report) as ScanResult);
}
