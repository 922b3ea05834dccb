import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { BulwarkError, ErrorCodes } from '../../core/errors.ts';
import type { Finding } from '../../core/finding.ts';
import { applyIgnoreRules } from './apply-ignore-rules.ts';
import { loadIgnoreFile, parseIgnoreFile } from './ignore-file.ts';
import { finding } from './testdata/finding.ts';

const NOW = new Date('2025-06-15T12:00:00Z');
const SRC = '.bulwarkignore';

const log4j = finding();
const log4jOther = finding({
  package: {
    id: 'maven:log4j-core@2.14.1#2',
    locations: [{ path: 'opt/tool/log4j-core.jar' }],
  },
});
const log4jNewer = finding({
  id: 'CVE-2021-45046',
  aliases: ['GHSA-7rjr-3q55-vv33'],
  package: {
    id: 'maven:log4j-core@2.15.0',
    version: '2.15.0',
    purl: 'pkg:maven/org.apache.logging.log4j/log4j-core@2.15.0',
  },
});
const libc = finding({
  id: 'CVE-2023-4911',
  aliases: ['DSA-5514-1'],
  severity: 'HIGH',
  package: {
    id: 'deb:libc6@2.36-9+deb12u1:amd64',
    name: 'libc6',
    version: '2.36-9+deb12u1',
    type: 'deb',
    purl: 'pkg:deb/debian/libc6@2.36-9%2Bdeb12u1?arch=amd64&distro=debian-12',
    locations: [{ path: 'var/lib/dpkg/status' }],
  },
});
const ALL = [log4j, log4jOther, log4jNewer, libc];

/** Which findings (by package id + vuln id) a file suppresses. */
function suppressed(yaml: string, findings: readonly Finding[] = ALL): string[] {
  return applyIgnoreRules(findings, parseIgnoreFile(yaml, SRC, NOW))
    .filter((f) => f.suppressed)
    .map((f) => `${f.id} ${f.package.id}`);
}

