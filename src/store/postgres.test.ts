import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, beforeEach, describe, it } from 'node:test';
import pg from 'pg';
import { BulwarkError, ErrorCodes } from '../core/errors.ts';
import { openStore } from './open-store.ts';
import { openPostgres } from './postgres-connection.ts';
import { storeConformance } from './store-conformance.ts';
import { upgradeConformance } from './store-conformance-upgrade.ts';

/**
 * The conformance suite on PostgreSQL. Each test gets its own schema (`?schema=`), named after
 * this run, so runs and tests never see each other's rows; every schema of the run is dropped at
 * the end. PostgreSQL is required: when it cannot be reached the run fails (set BULWARK_SKIP_PG=1
 * to skip these tests knowingly).
 */
const BASE_URL = process.env.BULWARK_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const RUN = `bulwark_test_${process.pid}_${randomBytes(3).toString('hex')}`;

const skip = process.env.BULWARK_SKIP_PG === '1';
const unreachable = skip ? undefined : await probe(BASE_URL);

if (skip) {
  it('postgres store tests', { skip: 'BULWARK_SKIP_PG=1: PostgreSQL store tests not run' }, () => {});
} else if (unreachable !== undefined) {
  it('PostgreSQL is reachable for the postgres store tests', () => {
    assert.fail(
      `PostgreSQL is required for these tests and cannot be reached at ${BASE_URL} (${unreachable}). ` +
        'CI runs them against a local server on 127.0.0.1:5432 (user postgres, trust auth, database ' +
        '`test`), started before `npm test` (Debian: `apt-get install postgresql`, then ' +
        '`pg_ctlcluster 15 main start` and `createdb -U postgres test`). Start one, point ' +
        'BULWARK_TEST_PG_URL at another, or set BULWARK_SKIP_PG=1 to skip these tests.',
    );
  });
} else {
  const schemas: string[] = [];
  let url = '';
  beforeEach(() => {
    const schema = `${RUN}_${schemas.length}`;
    schemas.push(schema);
    url = withSchema(BASE_URL, schema);
  });
  after(async () => {
    const client = new pg.Client({ connectionString: BASE_URL });
    await client.connect();
    try {
      for (const s of schemas) await client.query(`drop schema if exists "${s}" cascade`);
    } finally {
      await client.end();
    }
  });

  storeConformance('postgres', () => openStore({ url }));
  upgradeConformance(
    'postgres',
    async () => {
      const pgc = await openPostgres(url, false);
      return { db: pgc.db, migrationTableSchema: pgc.schema };
    },
    () => openStore({ url }),
  );

  describe('postgres store', () => {
    it('is selected by a postgres:// URL, also from BULWARK_DB, and creates its schema', async () => {
      const saved = process.env.BULWARK_DB;
      process.env.BULWARK_DB = url;
      try {
        const store = await openStore({ home: '/nonexistent/never-created' });
        try {
          assert.equal(store.dialect, 'postgres');
          assert.match(store.location, /schema=bulwark_test_/);
        } finally {
          await store.close();
        }
      } finally {
        if (saved === undefined) delete process.env.BULWARK_DB;
        else process.env.BULWARK_DB = saved;
      }
      const client = new pg.Client({ connectionString: BASE_URL });
      await client.connect();
      try {
        const schema = new URL(url).searchParams.get('schema');
        const { rows } = await client.query(
          "select table_name from information_schema.tables where table_schema = $1 and table_name = 'affected'",
          [schema],
        );
        assert.equal(rows.length, 1);
      } finally {
        await client.end();
      }
    });

    it('read-only: refuses an empty schema with E_DB_MISSING', async () => {
      await assert.rejects(openStore({ url, readonly: true }), (e: unknown) => {
        assert.ok(e instanceof BulwarkError);
        assert.equal(e.code, ErrorCodes.DB_MISSING);
        assert.match(e.message, /bulwark db update/);
        return true;
      });
    });

    it('read-only: reads, and refuses to write', async () => {
      const writer = await openStore({ url });
      await writer.transaction((tx) =>
        tx.replaceKev('kev', [{ cve: 'CVE-2021-44228', dateAdded: '2021-12-10' }]),
      );
      await writer.close();
      const reader = await openStore({ url, readonly: true });
      try {
        assert.equal((await reader.kev(['CVE-2021-44228'])).size, 1);
        await assert.rejects(
          reader.transaction((tx) => tx.replaceKev('kev', [])),
          (e: unknown) => {
            assert.ok(e instanceof BulwarkError, String(e));
            assert.equal(e.code, ErrorCodes.DB_UNAVAILABLE);
            assert.match(e.message, /read-only/);
            return true;
          },
        );
        assert.equal((await reader.kev(['CVE-2021-44228'])).size, 1);
      } finally {
        await reader.close();
      }
    });

    it('refuses an invalid schema name with E_USAGE', async () => {
      await assert.rejects(openStore({ url: withSchema(BASE_URL, 'x"; drop table y') }), (e: unknown) => {
        assert.ok(e instanceof BulwarkError);
        assert.equal(e.code, ErrorCodes.USAGE);
        return true;
      });
    });

    it('reports an unreachable server with E_DB_UNAVAILABLE, without the password', async () => {
      await assert.rejects(
        openStore({ url: 'postgres://postgres:secret@127.0.0.1:1/test' }),
        (e: unknown) => {
          assert.ok(e instanceof BulwarkError, String(e));
          assert.equal(e.code, ErrorCodes.DB_UNAVAILABLE);
          assert.doesNotMatch(e.message, /secret/);
          return true;
        },
      );
    });
  });
}

function withSchema(base: string, schema: string): string {
  const u = new URL(base);
  u.searchParams.set('schema', schema);
  return u.toString();
}

/** Undefined when a connection succeeds, else why it failed. */
async function probe(url: string): Promise<string | undefined> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5000 });
  try {
    await client.connect();
    await client.query('select 1');
    return undefined;
  } catch (e) {
    const code = (e as { code?: unknown }).code;
    return typeof code === 'string' ? `${code}: ${(e as Error).message}` : String(e);
  } finally {
    await client.end().catch(() => {});
  }
}
