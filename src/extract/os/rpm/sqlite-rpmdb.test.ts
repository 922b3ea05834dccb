import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import Database from 'better-sqlite3';
import {
  asGoRpmdb,
  goRpmdbDatabase,
  goRpmdbExpected,
  readAllRecords,
  sortPackages,
} from '../../../test-support/rpm/go-rpmdb-fixtures.ts';
import {
  buildRpm,
  installIntoSqliteDb,
  rebuildAsSqlite,
  rpmQueryAll,
} from '../../../test-support/rpm/rpm-test-tools.ts';
import { bdbHashValues } from './bdb-hash.ts';
import type { RpmPackageRecord } from './read-rpm-package.ts';
import { sqliteRpmdbBlobs } from './sqlite-rpmdb.ts';

const tmp = mkdtempSync(join(tmpdir(), 'bulwark-rpm-sqlite-'));
after(() => rmSync(tmp, { recursive: true, force: true }));

let built: string | undefined;
/** Two tiny real packages, built with rpmbuild and installed (database only) with rpm; made once. */
function builtDatabase(): string {
  built ??= buildDatabase();
  return built;
}

function buildDatabase(): string {
  const hello = buildRpm(tmp, {
    name: 'bulwark-hello',
    header: [
      'Epoch: 2',
      'Version: 1.2.3',
      'Release: 4.test',
      'License: MIT and ASL 2.0',
      'Vendor: Bulwark Tests',
      'Packager: Tester <tester@example.org>',
    ].join('\n'),
    files: { '/usr/share/bulwark-hello/hello.txt': 'hello', '/etc/bulwark-hello.conf': 'setting=1' },
    defines: { modularitylabel: 'bulwark:1:20240101:abcd' },
  });
  const tools = buildRpm(tmp, {
    name: 'bulwark-tools',
    header: 'Version: 0.9\nRelease: 1\nLicense: GPLv2+\nPackager: Tester <tester@example.org>',
    files: { '/usr/lib/bulwark/tools/a.txt': 'a', '/usr/lib/bulwark/b.txt': 'b' },
  });
  return installIntoSqliteDb(join(tmp, 'built'), [hello, tools]);
}

/** rpm query tags and the record fields they fill. */
const QUERY_FIELDS: Record<string, keyof RpmPackageRecord> = {
  NAME: 'name',
  EPOCH: 'epoch',
  VERSION: 'version',
  RELEASE: 'release',
  ARCH: 'arch',
  SOURCERPM: 'sourceRpm',
  SIZE: 'size',
  LICENSE: 'license',
  VENDOR: 'vendor',
  PACKAGER: 'packager',
  MODULARITYLABEL: 'modularityLabel',
};

/** What `rpm -qa` says about every package, in the shape of our records. */
function rpmSays(dbpath: string): Record<string, unknown>[] {
  const tags = Object.keys(QUERY_FIELDS);
  const format = `@@${tags.map((t) => `%{${t}}`).join('|')}\n[%{FILENAMES}\n]`;
  return rpmQueryAll(dbpath, 'sqlite', format)
    .split('@@')
    .slice(1)
    .map((chunk) => {
      const [fields, ...files] = chunk.trimEnd().split('\n');
      const values = fields!.split('|');
      const record: Record<string, unknown> = {};
      tags.forEach((tag, i) => {
        const value = values[i]!;
        if (value === '(none)') return; // rpm's text for an absent tag
        record[QUERY_FIELDS[tag]!] = tag === 'EPOCH' || tag === 'SIZE' ? Number(value) : value;
      });
      record.files = files.filter((f) => f.startsWith('/')).map((f) => f.slice(1));
      return record;
    });
}

function readSqlite(bytes: Uint8Array): { records: RpmPackageRecord[]; problems: string[] } {
  return readAllRecords(sqliteRpmdbBlobs(bytes));
}

describe('sqliteRpmdbBlobs on databases made by rpm', () => {
  test('packages built with rpmbuild and installed with rpm read as rpm -qa lists them', () => {
    const file = builtDatabase();
    const { records, problems } = readSqlite(new Uint8Array(readFileSync(file)));
    assert.deepEqual(problems, []);
    const want = sortPackages(rpmSays(join(tmp, 'built')) as unknown as RpmPackageRecord[]);
    assert.equal(want.length, 2);
    assert.deepEqual(sortPackages(records), want);
    assert.equal(records.find((r) => r.name === 'bulwark-hello')?.modularityLabel, 'bulwark:1:20240101:abcd');
  });

  test('CentOS 8 converted by rpmdb --rebuilddb reads as the BerkeleyDB original', {
    timeout: 120_000,
  }, () => {
    const source = goRpmdbDatabase('centos8-modularitylabel');
    const file = rebuildAsSqlite(source, join(tmp, 'centos8'));
    const { records, problems } = readSqlite(new Uint8Array(readFileSync(file)));
    assert.deepEqual(problems, []);
    const expected = goRpmdbExpected('CentOS8Modularitylabel').filter((p) => p.name !== 'gpg-pubkey');
    const got = records.map(asGoRpmdb).filter((p) => p.name !== 'gpg-pubkey');
    assert.deepEqual(sortPackages(got), sortPackages(expected));
    const original = readAllRecords(bdbHashValues(new Uint8Array(readFileSync(source)))).records;
    assert.deepEqual(sortPackages(records), sortPackages(original), 'file lists too');
  });
});

describe('sqliteRpmdbBlobs on damaged databases', () => {
  const real = () => new Uint8Array(readFileSync(builtDatabase()));

  test('garbage after the SQLite signature throws a parse error', () => {
    const bytes = real();
    bytes.fill(0x5a, 100);
    assert.throws(() => [...sqliteRpmdbBlobs(bytes)], /SQLite cannot read it/);
  });

  test('a truncated database throws or reports, never hangs', { timeout: 10_000 }, () => {
    const bytes = real();
    try {
      const { records } = readSqlite(bytes.subarray(0, Math.floor(bytes.length / 3)));
      assert.ok(records.length <= 2);
    } catch (e) {
      assert.match(String(e), /SQLite cannot read it/);
    }
  });

  test('a SQLite database without a Packages table is refused', () => {
    const db = new Database(':memory:');
    db.exec('CREATE TABLE Other (x)');
    const bytes = db.serialize();
    db.close();
    assert.throws(() => [...sqliteRpmdbBlobs(bytes)], /no Packages table/);
  });

  test('a damaged blob in one row is reported and the other rows are read', () => {
    const db = new Database(asRollbackJournal(real()));
    db.prepare('UPDATE Packages SET blob = ? WHERE hnum = (SELECT min(hnum) FROM Packages)').run(
      Buffer.from('not a header'),
    );
    const bytes = db.serialize();
    db.close();
    const { records, problems } = readSqlite(bytes);
    assert.equal(records.length, 1);
    assert.equal(problems.length, 1);
    assert.match(problems[0]!, /implausible|truncated/);
  });

  test('an abandoned walk closes the database', () => {
    const walk = sqliteRpmdbBlobs(real());
    assert.equal(walk.next().done, false);
    assert.equal(walk.return(undefined).done, true);
  });
});

/** rpm leaves its database in WAL mode, which SQLite cannot open in memory; flip it for editing. */
function asRollbackJournal(bytes: Uint8Array): Buffer {
  const copy = Buffer.from(bytes);
  copy[18] = 1;
  copy[19] = 1;
  return copy;
}