describe('ignore file: which findings a rule matches', () => {
  const cases: { name: string; yaml: string; want: string[] }[] = [
    {
      name: 'by id: every package with that vulnerability',
      yaml: 'ignore:\n  - id: CVE-2021-44228\n    reason: not reachable\n',
      want: ['CVE-2021-44228 maven:log4j-core@2.14.1', 'CVE-2021-44228 maven:log4j-core@2.14.1#2'],
    },
    {
      name: 'by alias (GHSA) and case-insensitively',
      yaml: 'ignore:\n  - id: ghsa-7rjr-3q55-vv33\n    reason: r\n',
      want: ['CVE-2021-45046 maven:log4j-core@2.15.0'],
    },
    {
      name: 'by a distro advisory alias',
      yaml: 'ignore:\n  - id: DSA-5514-1\n    reason: r\n',
      want: ['CVE-2023-4911 deb:libc6@2.36-9+deb12u1:amd64'],
    },
    {
      name: 'purl without version: any version of the package',
      yaml:
        'ignore:\n  - id: CVE-2021-44228\n    purl: pkg:maven/org.apache.logging.log4j/log4j-core\n    reason: r\n' +
        '  - id: CVE-2021-45046\n    purl: pkg:maven/org.apache.logging.log4j/log4j-core\n    reason: r\n',
      want: [
        'CVE-2021-44228 maven:log4j-core@2.14.1',
        'CVE-2021-44228 maven:log4j-core@2.14.1#2',
        'CVE-2021-45046 maven:log4j-core@2.15.0',
      ],
    },
    {
      name: 'purl with a version: only that version',
      yaml: 'ignore:\n  - id: CVE-2021-45046\n    purl: pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1\n    reason: r\n',
      want: [],
    },
    {
      name: 'purl of another package: nothing',
      yaml: 'ignore:\n  - id: CVE-2021-44228\n    purl: pkg:maven/org.apache.logging.log4j/log4j-api\n    reason: r\n',
      want: [],
    },
    {
      name: 'purl qualifiers are ignored unless given',
      yaml: 'ignore:\n  - id: CVE-2023-4911\n    purl: pkg:deb/debian/libc6@2.36-9+deb12u1\n    reason: r\n',
      want: ['CVE-2023-4911 deb:libc6@2.36-9+deb12u1:amd64'],
    },
    {
      name: 'given qualifiers must match',
      yaml: 'ignore:\n  - id: CVE-2023-4911\n    purl: pkg:deb/debian/libc6?arch=arm64\n    reason: r\n',
      want: [],
    },
    {
      name: 'path glob: only the package at that location',
      yaml: 'ignore:\n  - id: CVE-2021-44228\n    path: opt/**\n    reason: vendored tool, never run\n',
      want: ['CVE-2021-44228 maven:log4j-core@2.14.1#2'],
    },
    {
      name: 'path glob with a leading slash',
      yaml: "ignore:\n  - id: CVE-2021-44228\n    path: '/app/lib/*.jar'\n    reason: r\n",
      want: ['CVE-2021-44228 maven:log4j-core@2.14.1'],
    },
    {
      name: 'purl and path must both match',
      yaml: 'ignore:\n  - id: CVE-2021-44228\n    purl: pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1\n    path: nowhere/**\n    reason: r\n',
      want: [],
    },
    {
      name: 'not yet expired (date-only: the whole day counts)',
      yaml: 'ignore:\n  - id: CVE-2023-4911\n    expires: 2025-06-15\n    reason: r\n',
      want: ['CVE-2023-4911 deb:libc6@2.36-9+deb12u1:amd64'],
    },
    {
      name: 'expired: does not apply',
      yaml: 'ignore:\n  - id: CVE-2023-4911\n    expires: 2025-06-14\n    reason: r\n',
      want: [],
    },
    {
      name: 'RFC 3339 expiry later today applies',
      yaml: "ignore:\n  - id: CVE-2023-4911\n    expires: '2025-06-15T13:00:00+00:00'\n    reason: r\n",
      want: ['CVE-2023-4911 deb:libc6@2.36-9+deb12u1:amd64'],
    },
    {
      name: 'RFC 3339 expiry earlier today does not',
      yaml: 'ignore:\n  - id: CVE-2023-4911\n    expires: 2025-06-15T11:59:59Z\n    reason: r\n',
      want: [],
    },
    { name: 'empty file', yaml: '', want: [] },
    { name: 'only a comment', yaml: '# nothing ignored yet\n', want: [] },
    { name: 'empty list', yaml: 'ignore: []\n', want: [] },
    { name: 'null list', yaml: 'ignore:\n', want: [] },
  ];
  for (const c of cases) it(c.name, () => assert.deepEqual(suppressed(c.yaml), c.want));

  it('marks the suppression with the reason and the file; keeps every finding', () => {
    const rules = parseIgnoreFile(
      'ignore:\n  - id: CVE-2023-4911\n    reason: "no setuid binaries"\n',
      SRC,
      NOW,
    );
    const out = applyIgnoreRules(ALL, rules);
    assert.equal(out.length, ALL.length);
    assert.deepEqual(out[3]!.suppressed, {
      kind: 'ignore',
      status: 'ignored',
      reason: 'no setuid binaries',
      source: SRC,
    });
    assert.equal(out[0], log4j, 'untouched findings are the same objects');
  });

  it('the first matching rule gives the reason; an existing suppression is kept', () => {
    const rules = parseIgnoreFile(
      'ignore:\n  - id: CVE-2021-44228\n    path: app/**\n    reason: first\n  - id: CVE-2021-44228\n    reason: second\n',
      SRC,
      NOW,
    );
    const vexed = finding({
      suppressed: { kind: 'vex', status: 'not_affected', reason: 'v', source: 'x.vex' },
    });
    const out = applyIgnoreRules([log4j, log4jOther, vexed], rules);
    assert.deepEqual(
      out.map((f) => f.suppressed?.reason),
      ['first', 'second', 'v'],
    );
  });

  it('expired rules are reported as warnings', () => {
    const rules = parseIgnoreFile(
      'ignore:\n  - id: CVE-2021-44228\n    reason: r\n  - id: CVE-2023-4911\n    expires: 2024-01-31\n    reason: r\n',
      SRC,
      NOW,
    );
    assert.equal(rules.rules.length, 1);
    assert.deepEqual(rules.warnings, [
      '.bulwarkignore: rule for CVE-2023-4911 expired on 2024-01-31 (ignore[1]); it no longer applies',
    ]);
  });
});

