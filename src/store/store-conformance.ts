import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Advisory } from '../core/advisory.ts';
import { BulwarkError, ErrorCodes } from '../core/errors.ts';
import type { ScanResult } from '../core/scan-result.ts';
import type { FeedTransaction, SourceStatus } from '../vulndb/feed-sink.ts';
import { SCHEMA_VERSION } from './schema.ts';
import { type Store, storeKysely } from './store.ts';
import {
  aliasRows,
  bare,
  continuationFlood,
  djangoAdvisory,
  IMAGE,
  ids,
  lodashAdvisory,
  npmPackage,
  pkg,
  row,
  scanResult,
  snapshot,
  sorted,
} from './store-conformance-fixtures.ts';

/**
 * The contract every Store backend must meet, as node:test suites: register it from a backend's
 * test file. `open` must return a Store on the same database for every call within one test (a
 * test reopens it) and a fresh, empty database for each test.
 */
export function storeConformance(name: string, open: () => Promise<Store>): void {
  const withStore = async (fn: (s: Store) => Promise<void>): Promise<void> => {
    const s = await open();
    try {
      await fn(s);
    } finally {
      await s.close();
    }
  };
  const write = <T>(s: Store, fn: (tx: FeedTransaction) => Promise<T>) => s.transaction(fn);

  describe(`${name} store conformance`, () => {
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

    describe('related advisories', () => {
      it("finds, per CVE, every advisory naming it: by id, alias, or an errata's related", async () => {
        await withStore(async (s) => {
          const { errata, go, ghsa, cve } = continuationFlood();
          const withdrawn: Advisory = {
            ...bare('GHSA-wdrn-wdrn-wdrn', '2024-05-01T00:00:00Z'),
            aliases: ['CVE-2023-45288'],
            withdrawn: '2024-05-02T00:00:00Z',
          };
          await write(s, async (tx) => {
            await tx.upsertAdvisories('osv-almalinux', [row(errata)]);
            await tx.upsertAdvisories('osv-go', [row(go)]);
            await tx.upsertAdvisories('osv-ghsa', [row(ghsa), row(withdrawn)]);
            await tx.upsertAdvisories('osv-dev', [row(cve)]);
            // The same errata id from a second source is a second advisory.
            await tx.upsertAdvisories('mirror', [row(errata)]);
          });
          assert.deepEqual(await s.relatedAdvisories([]), new Map());
          const got = await s.relatedAdvisories([
            'CVE-2023-45288',
            'CVE-2023-39325',
            'CVE-2000-0001',
            'CVE-2023-45288',
          ]);
          assert.deepEqual([...got.keys()], ['CVE-2023-45288']);
          const list = got.get('CVE-2023-45288')!;
          assert.deepEqual(
            list.map((a) => `${a.source}/${a.id}`),
            [
              'mirror/ALSA-2024:1963',
              'osv-almalinux/ALSA-2024:1963',
              'osv-dev/CVE-2023-45288',
              'osv-ghsa/GHSA-4v7x-pqxf-cx7m',
              'osv-ghsa/GHSA-wdrn-wdrn-wdrn',
              'osv-go/GO-2024-2687',
            ],
          );
          // The same summaries advisories() gives (which picks `mirror`, the first source by name).
          const summaries = await s.advisories([errata.id, ghsa.id, withdrawn.id]);
          assert.deepEqual(list[0], summaries.get(errata.id));
          assert.deepEqual(list[1], { ...summaries.get(errata.id), source: 'osv-almalinux' });
          assert.equal(list[1]!.summary, 'Important: golang security update');
          assert.deepEqual(list[3], summaries.get(ghsa.id));
          assert.deepEqual(list[3]!.databaseSpecific, { severity: 'MODERATE', github_reviewed: true });
          assert.equal(list[4]!.withdrawn, '2024-05-02T00:00:00Z');
          // The errata's related CVE is in the alias index; the GHSA's related one is not.
          assert.deepEqual(
            (await aliasRows(s)).filter((r) => r.advisory_id === errata.id || r.advisory_id === ghsa.id),
            [
              { source: 'mirror', advisory_id: errata.id, alias: 'CVE-2023-45288' },
              { source: 'osv-almalinux', advisory_id: errata.id, alias: 'CVE-2023-45288' },
              { source: 'osv-ghsa', advisory_id: ghsa.id, alias: 'CVE-2023-45288' },
            ],
          );
        });
      });

      it('follows upserts and deletes of the errata', async () => {
        await withStore(async (s) => {
          const { errata, go } = continuationFlood();
          await write(s, async (tx) => {
            await tx.upsertAdvisories('osv-almalinux', [row(errata)]);
            await tx.upsertAdvisories('osv-go', [row(go)]);
          });
          const moved: Advisory = {
            ...errata,
            modified: '2024-06-01T00:00:00Z',
            related: ['CVE-2024-24786'],
          };
          await write(s, (tx) => tx.upsertAdvisories('osv-almalinux', [row(moved, 'fp-2')]));
          const after = await s.relatedAdvisories(['CVE-2023-45288', 'CVE-2024-24786']);
          assert.deepEqual(
            after.get('CVE-2023-45288')?.map((a) => a.id),
            [go.id],
          );
          assert.deepEqual(
            after.get('CVE-2024-24786')?.map((a) => a.modified),
            ['2024-06-01T00:00:00Z'],
          );
          await write(s, (tx) => tx.deleteAdvisories('osv-almalinux', [errata.id]));
          assert.deepEqual([...(await s.relatedAdvisories(['CVE-2024-24786'])).keys()], []);
        });
      });
    });

    describe('import bookkeeping', () => {
      it('round-trips advisory fingerprints and file hashes per source', async () => {
        await withStore(async (s) => {
          const lodash = lodashAdvisory();
          await write(s, async (tx) => {
            await tx.upsertAdvisories('osv', [
              { advisory: lodash, file: 'npm/GHSA-35jh.json', fingerprint: 'aa11' },
            ]);
            await tx.setFileHashes(
              'osv',
              new Map([
                ['npm/GHSA-35jh.json', 'h1'],
                ['npm/other.json', 'h2'],
              ]),
            );
            await tx.setFileHashes('other', new Map([['x.json', 'h9']]));
          });
          await write(s, async (tx) => {
            assert.deepEqual(
              [...(await tx.advisoryFingerprints('osv'))],
              [[lodash.id, { fingerprint: 'aa11', file: 'npm/GHSA-35jh.json' }]],
            );
            assert.deepEqual((await tx.advisoryFingerprints('other')).size, 0);
            assert.deepEqual(sorted(await tx.fileHashes('osv')), [
              ['npm/GHSA-35jh.json', 'h1'],
              ['npm/other.json', 'h2'],
            ]);
            await tx.setFileHashes('osv', new Map([['npm/new.json', 'h3']]));
            assert.deepEqual(sorted(await tx.fileHashes('osv')), [['npm/new.json', 'h3']]);
            assert.deepEqual(sorted(await tx.fileHashes('other')), [['x.json', 'h9']]);
          });
        });
      });

      it('records source statuses and lists sources', async () => {
        await withStore(async (s) => {
          const osv: SourceStatus = {
            source: 'osv-npm',
            kind: 'advisories',
            origin: '/feeds/osv/npm',
            records: 2,
            newestModified: '2024-02-09T19:17:27Z',
            importedAt: '2025-01-01T10:00:00.000Z',
          };
          const kev: SourceStatus = {
            source: 'kev',
            kind: 'kev',
            origin: 'https://www.cisa.gov/kev.json',
            records: 1200,
            importedAt: '2025-01-01T10:01:00.000Z',
          };
          await write(s, async (tx) => {
            assert.equal(await tx.sourceStatus('osv-npm'), undefined);
            await tx.setSourceStatus(osv);
            await tx.setSourceStatus(kev);
          });
          assert.deepEqual(await s.sourceStatuses(), [kev, osv]);
          const again: SourceStatus = { ...osv, records: 3, importedAt: '2025-01-02T00:00:00.000Z' };
          await write(s, async (tx) => {
            await tx.setSourceStatus(again);
            assert.deepEqual(await tx.sourceStatus('osv-npm'), again);
          });
          assert.deepEqual(await s.sources(), [
            { source: 'kev', importedAt: kev.importedAt },
            { source: 'osv-npm', importedAt: again.importedAt },
          ]);
        });
      });

      it('rolls back every write when the transaction function throws', async () => {
        await withStore(async (s) => {
          const lodash = lodashAdvisory();
          const django = djangoAdvisory();
          const status: SourceStatus = {
            source: 'osv',
            kind: 'advisories',
            origin: '/feeds/osv',
            records: 1,
            importedAt: '2025-01-01T00:00:00.000Z',
          };
          await write(s, async (tx) => {
            await tx.upsertAdvisories('osv', [row(lodash)]);
            await tx.setFileHashes('osv', new Map([['a.json', 'h1']]));
            await tx.replaceKev('kev', [{ cve: 'CVE-2021-44228', dateAdded: '2021-12-10' }]);
            await tx.replaceEpss('epss', [{ cve: 'CVE-2021-44228', score: 0.97, percentile: 0.99 }]);
            await tx.setSourceStatus(status);
          });
          const before = await snapshot(s);
          const boom = new Error('feed is truncated');
          await assert.rejects(
            write(s, async (tx) => {
              await tx.upsertAdvisories('osv', [
                row(django),
                row({ ...lodash, affected: [pkg('npm', 'underscore')] }),
              ]);
              await tx.deleteAdvisories('osv', [lodash.id]);
              await tx.setFileHashes('osv', new Map());
              await tx.replaceKev('kev', []);
              await tx.replaceEpss('epss', []);
              await tx.upsertCvss('nvd', [{ cve: 'CVE-2021-44228', cvss: [] }]);
              await tx.setSourceStatus({ ...status, records: 99 });
              throw boom;
            }),
            (e) => e === boom,
          );
          assert.deepEqual(await snapshot(s), before);
        });
      });
    });

    describe('enrichment', () => {
      it('replaces KEV and EPSS rows wholesale and upserts CVSS rows', async () => {
        await withStore(async (s) => {
          await write(s, async (tx) => {
            await tx.replaceKev('kev', [
              {
                cve: 'CVE-2021-44228',
                dateAdded: '2021-12-10',
                dueDate: '2021-12-24',
                knownRansomwareCampaignUse: 'Known',
                vulnerabilityName: 'Apache Log4j2 Remote Code Execution Vulnerability',
                requiredAction: 'Apply updates per vendor instructions.',
              },
              { cve: 'CVE-2014-0160', dateAdded: '2022-05-04' },
            ]);
            await tx.replaceEpss('epss', [
              { cve: 'CVE-2021-44228', score: 0.97565, percentile: 0.99996, date: '2025-01-01' },
              { cve: 'CVE-2014-0160', score: 0.1, percentile: 0.5 },
              { cve: 'CVE-2014-0160', score: 0.94464, percentile: 0.99952 },
            ]);
            await tx.upsertCvss('nvd', [
              {
                cve: 'CVE-2021-44228',
                cvss: [
                  {
                    version: '3.1',
                    vector: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H',
                    baseScore: 10,
                    source: 'nvd',
                  },
                ],
                published: '2021-12-10T10:15:09Z',
                modified: '2024-01-01T00:00:00Z',
                description: 'Apache Log4j2 JNDI features do not protect against attacker controlled LDAP.',
              },
            ]);
          });
          const cves = ['CVE-2021-44228', 'CVE-2014-0160', 'CVE-2000-0001'];
          assert.deepEqual(sorted(await s.kev(cves)), [
            ['CVE-2014-0160', { dateAdded: '2022-05-04' }],
            [
              'CVE-2021-44228',
              {
                dateAdded: '2021-12-10',
                dueDate: '2021-12-24',
                knownRansomwareCampaignUse: 'Known',
                vulnerabilityName: 'Apache Log4j2 Remote Code Execution Vulnerability',
                requiredAction: 'Apply updates per vendor instructions.',
              },
            ],
          ]);
          assert.deepEqual(sorted(await s.epss(cves)), [
            ['CVE-2014-0160', { score: 0.94464, percentile: 0.99952 }],
            ['CVE-2021-44228', { score: 0.97565, percentile: 0.99996, date: '2025-01-01' }],
          ]);
          assert.deepEqual(sorted(await s.cvss(cves)), [
            [
              'CVE-2021-44228',
              [
                {
                  version: '3.1',
                  vector: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H',
                  baseScore: 10,
                  source: 'nvd',
                },
              ],
            ],
          ]);

          await write(s, async (tx) => {
            await tx.replaceKev('kev', [{ cve: 'CVE-2023-4911', dateAdded: '2023-11-21' }]);
            await tx.replaceEpss('epss', [{ cve: 'CVE-2023-4911', score: 0.5, percentile: 0.9 }]);
            await tx.upsertCvss('cve5', [
              {
                cve: 'CVE-2021-44228',
                cvss: [
                  {
                    version: '4.0',
                    vector: 'CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N',
                    baseScore: 9.3,
                    source: 'cve5',
                  },
                ],
              },
              { cve: 'CVE-2023-4911', cvss: [] },
            ]);
          });
          const all = [...cves, 'CVE-2023-4911'];
          assert.deepEqual([...(await s.kev(all)).keys()], ['CVE-2023-4911']);
          assert.deepEqual([...(await s.epss(all)).keys()], ['CVE-2023-4911']);
          const cvss = await s.cvss(all);
          assert.equal(cvss.get('CVE-2021-44228')?.[0]?.version, '4.0');
          assert.deepEqual(cvss.get('CVE-2023-4911'), []);
          assert.equal(cvss.size, 2);
          assert.equal((await s.kev([])).size, 0);
        });
      });
    });

    describe('scans', () => {
      it('saves scans and finds the latest by digest, image id and reference', async () => {
        await withStore(async (s) => {
          const older = scanResult('2025-01-01T00:00:00.000Z', 'CVE-2023-4911');
          const newer = scanResult('2025-02-01T00:00:00.000Z', 'CVE-2024-0001');
          const otherImage: ScanResult = {
            ...scanResult('2025-03-01T00:00:00.000Z', 'CVE-2024-0002'),
            image: { ...IMAGE, manifestDigest: 'sha256:other', configDigest: 'sha256:otherconfig' },
          };
          const idOlder = await s.saveScan(older, { reference: 'debian:12' });
          const idNewer = await s.saveScan(newer, { reference: 'debian:12' });
          await s.saveScan(otherImage, { reference: 'debian:12-slim' });
          assert.notEqual(idOlder, idNewer);

          assert.deepEqual(await s.latestScan({ digest: IMAGE.manifestDigest! }), newer);
          assert.deepEqual(await s.latestScan({ digest: IMAGE.configDigest }), newer);
          assert.deepEqual(await s.latestScan({ reference: 'debian:12' }), newer);
          assert.deepEqual(await s.latestScan({ reference: 'debian:12', digest: 'sha256:other' }), undefined);
          assert.deepEqual(await s.latestScan({ reference: 'debian:12-slim' }), otherImage);
          assert.deepEqual(await s.latestScan({}), otherImage);
          assert.equal(await s.latestScan({ digest: 'sha256:unknown' }), undefined);
          assert.equal(await s.latestScan({ reference: 'alpine:3.19' }), undefined);

          // A rescan saved later with the same createdAt wins the tie.
          const rescan: ScanResult = { ...newer, packages: newer.packages.slice(0, 1) };
          await s.saveScan(rescan, { reference: 'debian:12' });
          assert.deepEqual(await s.latestScan({ reference: 'debian:12' }), rescan);
        });
      });

      it('saves without a reference under the image reference or the target name', async () => {
        await withStore(async (s) => {
          const image = scanResult('2025-01-01T00:00:00.000Z', 'CVE-2023-4911');
          const { image: _drop, ...dirScan } = scanResult('2025-01-02T00:00:00.000Z', 'CVE-2023-4911');
          const dir: ScanResult = { ...dirScan, target: { kind: 'filesystem', name: '/srv/app' } };
          await s.saveScan(image);
          await s.saveScan(dir);
          assert.deepEqual(await s.latestScan({ reference: IMAGE.reference }), image);
          assert.deepEqual(await s.latestScan({ reference: '/srv/app' }), dir);
        });
      });

      it('indexes saved packages and findings (aliases too) by scan', async () => {
        await withStore(async (s) => {
          const id = await s.saveScan(scanResult('2025-01-01T00:00:00.000Z', 'CVE-2023-4911'), {});
          const db = storeKysely(s);
          const withPackage = await db
            .selectFrom('scan_package')
            .select(['scan_id', 'version'])
            .where('name_key', '=', 'libc6')
            .execute();
          assert.deepEqual(withPackage, [{ scan_id: id, version: '2.36-9+deb12u1' }]);
          const withVuln = await db
            .selectFrom('scan_finding')
            .select(['scan_id', 'finding_id', 'package_id', 'severity', 'suppressed'])
            .where('vuln_id', '=', 'DSA-5514-1')
            .execute();
          assert.deepEqual(withVuln, [
            {
              scan_id: id,
              finding_id: 'CVE-2023-4911',
              package_id: 'pkg-libc6',
              severity: 'HIGH',
              suppressed: 0,
            },
          ]);
        });
      });
    });
  });
}
