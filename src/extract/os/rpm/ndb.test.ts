import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { BulwarkError } from '../../../core/errors.ts';
import {
  goRpmdbDatabase,
  readAllRecords,
  sortPackages,
} from '../../../test-support/rpm/go-rpmdb-fixtures.ts';
import { packNdb } from '../../../test-support/rpm/pack-ndb.ts';
import { bdbHashValues } from './bdb-hash.ts';
import { ndbBlobs } from './ndb.ts';

// Debian's rpm is built without ndb, so the database is packed the way rpm's rpmpkg.c writes it
// (see pack-ndb.ts) from the real header blobs of the CentOS 8 database.
let realBlobs: Uint8Array[] | undefined;
function centos8Blobs(): Uint8Array[] {
  realBlobs ??= [
    ...bdbHashValues(new Uint8Array(readFileSync(goRpmdbDatabase('centos8-modularitylabel')))),
  ].flatMap((b) => (b.ok ? [b.value] : []));
  return realBlobs;
}

const SLOT_PAGES_AT = 12;
const FIRST_SLOT = 32;

describe('ndbBlobs', () => {
  test('reads every package of a database spanning several slot pages', () => {
    const blobs = centos8Blobs();
    const db = packNdb(blobs);
    const slotPages = new DataView(db.buffer).getUint32(SLOT_PAGES_AT, true);
    assert.ok(slotPages >= 2, 'more than 254 packages need a second slot page');
    const got = readAllRecords(ndbBlobs(db));
    assert.deepEqual(got.problems, []);
    assert.equal(got.records.length, blobs.length);
    const original = readAllRecords(blobs.map((b) => ({ ok: true as const, value: b })));
    assert.deepEqual(sortPackages(got.records), sortPackages(original.records));
  });

  test('free slots are skipped', () => {
    const db = packNdb(centos8Blobs().slice(0, 3));
    new DataView(db.buffer).setUint32(FIRST_SLOT + 16 + 8, 0, true); // second slot: blkoff 0 = free
    assert.equal(readAllRecords(ndbBlobs(db)).records.length, 2);
  });
});

describe('ndbBlobs on damaged databases', () => {
  const small = () => packNdb(centos8Blobs().slice(0, 3));

  test('a bad file header throws a parse error', () => {
    const badMagic = small();
    badMagic[0] = 0;
    assert.throws(
      () => [...ndbBlobs(badMagic)],
      (e: unknown) => e instanceof BulwarkError && /bad magic/.test(e.message),
    );
    const badVersion = small();
    new DataView(badVersion.buffer).setUint32(4, 7, true);
    assert.throws(() => [...ndbBlobs(badVersion)], /unsupported version 7/);
    const tooManyPages = small();
    new DataView(tooManyPages.buffer).setUint32(SLOT_PAGES_AT, 0xffffffff, true);
    assert.throws(() => [...ndbBlobs(tooManyPages)], /slot pages do not fit/);
    assert.throws(() => [...ndbBlobs(small().subarray(0, 20))], /smaller than the file header/);
  });

  const slotCases: [string, (view: DataView) => void, RegExp][] = [
    ['slot magic', (v) => v.setUint32(FIRST_SLOT, 0, true), /bad magic; slot skipped/],
    [
      'blob past the end',
      (v) => v.setUint32(FIRST_SLOT + 8, 0x7fffffff, true),
      /points outside the blob area/,
    ],
    [
      'blob inside the slot pages',
      (v) => v.setUint32(FIRST_SLOT + 8, 3, true),
      /points outside the blob area/,
    ],
    [
      'blob head magic',
      (v) => v.setUint32(v.getUint32(FIRST_SLOT + 8, true) * 16, 0, true),
      /bad head magic/,
    ],
    [
      'blob of another package',
      (v) => v.setUint32(v.getUint32(FIRST_SLOT + 8, true) * 16 + 4, 99, true),
      /belongs to another package/,
    ],
    [
      'blob length',
      (v) => v.setUint32(v.getUint32(FIRST_SLOT + 8, true) * 16 + 12, 5, true),
      /does not match its/,
    ],
    [
      'blob tail',
      (v) => {
        const end = (v.getUint32(FIRST_SLOT + 8, true) + v.getUint32(FIRST_SLOT + 12, true)) * 16;
        v.setUint32(end - 4, 0, true);
      },
      /damaged tail/,
    ],
  ];
  for (const [name, damage, message] of slotCases) {
    test(`a damaged ${name} loses one package and keeps the others`, () => {
      const db = small();
      damage(new DataView(db.buffer));
      const { records, problems } = readAllRecords(ndbBlobs(db));
      assert.equal(records.length, 2);
      assert.equal(problems.length, 1);
      assert.match(problems[0]!, message);
    });
  }

  test('garbage slot pages end with problems, never a hang', { timeout: 10_000 }, () => {
    const db = packNdb(centos8Blobs());
    let seed = 7;
    const slotBytes = new DataView(db.buffer).getUint32(SLOT_PAGES_AT, true) * 4096;
    for (let i = FIRST_SLOT; i < slotBytes; i++) {
      seed = (seed * 1103515245 + 12345) >>> 0;
      if (i % 16 >= 4) db[i] = seed >>> 24; // keep the slot magics so the entries are used
    }
    const { problems } = readAllRecords(ndbBlobs(db));
    assert.ok(problems.length > 0);
  });
});
