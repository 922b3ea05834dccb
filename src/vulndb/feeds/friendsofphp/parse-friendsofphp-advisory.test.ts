import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, it } from 'node:test';
import { sharedData } from '../../../test-support/shared-data.ts';
import { parseFriendsOfPhpAdvisory } from './parse-friendsofphp-advisory.ts';

/** Advisory files: `<vendor>/<package>/<name>.yaml`; the repository's own `.github` folder is not one. */
function* advisories(dir: string, depth = 0): Generator<string> {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    if (e.name.startsWith('.')) continue;
    const p = join(dir, e.name);
    if (e.isDirectory() && depth < 2) yield* advisories(p, depth + 1);
    else if (e.isFile() && depth === 2 && e.name.endsWith('.yaml')) yield p;
  }
}

function parseShared(...parts: string[]) {
  const path = parts.join('/');
  return parseFriendsOfPhpAdvisory(readFileSync(sharedData('vuln', 'friendsofphp', ...parts)), {
    path,
    source: 'friendsofphp',
  });
}

const OPTS = { path: 'acme/widget/2024-01-01-1.yaml', source: 'friendsofphp' };
const BASE =
  "title: T\nlink: https://x\nreference: composer://acme/widget\nbranches:\n  1.x:\n    time: 2024-01-02 03:04:05\n    versions: ['>=1.0', '<1.2']\n";

describe('parseFriendsOfPhpAdvisory on FriendsOfPHP/security-advisories', () => {
  it('converts every advisory, one unique id per file', () => {
    const root = sharedData('vuln', 'friendsofphp');
    const failures: string[] = [];
    const idPaths = new Map<string, string>();
    const duplicates: string[] = [];
    const filesPerCve = new Map<string, number>();
    let count = 0;
    for (const file of advisories(root)) {
      count++;
      const path = relative(root, file);
      const r = parseFriendsOfPhpAdvisory(readFileSync(file), { path, source: 'friendsofphp' });
      if (!r.ok) {
        failures.push(r.error);
        continue;
      }
      const a = r.value;
      const [vendor, pkg, fileName] = path.split('/');
      const name = fileName!.replace(/\.yaml$/, '');
      assert.equal(a.affected[0]?.ecosystem, 'Packagist');
      assert.equal(a.affected[0]?.name.toLowerCase(), `${vendor}/${pkg}`.toLowerCase(), path);
      assert.ok(a.affected[0]!.ranges.length + a.affected[0]!.versions.length > 0, path);
      assert.equal(a.id, `FOP-${a.affected[0]?.name}/${name}`, path);
      const seen = idPaths.get(a.id);
      if (seen !== undefined) duplicates.push(`${a.id}: ${seen} and ${path}`);
      idPaths.set(a.id, path);
      for (const alias of a.aliases) assert.match(alias, /^(CVE-\d{4}-\d{4,}|GHSA(-[0-9a-z]{4}){3})$/, path);
      const cves = a.aliases.filter((x) => x.startsWith('CVE-'));
      assert.ok(cves.length <= 1, path);
      // A file named after a CVE or GHSA carries that id as an alias (a CVE when the file has a cve field).
      if (name.startsWith('GHSA-')) assert.ok(a.aliases.includes(name), path);
      if (name.startsWith('CVE-') && cves.length > 0) assert.deepEqual(cves, [name], path);
      for (const cve of cves) filesPerCve.set(cve, (filesPerCve.get(cve) ?? 0) + 1);
    }
    assert.ok(count >= 1500, `only ${count} advisories`);
    assert.deepEqual(failures, []);
    assert.deepEqual(duplicates, []);
    assert.equal(idPaths.size, count);
    const withCve = [...filesPerCve.values()].reduce((x, y) => x + y, 0);
    assert.ok(withCve >= 1100, `only ${withCve} files with a CVE alias`);
    // The feed copies a CVE into several packages (subtree splits): each copy keeps the CVE as an alias.
    assert.ok(
      [...filesPerCve.values()].some((n) => n > 1),
      'no CVE shared by two files',
    );
  });

  it('reads a two-branch advisory as two ranges (symfony/http-foundation 2012-11-29)', () => {
    const r = parseShared('symfony', 'http-foundation', '2012-11-29.yaml');
    assert.ok(r.ok, r.ok ? '' : r.error);
    const a = r.value;
    assert.equal(a.id, 'FOP-symfony/http-foundation/2012-11-29');
    assert.deepEqual(a.aliases, []);
    assert.equal(a.summary, 'Request::getClientIp() when the trust proxy mode is enabled');
    assert.equal(a.published, '2012-11-27T22:21:23Z');
    assert.equal(a.modified, '2012-11-27T22:21:23Z');
    assert.equal(a.affected[0]?.name, 'symfony/http-foundation');
    assert.equal(a.affected[0]?.purl, 'pkg:composer/symfony/http-foundation');
    assert.deepEqual(a.affected[0]?.ranges, [
      { type: 'ECOSYSTEM', events: [{ introduced: '2.0.0' }, { fixed: '2.0.19' }] },
      { type: 'ECOSYSTEM', events: [{ introduced: '2.1.0' }, { fixed: '2.1.4' }] },
    ]);
    assert.deepEqual(a.references, [
      { type: 'ADVISORY', url: 'https://symfony.com/blog/security-release-symfony-2-0-19-and-2-1-4' },
    ]);
  });

  it('merges branches that continue one another (symfony/http-foundation CVE-2014-5244)', () => {
    const r = parseShared('symfony', 'http-foundation', 'CVE-2014-5244.yaml');
    assert.ok(r.ok, r.ok ? '' : r.error);
    assert.equal(r.value.id, 'FOP-symfony/http-foundation/CVE-2014-5244');
    assert.deepEqual(r.value.aliases, ['CVE-2014-5244']);
    // 2.0.x … 2.3.x touch, so a 2.1 user is told 2.3.19 is the first fix of that run, not 2.2.0.
    assert.deepEqual(
      r.value.affected[0]?.ranges.map((x) => x.events),
      [
        [{ introduced: '2.0.0' }, { fixed: '2.3.19' }],
        [{ introduced: '2.4.0' }, { fixed: '2.4.9' }],
        [{ introduced: '2.5.0' }, { fixed: '2.5.4' }],
      ],
    );
    assert.equal(Object.keys(r.value.affected[0]?.databaseSpecific?.branches as object).length, 6);
  });
  it('gives a CVE copied into two packages two ids, both aliased to the CVE (CVE-2014-5244)', () => {
    const ids = ['http-foundation', 'symfony'].map((pkg) => {
      const r = parseShared('symfony', pkg, 'CVE-2014-5244.yaml');
      assert.ok(r.ok, r.ok ? '' : r.error);
      assert.deepEqual(r.value.aliases, ['CVE-2014-5244']);
      return r.value.id;
    });
    assert.deepEqual(ids, ['FOP-symfony/http-foundation/CVE-2014-5244', 'FOP-symfony/symfony/CVE-2014-5244']);
  });
});

