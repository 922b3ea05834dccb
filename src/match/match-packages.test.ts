// Needs ../shared/data (the project's shared folder): the Go vulndb, the GHSA subset, AlmaLinux 9
// errata, an osv.dev record with Alpine entries, CISA KEV and FIRST EPSS. Everything matched here
// is real published advisory data; the only edit is the one test that marks a record withdrawn.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { before, describe, it } from 'node:test';
import type { Advisory } from '../core/advisory.ts';
import type { Finding } from '../core/finding.ts';
import type { Package } from '../core/package.ts';
import { MemoryAdvisoryLookup, readOsvRecords } from '../test-support/memory-advisory-lookup.ts';
import { sharedData } from '../test-support/shared-data.ts';
import { parseCve5Record } from '../vulndb/feeds/cve5/parse-cve5-record.ts';
import { type EpssScore, parseEpssText } from '../vulndb/feeds/epss/parse-epss.ts';
import { type KevRecord, parseKevJson } from '../vulndb/feeds/kev/parse-kev.ts';
import { cvssOf } from './finding-cvss.ts';
import { matchPackages } from './match-packages.ts';
import { riskScore } from './risk-score.ts';
import { sortFindings } from './sort-findings.ts';

/** The real records, parsed once for the whole file (each test builds its own lookup from them). */
let feeds: Promise<{ advisories: Advisory[]; kev: KevRecord[]; epss: EpssScore[] }> | undefined;
function realFeeds() {
  feeds ??= (async () => {
    const advisories = [
      ...readOsvRecords(sharedData('vuln', 'osv-go', 'data', 'osv'), 'osv-go'),
      ...readOsvRecords(sharedData('vuln', 'osv-ghsa-subset'), 'osv-ghsa-subset'),
      ...readOsvRecords(sharedData('vuln', 'osv-almalinux', 'advisories', 'almalinux9'), 'osv-almalinux'),
      // osv.dev's combined record for libexif, with Alpine affected entries.
      ...readOsvRecords(
        sharedData('vuln', 'cve-records', 'vulnfeeds', 'test_data', 'CVE-2012-2812.json'),
        'osv-dev',
      ),
    ];
    const kev = parseKevJson(readFileSync(sharedData('vuln', 'kev', 'known_exploited_vulnerabilities.json')));
    if (!kev.ok) throw new Error(kev.error);
    const epss: EpssScore[] = [];
    for (const year of ['2021', '2024']) {
      const text = readFileSync(sharedData('vuln', 'epss', 'EPSS_CVE_data', `CVE_${year}_EPSS.csv`), 'utf8');
      epss.push(...(await parseEpssText(text)).scores);
    }
    return { advisories, kev: kev.value.records, epss };
  })();
  return feeds;
}

async function realLookup(): Promise<MemoryAdvisoryLookup> {
  const { advisories, kev, epss } = await realFeeds();
  return new MemoryAdvisoryLookup().addAdvisories(advisories).addKev(kev).addEpss(epss);
}

function pkg(p: Partial<Package> & Pick<Package, 'name' | 'version' | 'type' | 'purl'>): Package {
  return { id: `${p.type}:${p.name}@${p.version}`, licenses: [], locations: [], foundBy: 'test', ...p };
}
const log4j = (version: string) =>
  pkg({
    name: 'log4j-core',
    version,
    type: 'maven',
    ecosystem: 'Maven',
    purl: `pkg:maven/org.apache.logging.log4j/log4j-core@${version}`,
  });
const goModule = (path: string, version: string) =>
  pkg({ name: path, version, type: 'golang', ecosystem: 'Go', purl: `pkg:golang/${path}@${version}` });
const almaRunc = (version: string) =>
  pkg({
    name: 'runc',
    version,
    type: 'rpm',
    ecosystem: 'AlmaLinux:9',
    purl: `pkg:rpm/almalinux/runc@${version.replace(/^\d+:/, '')}?arch=x86_64&distro=almalinux-9.3&epoch=4`,
    source: { name: 'runc', version },
  });

