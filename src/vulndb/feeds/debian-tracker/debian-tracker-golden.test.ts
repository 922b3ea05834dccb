import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import type { Advisory } from '../../../core/advisory.ts';
import { sharedData } from '../../../test-support/shared-data.ts';
import { parseDebianAdvisoryList } from './parse-debian-advisory-list.ts';
import { parseDebianTrackerJson } from './parse-debian-tracker-json.ts';

function readJson<T>(file: string): T {
  return JSON.parse(readFileSync(file, 'utf8')) as T;
}

/** `id|ecosystem|package|fixed` ('-' when unfixed, '0' for a not-affected note). */
function tuples(advisories: readonly Advisory[]): Set<string> {
  const out = new Set<string>();
  for (const a of advisories) {
    for (const p of a.affected)
      out.add(`${a.id}|${p.ecosystem}|${p.name}|${p.ranges[0]?.events[1]?.fixed ?? '-'}`);
    const notAffected = (a.databaseSpecific?.notAffected ?? []) as { ecosystem: string; name: string }[];
    for (const n of notAffected) out.add(`${a.id}|${n.ecosystem}|${n.name}|0`);
  }
  return out;
}

interface VunnelFixedIn {
  Name: string;
  NamespaceName: string;
  Version: string;
  VendorAdvisory?: { AdvisorySummary?: { ID: string }[] };
}
interface VunnelSnapshot {
  item: {
    Vulnerability: { Name: string; NamespaceName: string; Severity: string; FixedIn: VunnelFixedIn[] };
  };
}

