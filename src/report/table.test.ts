import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Package } from '../core/package.ts';
import type { ScanResult } from '../core/scan-result.ts';
import { encodeTable } from './table.ts';
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
});
