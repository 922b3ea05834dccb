import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import type { Advisory } from '../../../core/advisory.ts';
import { sharedData } from '../../../test-support/shared-data.ts';
import { parseAlpineSecdb } from './parse-alpine-secdb.ts';

/** `vX.Y/{main,community}.<ext>` under `dir`, paths relative to the secdb root. */
function releaseFiles(dir: string, prefix: string): { path: string; text: string }[] {
  const files = [];
  for (const release of readdirSync(dir).filter((d) => /^v\d/.test(d))) {
    for (const name of readdirSync(join(dir, release))) {
      files.push({
        path: `${prefix}${release}/${name}`,
        text: readFileSync(join(dir, release, name), 'utf8'),
      });
    }
  }
  return files;
}

/** `ecosystem name fixed` of every affected entry, for compact assertions. */
function fixes(a: Advisory | undefined): string[] {
  return (a?.affected ?? []).map((p) => `${p.ecosystem} ${p.name} ${p.ranges[0]?.events[1]?.fixed ?? '-'}`);
}

describe('parseAlpineSecdb on the real secdb (v3.3…v3.11)', () => {
  const root = sharedData('vuln', 'alpine-secdb');
  const yaml = parseAlpineSecdb(releaseFiles(root, ''));
  const json = parseAlpineSecdb(releaseFiles(join(root, 'json'), 'json/'));
  const byId = new Map(yaml.advisories.map((a) => [a.id, a]));

  it('reads every file, skipping one empty entry', () => {
    assert.equal(yaml.advisories.length, 2474);
    assert.equal(
      yaml.advisories.reduce((n, a) => n + a.affected.length, 0),
      11876,
    );
    // heimdal's `7.4.0-r0:` has no list under it: the only unreadable entry in 18 files.
    assert.deepEqual(yaml.skipped, [
      {
        path: 'v3.6/main.yaml',
        reason: 'packages[34] (heimdal) secfixes["7.4.0-r0"]: null is not a list of ids',
      },
    ]);
    for (const a of yaml.advisories) {
      assert.equal(a.source, 'alpine-secdb');
      assert.equal(a.modified, '1970-01-01T00:00:00Z');
    }
  });

  it('gives identical advisories from the YAML and the JSON files', () => {
    assert.deepEqual(json.advisories, yaml.advisories);
    assert.deepEqual(
      json.skipped.map((s) => s.reason),
      yaml.skipped.map((s) => s.reason),
    );
    assert.equal(json.skipped[0]?.path, 'json/v3.6/main.json');
  });

  it('reads CVE-2019-5736 (runc) per release and package', () => {
    const a = byId.get('CVE-2019-5736');
    assert.deepEqual(fixes(a), [
      'Alpine:v3.10 lxc 3.1.0-r1',
      'Alpine:v3.10 runc 1.0.0_rc7',
      'Alpine:v3.11 lxc 3.1.0-r1',
      'Alpine:v3.11 runc 1.0.0_rc7',
      'Alpine:v3.9 flatpak 1.0.7-r0',
      'Alpine:v3.9 lxc 3.1.0-r1',
      'Alpine:v3.9 runc 1.0.0_rc6-r1',
    ]);
    const runc = a?.affected.find((p) => p.ecosystem === 'Alpine:v3.9' && p.name === 'runc');
    assert.deepEqual(runc, {
      ecosystem: 'Alpine:v3.9',
      name: 'runc',
      ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '0' }, { fixed: '1.0.0_rc6-r1' }] }],
      versions: [],
    });
    assert.deepEqual(a?.related, []);
    assert.equal(a?.databaseSpecific, undefined);
  });

  it('keeps the lowest fixed version when a release lists a CVE twice for a package', () => {
    // v3.8 community lists wireshark's CVE-2017-15191 under 2.4.2-r0 and 2.2.10-r0.
    assert.ok(fixes(byId.get('CVE-2017-15191')).includes('Alpine:v3.8 wireshark 2.2.10-r0'));
    // v3.5 main lists openssl's CVE-2017-3738 under 1.0.2n-r0 and 1.0.2o-r0.
    assert.ok(fixes(byId.get('CVE-2017-3738')).includes('Alpine:v3.5 openssl 1.0.2n-r0'));
  });

  it('turns a secfix version 0 into a not-affected note, not an affected entry', () => {
    const a = byId.get('CVE-2016-0682');
    assert.deepEqual(a?.affected, []);
    assert.deepEqual(a?.databaseSpecific, { notAffected: [{ ecosystem: 'Alpine:v3.8', name: 'db' }] });
  });

  it('keeps non-CVE ids and records vendor ids beside CVEs as related', () => {
    assert.ok(fixes(byId.get('XSA-207')).includes('Alpine:v3.9 xen 4.7.1-r5'));
    assert.ok(byId.has('ZBX-11023'));
    assert.ok(byId.has('wnpa-sec-2017-18'));
    assert.deepEqual(byId.get('CVE-2016-6258')?.related, ['XSA-182']);
    assert.ok(fixes(byId.get('CVE-2016-6258')).includes('Alpine:v3.9 xen 4.7.0-r0'));
    assert.equal(byId.has('CVE-????-?????'), false);
  });

  it('reads the typos CVE_2019-2426, CVE 2018-16859 and CVE-2017-17434-1 as the CVE they name', () => {
    assert.ok(fixes(byId.get('CVE-2019-2426')).includes('Alpine:v3.10 openjdk7 7.211.2.6.17-r0'));
    assert.deepEqual(fixes(byId.get('CVE-2018-16859')), ['Alpine:v3.9 ansible 2.7.3-r0']);
    assert.ok(fixes(byId.get('CVE-2017-17434')).includes('Alpine:v3.9 rsync 3.1.2-r7'));
    assert.ok(
      ![...byId.keys()].some((id) => !/^(CVE-\d{4}-\d{4,}|XSA-\d+|ZBX-\d+|wnpa-sec-\d{4}-\d+)$/.test(id)),
    );
  });
});