const ids = (findings: readonly Finding[]) => findings.map((f) => f.id).sort();
const byId = (findings: readonly Finding[], id: string) => {
  const f = findings.find((x) => x.id === id);
  assert.ok(f, `no finding ${id} among ${ids(findings).join(', ')}`);
  return f;
};

describe('matchPackages on real advisories', () => {
  let lookup: MemoryAdvisoryLookup;
  before(async () => {
    lookup = await realLookup();
  });
  const match = (...packages: Package[]) => matchPackages({ packages }, lookup);

  describe('Log4Shell in log4j-core (Maven, GHSA)', () => {
    it('2.14.1: one finding CVE-2021-44228, CRITICAL, KEV, EPSS ≈ 0.99999, risk 100', async () => {
      const { findings, warnings } = await match(log4j('2.14.1'));
      assert.deepEqual(warnings, []);
      assert.equal(findings.length, 1);
      const f = findings[0]!;
      assert.equal(f.id, 'CVE-2021-44228');
      assert.deepEqual(f.aliases, ['GHSA-jfh8-c2jp-5v3q']);
      assert.equal(f.severity, 'CRITICAL');
      assert.equal(f.severitySource, 'ghsa');
      assert.deepEqual(f.fixedVersions, ['2.15.0']);
      assert.equal(f.fixState, 'fixed');
      assert.deepEqual(f.cvss, [
        {
          version: '3.1',
          vector: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H',
          baseScore: 10,
          source: 'GHSA-jfh8-c2jp-5v3q',
        },
      ]);
      assert.equal(f.kev?.dateAdded, '2021-12-10');
      assert.equal(f.kev?.knownRansomwareCampaignUse, 'Known');
      assert.equal(f.epss?.score, 0.99999);
      assert.equal(f.risk, 100);
      assert.equal(f.title, 'Remote code injection in Log4j');
      assert.match(f.description ?? '', /JNDI/);
      assert.equal(f.published, '2021-12-10T00:40:56Z');
      assert.ok(f.references.includes('https://logging.apache.org/log4j/2.x/security.html'));
      assert.equal(new Set(f.references).size, f.references.length);
      assert.deepEqual(f.details, [
        {
          advisoryId: 'GHSA-jfh8-c2jp-5v3q',
          source: 'osv-ghsa-subset',
          via: 'direct',
          ecosystem: 'Maven',
          name: 'org.apache.logging.log4j:log4j-core',
          version: '2.14.1',
          matched: { kind: 'range', type: 'ECOSYSTEM', introduced: '2.13.0', fixed: '2.15.0' },
        },
      ]);
      assert.equal(f.package.purl, 'pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1');
    });

    it('2.12.1 is in the 2.4–2.12.2 range: fixed in 2.12.2', async () => {
      const { findings } = await match(log4j('2.12.1'));
      assert.deepEqual(ids(findings), ['CVE-2021-44228']);
      assert.deepEqual(findings[0]!.fixedVersions, ['2.12.2']);
    });

    it('2.15.0, 2.16.0 and 2.17.1 match nothing in this data', async () => {
      // GHSA-jfh8-c2jp-5v3q is the only log4j-core advisory in the subset (CVE-2021-45046 and
      // CVE-2021-45105, fixed in 2.16.0 and 2.17.0, are not in it), and it is fixed in 2.15.0.
      const rows = await lookup.affected('Maven', ['org.apache.logging.log4j:log4j-core']);
      assert.deepEqual([...new Set(rows.map((r) => r.advisoryId))], ['GHSA-jfh8-c2jp-5v3q']);
      for (const v of ['2.15.0', '2.16.0', '2.17.1']) {
        const r = await match(log4j(v));
        assert.deepEqual(r, { findings: [], warnings: [] }, v);
      }
    });

    it('enrichment CVSS with the same vector is not repeated', async () => {
      // The CVE 5 record's CISA-ADP metric for CVE-2021-44228.
      const cve5 = JSON.parse(
        readFileSync(
          sharedData(
            'vuln',
            'cve-records',
            'vulnfeeds',
            'test_data',
            'cvelistV5',
            'cves',
            '2021',
            '44xxx',
            'CVE-2021-44228.json',
          ),
          'utf8',
        ),
      ) as { containers: { adp: { metrics?: { cvssV3_1?: { vectorString: string } }[] }[] } };
      const vectors = cve5.containers.adp
        .flatMap((a) => a.metrics ?? [])
        .flatMap((m) => m.cvssV3_1?.vectorString ?? []);
      assert.equal(vectors.length, 1);
      const enriched = await realLookup();
      enriched.addCvss('CVE-2021-44228', cvssOf('cve5', [{ type: 'CVSS_V3', score: vectors[0]! }]).cvss);
      const { findings } = await matchPackages({ packages: [log4j('2.14.1')] }, enriched);
      assert.deepEqual(
        findings[0]!.cvss.map((c) => c.source),
        ['GHSA-jfh8-c2jp-5v3q'],
      );
    });
  });

  describe('runc (Go module, osv-go)', () => {
    const runcAt111 = [
      'CVE-2024-21626', // GO-2024-2491, fixed 1.1.12
      'CVE-2024-45310', // GO-2024-3110, fixed 1.1.14
      'CVE-2025-31133', // GO-2025-4096, fixed 1.2.8
      'CVE-2025-52565', // GO-2025-4097, fixed 1.2.8
      'CVE-2025-52881', // GO-2025-4098, fixed 1.2.8
      'CVE-2026-41579', // GO-2026-5761, fixed 1.3.6
    ];

    it('v1.1.11: GO-2024-2491 shown as CVE-2024-21626, among the runc advisories it is in range of', async () => {
      const { findings, warnings } = await match(goModule('github.com/opencontainers/runc', 'v1.1.11'));
      assert.deepEqual(warnings, []);
      assert.deepEqual(ids(findings), runcAt111);
      const f = byId(findings, 'CVE-2024-21626');
      assert.deepEqual(f.aliases, ['GHSA-xr7r-f8xq-vfvv', 'GO-2024-2491']);
      assert.deepEqual(f.fixedVersions, ['1.1.12']);
      assert.deepEqual(f.details, [
        {
          advisoryId: 'GO-2024-2491',
          source: 'osv-go',
          via: 'direct',
          ecosystem: 'Go',
          name: 'github.com/opencontainers/runc',
          version: 'v1.1.11',
          matched: { kind: 'range', type: 'SEMVER', introduced: '1.0.0-rc93', fixed: '1.1.12' },
        },
      ]);
      // The Go vulndb rates nothing and no enrichment is loaded; AlmaLinux's runc errata for the
      // same CVE (ALSA-2024:0670, "Important: runc security update") rates it.
      assert.equal(f.severity, 'HIGH');
      assert.equal(f.severitySource, 'related:ALSA-2024:0670');
      assert.equal(f.epss?.score, 0.18087);
      assert.equal(f.kev, undefined);
      // Go's vulndb writes Go's zero time as `published`; that is no date.
      assert.equal(f.published, undefined);
    });

    it('v1.1.12: no longer CVE-2024-21626; the later advisories still match', async () => {
      const { findings } = await match(goModule('github.com/opencontainers/runc', 'v1.1.12'));
      assert.deepEqual(
        ids(findings),
        runcAt111.filter((id) => id !== 'CVE-2024-21626'),
      );
    });

    it('never matches the withdrawn GO-2025-3543 (CVE-2025-27612, runc, introduced 0, no fix)', async () => {
      const withdrawn = (await lookup.advisories(['GO-2025-3543'])).get('GO-2025-3543');
      assert.equal(withdrawn?.withdrawn, '2025-03-26T18:45:50Z');
      const rows = await lookup.affected('Go', ['github.com/opencontainers/runc']);
      assert.ok(rows.some((r) => r.advisoryId === 'GO-2025-3543'));
      for (const v of ['v1.1.11', 'v1.2.0', 'v1.4.0']) {
        const { findings } = await match(goModule('github.com/opencontainers/runc', v));
        const all = findings.flatMap((f) => [f.id, ...f.aliases]);
        assert.ok(!all.includes('CVE-2025-27612') && !all.includes('GO-2025-3543'), v);
      }
    });

    it('a record marked withdrawn in the test stops matching', async () => {
      // Edited copy of the real GO-2024-2491: only `withdrawn` is set.
      const edited = await realLookup();
      const [go] = readOsvRecords(sharedData('vuln', 'osv-go', 'data', 'osv', 'GO-2024-2491.json'), 'osv-go');
      edited.addAdvisories([{ ...go!, withdrawn: '2024-03-01T00:00:00Z' }]);
      const { findings } = await matchPackages(
        { packages: [goModule('github.com/opencontainers/runc', 'v1.1.11')] },
        edited,
      );
      assert.deepEqual(
        ids(findings),
        runcAt111.filter((id) => id !== 'CVE-2024-21626'),
      );
    });

    it('an unreadable version is a warning naming the package and advisories, and no finding', async () => {
      const p = goModule('github.com/opencontainers/runc', 'latest');
      const { findings, warnings } = await match(p);
      assert.deepEqual(findings, []);
      assert.equal(warnings.length, 1);
      const w = warnings[0]!;
      assert.equal(w.packageId, p.id);
      assert.match(
        w.message,
        /^github\.com\/opencontainers\/runc latest: version "latest" is not a valid go version/,
      );
      assert.match(w.message, /GO-2024-2491/);
      // Withdrawn records are dropped after range evaluation (records are fetched only for matches,
      // which keeps matching fast), so an unreadable version still names them among those not compared.
    });

    it('an unreadable range bound is a warning naming the advisory', async () => {
      // Edited copy of the real GO-2024-2491 whose `fixed` bound is not a Go version.
      const edited = new MemoryAdvisoryLookup();
      const [go] = readOsvRecords(sharedData('vuln', 'osv-go', 'data', 'osv', 'GO-2024-2491.json'), 'osv-go');
      const affected = go!.affected[0]!;
      edited.addAdvisories([
        {
          ...go!,
          affected: [
            {
              ...affected,
              ranges: [{ type: 'SEMVER', events: [{ introduced: '1.0.0-rc93' }, { fixed: '1.1.12.0' }] }],
            },
          ],
        },
      ]);
      const { findings, warnings } = await matchPackages(
        { packages: [goModule('github.com/opencontainers/runc', 'v1.1.11')] },
        edited,
      );
      assert.deepEqual(findings, []);
      assert.equal(warnings.length, 1);
      assert.match(
        warnings[0]!.message,
        /cannot evaluate GO-2024-2491 \(Go github\.com\/opencontainers\/runc\): range 0: fixed "1\.1\.12\.0"/,
      );
    });
  });

  describe('one vulnerability from two feeds', () => {
    it('golang.org/x/crypto v0.30.0: GO-2024-3321 and GHSA-v778-237x-gjrc are one finding', async () => {
      const { findings } = await match(goModule('golang.org/x/crypto', 'v0.30.0'));
      const f = byId(findings, 'CVE-2024-45337');
      assert.deepEqual(f.aliases, ['GHSA-v778-237x-gjrc', 'GO-2024-3321']);
      assert.deepEqual(
        f.details.map((d) => [d.advisoryId, d.source]),
        [
          ['GHSA-v778-237x-gjrc', 'osv-ghsa-subset'],
          ['GO-2024-3321', 'osv-go'],
        ],
      );
      assert.deepEqual(f.fixedVersions, ['0.31.0']);
      // GitHub's reviewed severity wins over its CVSS 9.1 (and Go has none).
      assert.equal(f.severity, 'HIGH');
      assert.equal(f.severitySource, 'ghsa');
      assert.equal(
        f.title,
        'Misuse of ServerConfig.PublicKeyCallback may cause authorization bypass in golang.org/x/crypto',
      );
      assert.equal(f.published, '2024-12-11T21:30:32Z');
    });
  });

  describe('Go stdlib', () => {
    it('stdlib go1.21.8: GO-2024-2687 (CVE-2023-45288), fixed in 1.21.9', async () => {
      const p = pkg({
        name: 'stdlib',
        version: 'go1.21.8',
        type: 'golang',
        ecosystem: 'Go',
        purl: 'pkg:golang/stdlib@1.21.8',
      });
      const { findings, warnings } = await match(p);
      assert.deepEqual(warnings, []);
      const f = byId(findings, 'CVE-2023-45288');
      assert.deepEqual(f.aliases, ['GHSA-4v7x-pqxf-cx7m', 'GO-2024-2687']);
      assert.deepEqual(f.fixedVersions, ['1.21.9']);
      assert.deepEqual(f.details, [
        {
          advisoryId: 'GO-2024-2687',
          source: 'osv-go',
          via: 'stdlib',
          ecosystem: 'Go',
          name: 'stdlib',
          version: '1.21.8',
          matched: { kind: 'range', type: 'SEMVER', introduced: '0', fixed: '1.21.9' },
        },
      ]);
      // The same record's second range: 1.22.1 is fixed in 1.22.2.
      const r = await match({ ...p, version: '1.22.1', id: 'golang:stdlib@1.22.1' });
      assert.deepEqual(byId(r.findings, 'CVE-2023-45288').fixedVersions, ['1.22.2']);
      const fixed = await match({ ...p, version: '1.22.2', id: 'golang:stdlib@1.22.2' });
      assert.ok(!ids(fixed.findings).includes('CVE-2023-45288'));
    });
  });

  describe('AlmaLinux 9 runc (rpm, errata)', () => {
    it('4:1.1.11-1.el9: CVE-2024-21626 from ALSA-2024:0670, HIGH from the vendor, fixed 4:1.1.12-1.el9_3', async () => {
      const { findings, warnings } = await match(almaRunc('4:1.1.11-1.el9'));
      assert.deepEqual(warnings, []);
      const f = byId(findings, 'CVE-2024-21626');
      assert.deepEqual(f.aliases, ['ALSA-2024:0670']);
      assert.equal(f.severity, 'HIGH');
      assert.equal(f.severitySource, 'vendor:ALSA-2024:0670');
      assert.deepEqual(f.fixedVersions, ['4:1.1.12-1.el9_3']);
      assert.equal(f.fixState, 'fixed');
      assert.equal(f.title, 'Important: runc security update');
      assert.deepEqual(f.details, [
        {
          advisoryId: 'ALSA-2024:0670',
          source: 'osv-almalinux',
          via: 'direct',
          ecosystem: 'AlmaLinux:9',
          name: 'runc',
          version: '4:1.1.11-1.el9',
          matched: { kind: 'range', type: 'ECOSYSTEM', introduced: '0', fixed: '4:1.1.12-1.el9_3' },
        },
      ]);
    });

    it('an errata fixing three CVEs gives three findings; two errata for one CVE merge', async () => {
      const { findings } = await match(almaRunc('4:1.1.11-1.el9'));
      for (const cve of ['CVE-2025-31133', 'CVE-2025-52565', 'CVE-2025-52881']) {
        const f = byId(findings, cve);
        assert.deepEqual(f.aliases, ['ALSA-2025:19927', 'ALSA-2025:20957'], cve);
        assert.deepEqual(f.fixedVersions, ['4:1.2.5-3.el9_6', '4:1.3.0-4.el9_7'], cve);
        // Each errata's own pages and its page about this CVE; not those about the other two,
        // nor bug numbers that cannot be tied to a CVE.
        assert.deepEqual(f.references, [
          'https://access.redhat.com/errata/RHSA-2025:19927',
          `https://access.redhat.com/security/cve/${cve}`,
          'https://errata.almalinux.org/9/ALSA-2025-19927.html',
          'https://access.redhat.com/errata/RHSA-2025:20957',
          'https://errata.almalinux.org/9/ALSA-2025-20957.html',
        ]);
      }
    });

    it('at the fixed version 4:1.1.12-1.el9_3 CVE-2024-21626 is gone; later errata still apply', async () => {
      const { findings } = await match(almaRunc('4:1.1.12-1.el9_3'));
      assert.ok(!ids(findings).includes('CVE-2024-21626'));
      assert.deepEqual(byId(findings, 'CVE-2024-1394').aliases, ['ALSA-2024:4762']);
    });
  });

  describe('severity from other advisories for the same CVE', () => {
    const stdlib = (version: string) =>
      pkg({ name: 'stdlib', version, type: 'golang', ecosystem: 'Go', purl: `pkg:golang/stdlib@${version}` });
    const ghsaPath = sharedData(
      'vuln',
      'osv-ghsa-subset',
      'from-trivy-db-testdata',
      'advisories',
      'github-reviewed',
      '2024',
      '04',
      'GHSA-4v7x-pqxf-cx7m',
      'GHSA-4v7x-pqxf-cx7m.json',
    );
    const ghsaVector = {
      version: '3.1',
      vector: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:L',
      baseScore: 5.3,
      source: 'GHSA-4v7x-pqxf-cx7m',
    } as const;

    it('stdlib go1.21.8, CVE-2023-45288: Go rates nothing; AlmaLinux 9 errata rate it Important', async () => {
      // What the data holds for the CVE: four AlmaLinux 9 errata naming it in `related` (golang and
      // git-lfs updates, all "Important:"), the GHSA for net/http (MODERATE) and the Go record.
      const related = (await lookup.relatedAdvisories(['CVE-2023-45288'])).get('CVE-2023-45288') ?? [];
      assert.deepEqual(
        related.map((a) => `${a.id} ${a.summary?.split(':')[0]}`),
        [
          'ALSA-2024:1963 Important',
          'ALSA-2024:2079 Important',
          'ALSA-2024:2562 Important',
          'ALSA-2024:2724 Important',
          'GHSA-4v7x-pqxf-cx7m net/http, x/net/http2',
          'GO-2024-2687 HTTP/2 CONTINUATION flood in net/http',
        ],
      );
      assert.deepEqual(related[0]!.related, ['CVE-2023-45288']);
      assert.equal(related[0]!.summary, 'Important: golang security update');

      const { findings, warnings } = await match(stdlib('go1.21.8'));
      assert.deepEqual(warnings, []);
      const f = byId(findings, 'CVE-2023-45288');
      assert.deepEqual(
        f.details.map((d) => d.advisoryId),
        ['GO-2024-2687'],
      );
      // The errata naming this CVE alone (ALSA-2024:1963, golang; ALSA-2024:2079, git-lfs) before
      // the bundles; among equals the lowest id.
      assert.equal(f.severity, 'HIGH');
      assert.equal(f.severitySource, 'related:ALSA-2024:1963');
      // The GHSA's vector joins the finding and is the risk's impact.
      assert.deepEqual(f.cvss, [ghsaVector]);
      assert.equal(
        f.risk,
        riskScore({
          baseScore: 5.3,
          severity: 'HIGH',
          kev: false,
          ...(f.epss ? { epss: f.epss.score } : {}),
        }),
      );
      // The shown text stays the finding's own.
      assert.equal(f.title, 'HTTP/2 CONTINUATION flood in net/http');
    });

    it('without the errata, the GHSA for net/http: MODERATE reads MEDIUM', async () => {
      const { advisories } = await realFeeds();
      const noAlma = new MemoryAdvisoryLookup().addAdvisories(
        advisories.filter((a) => a.source !== 'osv-almalinux'),
      );
      const { findings } = await matchPackages({ packages: [stdlib('go1.21.8')] }, noAlma);
      const f = byId(findings, 'CVE-2023-45288');
      assert.equal(f.severity, 'MEDIUM');
      assert.equal(f.severitySource, 'related:GHSA-4v7x-pqxf-cx7m');
      assert.deepEqual(f.cvss, [ghsaVector]);
    });

    it("without a reviewed severity either, the GHSA's CVSS vector", async () => {
      // Edited copy of the real GHSA-4v7x-pqxf-cx7m: only database_specific.severity is removed.
      const [ghsa] = readOsvRecords(ghsaPath, 'osv-ghsa-subset');
      const { severity: _drop, ...rest } = ghsa!.databaseSpecific ?? {};
      const { advisories } = await realFeeds();
      const edited = new MemoryAdvisoryLookup()
        .addAdvisories(advisories.filter((a) => a.source !== 'osv-almalinux' && a.id !== ghsa!.id))
        .addAdvisories([{ ...ghsa!, databaseSpecific: rest }]);
      const { findings } = await matchPackages({ packages: [stdlib('go1.21.8')] }, edited);
      const f = byId(findings, 'CVE-2023-45288');
      assert.equal(f.severity, 'MEDIUM');
      assert.equal(f.severitySource, 'related-cvss:GHSA-4v7x-pqxf-cx7m');
      assert.deepEqual(f.cvss, [ghsaVector]);
      assert.equal(f.risk, riskScore({ baseScore: 5.3, severity: 'MEDIUM', kev: false }));
    });

    it('findings rated by their own advisories are unchanged; none UNKNOWN, no related lookup', async () => {
      const counted = await realLookup();
      counted.calls.length = 0;
      const { findings } = await matchPackages(
        { packages: [log4j('2.14.1'), almaRunc('4:1.1.11-1.el9')] },
        counted,
      );
      assert.ok(findings.length > 3);
      assert.deepEqual(
        findings.filter((f) => f.severity === 'UNKNOWN' || f.severitySource.startsWith('related')),
        [],
      );
      assert.equal(byId(findings, 'CVE-2021-44228').severitySource, 'ghsa');
      assert.equal(byId(findings, 'CVE-2024-21626').severitySource, 'vendor:ALSA-2024:0670');
      assert.deepEqual(
        counted.calls.filter((c) => c.method === 'relatedAdvisories'),
        [],
      );
    });

    it("enrichment CVSS counts as the finding's own: no related lookup for it", async () => {
      // code.gitea.io/gitea 1.25.3: GO-2026-4364 (CVE-2026-20912), with the real CVE 5 record.
      const path = sharedData('vuln', 'cve-records', 'vulnfeeds', 'test_data', 'cve5', 'CVE-2026-20912.json');
      const cve5 = parseCve5Record(readFileSync(path), path);
      if (!cve5.ok) throw new Error(cve5.error);
      const gitea = goModule('code.gitea.io/gitea', 'v1.25.3');

      const bare = await realLookup();
      bare.calls.length = 0;
      const unrated = byId((await matchPackages({ packages: [gitea] }, bare)).findings, 'CVE-2026-20912');
      assert.deepEqual([unrated.severity, unrated.severitySource], ['UNKNOWN', 'none']);
      const asked = bare.calls.filter((c) => c.method === 'relatedAdvisories');
      assert.equal(asked.length, 1);
      assert.ok((asked[0]!.args[0] as string[]).includes('CVE-2026-20912'));

      const enriched = (await realLookup()).addCvss(cve5.value.cve, cve5.value.cvss);
      enriched.calls.length = 0;
      const { findings } = await matchPackages({ packages: [gitea] }, enriched);
      const f = byId(findings, 'CVE-2026-20912');
      assert.equal(f.severitySource, cve5.value.cvss[0]!.source);
      assert.notEqual(f.severity, 'UNKNOWN');
      const related = enriched.calls.filter((c) => c.method === 'relatedAdvisories');
      assert.ok(related.every((c) => !(c.args[0] as string[]).includes('CVE-2026-20912')));
    });
  });

  describe('source packages (Alpine origin)', () => {
    it('libexif-dev from origin libexif matches CVE-2012-2812 through its source', async () => {
      const p = pkg({
        name: 'libexif-dev',
        version: '0.6.19-r0',
        type: 'apk',
        ecosystem: 'Alpine:v3.10',
        purl: 'pkg:apk/alpine/libexif-dev@0.6.19-r0?arch=x86_64&distro=alpine-3.10.9&upstream=libexif',
        source: { name: 'libexif' },
      });
      const { findings, warnings } = await match(p);
      assert.deepEqual(warnings, []);
      assert.deepEqual(ids(findings), ['CVE-2012-2812']);
      const f = findings[0]!;
      assert.deepEqual(f.fixedVersions, ['0.6.21-r0']);
      assert.deepEqual(f.details, [
        {
          advisoryId: 'CVE-2012-2812',
          source: 'osv-dev',
          via: 'source',
          ecosystem: 'Alpine:v3.10',
          name: 'libexif',
          version: '0.6.19-r0',
          matched: { kind: 'range', type: 'ECOSYSTEM', introduced: '0', fixed: '0.6.21-r0' },
        },
      ]);
      assert.equal(f.severity, 'UNKNOWN');
      assert.equal(f.title?.startsWith('The exif_entry_get_value function'), true);
      const fixed = await match({ ...p, version: '0.6.21-r0' });
      assert.deepEqual(fixed.findings, []);
    });
  });

  describe('the run as a whole', () => {
    it('batches lookups: one affected() per ecosystem, one call each for records and enrichment', async () => {
      const counted = await realLookup();
      const packages = [
        log4j('2.14.1'),
        goModule('github.com/opencontainers/runc', 'v1.1.11'),
        goModule('golang.org/x/crypto', 'v0.30.0'),
        almaRunc('4:1.1.11-1.el9'),
        // No ecosystem: not looked up at all.
        {
          id: 'binary:python@3.11.2',
          name: 'python',
          version: '3.11.2',
          type: 'generic',
          purl: 'pkg:generic/python@3.11.2',
          licenses: [],
          locations: [],
          foundBy: 'test',
        },
      ];
      counted.calls.length = 0;
      await matchPackages({ packages }, counted);
      const calls = counted.calls.map((c) => c.method);
      assert.deepEqual(calls.filter((m) => m === 'affected').length, 3); // Maven, Go, AlmaLinux:9
      for (const m of ['advisories', 'kev', 'epss', 'cvss', 'relatedAdvisories'])
        assert.equal(calls.filter((c) => c === m).length, 1, m);
      // Asked only for the CVEs of findings nothing of their own rates: not Log4Shell (GHSA), not
      // the AlmaLinux runc findings (vendor), not x/crypto's CVE-2024-45337 (GHSA).
      const related = counted.calls.find((c) => c.method === 'relatedAdvisories')!.args[0] as string[];
      assert.deepEqual(related, [...related].sort());
      for (const rated of ['CVE-2021-44228', 'CVE-2024-45337', 'CVE-2024-1394'])
        assert.ok(!related.includes(rated), rated);
      assert.ok(related.includes('CVE-2024-21626'));
      const goCall = counted.calls.find((c) => c.method === 'affected' && c.args[0] === 'Go')!;
      assert.deepEqual(goCall.args[1], ['github.com/opencontainers/runc', 'golang.org/x/crypto']);
    });

    it('sorts by severity, then risk, then id and package', async () => {
      const { findings } = await match(
        log4j('2.14.1'),
        goModule('github.com/opencontainers/runc', 'v1.1.11'),
        almaRunc('4:1.1.11-1.el9'),
        goModule('golang.org/x/crypto', 'v0.30.0'),
      );
      assert.deepEqual(findings, sortFindings([...findings].reverse()));
      assert.equal(findings[0]!.id, 'CVE-2021-44228');
      for (let i = 1; i < findings.length; i++) {
        const [a, b] = [findings[i - 1]!, findings[i]!];
        if (a.severity === b.severity) assert.ok(a.risk >= b.risk, `${a.id} before ${b.id}`);
      }
      assert.equal(findings.at(-1)!.severity, 'UNKNOWN');
    });

    it('warns about ecosystems it cannot order, and stays quiet about packages without one', async () => {
      const k8s = pkg({
        name: 'k8s.io/kubernetes',
        version: '1.28.0',
        type: 'k8s',
        ecosystem: 'kubernetes',
        purl: 'pkg:k8s/kubernetes@1.28.0',
      });
      const { findings, warnings } = await match(k8s, { ...k8s, id: 'generic:python', ecosystem: '' });
      assert.deepEqual(findings, []);
      assert.deepEqual(
        warnings.map((w) => w.packageId),
        [k8s.id],
      );
    });

    it('stops when aborted', async () => {
      const ac = new AbortController();
      ac.abort();
      await assert.rejects(matchPackages({ packages: [log4j('2.14.1')] }, lookup, { signal: ac.signal }), {
        name: 'AbortError',
      });
    });
  });
});
