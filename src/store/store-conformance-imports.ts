import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Advisory } from '../core/advisory.ts';
import type { SourceStatus } from '../vulndb/feed-sink.ts';
import type { ConformanceContext } from './store-conformance-context.ts';
import {
  aliasRows,
  bare,
  continuationFlood,
  djangoAdvisory,
  lodashAdvisory,
  pkg,
  row,
  snapshot,
  sorted,
} from './store-conformance-fixtures.ts';

/** Store conformance: related advisories and import bookkeeping. Registered by storeConformance. */
export function importConformance({ withStore, write }: ConformanceContext): void {
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
}
