import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { sharedData } from '../test-support/shared-data.ts';
import { goVersion } from './go.ts';
import { mavenVersion } from './maven.ts';
import { matchOsvAffected, type OsvAffectedVersions } from './osv-range.ts';
import { rpmVersion } from './rpm.ts';
import type { VersionScheme } from './version-scheme.ts';

interface OsvRecord {
  affected: (OsvAffectedVersions & { package: { ecosystem: string; name: string } })[];
}

const record = (...parts: string[]) =>
  JSON.parse(readFileSync(sharedData('vuln', ...parts), 'utf8')) as OsvRecord;

/** Affected by any of the record's entries for `name` (OSV lists one entry per range for Maven). */
function affected(rec: OsvRecord, name: string, version: string, scheme: VersionScheme<unknown>) {
  for (const a of rec.affected.filter((x) => x.package.name === name)) {
    const r = matchOsvAffected(version, a, scheme);
    assert.ok(r.ok, r.ok ? '' : r.error);
    if (r.value) return r.value;
  }
  return undefined;
}

describe('OSV range semantics on real records', () => {
  it('runc GO-2024-2491 (SEMVER, introduced 1.0.0-rc93, fixed 1.1.12)', () => {
    const rec = record('osv-go/data/osv/GO-2024-2491.json');
    const runc = 'github.com/opencontainers/runc';
    assert.deepEqual(affected(rec, runc, 'v1.1.11', goVersion), {
      kind: 'range',
      rangeIndex: 0,
      type: 'SEMVER',
      introduced: '1.0.0-rc93',
      fixed: '1.1.12',
    });
    assert.ok(affected(rec, runc, 'v1.0.0-rc93', goVersion));
    assert.equal(affected(rec, runc, 'v1.1.12', goVersion), undefined);
    assert.equal(affected(rec, runc, 'v1.0.0-rc92', goVersion), undefined);
  });

  it('Log4Shell GHSA-jfh8-c2jp-5v3q (three ECOSYSTEM entries, introduced "0")', () => {
    const rec = record(
      'osv-ghsa-subset/from-github-advisory-database/advisories/github-reviewed/2021/12/GHSA-jfh8-c2jp-5v3q/GHSA-jfh8-c2jp-5v3q.json',
    );
    const log4j = 'org.apache.logging.log4j:log4j-core';
    assert.equal(affected(rec, log4j, '2.14.1', mavenVersion)?.kind, 'range');
    assert.equal((affected(rec, log4j, '2.14.1', mavenVersion) as { fixed?: string }).fixed, '2.15.0');
    assert.ok(affected(rec, log4j, '2.0-beta9', mavenVersion));
    assert.equal(affected(rec, log4j, '2.15.0', mavenVersion), undefined);
    assert.equal(affected(rec, log4j, '2.17.1', mavenVersion), undefined);
    assert.ok(affected(rec, log4j, '2.12.1', mavenVersion));
    assert.equal(affected(rec, log4j, '2.12.2', mavenVersion), undefined);
  });

  it('last_affected, limit and explicit versions', () => {
    const a: OsvAffectedVersions = {
      ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '1.0-1' }, { last_affected: '1.2-1' }] }],
      versions: ['0.9-1'],
    };
    assert.ok(matchOsvAffected('1.2-1', a, rpmVersion).ok);
    const at = matchOsvAffected('1.2-1', a, rpmVersion);
    assert.deepEqual(at.ok && at.value, {
      kind: 'range',
      rangeIndex: 0,
      type: 'ECOSYSTEM',
      introduced: '1.0-1',
      lastAffected: '1.2-1',
    });
    const above = matchOsvAffected('1.2-2', a, rpmVersion);
    assert.equal(above.ok && above.value, undefined);
    const listed = matchOsvAffected('0.9-1', a, rpmVersion);
    assert.deepEqual(listed.ok && listed.value, { kind: 'version', version: '0.9-1' });
    const limited: OsvAffectedVersions = {
      ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '0' }, { limit: '2.0-1' }] }],
    };
    const below = matchOsvAffected('1.9-1', limited, rpmVersion);
    assert.equal(below.ok && below.value?.kind, 'range');
    const beyond = matchOsvAffected('2.0-1', limited, rpmVersion);
    assert.equal(beyond.ok && beyond.value, undefined);
  });

  it('an unparseable bound is an error naming it, not a silent miss', () => {
    const r = matchOsvAffected(
      '1.0.0',
      { ranges: [{ type: 'SEMVER', events: [{ introduced: 'not-a-version!' }] }] },
      goVersion,
    );
    assert.equal(r.ok, false);
    assert.match(r.ok ? '' : r.error, /introduced "not-a-version!"/);
  });
});
