import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { sharedData } from '../../../test-support/shared-data.ts';
import { matchOsvAffected } from '../../../version/osv-range.ts';
import { semverVersion } from '../../../version/semver.ts';
import type { VersionScheme } from '../../../version/version-scheme.ts';
import { parseNodejsWgAdvisory } from './parse-nodejs-wg-advisory.ts';

const OPTS = { path: 'vuln/npm/9999.json', source: 'nodejs-wg' };
const NPM = {
  id: 9999,
  created_at: '2020-01-01',
  updated_at: '2020-02-03',
  publish_date: '2019-12-31',
  title: 'T',
  module_name: 'left-pad',
  cves: ['CVE-2020-1111'],
  vulnerable_versions: '<1.2.3 || >=2.0.0 <2.0.5',
  patched_versions: '>=1.2.3 <2.0.0 || >=2.0.5',
  overview: 'O',
  cvss_vector: 'CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:L/A:N',
  cvss_score: 5.3,
};

function parseShared(...parts: string[]) {
  return parseNodejsWgAdvisory(readFileSync(sharedData('vuln', 'nodejs-security-wg', ...parts)), {
    path: parts.join('/'),
    source: 'nodejs-wg',
  });
}

describe('parseNodejsWgAdvisory on nodejs/security-wg', () => {
  for (const [dir, prefix, atLeast] of [
    ['npm', 'NSWG-ECO-', 450],
    ['core', 'NSWG-COR-', 150],
  ] as const) {
    it(`converts every vuln/${dir} entry`, () => {
      const root = sharedData('vuln', 'nodejs-security-wg', 'vuln', dir);
      const failures: string[] = [];
      let count = 0;
      for (const file of readdirSync(root)) {
        if (!file.endsWith('.json')) continue;
        const r = parseNodejsWgAdvisory(readFileSync(join(root, file)), {
          path: `vuln/${dir}/${file}`,
          source: 'nodejs-wg',
        });
        if (file === 'index.json') {
          assert.ok(!r.ok && /an index of every entry/.test(r.error), `vuln/${dir}/index.json`);
          continue;
        }
        count++;
        if (!r.ok) {
          failures.push(r.error);
          continue;
        }
        assert.equal(r.value.id, `${prefix}${file.replace('.json', '')}`);
        const pkg = r.value.affected[0]!;
        assert.equal(pkg.ecosystem, dir === 'npm' ? 'npm' : 'Node.js');
        assert.ok(pkg.ranges.length + pkg.versions.length > 0, file);
        for (const range of pkg.ranges) assert.equal(range.type, 'SEMVER');
      }
      assert.ok(count >= atLeast, `only ${count} entries`);
      assert.deepEqual(failures, []);
    });
  }

  it('refuses the vuln/deps assessments as not advisories', () => {
    const root = sharedData('vuln', 'nodejs-security-wg', 'vuln', 'deps');
    for (const file of readdirSync(root).filter((f) => f !== 'index.json')) {
      const r = parseNodejsWgAdvisory(readFileSync(join(root, file)), {
        path: `vuln/deps/${file}`,
        source: 's',
      });
      assert.ok(!r.ok);
      assert.match(r.error, /^vuln\/deps\/\d+\.json: reason: a dependency assessment \("vulnerable_code_/);
    }
  });

  it('reads serve-static (npm 35: <1.6.5 || >=1.7.0 <1.7.2) as two ranges', () => {
    const r = parseShared('vuln', 'npm', '35.json');
    assert.ok(r.ok, r.ok ? '' : r.error);
    const a = r.value;
    assert.equal(a.id, 'NSWG-ECO-35');
    assert.deepEqual(a.aliases, ['CVE-2015-1164']);
    assert.equal(a.summary, 'Open Redirect');
    assert.equal(a.published, '2015-01-13T00:00:00Z');
    assert.equal(a.modified, '2016-04-28T00:00:00Z');
    assert.deepEqual(a.severity, [
      { type: 'CVSS_V3', score: 'CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:L/A:N' },
    ]);
    assert.equal(a.affected[0]?.name, 'serve-static');
    assert.equal(a.affected[0]?.purl, 'pkg:npm/serve-static');
    assert.deepEqual(a.affected[0]?.ranges, [
      { type: 'SEMVER', events: [{ introduced: '0' }, { fixed: '1.6.5' }] },
      { type: 'SEMVER', events: [{ introduced: '1.7.0' }, { fixed: '1.7.2' }] },
    ]);
    assert.equal(a.databaseSpecific?.cvss_score, 5.3);
  });

  it('reads a core entry as node in Node.js, vulnerable lines minus patched ones', () => {
    const r = parseShared('vuln', 'core', '1.json');
    assert.ok(r.ok, r.ok ? '' : r.error);
    const a = r.value;
    assert.equal(a.id, 'NSWG-COR-1');
    assert.deepEqual(a.aliases, ['CVE-2017-1000381']);
    assert.equal(a.modified, '1970-01-01T00:00:00Z');
    assert.deepEqual(a.severity, [{ type: 'NSWG', score: 'high' }]);
    const pkg = a.affected[0]!;
    assert.deepEqual([pkg.ecosystem, pkg.name, pkg.purl], ['Node.js', 'node', 'pkg:generic/node']);
    // vulnerable "8.x || 7.x || 4.x || 6.x || 5.x", patched "^8.1.4 || ^7.10.1 || ^4.8.4 || ^6.11.1"
    assert.deepEqual(
      pkg.ranges.map((x) => x.events),
      [
        [{ introduced: '4.0.0' }, { fixed: '4.8.4' }],
        [{ introduced: '5.0.0' }, { fixed: '6.11.1' }],
        [{ introduced: '7.0.0' }, { fixed: '7.10.1' }],
        [{ introduced: '8.0.0' }, { fixed: '8.1.4' }],
      ],
    );
    const scheme = semverVersion as VersionScheme<unknown>;
    for (const [version, affected] of [
      ['4.8.3', true],
      ['4.9.1', false],
      ['5.12.0', true],
      ['6.11.1', false],
      ['8.1.3', true],
      ['8.2.0', false],
      ['9.0.0', false],
    ] as const) {
      const m = matchOsvAffected(version, pkg, scheme);
      assert.ok(m.ok);
      assert.equal(m.value !== undefined, affected, version);
    }
  });
});

describe('parseNodejsWgAdvisory on bad or unusual input', () => {
  it('reads <1.2.3 || >=2.0.0 <2.0.5 as two ranges', () => {
    const r = parseNodejsWgAdvisory(JSON.stringify(NPM), OPTS);
    assert.ok(r.ok, r.ok ? '' : r.error);
    assert.deepEqual(r.value.affected[0]?.ranges, [
      { type: 'SEMVER', events: [{ introduced: '0' }, { fixed: '1.2.3' }] },
      { type: 'SEMVER', events: [{ introduced: '2.0.0' }, { fixed: '2.0.5' }] },
    ]);
  });

  it('uses the patched range alone when the vulnerable one is missing', () => {
    const { vulnerable_versions: _, ...rest } = NPM;
    const r = parseNodejsWgAdvisory(JSON.stringify({ ...rest, patched_versions: '>=1.2.3' }), OPTS);
    assert.ok(r.ok, r.ok ? '' : r.error);
    assert.deepEqual(r.value.affected[0]?.ranges[0]?.events, [{ introduced: '0' }, { fixed: '1.2.3' }]);
  });

  it('keeps a malformed CVE, an unscorable vector and a -1 score aside instead of failing', () => {
    const r = parseNodejsWgAdvisory(
      JSON.stringify({ ...NPM, cves: ['CVE-2014-4671A'], cvss_vector: 'CVSS:3.0/AV:N', cvss_score: -1 }),
      OPTS,
    );
    assert.ok(r.ok, r.ok ? '' : r.error);
    assert.deepEqual(r.value.aliases, []);
    assert.deepEqual(r.value.severity, []);
    assert.deepEqual(r.value.databaseSpecific, {
      invalid_cvss_vector: 'CVSS:3.0/AV:N',
      invalid_cves: ['CVE-2014-4671A'],
    });
  });

  it('reads a core vector written without CVSS:', () => {
    const r = parseNodejsWgAdvisory(
      JSON.stringify({
        cve: [],
        vulnerable: '10.x',
        patched: '^10.1.0',
        cvss: '3.0/AV:N/AC:H/PR:N/UI:N/S:U/C:N/I:N/A:H',
      }),
      { path: 'vuln/core/500.json', source: 's' },
    );
    assert.ok(r.ok, r.ok ? '' : r.error);
    assert.deepEqual(r.value.severity, [
      { type: 'CVSS_V3', score: 'CVSS:3.0/AV:N/AC:H/PR:N/UI:N/S:U/C:N/I:N/A:H' },
    ]);
  });

  const BAD: readonly (readonly [string, string, RegExp])[] = [
    ['not JSON', '{"id": ', /^vuln\/npm\/9999\.json: invalid JSON/],
    ['an array', '[]', /must be a JSON object/],
    ['an unknown shape', '{"title": "x"}', /neither an npm entry \(module_name\) nor a core entry/],
    [
      'an empty module name',
      JSON.stringify({ ...NPM, module_name: ' ' }),
      /: module_name: a non-empty string/,
    ],
    ['a bad range', JSON.stringify({ ...NPM, vulnerable_versions: 'soon' }), /: vulnerable_versions: "soon"/],
    ['a bad date', JSON.stringify({ ...NPM, updated_at: '2020-13-45' }), /: updated_at: "2020-13-45" is not/],
    ['a bad id', JSON.stringify({ ...NPM, id: 'x' }), /: id: "x" is not an entry number/],
    ['a bad cves list', JSON.stringify({ ...NPM, cves: 'CVE-2020-1111' }), /: cves: must be a list/],
  ];
  for (const [name, text, why] of BAD) {
    it(`refuses ${name}, naming the file`, () => {
      const r = parseNodejsWgAdvisory(text, OPTS);
      assert.ok(!r.ok, 'accepted');
      assert.match(r.error, why);
      assert.ok(r.error.startsWith('vuln/npm/9999.json: '), r.error);
    });
  }

  it('refuses a core file whose name is not a number', () => {
    const r = parseNodejsWgAdvisory('{"vulnerable": "1.x"}', { path: 'vuln/core/x.json', source: 's' });
    assert.ok(!r.ok && /: id: no id, and the file name is not <number>\.json/.test(r.error));
  });
});
