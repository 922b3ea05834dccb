import assert from 'node:assert/strict';
import { mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { openStore } from '../../src/store/open-store.ts';
import { runCli, runCliAsync } from '../../src/test-support/run-cli.ts';
import { sharedData } from '../../src/test-support/shared-data.ts';

// The acceptance, end to end through the CLI: real feeds from ../shared/data/vuln imported
// with `bulwark db import`, then `bulwark sbom scan` of a CycloneDX SBOM naming the five reference
// packages (log4j-core 2.14.1 in a jar, the runc Go module, Alpine 3.9 runc, AlmaLinux 9 runc, the
// Debian jessie kernel), and again at their fixed versions.

const cli = (home: string, ...args: string[]) => runCli(home, args);
const cliAsync = (home: string, ...args: string[]) => runCliAsync(home, args);

const VULNERABLE = [
  'pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1',
  'pkg:golang/github.com/opencontainers/runc@v1.1.11',
  'pkg:apk/alpine/runc@1.0.0_rc6-r0?distro=alpine-3.9.4',
  'pkg:rpm/almalinux/runc@1.1.11-1.el9?epoch=4&distro=almalinux-9.3',
  'pkg:deb/debian/linux-image-3.16.0-4-amd64@3.16.36-1%2Bdeb8u1?distro=debian-8.5&upstream=linux',
];
const FIXED = [
  'pkg:maven/org.apache.logging.log4j/log4j-core@2.17.1',
  'pkg:golang/github.com/opencontainers/runc@v1.1.12',
  'pkg:apk/alpine/runc@1.0.0_rc6-r1?distro=alpine-3.9.4',
  'pkg:rpm/almalinux/runc@1.1.12-1.el9_3?epoch=4&distro=almalinux-9.3',
  'pkg:deb/debian/linux-image-3.16.0-4-amd64@3.16.36-1%2Bdeb8u2?distro=debian-8.5&upstream=linux',
];

function cyclonedx(purls: readonly string[]): string {
  const components = purls.map((purl, i) => {
    const [path, version] = purl.split('?')[0]!.split('@') as [string, string];
    return {
      'bom-ref': `c${i}`,
      type: 'library',
      name: path.split('/').pop(),
      version: decodeURIComponent(version),
      purl,
    };
  });
  return JSON.stringify({ bomFormat: 'CycloneDX', specVersion: '1.6', version: 1, components });
}

interface JsonFinding {
  id: string;
  aliases: string[];
  severity: string;
  fixedVersions: string[];
  kev?: { dateAdded: string };
  epss?: { score: number };
  suppressed?: { kind: string; reason: string };
  package: { name: string; version: string };
  details: { advisoryId: string; via: string }[];
}

function findings(stdout: string): JsonFinding[] {
  return JSON.parse(stdout).vulnerabilities.findings;
}

describe('vulnerability matching end to end (real feeds from ../shared/data/vuln)', () => {
  let dir: string;
  let home: string;
  let feeds: string;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'bulwark-vulns-'));
    home = join(dir, 'home');
    feeds = join(dir, 'feeds');
    // The sources the acceptance needs, as the publishers lay them out; EPSS only for the years
    // of the four reference CVEs (the full split is 360k rows; the benchmark imports all of it).
    await mkdir(join(feeds, 'epss'), { recursive: true });
    for (const name of [
      'osv-ghsa-subset',
      'osv-go',
      'osv-almalinux',
      'alpine-secdb',
      'debian-security-tracker',
      'kev',
    ]) {
      await symlink(sharedData('vuln', name), join(feeds, name));
    }
    for (const year of [2016, 2019, 2021, 2024]) {
      const f = `CVE_${year}_EPSS.csv`;
      await symlink(sharedData('vuln', 'epss', 'EPSS_CVE_data', f), join(feeds, 'epss', f));
    }
    await writeFile(join(dir, 'vulnerable.cdx.json'), cyclonedx(VULNERABLE));
    await writeFile(join(dir, 'fixed.cdx.json'), cyclonedx(FIXED));
  });
  after(() => rm(dir, { recursive: true, force: true }));

  it('a scan before any import says the database is empty and how to fill it', () => {
    const r = cli(home, 'sbom', 'scan', join(dir, 'vulnerable.cdx.json'));
    assert.equal(r.code, 2);
    assert.match(r.stderr, /advisory database is empty: run `bulwark db update`/);
  });

  it('db import --split imports each source; a second import rewrites nothing', () => {
    const first = cli(home, 'db', 'import', '--quiet', '--split', feeds);
    assert.equal(first.code, 0, first.stderr);
    assert.match(first.stdout, /^osv-go: 4,291 advisories \(4,291 written/m);
    assert.match(first.stdout, /^kev: 1,404 kev rows/m);
    const again = cli(home, 'db', 'import', '--quiet', '--split', feeds);
    assert.equal(again.code, 0, again.stderr);
    for (const line of again.stdout
      .trim()
      .split('\n')
      .filter((l) => !l.startsWith(' '))) {
      assert.match(line, /\(0 written, 0 unchanged, 0 deleted/, line);
    }
    const status = JSON.parse(cli(home, 'db', 'status', '-f', 'json').stdout);
    const go = status.sources.find((s: { source: string }) => s.source === 'osv-go');
    assert.equal(go.records, 4291);
    assert.equal(go.kind, 'advisories');
  });

  it('finds the five reference vulnerabilities, explained and enriched', () => {
    const r = cli(home, 'sbom', 'scan', join(dir, 'vulnerable.cdx.json'), '-f', 'json');
    assert.equal(r.code, 0, r.stderr);
    const all = findings(r.stdout);
    const find = (pkg: string, version: string, id: string) =>
      all.find((f) => f.package.name === pkg && f.package.version === version && f.id === id);

    const log4shell = find('log4j-core', '2.14.1', 'CVE-2021-44228');
    assert.ok(log4shell, 'log4j-core 2.14.1 → CVE-2021-44228');
    assert.deepEqual(log4shell.aliases, ['GHSA-jfh8-c2jp-5v3q']);
    assert.equal(log4shell.severity, 'CRITICAL');
    assert.equal(log4shell.kev?.dateAdded, '2021-12-10');
    assert.ok((log4shell.epss?.score ?? 0) > 0.999, `EPSS ${log4shell.epss?.score}`);
    assert.deepEqual(log4shell.fixedVersions, ['2.15.0']);

    const goRunc = find('github.com/opencontainers/runc', 'v1.1.11', 'CVE-2024-21626');
    assert.ok(goRunc?.aliases.includes('GO-2024-2491'), 'runc Go module → GO-2024-2491');

    const alpine = find('runc', '1.0.0_rc6-r0', 'CVE-2019-5736');
    assert.ok(alpine, 'Alpine 3.9 runc → CVE-2019-5736');
    assert.deepEqual(alpine.fixedVersions, ['1.0.0_rc6-r1']);

    const alma = find('runc', '4:1.1.11-1.el9', 'CVE-2024-21626');
    assert.ok(alma?.aliases.includes('ALSA-2024:0670'), 'AlmaLinux 9 runc → ALSA-2024:0670');
    assert.equal(alma?.severity, 'HIGH');

    const dirtyCow = find('linux-image-3.16.0-4-amd64', '3.16.36-1+deb8u1', 'CVE-2016-5195');
    assert.ok(dirtyCow, 'Debian jessie linux → CVE-2016-5195');
    assert.ok(dirtyCow.details.some((d) => d.advisoryId === 'DSA-3696-1' && d.via === 'source'));
    assert.deepEqual(dirtyCow.fixedVersions, ['3.16.36-1+deb8u2']);
    assert.ok(dirtyCow.kev);
  });

  it('--save records the scan, its packages and findings in the store', async () => {
    const sbom = join(dir, 'vulnerable.cdx.json');
    const r = cli(home, 'sbom', 'scan', sbom, '-f', 'json', '--save');
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stderr, /scan saved as [0-9a-f-]{36}/);
    const store = await openStore({ home });
    try {
      const saved = await store.latestScan({ reference: sbom });
      assert.equal(saved?.packages.length, VULNERABLE.length);
      assert.ok(saved?.vulnerabilities?.findings.some((f) => f.id === 'CVE-2021-44228'));
    } finally {
      await store.close();
    }
  });

  it('finds none of them at the fixed versions', () => {
    const r = cli(home, 'sbom', 'scan', join(dir, 'fixed.cdx.json'), '-f', 'json');
    assert.equal(r.code, 0, r.stderr);
    const ids = new Set(findings(r.stdout).map((f) => `${f.package.name} ${f.id}`));
    for (const k of [
      'log4j-core CVE-2021-44228',
      'github.com/opencontainers/runc CVE-2024-21626',
      'runc CVE-2019-5736',
      'runc CVE-2024-21626',
      'linux-image-3.16.0-4-amd64 CVE-2016-5195',
    ]) {
      assert.ok(!ids.has(k), k);
    }
  });

  it('--severity, --ignore-unfixed, --exit-code and --ignorefile act as release gate and filters', async () => {
    const sbom = join(dir, 'vulnerable.cdx.json');
    const critical = cli(
      home,
      'sbom',
      'scan',
      sbom,
      '-f',
      'json',
      '--severity',
      'CRITICAL',
      '--exit-code',
      '3',
    );
    assert.equal(critical.code, 3, critical.stderr);
    assert.ok(findings(critical.stdout).every((f) => f.severity === 'CRITICAL'));

    const ignore = join(dir, 'ignore.yaml');
    await writeFile(
      ignore,
      'ignore:\n  - id: GHSA-jfh8-c2jp-5v3q\n    reason: JndiLookup removed from the jar\n    expires: 2099-01-01\n',
    );
    const ignored = cli(
      home,
      'sbom',
      'scan',
      sbom,
      '-f',
      'json',
      '--severity',
      'CRITICAL',
      '--ignorefile',
      ignore,
      '--exit-code',
      '3',
    );
    assert.equal(ignored.code, 0, 'a suppressed finding no longer fails the gate');
    const log4shell = findings(ignored.stdout).find((f) => f.id === 'CVE-2021-44228');
    assert.equal(log4shell?.suppressed?.kind, 'ignore');
    assert.equal(log4shell?.suppressed?.reason, 'JndiLookup removed from the jar');

    const bad = cli(home, 'sbom', 'scan', sbom, '--severity', 'SEVERE');
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /--severity/);
  });

  it('bulwark gate reads the JSON report and names the failed rules', async () => {
    const report = join(dir, 'report.json');
    assert.equal(
      cli(home, 'sbom', 'scan', join(dir, 'vulnerable.cdx.json'), '-f', 'json', '-o', report).code,
      0,
    );
    const policy = join(dir, 'policy.yaml');
    await writeFile(policy, 'rules:\n  - kev: deny\n  - max-severity: HIGH\n');
    const r = cli(home, 'gate', '--policy', policy, report);
    assert.equal(r.code, 1, r.stderr);
    assert.match(r.stdout, /CVE-2021-44228 in log4j-core 2\.14\.1/);
    await writeFile(policy, 'rules:\n  - epss-threshold: 1.1\n');
    assert.equal(cli(home, 'gate', '--policy', policy, report).code, 2, 'an EPSS above 1 is a policy error');
  });

  it('db update fetches from configurable upstreams, conditionally the second time', async () => {
    const kev = await readFile(sharedData('vuln', 'kev', 'known_exploited_vulnerabilities.json'));
    let conditional = 0;
    const server: Server = createServer((req, res) => {
      if (req.headers['if-none-match'] === '"kev-1"') {
        conditional++;
        res.writeHead(304).end();
        return;
      }
      res.writeHead(200, { etag: '"kev-1"', 'content-type': 'application/json' }).end(kev);
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    try {
      const port = (server.address() as { port: number }).port;
      const config = join(dir, 'feeds.yaml');
      await writeFile(
        config,
        `sources:\n  - source: kev-mirror\n    urls: [http://127.0.0.1:${port}/feeds/known_exploited_vulnerabilities.json]\n`,
      );
      const first = await cliAsync(home, 'db', 'update', '--config', config, '--quiet');
      assert.equal(first.code, 0, first.stderr);
      assert.match(first.stdout, /^kev-mirror: 1,404 kev rows/m);
      const second = await cliAsync(home, 'db', 'update', '--config', config, '--quiet');
      assert.equal(second.code, 0, second.stderr);
      assert.equal(conditional, 1, 'the second update asked with If-None-Match and got 304');
      assert.match(second.stdout, /^kev-mirror: 1,404 kev rows/m);
      const unknown = cli(home, 'db', 'update', '--config', config, '--only', 'nope');
      assert.equal(unknown.code, 2);
      assert.match(unknown.stderr, /unknown source nope/);
    } finally {
      server.close();
    }
  });
});
