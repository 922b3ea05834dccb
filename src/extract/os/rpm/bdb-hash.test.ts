import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { BulwarkError } from '../../../core/errors.ts';
import {
  asGoRpmdb,
  goRpmdbDatabase,
  goRpmdbExpected,
  goRpmdbFileList,
  readAllRecords,
  sortPackages,
} from '../../../test-support/rpm/go-rpmdb-fixtures.ts';
import { reloadBdb, rpmQueryAll } from '../../../test-support/rpm/rpm-test-tools.ts';
import { bdbHashValues } from './bdb-hash.ts';

// Real CentOS databases from Debian's golang-github-knqyf263-go-rpmdb-dev, and the packages
// go-rpmdb's own tests expect in them (recorded with rpm -qa inside each CentOS image).
const DATABASES: Record<string, string> = {
  'centos5-plain': 'CentOS5Plain',
  'centos6-plain': 'CentOS6Plain',
  'centos6-devtools': 'CentOS6DevTools',
  'centos6-many': 'CentOS6Many',
  'centos7-plain': 'CentOS7Plain',
  'centos7-devtools': 'CentOS7DevTools',
  'centos7-many': 'CentOS7Many',
  'centos7-python35': 'CentOS7Python35',
  'centos7-httpd24': 'CentOS7Httpd24',
  'centos8-modularitylabel': 'CentOS8Modularitylabel',
};

const tmp = mkdtempSync(join(tmpdir(), 'bulwark-bdb-'));
after(() => rmSync(tmp, { recursive: true, force: true }));

const read = (name: string) => new Uint8Array(readFileSync(goRpmdbDatabase(name)));
const withoutKeys = <T extends { name: string }>(list: T[]) => list.filter((p) => p.name !== 'gpg-pubkey');

describe('bdbHashValues on real CentOS 5–8 databases', () => {
  for (const [database, variable] of Object.entries(DATABASES)) {
    test(`${database}: every package matches go-rpmdb's expected list`, () => {
      const { records, problems } = readAllRecords(bdbHashValues(read(database)));
      assert.deepEqual(problems, []);
      const got = sortPackages(withoutKeys(records.map(asGoRpmdb)));
      const want = sortPackages(withoutKeys(goRpmdbExpected(variable)));
      assert.ok(want.length > 100, 'the expected list was read');
      assert.deepEqual(got, want);
    });
  }

  const fileLists = [
    ['centos5-plain', 'python', 'CentOS5PythonInstalledFiles'],
    ['centos6-plain', 'glibc', 'CentOS6GlibcInstalledFiles'],
    ['centos8-modularitylabel', 'nodejs', 'CentOS8NodejsInstalledFiles'],
  ] as const;
  for (const [database, name, variable] of fileLists) {
    test(`${database}: the files of ${name} are rpm -ql's`, () => {
      const { records } = readAllRecords(bdbHashValues(read(database)));
      const pkg = records.find((r) => r.name === name);
      assert.ok(pkg);
      assert.deepEqual(
        pkg.files,
        goRpmdbFileList(variable).map((f) => f.slice(1)),
      );
    });
  }

  test('centos7-plain: every file list equals what real rpm (bdb_ro backend) lists', () => {
    // rpm's read-only BerkeleyDB backend wants the file named Packages in a --dbpath directory.
    const dbpath = join(tmp, 'c7-rpm');
    mkdirSync(dbpath);
    copyFileSync(goRpmdbDatabase('centos7-plain'), join(dbpath, 'Packages'));
    const query = rpmQueryAll(dbpath, 'bdb_ro', '@@%{NAME}.%{VERSION}-%{RELEASE}.%{ARCH}\n[%{FILENAMES}\n]');
    const want = new Map<string, string[]>();
    for (const chunk of query.split('@@').slice(1)) {
      const [nevra, ...files] = chunk.trimEnd().split('\n');
      // rpm prints "(contains no files)" for an empty list; the root directory "/" (owned by
      // the filesystem package) has no relative path and is left out.
      want.set(
        nevra!,
        files.filter((f) => f.startsWith('/') && f !== '/').map((f) => f.slice(1)),
      );
    }
    const { records } = readAllRecords(bdbHashValues(read('centos7-plain')));
    const got = new Map(
      records.map((r) => [`${r.name}.${r.version}-${r.release}.${r.arch ?? '(none)'}`, r.files]),
    );
    assert.equal(got.size, want.size);
    for (const [nevra, files] of want) assert.deepEqual(got.get(nevra), files, nevra);
  });
});

