import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import type { OsInfo } from '../../../core/os-info.ts';
import type { FileStat } from '../../../core/readonly-fs.ts';
import { extractInput } from '../../../test-support/extract-input.ts';
import { memFs } from '../../../test-support/mem-fs.ts';
import { runExtractor } from '../../../test-support/run-extractor.ts';
import { syftCases, syftFixture } from '../../../test-support/syft-expected.ts';
import { normalizeLicense } from '../../license/normalize-license.ts';
import { apkExtractor } from './apk.ts';
import { apkPurl } from './apk-package.ts';
import type { ApkRecord } from './parse-apk-db.ts';

const file: FileStat = { type: 'file', size: 1000, mode: 0o644 };
const alpine318: OsInfo = { id: 'alpine', versionId: '3.18.4', source: 'etc/os-release' };

interface SyftPkg {
  Name: string;
  Version: string;
  Licenses: { args: { args: unknown[] }[] };
  Metadata: {
    OriginPackage: string;
    Architecture: string;
    Maintainer: string;
    Dependencies: string[];
    Provides: string[];
  };
}
interface SyftFunctionLevel {
  go_test_func: string;
  expected: Record<string, unknown>;
}
const functionLevel = (name: string) => {
  const all = JSON.parse(readFileSync(syftFixture('alpine', 'expected.from-go-tests.json'), 'utf8')) as {
    function_level: SyftFunctionLevel[];
  };
  return all.function_level.find((f) => f.go_test_func === name)!.expected;
};

describe('apkExtractor.fileRequired', () => {
  const table: [string, boolean][] = [
    ['lib/apk/db/installed', true],
    ['usr/lib/apk/db/installed', true],
    ['lib/apk/db/installed.old', false],
    ['lib/apk/db/scripts.tar', false],
    ['lib/apk/db/triggers', false],
    ['etc/apk/world', false],
    ['x/lib/apk/db/installed', false],
  ];
  for (const [path, want] of table) {
    it(`${path} → ${want}`, () => assert.equal(apkExtractor.fileRequired(path, file), want));
  }
  it('not a folder', () =>
    assert.equal(apkExtractor.fileRequired('lib/apk/db/installed', { ...file, type: 'dir' }), false));
  it('Syft TestCataloger_Globs', () => {
    const [c] = syftCases('alpine', 'TestCataloger_Globs');
    for (const path of c!.expected as string[]) assert.ok(apkExtractor.fileRequired(path, file), path);
  });
});

describe('apkExtractor against Syft TestApkDBCataloger (multiple-1)', () => {
  it('packages, licences, origins and dependency edges', async () => {
    const run = await runExtractor(apkExtractor, syftFixture('alpine', 'testdata/multiple-1'), alpine318);
    const expected = functionLevel('TestApkDBCataloger') as {
      expectedPkgs: SyftPkg[];
      expectedRelationships: { From: SyftPkg; To: SyftPkg }[];
    };
    assert.deepEqual(
      run.packages.map((p) => ({
        name: p.name,
        version: p.version,
        arch: p.arch,
        origin: p.source?.name,
        maintainer: p.maintainer,
        licenses: p.licenses,
        depends: p.metadata?.depends,
        provides: p.metadata?.provides,
      })),
      expected.expectedPkgs.map((w) => ({
        name: w.Name,
        version: w.Version,
        arch: w.Metadata.Architecture,
        origin: w.Metadata.OriginPackage,
        maintainer: w.Metadata.Maintainer,
        licenses: w.Licenses.args.map((a) => normalizeLicense(a.args[1] as string)),
        depends: w.Metadata.Dependencies,
        provides: w.Metadata.Provides,
      })),
    );
    // Syft: From (the dependency) is a DependencyOf To (the dependent).
    const byName = new Map(run.packages.map((p) => [p.name, p]));
    const got = run.packages.flatMap((p) =>
      (p.dependsOn ?? []).map((id) => `${p.name} → ${run.packages.find((q) => q.id === id)?.name}`),
    );
    const want = expected.expectedRelationships.map((r) => `${r.To.Name} → ${r.From.Name}`);
    assert.deepEqual(got.sort(), want.sort());
    assert.equal(
      byName.get('busybox-binsh')?.purl,
      'pkg:apk/alpine/busybox-binsh@1.36.1-r15?arch=x86_64&distro=alpine-3.18.4&upstream=busybox',
    );
    assert.equal(
      byName.get('musl')?.purl,
      'pkg:apk/alpine/musl@1.2.4_git20230717-r4?arch=x86_64&distro=alpine-3.18.4',
    );
    assert.equal(byName.get('musl')?.id, 'apk:musl@1.2.4_git20230717-r4:x86_64');
    assert.equal(byName.get('musl')?.ecosystem, 'Alpine:v3.18');
    assert.deepEqual(byName.get('musl')?.files, ['lib/ld-musl-x86_64.so.1', 'lib/libc.musl-x86_64.so.1']);
    assert.deepEqual(byName.get('musl')?.locations, [{ path: 'lib/apk/db/installed' }]);
    assert.equal(byName.get('musl')?.foundBy, 'os/apk');
    assert.deepEqual(run.warnings, []);
  });
});