describe('Debian parsers against vunnel (anchore) snapshots', () => {
  const base = sharedData('feeds', 'vunnel', 'tests', 'unit', 'providers', 'debian', 'test-fixtures');
  const json = parseDebianTrackerJson(readFileSync(join(base, 'input', 'debian.json'), 'utf8'), {
    path: 'debian.json',
    source: 'debian-tracker',
  });
  const dsa = parseDebianAdvisoryList(readFileSync(join(base, 'input', 'DSA'), 'utf8'), {
    path: 'DSA',
    source: 'debian-dsa',
  });
  const ids = new Set(json.advisories.map((a) => a.id));
  const snapshots: VunnelSnapshot['item']['Vulnerability'][] = [];
  const legacy: string[] = [];
  for (const dir of readdirSync(join(base, 'snapshots'))) {
    for (const f of readdirSync(join(base, 'snapshots', dir))) {
      const v = readJson<VunnelSnapshot>(join(base, 'snapshots', dir, f)).item.Vulnerability;
      // Records not in debian.json come from vunnel's frozen "legacy" feed (input/legacy), not the tracker.
      if (ids.has(v.Name)) snapshots.push(v);
      else legacy.push(`${v.NamespaceName}/${v.Name}`);
    }
  }
  /** vunnel's `debian:12` / `debian:unstable` is our `Debian:12` / `Debian:unstable`. */
  const ecosystem = (ns: string) => ns.replace(/^debian:/, 'Debian:');

  it('reads vunnel’s debian.json without a skip (an empty `releases: []` included)', () => {
    assert.deepEqual(json.skipped, []);
    assert.equal(snapshots.length, 25);
    assert.equal(legacy.length, 18);
    assert.ok(legacy.every((l) => l.startsWith('debian:7/') || l === 'debian:10/CVE-2012-0833'));
  });

  it('produces every (CVE, release, package, fixed version) vunnel expects, and nothing else', () => {
    const expected = new Set<string>();
    for (const v of snapshots) {
      for (const f of v.FixedIn) {
        // vunnel writes an open issue as Version "None" and a never-affected one as Version "0";
        // we write the first as an affected entry without a fix and the second as a notAffected note.
        const fixed = f.Version === 'None' ? '-' : f.Version;
        expected.add(`${v.Name}|${ecosystem(f.NamespaceName)}|${f.Name}|${fixed}`);
      }
    }
    assert.equal(expected.size, 25);
    assert.deepEqual([...tuples(json.advisories)].sort(), [...expected].sort());
  });

  it('keeps Debian’s urgency words where vunnel maps them to its severity scale', () => {
    const vunnelToDebian: Record<string, string[]> = {
      High: ['high'],
      Medium: ['medium'],
      Low: ['low'],
      Negligible: ['unimportant'],
      Unknown: ['not yet assigned', 'end-of-life'],
    };
    for (const v of snapshots) {
      const ours = json.advisories
        .find((a) => a.id === v.Name)
        ?.affected.filter((p) => p.ecosystem === ecosystem(v.NamespaceName));
      const words = new Set((ours ?? []).map((p) => p.severity?.[0]?.score));
      for (const w of words)
        assert.ok(vunnelToDebian[v.Severity]?.includes(w ?? ''), `${v.Name} ${w} ${v.Severity}`);
    }
  });

  it('has each DSA vunnel links to a fix as an advisory fixing that CVE in that package', () => {
    const linked = snapshots.flatMap((v) =>
      v.FixedIn.flatMap((f) =>
        (f.VendorAdvisory?.AdvisorySummary ?? []).map((s) => ({ cve: v.Name, dsa: s.ID, f })),
      ),
    );
    assert.equal(linked.length, 1); // DSA-5970-1 for sope in bookworm
    for (const { cve, dsa: id, f } of linked) {
      const a = dsa.advisories.find((x) => x.id === id);
      assert.ok(a?.related.includes(cve), `${id} should list ${cve}`);
      assert.ok(tuples(a ? [a] : []).has(`${id}|${ecosystem(f.NamespaceName)}|${f.Name}|${f.Version}`));
    }
  });

  it('reads vunnel’s DSA sample, including releases vunnel leaves out', () => {
    assert.deepEqual(dsa.skipped, []);
    assert.deepEqual(
      dsa.advisories.map((a) => a.id),
      [
        'DSA-141',
        'DSA-140',
        'DSA-139',
        'DSA-138',
        'DSA-2819-1',
        'DSA-2808-2',
        'DSA-3281-1',
        'DSA-4205-1',
        'DSA-4323-1',
        'DSA-5970-1',
      ],
    );
    // vunnel only maps wheezy and later; woody (3.0) fixes are real data for old images, so we keep them.
    assert.ok(tuples(dsa.advisories).has('DSA-140|Debian:3.0|libpng3|1.2.1-1.1.woody.2'));
    // vunnel copies the CVEs of DSA-2808-1 onto the regression update DSA-2808-2; we keep what
    // the list says (no CVEs), and the matcher decides how far an errata reaches.
    assert.deepEqual(dsa.advisories.find((a) => a.id === 'DSA-2808-2')?.related, []);
  });
});

interface TrivyListRecord {
  Header: { Original: string };
  Annotations: { Original: string }[];
}
interface TrivyCase {
  case: { name: string; dir: string };
  wantValues?: { Key: string[]; Value: { VendorIDs?: string[]; FixedVersion?: string; Title?: string } }[];
}

