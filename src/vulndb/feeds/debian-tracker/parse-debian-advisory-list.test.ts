import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import type { Advisory } from '../../../core/advisory.ts';
import { sharedData } from '../../../test-support/shared-data.ts';
import { parseDebianAdvisoryList } from './parse-debian-advisory-list.ts';

function readList(kind: 'DSA' | 'DLA') {
  const file = sharedData('vuln', 'debian-security-tracker', 'data', kind, 'list');
  return parseDebianAdvisoryList(readFileSync(file, 'utf8'), {
    path: `${kind}/list`,
    source: `debian-${kind.toLowerCase()}`,
  });
}

/** `ecosystem name fixed` of every affected entry ('-' when unfixed). */
function fixes(a: Advisory | undefined): string[] {
  return (a?.affected ?? []).map((p) => `${p.ecosystem} ${p.name} ${p.ranges[0]?.events[1]?.fixed ?? '-'}`);
}

describe('parseDebianAdvisoryList on the real DSA list', () => {
  const dsa = readList('DSA');
  const byId = new Map(dsa.advisories.map((a) => [a.id, a]));

  it('reads every entry; the one line skipped has a package name for a version', () => {
    assert.equal(dsa.advisories.length, 5406);
    assert.equal(
      dsa.advisories.reduce((n, a) => n + a.affected.length, 0),
      6932,
    );
    assert.deepEqual(dsa.skipped, [
      {
        path: 'DSA/list',
        reason:
          'line 17244: DSA-423: woody kernel-image-2.4.17-ia64: "kernel-image-2.4.17-ia64" is not a Debian version ' +
          '(upstream version "kernel-image-2.4.17" does not start with a digit)',
      },
    ]);
    assert.ok(dsa.advisories.every((a) => a.source === 'debian-dsa' && /^DSA-\d+(-\d+)?$/.test(a.id)));
  });

  it('reads DSA-3696-1 (Dirty COW) as the fix of its CVEs in jessie', () => {
    assert.deepEqual(byId.get('DSA-3696-1'), {
      id: 'DSA-3696-1',
      aliases: [],
      related: ['CVE-2015-8956', 'CVE-2016-5195', 'CVE-2016-7042', 'CVE-2016-7425'],
      summary: 'linux - security update',
      published: '2016-10-19T00:00:00Z',
      modified: '2016-10-19T00:00:00Z',
      severity: [],
      affected: [
        {
          ecosystem: 'Debian:8',
          name: 'linux',
          ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '0' }, { fixed: '3.16.36-1+deb8u2' }] }],
          versions: [],
        },
      ],
      references: [{ type: 'ADVISORY', url: 'https://security-tracker.debian.org/tracker/DSA-3696-1' }],
      source: 'debian-dsa',
    });
  });

  it('reads the markers: not-affected, unfixed with an urgency, end-of-life', () => {
    const vlc = byId.get('DSA-2218-1');
    assert.deepEqual(fixes(vlc), ['Debian:6 vlc 1.1.3-1squeeze5']);
    assert.deepEqual(vlc?.databaseSpecific, { notAffected: [{ ecosystem: 'Debian:5', name: 'vlc' }] });
    // `[woody] - phpgroupware <unfixed> (high)` and `[sarge] - phpgroupware 0.9.16.005-3.sarge0 (high)`
    const php = byId.get('DSA-746-1');
    assert.deepEqual(fixes(php), [
      'Debian:3.0 phpgroupware -',
      'Debian:3.1 phpgroupware 0.9.16.005-3.sarge0',
    ]);
    assert.deepEqual(php?.affected[0]?.ecosystemSpecific, { status: 'unfixed' });
    assert.deepEqual(php?.affected[0]?.severity, [{ type: 'Debian', score: 'high' }]);
    assert.deepEqual(php?.affected[0]?.ranges, [{ type: 'ECOSYSTEM', events: [{ introduced: '0' }] }]);
    const vbox = byId.get('DSA-3699-1');
    assert.deepEqual(fixes(vbox), ['Debian:8 virtualbox -']);
    assert.deepEqual(vbox?.affected[0]?.ecosystemSpecific, { status: 'end-of-life' });
    assert.deepEqual(vbox?.related, []);
  });

  it('ignores NOTE lines, even those quoting a package line, as the tracker does', () => {
    // DSA-415: `NOTE: [woody] - zebra 0.92a-5woody2` then `NOTE: (newer zebra source package is totally unrelated)`.
    assert.deepEqual(fixes(byId.get('DSA-415')), []);
    assert.deepEqual(byId.get('DSA-415')?.related, ['CVE-2003-0795', 'CVE-2003-0858']);
  });

  it('keeps ids without a revision and titles as written', () => {
    assert.equal(byId.get('DSA-135')?.summary, 'libapache-mod-ssl -- buffer overflow / DoS');
    assert.deepEqual(fixes(byId.get('DSA-135')), ['Debian:3.0 libapache-mod-ssl 2.8.9-2']);
    assert.equal(byId.get('DSA-4205-1')?.summary, 'jessie end-of-life');
  });
});

