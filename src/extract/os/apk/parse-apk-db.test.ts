import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { syftCases, syftFixture } from '../../../test-support/syft-expected.ts';
import { parseApkDb } from './parse-apk-db.ts';

interface SyftApkEntry {
  Package: string;
  OriginPackage: string;
  Version: string;
  Architecture: string;
  Maintainer: string;
  URL: string;
  Description: string;
  Size: number;
  InstalledSize: number;
  Dependencies: string[];
  Provides: string[];
  Checksum: string;
  GitCommit: string;
  Files: { Path: string }[];
}

/** The `F:` folders of a db text: Syft lists them among the files, we do not. */
const folders = (text: string) =>
  new Set(
    text
      .split('\n')
      .filter((l) => l.startsWith('F:'))
      .map((l) => l.slice(2)),
  );

describe('parseApkDb against Syft TestSinglePackageDetails', () => {
  for (const c of syftCases('alpine', 'TestSinglePackageDetails')) {
    const fixture = c.case.fixture as string;
    it(fixture, () => {
      const text = readFileSync(syftFixture('alpine', fixture), 'utf8');
      const { records, warnings } = parseApkDb(text);
      assert.deepEqual(warnings, []);
      assert.equal(records.length, 1);
      const r = records[0]!;
      const want = (c.expected as { Metadata: SyftApkEntry }).Metadata;
      const dirs = folders(text);
      assert.deepEqual(
        {
          name: r.name,
          origin: r.origin,
          version: r.version,
          arch: r.arch,
          maintainer: r.maintainer,
          url: r.url,
          description: r.description,
          size: r.size,
          installedSize: r.installedSize,
          depends: r.depends,
          provides: r.provides,
          checksum: r.checksum,
          commit: r.commit,
          files: r.files,
        },
        {
          name: want.Package,
          origin: want.OriginPackage,
          version: want.Version,
          arch: want.Architecture,
          maintainer: want.Maintainer,
          url: want.URL,
          description: want.Description,
          size: want.Size,
          installedSize: want.InstalledSize,
          depends: want.Dependencies,
          provides: want.Provides,
          checksum: want.Checksum,
          commit: want.GitCommit,
          files: want.Files.map((f) => f.Path.slice(1)).filter((p) => !dirs.has(p)),
        },
      );
    });
  }

  it('single: licence and build time as written', () => {
    const [r] = parseApkDb(readFileSync(syftFixture('alpine', 'testdata/single'), 'utf8')).records;
    assert.equal(r!.license, 'MIT BSD GPL2+');
    assert.equal(r!.buildTime, 1584790550);
  });

  it('Syft TestExtraFileAttributes: the checksum after a:uid:gid:mode is ignored; folders are not files', () => {
    const [r] = parseApkDb(
      readFileSync(syftFixture('alpine', 'testdata/extra-file-attributes'), 'utf8'),
    ).records;
    assert.deepEqual(r!.files, ['usr/lib/jvm/java-1.8-openjdk/bin/policytool']);
  });

  it('Syft TestParseApkDBAllowsLargeFieldValues: a 70 KiB description', () => {
    const text = [
      'P:large-description',
      'V:1.0-r0',
      'A:x86_64',
      'S:1',
      'I:1',
      `T:${'a'.repeat(70 * 1024)}`,
      '',
    ].join('\n');
    const { records } = parseApkDb(text);
    assert.deepEqual(
      records.map((r) => r.name),
      ['large-description'],
    );
  });

  it('corrupt (Syft Test_corruptDb): the junk record is a warning, the next one is read', () => {
    const { records, warnings } = parseApkDb(
      readFileSync(syftFixture('alpine', 'testdata/corrupt/lib/apk/db/installed'), 'utf8'),
    );
    assert.deepEqual(
      records.map((r) => `${r.name}@${r.version}`),
      ['alpine-baselayout-data@3.2.0-r22'],
    );
    assert.deepEqual(warnings, [
      "record at line 1 skipped: line 1: expected 'X:value', found 'this is a corrupt db'",
    ]);
  });

  it('records without P: or V:', () => {
    const { records, warnings } = parseApkDb('V:1.0-r0\nA:x86_64\n\nP:noversion\n');
    assert.deepEqual(
      records.map((r) => [r.name, r.version]),
      [['noversion', '']],
    );
    assert.deepEqual(warnings, [
      'record at line 1 skipped: it has no package name (P:)',
      'package noversion (line 4) has no version (V:)',
    ]);
  });
});
