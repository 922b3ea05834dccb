import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import type { Advisory } from '../../../core/advisory.ts';
import { sharedData } from '../../../test-support/shared-data.ts';
import { parseAlpineSecdb } from './parse-alpine-secdb.ts';

/** `id|ecosystem|package|fixed` for every affected entry we produce. */
function tuples(advisories: readonly Advisory[]): Set<string> {
  const out = new Set<string>();
  for (const a of advisories) {
    for (const p of a.affected) out.add(`${a.id}|${p.ecosystem}|${p.name}|${p.ranges[0]?.events[1]?.fixed}`);
  }
  return out;
}

function readJson<T>(file: string): T {
  return JSON.parse(readFileSync(file, 'utf8')) as T;
}

interface VunnelSnapshot {
  item: {
    Vulnerability: {
      Name: string;
      NamespaceName: string;
      FixedIn: { Name: string; NamespaceName: string; Version: string; VersionFormat: string }[];
    };
  };
}

describe('parseAlpineSecdb against vunnel (anchore) snapshots', () => {
  const base = sharedData('feeds', 'vunnel', 'tests', 'unit', 'providers', 'alpine', 'test-fixtures');
  const input = join(base, 'input', 'secdb', 'v3.15');
  const ours = parseAlpineSecdb(
    readdirSync(input).map((f) => ({ path: `v3.15/${f}`, text: readFileSync(join(input, f), 'utf8') })),
  );
  const snapshots = join(base, 'snapshots', '3.15');
  const expected = new Set<string>();
  for (const f of readdirSync(snapshots)) {
    const v = readJson<VunnelSnapshot>(join(snapshots, f)).item.Vulnerability;
    for (const fix of v.FixedIn) {
      assert.equal(fix.VersionFormat, 'apk');
      // vunnel's namespace `alpine:3.15` is our ecosystem `Alpine:v3.15`.
      const ecosystem = `Alpine:v${fix.NamespaceName.replace(/^alpine:/, '')}`;
      expected.add(`${v.Name}|${ecosystem}|${fix.Name}|${fix.Version}`);
    }
  }

  it('produces every (CVE, release, package, fixed version) vunnel expects, and nothing else', () => {
    assert.deepEqual(ours.skipped, []);
    assert.equal(expected.size, 16);
    assert.deepEqual([...tuples(ours.advisories)].sort(), [...expected].sort());
  });
});

interface TrivyCase {
  case: { name: string; dir: string };
  wantErr?: string;
  wantValues?: { Key: string[]; Value: { FixedVersion?: string } }[];
}

describe('parseAlpineSecdb against trivy-db expectations', () => {
  const base = sharedData('feeds', 'trivy-db', 'pkg', 'vulnsrc', 'alpine');
  const cases = readJson<TrivyCase[]>(join(base, 'expected.from-go-tests.json'));
  // trivy reads aquasecurity/vuln-list, which splits the secdb into one package per file.
  const read = (dir: string) =>
    parseAlpineSecdb([
      {
        path: 'ansible.json',
        text: readFileSync(join(base, dir, 'vuln-list', 'alpine', 'ansible.json'), 'utf8'),
      },
    ]);

  it('produces every advisory-detail of the happy path', () => {
    const happy = cases.find((c) => c.case.name === 'happy path');
    const want = (happy?.wantValues ?? [])
      .filter((w) => w.Key[0] === 'advisory-detail')
      .map((w) => {
        const [, id, platform, pkg] = w.Key;
        // trivy's bucket `alpine 3.12` is our ecosystem `Alpine:v3.12`.
        return `${id}|Alpine:v${platform?.replace(/^alpine /, '')}|${pkg}|${w.Value.FixedVersion}`;
      });
    assert.equal(want.length, 7);
    const ours = read(happy?.case.dir ?? '');
    assert.deepEqual(ours.skipped, []);
    assert.deepEqual([...tuples(ours.advisories)].sort(), want.sort());
    // Deliberate difference: trivy keeps only the first token of "CVE-2024-22195 GHSA-h5c8-rqwp-cp95";
    // we keep the GHSA id as related, so the link to the GitHub advisory is not lost.
    assert.deepEqual(ours.advisories.find((a) => a.id === 'CVE-2024-22195')?.related, [
      'GHSA-h5c8-rqwp-cp95',
    ]);
  });

  it('skips the sad path file with a reason instead of failing the whole update', () => {
    const sad = cases.find((c) => c.case.name === 'sad path');
    assert.equal(sad?.wantErr, 'failed to decode Alpine advisory');
    const ours = read(sad?.case.dir ?? '');
    assert.deepEqual(ours.advisories, []);
    assert.equal(ours.skipped.length, 1);
    assert.equal(ours.skipped[0]?.path, 'ansible.json');
    assert.match(ours.skipped[0]?.reason ?? '', /^invalid JSON/);
  });
});

interface OsvPart {
  pkg_name: string;
  ecosystem: string;
  fixed_version: { AffectedVersions?: { Fixed: string }[]; affected_versions?: { fixed: string }[] };
}

describe('parseAlpineSecdb against osv.dev vulnfeeds conversions', () => {
  // osv.dev converted a newer secdb; compare only the releases our snapshot has (v3.3…v3.11).
  const parts = sharedData('vuln', 'cve-records', 'vulnfeeds', 'test_data', 'parts', 'alpine');
  const root = sharedData('vuln', 'alpine-secdb', 'json');
  const files = readdirSync(root).flatMap((release) =>
    readdirSync(join(root, release)).map((f) => ({
      path: `${release}/${f}`,
      text: readFileSync(join(root, release, f), 'utf8'),
    })),
  );
  const ours = tuples(parseAlpineSecdb(files).advisories);
  const releases = new Set(readdirSync(root).map((r) => `Alpine:${r}`));

  it('agrees on every fix in the releases both have', () => {
    const missing: string[] = [];
    let compared = 0;
    for (const f of readdirSync(parts)) {
      const cve = f.replace(/\.alpine\.json$/, '');
      for (const p of readJson<OsvPart[]>(join(parts, f))) {
        if (!releases.has(p.ecosystem)) continue;
        const fixed =
          p.fixed_version.AffectedVersions?.[0]?.Fixed ?? p.fixed_version.affected_versions?.[0]?.fixed;
        const t = `${cve}|${p.ecosystem}|${p.pkg_name}|${fixed}`;
        compared++;
        if (!ours.has(t)) missing.push(t);
      }
    }
    assert.equal(compared, 37);
    // vim's CVE-2021-3770 was added to v3.11 in 2021, after our secdb snapshot was taken.
    assert.deepEqual(missing, ['CVE-2021-3770|Alpine:v3.11|vim|8.2.3437-r0']);
  });
});