describe('parseDebianAdvisoryList on the real DLA list', () => {
  const dla = readList('DLA');

  it('reads every entry without a skip', () => {
    assert.equal(dla.advisories.length, 3534);
    assert.equal(
      dla.advisories.reduce((n, a) => n + a.affected.length, 0),
      3535,
    );
    assert.deepEqual(dla.skipped, []);
  });

  it('reads DLA-670-1, the wheezy fix of Dirty COW', () => {
    const a = dla.advisories.find((x) => x.id === 'DLA-670-1');
    assert.ok(a?.related.includes('CVE-2016-5195'));
    assert.deepEqual(fixes(a), ['Debian:7 linux 3.2.82-1']);
    assert.equal(a?.published, '2016-10-19T00:00:00Z');
  });
});

const OPTS = { path: 'DSA/list', source: 's' };

describe('parseDebianAdvisoryList on bad or unusual input', () => {
  it('skips lines it cannot use with their line number, and keeps the rest', () => {
    const text = [
      '\t[jessie] - orphan 1.0-1',
      '[01 Jan 2020] DSA-1-1 pkg - security update',
      '\t{CVE-2020-0001 cve-bad CVE-2020-0001}',
      '\t[jessie] - pkg 1.0-1+deb8u1',
      '\t[jessie] - pkg 1.0-2',
      '\t[hamm2] - pkg 1.0-1',
      '\t[stretch] - Pkg_Name 1.0-1',
      '\t[stretch] - pkg',
      '\t[stretch] - pkg kernel-image',
      '\t[stretch] - pkg 1.0-1 trailing words',
      '\t[buster] - pkg <removed>',
      '\t[bullseye] - pkg <no-dsa> (Minor issue)',
      '\t{CVE-2020-0002',
      '\tsomething else',
      '[32 Jan 2020] DSA-2-1 pkg - bad date',
      '\t[jessie] - pkg 1.0-1',
      'DSA-3-1 no date',
      '[01 Jan 2020] DSA-1-1 pkg - repeated',
    ].join('\r\n');
    const r = parseDebianAdvisoryList(text, OPTS);
    assert.equal(r.advisories.length, 1);
    assert.deepEqual(r.advisories[0]?.related, ['CVE-2020-0001']);
    assert.deepEqual(fixes(r.advisories[0]), ['Debian:8 pkg 1.0-1+deb8u1', 'Debian:11 pkg -']);
    assert.deepEqual(r.advisories[0]?.affected[1]?.ecosystemSpecific, { status: 'no-dsa' });
    assert.deepEqual(
      r.skipped.map((s) => s.reason),
      [
        'line 1: "[jessie] - orphan 1.0-1" is outside any advisory',
        'line 3: DSA-1-1: "cve-bad" not a vulnerability id',
        'line 5: DSA-1-1: jessie pkg repeats line 4',
        'line 6: DSA-1-1: unknown release "hamm2"',
        'line 7: DSA-1-1: "Pkg_Name" is not a Debian source package name',
        'line 8: DSA-1-1: stretch pkg: no version or status',
        'line 9: DSA-1-1: stretch pkg: "kernel-image" is not a Debian version (upstream version "kernel" does not start with a digit)',
        'line 10: DSA-1-1: stretch pkg: unexpected text "trailing words"',
        'line 11: DSA-1-1: buster pkg: unsupported status <removed>',
        'line 13: DSA-1-1: unterminated id list "{CVE-2020-0002"',
        'line 14: DSA-1-1: unrecognised line "something else"',
        'line 15: DSA-2-1: "32 Jan 2020" is not a date',
        'line 17: not an advisory header: "DSA-3-1 no date"',
        'line 18: DSA-1-1 repeats the entry of line 2',
      ],
    );
    assert.ok(r.skipped.every((s) => s.path === 'DSA/list'));
  });

  it('returns nothing for an empty or non-list text, with reasons for the latter', () => {
    assert.deepEqual(parseDebianAdvisoryList('', OPTS), { advisories: [], skipped: [] });
    const r = parseDebianAdvisoryList('{"not": "a list"}\n', OPTS);
    assert.deepEqual(r.advisories, []);
    assert.deepEqual(r.skipped, [
      { path: 'DSA/list', reason: 'line 1: not an advisory header: "{"not": "a list"}"' },
    ]);
  });

  it('maps every codename from buzz to forky, and sid to unstable', () => {
    const names =
      'buzz rex bo hamm slink potato woody sarge etch lenny squeeze wheezy jessie stretch buster bullseye bookworm trixie forky sid';
    const text = ['[01 Jan 2020] DSA-1-1 p - x', ...names.split(' ').map((c) => `\t[${c}] - pp 1.0`)].join(
      '\n',
    );
    const r = parseDebianAdvisoryList(text, OPTS);
    assert.deepEqual(r.skipped, []);
    assert.deepEqual(
      r.advisories[0]?.affected.map((p) => p.ecosystem.replace('Debian:', '')),
      [
        '1.1',
        '1.2',
        '1.3',
        '2.0',
        '2.1',
        '2.2',
        '3.0',
        '3.1',
        '4',
        '5',
        '6',
        '7',
        '8',
        '9',
        '10',
        '11',
        '12',
        '13',
        '14',
        'unstable',
      ],
    );
  });
});
