import { type Kysely, type Migration, type MigrationProvider, SqliteAdapter, sql } from 'kysely';

/**
 * Every migration of the store, in order, for both dialects (see schema.ts for what the tables
 * mean). Names sort in application order; each migration ends by recording its number as
 * `meta.schema_version`, in the same transaction on PostgreSQL and under the same exclusive lock
 * on SQLite (migrate.ts), so the version never runs ahead of the tables.
 *
 * Never edit a released migration: add the next one and raise SCHEMA_VERSION.
 */
export const STORE_MIGRATIONS: Readonly<Record<string, Migration>> = {
  '0001_initial': { up: initial },
  '0002_alerts': { up: alerts },
};

/** The provider handed to kysely's Migrator: no file scanning, the list above. */
export const storeMigrationProvider: MigrationProvider = {
  getMigrations: async () => ({ ...STORE_MIGRATIONS }),
};

async function setSchemaVersion(db: Kysely<unknown>, version: number): Promise<void> {
  await sql`insert into meta (key, value) values ('schema_version', ${String(version)})
    on conflict (key) do update set value = excluded.value`.execute(db);
}

async function initial(db: Kysely<unknown>): Promise<void> {
  const s = db.schema;
  await s
    .createTable('meta')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('value', 'text', (c) => c.notNull())
    .execute();

  await s
    .createTable('source')
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('origin', 'text', (c) => c.notNull())
    .addColumn('records', 'integer', (c) => c.notNull())
    .addColumn('newest_modified', 'text')
    .addColumn('imported_at', 'text', (c) => c.notNull())
    .execute();

  await s
    .createTable('source_file')
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('path', 'text', (c) => c.notNull())
    .addColumn('hash', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('source_file_pk', ['source', 'path'])
    .execute();

  await s
    .createTable('advisory')
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('modified', 'text', (c) => c.notNull())
    .addColumn('published', 'text')
    .addColumn('withdrawn', 'text')
    .addColumn('summary', 'text')
    .addColumn('details', 'text')
    .addColumn('fingerprint', 'text', (c) => c.notNull())
    .addColumn('file', 'text', (c) => c.notNull())
    .addColumn('record', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('advisory_pk', ['source', 'id'])
    .execute();
  // advisories(ids) looks up by id across sources.
  await s.createIndex('advisory_id_idx').on('advisory').column('id').execute();

  await s
    .createTable('affected')
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('advisory_id', 'text', (c) => c.notNull())
    .addColumn('ord', 'integer', (c) => c.notNull())
    .addColumn('ecosystem', 'text', (c) => c.notNull())
    .addColumn('name_key', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('affected', 'text', (c) => c.notNull())
    // No foreign key to `advisory`: PostgreSQL checks one with a trigger per inserted row, which
    // doubled the time of a 300k-row import. The store deletes these rows with their advisory.
    .addPrimaryKeyConstraint('affected_pk', ['source', 'advisory_id', 'ord'])
    .execute();
  await s.createIndex('affected_name_idx').on('affected').columns(['ecosystem', 'name_key']).execute();

  await s
    .createTable('alias')
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('advisory_id', 'text', (c) => c.notNull())
    .addColumn('alias', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('alias_pk', ['source', 'advisory_id', 'alias'])
    .execute();
  await s.createIndex('alias_alias_idx').on('alias').column('alias').execute();

  await s
    .createTable('kev')
    .addColumn('cve', 'text', (c) => c.primaryKey())
    .addColumn('date_added', 'text', (c) => c.notNull())
    .addColumn('due_date', 'text')
    .addColumn('ransomware', 'text')
    .addColumn('name', 'text')
    .addColumn('required_action', 'text')
    .execute();

  await s
    .createTable('epss')
    .addColumn('cve', 'text', (c) => c.primaryKey())
    .addColumn('score', 'double precision', (c) => c.notNull())
    .addColumn('percentile', 'double precision', (c) => c.notNull())
    .addColumn('date', 'text')
    .execute();

  await s
    .createTable('cvss')
    .addColumn('cve', 'text', (c) => c.primaryKey())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('vectors', 'text', (c) => c.notNull())
    .addColumn('published', 'text')
    .addColumn('modified', 'text')
    .addColumn('description', 'text')
    .execute();

  await s
    .createTable('scan')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('target_kind', 'text', (c) => c.notNull())
    .addColumn('target_name', 'text', (c) => c.notNull())
    .addColumn('image_digest', 'text')
    .addColumn('image_id', 'text')
    .addColumn('reference', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('saved_at', 'text', (c) => c.notNull())
    .addColumn('report', 'text', (c) => c.notNull())
    .execute();
  await s.createIndex('scan_digest_idx').on('scan').columns(['image_digest', 'created_at']).execute();
  await s.createIndex('scan_image_id_idx').on('scan').columns(['image_id', 'created_at']).execute();
  await s.createIndex('scan_reference_idx').on('scan').columns(['reference', 'created_at']).execute();
  await s.createIndex('scan_created_idx').on('scan').column('created_at').execute();

  await s
    .createTable('scan_package')
    .addColumn('scan_id', 'text', (c) => c.notNull().references('scan.id').onDelete('cascade'))
    .addColumn('package_id', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('version', 'text', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('ecosystem', 'text')
    .addColumn('name_key', 'text', (c) => c.notNull())
    .addColumn('purl', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('scan_package_pk', ['scan_id', 'package_id'])
    .execute();
  await s.createIndex('scan_package_name_idx').on('scan_package').column('name_key').execute();
  await s.createIndex('scan_package_purl_idx').on('scan_package').column('purl').execute();

  await s
    .createTable('scan_finding')
    .addColumn('scan_id', 'text', (c) => c.notNull().references('scan.id').onDelete('cascade'))
    .addColumn('vuln_id', 'text', (c) => c.notNull())
    .addColumn('package_id', 'text', (c) => c.notNull())
    .addColumn('finding_id', 'text', (c) => c.notNull())
    .addColumn('severity', 'text', (c) => c.notNull())
    .addColumn('suppressed', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('scan_finding_pk', ['scan_id', 'vuln_id', 'package_id'])
    .execute();
  await s.createIndex('scan_finding_vuln_idx').on('scan_finding').column('vuln_id').execute();

  await setSchemaVersion(db, 1);
}

/** 0002: the `alert` table, where the server's audit webhook keeps what the rules raised. */
async function alerts(db: Kysely<unknown>): Promise<void> {
  const s = db.schema;
  // No portable DDL gives an auto-assigned id: SQLite's AUTOINCREMENT never reuses an id (plain
  // rowids restart after the newest rows are pruned, which would break a client's `before`
  // cursor); PostgreSQL's identity column is a sequence, which never goes back either.
  const sqlite = db.getExecutor().adapter instanceof SqliteAdapter;
  await s
    .createTable('alert')
    .addColumn('id', sqlite ? 'integer' : 'bigint', (c) =>
      sqlite ? c.primaryKey().autoIncrement() : c.primaryKey().generatedByDefaultAsIdentity(),
    )
    .addColumn('received_at', 'text', (c) => c.notNull())
    .addColumn('time', 'text')
    .addColumn('rule', 'text', (c) => c.notNull())
    .addColumn('priority', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('output', 'text', (c) => c.notNull())
    .addColumn('output_fields', 'text', (c) => c.notNull())
    .addColumn('tags', 'text', (c) => c.notNull())
    .addColumn('incident', 'text')
    .addColumn('audit_id', 'text')
    .execute();
  // Listing is newest first by id (the primary key); these serve `rule=` (then newest first),
  // `since`/`until` on the event's time, and pruning by arrival.
  await s.createIndex('alert_rule_idx').on('alert').columns(['rule', 'id']).execute();
  await s.createIndex('alert_time_idx').on('alert').column('time').execute();
  await s.createIndex('alert_received_idx').on('alert').column('received_at').execute();

  await setSchemaVersion(db, 2);
}
