import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { goRpmdbDatabase } from '../../../test-support/rpm/go-rpmdb-fixtures.ts';
import { bdbHashValues } from './bdb-hash.ts';
import { parseHeaderBlob } from './header-blob.ts';
import { readRpmPackage } from './read-rpm-package.ts';
import { RpmTag, RpmType } from './rpm-tags.ts';

/** The real header blob of one package of the CentOS 7 database. */
function realBlob(name: string): Uint8Array {
  for (const blob of bdbHashValues(new Uint8Array(readFileSync(goRpmdbDatabase('centos7-plain'))))) {
    if (!blob.ok) continue;
    const header = parseHeaderBlob(blob.value);
    if (header.ok && header.value.string(RpmTag.NAME) === name) return Uint8Array.from(blob.value);
  }
  throw new Error(`centos7-plain has no ${name}`);
}

interface IndexEntry {
  readonly index: number;
  readonly tag: number;
  readonly type: number;
  readonly offset: number;
  readonly count: number;
}

function indexEntries(blob: Uint8Array): IndexEntry[] {
  const view = new DataView(blob.buffer, blob.byteOffset);
  return Array.from({ length: view.getUint32(0) }, (_, index) => {
    const at = 8 + index * 16;
    const [tag, type, offset, count] = [0, 4, 8, 12].map((o) => view.getInt32(at + o));
    return { index, tag: tag!, type: type!, offset: offset!, count: count! };
  });
}

/** A copy of `blob` with the big-endian 32-bit value at `at` replaced. */
function withU32(blob: Uint8Array, at: number, value: number): Uint8Array {
  const copy = Uint8Array.from(blob);
  new DataView(copy.buffer).setInt32(at, value);
  return copy;
}

/** A copy of `blob` with one field (0 tag, 4 type, 8 offset, 12 count) of an index entry set. */
function withEntryField(blob: Uint8Array, index: number, field: 0 | 4 | 8 | 12, value: number): Uint8Array {
  return withU32(blob, 8 + index * 16 + field, value);
}

const bash = realBlob('bash');
const entries = indexEntries(bash);
const dl = new DataView(bash.buffer).getUint32(4);
const dataStart = 8 + entries.length * 16;

describe('parseHeaderBlob on a real header', () => {
  test('reads strings, i18n strings, string arrays and integers', () => {
    const parsed = parseHeaderBlob(bash);
    assert.ok(parsed.ok);
    const h = parsed.value;
    assert.equal(h.string(RpmTag.NAME), 'bash');
    assert.equal(h.string(RpmTag.VERSION), '4.2.46');
    assert.equal(h.string(RpmTag.SOURCERPM), 'bash-4.2.46-30.el7.src.rpm');
    assert.equal(h.string(1004), 'The GNU Bourne Again shell'); // SUMMARY, an I18NSTRING
    assert.ok(h.strings(RpmTag.BASENAMES)!.includes('bash'));
    assert.deepEqual(h.integers(RpmTag.SIZE), [3667709]);
    assert.equal(h.integers(RpmTag.NAME), undefined, 'a string is no integer');
    assert.equal(h.string(RpmTag.BASENAMES), undefined, 'an array is no single string');
    assert.equal(h.has(RpmTag.EPOCH), false);
  });

  test('the header starts with the immutable region and has dribble entries after it', () => {
    assert.equal(entries[0]!.tag, RpmTag.HEADERIMMUTABLE);
    const trailer = new DataView(bash.buffer, dataStart + entries[0]!.offset);
    const regionEntries = -trailer.getInt32(8) / 16;
    assert.ok(regionEntries < entries.length, 'rpm added install-time entries after the region');
  });

  test('readRpmPackage gives the package fields and full file paths', () => {
    const parsed = parseHeaderBlob(bash);
    assert.ok(parsed.ok);
    const record = readRpmPackage(parsed.value);
    assert.ok(record.ok);
    assert.equal(record.value.release, '30.el7');
    assert.equal(record.value.arch, 'x86_64');
    assert.equal(record.value.license, 'GPLv3+');
    assert.equal(record.value.vendor, 'CentOS');
    assert.equal(record.value.packager, 'CentOS BuildSystem <http://bugs.centos.org>');
    assert.equal(record.value.epoch, undefined);
    assert.ok(record.value.files.includes('usr/bin/bash'));
    assert.ok(record.value.files.every((f) => !f.startsWith('/')));
  });
});

