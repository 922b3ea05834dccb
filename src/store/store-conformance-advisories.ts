import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Advisory } from '../core/advisory.ts';
import { BulwarkError, ErrorCodes } from '../core/errors.ts';
import { SCHEMA_VERSION } from './schema.ts';
import { storeKysely } from './store.ts';
import type { ConformanceContext } from './store-conformance-context.ts';
import {
  aliasRows,
  bare,
  djangoAdvisory,
  ids,
  lodashAdvisory,
  npmPackage,
  pkg,
  row,
} from './store-conformance-fixtures.ts';

/** Store conformance: schema, advisories and lookups. Registered by storeConformance. */
export function advisoryConformance({ open, withStore, write }: ConformanceContext): void {
  describe('schema', () => {
    it('migrates a new database and reopens it without migrating again', async () => {
      await withStore(async (s) => {
        assert.equal(await s.schemaVersion(), SCHEMA_VERSION);
        assert.deepEqual(await s.sources(), []);
        await write(s, (tx) => tx.upsertAdvisories('osv-npm', [row(lodashAdvisory())]));
      });
      await withStore(async (s) => {
        assert.equal(await s.schemaVersion(), SCHEMA_VERSION);
        assert.equal((await s.affected('npm', ['lodash'])).length, 1);
        const applied = await storeKysely(s)
          .selectFrom('kysely_migration' as never)
          .select('name' as never)
          .execute();
        assert.equal(applied.length, SCHEMA_VERSION);
      });
    });

    it('refuses a database written by a newer bulwark, naming `bulwark db update`', async () => {
      await withStore(async (s) => {
        await storeKysely(s)
          .updateTable('meta')
          .set({ value: String(SCHEMA_VERSION + 1) })
          .where('key', '=', 'schema_version')
          .execute();
      });
      await assert.rejects(open(), (e: unknown) => {
        assert.ok(e instanceof BulwarkError, `expected a BulwarkError, got ${String(e)}`);
        assert.equal(e.code, ErrorCodes.DB_SCHEMA);
        assert.match(e.message, /newer bulwark/);
        assert.match(e.message, /bulwark db update/);
        return true;
      });
    });
  });

  describe('advisories', () => {
    it('stores advisories with their affected and alias rows, and summarises them', async () => {
      await withStore(async (s) => {
        const lodash = lodashAdvisory();
        const django = djangoAdvisory();
        await write(s, (tx) => tx.upsertAdvisories('osv', [row(lodash), row(django)]));

        const hits = await s.affected('npm', ['lodash']);
        assert.deepEqual(hits, [{ advisoryId: lodash.id, source: 'osv', affected: lodash.affected[0] }]);
        const summaries = await s.advisories([lodash.id, django.id, 'GHSA-none']);
        assert.equal(summaries.size, 2);
        assert.deepEqual(summaries.get(lodash.id), {
          id: lodash.id,
          source: 'osv',
          aliases: ['CVE-2021-23337'],
          related: [],
          summary: 'Command Injection in lodash',
          details: 'lodash versions prior to 4.17.21 are vulnerable to Command Injection via template.',
          published: '2021-02-15T11:48:45Z',
          modified: '2024-02-09T19:17:27Z',
          severity: [{ type: 'CVSS_V3', score: 'CVSS:3.1/AV:N/AC:L/PR:H/UI:N/S:U/C:H/I:H/A:H' }],
          references: ['https://nvd.nist.gov/vuln/detail/CVE-2021-23337'],
          databaseSpecific: { github_reviewed: true, severity: 'HIGH' },
        });
        assert.equal(summaries.get(django.id)?.withdrawn, '2024-05-01T00:00:00Z');
        assert.deepEqual(await aliasRows(s), [
          { source: 'osv', advisory_id: lodash.id, alias: 'CVE-2021-23337' },
          { source: 'osv', advisory_id: django.id, alias: 'CVE-2023-36053' },
        ]);
      });
    });

    it('replaces an advisory, its affected rows and its aliases on upsert', async () => {
      await withStore(async (s) => {
        const first = lodashAdvisory();
        await write(s, (tx) => tx.upsertAdvisories('osv', [row(first)]));
        const second: Advisory = {
          ...first,
          modified: '2025-01-01T00:00:00Z',
          aliases: ['CVE-2021-99999'],
          affected: [npmPackage('lodash-es', '4.17.21'), npmPackage('lodash.template', '4.5.0')],
        };
        await write(s, (tx) => tx.upsertAdvisories('osv', [row(second, 'fp-2')]));

        assert.deepEqual(await s.affected('npm', ['lodash']), []);
        const hits = await s.affected('npm', ['lodash-es', 'lodash.template']);
        assert.deepEqual(
          hits.map((h) => h.affected.name),
          ['lodash-es', 'lodash.template'],
        );
        assert.deepEqual(await aliasRows(s), [
          { source: 'osv', advisory_id: first.id, alias: 'CVE-2021-99999' },
        ]);
        assert.equal((await s.advisories([first.id])).get(first.id)?.modified, '2025-01-01T00:00:00Z');
      });
    });

    it('keeps the last of two rows for one id in a single upsert', async () => {
      await withStore(async (s) => {
        const a = lodashAdvisory();
        const b: Advisory = { ...a, summary: 'second' };
        await write(s, (tx) => tx.upsertAdvisories('osv', [row(a, 'fp-a'), row(b, 'fp-b')]));
        assert.equal((await s.advisories([a.id])).get(a.id)?.summary, 'second');
        assert.equal((await s.affected('npm', ['lodash'])).length, 1);
      });
    });

    it('deletes advisories with their affected and alias rows, within their source only', async () => {
      await withStore(async (s) => {
        const lodash = lodashAdvisory();
        const django = djangoAdvisory();
        await write(s, async (tx) => {
          await tx.upsertAdvisories('osv', [row(lodash), row(django)]);
          await tx.upsertAdvisories('mirror', [row(lodash)]);
        });
        await write(s, (tx) => tx.deleteAdvisories('osv', [lodash.id, 'GHSA-not-stored']));

        assert.deepEqual(
          (await s.affected('npm', ['lodash'])).map((h) => h.source),
          ['mirror'],
        );
        assert.equal((await s.affected('PyPI', ['django'])).length, 1);
        assert.deepEqual(
          (await aliasRows(s)).map((r) => `${r.source}/${r.advisory_id}`),
          [`mirror/${lodash.id}`, `osv/${django.id}`],
        );
        await write(s, async (tx) => {
          assert.deepEqual([...(await tx.advisoryFingerprints('osv')).keys()], [django.id]);
        });
      });
    });

    it('keeps the same id from two sources apart and summarises the first source by name', async () => {
      await withStore(async (s) => {
        const cve: Advisory = {
          ...bare('CVE-2023-4911', '2023-10-03T18:15:00Z'),
          affected: [pkg('Debian:12', 'glibc')],
        };
        const alpine: Advisory = {
          ...cve,
          summary: 'from alpine',
          affected: [pkg('Alpine:v3.18', 'musl')],
        };
        await write(s, async (tx) => {
          await tx.upsertAdvisories('debian', [row({ ...cve, summary: 'from debian' })]);
          await tx.upsertAdvisories('alpine', [row(alpine)]);
        });
        assert.equal((await s.advisories([cve.id])).get(cve.id)?.source, 'alpine');
        assert.equal((await s.advisories([cve.id])).get(cve.id)?.summary, 'from alpine');
        assert.deepEqual(
          (await s.affected('Debian:12', ['glibc'])).map((h) => h.source),
          ['debian'],
        );
      });
    });

    it('stores text with NUL characters, quotes and non-BMP characters', async () => {
      await withStore(async (s) => {
        const a: Advisory = {
          ...bare('GHSA-text-text-text', '2024-01-01T00:00:00Z'),
          summary: 'NUL\u0000 "quoted" \\ back\'slash 🐛',
          details: 'line1\nline2\t{"json": [1, 2]}',
          affected: [pkg('npm', '@scope/päckage')],
        };
        await write(s, (tx) => tx.upsertAdvisories('osv', [row(a)]));
        const got = (await s.advisories([a.id])).get(a.id);
        assert.equal(got?.summary, a.summary);
        assert.equal(got?.details, a.details);
        assert.equal((await s.affected('npm', ['@SCOPE/PÄCKAGE']))[0]?.affected.name, '@scope/päckage');
      });
    });
  });

  describe('lookup', () => {
    it('finds affected rows by ecosystem and name key: case, PyPI normalisation, Go as-is', async () => {
      await withStore(async (s) => {
        await write(s, (tx) =>
          tx.upsertAdvisories('osv', [
            row({ ...bare('GHSA-1', '2024-01-01T00:00:00Z'), affected: [pkg('npm', 'Lodash')] }),
            row({ ...bare('PYSEC-1', '2024-01-01T00:00:00Z'), affected: [pkg('PyPI', 'zope.interface')] }),
            row({
              ...bare('GO-1', '2024-01-01T00:00:00Z'),
              affected: [pkg('Go', 'github.com/Sirupsen/logrus')],
            }),
            row({
              ...bare('DSA-1', '2024-01-01T00:00:00Z'),
              affected: [pkg('Debian:12', 'openssl'), pkg('Debian:11', 'openssl')],
            }),
          ]),
        );
        assert.deepEqual(ids(await s.affected('npm', ['lodash'])), ['GHSA-1']);
        assert.deepEqual(ids(await s.affected('npm', ['LODASH', 'lodash'])), ['GHSA-1']);
        assert.deepEqual(ids(await s.affected('PyPI', ['Zope_Interface'])), ['PYSEC-1']);
        assert.deepEqual(ids(await s.affected('PyPI', ['zope--interface'])), ['PYSEC-1']);
        assert.deepEqual(ids(await s.affected('Go', ['github.com/Sirupsen/logrus'])), ['GO-1']);
        assert.deepEqual(ids(await s.affected('Go', ['github.com/sirupsen/logrus'])), []);
        const debian12 = await s.affected('Debian:12', ['openssl']);
        assert.deepEqual(
          debian12.map((h) => h.affected.ecosystem),
          ['Debian:12'],
        );
        assert.deepEqual(await s.affected('Debian', ['openssl']), []);
        assert.deepEqual(await s.affected('npm', []), []);
      });
    });

    it('answers for more keys than one IN list holds', async () => {
      await withStore(async (s) => {
        const advisories = Array.from({ length: 1200 }, (_, i) => ({
          ...bare(`GHSA-bulk-${String(i).padStart(4, '0')}`, '2024-01-01T00:00:00Z'),
          aliases: [`CVE-2024-${10000 + i}`],
          affected: [pkg('npm', `pkg-${i}`), pkg('npm', `pkg-${i}-extra`)],
        }));
        await write(s, (tx) =>
          tx.upsertAdvisories(
            'osv',
            advisories.map((a) => row(a)),
          ),
        );
        const names = Array.from({ length: 1500 }, (_, i) => `PKG-${i}`);
        const hits = await s.affected('npm', names);
        assert.equal(hits.length, 1200);
        assert.deepEqual(
          hits.map((h) => h.advisoryId),
          advisories.map((a) => a.id),
        );
        const all = await s.advisories([...advisories.map((a) => a.id), 'GHSA-missing']);
        assert.equal(all.size, 1200);
        const cves = advisories.map((a) => a.aliases[0]!);
        const related = await s.relatedAdvisories([...cves, 'CVE-2000-0001', ...cves.slice(0, 10)]);
        assert.equal(related.size, 1200);
        for (const [i, cve] of cves.entries()) {
          assert.deepEqual(
            related.get(cve)?.map((a) => a.id),
            [advisories[i]!.id],
            cve,
          );
        }
        await write(s, (tx) =>
          tx.deleteAdvisories(
            'osv',
            advisories.map((a) => a.id),
          ),
        );
        assert.deepEqual(await s.affected('npm', names), []);
        assert.deepEqual(await aliasRows(s), []);
      });
    });
  });
}
