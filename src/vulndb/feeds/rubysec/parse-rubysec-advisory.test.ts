import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { sharedData } from '../../../test-support/shared-data.ts';
import { schemeForEcosystem } from '../../../version/ecosystems.ts';
import { matchOsvAffected } from '../../../version/osv-range.ts';
import { parseRubysecAdvisory } from './parse-rubysec-advisory.ts';

const OPTS = { path: 'gems/x/CVE-2024-0001.yml', source: 'rubysec' };

function read(...parts: string[]): string {
  return readFileSync(sharedData('vuln', 'rubysec', ...parts), 'utf8');
}

describe('parseRubysecAdvisory on ruby-advisory-db', () => {
  it('converts every gem advisory, one unique id per file', () => {
    const root = sharedData('vuln', 'rubysec', 'gems');
    const failures: string[] = [];
    const idPaths = new Map<string, string>();
    const duplicates: string[] = [];
    const filesPerCve = new Map<string, number>();
    let count = 0;
    for (const gem of readdirSync(root)) {
      for (const file of readdirSync(join(root, gem))) {
        count++;
        const path = `gems/${gem}/${file}`;
        const r = parseRubysecAdvisory(readFileSync(join(root, gem, file)), { path, source: 'rubysec' });
        if (!r.ok) {
          failures.push(r.error);
          continue;
        }
        const a = r.value;
        const name = file.replace(/\.yml$/, '');
        assert.equal(a.id, `RUBYSEC-${gem}-${name}`, path);
        const seen = idPaths.get(a.id);
        if (seen !== undefined) duplicates.push(`${a.id}: ${seen} and ${path}`);
        idPaths.set(a.id, path);
        // Every file is named after one of its ids (CVE, GHSA or OSVDB), which must be an alias.
        assert.ok(a.aliases.includes(name), `${path}: ${a.aliases.join(', ')}`);
        for (const alias of a.aliases)
          assert.match(alias, /^(CVE-\d{4}-\d+|GHSA-[0-9a-z-]{14}|OSVDB-\d+)$/, path);
        assert.ok(!a.related.some((x) => a.aliases.includes(x)), path);
        for (const cve of a.aliases.filter((x) => x.startsWith('CVE-'))) {
          filesPerCve.set(cve, (filesPerCve.get(cve) ?? 0) + 1);
        }
        assert.equal(a.affected.length, 1);
        assert.equal(a.affected[0]?.ecosystem, 'RubyGems');
        assert.equal(a.affected[0]?.name, gem, path);
        assert.match(a.modified, /^\d{4}-\d{2}-\d{2}T00:00:00Z$/);
      }
    }
    assert.ok(count >= 1200, `only ${count} advisories`);
    assert.deepEqual(failures, []);
    assert.deepEqual(duplicates, []);
    assert.equal(idPaths.size, count);
    // The feed copies a CVE into several gems (Rails frameworks): each copy keeps the CVE as an alias.
    assert.ok(
      [...filesPerCve.values()].some((n) => n > 1),
      'no CVE shared by two files',
    );
  });

  it('gives a CVE copied into two gems two ids, both aliased to the CVE (CVE-2009-3009)', () => {
    const ids = ['actionpack', 'activesupport'].map((gem) => {
      const path = `gems/${gem}/CVE-2009-3009.yml`;
      const r = parseRubysecAdvisory(read('gems', gem, 'CVE-2009-3009.yml'), { path, source: 'rubysec' });
      assert.ok(r.ok, r.ok ? '' : r.error);
      assert.ok(r.value.aliases.includes('CVE-2009-3009'), r.value.aliases.join(', '));
      return r.value.id;
    });
    assert.deepEqual(ids, ['RUBYSEC-actionpack-CVE-2009-3009', 'RUBYSEC-activesupport-CVE-2009-3009']);
  });

  it('reads nokogiri CVE-2022-24836', () => {
    const r = parseRubysecAdvisory(read('gems', 'nokogiri', 'CVE-2022-24836.yml'), {
      path: 'gems/nokogiri/CVE-2022-24836.yml',
      source: 'rubysec',
    });
    assert.ok(r.ok, r.ok ? '' : r.error);
    const a = r.value;
    assert.equal(a.id, 'RUBYSEC-nokogiri-CVE-2022-24836');
    assert.deepEqual(a.aliases, ['CVE-2022-24836', 'GHSA-crjr-9rc5-ghw8']);
    assert.deepEqual(a.related, []);
    assert.equal(a.summary, 'Inefficient Regular Expression Complexity in Nokogiri');
    assert.equal(a.published, '2022-04-11T00:00:00Z');
    assert.deepEqual(a.severity, []);
    assert.deepEqual(a.databaseSpecific, { cvss_v3: 7.5 });
    assert.deepEqual(a.affected[0]?.ranges, [
      { type: 'ECOSYSTEM', events: [{ introduced: '0' }, { fixed: '1.13.4' }] },
    ]);
    assert.equal(a.affected[0]?.purl, 'pkg:gem/nokogiri');
    assert.deepEqual(a.references[0], {
      type: 'ADVISORY',
      url: 'https://github.com/sparklemotion/nokogiri/security/advisories/GHSA-crjr-9rc5-ghw8',
    });
  });

  it('reads actionpack CVE-2023-22795 (three patched lines)', () => {
    const r = parseRubysecAdvisory(read('gems', 'actionpack', 'CVE-2023-22795.yml'), {
      path: 'gems/actionpack/CVE-2023-22795.yml',
      source: 'rubysec',
    });
    assert.ok(r.ok, r.ok ? '' : r.error);
    assert.equal(r.value.id, 'RUBYSEC-actionpack-CVE-2023-22795');
    assert.deepEqual(r.value.aliases, ['CVE-2023-22795', 'GHSA-8xww-x3g3-6jcv']);
    const pkg = r.value.affected[0]!;
    assert.deepEqual(
      pkg.ranges.map((x) => x.events),
      [
        [{ introduced: '0' }, { fixed: '5.2.8' }],
        [{ introduced: '5.3' }, { fixed: '6.1.7.1' }],
        [{ introduced: '6.2' }, { fixed: '7.0.4.1' }],
      ],
    );
    assert.deepEqual(r.value.databaseSpecific, { framework: 'rails' });
    const scheme = schemeForEcosystem('RubyGems')!;
    for (const [version, affected] of [
      ['5.2.7', true],
      ['5.2.8.15', false],
      ['6.0.6', true],
      ['6.1.7.1', false],
      ['7.0.4', true],
      ['7.0.4.1', false],
    ] as const) {
      const m = matchOsvAffected(version, pkg, scheme);
      assert.ok(m.ok);
      assert.equal(m.value !== undefined, affected, version);
    }
  });
});