describe('bdbHashValues on byte orders, page sizes and checksums', () => {
  // Berkeley DB's own db_dump/db_load rewrite a real database with other settings, as other
  // hosts and configurations would have written it.
  const source = goRpmdbDatabase('centos7-plain');
  const original = readAllRecords(bdbHashValues(read('centos7-plain')));
  const variants: { byteOrder: 1234 | 4321; pageSize: number; checksum?: boolean }[] = [
    { byteOrder: 4321, pageSize: 512 },
    { byteOrder: 1234, pageSize: 65536 },
    { byteOrder: 4321, pageSize: 8192, checksum: true },
  ];
  for (const variant of variants) {
    test(`byte order ${variant.byteOrder}, ${variant.pageSize}-byte pages${variant.checksum ? ', checksums' : ''}`, () => {
      const file = reloadBdb(source, join(tmp, `reload-${variant.byteOrder}-${variant.pageSize}`), variant);
      const bytes = new Uint8Array(readFileSync(file));
      const got = readAllRecords(bdbHashValues(bytes));
      assert.deepEqual(got.problems, []);
      assert.deepEqual(sortPackages(got.records), sortPackages(original.records));
      if (variant.pageSize === 65536) {
        // Values up to a quarter page stay on the page: the non-overflow path is exercised.
        assert.ok(onPageValues(bytes, 65536) > 10);
      }
    });
  }
});

/** Values stored on hash pages rather than in overflow chains (H_KEYDATA items, LE file). */
function onPageValues(bytes: Uint8Array, pageSize: number): number {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let count = 0;
  for (let page = 1; page < bytes.length / pageSize; page++) {
    const start = page * pageSize;
    if (view.getUint8(start + 25) !== 13) continue;
    const entries = view.getUint16(start + 20, true);
    for (let i = 1; i < entries; i += 2) {
      const offset = view.getUint16(start + 26 + i * 2, true);
      const end = view.getUint16(start + 26 + (i - 1) * 2, true);
      if (view.getUint8(start + offset) === 1 && end - offset > 1000) count++;
    }
  }
  return count;
}

describe('bdbHashValues on damaged databases', () => {
  const PAGE = 4096;
  const original = () => read('centos7-plain');

  test('a bad metadata page throws a parse error naming the problem', () => {
    const badMagic = original();
    badMagic.fill(0, 12, 16);
    assert.throws(
      () => [...bdbHashValues(badMagic)],
      (e: unknown) => e instanceof BulwarkError && /magic/.test(e.message),
    );
    const badPageSize = original();
    new DataView(badPageSize.buffer).setUint32(20, 1000, true);
    assert.throws(() => [...bdbHashValues(badPageSize)], /invalid page size 1000/);
    assert.throws(() => [...bdbHashValues(new Uint8Array(100))], /smaller than one page/);
  });

  test('a truncated file yields what survives and says it is truncated', { timeout: 10_000 }, () => {
    const bytes = original();
    const { records, problems } = readAllRecords(bdbHashValues(bytes.subarray(0, PAGE * 1500)));
    assert.ok(problems.some((p) => /truncated/.test(p)));
    assert.ok(problems.some((p) => /outside the file/.test(p)));
    assert.ok(records.length > 0 && records.length < 144);
  });

  test('an overflow chain that loops back is reported, not followed forever', { timeout: 10_000 }, () => {
    const bytes = original();
    const view = new DataView(bytes.buffer);
    const [first, second] = firstOverflowChain(view, PAGE);
    view.setUint32(second * PAGE + 16, first, true); // second page's next → first page
    const { records, problems } = readAllRecords(bdbHashValues(bytes));
    assert.ok(problems.some((p) => /loops back/.test(p)));
    assert.equal(records.length, 143);
  });

  test('garbage in every data page ends with problems, never a hang or a throw', { timeout: 10_000 }, () => {
    const bytes = original();
    let seed = 12345;
    for (let i = PAGE; i < bytes.length; i++) {
      seed = (seed * 1103515245 + 12345) >>> 0;
      bytes[i] = seed >>> 24;
    }
    // Keep some pages looking like hash pages so their garbage items are actually walked.
    for (let page = 1; page < bytes.length / PAGE; page += 3) bytes[page * PAGE + 25] = 13;
    const { problems } = readAllRecords(bdbHashValues(bytes));
    assert.ok(problems.length > 0);
  });
});

/** The first two pages of the first overflow chain of at least two pages. */
function firstOverflowChain(view: DataView, pageSize: number): [number, number] {
  for (let page = 1; page < view.byteLength / pageSize; page++) {
    const start = page * pageSize;
    if (view.getUint8(start + 25) !== 13) continue;
    const entries = view.getUint16(start + 20, true);
    for (let i = 1; i < entries; i += 2) {
      const offset = start + view.getUint16(start + 26 + i * 2, true);
      if (view.getUint8(offset) !== 3) continue;
      const first = view.getUint32(offset + 4, true);
      const second = view.getUint32(first * pageSize + 16, true);
      if (second !== 0) return [first, second];
    }
  }
  throw new Error('no overflow chain found');
}
