import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, it } from 'node:test';
import { sharedData } from '../../../test-support/shared-data.ts';
import { parseOsvRecord } from './parse-osv.ts';

function* walk(dir: string): Generator<string> {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) yield* walk(p);
    else if (/\.(json|ya?ml)$/.test(e.name)) yield p;
  }
}

/** Files in the feed folders that are not OSV records. */
const NOT_RECORDS = new Set(['last_updated.json']);
/** osv-scalibr test data wraps records as `{ "vulns": [record…] }`. */
const WRAPPED = /\.vulnerabilities\.json$/;

const SOURCES: readonly (readonly [string, string[], number])[] = [
  ['osv-go', ['vuln', 'osv-go', 'data', 'osv'], 1000],
  ['osv-pypi', ['vuln', 'osv-pypi'], 1000],
  ['osv-rustsec', ['vuln', 'osv-rustsec'], 500],
  ['osv-almalinux', ['vuln', 'osv-almalinux'], 1000],
  ['osv-kubernetes', ['vuln', 'osv-kubernetes'], 20],
  ['osv-ghsa-subset', ['vuln', 'osv-ghsa-subset'], 100],
];

describe('parseOsvRecord on real records', () => {
  for (const [source, parts, atLeast] of SOURCES) {
    it(`parses every ${source} record`, () => {
      const root = sharedData(...parts);
      const failures: string[] = [];
      let count = 0;
      for (const file of walk(root)) {
        const name = relative(root, file);
        if (NOT_RECORDS.has(file.slice(file.lastIndexOf('/') + 1))) continue;
        const texts: string[] = WRAPPED.test(file)
          ? (JSON.parse(readFileSync(file, 'utf8')) as { vulns: unknown[] }).vulns.map((v) =>
              JSON.stringify(v),
            )
          : [readFileSync(file, 'utf8')];
        for (const text of texts) {
          count++;
          const r = parseOsvRecord(text, { source, path: name });
          if (!r.ok) failures.push(r.error);
          else assert.equal(r.value.source, source);
        }
      }
      assert.deepEqual(failures.slice(0, 5), []);
      assert.ok(count >= atLeast, `only ${count} records in ${source}`);
    });
  }

  it('reads GO-2024-2491 (runc)', () => {
    const file = sharedData('vuln', 'osv-go', 'data', 'osv', 'GO-2024-2491.json');
    const r = parseOsvRecord(readFileSync(file), { source: 'osv-go', path: 'GO-2024-2491.json' });
    assert.ok(r.ok, r.ok ? '' : r.error);
    const a = r.value;
    assert.equal(a.id, 'GO-2024-2491');
    assert.ok(a.aliases.includes('CVE-2024-21626'));
    const pkg = a.affected[0];
    assert.equal(pkg?.ecosystem, 'Go');
    assert.equal(pkg?.name, 'github.com/opencontainers/runc');
    assert.deepEqual(pkg?.ranges, [
      { type: 'SEMVER', events: [{ introduced: '1.0.0-rc93' }, { fixed: '1.1.12' }] },
    ]);
    assert.ok(Array.isArray(pkg?.versions));
  });

  it('reads GHSA-jfh8-c2jp-5v3q (log4shell)', () => {
    const file = sharedData(
      'vuln',
      'osv-ghsa-subset',
      'from-github-advisory-database',
      'advisories',
      'github-reviewed',
      '2021',
      '12',
      'GHSA-jfh8-c2jp-5v3q',
      'GHSA-jfh8-c2jp-5v3q.json',
    );
    const r = parseOsvRecord(readFileSync(file, 'utf8'), { source: 'ghsa' });
    assert.ok(r.ok, r.ok ? '' : r.error);
    assert.deepEqual(r.value.aliases, ['CVE-2021-44228']);
    assert.equal(r.value.affected.length, 3);
    for (const a of r.value.affected) {
      assert.equal(a.ecosystem, 'Maven');
      assert.equal(a.name, 'org.apache.logging.log4j:log4j-core');
    }
    assert.deepEqual(r.value.affected[0]?.ranges[0]?.events, [{ introduced: '2.13.0' }, { fixed: '2.15.0' }]);
    assert.ok(r.value.references.length > 0);
  });
});

const MIN = { id: 'X-1', modified: '2024-01-01T00:00:00Z' };

