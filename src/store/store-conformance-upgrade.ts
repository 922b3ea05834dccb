import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type Kysely, Migrator } from 'kysely';
import { STORE_MIGRATIONS } from './migrations.ts';
import { SCHEMA_VERSION, type StoreDatabase } from './schema.ts';
import type { Store } from './store.ts';
import { scanResult } from './store-conformance-fixtures.ts';

/** A raw connection to the test's database, before openStore has migrated it. */
export interface RawDatabase {
  readonly db: Kysely<StoreDatabase>;
  /** PostgreSQL: the schema the tables and kysely's migration tables go in. */
  readonly migrationTableSchema?: string;
}

/**
 * Upgrading a database written by an older bulwark keeps its rows: a version-1 database (only
 * 0001_initial applied, as the first release left it) opened by this code. Registered by each
 * backend's test file; `openRaw` and `open` reach the same, empty database within one test.
 */
export function upgradeConformance(
  name: string,
  openRaw: () => Promise<RawDatabase>,
  open: () => Promise<Store>,
): void {
  describe(`${name} store upgrade`, () => {
    it(`brings a version-1 database to version ${SCHEMA_VERSION} without losing rows`, async () => {
      const raw = await openRaw();
      const scan = scanResult('2024-01-01T00:00:00.000Z', 'CVE-2023-4911');
      try {
        const migrator = new Migrator({
          db: raw.db,
          provider: { getMigrations: async () => ({ '0001_initial': STORE_MIGRATIONS['0001_initial']! }) },
          ...(raw.migrationTableSchema === undefined
            ? {}
            : { migrationTableSchema: raw.migrationTableSchema }),
        });
        const { error } = await migrator.migrateToLatest();
        assert.equal(error, undefined);
        await raw.db
          .insertInto('kev')
          .values({
            cve: 'CVE-2021-44228',
            date_added: '2021-12-10',
            due_date: null,
            ransomware: 'Known',
            name: null,
            required_action: null,
          })
          .execute();
        await raw.db
          .insertInto('scan')
          .values({
            id: 'scan-1',
            target_kind: scan.target.kind,
            target_name: scan.target.name,
            image_digest: null,
            image_id: null,
            reference: 'kept:1',
            created_at: scan.createdAt,
            saved_at: scan.createdAt,
            report: JSON.stringify(scan),
          })
          .execute();
        const version = await raw.db
          .selectFrom('meta')
          .select('value')
          .where('key', '=', 'schema_version')
          .executeTakeFirst();
        assert.equal(version?.value, '1');
      } finally {
        await raw.db.destroy();
      }

      const store = await open();
      try {
        assert.equal(await store.schemaVersion(), SCHEMA_VERSION);
        assert.deepEqual(
          [...(await store.kev(['CVE-2021-44228'])).entries()],
          [['CVE-2021-44228', { dateAdded: '2021-12-10', knownRansomwareCampaignUse: 'Known' }]],
        );
        assert.deepEqual(await store.latestScan({ reference: 'kept:1' }), scan);
        const [id] = await store.saveAlerts([
          {
            rule: 'r',
            priority: 'INFO',
            time: null,
            output: 'o',
            outputFields: {},
            tags: [],
            source: 'k8s_audit',
          },
        ]);
        assert.deepEqual(
          (await store.listAlerts()).alerts.map((a) => a.id),
          [id],
        );
      } finally {
        await store.close();
      }
      // Opening again finds it current and migrates nothing.
      const again = await open();
      try {
        assert.equal((await again.listAlerts()).alerts.length, 1);
      } finally {
        await again.close();
      }
    });
  });
}
