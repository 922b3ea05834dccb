import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Package } from '../core/package.ts';
import type { ScanResult } from '../core/scan-result.ts';
import { encodeTable } from './table.ts';
import { awkwardFindingsScan, cleanScan, findingsScan } from './testdata/finding-fixtures.ts';
import { allScans, awkwardScan, bookwormScan, emptyImageScan, rootfsScan } from './testdata/scan-fixtures.ts';

/** The package rows: the lines after the NAME header, up to the first blank line. */
function rows(text: string): string[] {
  const lines = text.split('\n');
  const start = lines.findIndex((l) => l.startsWith('NAME '));
  const end = lines.indexOf('', start);
  return lines.slice(start + 1, end);
}

describe('encodeTable', () => {
  it('writes the header with target, digests, platform, OS and count', () => {
    const text = encodeTable(bookwormScan());
    assert.deepEqual(text.split('\n').slice(0, 7), [
      'Target:   docker.io/library/debian:bookworm-ssl (image)',
      'Digest:   sha256:1a071e9ffa6e1e4f7c09d0de20fc6560ae7ccb6ccdf4c3ca16013f7b5089c870',
      'Image ID: sha256:a26fdbe4a28690217fb41e2f4eb572809e4ce1d4f15d0729e30cbe846f405a10',
      'Platform: linux/amd64',
      'OS:       Debian GNU/Linux 12 (bookworm)',
      'Packages: 7',
      '',
    ]);
  });

  it('lists every package once, sorted by name, in aligned columns', () => {
    const scan = bookwormScan();
    const text = encodeTable({ ...scan, packages: [...scan.packages].reverse() });
    const header = text.split('\n').find((l) => l.startsWith('NAME'))!;
    assert.match(header, /^NAME\s+VERSION\s+TYPE\s+SOURCE\s+LAYER$/);
    const body = rows(text);
    assert.deepEqual(
      body.map((l) => l.split(/\s+/)[0]),
      ['base-files', 'gcc-12-base', 'libc6', 'libgcc-s1', 'libssl3', 'tzdata', 'zlib1g'],
    );
    for (const p of scan.packages) {
      assert.ok(
        body.some((l) => l.startsWith(`${p.name} `) && l.includes(` ${p.version} `)),
        p.name,
      );
    }
    const col = header.indexOf('VERSION');
    for (const l of body) assert.match(l.slice(col), /^\S/, `VERSION column aligned in: ${l}`);
    assert.ok(body.find((l) => l.startsWith('libssl3'))!.endsWith('openssl  1 45650b80e5ee'));
    assert.ok(
      body.find((l) => l.startsWith('zlib1g'))!.includes(' zlib '),
      'source version equal to the package’s is not repeated',
    );
  });

  it('shows a directory scan without image lines or a LAYER column', () => {
    const text = encodeTable(rootfsScan());
    assert.ok(text.startsWith('Target:   /srv/rootfs (rootfs)\nOS:       Debian GNU/Linux 12 (bookworm)\n'));
    assert.doesNotMatch(text, /Digest|Platform|LAYER/);
  });

  it('escapes control characters and lists errors', () => {
    const text = encodeTable(awkwardScan());
    assert.doesNotMatch(text, /\u001b/);
    assert.match(text, /\\x1b\[31mevil/);
    assert.match(text, /Errors: {3}1\n/);
    assert.match(
      text,
      /\n {2}javascript\/package-lock {2}node_modules\/x\/package\.json: bad JSON\\x1b\[2J\n$/,
    );
    assert.equal(rows(text).filter((l) => l.startsWith('openssl ')).length, 2, 'same name, two rows');
  });

  it('says so when there are no packages', () => {
    assert.match(encodeTable(emptyImageScan()), /\nNo packages found\.\n$/);
  });

  it('stays readable for 600 packages: one row each, long cells do not widen other rows', () => {
    const many: Package[] = Array.from({ length: 600 }, (_, i) => ({
      id: `p${i}`,
      name:
        i === 7
          ? `linux-image-6.1.0-37-cloud-amd64-unsigned-with-a-very-long-name-${i}`
          : `lib-${String(i).padStart(3, '0')}`,
      version: `1.${i}.0-1`,
      type: 'deb',
      purl: '',
      licenses: [],
      locations: [],
      foundBy: 'os/dpkg',
    }));
    const scan: ScanResult = { ...emptyImageScan(), packages: many };
    const body = rows(encodeTable(scan));
    assert.equal(body.length, 600);
    const normal = body.filter((l) => l.startsWith('lib-'));
    const versionCol = new Set(normal.map((l) => l.indexOf('1.')));
    assert.equal(versionCol.size, 1, 'one VERSION column for all ordinary rows');
    assert.ok(Math.max(...normal.map((l) => l.length)) < 60, 'ordinary rows stay narrow');
  });

  it('handles every fixture', () => {
    for (const scan of Object.values(allScans())) assert.ok(encodeTable(scan).endsWith('\n'));
  });

  describe('with findings', () => {
    /** The lines of the table under `heading`, from its column titles to the next blank line. */
    function section(text: string, heading: string): string[] {
      const lines = text.split('\n');
      const start = lines.indexOf(heading);
      assert.ok(start >= 0, `a "${heading}" table`);
      assert.equal(lines[start + 1], '='.repeat(heading.length));
      const end = lines.indexOf('', start);
      return lines.slice(start + 2, end < 0 ? undefined : end);
    }
    /** Cells of a row, by the start columns of its title row. */
    function cells(titles: string, row: string): Record<string, string> {
      const names = titles.split(/\s+/);
      const starts = names.map((n) => titles.indexOf(` ${n}`) + 1 || 0);
      return Object.fromEntries(
        names.map((n, i) => [n, row.slice(starts[i], starts[i + 1] ?? row.length).trim()]),
      );
    }

    it('lists findings instead of packages, one table per package class, OS packages first', () => {
      const text = encodeTable(findingsScan());
      assert.match(text, /^Target: {3}docker\.io\/library\/debian:bookworm-ssl \(image\)\n/);
      assert.match(text, /\nPackages: 10\n/);
      assert.doesNotMatch(text, /^NAME /m, 'no package list');
      const headings = text.split('\n').filter((_line, i, all) => /^=+$/.test(all[i + 1] ?? ''));
      assert.deepEqual(headings, ['OS packages (debian 12)', 'Java', 'Go binaries']);
      const java = section(text, 'Java');
      assert.match(
        java[0]!,
        /^PACKAGE\s+VULNERABILITY\s+SEVERITY\s+STATUS\s+INSTALLED\s+FIXED\s+KEV\s+EPSS\s+TITLE$/,
      );
      assert.deepEqual(cells(java[0]!, java[1]!), {
        PACKAGE: 'log4j-core',
        VULNERABILITY: 'CVE-2021-44228',
        SEVERITY: 'CRITICAL',
        STATUS: 'fixed',
        INSTALLED: '2.14.1',
        FIXED: '2.15.0',
        KEV: 'KEV',
        EPSS: '99.9%',
        TITLE: 'Remote code injection in Log4j',
      });
      const second = cells(java[0]!, java[2]!);
      assert.deepEqual(
        [second.PACKAGE, second.VULNERABILITY, second.INSTALLED, second.FIXED],
        ['', 'CVE-2021-45046', '', '2.16.0'],
        'same package: grouped, name and version shown once; same severity: by id',
      );
    });

    it('sorts packages by their worst open finding and puts suppressed findings after open ones', () => {
      const os = section(encodeTable(findingsScan()), 'OS packages (debian 12)');
      const rows = os.slice(1).map((r) => cells(os[0]!, r));
      assert.deepEqual(
        rows.map((r) => [r.PACKAGE, r.VULNERABILITY, r.SEVERITY, r.STATUS, r.FIXED]),
        [
          ['libc6', 'CVE-2010-4756', 'NEGLIGIBLE', 'not-fixed', ''],
          ['zlib1g', 'CVE-2023-45853', 'CRITICAL', 'suppressed (vex)', ''],
        ],
      );
      assert.match(
        rows[0]!.TITLE!,
        /^The glob implementation in the GNU C Library .{10,}…$/,
        'description, cut',
      );
      assert.ok(rows[0]!.TITLE!.length <= 60);
    });

    it('ends with the summary line, the suppressed count and the packages not compared', () => {
      const text = encodeTable(findingsScan());
      assert.ok(
        text.endsWith(
          [
            'Total: 4 (CRITICAL: 2, HIGH: 0, MEDIUM: 0, LOW: 0, NEGLIGIBLE: 1, UNKNOWN: 1)',
            'Suppressed: 1 (vex: 1; listed above, not counted in the total)',
            '',
            'Not compared (1):',
            '  github.com/acme/agent: the binary records no module version',
            '',
          ].join('\n'),
        ),
      );
    });

    it('colours severities and the KEV marker only when told to', () => {
      const plain = encodeTable(findingsScan());
      assert.doesNotMatch(plain, /\u001b/);
      const coloured = encodeTable(findingsScan(), { color: true });
      assert.match(coloured, /\u001b\[1;31mCRITICAL\u001b\[0m {2}fixed {3}2\.14\.1/);
      assert.match(coloured, /\u001b\[1;31mKEV\u001b\[0m/);
      assert.match(coloured, /Total: 4 \(\u001b\[1;31mCRITICAL\u001b\[0m: 2, \u001b\[31mHIGH\u001b\[0m: 0/);
      assert.equal(coloured.replace(/\u001b\[[0-9;]*m/g, ''), plain, 'colour never moves a column');
    });

    it('says so when nothing was found, and shows the total', () => {
      const text = encodeTable(cleanScan());
      assert.ok(
        text.endsWith(
          '\nNo vulnerabilities found.\n\nTotal: 0 (CRITICAL: 0, HIGH: 0, MEDIUM: 0, LOW: 0, UNKNOWN: 0)\n',
        ),
      );
    });

    it('escapes scanned text, classes packages without an OS, lists ignored findings and errors', () => {
      const text = encodeTable(awkwardFindingsScan());
      assert.doesNotMatch(text, /\u001b/);
      assert.match(text, /\\x1b\[31mescapes/);
      assert.match(text, /^OS packages$/m);
      assert.match(text, /^Node\.js$/m);
      assert.match(text, /suppressed \(ignore\)/);
      assert.match(text, /\nSuppressed: 1 \(ignore: 1; /);
      assert.match(text, /\n {2}no-such-package: bad\\x1b\[2J version\n/);
      assert.match(text, /\nErrors:\n {2}javascript\/package-lock/);
    });
  });
});