describe('parseOsvRecord on bad or minimal input', () => {
  it('defaults arrays and reads YAML', () => {
    const r = parseOsvRecord('id: X-1\nmodified: 2024-01-01T00:00:00Z\n', { source: 's', format: 'yaml' });
    assert.ok(r.ok);
    assert.deepEqual(r.value, {
      id: 'X-1',
      modified: '2024-01-01T00:00:00Z',
      aliases: [],
      related: [],
      severity: [],
      affected: [],
      references: [],
      source: 's',
    });
  });

  it('keeps ecosystem_specific and database_specific', () => {
    const rec = {
      ...MIN,
      database_specific: { a: 1 },
      affected: [{ package: { ecosystem: 'PyPI', name: 'p' }, ecosystem_specific: { b: true } }],
    };
    const r = parseOsvRecord(JSON.stringify(rec), { source: 's' });
    assert.ok(r.ok);
    assert.deepEqual(r.value.databaseSpecific, { a: 1 });
    assert.deepEqual(r.value.affected[0], {
      ecosystem: 'PyPI',
      name: 'p',
      ranges: [],
      versions: [],
      ecosystemSpecific: { b: true },
    });
  });

  it('rejects invalid JSON and YAML', () => {
    const j = parseOsvRecord('{"id": ', { source: 's', path: 'a.json' });
    assert.ok(!j.ok && j.error.startsWith('a.json: invalid JSON'));
    const y = parseOsvRecord('id: [unclosed\n', { source: 's', path: 'a.yaml' });
    assert.ok(!y.ok && y.error.startsWith('a.yaml: invalid YAML'));
    const notObj = parseOsvRecord('[1]', { source: 's', format: 'json' });
    assert.ok(!notObj.ok && /must be an object/.test(notObj.error));
  });

  it('refuses a YAML alias bomb', () => {
    const lines = ['a: &a ["x","x","x","x","x","x","x","x","x","x"]'];
    for (let i = 1; i < 10; i++) {
      const prev = String.fromCharCode(96 + i);
      const cur = String.fromCharCode(97 + i);
      lines.push(`${cur}: &${cur} [${Array(10).fill(`*${prev}`).join(',')}]`);
    }
    lines.push('id: X-1', 'modified: 2024-01-01T00:00:00Z');
    const r = parseOsvRecord(lines.join('\n'), { source: 's', format: 'yaml' });
    assert.ok(!r.ok);
    assert.match(r.error, /invalid YAML/);
  });

  it('requires id and an RFC 3339 modified', () => {
    const noId = parseOsvRecord(JSON.stringify({ modified: MIN.modified }), { source: 's', path: 'x.json' });
    assert.deepEqual(noId, { ok: false, error: 'x.json: id: a non-empty string is required' });
    const noMod = parseOsvRecord(JSON.stringify({ id: 'X' }), { source: 's' });
    assert.ok(!noMod.ok && noMod.error.startsWith('modified: '));
    const badMod = parseOsvRecord(JSON.stringify({ id: 'X', modified: 'yesterday' }), { source: 's' });
    assert.ok(!badMod.ok && /not an RFC 3339/.test(badMod.error));
  });

  it('names the field of a bad event, range or array', () => {
    const rec = {
      ...MIN,
      affected: [
        {
          package: { ecosystem: 'Go', name: 'm' },
          ranges: [{ type: 'SEMVER', events: [{ introduced: '0' }, { fixed: '1', limit: '2' }] }],
        },
      ],
    };
    const r = parseOsvRecord(JSON.stringify(rec), { source: 's', path: 'GO-2024-2491.json' });
    assert.deepEqual(r, {
      ok: false,
      error:
        'GO-2024-2491.json: affected[0].ranges[0].events[1]: an event needs exactly one of introduced, fixed, last_affected, limit',
    });
    const aliases = parseOsvRecord(JSON.stringify({ ...MIN, aliases: 'CVE-1' }), { source: 's' });
    assert.deepEqual(aliases, { ok: false, error: 'aliases: must be an array' });
    const git = {
      ...MIN,
      affected: [
        { package: { ecosystem: 'Go', name: 'm' }, ranges: [{ type: 'GIT', events: [{ introduced: 'a' }] }] },
      ],
    };
    const g = parseOsvRecord(JSON.stringify(git), { source: 's' });
    assert.deepEqual(g, { ok: false, error: 'affected[0].ranges[0].repo: a GIT range needs a repo' });
  });
});
