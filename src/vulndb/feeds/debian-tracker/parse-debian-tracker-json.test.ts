import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import type { Advisory } from '../../../core/advisory.ts';
import { sharedData } from '../../../test-support/shared-data.ts';
import { parseDebianTrackerJson } from './parse-debian-tracker-json.ts';

/** `ecosystem name fixed urgency` of every affected entry ('-' when unfixed). */
function fixes(a: Advisory | undefined): string[] {
  return (a?.affected ?? []).map(
    (p) =>
      `${p.ecosystem} ${p.name} ${p.ranges[0]?.events[1]?.fixed ?? '-'} ${p.severity?.[0]?.score ?? '-'}`,
  );
}

const OPTS = { path: 'tracker.json', source: 'debian-tracker' };

describe('parseDebianTrackerJson on a real tracker export (osv.dev vulnfeeds sample)', () => {
  const file = sharedData(
    'vuln',
    'cve-records',
    'vulnfeeds',
    'test_data',
    'debian',
    'debian_security_tracker_mock.json',
  );
  const r = parseDebianTrackerJson(readFileSync(file, 'utf8'), OPTS);
  const byId = new Map(r.advisories.map((a) => [a.id, a]));

  it('reads every issue without a skip', () => {
    assert.deepEqual(r.skipped, []);
    assert.deepEqual([...byId.keys()], ['CVE-2014-1424', 'CVE-2016-1585', 'CVE-2017-6507']);
  });

  it('reads open, resolved and never-affected releases of apparmor', () => {
    const open = byId.get('CVE-2016-1585');
    assert.deepEqual(fixes(open), [
      'Debian:10 apparmor - unimportant',
      'Debian:11 apparmor - unimportant',
      'Debian:12 apparmor - unimportant',
      'Debian:13 apparmor 3.0.12-1 unimportant',
      'Debian:unstable apparmor 3.0.12-1 unimportant',
    ]);
    assert.deepEqual(open?.affected[0], {
      ecosystem: 'Debian:10',
      name: 'apparmor',
      ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '0' }] }],
      versions: [],
      severity: [{ type: 'Debian', score: 'unimportant' }],
      ecosystemSpecific: { status: 'open' },
    });
    assert.equal(
      open?.details,
      'In all versions of AppArmor mount rules are accidentally widened when compiled.',
    );
    assert.deepEqual(open?.references, [
      { type: 'ADVISORY', url: 'https://security-tracker.debian.org/tracker/CVE-2016-1585' },
      { type: 'REPORT', url: 'https://bugs.debian.org/929990' },
    ]);
    assert.equal(open?.modified, '1970-01-01T00:00:00Z');
    assert.equal(open?.source, 'debian-tracker');

    const never = byId.get('CVE-2014-1424');
    assert.deepEqual(never?.affected, []);
    assert.deepEqual(
      ((never?.databaseSpecific?.notAffected ?? []) as { ecosystem: string }[]).map((n) => n.ecosystem),
      ['Debian:10', 'Debian:11', 'Debian:12', 'Debian:13', 'Debian:unstable'],
    );
  });
});

describe('parseDebianTrackerJson on bad or unusual input', () => {
  it('merges one CVE across source packages and strips the ** of derived urgencies', () => {
    const doc = {
      openssl: {
        'CVE-2020-0001': {
          description: 'd',
          debianbug: 1,
          releases: { bookworm: { status: 'resolved', fixed_version: '3.0.1-1', urgency: 'high**' } },
        },
      },
      openssl1: {
        'CVE-2020-0001': {
          description: 'other',
          debianbug: 2,
          releases: {
            bookworm: { status: 'undetermined', urgency: 'not yet assigned' },
            bullseye: {
              status: 'open',
              urgency: 'end-of-life',
              nodsa: 'Minor issue',
              nodsa_reason: 'postponed',
            },
          },
        },
        'TEMP-0000000-2F7A3B': { releases: { sid: { status: 'open' } } },
      },
    };
    const r = parseDebianTrackerJson(JSON.stringify(doc), OPTS);
    assert.deepEqual(r.skipped, []);
    assert.deepEqual(
      r.advisories.map((a) => [a.id, a.details, fixes(a)]),
      [
        [
          'CVE-2020-0001',
          'd',
          [
            'Debian:11 openssl1 - end-of-life',
            'Debian:12 openssl 3.0.1-1 high',
            'Debian:12 openssl1 - not yet assigned',
          ],
        ],
        ['TEMP-0000000-2F7A3B', undefined, ['Debian:unstable openssl1 - -']],
      ],
    );
    assert.deepEqual(r.advisories[0]?.affected[0]?.ecosystemSpecific, {
      status: 'open',
      nodsa: 'Minor issue',
      nodsa_reason: 'postponed',
    });
    assert.equal(r.advisories[0]?.references.length, 3);
  });

  it('skips what it cannot use, naming the file and the record', () => {
    const doc = {
      'Bad Name': {},
      notissues: [],
      pkg: {
        'not an id': {},
        'CVE-2020-0001': 'text',
        'CVE-2020-0002': { releases: 'none' },
        'CVE-2020-0003': {
          releases: {
            hamm2: { status: 'open' },
            buster: 'open',
            bullseye: { status: 'resolved' },
            bookworm: { status: 'resolved', fixed_version: 'abc' },
            trixie: { status: 'fixed' },
            sid: { status: 'resolved', fixed_version: '1.0-1' },
          },
        },
      },
    };
    const r = parseDebianTrackerJson(JSON.stringify(doc), OPTS);
    assert.deepEqual(
      r.advisories.map((a) => [a.id, fixes(a)]),
      [['CVE-2020-0003', ['Debian:unstable pkg 1.0-1 -']]],
    );
    assert.deepEqual(
      r.skipped.map((s) => s.reason),
      [
        '"Bad Name" is not a Debian source package name',
        'notissues: not an object of issues',
        'pkg: "not an id" is not a vulnerability id',
        'pkg CVE-2020-0001: not an object',
        'pkg CVE-2020-0002: releases is not an object',
        'pkg CVE-2020-0003: unknown release "hamm2"',
        'pkg CVE-2020-0003 buster: not an object',
        'pkg CVE-2020-0003 bullseye: resolved without a fixed_version',
        'pkg CVE-2020-0003 bookworm: "abc" is not a Debian version (upstream version "abc" does not start with a digit)',
        'pkg CVE-2020-0003 trixie: unknown status "fixed"',
      ],
    );
    assert.ok(r.skipped.every((s) => s.path === 'tracker.json'));
  });

  it('skips a document that is not JSON or not an object', () => {
    const bad = parseDebianTrackerJson('{"pkg": ', OPTS);
    assert.deepEqual(bad.advisories, []);
    assert.match(bad.skipped[0]?.reason ?? '', /^invalid JSON \(/);
    assert.deepEqual(parseDebianTrackerJson('[1, 2]', OPTS).skipped, [
      {
        path: 'tracker.json',
        reason: 'not a tracker document: the top level is not an object of source packages',
      },
    ]);
    assert.deepEqual(parseDebianTrackerJson('{}', OPTS), { advisories: [], skipped: [] });
  });
});