describe('parseFriendsOfPhpAdvisory on bad or unusual input', () => {
  it('reads a minimal advisory', () => {
    const r = parseFriendsOfPhpAdvisory(BASE, OPTS);
    assert.ok(r.ok, r.ok ? '' : r.error);
    assert.equal(r.value.id, 'FOP-acme/widget/2024-01-01-1');
    assert.deepEqual(r.value.aliases, []);
    assert.equal(r.value.published, '2024-01-02T03:04:05Z');
    assert.deepEqual(r.value.affected[0]?.ranges[0]?.events, [{ introduced: '1.0' }, { fixed: '1.2' }]);
  });

  it('takes the earliest and latest branch times, with offsets, and 1970 when there is none', () => {
    const two = `${BASE}  2.x:\n    time: 2023-05-06 7:08:09 +0200\n    versions: ['>=2.0', '<2.1']\n`;
    const r = parseFriendsOfPhpAdvisory(two, OPTS);
    assert.ok(r.ok, r.ok ? '' : r.error);
    assert.equal(r.value.published, '2023-05-06T05:08:09Z');
    assert.equal(r.value.modified, '2024-01-02T03:04:05Z');
    const none = parseFriendsOfPhpAdvisory(BASE.replace('2024-01-02 03:04:05', '~'), OPTS);
    assert.ok(none.ok);
    assert.equal(none.value.modified, '1970-01-01T00:00:00Z');
    assert.equal(none.value.published, undefined);
  });

  it('names the advisory by package and file, with the cve and a GHSA file name as aliases', () => {
    const cve = parseFriendsOfPhpAdvisory(`cve: CVE-2024-1111\n${BASE}`, OPTS);
    assert.ok(cve.ok, cve.ok ? '' : cve.error);
    assert.equal(cve.value.id, 'FOP-acme/widget/2024-01-01-1');
    assert.deepEqual(cve.value.aliases, ['CVE-2024-1111']);
    const ghsaPath = { ...OPTS, path: 'acme/widget/GHSA-2345-6789-cfgh.yaml' };
    const r = parseFriendsOfPhpAdvisory(BASE, ghsaPath);
    assert.ok(r.ok, r.ok ? '' : r.error);
    assert.equal(r.value.id, 'FOP-acme/widget/GHSA-2345-6789-cfgh');
    assert.deepEqual(r.value.aliases, ['GHSA-2345-6789-cfgh']);
    const withCve = parseFriendsOfPhpAdvisory(`cve: CVE-2024-1111\n${BASE}`, ghsaPath);
    assert.ok(withCve.ok, withCve.ok ? '' : withCve.error);
    assert.equal(withCve.value.id, 'FOP-acme/widget/GHSA-2345-6789-cfgh');
    assert.deepEqual(withCve.value.aliases, ['CVE-2024-1111', 'GHSA-2345-6789-cfgh']);
  });

  const BAD: readonly (readonly [string, string, RegExp])[] = [
    ['not YAML', 'title: [unclosed\n', /: invalid YAML/],
    [
      'no reference',
      BASE.replace('reference: composer://acme/widget\n', ''),
      /: reference: a non-empty string/,
    ],
    [
      'another scheme',
      BASE.replace('composer://', 'npm://'),
      /: reference: "npm:\/\/acme\/widget" does not start/,
    ],
    ['no branches', BASE.slice(0, BASE.indexOf('branches:')), /: branches: a mapping of branch name/],
    ['a bad time', BASE.replace('2024-01-02 03:04:05', 'soon'), /: branches\.1\.x\.time: "soon" is not/],
    ['a bad constraint', BASE.replace("'<1.2'", "'dev-main'"), /: branches\.1\.x\.versions\[1\]: "dev-main"/],
    ['a bad cve', `cve: 2024-1\n${BASE}`, /: cve: "2024-1" is not a CVE id/],
    ['an empty branch', BASE.replace("['>=1.0', '<1.2']", '[]'), /: branches\.1\.x\.versions: is empty/],
  ];
  for (const [name, text, why] of BAD) {
    it(`refuses ${name}, naming the file`, () => {
      const r = parseFriendsOfPhpAdvisory(text, OPTS);
      assert.ok(!r.ok, 'accepted');
      assert.match(r.error, why);
      assert.ok(r.error.startsWith('acme/widget/2024-01-01-1.yaml: '), r.error);
    });
  }
});