describe('ignore file: bad files are refused with the file, the entry and the problem', () => {
  const cases: { name: string; yaml: string; message: RegExp }[] = [
    { name: 'not YAML', yaml: 'ignore: [\n  - id: x', message: /^\.bulwarkignore: not valid YAML/ },
    { name: 'duplicate keys', yaml: 'ignore: []\nignore: []\n', message: /not valid YAML/ },
    {
      name: 'top level is a list',
      yaml: '- id: CVE-1\n  reason: r\n',
      message: /top level must be a mapping/,
    },
    { name: 'unknown top-level key', yaml: 'ignores: []\n', message: /unknown top-level key "ignores"/ },
    { name: 'ignore is a mapping', yaml: 'ignore:\n  id: CVE-1\n', message: /"ignore" must be a list/ },
    {
      name: 'entry is a string',
      yaml: 'ignore:\n  - CVE-2021-44228\n',
      message: /ignore\[0\]: an entry must be a mapping/,
    },
    { name: 'missing id', yaml: 'ignore:\n  - reason: r\n', message: /ignore\[0\]: "id" is required/ },
    {
      name: 'missing reason',
      yaml: 'ignore:\n  - id: CVE-1\n    reason: r\n  - id: CVE-2021-44228\n',
      message: /^\.bulwarkignore: ignore\[1\] \(CVE-2021-44228\): "reason" is required/,
    },
    {
      name: 'empty reason',
      yaml: "ignore:\n  - id: CVE-1\n    reason: ' '\n",
      message: /"reason" must be a non-empty string/,
    },
    {
      name: 'reason not a string',
      yaml: 'ignore:\n  - id: CVE-1\n    reason: [a]\n',
      message: /"reason" must be a non-empty string/,
    },
    {
      name: 'misspelt field',
      yaml: 'ignore:\n  - id: CVE-1\n    reason: r\n    paths: x\n',
      message: /unknown field "paths"/,
    },
    {
      name: 'bad purl',
      yaml: 'ignore:\n  - id: CVE-1\n    reason: r\n    purl: log4j\n',
      message: /ignore\[0\] \(CVE-1\): "purl": "log4j" is not a valid purl/,
    },
    {
      name: 'bad glob',
      yaml: 'ignore:\n  - id: CVE-1\n    reason: r\n    path: a**\n',
      message: /"path": .*whole path segment/,
    },
    {
      name: 'impossible date',
      yaml: 'ignore:\n  - id: CVE-1\n    reason: r\n    expires: 2025-02-30\n',
      message: /"expires": "2025-02-30" is not a date/,
    },
    {
      name: 'not a date',
      yaml: 'ignore:\n  - id: CVE-1\n    reason: r\n    expires: next week\n',
      message: /"expires": "next week"/,
    },
    {
      name: 'date as a number',
      yaml: 'ignore:\n  - id: CVE-1\n    reason: r\n    expires: 20250101\n',
      message: /"expires" must be a non-empty string/,
    },
    {
      name: 'alias bomb',
      yaml:
        'a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\n' +
        'd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]\nignore: [*d, *d, *d, *d, *d, *d, *d, *d, *d]\n',
      message: /too many YAML aliases/,
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      assert.throws(
        () => parseIgnoreFile(c.yaml, SRC, NOW),
        (e: unknown) => {
          assert.ok(e instanceof BulwarkError);
          assert.equal(e.code, ErrorCodes.IGNORE_FILE_INVALID);
          assert.equal(e.subject, SRC);
          assert.match(e.message, c.message);
          return true;
        },
      );
    });
  }

  it('a few anchors (a shared reason) are fine', () => {
    const rules = parseIgnoreFile(
      'ignore:\n  - id: CVE-1\n    reason: &why "build-time only"\n  - id: CVE-2\n    reason: *why\n',
      SRC,
      NOW,
    );
    assert.deepEqual(
      rules.rules.map((r) => r.reason),
      ['build-time only', 'build-time only'],
    );
  });
});

describe('loadIgnoreFile', () => {
  let dir: string;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'bulwark-ignore-'));
  });
  after(() => rm(dir, { recursive: true, force: true }));

  it('reads a file and names it as the source', async () => {
    const path = join(dir, '.bulwarkignore');
    await writeFile(path, 'ignore:\n  - id: CVE-2021-44228\n    reason: r\n');
    const rules = await loadIgnoreFile(path, NOW);
    assert.equal(rules.source, path);
    assert.equal(applyIgnoreRules([log4j], rules)[0]!.suppressed?.source, path);
  });

  it('a missing file is INPUT_NOT_FOUND naming it', async () => {
    const path = join(dir, 'nope');
    await assert.rejects(loadIgnoreFile(path, NOW), (e: unknown) => {
      assert.ok(e instanceof BulwarkError);
      assert.equal(e.code, ErrorCodes.INPUT_NOT_FOUND);
      assert.match(e.message, /nope: ignore file not found/);
      return true;
    });
  });

  it('a directory is INPUT_UNREADABLE', async () => {
    await assert.rejects(loadIgnoreFile(dir, NOW), (e: unknown) => {
      assert.ok(e instanceof BulwarkError);
      assert.equal(e.code, ErrorCodes.INPUT_UNREADABLE);
      return true;
    });
  });

  it('errors in the content name the file path', async () => {
    const path = join(dir, 'bad.yaml');
    await writeFile(path, 'ignore:\n  - id: CVE-1\n');
    await assert.rejects(
      loadIgnoreFile(path, NOW),
      new RegExp(`^BulwarkError: ${path}: ignore\\[0\\] \\(CVE-1\\)`),
    );
  });
});