describe('parseRubysecAdvisory on bad or unusual input', () => {
  const base = 'gem: g\ndate: 2024-01-02\n';

  it('names the advisory by gem and file, with every cve, ghsa and osvdb id as an alias', () => {
    const cases: readonly (readonly [string, readonly string[]])[] = [
      [
        'cve: 2024-1234\nghsa: abcd-efgh-jkmp\nosvdb: 12\n',
        ['CVE-2024-1234', 'GHSA-abcd-efgh-jkmp', 'OSVDB-12'],
      ],
      ['cve: CVE-2024-1234\nghsa: GHSA-ABCD-EFGH-JKMP\n', ['CVE-2024-1234', 'GHSA-abcd-efgh-jkmp']],
      ['ghsa: abcd-efgh-jkmp\nosvdb: 12\n', ['GHSA-abcd-efgh-jkmp', 'OSVDB-12']],
      ['osvdb: 12\n', ['OSVDB-12']],
      ['', []],
    ];
    for (const [extra, aliases] of cases) {
      const r = parseRubysecAdvisory(base + extra, OPTS);
      assert.ok(r.ok, r.ok ? '' : r.error);
      // The id comes from the gem and the file, never from the cve/ghsa/osvdb fields.
      assert.equal(r.value.id, 'RUBYSEC-g-CVE-2024-0001', extra);
      assert.deepEqual(r.value.aliases, aliases, extra);
    }
    const ghsaFile = parseRubysecAdvisory(`${base}cve: 2024-1234\n`, {
      ...OPTS,
      path: 'gems/g/GHSA-abcd-efgh-jkmp.yaml',
    });
    assert.ok(ghsaFile.ok, ghsaFile.ok ? '' : ghsaFile.error);
    assert.equal(ghsaFile.value.id, 'RUBYSEC-g-GHSA-abcd-efgh-jkmp');
    assert.deepEqual(ghsaFile.value.aliases, ['CVE-2024-1234']);
  });

  it('reads related ids and urls, and CVSS vectors', () => {
    const r = parseRubysecAdvisory(
      `${base}cve: 2024-1111\ncvss_v3: "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H"\ncvss_v2: nonsense\n` +
        'url: https://a\nrelated:\n  cve:\n    - 2024-2222\n    - 2024-1111\n  ghsa:\n    - abcd-efgh-jkmp\n  url:\n    - https://b\n    - https://a\n',
      OPTS,
    );
    assert.ok(r.ok, r.ok ? '' : r.error);
    assert.equal(r.value.id, 'RUBYSEC-g-CVE-2024-0001');
    assert.deepEqual(r.value.aliases, ['CVE-2024-1111']);
    // CVE-2024-1111 is also listed as related; it stays an alias only.
    assert.deepEqual(r.value.related, ['CVE-2024-2222', 'GHSA-abcd-efgh-jkmp']);
    assert.deepEqual(r.value.severity, [
      { type: 'CVSS_V3', score: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H' },
    ]);
    assert.deepEqual(r.value.databaseSpecific, { invalid_cvss_v2: 'nonsense' });
    assert.deepEqual(
      r.value.references.map((x) => x.url),
      ['https://a', 'https://b'],
    );
  });

  it('keeps an unaffected lower bound and notes the approximation', () => {
    const r = parseRubysecAdvisory(
      `${base}unaffected_versions:\n  - "<= 1.0"\npatched_versions:\n  - ">= 1.2"\n`,
      OPTS,
    );
    assert.ok(r.ok, r.ok ? '' : r.error);
    assert.deepEqual(r.value.affected[0]?.ranges[0]?.events, [{ introduced: '1.0' }, { fixed: '1.2' }]);
    assert.deepEqual(r.value.affected[0]?.databaseSpecific?.conversion_notes, [
      '"> 1.0" written as introduced 1.0, which is reported affected too',
    ]);
  });

  const BAD: readonly (readonly [string, string, RegExp])[] = [
    ['not YAML', 'gem: [unclosed\n', /^gems\/x\/CVE-2024-0001\.yml: invalid YAML/],
    ['not a mapping', '- a\n- b\n', /must be a YAML mapping/],
    ['no gem', 'date: 2024-01-02\n', /: gem: a non-empty string is required/],
    ['no date', 'gem: g\n', /: date: a YYYY-MM-DD date is required/],
    ['a bad date', 'gem: g\ndate: yesterday\n', /: date: "yesterday" is not a YYYY-MM-DD date/],
    ['a bad cve', `${base}cve: twelve\n`, /: cve: "twelve" is not a CVE identifier/],
    ['patched not a list', `${base}patched_versions: ">= 1"\n`, /: patched_versions: must be a list/],
    [
      'a bad requirement',
      `${base}patched_versions:\n  - ">= 1"\n  - "!= 2"\n`,
      /: patched_versions\[1\]: "!= 2"/,
    ],
    [
      'a Ruby interpreter',
      'engine: ruby\ndate: 2024-01-02\n',
      /: engine: an advisory for the Ruby interpreter "ruby"/,
    ],
    [
      'a bad version',
      `${base}patched_versions:\n  - ">= 1.0.x-@"\n`,
      /patched_versions\[0\]: ">= 1.0.x-@" is not/,
    ],
  ];
  for (const [name, text, why] of BAD) {
    it(`refuses ${name}, naming the file`, () => {
      const r = parseRubysecAdvisory(text, OPTS);
      assert.ok(!r.ok, 'accepted');
      assert.match(r.error, why);
      assert.ok(r.error.startsWith('gems/x/CVE-2024-0001.yml: '), r.error);
    });
  }
});
