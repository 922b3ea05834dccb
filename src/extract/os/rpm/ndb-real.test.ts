import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import type { Inventory } from '../../../core/inventory.ts';
import type { Package } from '../../../core/package.ts';
import { extractInput } from '../../../test-support/extract-input.ts';
import { memFs } from '../../../test-support/mem-fs.ts';
import { readAllRecords } from '../../../test-support/rpm/go-rpmdb-fixtures.ts';
import { normalizeLicense } from '../../license/normalize-license.ts';
import { ndbBlobs } from './ndb.ts';
import { rpmExtractor } from './rpm.ts';

/*
 * Real ndb databases written by rpm 4.18.0 built with --enable-ndb (testdata/ndb/README.md):
 * three tiny packages (one erased again), 297 empty ones over two slot pages, and CentOS 7's
 * database converted from BerkeleyDB by `rpmdb --rebuilddb`. expected.tsv is that rpm's own
 * `rpm -qa --qf` output; *.files its `rpm -ql`.
 */

const PATH = 'usr/lib/sysimage/rpm/Packages.db';
const fixture = (db: string, file: string) => new URL(`testdata/ndb/${db}/${file}`, import.meta.url);
const database = (db: string) => new Uint8Array(readFileSync(fixture(db, 'Packages.db')));

/** One `rpm -qa --qf` row: NAME EPOCH VERSION RELEASE ARCH SOURCERPM LICENSE, `(none)` when absent. */
interface RpmRow {
  readonly name: string;
  readonly epoch: string;
  readonly version: string;
  readonly release: string;
  readonly arch: string;
  readonly sourceRpm: string;
  readonly license: string;
}

function expectedRows(db: string): RpmRow[] {
  return readFileSync(fixture(db, 'expected.tsv'), 'utf8')
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => {
      const fields = line.split('\t');
      assert.equal(fields.length, 7, line);
      const [name, epoch, version, release, arch, sourceRpm, license] = fields as [
        string,
        string,
        string,
        string,
        string,
        string,
        string,
      ];
      return { name, epoch, version, release, arch, sourceRpm, license };
    });
}

/** `rpm -ql` output as the extractor reports files: no leading slash. */
function expectedFiles(db: string, file: string): string[] {
  return readFileSync(fixture(db, file), 'utf8')
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => line.replace(/^\//, ''));
}

const none = (value: string | number | undefined) => (value === undefined ? '(none)' : String(value));

/** The fields of a reported package that `rpm -qa --qf` prints, in its notation. */
function asRow(p: Package): Omit<RpmRow, 'version' | 'license'> & { evr: string; licenses: string[] } {
  return {
    name: p.name,
    epoch: none(p.metadata?.epoch as number | undefined),
    evr: p.version,
    release: none(p.metadata?.release as string | undefined),
    arch: none(p.arch),
    sourceRpm: none(p.metadata?.sourceRpm as string | undefined),
    licenses: [...p.licenses],
  };
}

/** What the extractor should report for an `rpm -qa` row (epoch written only when non-zero). */
function fromRpm(r: RpmRow): ReturnType<typeof asRow> {
  const epoch = r.epoch === '(none)' || r.epoch === '0' ? '' : `${r.epoch}:`;
  const release = r.release === '(none)' ? '' : `-${r.release}`;
  return {
    name: r.name,
    epoch: r.epoch,
    evr: `${epoch}${r.version}${release}`,
    release: r.release,
    arch: r.arch,
    sourceRpm: r.sourceRpm,
    licenses: r.license === '(none)' ? [] : [normalizeLicense(r.license)],
  };
}

const byName = <T extends { name: string }>(list: T[]) =>
  [...list].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));

async function extract(db: string): Promise<Inventory> {
  const input = await extractInput(memFs({ [PATH]: database(db) }), PATH);
  return rpmExtractor.extract(input);
}

const cases = [
  { db: 'tiny', packages: 3, slotPages: 1 },
  { db: 'many', packages: 297, slotPages: 2 },
  { db: 'centos7', packages: 144, slotPages: 1 },
];

describe('rpmExtractor on ndb databases written by rpm 4.18', () => {
  for (const { db, packages: count, slotPages } of cases) {
    test(`${db}: every package as rpm -qa reports it`, async () => {
      const rows = expectedRows(db).filter((r) => r.name !== 'gpg-pubkey');
      assert.equal(rows.length, count);
      const { packages, warnings } = await extract(db);
      assert.equal(warnings, undefined);
      assert.deepEqual(byName(packages.map(asRow)), byName(rows.map(fromRpm)));
      assert.equal(new Set(packages.map((p) => p.id)).size, packages.length);
      assert.ok(packages.every((p) => p.type === 'rpm' && p.locations[0]?.path === PATH));
      const pages = new DataView(database(db).buffer).getUint32(12, true);
      assert.equal(pages, slotPages, 'slot pages in the file header');
    });

    test(`${db}: the raw header fields, licence text included`, () => {
      const { records, problems } = readAllRecords(ndbBlobs(database(db)));
      assert.deepEqual(problems, []);
      const got = records.map((r) => ({
        name: r.name,
        epoch: none(r.epoch),
        version: r.version,
        release: none(r.release),
        arch: none(r.arch),
        sourceRpm: none(r.sourceRpm),
        license: none(r.license),
      }));
      assert.deepEqual(byName(got), byName(expectedRows(db)));
    });
  }

  test('tiny: the epoch, noarch and licence packages', async () => {
    const { packages } = await extract('tiny');
    const get = (name: string) => packages.find((p) => p.name === name)!;
    assert.equal(get('bulwark-epoch').version, '3:1.2.3-4.bw');
    assert.equal(get('bulwark-epoch').arch, 'x86_64');
    assert.equal(get('bulwark-noarch').arch, 'noarch');
    assert.equal(get('bulwark-files').metadata?.sourceRpm, 'bulwark-files-2.0.1-7.bw.src.rpm');
    assert.ok(!packages.some((p) => p.name === 'bulwark-erased'), 'the erased package is gone');
  });

  test('tiny: the erased package left a free slot, which is skipped', () => {
    const view = new DataView(database('tiny').buffer);
    // Block offsets of the first slots (after the 32-byte file header); 0 marks a free slot.
    const blkOffs = Array.from({ length: 6 }, (_, i) => view.getUint32(32 + i * 16 + 8, true));
    assert.equal(blkOffs.filter((off) => off !== 0).length, 3);
    const lastUsed = blkOffs.findLastIndex((off) => off !== 0);
    assert.ok(blkOffs.slice(0, lastUsed).includes(0), 'a free slot lies among the used ones');
  });

  test('tiny: the file list of bulwark-files as rpm -ql prints it', async () => {
    const { packages } = await extract('tiny');
    const files = packages.find((p) => p.name === 'bulwark-files')!.files;
    assert.deepEqual(files, expectedFiles('tiny', 'bulwark-files.files'));
    assert.deepEqual(files, [
      'etc/bulwark/files.conf',
      'usr/bin/bulwark-files',
      'usr/share/bulwark-files',
      'usr/share/bulwark-files/current',
      'usr/share/bulwark-files/data',
      'usr/share/bulwark-files/data/one.txt',
      'usr/share/bulwark-files/data/two.txt',
    ]);
  });

  test('centos7: the file list of bash as rpm -ql prints it', async () => {
    const { packages } = await extract('centos7');
    const bash = packages.find((p) => p.name === 'bash')!;
    const want = expectedFiles('centos7', 'bash.files');
    assert.ok(want.length > 100);
    assert.deepEqual(bash.files, want);
  });
});
