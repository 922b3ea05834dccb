import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ScanResult } from '../core/scan-result.ts';
import { storeKysely } from './store.ts';
import type { ConformanceContext } from './store-conformance-context.ts';
import { IMAGE, scanResult, sorted } from './store-conformance-fixtures.ts';

/** Store conformance: enrichment and saved scans. Registered by storeConformance. */
export function scanConformance({ withStore, write }: ConformanceContext): void {
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
}