describe('apkExtractor against Syft TestCatalogerDependencyTree (multiple-2)', () => {
  it('dependency tree through so:, cmd: and names', async () => {
    const run = await runExtractor(apkExtractor, syftFixture('alpine', 'testdata/multiple-2'));
    const want = (functionLevel('TestCatalogerDependencyTree') as { expected: Record<string, string[]> })
      .expected;
    const got: Record<string, string[]> = {};
    for (const p of run.packages) {
      if (!p.dependsOn?.length) continue;
      got[p.name] = p.dependsOn.map((id) => run.packages.find((q) => q.id === id)!.name).sort();
    }
    assert.deepEqual(got, Object.fromEntries(Object.entries(want).map(([k, v]) => [k, [...v].sort()])));
  });
});

describe('apkPurl against Syft Test_PackageURL', () => {
  interface Row {
    metadata: {
      ApkDBEntry: { Package: string; Version: string; Architecture?: string; OriginPackage?: string };
    };
    distro: { ID: string; VersionID: string };
  }
  for (const c of syftCases('alpine', 'Test_PackageURL')) {
    const row = c.case as unknown as Row;
    const e = row.metadata.ApkDBEntry;
    it(`${e.Package} on ${row.distro.ID}`, () => {
      const r: ApkRecord = {
        name: e.Package,
        version: e.Version,
        ...(e.Architecture ? { arch: e.Architecture } : {}),
        origin: e.OriginPackage || e.Package,
        depends: [],
        provides: [],
        files: [],
        line: 1,
      };
      const os: OsInfo = { id: row.distro.ID, versionId: row.distro.VersionID, source: 'etc/os-release' };
      assert.equal(apkPurl(r, os), c.expected);
    });
  }
  it('without an OS: the alpine namespace, no distro', () => {
    const r: ApkRecord = {
      name: 'musl',
      version: '1.2.4-r2',
      arch: 'x86_64',
      origin: 'musl',
      depends: [],
      provides: [],
      files: [],
      line: 1,
    };
    assert.equal(apkPurl(r, undefined), 'pkg:apk/alpine/musl@1.2.4-r2?arch=x86_64');
  });
});

describe('apkExtractor: licences and bad input', () => {
  it('a space-separated licence list is split (Syft: MIT, BSD, GPL2+)', async () => {
    const fs = memFs({ 'lib/apk/db/installed': readFileSync(syftFixture('alpine', 'testdata/single')) });
    const { packages } = await apkExtractor.extract(await extractInput(fs, 'lib/apk/db/installed'));
    assert.deepEqual(packages[0]!.licenses, ['MIT', normalizeLicense('BSD'), 'GPL-2.0-or-later']);
  });

  it('corrupt db: one warning, the rest parsed, the layer on both', async () => {
    const fs = memFs({
      'lib/apk/db/installed': readFileSync(syftFixture('alpine', 'testdata/corrupt/lib/apk/db/installed')),
    });
    const inv = await apkExtractor.extract(
      await extractInput(fs, 'lib/apk/db/installed', { stat: { layer: { index: 1 } } }),
    );
    assert.deepEqual(
      inv.packages.map((p) => p.name),
      ['alpine-baselayout-data'],
    );
    assert.deepEqual(inv.packages[0]!.locations, [{ path: 'lib/apk/db/installed', layer: { index: 1 } }]);
    assert.deepEqual(inv.warnings, [
      {
        path: 'lib/apk/db/installed',
        stage: 'os/apk',
        layer: 1,
        message: "record at line 1 skipped: line 1: expected 'X:value', found 'this is a corrupt db'",
      },
    ]);
  });

  it('binary junk and empty files → one warning each, no packages', async () => {
    const fs = memFs({
      'lib/apk/db/installed': readFileSync(process.execPath).subarray(0, 65536),
      'usr/lib/apk/db/installed': '',
    });
    const junk = await apkExtractor.extract(await extractInput(fs, 'lib/apk/db/installed'));
    assert.deepEqual(junk.packages, []);
    assert.deepEqual(
      junk.warnings?.map((w) => w.message),
      ['not an apk database: the file is binary'],
    );
    const empty = await apkExtractor.extract(await extractInput(fs, 'usr/lib/apk/db/installed'));
    assert.deepEqual(
      empty.warnings?.map((w) => w.message),
      ['file is empty: no packages'],
    );
  });

  it('the same package twice, and a flood of junk: warnings, capped', async () => {
    const single = readFileSync(syftFixture('alpine', 'testdata/single'), 'utf8');
    const junk = Array.from({ length: 60 }, (_, i) => `junk ${i}\n`).join('\n');
    const fs = memFs({ 'lib/apk/db/installed': `${single}\n\n${single}\n\n${junk}` });
    const inv = await apkExtractor.extract(await extractInput(fs, 'lib/apk/db/installed'));
    assert.equal(inv.packages.length, 1);
    assert.equal(inv.warnings?.length, 51);
    assert.match(inv.warnings![50]!.message, /^…and 11 more problems like these$/);
  });

  it('glob-paths fixture (an empty db file) → a warning', async () => {
    const run = await runExtractor(apkExtractor, syftFixture('alpine', 'testdata/glob-paths'));
    assert.deepEqual(run.packages, []);
    assert.equal(run.warnings.length, 1);
  });

  it('stops when aborted', async () => {
    const ac = new AbortController();
    ac.abort();
    const fs = memFs({ 'lib/apk/db/installed': 'P:a\nV:1\n' });
    await assert.rejects(
      apkExtractor.extract(await extractInput(fs, 'lib/apk/db/installed', { signal: ac.signal })),
      {
        code: 'E_ABORTED',
      },
    );
  });
});