describe('parseDebianAdvisoryList against trivy-db expectations', () => {
  const base = sharedData('feeds', 'trivy-db', 'pkg', 'vulnsrc', 'debian');
  const happy = readJson<TrivyCase[]>(join(base, 'expected.from-go-tests.json')).find(
    (c) => c.case.name === 'happy path' && c.case.dir !== undefined,
  );
  const tracker = join(base, happy?.case.dir ?? 'testdata/happy', 'vuln-list-debian', 'tracker');
  // vuln-list-debian stores each DSA/DLA list entry as JSON with every original line; put the
  // lines back together to get the list text trivy started from.
  const ours = ['DSA', 'DLA'].flatMap((kind) =>
    readdirSync(join(tracker, kind)).flatMap((f) => {
      const r = readJson<TrivyListRecord>(join(tracker, kind, f));
      const text = [r.Header.Original, ...r.Annotations.map((a) => `\t${a.Original}`)].join('\n');
      const parsed = parseDebianAdvisoryList(text, { path: `${kind}/${f}`, source: 'debian' });
      assert.deepEqual(parsed.skipped, []);
      return parsed.advisories;
    }),
  );

  it('produces every advisory-detail trivy attributes to a DSA or DLA', () => {
    // The other advisory-details come from the tracker's data/CVE/list, a format we do not read.
    const vendor = (happy?.wantValues ?? []).filter(
      (w) => w.Key[0] === 'advisory-detail' && w.Value.VendorIDs,
    );
    assert.equal(vendor.length, 2);
    for (const w of vendor) {
      const [, vulnId, platform, pkg] = w.Key;
      for (const id of w.Value.VendorIDs ?? []) {
        const a = ours.find((x) => x.id === id);
        // trivy files a DSA without CVEs (DSA-3714-1) under its own id, and a DLA under each CVE
        // it fixes; we keep the DLA as one advisory whose related CVEs the matcher expands.
        if (vulnId !== id) assert.ok(a?.related.includes(vulnId ?? ''), `${id} should fix ${vulnId}`);
        const eco = `Debian:${platform?.replace(/^debian /, '')}`;
        assert.ok(
          tuples(a ? [a] : []).has(`${id}|${eco}|${pkg}|${w.Value.FixedVersion}`),
          `${id} ${eco} ${pkg}`,
        );
      }
    }
  });

  it('uses the same title as trivy for an errata', () => {
    const titles = (happy?.wantValues ?? []).filter(
      (w) => w.Key[0] === 'vulnerability-detail' && /^D[SL]A-/.test(w.Key[1] ?? ''),
    );
    assert.equal(titles.length, 1);
    for (const t of titles) assert.equal(ours.find((a) => a.id === t.Key[1])?.summary, t.Value.Title);
  });
});

interface OsvPart {
  pkg_name: string;
  ecosystem: string;
  fixed_version: { affected_versions: { introduced?: string; fixed?: string }[] };
  ecosystem_specific?: { urgency?: string };
}

describe('parseDebianTrackerJson against osv.dev vulnfeeds conversions', () => {
  const root = sharedData('vuln', 'cve-records', 'vulnfeeds', 'test_data');
  const ours = parseDebianTrackerJson(
    readFileSync(join(root, 'debian', 'debian_security_tracker_mock.json'), 'utf8'),
    {
      path: 'debian_security_tracker_mock.json',
      source: 'debian-tracker',
    },
  ).advisories;

  it('produces the same affected ranges and urgencies, plus sid', () => {
    const parts = join(root, 'parts', 'debian');
    const theirs = new Set<string>();
    for (const f of readdirSync(parts)) {
      const cve = f.replace(/\.debian\.json$/, '');
      for (const p of readJson<OsvPart[]>(join(parts, f))) {
        const events = JSON.stringify(p.fixed_version.affected_versions);
        theirs.add(`${cve}|${p.ecosystem}|${p.pkg_name}|${events}|${p.ecosystem_specific?.urgency}`);
      }
    }
    const mine = new Set<string>();
    for (const a of ours) {
      for (const p of a.affected) {
        const events = JSON.stringify(p.ranges[0]?.events);
        mine.add(`${a.id}|${p.ecosystem}|${p.name}|${events}|${p.severity?.[0]?.score}`);
      }
    }
    assert.equal(theirs.size, 8);
    // osv.dev leaves sid out (it has no release number); we keep it as Debian:unstable.
    assert.deepEqual([...mine].filter((t) => !t.includes('|Debian:unstable|')).sort(), [...theirs].sort());
    assert.equal([...mine].filter((t) => t.includes('|Debian:unstable|')).length, 2);
  });
});