describe('parseHeaderBlob on damaged headers', () => {
  const firstOfType = (type: number) => entries.find((e) => e.index > 0 && e.type === type)!;
  const string = firstOfType(RpmType.STRING);
  const nextString = entries.find((e) => e.index > string.index && e.type === RpmType.STRING)!;
  const int32 = firstOfType(RpmType.INT32);
  const array = firstOfType(RpmType.STRING_ARRAY);

  const cases: [string, Uint8Array, RegExp][] = [
    ['shorter than the preamble', bash.subarray(0, 5), /shorter than its 8-byte preamble/],
    ['truncated', bash.subarray(0, bash.length - 100), /truncated/],
    ['no entries', withU32(bash, 0, 0), /implausible entry count 0/],
    ['too many entries', withU32(bash, 0, 0x10000), /implausible entry count/],
    ['too much data', withU32(bash, 4, 0x1000000), /implausible data size/],
    ['offset past the data', withEntryField(bash, string.index, 8, dl + 5), /outside the/],
    ['negative offset', withEntryField(bash, string.index, 8, -4), /outside the/],
    ['unknown type', withEntryField(bash, string.index, 4, 42), /invalid type 42/],
    ['zero count', withEntryField(bash, string.index, 12, 0), /invalid count 0/],
    ['misaligned integer', withEntryField(bash, int32.index, 8, int32.offset + 1), /misaligned/],
    ['array running past the data', withEntryField(bash, array.index, 12, dl), /runs past the end/],
    ['STRING with two elements', withEntryField(bash, string.index, 12, 2), /runs past the end|overlaps/],
    ['overlapping entries', withEntryField(bash, nextString.index, 8, string.offset), /overlaps/],
    ['region tag with a wrong count', withEntryField(bash, 0, 12, 3), /region tag 63 is malformed/],
    ['region trailer out of range', withEntryField(bash, 0, 8, dl), /trailer is out of range/],
  ];
  for (const [name, blob, message] of cases) {
    test(name, () => {
      const parsed = parseHeaderBlob(blob);
      assert.equal(parsed.ok, false);
      if (!parsed.ok) assert.match(parsed.error, message);
    });
  }

  test('a damaged region trailer', () => {
    const parsed = parseHeaderBlob(withU32(bash, dataStart + entries[0]!.offset, 1000));
    assert.ok(!parsed.ok && /malformed trailer/.test(parsed.error));
  });

  test('a directory index pointing nowhere keeps the package but reports its file list', () => {
    const dirIndexes = entries.find((e) => e.tag === RpmTag.DIRINDEXES)!;
    const parsed = parseHeaderBlob(withU32(bash, dataStart + dirIndexes.offset, 9999));
    assert.ok(parsed.ok);
    const record = readRpmPackage(parsed.value);
    assert.ok(record.ok);
    assert.deepEqual(record.value.files, []);
    assert.match(record.value.problem ?? '', /bash: file .* points to missing directory 9999/);
  });

  test('a header without NAME is refused', () => {
    const name = entries.find((e) => e.tag === RpmTag.NAME)!;
    const parsed = parseHeaderBlob(withEntryField(bash, name.index, 0, 999_999));
    assert.ok(parsed.ok);
    const record = readRpmPackage(parsed.value);
    assert.ok(!record.ok && /no NAME/.test(record.error));
  });

  test('random corruption never throws and never hangs', { timeout: 20_000 }, () => {
    let seed = 42;
    const random = (n: number) => {
      seed = (seed * 1103515245 + 12345) >>> 0;
      return seed % n;
    };
    let refused = 0;
    for (let round = 0; round < 3000; round++) {
      const copy = Uint8Array.from(bash);
      // Hit the index more often than the data: that is where the offsets live.
      const span = round % 2 === 0 ? dataStart : copy.length;
      for (let flips = 1 + random(6); flips > 0; flips--) copy[random(span)] = random(256);
      const parsed = parseHeaderBlob(copy);
      if (!parsed.ok) {
        refused++;
        continue;
      }
      const record = readRpmPackage(parsed.value);
      if (record.ok) assert.ok(Array.isArray(record.value.files));
    }
    assert.ok(refused > 100, `most corruptions of the index are refused (${refused})`);
  });
});