const HEAD = 'distroversion: v3.9\nreponame: main\npackages:\n';

describe('parseAlpineSecdb on bad or unusual input', () => {
  it('merges one CVE across files and releases, sorted by ecosystem and name', () => {
    const r = parseAlpineSecdb([
      {
        path: 'b.yaml',
        text: `${HEAD}  - pkg:\n      name: zz\n      secfixes:\n        1.0-r1:\n          - CVE-2020-0001\n`,
      },
      {
        path: 'a.json',
        text: JSON.stringify({
          distroversion: 'v3.10',
          packages: [{ pkg: { name: 'aa', secfixes: { '2.0-r0': ['CVE-2020-0001', 'CVE-2020-0002'] } } }],
        }),
      },
    ]);
    assert.deepEqual(r.skipped, []);
    assert.deepEqual(
      r.advisories.map((a) => [a.id, fixes(a)]),
      [
        ['CVE-2020-0001', ['Alpine:v3.10 aa 2.0-r0', 'Alpine:v3.9 zz 1.0-r1']],
        ['CVE-2020-0002', ['Alpine:v3.10 aa 2.0-r0']],
      ],
    );
  });

  it('keeps a listed fix over a 0 for the same package, and the source it is given', () => {
    const text = `${HEAD}  - pkg:\n      name: p\n      secfixes:\n        "0":\n          - CVE-2020-0001\n        1.2-r0:\n          - CVE-2020-0001\n`;
    const r = parseAlpineSecdb([{ path: 'v3.9/main.yaml', text }], 'secdb-mirror');
    assert.deepEqual(fixes(r.advisories[0]), ['Alpine:v3.9 p 1.2-r0']);
    assert.equal(r.advisories[0]?.databaseSpecific, undefined);
    assert.equal(r.advisories[0]?.source, 'secdb-mirror');
  });

  it('skips files that are not secdb documents, naming the file', () => {
    const r = parseAlpineSecdb([
      { path: 'broken.yaml', text: 'packages: [unclosed\n' },
      { path: 'broken.json', text: '{"distroversion": ' },
      { path: 'list.yaml', text: '- a\n- b\n' },
      { path: 'norelease.yaml', text: 'packages: []\n' },
      { path: 'badrelease.json', text: '{"distroversion": "three", "packages": []}' },
      { path: 'nopackages.yaml', text: 'distroversion: v3.9\n' },
      { path: 'packagesmap.yaml', text: 'distroversion: v3.9\npackages:\n  a: 1\n' },
      { path: 'empty.yaml', text: 'distroversion: v3.3\npackages:\n' },
    ]);
    assert.deepEqual(r.advisories, []);
    assert.deepEqual(
      r.skipped.map((s) => `${s.path}: ${s.reason.replace(/ \(.*/, ' (…)')}`),
      [
        'broken.yaml: invalid YAML (…)',
        'broken.json: invalid JSON (…)',
        'list.yaml: not a secdb document: not an object',
        'norelease.yaml: not a secdb document: distroversion missing is not an Alpine release (…)',
        'badrelease.json: not a secdb document: distroversion "three" is not an Alpine release (…)',
        'nopackages.yaml: not a secdb document: packages is missing',
        'packagesmap.yaml: not a secdb document: packages is a map',
      ],
    );
  });

  it('skips bad packages, versions and entries but keeps the rest', () => {
    const text = [
      HEAD,
      '  - just a string',
      '  - pkg:',
      '      secfixes: {}',
      '  - pkg:',
      '      name: p',
      '      secfixes: [CVE-2020-0001]',
      '  - pkg:',
      '      name: q',
      '      secfixes:',
      '        1.10: [CVE-2020-0002]',
      '        2.0-r0: CVE-2020-0003',
      '        " ": [CVE-2020-0004]',
      '        3.0-r0: [42, "not an id", CVE-2020, "CVE-2020-0005 CVE-2020", CVE-2020-0006]',
    ].join('\n');
    const r = parseAlpineSecdb([{ path: 'v3.9/main.yaml', text }]);
    assert.deepEqual(
      r.advisories.map((a) => [a.id, fixes(a)]),
      [
        ['CVE-2020-0005', ['Alpine:v3.9 q 3.0-r0']],
        ['CVE-2020-0006', ['Alpine:v3.9 q 3.0-r0']],
      ],
    );
    assert.deepEqual(
      r.skipped.map((s) => s.reason),
      [
        'packages[0]: not a { pkg: … } entry',
        'packages[1] pkg.name: missing is not a package name',
        'packages[2] (p) secfixes: not a map of version to ids',
        'packages[3] (q) secfixes: version number 1.1 is not a string (quote it)',
        'packages[3] (q) secfixes["2.0-r0"]: "CVE-2020-0003" is not a list of ids',
        'packages[3] (q) secfixes[" "]: not an apk version (empty version)',
        'packages[3] (q) secfixes["3.0-r0"][0]: number 42 is not a string',
        'packages[3] (q) secfixes["3.0-r0"][1]: no vulnerability id in "not an id"',
        'packages[3] (q) secfixes["3.0-r0"][2]: "CVE-2020" is not a CVE id',
        'packages[3] (q) secfixes["3.0-r0"][3]: "CVE-2020" is not a CVE id',
      ],
    );
    assert.ok(r.skipped.every((s) => s.path === 'v3.9/main.yaml'));
  });

  it('refuses a YAML alias bomb', () => {
    const lines = ['a: &a ["x","x","x","x","x","x","x","x","x","x"]'];
    for (let i = 1; i < 10; i++) {
      const prev = String.fromCharCode(96 + i);
      const cur = String.fromCharCode(97 + i);
      lines.push(`${cur}: &${cur} [${Array(10).fill(`*${prev}`).join(',')}]`);
    }
    lines.push('distroversion: v3.9', 'packages: []');
    const r = parseAlpineSecdb([{ path: 'bomb.yaml', text: lines.join('\n') }]);
    assert.equal(r.skipped.length, 1);
    assert.match(r.skipped[0]?.reason ?? '', /^invalid YAML \(.*alias/i);
  });

  it('reads a file without an extension by its content', () => {
    const doc = {
      distroversion: 'edge',
      packages: [{ pkg: { name: 'p', secfixes: { '1-r0': ['CVE-2020-0001'] } } }],
    };
    const r = parseAlpineSecdb([
      { path: 'main', text: JSON.stringify(doc) },
      {
        path: 'community',
        text: `\ufeff${HEAD.replace('v3.9', 'edge')}  - pkg:\n      name: q\n      secfixes:\n        2-r0: [CVE-2020-0001]\n`,
      },
    ]);
    assert.deepEqual(r.skipped, []);
    assert.deepEqual(fixes(r.advisories[0]), ['Alpine:edge p 1-r0', 'Alpine:edge q 2-r0']);
  });
});
